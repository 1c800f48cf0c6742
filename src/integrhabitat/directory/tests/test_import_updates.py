"""Importing again: richer data is never overwritten by poorer, phones and descriptions come in clean, and
re-importing the directory's own export settles."""

import copy
import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from integrhabitat.audit.models import AuditEntry
from integrhabitat.directory.importer import import_dataset, read_dataset
from integrhabitat.directory.kinds import SERVICE_RELATED
from integrhabitat.partners.models import Organization
from integrhabitat.services.models import Service

EXAMPLE = Path(__file__).parent / "data" / "otro_directorio.json"
OPTIONS = {"sector": "cooperation", "scale": "municipal", "default_service_type": "I.orientation"}
REFUGIO = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c67c"
ADVICE = "ac148810-d857-441c-9679-408f346de14b"
DINING = "9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0"


def full_page() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def list_page() -> dict:
    """The same services as another directory's `/services` answers them (HSDS `service_list`): one-to-one
    fields only, the organization without its phones and locations, the description cut short."""
    page = full_page()
    for service in page["contents"]:
        for key in SERVICE_RELATED:
            service.pop(key, None)
        service["description"] = service["description"][:22] + "…"
        service["organization"] = {key: service["organization"][key] for key in ("id", "name", "description")}
    return page


def run(center, page: dict):
    return import_dataset(center, read_dataset(page), actor=None, **OPTIONS)


def updates(plan) -> tuple[int, int]:
    return plan.summary["organizations"]["update"], plan.summary["services"]["update"]


def test_a_service_list_does_not_overwrite_what_a_full_record_brought(world):
    run(world.center_a, full_page())
    rich = Service.objects.get(hsds_id=ADVICE).description
    dining = Service.objects.get(hsds_id=DINING).description
    assert "Kreyòl" in rich and "Orientación sobre regularización, permisos y refugio" in rich
    audit_count = AuditEntry.objects.count()

    for page in (list_page(), full_page(), list_page()):
        plan = run(world.center_a, page)
        assert updates(plan) == (0, 0)
        assert not plan.changes_anything

    assert Service.objects.get(hsds_id=ADVICE).description == rich
    assert Service.objects.get(hsds_id=DINING).description == dining
    refugio = Organization.objects.get(center=world.center_a, hsds_id=REFUGIO)
    assert refugio.contact_phone == "+57 601 555 1234" and refugio.address.startswith("Calle 57")
    assert AuditEntry.objects.count() == audit_count


def test_the_directorys_own_service_list_and_full_services_settle_in_either_order(world):
    full = Client().get("/api/hsds/services?full=true", secure=True).json()
    summaries = Client().get("/api/hsds/services", secure=True).json()
    run(world.center_b, full)
    kept = dict(Service.objects.filter(center=world.center_b, hsds_id__gt="").values_list("hsds_id", "description"))

    for page in (summaries, full, summaries):
        assert updates(run(world.center_b, page)) == (0, 0)

    assert dict(Service.objects.filter(center=world.center_b, hsds_id__gt="")
                .values_list("hsds_id", "description")) == kept


def test_a_newer_record_still_wins_when_it_says_something_new(world):
    run(world.center_a, full_page())
    summaries = list_page()
    summaries["contents"][2]["description"] = "Almuerzo y cena de lunes a domingo."  # news, in a summary
    assert updates(run(world.center_a, summaries)) == (0, 1)
    assert Service.objects.get(hsds_id=DINING).description.startswith("Almuerzo y cena de lunes a domingo.\n")

    changed = full_page()
    changed["contents"][0]["description"] = "Orientación."  # shorter, but a full record: the source's word
    plan = run(world.center_a, changed)
    assert [item.hsds_id for item in plan.services if item.action == "update"] == [ADVICE, DINING]
    assert Service.objects.get(hsds_id=ADVICE).description.startswith("Orientación.\n")
    assert Service.objects.get(hsds_id=DINING).description.startswith("Almuerzo caliente de lunes a sábado.\n")


def test_an_empty_value_never_replaces_a_stored_one(world):
    run(world.center_a, full_page())
    emptied = full_page()
    organization = emptied["contents"][0]["organization"]
    organization.update({"email": "", "website": None, "phones": [], "locations": []})
    assert updates(run(world.center_a, emptied)) == (0, 0)
    refugio = Organization.objects.get(center=world.center_a, hsds_id=REFUGIO)
    assert refugio.contact_email == "info@refugio-andino.example.org"
    assert refugio.website == "https://www.refugio-andino.example.org"


def test_phone_numbers_come_without_quotes_and_only_when_they_are_phone_numbers(world):
    page = full_page()
    organization = page["contents"][0]["organization"]
    organization["phones"] = [{"id": "p1", "number": '"+57 601 555 1234"'}]
    page["contents"][0]["phones"] = [{"id": "p2", "number": "'+57 601 555 1235"},
                                     {"id": "p3", "number": "“+57 601 555 1236”"},
                                     {"id": "p4", "number": '=HYPERLINK("https://evil.example")'},
                                     {"id": "p5", "number": '"+57 601 <b>5</b>"'}]
    dining_org = page["contents"][2]["organization"]
    dining_org["phones"] = [{"id": "p6", "number": "'call us'"}]

    run(world.center_a, page)

    assert Organization.objects.get(hsds_id=REFUGIO).contact_phone == "+57 601 555 1234"
    assert Organization.objects.get(hsds_id=dining_org["id"]).contact_phone == ""
    description = Service.objects.get(hsds_id=ADVICE).description
    phone_line = next(line for line in description.splitlines() if "+57" in line)
    assert phone_line.endswith(": +57 601 555 1235, +57 601 555 1236")
    assert '"' not in description and "'" not in description and "HYPERLINK" not in description


def test_a_description_assembled_from_several_fields_repeats_no_line(world):
    page = full_page()
    advice = page["contents"][0]
    advice["description"] = "Orientación jurídica.\n\nOrientación jurídica.\nGratuito"
    advice["fees_description"] = "Gratuito"
    schedule = {"id": "s1", "description": "Lunes a viernes de 8 a 16"}
    advice["schedules"] = [schedule, {**schedule, "id": "s2"}]
    advice["service_at_locations"][0]["schedules"] = [{**schedule, "id": "s3"}]
    advice["phones"] = [{"id": "p1", "number": "+57 601 555 1235"}, {"id": "p2", "number": '"+57 601 555 1235"'}]
    advice["languages"].append(copy.deepcopy(advice["languages"][0]))

    run(world.center_a, page)

    lines = [line for line in Service.objects.get(hsds_id=ADVICE).description.splitlines() if line]
    assert len(lines) == len(set(lines)), lines
    assert lines[0] == "Orientación jurídica." and "Gratuito" in lines
    assert not any(line.endswith(": Gratuito") for line in lines)  # the description already says it
    assert any(line.endswith(": Lunes a viernes de 8 a 16") for line in lines)
    assert any(line.endswith(": Español, Kreyòl") for line in lines)
    assert any(line.endswith(": +57 601 555 1235") for line in lines)


def command(*args) -> str:
    out = StringIO()
    call_command("import_hsds", *args, stdout=out)
    return out.getvalue()


def export() -> dict:
    bundle = Client().get("/api/hsds/export.json", secure=True).json()
    bundle.pop("generated_at")
    return bundle


def test_reimporting_the_directorys_own_export_settles(world, tmp_path):
    """export → import → export gives the same export, and the second import of the file changes nothing."""
    first = export()
    path = tmp_path / "export.json"
    path.write_text(json.dumps({**first, "generated_at": "2026-12-01T00:00:00Z"}), encoding="utf-8")

    once = command(world.center_a.slug, str(path))
    assert "services: 2 created" in once
    saved = {(o.hsds_id, o.description, o.contact_phone) for o in Organization.objects.filter(hsds_id__gt="")}
    again = command(world.center_a.slug, str(path))

    assert "organizations: 0 created, 0 updated" in again and "services: 0 created, 0 updated" in again
    assert {(o.hsds_id, o.description, o.contact_phone) for o in Organization.objects.filter(hsds_id__gt="")} == saved
    assert export() == first

"""The import page /c/<center>/directory/import/: upload → preview → confirm, for PARTNERS_MANAGE."""

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrhabitat.audit.models import AuditEntry
from integrhabitat.directory.forms import MAX_IMPORT_BYTES
from integrhabitat.directory.models import HsdsImport
from integrhabitat.partners.models import Organization
from integrhabitat.services.models import Service

EXAMPLE = Path(__file__).parent / "data" / "otro_directorio.json"


def url(world, center=None) -> str:
    return reverse("directory_center:hsds_import", kwargs={"center": (center or world.center_a).slug})


def upload(content: bytes, name: str = "directorio.json") -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type="application/json"), "sector": "cooperation",
            "scale": "municipal", "service_type": "I.orientation"}


def test_it_previews_then_imports_on_confirmation(world):
    client = world.client_for(world.coordinator)
    before = (Organization.objects.count(), Service.objects.count())

    preview = client.post(url(world), upload(EXAMPLE.read_bytes()), secure=True)

    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Corporación Refugio Andino" in body and "Comedor comunitario San Cristóbal" in body
    assert (Organization.objects.count(), Service.objects.count()) == before  # nothing saved yet
    batch = HsdsImport.objects.get(center=world.center_a)
    assert preview.context["plan"].summary["services"]["create"] == 3

    done = client.post(url(world), {"batch": str(batch.uuid)}, secure=True)

    assert done.status_code == 302
    assert done["Location"] == reverse("partners:actor_map", kwargs={"center": world.center_a.slug})
    assert Organization.objects.filter(center=world.center_a, hsds_id__gt="").count() == 2
    assert Service.objects.filter(center=world.center_a, hsds_id__gt="").count() == 3
    batch.refresh_from_db()
    assert batch.imported_at is not None and batch.services == []  # the third party's raw data is dropped
    assert AuditEntry.objects.filter(action="directory.hsds.imported", actor=world.coordinator).exists()
    # Confirming twice imports nothing more.
    again = client.post(url(world), {"batch": str(batch.uuid)}, secure=True)
    assert again.status_code == 404


def test_it_says_so_when_the_file_brings_nothing_new(world):
    client = world.client_for(world.coordinator)
    batch_id = None
    for _round in range(2):
        response = client.post(url(world), upload(EXAMPLE.read_bytes()), secure=True)
        batch_id = HsdsImport.objects.filter(imported_at__isnull=True).latest("created_at").uuid
        if _round == 0:
            client.post(url(world), {"batch": str(batch_id)}, secure=True)
    assert not response.context["plan"].changes_anything
    assert 'name="batch"' not in response.content.decode()


def test_it_refuses_invalid_json_with_a_clear_message_and_saves_nothing(world):
    client = world.client_for(world.coordinator)
    response = client.post(url(world), upload(b'{"contents": [ oops'), secure=True)
    assert response.status_code == 400
    assert "JSON" in str(response.context["form"].errors["file"])
    assert HsdsImport.objects.count() == 0


def test_it_refuses_json_of_the_wrong_shape(world):
    client = world.client_for(world.coordinator)
    response = client.post(url(world), upload(json.dumps({"people": []}).encode()), secure=True)
    assert response.status_code == 400
    assert "HSDS" in str(response.context["form"].errors["file"])
    assert HsdsImport.objects.count() == 0


def test_it_refuses_a_file_over_the_size_limit(world):
    client = world.client_for(world.coordinator)
    big = b"[" + b" " * MAX_IMPORT_BYTES + b"]"
    response = client.post(url(world), upload(big), secure=True)
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_it_refuses_the_page_to_a_role_without_partners_manage(world):
    response = world.client_for(world.front_desk).get(url(world), secure=True)
    assert response.status_code == 403


def test_it_cannot_confirm_another_centers_upload(world):
    client_b = world.client_for(world.other_coordinator)
    client_b.post(url(world, world.center_b), upload(EXAMPLE.read_bytes()), secure=True)
    batch = HsdsImport.objects.get(center=world.center_b)
    response = world.client_for(world.coordinator).post(url(world), {"batch": str(batch.uuid)}, secure=True)
    assert response.status_code == 404
    assert not Organization.objects.filter(hsds_id__gt="").exists()

"""integrhabitat import_hsds CENTER FILE."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override

from integrhabitat.partners.models import Organization
from integrhabitat.services.models import Service

EXAMPLE = Path(__file__).parent / "data" / "otro_directorio.json"


def run(*args) -> str:
    out = StringIO()
    call_command("import_hsds", *args, stdout=out)
    return out.getvalue()


def test_it_imports_a_file_into_a_center_and_is_idempotent(world):
    first = run(world.center_a.slug, str(EXAMPLE), "--sector", "community", "--service-type", "I.legal")
    assert "organizations: 2 created" in first and "services: 3 created" in first
    assert Organization.objects.get(hsds_id="2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e").sector == "community"
    assert Service.objects.get(hsds_id="9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0").service_type == "I.legal"
    counts = (Organization.objects.count(), Service.objects.count())

    second = run(world.center_a.slug, str(EXAMPLE))

    assert "services: 0 created, 0 updated, 3 unchanged" in second
    assert (Organization.objects.count(), Service.objects.count()) == counts


def test_it_refuses_an_unknown_center_or_a_broken_file(world, tmp_path):
    with pytest.raises(CommandError, match="No center"):
        run("no-such-center", str(EXAMPLE))
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid UTF-8 JSON"):
        run(world.center_a.slug, str(broken))
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(CommandError, match="HSDS"), override("en"):
        run(world.center_a.slug, str(wrong))
    assert not Organization.objects.filter(hsds_id__gt="").exists()

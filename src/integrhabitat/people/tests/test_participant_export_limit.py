"""A people download larger than the limit is refused with a message, back on the filtered list."""

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import shown
from integrhabitat.network import exports

URL = "/c/centro-a/people/download/"
MESSAGE = "This list has more than %(limit)s rows: narrow it with the filters to download it."


def test_it_refuses_a_download_over_the_limit_and_says_so_on_the_list(world, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 1)
    make_person(world.center_a, "María", "Gómez", actor=world.coordinator)
    client = world.client_for(world.case_worker)
    response = client.get(URL, {"as": "csv", "age": ""})
    assert response.status_code == 302 and response["Location"] == "/c/centro-a/people/?age="
    assert shown(MESSAGE, limit="1") in client.get(response["Location"]).content.decode()
    assert not AuditEntry.objects.filter(action="people.participant.exported").exists()


def test_it_refuses_a_search_over_the_limit_too_and_downloads_a_narrower_one(world, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 1)
    make_person(world.center_a, "José", "Pérez Gómez", actor=world.coordinator)
    client = world.client_for(world.case_worker)
    assert client.get(URL, {"as": "csv", "q": "jose perez"}).status_code == 302
    narrow = client.get(URL, {"as": "csv", "q": "rodriguez"})
    assert narrow.status_code == 200 and world.person_a.code in narrow.content.decode("utf-8-sig")

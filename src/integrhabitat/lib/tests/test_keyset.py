"""Keyset pages: the long lists go page after page from the last row shown, by plain links."""

import re
from datetime import date, timedelta

from integrhabitat.audit.models import AuditEntry
from integrhabitat.people.models import Participant
from integrhabitat.people.tests.test_query_counts import add_people
from integrhabitat.services.models import ServiceDelivery


def links(response) -> dict[str, str]:
    """The pager's links, by their rel (next, prev) or text, as the browser would follow them."""
    html = response.content.decode()
    pager = re.search(r'<nav class="pager".*?</nav>', html, re.S)
    if pager is None:
        return {}
    found = {}
    for href, rel, text in re.findall(r'<a href="\?([^"]*)"(?: rel="(\w+)")?>([^<]*)</a>', pager.group(0)):
        found[rel or text.strip()] = href.replace("&amp;", "&")
    return found


def walk(client, url, query="") -> tuple[list[list[str]], list[str]]:
    """Every page's names, following Next from the first page; and the Previous links met on the way."""
    pages, previous = [], []
    while True:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        pages.append([str(row.pk) for row in response.context["rows"]])
        found = links(response)
        if "prev" in found:
            previous.append(found["prev"])
        if "next" not in found:
            return pages, previous
        query = found["next"]


def test_the_people_list_goes_page_after_page_newest_first_without_repeating_anyone(world):
    add_people(world, 120)
    client = world.client_for(world.coordinator)
    url = f"/c/{world.center_a.slug}/people/"

    pages, previous = walk(client, url)

    assert [len(page) for page in pages] == [50, 50, 21]
    shown = [pk for page in pages for pk in page]
    newest_first = Participant.objects.filter(center=world.center_a).order_by("-created_at", "-id")
    assert shown == [str(pk) for pk in newest_first.values_list("pk", flat=True)]
    back = client.get(f"{url}?{previous[-1]}")  # from the last page, Previous shows the second again
    assert [str(row.pk) for row in back.context["rows"]] == pages[1]
    assert "after=" not in links(back)["Primera página"] and "before=" not in links(back)["Primera página"]


def test_the_people_list_keeps_its_filters_from_page_to_page(world):
    add_people(world, 60)
    Participant.objects.filter(center=world.center_a).update(sex="female")  # these 60 and the world's José
    add_people(world, 60, given="Otro")  # no sex recorded: never shown
    client = world.client_for(world.coordinator)

    pages, _previous = walk(client, f"/c/{world.center_a.slug}/people/", "group=women")

    shown = {pk for page in pages for pk in page}
    women = Participant.objects.filter(center=world.center_a, sex="female")
    assert shown == {str(pk) for pk in women.values_list("pk", flat=True)}
    assert [len(page) for page in pages] == [50, 11]


def test_a_tampered_cursor_shows_the_first_page(world):
    add_people(world, 60)
    client = world.client_for(world.coordinator)
    url = f"/c/{world.center_a.slug}/people/"
    first = client.get(url).context["rows"]

    for cursor in ("xyz", "W10", "WyJub3QgYSBkYXRlIiwgMV0"):
        response = client.get(url, {"after": cursor})
        assert response.status_code == 200
        assert [p.pk for p in response.context["rows"]] == [p.pk for p in first]


def test_the_audit_trail_goes_page_after_page_keeping_its_filter(world):
    AuditEntry.objects.bulk_create(
        AuditEntry(center=world.center_a, actor=world.coordinator, action=["people.x", "cases.y"][n % 2],
                   object_type="participant", object_id=str(n))
        for n in range(130)
    )
    client = world.client_for(world.coordinator)
    url = f"/c/{world.center_a.slug}/audit/"
    seen, query = [], "action=cases."
    while True:
        response = client.get(f"{url}?{query}")
        seen += [entry.pk for entry in response.context["entries"]]
        found = links(response)
        if "next" not in found:
            break
        assert "action=cases." in found["next"]
        query = found["next"]

    expected = AuditEntry.objects.filter(center=world.center_a, action__startswith="cases.")
    assert seen == list(expected.order_by("-at", "-id").values_list("pk", flat=True))
    assert len(seen) == 65


def test_a_services_deliveries_go_page_after_page(world):
    people = add_people(world, 40)
    ServiceDelivery.objects.bulk_create(
        ServiceDelivery(center=world.center_a, service=world.service_a, participant=person,
                        delivered_on=date(2026, 3, 1) + timedelta(days=n % 4), recorded_by=world.coordinator)
        for n, person in enumerate(people)
    )
    client = world.client_for(world.coordinator)
    url = f"/c/{world.center_a.slug}/services/{world.service_a.uuid}/"
    seen, query = [], ""
    while True:
        response = client.get(f"{url}?{query}")
        seen += [d.pk for d in response.context["recent"]]
        found = links(response)
        if "next" not in found:
            break
        query = found["next"]

    everything = ServiceDelivery.objects.filter(service=world.service_a)
    assert seen == list(everything.order_by("-delivered_on", "-recorded_at", "-id").values_list("pk", flat=True))
    assert len(seen) == 81  # the world's delivery, one per person added, and these 40

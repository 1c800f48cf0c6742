"""One figure, one number: "people served" on the center home, the results dashboard, the canvas and the network
overview, and "services to review" on the center home and the review queue, read out of each page's HTML, are
the same number, and the number the data gives when counted here by hand over the headline period (the last
calendar quarter that has ended, `improvement/results/periods.py`)."""

import calendar
import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from integrhabitat.conftest import make_person
from integrhabitat.improvement.reviews.services import record_review
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import record_deliveries, save_service


def last_ended_quarter(today: date) -> tuple[date, date]:
    """Worked out here, apart from the code under test: the quarter before the one `today` is in."""
    this_quarter_starts = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = this_quarter_starts - timedelta(days=1)
    return date(end.year, end.month - 2, 1), end


def months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


@pytest.fixture
def served(world):
    """Groups of different people of center A, each served once, on days on both sides of the period's
    edges: 13 and 11 months ago, today (this year), the day before the quarter, its first and last days and
    the day after it. Every group has five people or more, and the groups of the quarter differ by five or
    more from the quarter's total, so that the network page shows the figure (it hides small groups and
    small differences between nested periods)."""
    ServiceDelivery.objects.filter(center=world.center_a).delete()  # the world's one delivery of January
    today = timezone.localdate()
    start, end = last_ended_quarter(today)
    days = [(months_ago(today, 13), 5), (months_ago(today, 11), 5), (today, 5), (start - timedelta(days=1), 5),
            (start, 6), (end, 5), (end + timedelta(days=1), 5)]
    deliveries = []
    for number, (day, how_many) in enumerate(days):
        people = [make_person(world.center_a, f"Persona{number}x{i}", "Cifra", actor=None) for i in range(how_many)]
        record_deliveries(world.center_a, world.service_a, people, delivered_on=day, actor=world.coordinator)
        deliveries += [(person.pk, day) for person in people]
    in_quarter = {person for person, day in deliveries if start <= day <= end}
    return {"start": start, "end": end, "people_served": len(in_quarter)}


def english(world, user):
    client = world.client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def figure(html: str, code: str, **attributes: str) -> int:
    extra = "".join(rf'\s+data-{name}="{re.escape(value)}"' for name, value in attributes.items())
    found = re.findall(rf'data-figure="{code}"{extra}>\s*(\d[\d,.]*)', html)
    assert len(found) == 1, (code, found)
    return int(re.sub(r"[,.]", "", found[0]))


def test_people_served_is_one_number_on_every_page_and_the_one_the_data_gives(world, served):
    coordinator = english(world, world.coordinator)
    home = coordinator.get("/c/centro-a/").content.decode()
    results = coordinator.get("/c/centro-a/results/").content.decode()
    canvas = coordinator.get("/c/centro-a/canvas/").content.decode()
    network = english(world, world.network_coordinator).get("/network/").content.decode()

    on_canvas = re.findall(r"People served in the last quarter: (\d+) people\.", canvas)
    figures = {
        "home": figure(home, "people_served"),
        "results": figure(results, "people_served"),
        "canvas": int(on_canvas[0]) if len(on_canvas) == 1 else None,
        "network": figure(network, "people_served", center="centro-a"),
    }
    assert served["people_served"] == 11  # the day before the quarter and the day after it are left out
    assert figures == dict.fromkeys(figures, served["people_served"])


def test_every_page_names_the_period_next_to_the_figure(world, served):
    coordinator = english(world, world.coordinator)
    with translation.override("en"):
        start, end = (date_format(served[edge], "DATE_FORMAT") for edge in ("start", "end"))
    named = f"{start} to {end}"
    for html in (coordinator.get("/c/centro-a/").content.decode(),
                 coordinator.get("/c/centro-a/results/").content.decode(),
                 english(world, world.network_coordinator).get("/network/").content.decode()):
        assert f"{named} (the last quarter that has ended)" in html
    canvas = coordinator.get("/c/centro-a/canvas/").content.decode()
    assert f"from {start} to {end}" in canvas


def test_services_to_review_is_one_number_on_the_home_and_the_review_queue(world, served):
    reviewed = save_service(world.center_a, {"name": "Reviewed lately", "service_type": "I.legal"}, actor=None)
    for name in ("Never reviewed one", "Never reviewed two"):
        save_service(world.center_a, {"name": name, "service_type": "I.legal"}, actor=None)
    today = timezone.localdate()
    record_review(reviewed, {"period_start": today - timedelta(days=90), "period_end": today, "decision": "continue",
                             "outcomes": "", "rationale": "Va bien", "changes": "", "goal_reached": False,
                             "next_review_on": today + timedelta(days=200)}, actor=world.coordinator)
    coordinator = english(world, world.coordinator)

    home = coordinator.get("/c/centro-a/").content.decode()
    queue = coordinator.get("/c/centro-a/reviews/").content.decode()

    # Four active services; three never reviewed (the world's, and the two above).
    pattern = r'data-figure="services_to_review">(\d+) of (\d+) services to review'
    assert re.findall(pattern, home) == re.findall(pattern, queue) == [("3", "4")]


def test_the_network_overview_opens_on_the_headline_periods_figures_even_when_never_counted(world, served,
                                                                                             settings):
    settings.FIGURES_IN_BACKGROUND = True  # another period would be left to the worker: this one is not

    response = english(world, world.network_coordinator).get("/network/")

    html = response.content.decode()
    assert response.status_code == 200
    assert not response.context.get("counting")
    assert "counted for the first time" not in html
    assert (response.context["start"], response.context["end"]) == (served["start"], served["end"])
    assert figure(html, "people_served", center="centro-a") == served["people_served"]

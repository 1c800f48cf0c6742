"""The results and learning pages in real Chromium at phone size: axe-core finds nothing serious or
critical, nothing is blocked or missing, nothing scrolls sideways — also the public report and its charts."""

from datetime import date

import pytest

from integrhabitat.improvement.accountability.services import publish_report, save_report
from integrhabitat.improvement.events.services import save_event
from integrhabitat.network.tests.test_browser_accessibility import _check, _sign_in
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    page_problems,
    phone_layout_problems,
    phone_page,
)

pytestmark = pytest.mark.browser


def test_a_coordinators_results_pages_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    a = f"/c/{world.center_a.slug}"
    event = save_event(world.center_a, {"held_on": date(2026, 3, 14), "place": "Salón comunal", "attendees": 40},
                       actor=world.coordinator)
    report = save_report({"title": "Rendición", "period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30),
                          "introduction": "Lo que hicimos."}, center=world.center_a, actor=world.coordinator)
    page = phone_page(browser)
    _sign_in(page, live_server, world.coordinator.username)
    paths = [
        f"{a}/results/", f"{a}/results/?start=2026-01-01&end=2026-06-30&indicator=continuity&by=sex",
        f"{a}/results/targets/", f"{a}/results/manual/", f"{a}/reviews/",
        f"{a}/reviews/services/{world.service_a.uuid}/new/", f"{a}/accountability/", f"{a}/accountability/new/",
        f"{a}/accountability/{report.uuid}/", f"{a}/accountability/events/",
        f"{a}/accountability/events/{event.uuid}/", f"{a}/accountability/events/commitments/",
        f"{a}/canvas/", f"{a}/canvas/edit/", f"{a}/practices/", f"{a}/practices/new/",
    ]
    assert _check(page, live_server, paths) == []


def test_the_public_report_is_accessible_on_a_phone_without_signing_in(world, live_server, browser):  # noqa: F811
    report = publish_report(save_report({"title": "Rendición 2026", "period_start": date(2026, 1, 1),
                                         "period_end": date(2026, 6, 30), "introduction": ""},
                                        center=world.center_a, actor=world.coordinator), actor=world.coordinator)
    page = phone_page(browser)
    problems = []
    for path in [f"/accountability/{report.uuid}/", f"/p/{world.center_a.slug}/accountability/"]:
        assert page.goto(f"{live_server.url}{path}").status == 200
        problems += axe_violations(page, path) + phone_layout_problems(page, path)
    assert problems + page_problems(page) == []


def test_the_network_coordinators_results_pages_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    page = phone_page(browser)
    _sign_in(page, live_server, world.network_coordinator.username)
    assert _check(page, live_server, ["/network/accountability/", "/network/accountability/new/",
                                      "/network/practices/"]) == []

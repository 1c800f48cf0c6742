"""Every page a coordinator or the network coordinator opens, in real Chromium at phone size:
axe-core finds nothing serious or critical, nothing is blocked or missing, nothing scrolls sideways."""

import pytest

from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    page_problems,
    phone_layout_problems,
    phone_page,
)

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("correct horse battery")
    page.locator("button.primary").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _check(page, live_server, paths):
    problems = []
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        problems += axe_violations(page, path) + phone_layout_problems(page, path)
    return problems + page_problems(page)


def test_a_coordinators_pages_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    a = f"/c/{world.center_a.slug}"
    person = world.person_a
    page = phone_page(browser)
    _sign_in(page, live_server, world.coordinator.username)
    paths = [
        f"{a}/", f"{a}/people/", f"{a}/people/?q=jose+peres&group=children", f"{a}/people/new/",
        f"{a}/people/{person.uuid}/", f"{a}/people/{person.uuid}/edit/", f"{a}/people/{person.uuid}/audit/",
        f"{a}/people/{person.uuid}/consents/new/", f"{a}/services/", f"{a}/services/new/",
        f"{a}/services/{world.service_a.uuid}/", f"{a}/services/{world.service_a.uuid}/edit/",
        f"{a}/services/deliveries/bulk/", f"{a}/staff/", f"{a}/settings/", f"{a}/audit/",
    ]
    assert _check(page, live_server, paths) == []


def test_the_network_coordinators_pages_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    page = phone_page(browser)
    _sign_in(page, live_server, world.network_coordinator.username)
    assert _check(page, live_server, ["/network/", "/network/centers/new/"]) == []


def test_the_sign_in_page_is_accessible_in_english(live_server, browser):  # noqa: F811
    page = phone_page(browser)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page, "login (en)") + page_problems(page) == []

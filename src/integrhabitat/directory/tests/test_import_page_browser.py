"""The import page in real Chromium at phone size: upload, an accessible preview, confirmation."""

from pathlib import Path

import pytest

from integrhabitat.partners.models import Organization
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    page_problems,
    phone_layout_problems,
    phone_page,
)

pytestmark = pytest.mark.browser
EXAMPLE = Path(__file__).parent / "data" / "otro_directorio.json"


def test_a_coordinator_imports_a_directory_through_an_accessible_preview(world, live_server, browser):  # noqa: F811
    page = phone_page(browser)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(world.coordinator.username)
    page.locator("#id_password").fill("correct horse battery")
    page.locator("button.primary").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"{live_server.url}/c/{world.center_a.slug}/directory/import/")
    page.locator("#id_file").set_input_files(str(EXAMPLE))
    page.locator("form.form button.primary").click()
    page.wait_for_load_state()
    assert page.get_by_text("Corporación Refugio Andino").count() >= 1
    problems = axe_violations(page, "preview") + phone_layout_problems(page, "preview")
    page.locator("form.form button.primary").click()
    page.wait_for_url(lambda url: "/alliances/" in url)
    assert problems + page_problems(page) == []
    assert Organization.objects.filter(center=world.center_a, hsds_id__gt="").count() == 2

"""An outreach day in a real browser: one service for several people found one search at a time."""

import pytest

from integrhabitat.conftest import make_person
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    page_problems,
    phone_page,
)
from integrhabitat.services.models import ServiceDelivery

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_front_desk_records_a_service_for_people_found_one_search_at_a_time(
    world, live_server, browser, javascript  # noqa: F811
):
    maria = make_person(world.center_a, "María", "Gómez Núñez")
    marta = make_person(world.center_a, "Marta", "Gómez Díaz")
    page = phone_page(browser, javascript=javascript)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(world.front_desk.username)
    page.locator("#id_password").fill("correct horse battery")
    page.locator("button.primary").click()
    page.goto(f"{live_server.url}/c/{world.center_a.slug}/services/deliveries/bulk/")

    # Searching first, before choosing the service, must not be blocked by the form's validation.
    page.locator("#id_q").fill("gomez")
    page.locator("button[name=action][value=search]").click()
    page.wait_for_url("**/deliveries/bulk/")
    assert page.locator("#candidates input").count() == 2  # only the two Gómez, not everyone
    page.locator(f"#p-{maria.uuid}").check()
    page.locator(f"#p-{marta.uuid}").check()
    page.locator("#id_q").fill("jose peres")
    page.locator("button[name=action][value=search]").click()
    assert page.locator(f"#p-{maria.uuid}").is_checked()  # ticked people stay ticked
    page.locator(f"#p-{world.person_a.uuid}").check()
    page.locator("#id_service").select_option(label=world.service_a.name)
    blocking = axe_violations(page, "bulk delivery") if javascript else []  # axe-core needs JavaScript
    page.locator("button[name=action][value=save]").click()
    page.wait_for_url(f"{live_server.url}/c/{world.center_a.slug}/services/deliveries/bulk/")

    recorded = ServiceDelivery.objects.filter(service=world.service_a, recorded_by=world.front_desk)
    assert set(recorded.values_list("participant_id", flat=True)) == {maria.pk, marta.pk, world.person_a.pk}
    assert blocking + page_problems(page) == []

"""The public center page on a small phone (360 px): its row of links wraps instead of scrolling sideways."""

import pytest

from integrhabitat.network.models import Center
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    page_problems,
    phone_page,
)
from integrhabitat.services.services import save_service

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}


def test_the_public_page_fits_a_360_px_phone(world, live_server, browser):  # noqa: F811
    Center.objects.filter(pk=world.center_a.pk).update(
        address="Avenida Primero de Mayo # 68D-45, barrio Kennedy Central",
        directions="TransMilenio hasta la estación Kennedy; luego dos cuadras al sur, frente al parque.",
        opening_hours="Lunes a viernes de 8:00 a 17:00; sábados de 9:00 a 13:00")
    save_service(world.center_a, {"name": "Acompañamiento psicosocial para familias recién llegadas",
                                  "service_type": "I.psychosocial"}, actor=None)
    page = phone_page(browser)
    page.set_viewport_size(SMALL_PHONE)

    page.goto(f"{live_server.url}/p/{world.center_a.slug}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    links = page.locator("main ul.shortcuts a")
    assert links.count() == 3
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE["width"], links.nth(index).inner_text()
    assert page.locator("#services-h ~ ul.services li").count() == 2
    assert axe_violations(page, "public center, 360 px") + page_problems(page) == []

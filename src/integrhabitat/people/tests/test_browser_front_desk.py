"""A front-desk volunteer's morning, on a phone, in a real browser: sign in, register a person,
find her again with a misspelt name, record a service. Every page is checked with axe-core
(nothing serious or critical), must fit the phone's width, and must load all its CSS and JS.

Locators use the accessible names a person reads. The UI is Spanish first, but a string missing
from the Spanish catalogue shows in English, so each name accepts either language.
"""

import re

import pytest

from integrhabitat.conftest import make_center, make_person, make_user
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Participant
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    either,
    page_problems,
    phone_layout_problems,
    phone_page,
    screenshot,
)
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import save_service

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"  # make_user's password
SERVICE = "Kits alimentarios"
MISSPELT = "yolanda quinones aristisabal"  # one typo in each word, no accents


def _front_desk_world():
    center = make_center("centro-a", "AAA", "Centro A")
    user = make_user("recepcion", center, Role.FRONT_DESK)
    service = save_service(center, {"name": SERVICE, "service_type": "I.food"}, actor=None)
    make_person(center, "Yolanda", "Quintero")  # same first name: the search must not stop there
    return center, user, service


def _sign_in(page, username: str) -> None:
    page.get_by_label(either("Nombre de usuario", "Usuario", "Username")).fill(username)
    page.get_by_label(either("Contraseña", "Password")).fill(PASSWORD)
    page.get_by_role("button", name=either("Iniciar sesión", "Ingresar", "Entrar", "Sign in")).click()


def _search(page, query: str):
    """Search the people list as a person would; return the results once they are for `query`.

    With JavaScript, htmx swaps the results in place (and may already have, while typing); without,
    the form loads a new page. Either way the results end with “N found for <query>”.
    """
    form = page.get_by_role("search")
    # By label, not role "searchbox": the box renders as type="text" (see the report).
    form.get_by_label(either("Buscar", "Search")).fill(query)
    form.get_by_role("button", name=either("Buscar", "Search")).click()
    page.wait_for_url(re.compile(r"[?&]q=" + re.escape(query.split()[0])))
    results = page.locator("#results")
    results.get_by_text(re.compile(rf"(encontrad[ao]s? para|found for) “{re.escape(query)}”")).wait_for()
    return results


def _check(page, label: str) -> list[str]:
    """What must hold on every page: axe-core finds nothing serious or critical, it fits the phone."""
    return axe_violations(page, label) + phone_layout_problems(page, label)


def test_front_desk_registers_finds_and_serves_a_person(live_server, browser):  # noqa: F811
    center, user, service = _front_desk_world()
    base = live_server.url
    page = phone_page(browser)
    problems: list[str] = []

    # Sign in through the form.
    page.goto(f"{base}/accounts/login/")
    problems += _check(page, "login")
    _sign_in(page, user.username)

    # One center only: straight to its home.
    page.wait_for_url(re.compile(rf"/c/{center.slug}/$"))
    assert page.get_by_role("heading", level=1, name=center.name).is_visible()
    problems += _check(page, "center home")

    # Register a person.
    page.get_by_role("link", name=either("Registrar persona", "Registrar a una persona", "Register a person")).click()
    page.wait_for_url(re.compile(r"/people/new/$"))
    problems += _check(page, "register form")
    screenshot(page, "register_form")
    page.get_by_label(either("Nombres", "Nombre", "Given names")).fill("Yolanda")
    page.get_by_label(either("Apellidos", "Family names")).fill("Quiñónez Aristizábal")
    page.get_by_label(either("Edad aproximada", "Approximate age")).fill("34")
    page.get_by_label(either("Sexo", "Sex")).select_option("female")
    page.get_by_label(either("Nacionalidad", "Nationality")).select_option("VE")
    register = page.get_by_role("button", name=either("Registrar", "Register"))

    # Forgetting the consent is refused, the typed data is kept and the error is announced.
    register.click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_label(either("Nombres", "Nombre", "Given names")).input_value() == "Yolanda"
    assert not Participant.objects.filter(family_names__startswith="Quiñónez").exists()
    problems += _check(page, "register form with errors")
    consent = page.get_by_role("checkbox", name=re.compile(r"(acepta|agrees).*(datos|data)", re.IGNORECASE))
    consent.check()
    register.click()

    # Registered: the profile opens.
    page.wait_for_url(re.compile(r"/people/[0-9a-f-]{36}/$"))
    person = Participant.objects.get(center=center, family_names__startswith="Quiñónez")
    assert person.family_names == "Quiñónez Aristizábal"
    assert person.sex == "female" and person.nationality.code == "VE" and person.birth_date_estimated
    assert person.age() == 34
    assert person.consents.filter(purpose="data_processing").exists()

    # Later: find her in the people list with a misspelt, accent-free name.
    page.locator("details.menu > summary").click()  # on a phone the navigation is behind the menu
    page.get_by_role("navigation").get_by_role("link", name=either("Personas", "People")).click()
    page.wait_for_url(re.compile(r"/people/$"))
    results = _search(page, MISSPELT)
    result = results.get_by_role("link", name=re.compile("Yolanda Quiñónez Aristizábal"))
    assert result.is_visible()
    assert results.locator("ul.people").get_by_role("link").count() == 1  # not Yolanda Quintero
    problems += _check(page, "people list with results")
    result.click()

    # The profile: tap the service given.
    page.wait_for_url(re.compile(rf"/people/{person.uuid}/$"))
    assert page.get_by_role("heading", level=1, name=re.compile("Yolanda Quiñónez Aristizábal")).is_visible()
    problems += _check(page, "profile")
    page.get_by_role("button", name=SERVICE, exact=True).click()
    page.get_by_role("status").filter(has_text=SERVICE).wait_for()

    delivery = ServiceDelivery.objects.get(participant=person)
    assert delivery.service == service and delivery.recorded_by == user
    received = page.get_by_role("region", name=either("Servicios recibidos", "Services received"))
    assert received.get_by_role("cell", name=SERVICE, exact=True).is_visible()
    problems += _check(page, "profile after recording a service")
    screenshot(page, "profile")

    problems = page_problems(page) + problems
    assert not problems, "\n".join(problems)


def test_search_works_without_javascript(live_server, browser):  # noqa: F811
    center, user, _service = _front_desk_world()
    make_person(center, "Yolanda", "Quiñónez Aristizábal")
    page = phone_page(browser, javascript=False)

    page.goto(f"{live_server.url}/accounts/login/")
    _sign_in(page, user.username)
    page.wait_for_url(re.compile(rf"/c/{center.slug}/$"))
    page.locator("details.menu > summary").click()  # on a phone the navigation is behind the menu
    page.get_by_role("navigation").get_by_role("link", name=either("Personas", "People")).click()
    page.wait_for_url(re.compile(r"/people/$"))
    results = _search(page, MISSPELT)

    assert results.get_by_role("link", name=re.compile("Yolanda Quiñónez Aristizábal")).is_visible()
    assert results.locator("ul.people").get_by_role("link").count() == 1  # not Yolanda Quintero
    assert not page_problems(page), "\n".join(page_problems(page))


def test_recording_a_consent_raises_no_javascript_error(live_server, browser):  # noqa: F811
    # The consent form has a field named "method", which shadowed `form.method` in app.js: the submit handler
    # threw, and the button was not protected against a second tap.
    center, user, _service = _front_desk_world()
    person = make_person(center, "Rosa", "Consentida")
    page = phone_page(browser)
    page.goto(f"{live_server.url}/accounts/login/")
    _sign_in(page, user.username)
    page.wait_for_url(re.compile(rf"/c/{center.slug}/$"))

    page.goto(f"{live_server.url}/c/{center.slug}/people/{person.uuid}/consents/new/")
    page.get_by_label(either("Finalidad", "Propósito", "Purpose")).select_option("contact")
    page.get_by_role("button", name=re.compile(r"(Registrar|Guardar|Record|Save)", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(rf"/people/{person.uuid}/$"))

    assert page_problems(page) == []
    assert person.consents.filter(purpose="contact").exists()

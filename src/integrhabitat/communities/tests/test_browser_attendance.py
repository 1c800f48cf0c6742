"""Attendance of a community group, end to end, in a real browser on a 360 px phone, in Spanish.

A facilitator opens “Taller de costura solidaria” (30 members, linked to the service “Taller de
costura”) from the navigation, schedules today's session from the group page and marks everyone
present with one tap; then unticks two people, and checks in a visitor by the code on her card. Each
attendance is also one delivery of the group's service: the database must say so after every step.
The same tick list works without JavaScript. A full group sends the next person to its waiting list,
and a member who leaves lets her in.

Locators use the accessible names a person reads, in Spanish or in English (a string missing from
the Spanish catalogue shows in English); the group page's forms are scoped by their action.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from integrhabitat.communities.models import Attendance, Group, Member, Session
from integrhabitat.communities.services import join_group, save_group
from integrhabitat.conftest import PASSWORD, make_person
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    either,
    page_problems,
    phone_page,
    screenshot,
)
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import save_service

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
GROUP = "Taller de costura solidaria"
TOPIC = "Dobladillos y botones"
GIVEN_NAMES = [
    "Ana", "Beatriz", "Camila", "Daniela", "Elena", "Fernanda", "Gabriela", "Helena", "Isabel", "Juliana",
    "Karen", "Laura", "María", "Natalia", "Olga", "Paula", "Quiteria", "Rosa", "Sofía", "Teresa",
    "Úrsula", "Valentina", "Wendy", "Ximena", "Yolanda", "Zoraida", "Adriana", "Brenda", "Carolina", "Diana",
]

SCHEDULE_A_SESSION = either("Programar una sesión", "Schedule a session")
ALL_PRESENT = either("Todos presentes", "All present")
SAVE_ATTENDANCE = either("Guardar la asistencia", "Save attendance")
WHO_IS_HERE = re.compile(r"^\s*(¿Quién está\?|Who is here\?)", re.IGNORECASE)


def _present(count: int) -> re.Pattern:
    """“30 presentes” on the group page, “Asistencia guardada: 30 presentes.” in the message."""
    return re.compile(rf"\b{count} (presentes?|present)\b", re.IGNORECASE)


def _signed_in_page(browser, live_server, user, *, javascript: bool = True):  # noqa: F811
    """A fresh 360×740 phone (its own cookies) where `user` signed in through the login form."""
    page = phone_page(browser, javascript=javascript)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(either("Nombre de usuario", "Usuario", "Username")).fill(user.username)
    page.get_by_label(either("Contraseña", "Password")).fill(PASSWORD)
    page.get_by_role("button", name=either("Iniciar sesión", "Ingresar", "Entrar", "Sign in")).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def _url(live_server, path: str) -> re.Pattern:
    """The whole URL of `path` (no query string), for `to_have_url`."""
    return re.compile(rf"^{re.escape(live_server.url + path)}$")


def _no_sideways_scroll(page, label: str) -> list[str]:
    """The page fits the phone's width (browser.py's check assumes its own, wider, phone)."""
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width <= viewport + 1:
        return []
    return [f"[{label}] the page is {width}px wide in a {viewport}px viewport: it scrolls sideways"]


def _sewing_group(world, members: int, **data) -> tuple[Group, list]:
    """The sewing workshop, running and counted as the service “Taller de costura”, with `members` people."""
    service = save_service(world.center_a, {"name": "Taller de costura", "service_type": "V.vocational_training",
                                            "relationship": "community"}, actor=world.coordinator)
    group = save_group(world.center_a, {"name": GROUP, "kind": Group.Kind.WORKSHOP, "service": service,
                                        "status": Group.Status.RUNNING, "place": "Salón 2", **data},
                       actor=world.coordinator, facilitators=[world.facilitator])
    people = [make_person(world.center_a, GIVEN_NAMES[i], "Costura") for i in range(members)]
    for person in people:
        join_group(group, person, actor=world.coordinator)
    return group, people


def _schedule_todays_session(page, live_server, group) -> Session:
    """On the group page: open “Schedule a session”, keep today's date, give a topic, schedule."""
    page.locator("summary").filter(has_text=SCHEDULE_A_SESSION).click()
    form = page.locator('form[action$="/sessions/"]')
    expect(form.get_by_label(either("Fecha", "Date"))).to_have_value(timezone.localdate().isoformat())
    form.get_by_label(either("Tema", "Topic")).fill(TOPIC)
    form.get_by_role("button", name=either("Programar", "Schedule")).click()
    expect(page).to_have_url(re.compile(rf"/c/{group.center.slug}/groups/sessions/[0-9a-f-]{{36}}/$"))
    session = Session.objects.get(group=group)
    expect(page).to_have_url(_url(live_server, f"/c/{group.center.slug}/groups/sessions/{session.uuid}/"))
    assert (session.date, session.topic) == (timezone.localdate(), TOPIC)
    return session


def _tick_list(page):
    return page.get_by_role("group", name=WHO_IS_HERE)


def _box(page, person):
    """The checkbox of `person`, named by their name and the code on their card."""
    return _tick_list(page).get_by_role("checkbox", name=re.compile(rf"\b{re.escape(person.code)}\b"))


def _session_link(page):
    sessions = page.get_by_role("region", name=either("Sesiones", "Sessions"))
    return sessions.get_by_role("link").filter(has_text=TOPIC)


def _all_present_then_untick(page, live_server, group, session, people, unticked) -> None:
    """Everyone present with one tap, then the session opened again and `unticked` taken off the list."""
    group_path = f"/c/{group.center.slug}/groups/{group.uuid}/"
    session_path = f"/c/{group.center.slug}/groups/sessions/{session.uuid}/"
    expect(_tick_list(page).get_by_role("checkbox")).to_have_count(len(people))
    page.get_by_role("button", name=ALL_PRESENT).click()
    expect(page).to_have_url(_url(live_server, group_path))
    expect(page.get_by_role("status")).to_contain_text(_present(len(people)))
    expect(_session_link(page)).to_contain_text(_present(len(people)))
    assert set(Attendance.objects.filter(session=session).values_list("participant", flat=True)) == {
        p.pk for p in people}
    assert ServiceDelivery.objects.filter(service=group.service).count() == len(people)

    _session_link(page).click()
    expect(page).to_have_url(_url(live_server, session_path))
    for person in people:
        expect(_box(page, person)).to_be_checked()
    for person in unticked:
        _box(page, person).uncheck()
    page.get_by_role("button", name=SAVE_ATTENDANCE).click()
    expect(page).to_have_url(_url(live_server, group_path))
    kept = len(people) - len(unticked)
    expect(page.get_by_role("status")).to_contain_text(_present(kept))
    expect(_session_link(page)).to_contain_text(_present(kept))

    attendances = Attendance.objects.filter(session=session)
    deliveries = ServiceDelivery.objects.filter(service=group.service)
    expected = {p.pk for p in people} - {p.pk for p in unticked}
    assert set(attendances.values_list("participant", flat=True)) == expected
    assert set(deliveries.values_list("participant", flat=True)) == expected
    assert deliveries.count() == kept  # one delivery per person for the session, the unticked ones removed
    assert set(deliveries.values_list("delivered_on", flat=True)) == {session.date}
    assert set(attendances.values_list("delivery", flat=True)) == set(deliveries.values_list("pk", flat=True))


def test_a_facilitator_takes_attendance_of_thirty_people_on_a_phone(world, live_server, browser):  # noqa: F811
    group, people = _sewing_group(world, 30)
    visitor = make_person(world.center_a, "Violeta", "Visitante Ramos")  # not a member of the group
    center = world.center_a
    problems: list[str] = []

    # 1. The facilitator finds the group from the navigation.
    page = _signed_in_page(browser, live_server, world.facilitator)
    page.locator("details.menu > summary").click()  # on a phone the navigation is behind the menu
    page.get_by_role("navigation", name=either("Principal", "Main")).get_by_role(
        "link", name=either("Grupos", "Groups")).click()
    expect(page).to_have_url(_url(live_server, f"/c/{center.slug}/groups/"))
    groups = page.locator("main").get_by_role("link").filter(has_text=GROUP)
    expect(groups).to_contain_text(re.compile(r"\b30 (integrantes|members)\b", re.IGNORECASE))
    problems += axe_violations(page, "groups") + _no_sideways_scroll(page, "groups")
    screenshot(page, "communities_groups")

    groups.click()
    expect(page).to_have_url(_url(live_server, f"/c/{center.slug}/groups/{group.uuid}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUP)
    problems += axe_violations(page, "group page") + _no_sideways_scroll(page, "group page")
    screenshot(page, "communities_group_page")

    # 2. Today's session, scheduled from the group page, opens its attendance page: 30 on the list.
    session = _schedule_todays_session(page, live_server, group)
    expect(page.get_by_role("heading", level=1)).to_contain_text(GROUP)
    expect(_tick_list(page).locator("legend")).to_contain_text(re.compile(r"\b30 (en la lista|on the list)\b"))
    for person in people:
        expect(_box(page, person)).not_to_be_checked()
    problems += axe_violations(page, "attendance") + _no_sideways_scroll(page, "attendance")
    screenshot(page, "communities_attendance")

    # 3. All present with one tap; then two of them were not there after all.
    _all_present_then_untick(page, live_server, group, session, people, unticked=people[3:5])
    problems += _no_sideways_scroll(page, "group page with a session")

    # 4. A visitor checks in with the code on her card, typed in lower case with spaces around it.
    _session_link(page).click()
    expect(page).to_have_url(_url(live_server, f"/c/{center.slug}/groups/sessions/{session.uuid}/"))
    checkin = page.locator("form").filter(has=page.locator('button[name="action"][value="checkin"]'))
    checkin.get_by_label(either("Código del carné", "Code on the card")).fill(f"  {visitor.code.lower()} ")
    checkin.get_by_role("button", name=either("Registrar llegada", "Check in")).click()
    expect(page).to_have_url(_url(live_server, f"/c/{center.slug}/groups/sessions/{session.uuid}/"))
    expect(page.get_by_role("status")).to_contain_text(visitor.full_name)
    expect(_box(page, visitor)).to_be_checked()
    expect(_tick_list(page).get_by_role("checkbox")).to_have_count(31)  # the visitor joins the list
    for person in people[3:5]:
        expect(_box(page, person)).not_to_be_checked()  # checking someone in leaves the others as they were
    problems += axe_violations(page, "attendance after a check-in") + _no_sideways_scroll(page, "attendance")

    present = set(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    assert present == {p.pk for p in people if p not in people[3:5]} | {visitor.pk}
    delivery = Attendance.objects.get(session=session, participant=visitor).delivery
    assert delivery is not None and delivery.service == group.service
    assert ServiceDelivery.objects.filter(service=group.service).count() == 29
    assert not Member.objects.filter(participant=visitor).exists()  # present, not signed up

    problems = page_problems(page) + problems
    assert not problems, "\n".join(problems)


def test_all_present_and_the_tick_list_work_without_javascript(world, live_server, browser):  # noqa: F811
    group, people = _sewing_group(world, 4)
    page = _signed_in_page(browser, live_server, world.facilitator, javascript=False)
    page.goto(f"{live_server.url}/c/{world.center_a.slug}/groups/{group.uuid}/")

    session = _schedule_todays_session(page, live_server, group)
    _all_present_then_untick(page, live_server, group, session, people, unticked=people[:1])

    assert not page_problems(page), "\n".join(page_problems(page))


def test_a_full_group_puts_the_next_person_on_the_waiting_list_until_a_member_leaves(
        world, live_server, browser):  # noqa: F811
    group, _ = _sewing_group(world, 0, capacity=2)
    first, second, third = (make_person(world.center_a, given, "Espera") for given in ("Alba", "Bibiana", "Celia"))
    group_path = f"/c/{world.center_a.slug}/groups/{group.uuid}/"
    page = _signed_in_page(browser, live_server, world.facilitator)
    page.goto(live_server.url + group_path)
    members = page.get_by_role("region", name=either("Integrantes", "Members"))
    waiting_list = members.get_by_role("heading", level=3, name=either("Lista de espera", "Waiting list"))

    # Three people added by their code: the group holds two, the third waits.
    for person in (first, second, third):
        form = page.locator('form[action$="/members/"]')
        form.get_by_label(either("Nombre o código de la persona", "Name or code of the person")).fill(person.code)
        form.get_by_role("button", name=either("Agregar al grupo", "Add to the group")).click()
        expect(page).to_have_url(_url(live_server, group_path))
        expect(page.get_by_role("status")).to_contain_text(person.full_name)
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"(lleno|full).*(lista de espera|waiting list)", re.IGNORECASE))
    expect(waiting_list).to_be_visible()
    expect(members.locator("ol")).to_contain_text(third.full_name)
    expect(page.locator(".figures li").first).to_contain_text("2/2")
    assert list(Member.objects.filter(group=group).order_by("created_at").values_list("participant", "status")) == [
        (first.pk, "active"), (second.pk, "active"), (third.pk, "waiting")]
    problems = axe_violations(page, "group page with a waiting list") + _no_sideways_scroll(page, "waiting list")

    # The first member leaves (once the facilitator confirms): the person waiting takes her place.
    page.once("dialog", lambda dialog: dialog.accept())
    members.get_by_role("button", name=either(f"{first.full_name} se retira del grupo",
                                              f"{first.full_name} leaves the group")).click()
    expect(page).to_have_url(_url(live_server, group_path))
    expect(page.get_by_role("status")).to_contain_text(first.full_name)
    expect(waiting_list).to_have_count(0)
    expect(members.get_by_role("listitem").filter(has_text=third.full_name)).to_be_visible()
    expect(members.get_by_role("listitem").filter(has_text=first.full_name)).to_have_count(0)
    statuses = dict(Member.objects.filter(group=group).values_list("participant", "status"))
    assert statuses == {first.pk: "left", second.pk: "active", third.pk: "active"}

    problems = page_problems(page) + problems
    assert not problems, "\n".join(problems)

"""The main pages of every role on a small phone, 360×640, in a real browser.

On each page: nothing scrolls sideways (neither the page nor a table inside it), every table cell that has
text is shown inside the screen (a table on a phone stacks each row as a card whose cells carry the name
of their column), the header takes at most two short lines, and axe-core finds nothing serious or
critical. The front desk finds the people search on the first screen of the center's home. Failures of
all pages are collected and reported together.
"""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from integrhabitat.conftest import PASSWORD, make_person
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    either,
    page_problems,
    phone_page,
    screenshot,
)

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
HEADER_MAX_PX = 120
# A name long enough to overflow a phone unless the page lets long words break.
LONG_NAME = "Organización Internacional para las Migraciones y el Desarrollo Comunitario Sostenible"

# What must hold on a page shown at a phone's width; one line per problem.
LAYOUT = """(headerMax) => {
  const problems = [];
  const width = window.innerWidth;
  const text = (el) => (el.textContent || "").trim().replace(/\\s+/g, " ");
  const about = (el) => `${el.tagName.toLowerCase()} “${text(el).slice(0, 50)}”`;
  const page = document.documentElement.scrollWidth;
  if (page > width) problems.push(`the page is ${page}px wide in a ${width}px viewport: it scrolls sideways`);
  const header = document.querySelector("header.top");
  if (header && headerMax !== null && header.getBoundingClientRect().height > headerMax) {
    problems.push(`the header is ${Math.round(header.getBoundingClientRect().height)}px tall (at most ${headerMax})`);
  }
  for (const wrap of document.querySelectorAll(".table-wrap")) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      const caption = wrap.querySelector("caption, th");
      problems.push(`a table scrolls sideways (${wrap.scrollWidth}px in ${wrap.clientWidth}px): `
                    + (caption ? about(caption) : ""));
    }
  }
  const stacked = (table) => {
    const row = table.querySelector("tbody tr");
    return row !== null && getComputedStyle(row).display !== "table-row";
  };
  // At most a few cells of each table, so that one broken table does not bury the rest.
  const reported = new Map();
  const report = (cell, problem) => {
    const table = cell.closest("table");
    const count = (reported.get(table) || 0) + 1;
    reported.set(table, count);
    if (count <= 3) problems.push(`${problem}: ${about(cell)}`);
    else if (count === 4) problems.push(`… and more cells of the same table`);
  };
  for (const cell of document.querySelectorAll("td, th")) {
    if (!text(cell) || cell.closest("details:not([open]), .visually-hidden")) continue;
    const table = cell.closest("table");
    if (stacked(table)) {
      // The column headers are read by screen readers only; each cell shows its column's name instead.
      if (cell.closest("thead")) continue;
      if (cell.tagName === "TD" && cell.colSpan === 1 && !cell.dataset.label) {
        report(cell, "a cell of a stacked table does not say its column");
      }
    }
    const box = cell.getBoundingClientRect();
    if (!cell.checkVisibility({visibilityProperty: true, opacityProperty: true}) || box.width < 2) {
      report(cell, "a table cell is not shown");
      continue;
    }
    if (box.left < -1 || box.right > width + 1) {
      report(cell, `a table cell lies outside the screen (${Math.round(box.left)}–${Math.round(box.right)}px)`);
      continue;
    }
    for (let up = cell.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === "visible") continue;
      const frame = up.getBoundingClientRect();
      if (box.right > frame.right + 1 || box.left < frame.left - 1) {
        report(cell, `a table cell is cut off by ${up.tagName.toLowerCase()}.${up.className}`);
        break;
      }
    }
  }
  return problems;
}"""


def _narrow_page(browser, live_server, user=None):  # noqa: F811
    """A fresh 360×640 phone; signed in through the login form when `user` is given."""
    page = phone_page(browser)
    page.set_viewport_size(SMALL_PHONE)
    if user is not None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label(either("Nombre de usuario", "Usuario", "Username")).fill(user.username)
        page.get_by_label(either("Contraseña", "Password")).fill(PASSWORD)
        page.get_by_role("button", name=either("Iniciar sesión", "Ingresar", "Entrar", "Sign in")).click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def _layout_problems(page, label: str, *, menu_open: bool = False) -> list[str]:
    """What does not fit; the header's height counts only while its menu is closed."""
    return [f"[{label}] {problem}" for problem in page.evaluate(LAYOUT, None if menu_open else HEADER_MAX_PX)]


def _visit(page, live_server, paths: list[str]) -> list[str]:
    """Open each path; what does not fit the phone, and what axe-core finds serious or critical."""
    problems = []
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        if response.status != 200:
            problems.append(f"[{path}] HTTP {response.status}")
            continue
        problems += _layout_problems(page, path) + axe_violations(page, path)
        screenshot(page, "narrow" + re.sub(r"[^a-z0-9]+", "_", path.lower()).rstrip("_"))
    return problems


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s) on a 360 px phone:\n" + "\n".join(problems)


def _center_with_rows(world):
    """A little of everything, so that the lists of center A have rows: a case with its assessment, a
    follow-up and a referral to a partner with a long name, a group with members, an import, a notification."""
    from integrhabitat.accounts.notify import notify
    from integrhabitat.cases.services import add_assessment, create_referral, open_case, schedule_follow_up
    from integrhabitat.communities.models import Group
    from integrhabitat.communities.services import join_group, save_group
    from integrhabitat.imports.services import save_mapping, start_import, validate_job
    from integrhabitat.network.models import Membership
    from integrhabitat.people.services import record_consent

    center, org = world.center_a, world.partner_org
    org.name = LONG_NAME
    org.save(update_fields=["name"])
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.coordinator,
                     summary="Necesita afiliación al sistema de salud")
    add_assessment(case, {"assessed_on": date(2026, 2, 1), "need_humanitarian": 3, "integration": 2},
                   actor=world.coordinator)
    schedule_follow_up(case, due_on=date(2026, 2, 3), channel="phone", purpose="Llamar para confirmar la cita",
                       assigned_to=world.case_worker, actor=world.coordinator)
    record_consent(world.person_a, purpose="referral", organization=org, given_by="self", method="verbal",
                   actor=world.coordinator)
    referral = create_referral(case, {"organization": org, "reason": "Control médico"},
                               membership=Membership.objects.get(user=world.coordinator))
    group = save_group(center, {"name": "Taller de costura solidaria", "kind": "club", "capacity": 10,
                                "status": Group.Status.RUNNING, "schedule": "Sábados 10 a 12"}, actor=None)
    for given, family in [("Ana", "Ruiz Mendoza"), ("Beatriz", "Quiñónez")]:
        join_group(group, make_person(center, given, family), actor=None)
    join_group(group, world.person_a, actor=None)
    content = "Nombres;Apellidos;Fecha de nacimiento\nAna;Ruiz;31/02/1990\nJosé;Peres Rodriguez;\n".encode()
    job = start_import(center, "people", SimpleUploadedFile("lista_de_personas_enero.csv", content),
                       actor=world.coordinator)
    checked = start_import(center, "people", SimpleUploadedFile("otra.csv", content), actor=world.coordinator)
    validate_job(save_mapping(checked, checked.mapping, actor=world.coordinator))
    for user in (world.coordinator, world.case_worker):
        notify(user, center=center, text="Nueva remisión %(code)s", subject="Remisión", params={"code": "R-1"},
               url=f"/c/{center.slug}/cases/referrals/{referral.uuid}/")
    return case, referral, group, job, checked


def test_the_center_pages_of_each_role_fit_a_360px_phone(world, live_server, browser):  # noqa: F811
    case, referral, group, job, checked = _center_with_rows(world)
    a = f"/c/{world.center_a.slug}"
    person, service = world.person_a, world.service_a
    problems = []

    coordinator = _narrow_page(browser, live_server, world.coordinator)
    problems += _visit(coordinator, live_server, [
        f"{a}/", f"{a}/people/", f"{a}/people/{person.uuid}/", f"{a}/cases/", f"{a}/cases/{case.uuid}/",
        f"{a}/cases/referrals/", f"{a}/cases/referrals/{referral.uuid}/", f"{a}/cases/agenda/",
        f"{a}/groups/", f"{a}/groups/{group.uuid}/", f"{a}/services/", f"{a}/services/{service.uuid}/",
        f"{a}/results/", f"{a}/results/manual/", f"{a}/alliances/",
        f"{a}/alliances/organizations/{world.partner_org.uuid}/", f"{a}/staff/", f"{a}/audit/",
        "/accounts/notifications/", f"{a}/imports/", f"{a}/imports/{job.uuid}/columns/", f"{a}/imports/{checked.uuid}/",
        f"{a}/satisfaction/", f"{a}/reviews/", f"{a}/privacy/requests/",
    ])

    # The menu: one line on the phone until opened; it leads to the pages and to signing out.
    coordinator.goto(f"{live_server.url}{a}/")
    nav = coordinator.get_by_role("navigation", name=either("Principal", "Main"))
    people_link = nav.get_by_role("link", name=either("Personas", "People"))
    expect(people_link).to_be_hidden()
    coordinator.locator("header summary").filter(has_text=re.compile("Menú|Menu")).click()
    problems += _layout_problems(coordinator, "menu opened", menu_open=True)
    problems += axe_violations(coordinator, "menu opened")
    screenshot(coordinator, "narrow_menu_opened")
    expect(coordinator.get_by_role("button", name=either("Cerrar sesión", "Salir", "Sign out"))).to_be_visible()
    people_link.click()
    expect(coordinator).to_have_url(re.compile(r"/people/$"))
    expect(coordinator.locator('header nav a[aria-current="page"]')).to_have_text(either("Personas", "People"))
    # On a wide screen the same navigation is one bar, without a menu to open.
    coordinator.set_viewport_size({"width": 1280, "height": 800})
    expect(nav.get_by_role("link", name=either("Casos", "Cases"))).to_be_visible()
    screenshot(coordinator, "wide_people")
    expect(coordinator.locator("header summary")).to_be_hidden()
    coordinator.set_viewport_size(SMALL_PHONE)

    front_desk = _narrow_page(browser, live_server, world.front_desk)
    problems += _visit(front_desk, live_server, [f"{a}/", f"{a}/people/", f"{a}/people/{person.uuid}/",
                                                 f"{a}/services/", f"{a}/groups/"])
    # Stacked, a table is still a table to screen readers: a cell is named by its value alone, under its column.
    front_desk.goto(f"{live_server.url}{a}/people/{person.uuid}/")
    expect(front_desk.get_by_role("cell", name=re.compile(rf"^{re.escape(service.name)}\b"))).to_be_visible()
    expect(front_desk.get_by_role("columnheader", name=either("Servicio", "Service"))).to_have_count(1)

    front_desk.goto(f"{live_server.url}{a}/")
    search = front_desk.get_by_role("search").get_by_label(either("Buscar persona", "Find a person"))
    box = search.bounding_box()
    if box is None or box["y"] + box["height"] > SMALL_PHONE["height"]:
        problems.append(f"[front desk's home] the people search is not on the first screen: {box}")
    search.fill("jose perez")
    search.press("Enter")
    expect(front_desk).to_have_url(re.compile(r"/people/\?q=jose"))
    expect(front_desk.get_by_role("link", name=re.compile("José Pérez Rodríguez"))).to_be_visible()

    case_worker = _narrow_page(browser, live_server, world.case_worker)
    problems += _visit(case_worker, live_server, [
        f"{a}/", f"{a}/cases/", f"{a}/cases/{case.uuid}/", f"{a}/cases/referrals/", f"{a}/cases/agenda/",
        f"{a}/people/{person.uuid}/", "/accounts/notifications/",
    ])
    problems += page_problems(coordinator) + page_problems(front_desk) + page_problems(case_worker)
    assert problems == [], _report(problems)


def test_the_network_and_public_pages_fit_a_360px_phone(world, live_server, browser):  # noqa: F811
    slug = world.center_a.slug
    network = _narrow_page(browser, live_server, world.network_coordinator)
    problems = _visit(network, live_server, ["/network/", "/network/duplicates/"])
    anonymous = _narrow_page(browser, live_server)
    problems += _visit(anonymous, live_server, ["/accounts/login/", f"/p/{slug}/", f"/p/{slug}/portal/enter/"])
    assert problems + page_problems(network) + page_problems(anonymous) == [], _report(problems)

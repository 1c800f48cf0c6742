"""A participant on a 320 px phone: enters with a one-time code, signs up for an activity, proposes
an idea; staff answer it and the public page shows the answer. axe-core on every portal page."""

import re

import pytest
from playwright.sync_api import expect

from integrhabitat.cocreation.models import Proposal
from integrhabitat.cocreation.services import save_process
from integrhabitat.comms import sms
from integrhabitat.communities.models import Group, Member
from integrhabitat.communities.services import save_group
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    either,
    page_problems,
    phone_page,
)

pytestmark = pytest.mark.browser


def _fits(page, label: str) -> list[str]:
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return [] if width <= viewport + 1 else [f"[{label}] {width}px wide in {viewport}px: scrolls sideways"]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_participant_enters_signs_up_proposes_and_reads_the_centers_answer_in_public(
        world, live_server, browser, javascript):  # noqa: F811
    group = save_group(world.center_a, {"name": "Club de lectura", "kind": "club", "capacity": 10,
                                        "status": Group.Status.RUNNING, "schedule": "Sábados 10 a 12"}, actor=None)
    save_process(world.center_a, {"title": "Ideas para el centro", "kind": "planning", "scope": "services",
                                  "status": "open"}, actor=None)
    base = f"{live_server.url}/p/{world.center_a.slug}/portal"
    page = phone_page(browser, javascript=javascript)
    page.set_viewport_size({"width": 320, "height": 720})
    problems: list[str] = []

    def check(label):
        if javascript:
            problems.extend(axe_violations(page, label))
        problems.extend(_fits(page, label))

    page.goto(f"{base}/")
    expect(page).to_have_url(f"{base}/enter/")
    check("portal sign-in")
    page.get_by_label(either("Su número de teléfono o correo electrónico", "Your phone number or email")).fill(
        "300 123 4567")
    page.get_by_role("button", name=either("Enviarme un código", "Send me a code")).click()
    expect(page).to_have_url(f"{base}/enter/code/")
    check("portal code")
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1]["text"]).group(1)
    page.get_by_label(either("Código", "Code")).fill(code)
    page.get_by_role("button", name=either("Entrar", "Enter")).click()
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("José")
    check("portal home")

    page.get_by_role("link", name=either("Actividades", "Activities")).click()
    check("portal activities")
    page.get_by_role("button", name=either("Inscribirme", "Sign up")).click()
    expect(page.get_by_role("status")).to_contain_text("Club de lectura")
    assert Member.objects.get(group=group, participant=world.person_a).status == Member.Status.ACTIVE

    page.get_by_role("link", name=either("Propuestas", "Proposals")).click()
    check("portal proposals")
    page.locator("summary").click()  # <details> opens without JavaScript too
    page.get_by_label(either("Su idea en pocas palabras", "Your idea in a few words")).fill("Clases de computación")
    page.get_by_label(either("Cuéntenos más", "Tell us more")).fill("Para buscar empleo en línea.")
    page.get_by_label(either("Tema", "Topic")).select_option("V")
    page.get_by_role("button", name=either("Enviar", "Send")).click()
    expect(page.get_by_role("status")).to_contain_text(re.compile("Gracias|Thank you"))
    proposal = Proposal.objects.get(author=world.person_a)

    page.get_by_role("link", name=either("Mis datos", "My data")).click()
    check("portal profile")

    # The coordinator answers it from the proposal's page; the public page (no login) shows the answer.
    staff = phone_page(browser, javascript=javascript)
    staff.goto(f"{live_server.url}/accounts/login/")
    staff.locator("#id_username").fill(world.coordinator.username)
    staff.locator("#id_password").fill("correct horse battery")
    staff.locator("button.primary").click()
    staff.wait_for_url(lambda url: "/accounts/login/" not in url)
    staff.goto(f"{live_server.url}/c/{world.center_a.slug}/cocreation/proposals/{proposal.uuid}/")
    answer = staff.locator('form[action$="/answer/"]')
    answer.get_by_label(either("Estado", "Status")).select_option("accepted")
    answer.get_by_label(either("Respuesta pública", "Public answer")).fill("Empezamos en marzo, los sábados.")
    answer.get_by_role("button", name=either("Publicar la respuesta", "Publish the answer")).click()
    expect(staff.get_by_role("status")).to_contain_text(re.compile("Respuesta publicada|Answer published"))
    if javascript:
        problems.extend(axe_violations(staff, "proposal answered"))
    public = phone_page(browser, javascript=javascript)
    public.set_viewport_size({"width": 320, "height": 720})
    public.goto(f"{live_server.url}/p/{world.center_a.slug}/")
    expect(public.get_by_text("Empezamos en marzo, los sábados.")).to_be_visible()
    assert "José" not in public.content()
    if javascript:
        problems.extend(axe_violations(public, "public page"))
    problems.extend(_fits(public, "public page"))

    problems += page_problems(page) + page_problems(public) + page_problems(staff)
    assert not problems, "\n".join(problems)

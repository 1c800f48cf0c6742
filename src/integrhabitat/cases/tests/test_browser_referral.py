"""A referral to a partner organization, end to end, in a real browser on a narrow phone.

The case worker opens José's case, adds a goal and refers him to Fundación Aliada; the referral is
refused until his consent to share data with that organization is recorded, then it is sent. The
partner's staff member answers it from their inbox and marks him attended; the case worker reads the
answer on the case and in their notifications. The pages are checked with axe-core (nothing serious
or critical) and must load all their CSS and JS; the case page must not scroll sideways.

Locators use the accessible names a person reads, in Spanish or in English (a string missing from
the Spanish catalogue shows in English); forms are scoped by their action when a page has several.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from integrhabitat.cases.models import Case, Goal, Referral
from integrhabitat.cases.services import open_case
from integrhabitat.people.models import Consent
from integrhabitat.people.tests.browser import (
    axe_violations,
    browser,  # noqa: F401 (a fixture)
    either,
    page_problems,
    phone_page,
    screenshot,
)
from integrhabitat.services.taxonomy import Category

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"  # make_user's password
NARROW_PHONE = {"width": 375, "height": 740}
GOAL = "Afiliarse al sistema de salud"
REASON = "Necesita valoración psicológica; llegó hace dos semanas y duerme mal."
ANSWER = "Lo recibimos el martes a las 9; que traiga su documento."
FEEDBACK = "Fue atendido por psicología y tiene cita de control en un mes."
NAME = "José Pérez Rodríguez"

SENT = either("Enviada", "Enviado", "Sent")
ATTENDED = either("Atendida", "Atendido", "Attended")
CONSENT_ERROR = re.compile(r"(no ha (dado su )?consent|not consented)", re.IGNORECASE)


def _signed_in_page(browser, live_server, user, *, javascript: bool = True):  # noqa: F811
    """A fresh phone (its own cookies) where `user` signed in through the login form."""
    page = phone_page(browser, javascript=javascript)
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(either("Nombre de usuario", "Usuario", "Username")).fill(user.username)
    page.get_by_label(either("Contraseña", "Password")).fill(PASSWORD)
    page.get_by_role("button", name=either("Iniciar sesión", "Ingresar", "Entrar", "Sign in")).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def _url(live_server, path: str) -> re.Pattern:
    """The whole URL of `path` (no query string), for `to_have_url`."""
    return re.compile(rf"^{re.escape(live_server.url + path)}$")


def _refer(page, organization_name: str) -> None:
    """On the case page: open the referral form, choose the organization, write the reason, send."""
    page.locator('a[href$="/refer/"]').click()
    expect(page).to_have_url(re.compile(r"/cases/[0-9a-f-]{36}/refer/$"))
    _fill_and_send(page, organization_name)


def _fill_and_send(page, organization_name: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)
    page.get_by_label(either("Organización aliada", "Organización", "Partner organization")).select_option(
        label=organization_name)
    page.get_by_label(either("Motivo de la remisión", "Motivo", "Reason for the referral")).fill(REASON)
    page.get_by_role("button", name=either("Enviar la remisión", "Enviar remisión", "Send the referral")).click()


KEEP_AND_CONSENT = either("Guardar la remisión como borrador y registrar el consentimiento",
                          "Keep this referral as a draft and record the consent")


def _refused_for_lack_of_consent(page, world) -> None:
    """The referral form comes back with the refusal announced and a way to record the consent."""
    expect(page.get_by_role("alert")).to_contain_text(CONSENT_ERROR)
    expect(page).to_have_url(re.compile(r"/refer/$"))
    expect(page.get_by_role("button", name=KEEP_AND_CONSENT)).to_be_visible()
    assert not Referral.objects.exists()  # refused as a whole: not even a draft is left


def _record_referral_consent(page, world) -> None:
    """Keep the referral as a draft, record the consent as the form comes (read aloud), send the draft."""
    page.get_by_role("button", name=KEEP_AND_CONSENT).click()
    expect(page).to_have_url(re.compile(rf"/people/{world.person_a.uuid}/consents/new/\?"))
    expect(page.get_by_label(either("Finalidad", "Purpose"))).to_have_value("referral")
    expect(page.get_by_label(either("Organización con la que se pueden compartir los datos",
                                    "Organization the data may be shared with"))).to_have_value(
        str(world.partner_org.uuid))
    page.get_by_label(either("Forma", "Cómo", "How")).select_option("verbal")
    page.get_by_role("button", name=either("Guardar", "Save")).click()
    # Back on the draft, with what was typed; sending it now goes through, and leads back to the case.
    expect(page).to_have_url(re.compile(r"/cases/referrals/[0-9a-f-]{36}/$"))
    expect(page.get_by_text(REASON)).to_be_visible()
    page.get_by_role("button", name=either("Enviar la remisión", "Send the referral")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile(r"(Remisión enviada|Referral sent)"))
    page.locator(f'main a[href$="/cases/{Referral.objects.get().case.uuid}/"]').first.click()


def _referral_row(page):
    """The referral to Fundación Aliada in the “Referrals” section of the case page."""
    referrals = page.get_by_role("region", name=either("Remisiones", "Referrals"))
    return referrals.get_by_role("link").filter(has_text="Fundación Aliada")


def _no_sideways_scroll(page, label: str) -> list[str]:
    """The page fits the phone's width (browser.py's check assumes its own, wider, phone)."""
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width <= viewport + 1:
        return []
    return [f"[{label}] the page is {width}px wide in a {viewport}px viewport: it scrolls sideways"]


def test_a_case_worker_refers_a_person_and_reads_the_partners_answer(world, live_server, browser):  # noqa: F811
    base = live_server.url
    center = world.center_a
    problems: list[str] = []

    # 1. The case worker opens a case from José's profile, assigned to themselves (the default).
    worker = _signed_in_page(browser, live_server, world.case_worker)
    expect(worker).to_have_url(_url(live_server, f"/c/{center.slug}/"))
    worker.goto(f"{base}/c/{center.slug}/people/{world.person_a.uuid}/")
    worker.get_by_role("link", name=either("Abrir un caso", "Abrir caso", "Open a case")).click()
    expect(worker).to_have_url(_url(live_server, f"/c/{center.slug}/cases/open/{world.person_a.uuid}/"))
    expect(worker.get_by_label(either("Gestor/a de casos", "Case worker"))).to_have_value(str(world.case_worker.pk))
    worker.get_by_role("button", name=either("Guardar", "Save")).click()
    expect(worker).to_have_url(re.compile(rf"/c/{center.slug}/cases/[0-9a-f-]{{36}}/$"))
    case = Case.objects.get(participant=world.person_a)
    assert case.assigned_to == world.case_worker
    expect(worker).to_have_url(_url(live_server, f"/c/{center.slug}/cases/{case.uuid}/"))

    # 2. A goal, added from the case page, is listed in the plan.
    worker.locator("summary").filter(has_text=either("Agregar una meta", "Añadir una meta", "Add a goal")).click()
    goal_form = worker.locator('form[action$="/goals/"]')
    goal_form.get_by_label(either("Meta", "Objetivo", "Goal")).fill(GOAL)
    goal_form.get_by_label(either("Categoría", "Category")).select_option(Category.HUMANITARIAN.value)
    due_on = timezone.localdate() + timedelta(days=30)
    goal_form.get_by_label(either("Fecha prevista", "Fecha límite", "Due date")).fill(due_on.isoformat())
    goal_form.get_by_role("button", name=either("Agregar la meta", "Añadir la meta", "Add the goal")).click()
    plan = worker.get_by_role("region", name=either("Plan del caso", "Plan de caso", "Case plan"))
    expect(plan.get_by_role("heading", level=3, name=GOAL)).to_be_visible()
    expect(worker).to_have_url(_url(live_server, f"/c/{center.slug}/cases/{case.uuid}/"))

    # 3. Referring José to Fundación Aliada is refused: he has not consented to share his data with it.
    _refer(worker, world.partner_org.name)
    _refused_for_lack_of_consent(worker, world)
    problems += axe_violations(worker, "referral form refused for lack of consent")
    screenshot(worker, "referral_refused")

    # The worker records the consent from the link, goes back to the case and refers again: sent.
    _record_referral_consent(worker, world)
    expect(worker).to_have_url(_url(live_server, f"/c/{center.slug}/cases/{case.uuid}/"))
    expect(_referral_row(worker).locator(".status")).to_have_text(SENT)

    # 4. The partner's staff member lands on their inbox, with a notification waiting.
    partner = _signed_in_page(browser, live_server, world.partner)
    expect(partner).to_have_url(_url(live_server, f"/c/{center.slug}/cases/received/"))
    partner.locator("details.menu > summary").click()  # on a phone the navigation is behind the menu
    notifications_link = partner.get_by_role("navigation").get_by_role(
        "link", name=re.compile(r"^\s*(Notificaciones|Notifications)\b", re.IGNORECASE))
    expect(notifications_link.locator(".badge")).to_have_text(re.compile(r"^\s*1\b"))  # “1 unread”
    problems += axe_violations(partner, "partner inbox")
    screenshot(partner, "partner_inbox")

    waiting = partner.get_by_role("region", name=re.compile(r"^(En espera|Waiting for your answer)", re.IGNORECASE))
    waiting.get_by_role("link", name=re.compile(NAME)).click()
    expect(partner).to_have_url(re.compile(rf"/c/{center.slug}/cases/received/[0-9a-f-]{{36}}/$"))
    expect(partner.get_by_role("heading", level=1)).to_contain_text(NAME)
    expect(partner.get_by_text(REASON)).to_be_visible()
    problems += axe_violations(partner, "partner referral")
    screenshot(partner, "partner_referral")

    # It accepts the referral with a message…
    answer = partner.get_by_role("region", name=either("Responder", "Respuesta", "Answer"))
    expect(answer.get_by_role("radio")).to_have_count(2)  # accept, reject: the form's own fields are shown
    answer.get_by_role("radio", name=either("Aceptar", "Accept")).check()
    answer.get_by_label(re.compile(r"(mensaje|message)", re.IGNORECASE)).fill(ANSWER)
    answer.get_by_role("button", name=either("Enviar la respuesta", "Enviar respuesta", "Send the answer")).click()
    expect(partner.locator("dl.data")).to_contain_text(ANSWER)
    expect(answer).to_have_count(0)  # answered: the answer form is gone

    # …then marks José attended with feedback, without recording a service.
    attended = partner.get_by_role("region", name=either("La persona fue atendida", "The person was attended"))
    service = attended.get_by_label(re.compile(r"(servicio|service)", re.IGNORECASE))
    expect(service).to_have_value("")
    attended.get_by_label(re.compile(r"(comentario|retroalimentación|feedback)", re.IGNORECASE)).fill(FEEDBACK)
    attended.get_by_role("button", name=either("Marcar como atendida", "Marcar como atendido",
                                               "Mark as attended")).click()
    expect(partner.locator("dl.data")).to_contain_text(FEEDBACK)
    expect(attended).to_have_count(0)

    # 5. The case worker reads both answers in their notifications and on the case page.
    worker.locator("details.menu > summary").click()  # on a phone the navigation is behind the menu
    worker.get_by_role("navigation").get_by_role(
        "link", name=re.compile(r"^\s*(Notificaciones|Notifications)\b", re.IGNORECASE)).click()
    expect(worker).to_have_url(_url(live_server, "/accounts/notifications/"))
    answers = worker.locator("main li").filter(has_text=world.partner_org.name).filter(has_text=case.reference)
    expect(answers).to_have_count(2)  # accepted, then attended
    expect(answers.first).to_contain_text(re.compile(r"(atendi[óo]|attended)", re.IGNORECASE))  # the newest first
    problems += axe_violations(worker, "notifications")
    screenshot(worker, "notifications")

    answers.first.get_by_role("link").click()
    expect(worker).to_have_url(_url(live_server, f"/c/{center.slug}/cases/{case.uuid}/"))
    row = _referral_row(worker)
    expect(row.locator(".status")).to_have_text(ATTENDED)
    expect(row).to_contain_text(ANSWER)
    expect(row).to_contain_text(FEEDBACK)
    problems += axe_violations(worker, "case page") + _no_sideways_scroll(worker, "case page")
    screenshot(worker, "case_page")

    # And in the database.
    referral = Referral.objects.get(case=case)
    assert referral.organization == world.partner_org and referral.reason == REASON
    assert referral.status == Referral.Status.ATTENDED
    assert referral.answered_by == world.partner
    assert (referral.answer_note, referral.feedback) == (ANSWER, FEEDBACK)
    assert referral.delivery is None  # the service was left empty
    consent = Consent.objects.get(participant=world.person_a, purpose=Consent.Purpose.REFERRAL)
    assert consent.organization == world.partner_org and consent.method == Consent.Method.VERBAL
    assert consent.recorded_by == world.case_worker and consent.withdrawn_at is None
    assert referral.consent == consent
    goal = Goal.objects.get(case=case)
    assert (goal.title, goal.category, goal.due_on) == (GOAL, Category.HUMANITARIAN, due_on)

    problems = page_problems(worker) + page_problems(partner) + problems
    assert not problems, "\n".join(problems)


def test_the_referral_refused_then_consented_works_without_javascript(world, live_server, browser):  # noqa: F811
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    case_path = f"/c/{world.center_a.slug}/cases/{case.uuid}/"
    page = _signed_in_page(browser, live_server, world.case_worker, javascript=False)
    page.goto(live_server.url + case_path)

    _refer(page, world.partner_org.name)
    _refused_for_lack_of_consent(page, world)
    _record_referral_consent(page, world)

    expect(page).to_have_url(_url(live_server, case_path))
    expect(_referral_row(page).locator(".status")).to_have_text(SENT)
    referral = Referral.objects.get(case=case)
    assert referral.status == Referral.Status.SENT
    assert referral.consent.organization == world.partner_org
    assert not page_problems(page), "\n".join(page_problems(page))

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
        f"{a}/directory/import/",
    ]
    assert _check(page, live_server, paths) == []


def test_the_network_coordinators_pages_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    page = phone_page(browser)
    _sign_in(page, live_server, world.network_coordinator.username)
    assert _check(page, live_server, ["/network/", "/network/centers/new/"]) == []


def test_the_duplicate_queues_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    from integrhabitat.people.tests.duplicate_support import cross_center_pair, look_alike_pair, merged_pair

    pair = look_alike_pair(world.center_a)
    merged_pair(world.center_a)
    cross_center_pair(world)
    a = f"/c/{world.center_a.slug}/people/duplicates"
    page = phone_page(browser)
    _sign_in(page, live_server, world.coordinator.username)
    problems = _check(page, live_server, [f"{a}/", f"{a}/{pair.uuid}/"])
    network = phone_page(browser)
    _sign_in(network, live_server, world.network_coordinator.username)
    assert problems + _check(network, live_server, ["/network/duplicates/"]) == []


def test_the_api_tokens_page_is_accessible_on_a_phone_with_a_new_token_shown(world, live_server, browser):  # noqa: F811
    from integrhabitat.api.services import create_token, revoke_token

    revoke_token(create_token(world.front_desk, name="Kobo antiguo", actor=None)[0], actor=None)
    page = phone_page(browser)
    _sign_in(page, live_server, world.front_desk.username)
    problems = _check(page, live_server, ["/accounts/tokens/"])
    page.locator("#id_name").fill("Sincronización")
    page.locator("button.primary").click()
    page.wait_for_selector("#new-token")
    assert problems + axe_violations(page, "new token") + phone_layout_problems(page, "new token") == []


def test_the_sign_in_page_is_accessible_in_english(live_server, browser):  # noqa: F811
    page = phone_page(browser)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page, "login (en)") + page_problems(page) == []


def test_the_pages_of_alliances_and_cases_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    from datetime import date

    from integrhabitat.cases.services import add_assessment, add_goal, create_referral, open_case, schedule_follow_up
    from integrhabitat.network.models import Membership
    from integrhabitat.partners.models import Agreement, Pathway, PathwayStep
    from integrhabitat.people.services import record_consent

    a = f"/c/{world.center_a.slug}"
    org = world.partner_org
    agreement = Agreement.objects.create(center=world.center_a, organization=org, title="Convenio de salud",
                                         starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    pathway = Pathway.objects.create(center=world.center_a, need="Salud sin papeles", category="I",
                                     description="Atención primaria")
    PathwayStep.objects.create(pathway=pathway, organization=org, requirements="Ninguno", documents="Cédula")
    case = open_case(world.person_a, assigned_to=world.coordinator, actor=world.coordinator)
    add_goal(case, {"title": "Acceso a salud", "category": "I"}, actor=world.coordinator)
    add_assessment(case, {"assessed_on": date(2026, 2, 1), "need_humanitarian": 3, "integration": 2},
                   actor=world.coordinator)
    follow_up = schedule_follow_up(case, due_on=date(2026, 2, 3), channel="phone", purpose="Llamar",
                                   assigned_to=world.coordinator, actor=world.coordinator)
    record_consent(world.person_a, purpose="referral", organization=org, given_by="self", method="verbal",
                   actor=world.coordinator)
    referral = create_referral(case, {"organization": org, "reason": "Control", "pathway": pathway},
                               membership=Membership.objects.get(user=world.coordinator))
    page = phone_page(browser)
    _sign_in(page, live_server, world.coordinator.username)
    paths = [
        f"{a}/alliances/", f"{a}/alliances/?status=active", f"{a}/alliances/organizations/new/",
        f"{a}/alliances/organizations/{org.uuid}/", f"{a}/alliances/organizations/{org.uuid}/edit/",
        f"{a}/alliances/organizations/{org.uuid}/agreements/new/", f"{a}/alliances/agreements/{agreement.uuid}/",
        f"{a}/alliances/pathways/", f"{a}/alliances/pathways/{pathway.uuid}/",
        f"{a}/alliances/pathways/{pathway.uuid}/print/?lang=en",
        f"{a}/cases/", f"{a}/cases/agenda/", f"{a}/cases/referrals/", f"{a}/cases/open/{world.person_a.uuid}/",
        f"{a}/cases/{case.uuid}/", f"{a}/cases/{case.uuid}/edit/", f"{a}/cases/{case.uuid}/close/",
        f"{a}/cases/{case.uuid}/assessments/new/", f"{a}/cases/{case.uuid}/refer/",
        f"{a}/cases/{case.uuid}/follow-ups/{follow_up.uuid}/", f"{a}/cases/referrals/{referral.uuid}/",
        "/accounts/notifications/",
    ]
    assert _check(page, live_server, paths) == []


def test_the_pages_of_co_creation_are_accessible_on_a_phone_and_the_public_page_without_login(
        world, live_server, browser):  # noqa: F811
    from datetime import date

    from integrhabitat.cocreation.services import (
        add_comment,
        answer_proposal,
        save_meeting,
        save_process,
        submit_proposal,
    )

    a = f"/c/{world.center_a.slug}/cocreation"
    process = save_process(world.center_a, {"title": "Diagnóstico del parque", "kind": "diagnosis",
                                            "scope": "public_space", "status": "open"}, actor=world.coordinator)
    meeting = save_meeting(process, {"date": date(2026, 3, 1), "agenda": "Recorrido"}, actor=world.coordinator,
                           attendees=[world.person_a])
    proposal = submit_proposal(world.center_a, {"title": "Iluminar el parque", "description": "Faltan luces.",
                                                "category": "IV", "process": process},
                               author=world.person_a, actor=world.coordinator)
    add_comment(proposal, "¡De acuerdo!", participant=world.person_a, staff=world.coordinator)
    answer_proposal(proposal, status="in_progress", answer="En marcha con la alcaldía.", progress=40,
                    version=proposal.version, actor=world.coordinator)
    page = phone_page(browser)
    _sign_in(page, live_server, world.coordinator.username)
    paths = [
        f"{a}/", f"{a}/new/", f"{a}/{process.uuid}/", f"{a}/{process.uuid}/edit/", f"{a}/{process.uuid}/meetings/new/",
        f"{a}/{process.uuid}/meetings/{meeting.uuid}/", f"{a}/proposals/", f"{a}/proposals/new/",
        f"{a}/proposals/{proposal.uuid}/",
    ]
    assert _check(page, live_server, paths) == []

    from integrhabitat.improvement.feedback.services import submit_feedback

    feedback = submit_feedback(world.center_a, {"kind": "complaint", "category": "waiting", "body": "Esperé mucho"})
    assert _check(page, live_server, [f"/c/{world.center_a.slug}/feedback/",
                                      f"/c/{world.center_a.slug}/feedback/{feedback.uuid}/",
                                      f"/c/{world.center_a.slug}/satisfaction/"]) == []

    anonymous = phone_page(browser)
    assert _check(anonymous, live_server, [f"/p/{world.center_a.slug}/", f"/p/{world.center_a.slug}/feedback/",
                                           f"/p/{world.center_a.slug}/feedback/{feedback.code}/",
                                           f"/p/{world.center_a.slug}/kiosk/"]) == []


def test_the_import_pages_are_accessible_on_a_phone(world, live_server, browser):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    from integrhabitat.imports.services import save_mapping, start_import, validate_job

    a = f"/c/{world.center_a.slug}/imports"
    content = "Nombres;Apellidos;Fecha de nacimiento\nAna;Ruiz;31/02/1990\nJosé;Peres Rodriguez;\n".encode()
    job = start_import(world.center_a, "people", SimpleUploadedFile("lista.csv", content), actor=world.coordinator)
    checked = start_import(world.center_a, "people", SimpleUploadedFile("otra.csv", content), actor=world.coordinator)
    validate_job(save_mapping(checked, checked.mapping, actor=world.coordinator))
    page = phone_page(browser)
    _sign_in(page, live_server, world.coordinator.username)
    paths = [f"{a}/", f"{a}/{job.uuid}/columns/", f"{a}/{checked.uuid}/"]
    assert _check(page, live_server, paths) == []

"""The lienzo de negocio social: facts generated from a small hand-built center, the center's words
saved with a version check, the page, the PDF, and tenancy."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_center, make_organization, make_person, make_user
from integrhabitat.improvement.canvas.services import BLOCK_CODES, NARRATIVE_MAX_LENGTH, build_canvas, save_narratives
from integrhabitat.improvement.models import Canvas
from integrhabitat.improvement.results.periods import headline_period
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.lib.testing import pdf_text
from integrhabitat.network.models import Center
from integrhabitat.network.roles import Role
from integrhabitat.partners.models import Agreement
from integrhabitat.services.services import record_deliveries, save_service

TODAY = date(2026, 6, 30)  # the canvas counts the last quarter ended: 1 January to 31 March 2026


@dataclass
class Drawn:
    center: Center
    coordinator: object


@pytest.fixture
def drawn(db) -> Drawn:
    """Centro Lienzo: three active services and a retired one, two allies and one in negotiation,
    six refugee women and two host-community men served in the last year, one person served before it."""
    center = make_center("lienzo", "LNZ", "Centro Lienzo")
    Center.objects.filter(pk=center.pk).update(
        priority_groups=["women", "refugees_migrants"], opening_hours="Lunes a viernes, 8 a 17",
        languages="español, kreyòl", lead_institution="Alcaldía de Cúcuta", address="Calle 10 # 5-20")
    center.refresh_from_db()
    actor = make_user("coord_lienzo", center, Role.COORDINATOR)
    make_user("facil_lienzo", center, Role.FACILITATOR)
    donor = make_organization(center, "Fondo Solidario", roles=["donor"], status="active")
    clinic = make_organization(center, "Clínica Amiga", roles=["provider"], status="agreement")
    make_organization(center, "Cámara de Comercio", roles=["donor"], status="negotiating")
    make_organization(center, "Junta Vecinal", roles=["aggregator"], status="identified")
    Agreement.objects.create(center=center, organization=donor, title="Convenio 2026", starts_on=date(2026, 1, 1))
    Agreement.objects.create(center=center, organization=clinic, title="Convenio viejo", starts_on=date(2024, 1, 1),
                             ends_on=date(2025, 1, 1))

    food = save_service(center, {"name": "Mercados", "service_type": "I.food"}, actor=actor)
    save_service(center, {"name": "Atención en salud", "service_type": "I.health", "modality": "partner",
                          "provider": clinic, "cost_model": "subsidized"}, actor=actor)
    bakery = save_service(center, {"name": "Curso de panadería", "service_type": "V.vocational_training",
                                   "modality": "outreach", "relationship": "community", "cost_model": "sliding"},
                          actor=actor)
    save_service(center, {"name": "Teatro", "service_type": "VI.cultural_activities", "status": "retired"},
                 actor=actor)

    women = [make_person(center, f"Mujer {n}", actor=actor, sex="female", mobility_status="refugee")
             for n in range(6)]
    record_deliveries(center, food, women, delivered_on=date(2026, 3, 1), actor=actor)
    hosts = [make_person(center, f"Vecino {n}", actor=actor, sex="male", mobility_status="host") for n in range(2)]
    record_deliveries(center, bakery, hosts, delivered_on=date(2026, 3, 31), actor=actor)
    earlier = make_person(center, "Antes", actor=actor, sex="female", mobility_status="host")
    record_deliveries(center, food, [earlier], delivered_on=date(2025, 3, 1), actor=actor)
    return Drawn(center=center, coordinator=actor)


def facts_of(center, *, sensitive: bool = True) -> dict[str, list[str]]:
    with translation.override("en"):
        view = build_canvas(center, today=TODAY, sensitive=sensitive)
        return {item.block.code: [fact.text for fact in item.facts] for item in view.blocks}


# --- The facts -----------------------------------------------------------------------------------------------

def test_it_draws_the_nine_blocks_in_reading_order(drawn):
    assert list(facts_of(drawn.center)) == [
        "value_proposition", "users", "channels", "relationships", "key_resources", "key_partners", "income",
        "costs", "impact"]


def test_it_offers_the_active_services_by_category(drawn):
    offer = facts_of(drawn.center)["value_proposition"]
    assert "Humanitarian assistance: 2 active services (Atención en salud, Mercados)." in offer
    assert "Economy: 1 active service (Curso de panadería)." in offer
    assert not any("Teatro" in fact or "Culture" in fact for fact in offer)  # retired


def test_it_reaches_people_through_the_services_modalities(drawn):
    channels = facts_of(drawn.center)["channels"]
    assert channels[:3] == ["Direct, at the center: 1 active service.", "Outreach day: 1 active service.",
                            "Through a partner alliance: 1 active service."]
    assert "Opening hours: Lunes a viernes, 8 a 17." in channels
    assert "Languages spoken: español, kreyòl." in channels


def test_it_relates_to_users_as_the_services_say(drawn):
    relationships = facts_of(drawn.center)["relationships"]
    assert relationships == ["Personal assistance: 2 active services.", "Community: 1 active service."]


def test_it_counts_allies_agreements_in_force_and_partner_services(drawn):
    partners = facts_of(drawn.center)["key_partners"]
    assert partners == [
        "Donor: 1 (Fondo Solidario).",
        "Service provider: 1 (Clínica Amiga).",
        "1 agreement in force.",  # the old one ended in 2025
        "Services delivered by partners: 1 active service.",
        "1 more organization contacted or in negotiation.",  # the Junta is only identified
    ]


def test_it_counts_the_people_served_by_group_with_the_priority_groups_marked(drawn):
    users = facts_of(drawn.center, sensitive=True)["users"]
    assert users[0] == "Priority groups: Women and girls, Refugees and migrants."
    assert "People served in the last quarter: 8 people." in users  # not the one served before
    assert "Women and girls (priority group): 6 people." in users
    assert "Refugees and migrants (priority group): 6 people." in users
    assert not any(fact.startswith("Children") for fact in users)  # none served, not a priority


def test_it_shows_small_counts_as_fewer_than_the_threshold(drawn):
    assert settings.SMALL_CELL_THRESHOLD == 5
    assert "Host community: fewer than 5 people." in facts_of(drawn.center, sensitive=True)["users"]


def test_it_hides_the_sensitive_groups_from_who_may_not_read_sensitive_data(drawn):
    users = facts_of(drawn.center, sensitive=False)["users"]
    assert "Women and girls (priority group): 6 people." in users
    assert not any(fact.startswith(("Refugees and migrants (priority", "Host community")) for fact in users)


def test_it_draws_resources_income_costs_and_impact_from_what_is_known(drawn):
    facts = facts_of(drawn.center)
    assert "Public center led by Alcaldía de Cúcuta." in facts["key_resources"]
    assert "Premises: Calle 10 # 5-20, Bogotá." in facts["key_resources"]
    assert "Team: Center coordinator (1); Facilitator (1)." in facts["key_resources"]
    assert "Donors with an agreement or an active alliance: Fondo Solidario." in facts["income"]
    assert "Services where users contribute, by ability to pay or with a fee: 1 active service." in facts["income"]
    assert any("finance module" in fact for fact in facts["income"])
    assert facts["costs"][:4] == ["Provided by the center's own team: 2 active services.",
                                  "Cost to users, free: 1 active service.",
                                  "Cost to users, subsidized: 1 active service.",
                                  "Cost to users, fee by ability to pay: 1 active service."]
    assert "Services given in the last quarter: 8." in facts["costs"]
    assert any("finance module" in fact for fact in facts["costs"])
    assert "New participants in the last quarter: 8 people." in facts["impact"]
    assert "0.0% of the people served used several services or kept coming (continuity)." in facts["impact"]


def test_a_center_without_data_gets_a_canvas_that_says_so(db):
    empty = make_center("vacio", "VAC", "Centro Vacío")
    facts = facts_of(empty)
    assert facts["value_proposition"] == ["The center has no active services yet."]
    assert "People served in the last quarter: 0 people." in facts["users"]
    assert facts["impact"] == ["No results recorded in the last quarter."]


def test_it_counts_in_a_fixed_number_of_queries(drawn):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            build_canvas(drawn.center, today=TODAY, sensitive=True)
        return len(captured)

    before = queries()
    more = save_service(drawn.center, {"name": "Asesoría legal", "service_type": "I.legal"}, actor=None)
    extra = [make_person(drawn.center, f"Otra {n}", actor=None, sex="female") for n in range(5)]
    record_deliveries(drawn.center, more, extra, delivered_on=date(2026, 5, 1), actor=None)
    make_organization(drawn.center, "Otra Fundación", roles=["donor", "provider"], status="active")
    assert queries() == before


# --- The center's words -------------------------------------------------------------------------------------

def test_it_saves_the_center_words_and_records_it(drawn):
    canvas = save_narratives(drawn.center, {"value_proposition": "  Un lugar de encuentro.  ", "income": ""},
                             version=1, actor=drawn.coordinator)
    assert canvas.narratives == {"value_proposition": "Un lugar de encuentro."}
    assert canvas.version == 2
    assert canvas.updated_by == drawn.coordinator
    entry = AuditEntry.objects.get(action="improvement.canvas.narratives_saved")
    assert (entry.actor, entry.center, entry.fields) == (drawn.coordinator, drawn.center, ["value_proposition"])

    # Blocks left out keep their text; a blank one removes it.
    canvas = save_narratives(drawn.center, {"users": "Familias del barrio", "value_proposition": " "}, version=2,
                             actor=drawn.coordinator)
    assert canvas.narratives == {"users": "Familias del barrio"}
    with translation.override("en"):
        view = build_canvas(drawn.center, today=TODAY, sensitive=False)
    assert {item.block.code: item.narrative for item in view.blocks}["users"] == "Familias del barrio"
    assert view.version == 3


def test_it_refuses_an_edit_begun_on_an_older_version(drawn):
    save_narratives(drawn.center, {"users": "Primera"}, version=1, actor=drawn.coordinator)
    with pytest.raises(StaleEdit):
        save_narratives(drawn.center, {"users": "Segunda"}, version=1, actor=drawn.coordinator)
    canvas = Canvas.objects.get(center=drawn.center)
    assert (canvas.narratives, canvas.version) == ({"users": "Primera"}, 2)


def test_it_refuses_unknown_blocks_and_texts_too_long(drawn):
    with translation.override("en"):
        with pytest.raises(Refused, match="no block “slogan”"):
            save_narratives(drawn.center, {"slogan": "Hola"}, version=1, actor=drawn.coordinator)
        with pytest.raises(Refused, match="too long"):
            save_narratives(drawn.center, {"costs": "x" * (NARRATIVE_MAX_LENGTH + 1)}, version=1,
                            actor=drawn.coordinator)
    assert not Canvas.objects.filter(center=drawn.center).exists()


# --- The pages -----------------------------------------------------------------------------------------------

def english(world, user):
    client = world.client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_page_shows_the_facts_and_the_center_words(world):
    save_narratives(world.center_a, {"impact": "Menos soledad en el barrio"}, version=1, actor=world.coordinator)
    body = english(world, world.viewer).get("/c/centro-a/canvas/").content.decode()
    assert "Humanitarian assistance: 1 active service (Kits alimentarios)." in body
    assert "Menos soledad en el barrio" in body
    assert "Fundación Aliada" in body
    assert 'href="/c/centro-a/canvas/edit/"' not in body  # a viewer cannot edit


def test_the_page_counts_sensitive_groups_only_for_roles_that_read_sensitive_data(world):
    # José, a migrant, is served in the last quarter that has ended: the canvas counts it.
    served_on = headline_period(timezone.localdate()).start
    record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=served_on, actor=None)
    Center.objects.filter(pk=world.center_a.pk).update(priority_groups=["refugees_migrants"])
    sensitive_fact = "Refugees and migrants (priority group): fewer than 5 people."
    assert sensitive_fact in english(world, world.case_worker).get("/c/centro-a/canvas/").content.decode()
    for user in (world.viewer, world.facilitator):
        assert sensitive_fact not in english(world, user).get("/c/centro-a/canvas/").content.decode()


def test_the_coordinator_writes_the_center_words(world):
    client = english(world, world.coordinator)
    assert 'href="/c/centro-a/canvas/edit/"' in client.get("/c/centro-a/canvas/").content.decode()
    data = {code: "" for code in BLOCK_CODES} | {"version": "1", "key_resources": "Un salón y una cocina"}
    response = client.post("/c/centro-a/canvas/edit/", data)
    assert response.status_code == 302
    assert response["Location"] == "/c/centro-a/canvas/"
    canvas = Canvas.objects.get(center=world.center_a)
    assert (canvas.narratives, canvas.version) == ({"key_resources": "Un salón y una cocina"}, 2)


def test_a_stale_form_is_refused_with_a_clear_message_and_nothing_saved(world):
    save_narratives(world.center_a, {"users": "Texto de otra persona"}, version=1, actor=world.case_worker)
    data = {code: "" for code in BLOCK_CODES} | {"version": "1", "users": "Mi texto"}
    response = english(world, world.coordinator).post("/c/centro-a/canvas/edit/", data)
    assert response.status_code == 400
    assert "Someone else saved this record while you were editing it" in response.content.decode()
    assert Canvas.objects.get(center=world.center_a).narratives == {"users": "Texto de otra persona"}


def test_the_form_refuses_a_text_too_long(world):
    data = {"version": "1", "costs": "x" * (NARRATIVE_MAX_LENGTH + 1)}
    response = english(world, world.coordinator).post("/c/centro-a/canvas/edit/", data)
    assert response.status_code == 400
    assert not Canvas.objects.filter(center=world.center_a).exists()


def test_the_pdf_holds_the_center_name_and_its_words(world):
    save_narratives(world.center_a, {"value_proposition": "Cocinamos juntos"}, version=1, actor=world.coordinator)
    response = english(world, world.viewer).get("/c/centro-a/canvas.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="lienzo-centro-a.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Centro A" in text
    assert "Cocinamos juntos" in text
    assert "Value proposition" in text and "Social impact" in text


# --- Tenancy -------------------------------------------------------------------------------------------------

def test_a_center_canvas_shows_only_its_own_data(world):
    save_narratives(world.center_a, {"users": "Palabras de A"}, version=1, actor=world.coordinator)
    body = english(world, world.other_coordinator).get("/c/centro-b/canvas/").content.decode()
    assert "Asesoría jurídica" in body
    for marker in ("Kits alimentarios", "Fundación Aliada", "Palabras de A"):
        assert marker not in body


def test_another_center_canvas_cannot_be_read_nor_written(world):
    client = world.client_for(world.other_coordinator)
    assert client.get("/c/centro-a/canvas/").status_code == 404
    assert client.get("/c/centro-a/canvas.pdf").status_code == 404
    data = {code: "Intruso" for code in BLOCK_CODES} | {"version": "1"}
    assert client.post("/c/centro-a/canvas/edit/", data).status_code == 404
    assert not Canvas.objects.filter(center=world.center_a).exists()


def test_only_the_coordinator_edits_the_canvas(world):
    client = world.client_for(world.case_worker)
    assert client.get("/c/centro-a/canvas/").status_code == 200
    assert client.post("/c/centro-a/canvas/edit/", {"version": "1", "users": "No"}).status_code == 403
    assert not Canvas.objects.filter(center=world.center_a).exists()

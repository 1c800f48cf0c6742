from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_center, make_person, make_user
from integrhabitat.demo.reviews import load_reviews
from integrhabitat.improvement.feedback.services import rate_service
from integrhabitat.improvement.models import Satisfaction, ServiceReview
from integrhabitat.improvement.reviews.services import (
    FALLING_DEMAND,
    GOAL_REACHED,
    NEVER_REVIEWED,
    REVIEW_DUE,
    months_before,
    record_review,
    review_queue,
    service_figures,
    trend_windows,
)
from integrhabitat.lib.errors import Refused
from integrhabitat.network.roles import Role
from integrhabitat.services.models import Service
from integrhabitat.services.services import record_deliveries, save_service


def make_service(world, name="Taller de costura", **data) -> Service:
    return save_service(world.center_a, {"name": name, "service_type": "V.vocational_training",
                                         "modality": Service.Modality.OUTREACH, "cost_model": "subsidized", **data},
                        actor=world.coordinator)


def deliver(world, service, person, *days: date) -> None:
    for day in days:
        record_deliveries(world.center_a, service, [person], delivered_on=day, actor=world.coordinator)


def review_data(**data) -> dict:
    today = timezone.localdate()
    return {"period_start": (today - timedelta(days=364)).isoformat(), "period_end": today.isoformat(),
            "decision": "continue", "rationale": "La demanda se mantiene y las personas lo valoran.", **data}


def review_url(service) -> str:
    return f"/c/centro-a/reviews/services/{service.uuid}/new/"


# --- Figures -------------------------------------------------------------------------------------------

@pytest.fixture
def workshop(world):
    """A workshop with deliveries on known dates to known people (period: January to June 2026)."""
    service = make_service(world)
    ana = make_person(world.center_a, "Ana", "Mora", birth_date=date(1990, 3, 1), sex="female",
                      mobility_status="migrant")
    beto = make_person(world.center_a, "Beto", "Ríos", birth_date=date(2015, 8, 1), sex="male",
                       mobility_status="host")
    carla = make_person(world.center_a, "Carla", "Soto", birth_date=date(1950, 1, 1), sex="female",
                        mobility_status="host")
    dario = make_person(world.center_a, "Darío", "Vega", birth_date=date(1985, 1, 1), sex="male")
    deliver(world, service, dario, date(2025, 12, 15), date(2026, 2, 10))  # came before the period
    deliver(world, service, ana, date(2026, 1, 5), date(2026, 1, 20), date(2026, 4, 2))
    deliver(world, service, beto, date(2026, 4, 15), date(2026, 5, 20))
    deliver(world, service, carla, date(2026, 6, 30), date(2026, 7, 5))  # the second one after the period
    deliver(world, make_service(world, "Otro taller"), ana, date(2026, 3, 3))  # another service: not counted
    for score, day in [(4, date(2026, 3, 1)), (5, date(2026, 5, 1)), (1, date(2026, 8, 1))]:
        rating = rate_service(world.center_a, score=score, channel=Satisfaction.Channel.STAFF, service=service)
        Satisfaction.objects.filter(pk=rating.pk).update(created_at=datetime(day.year, day.month, day.day, 15,
                                                                             tzinfo=UTC))
    return service


def test_it_counts_the_figures_of_a_period_from_the_deliveries(workshop):
    figures = service_figures(workshop, date(2026, 1, 1), date(2026, 6, 30))

    assert (figures["deliveries"], figures["people"]) == (7, 4)
    assert [(m["month"], m["deliveries"], m["people"]) for m in figures["months"]] == [
        ("2026-01", 2, 1), ("2026-02", 1, 1), ("2026-03", 0, 0), ("2026-04", 2, 2), ("2026-05", 1, 1),
        ("2026-06", 1, 1),
    ]
    groups = {g["code"]: g["people"] for g in figures["groups"]}
    assert groups["children"] == 1  # Beto
    assert groups["older_adults"] == 1  # Carla
    assert groups["women"] == 2  # Ana and Carla
    assert groups["host_community"] == 2  # Beto and Carla
    assert groups["refugees_migrants"] == 1  # Ana
    assert groups["displaced"] == 0
    assert (figures["new_people"], figures["returning_people"]) == (3, 1)  # Darío came in December
    assert figures["satisfaction"] == {"average": 4.5, "count": 2}
    assert figures["cost_model"] == "subsidized"
    # April–June against January–March.
    assert figures["trend"] == {"recent": 4, "previous": 3, "change": 33.3, "falling": False}


def test_it_counts_in_a_fixed_number_of_queries(workshop, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        service_figures(workshop, date(2026, 1, 1), date(2026, 6, 30))


def test_the_trend_compares_whole_months_when_the_period_ends_on_a_month_end():
    assert trend_windows(date(2026, 6, 30)) == ((date(2026, 4, 1), date(2026, 6, 30)),
                                                (date(2026, 1, 1), date(2026, 3, 31)))
    assert trend_windows(date(2026, 11, 26)) == ((date(2026, 8, 27), date(2026, 11, 26)),
                                                 (date(2026, 5, 27), date(2026, 8, 26)))
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)


# --- Decisions -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("decision", "extra", "status"), [
    ("continue", {}, Service.Status.ACTIVE),
    ("adapt", {"changes": "Dos grupos: mañana y tarde."}, Service.Status.ACTIVE),
    ("retire", {}, Service.Status.RETIRED),
])
def test_the_service_status_follows_the_decision(world, decision, extra, status):
    service = make_service(world, status=Service.Status.UNDER_REVIEW)
    deliver(world, service, world.person_a, timezone.localdate() - timedelta(days=10))

    response = world.client_for(world.coordinator).post(review_url(service), review_data(decision=decision, **extra))

    review = ServiceReview.objects.get(service=service)
    assert response.status_code == 302
    assert response["Location"] == f"/c/centro-a/reviews/{review.uuid}/"
    service.refresh_from_db()
    assert service.status == status
    assert (review.decision, review.center, review.reviewed_by) == (decision, world.center_a, world.coordinator)
    assert review.findings["deliveries"] == 1  # the figures are frozen into the review
    assert review.new_service is None
    assert AuditEntry.objects.filter(action="improvement.review.recorded", object_id=str(review.uuid),
                                     actor=world.coordinator).exists()


def test_a_new_service_replaces_the_reviewed_one(world):
    service = make_service(world, target_groups=["women"], relationship=Service.Relationship.COMMUNITY)

    world.client_for(world.coordinator).post(review_url(service), review_data(
        decision="new", new_service_name="Taller de confección y venta", changes="Con venta en la feria."))

    review = ServiceReview.objects.get(service=service)
    service.refresh_from_db()
    new = review.new_service
    assert service.status == Service.Status.RETIRED
    assert (new.name, new.status, new.center) == ("Taller de confección y venta", Service.Status.PLANNED,
                                                  world.center_a)
    assert (new.service_type, new.category, new.modality) == (service.service_type, service.category,
                                                              service.modality)
    assert (new.target_groups, new.relationship, new.description) == (["women"], "community",
                                                                      "Con venta en la feria.")
    assert AuditEntry.objects.filter(action="services.service.created", object_id=str(new.uuid)).exists()


def test_the_frozen_figures_do_not_change_with_later_deliveries(world):
    service = make_service(world)
    today = timezone.localdate()
    deliver(world, service, world.person_a, today - timedelta(days=3))
    review = record_review(service, {"period_start": today - timedelta(days=30), "period_end": today,
                                     "decision": "continue", "rationale": "Bien", "goal_reached": True},
                           actor=world.coordinator)
    deliver(world, service, world.person_a, today)

    review.refresh_from_db()
    assert (review.findings["deliveries"], review.findings["goal_reached"]) == (1, True)
    page = world.client_for(world.coordinator).get(f"/c/centro-a/reviews/{review.uuid}/")
    assert page.context["figures"]["deliveries"] == 1


# --- Validation ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "field"), [
    ({"decision": "adapt", "changes": "  "}, "changes"),
    ({"decision": "new", "new_service_name": ""}, "new_service_name"),
    ({"decision": "new", "new_service_name": "kits ALIMENTARIOS"}, "new_service_name"),  # taken
    ({"period_start": "2026-06-30", "period_end": "2026-01-01"}, None),
    ({"rationale": ""}, "rationale"),
])
def test_a_wrong_review_is_refused_and_nothing_changes(world, data, field):
    service = make_service(world)
    services_before = Service.objects.count()

    response = world.client_for(world.coordinator).post(review_url(service), review_data(**data))

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field or "__all__"]
    assert not ServiceReview.objects.exists()
    assert Service.objects.count() == services_before
    service.refresh_from_db()
    assert service.status == Service.Status.ACTIVE


def test_the_service_refuses_what_the_form_would_have_stopped(world):
    service = make_service(world)
    base = {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30), "rationale": "x"}

    with pytest.raises(Refused):
        record_review(service, {**base, "decision": "adapt"}, actor=world.coordinator)
    with pytest.raises(Refused):
        record_review(service, {**base, "decision": "new", "new_service_name": "Kits alimentarios"},
                      actor=world.coordinator)
    with pytest.raises(Refused):
        record_review(service, {**base, "period_end": date(2025, 1, 1), "decision": "continue"},
                      actor=world.coordinator)
    save_service(world.center_a, {"status": Service.Status.RETIRED}, actor=world.coordinator, service=service)
    with pytest.raises(Refused):
        record_review(service, {**base, "decision": "continue"}, actor=world.coordinator)
    assert not ServiceReview.objects.exists()


def test_the_form_shows_the_figures_of_the_chosen_period(world, workshop):
    client = world.client_for(world.coordinator)

    default = client.get(review_url(workshop))
    chosen = client.get(review_url(workshop), {"start": "2026-01-01", "end": "2026-06-30"})
    reversed_ = client.get(review_url(workshop), {"start": "2026-06-30", "end": "2026-01-01"})

    today = timezone.localdate()
    assert (default.context["start"], default.context["end"]) == (months_before(today + timedelta(days=1), 12),
                                                                  today)
    assert chosen.context["figures"]["deliveries"] == 7
    assert chosen.context["form"].initial == {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30)}
    assert reversed_.context["period_form"].errors
    assert reversed_.context["end"] == today  # back to the default period


# --- The queue -----------------------------------------------------------------------------------------

def test_the_queue_flags_falling_demand_but_not_stable_or_tiny_services(world):
    today = timezone.localdate()
    previous_day, recent_day = today - timedelta(days=130), today - timedelta(days=20)
    falling, stable, tiny = make_service(world, "Cae"), make_service(world, "Estable"), make_service(world, "Chico")
    deliver(world, falling, world.person_a, *[previous_day] * 20, *[recent_day] * 14)  # -30 %
    deliver(world, stable, world.person_a, *[previous_day] * 20, *[recent_day] * 15)  # -25 %
    deliver(world, tiny, world.person_a, *[previous_day] * 4)  # -100 %, but four deliveries
    retired = make_service(world, "Retirado")
    save_service(world.center_a, {"status": Service.Status.RETIRED}, actor=None, service=retired)

    rows = {row.service.name: row for row in review_queue(world.center_a, today)}

    assert "Retirado" not in rows
    assert rows["Cae"].flags == [FALLING_DEMAND, NEVER_REVIEWED]
    assert (rows["Cae"].recent, rows["Cae"].previous, rows["Cae"].change) == (14, 20, -30.0)
    assert rows["Estable"].flags == [NEVER_REVIEWED]
    assert rows["Chico"].flags == [NEVER_REVIEWED]
    assert list(rows)[0] == "Cae"  # flagged first


def test_the_queue_flags_reviews_due_and_goals_reached(world):
    today = timezone.localdate()
    period = {"period_start": today - timedelta(days=90), "period_end": today, "rationale": "x"}
    due, old, goal, fine = (make_service(world, name) for name in ("Vence", "Antigua", "Meta", "Bien"))
    record_review(due, {**period, "decision": "continue", "next_review_on": today}, actor=world.coordinator)
    record_review(old, {**period, "decision": "continue"}, actor=world.coordinator)
    ServiceReview.objects.filter(service=old).update(reviewed_at=timezone.now() - timedelta(days=370))
    record_review(goal, {**period, "decision": "continue", "goal_reached": True,
                         "next_review_on": today + timedelta(days=90)}, actor=world.coordinator)
    record_review(fine, {**period, "decision": "adapt", "changes": "Más cupos", "goal_reached": True,
                         "next_review_on": today + timedelta(days=90)}, actor=world.coordinator)

    rows = {row.service.name: row for row in review_queue(world.center_a, today)}

    assert rows["Vence"].flags == [REVIEW_DUE]
    assert rows["Antigua"].flags == [REVIEW_DUE]
    assert rows["Meta"].flags == [GOAL_REACHED]
    assert rows["Bien"].flags == []  # adapted: its goal was acted upon
    assert rows["Bien"].last_reviewed == today
    assert rows["Kits alimentarios"].flags == [NEVER_REVIEWED]


def test_the_queue_page_runs_a_fixed_number_of_queries(world):
    client = world.client_for(world.viewer)
    client.get("/c/centro-a/reviews/")  # warm the session and the caches

    with CaptureQueriesContext(connection) as few:
        page = client.get("/c/centro-a/reviews/")
    for name in ("Uno", "Dos", "Tres"):
        service = make_service(world, name)
        deliver(world, service, world.person_a, timezone.localdate())
        record_review(service, review_data(period_start=date(2026, 1, 1), period_end=timezone.localdate()),
                      actor=world.coordinator)
    with CaptureQueriesContext(connection) as many:
        client.get("/c/centro-a/reviews/")

    assert page.status_code == 200
    assert len(many) == len(few)


# --- Access --------------------------------------------------------------------------------------------

def test_another_centers_service_or_review_is_not_found(world):
    review = record_review(world.service_b, {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30),
                                             "decision": "continue", "rationale": "x"},
                           actor=world.other_coordinator)
    client = world.client_for(world.coordinator)

    assert client.get(review_url(world.service_b)).status_code == 404
    assert client.post(review_url(world.service_b), review_data()).status_code == 404
    assert client.get(f"/c/centro-a/reviews/services/{world.service_b.uuid}/").status_code == 404
    assert client.get(f"/c/centro-a/reviews/{review.uuid}/").status_code == 404
    assert ServiceReview.objects.count() == 1


def test_sensitive_groups_show_only_to_who_may_read_sensitive_data(world, workshop):
    review = record_review(workshop, {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30),
                                      "decision": "continue", "rationale": "x"}, actor=world.coordinator)
    url = f"/c/centro-a/reviews/{review.uuid}/"

    facilitator = world.client_for(world.facilitator).get(url)
    case_worker = world.client_for(world.case_worker).get(url)

    shown = {g["code"] for g in facilitator.context["figures"]["groups"]}
    assert shown == {"children", "older_adults", "women"}
    assert "refugees_migrants" in {g["code"] for g in case_worker.context["figures"]["groups"]}
    assert "host_community" in {g["code"] for g in case_worker.context["figures"]["groups"]}


def test_only_the_coordinator_records_a_review_and_staff_read_them(world):
    service = make_service(world)

    assert world.client_for(world.case_worker).post(review_url(service), review_data()).status_code == 403
    assert world.client_for(world.viewer).get(review_url(service)).status_code == 403
    assert world.client_for(world.front_desk).get("/c/centro-a/reviews/").status_code == 403
    assert world.client_for(world.viewer).get(f"/c/centro-a/reviews/services/{service.uuid}/").status_code == 200
    assert not ServiceReview.objects.exists()


def test_the_service_page_links_to_its_reviews(world):
    page = world.client_for(world.coordinator).get(f"/c/centro-a/services/{world.service_a.uuid}/").content.decode()
    front_desk = world.client_for(world.front_desk).get(f"/c/centro-a/services/{world.service_a.uuid}/")

    assert f"/c/centro-a/reviews/services/{world.service_a.uuid}/" in page
    assert review_url(world.service_a) in page
    assert "/reviews/" not in front_desk.content.decode()


# --- Demo ----------------------------------------------------------------------------------------------

def test_the_demo_reviews_services_that_exist_and_keeps_their_status(db):
    center = make_center("lima-sjl", "LIM", "Centro Lima")
    coordinator = make_user("rosa", center, Role.COORDINATOR)
    pot = save_service(center, {"name": "Olla común solidaria «Manos Unidas»", "service_type": "I.food"},
                       actor=coordinator)
    sewing = save_service(center, {"name": "Taller de costura y confección", "service_type": "V.vocational_training",
                                   "status": Service.Status.RETIRED}, actor=coordinator)
    today = timezone.localdate()
    person = make_person(center, "Rosa", "Quispe")
    record_deliveries(center, pot, [person], delivered_on=today - timedelta(days=100), actor=coordinator)

    assert load_reviews(center, actor=coordinator, today=today) == 1  # the retired workshop is skipped

    review = ServiceReview.objects.get()
    pot.refresh_from_db()
    sewing.refresh_from_db()
    assert (review.service, review.decision, pot.status, sewing.status) == (pot, "adapt", "active", "retired")
    assert review.findings["deliveries"] == 1
    assert review.reviewed_at.date() < today and review.next_review_on > today

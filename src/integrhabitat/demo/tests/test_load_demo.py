from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Exists, F, OuterRef
from django.test import RequestFactory
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.demo import catalogue
from integrhabitat.demo.generator import build_plan
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import Consent, Household, Participant
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.taxonomy import SERVICE_TYPES, Category

User = get_user_model()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 takes a good part of a second per demo account; these tests are about the data.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [User, Center, Membership, Participant, Household, Consent, Service, ServiceDelivery, AuditEntry]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_it_loads_three_centers_with_their_staff_people_services_and_a_year_of_deliveries():
    output = load()

    assert "Demo network loaded" in output
    assert set(Center.objects.values_list("slug", flat=True)) == {"bogota-kennedy", "lima-sjl", "quito-norte"}
    bogota = Center.objects.get(slug="bogota-kennedy")
    assert (bogota.code, bogota.country.code, bogota.modality) == ("BOG", "CO", Center.Modality.PUBLIC)
    assert Participant.objects.filter(center=bogota, given_names="José", family_names="Pérez Rodríguez").exists()
    for center in Center.objects.all():
        assert Participant.objects.filter(center=center).count() >= 150
        assert 12 <= center.services.count() <= 18
        assert {s.category for s in center.services.all()} == set(Category)
    assert Participant.objects.count() >= 300
    assert Household.objects.filter(members__isnull=False).distinct().count() >= 30
    # Every person was registered with consent to data processing; children's came from a guardian.
    assert Consent.objects.filter(purpose=Consent.Purpose.DATA_PROCESSING).count() == Participant.objects.count()
    assert Consent.objects.filter(given_by=Consent.GivenBy.GUARDIAN).exists()

    deliveries = ServiceDelivery.objects.all()
    assert deliveries.count() >= 2000
    assert set(deliveries.values_list("service__category", flat=True).distinct()) == set(Category)
    today = timezone.localdate()
    assert deliveries.filter(delivered_on__gt=today).count() == 0
    assert deliveries.filter(delivered_on__lt=today - timedelta(days=366)).count() == 0
    assert not deliveries.exclude(service__center=F("center")).exists()
    assert not deliveries.exclude(participant__center=F("center")).exists()
    recorded_by_staff = Membership.objects.filter(user=OuterRef("recorded_by"), center=OuterRef("center"))
    assert not deliveries.exclude(Exists(recorded_by_staff)).exists()
    assert AuditEntry.objects.filter(action="services.delivery.recorded").count() == deliveries.count()


@pytest.mark.django_db
def test_the_named_demo_logins_authenticate_with_the_demo_password():
    load()
    request = RequestFactory().post("/")

    for username in ["coordinacion", "ana", "beto", "dora", "carla"]:
        user = authenticate(request, username=username, password=catalogue.DEMO_PASSWORD)
        assert user is not None, username
        assert user.first_name and user.last_name and user.email.endswith("@example.org")

    coordinator = User.objects.get(username="coordinacion")
    assert coordinator.is_network_coordinator and not coordinator.memberships.exists()
    roles = {(m.user.username, m.center.slug): m.role for m in Membership.objects.select_related("user", "center")}
    assert roles[("ana", "bogota-kennedy")] == Role.COORDINATOR
    assert roles[("beto", "bogota-kennedy")] == Role.CASE_WORKER
    assert roles[("dora", "bogota-kennedy")] == Role.FRONT_DESK
    assert roles[("carla", "lima-sjl")] == Role.COORDINATOR


@pytest.mark.django_db
def test_a_second_run_creates_nothing_new():
    load()
    before = counts()

    output = load()

    assert output.strip() == "Demo network already loaded."
    assert counts() == before


@pytest.mark.django_db
def test_it_refuses_to_load_when_a_demo_username_belongs_to_someone_else():
    User.objects.create_user("ana", password="another-password-123")

    with pytest.raises(CommandError, match="ana"):
        load()

    assert not Center.objects.exists()


def test_the_plan_is_the_same_every_time_for_the_same_day():
    first, second = build_plan(date(2026, 3, 10)), build_plan(date(2026, 3, 10))

    assert [[p.data for p in c.people] for c in first] == [[p.data for p in c.people] for c in second]
    assert [c.batches for c in first] == [c.batches for c in second]


def test_the_catalogue_uses_existing_groups_and_service_types():
    for spec in catalogue.CENTERS:
        assert set(spec.data["priority_groups"]) <= set(GROUPS)
        for service in spec.services:
            assert set(service.target_groups) <= set(GROUPS), service.name
            assert service.service_type in SERVICE_TYPES, service.name
            assert service.final_status in Service.Status.values

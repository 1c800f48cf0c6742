"""The bench network generator (`bench_data`): the rows it writes, that the platform works on them,
and that it only ever replaces its own centers."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from integrhabitat.bench import generate as generate_module
from integrhabitat.bench.generate import BIG_TABLES, SCALES, BenchError, bench_centers, generate, resolve_scale
from integrhabitat.cases.models import Case, Referral
from integrhabitat.communities.models import Attendance, Group, Member, Session
from integrhabitat.conftest import make_user
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Consent, Participant
from integrhabitat.services.models import Service, ServiceDelivery

# The smallest network that still has a bit of everything: one center, 300 people.
MINI = "0.0003"


def test_the_tiny_scale_writes_the_sizes_of_the_scale_table(db):
    result = generate("tiny", seed=3)

    tiny = SCALES["tiny"]
    centers = bench_centers()
    assert centers.count() == tiny.centers
    assert Participant.objects.filter(center__in=centers).count() == tiny.participants
    assert ServiceDelivery.objects.filter(center__in=centers).count() == tiny.deliveries
    assert Case.objects.filter(center__in=centers).count() == tiny.cases
    assert Referral.objects.filter(center__in=centers).count() == tiny.referrals
    assert Group.objects.filter(center__in=centers).count() == tiny.groups
    assert Session.objects.filter(group__center__in=centers).exists()
    assert Attendance.objects.filter(session__group__center__in=centers).count() == result["counts"][
        "communities.attendance"] > 0
    assert Member.objects.filter(group__center__in=centers).count() == result["counts"]["communities.member"]
    assert result["counts"]["people.participant"] == tiny.participants
    # Everyone consented to the processing of their data, and every external referral has a consent.
    assert Consent.objects.filter(participant__center__in=centers, purpose="data_processing").count() == 500
    assert not Referral.objects.filter(center__in=centers, organization__isnull=False, consent__isnull=True).exists()


def test_it_keeps_the_centers_counters_in_step_so_the_next_person_and_case_get_fresh_numbers(db):
    generate(MINI)
    center = bench_centers().get()
    assert center.participant_seq == Participant.objects.filter(center=center).count() == 300
    assert center.case_seq == Case.objects.filter(center=center).count() == 30
    last = Participant.objects.get(center=center, code=f"{center.code}-00300")
    assert str(Case.objects.get(center=center, number=30)) == f"{center.code}-C0030"
    stored = last.search_text
    last.refresh_derived()
    assert stored == last.search_text  # what registering the person would have stored


def test_participant_search_finds_a_generated_person_by_a_misspelled_name(db):
    generate(MINI)
    center = bench_centers().get()
    coordinator = Membership.objects.get(center=center, role=Role.COORDINATOR).user
    person = Participant.objects.filter(center=center, family_names__regex=r"^[A-Za-z]{6,} ").first()
    surname = person.family_names.split(" ")[0]
    misspelled = surname[:2] + surname[3] + surname[2] + surname[4:]  # two letters swapped
    client = _client(coordinator)

    response = client.get(reverse("people:participant_list", kwargs={"center": center.slug}),
                          {"q": f"{person.given_names.split(' ')[0]} {misspelled}"})

    assert response.status_code == 200
    assert person.code in response.content.decode()


def test_the_center_dashboard_and_a_case_open_for_a_bench_coordinator(db):
    generate(MINI)
    center = bench_centers().get()
    coordinator = Membership.objects.get(center=center, role=Role.COORDINATOR).user
    case = Case.objects.filter(center=center, referrals__isnull=False).first()
    client = _client(coordinator)

    dashboard = client.get(reverse("improvement:dashboard", kwargs={"center": center.slug}))
    case_page = client.get(reverse("cases:case_detail", kwargs={"center": center.slug, "case_id": case.uuid}))

    assert dashboard.status_code == 200
    assert case_page.status_code == 200
    assert case.reference in case_page.content.decode()


def test_a_second_run_is_refused_and_replace_deletes_only_the_bench_centers(world):
    generate(MINI, seed=1)
    # A `bench-` login that also works in a center outside the bench is not bench data.
    helper = make_user("bench-helper", world.center_a, Role.VIEWER)
    first_codes = set(Participant.objects.filter(center__in=bench_centers()).values_list("uuid", flat=True))
    world_rows = (Participant.objects.filter(center__in=[world.center_a, world.center_b]).count(),
                  ServiceDelivery.objects.filter(center=world.center_a).count(),
                  Service.objects.filter(center__in=[world.center_a, world.center_b]).count())

    with pytest.raises(CommandError, match="--replace"):
        call_command("bench_data", "--scale", MINI)
    call_command("bench_data", "--scale", MINI, "--seed", "2", "--replace", stdout=_Sink())

    assert Center.objects.filter(pk__in=[world.center_a.pk, world.center_b.pk]).count() == 2
    assert world_rows == (Participant.objects.filter(center__in=[world.center_a, world.center_b]).count(),
                          ServiceDelivery.objects.filter(center=world.center_a).count(),
                          Service.objects.filter(center__in=[world.center_a, world.center_b]).count())
    assert world.coordinator.memberships.filter(center=world.center_a).exists()
    assert helper.memberships.filter(center=world.center_a).exists()
    assert not Membership.objects.filter(center__in=bench_centers(), user__username="bench-helper").exists()
    second_codes = set(Participant.objects.filter(center__in=bench_centers()).values_list("uuid", flat=True))
    assert len(second_codes) == 300
    assert not first_codes & second_codes
    assert not Participant.objects.filter(uuid__in=first_codes).exists()


def test_the_same_seed_gives_the_same_people(db):
    def people():
        return list(Participant.objects.filter(center__in=bench_centers()).order_by("code").values_list(
            "code", "given_names", "family_names", "birth_date", "phone")[:50])

    generate(MINI, seed=11)
    first = people()
    generate(MINI, seed=11, replace=True)

    assert people() == first


def test_scales_are_names_or_factors_of_the_full_network():
    assert resolve_scale("small")[1] == SCALES["small"]
    factor = resolve_scale("0.05")[1]
    assert (factor.centers, factor.participants, factor.deliveries) == (2, 50_000, 500_000)
    with pytest.raises(BenchError, match="Unknown scale"):
        resolve_scale("huge")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_indexes_dropped_for_a_big_load_come_back_exactly(db, monkeypatch):
    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) ORDER BY 1, 2",
                [[apps.get_model(label)._meta.db_table for label in BIG_TABLES]])
            return cursor.fetchall()

    before = schema()
    monkeypatch.setattr(generate_module, "REBUILD_FROM_ROWS", 1)  # a tiny load takes the big-load path

    result = generate(MINI)

    assert "indexes" in result["seconds"]
    assert schema() == before
    assert len(before) > 10
    # The unique rules are back too: a second delivery with the same uuid is refused.
    delivery = ServiceDelivery.objects.filter(center__in=bench_centers()).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceDelivery.objects.create(uuid=delivery.uuid, center=delivery.center, service=delivery.service,
                                       participant=delivery.participant, delivered_on=delivery.delivered_on)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_refuses_scales_above_tiny_with_a_clear_message(db):
    with pytest.raises(BenchError, match="SQLite takes only the tiny"):
        generate("small")
    assert not bench_centers().exists()


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


class _Sink:
    def write(self, text):
        pass

    def flush(self):
        pass

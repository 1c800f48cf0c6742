"""The one fixture world every test reuses (healthchecks' alice/bob/charlie, RapidPro's org/org2).

Center A ("a"): a coordinator, a case worker, a facilitator, a front-desk volunteer and a viewer.
Center B ("b"): a coordinator. Plus a network coordinator who is member of no center, and a user
with no role anywhere. Each center has a person and an active service. Center A has an active
partner organization ("Fundación Aliada") whose staff member `partner` receives its referrals.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from integrhabitat.accounts.models import User
from integrhabitat.cases.services import open_case
from integrhabitat.comms import sms
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.partners.models import Organization
from integrhabitat.people.models import Consent, Participant
from integrhabitat.people.services import record_consent, register_participant
from integrhabitat.services.models import Service
from integrhabitat.services.services import record_deliveries, save_service

PASSWORD = "correct horse battery"  # noqa: S105 - test accounts only
CONSENT = {"purpose": Consent.Purpose.DATA_PROCESSING, "given_by": "self", "method": "verbal"}


@pytest.fixture(autouse=True)
def _fast_tests(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads never land in the developer's var/
    settings.SMS_BACKEND = "memory"
    sms.outbox.clear()
    cache.clear()  # figures remembered by one test never answer another's
    settings.FIGURES_IN_BACKGROUND = False  # computed while the page waits; test_snapshots covers the worker
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    # Many tests post anonymous forms from one address; the tests of these limits set them back.
    settings.KIOSK_RATINGS_PER_ADDRESS = settings.FEEDBACK_PER_ADDRESS = "10000/h"
    settings.MFA_REQUIRED = False  # clients signed in with force_login; accounts/tests turn it on
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class World:
    center_a: Center
    center_b: Center
    coordinator: User
    case_worker: User
    facilitator: User
    front_desk: User
    viewer: User
    other_coordinator: User
    network_coordinator: User
    outsider: User
    person_a: Participant
    person_b: Participant
    service_a: Service
    service_b: Service
    partner_org: Organization
    partner: User

    def client_for(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


def make_center(slug: str, code: str, name: str) -> Center:
    return Center.objects.create(slug=slug, code=code, name=name, modality=Center.Modality.PUBLIC,
                                 scale=Center.Scale.NEIGHBOURHOOD, country="CO", city="Bogotá")


def make_user(username: str, center: Center | None = None, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title(), **extra)
    if center is not None:
        Membership.objects.create(center=center, user=user, role=role)
    return user


def make_organization(center: Center, name: str, **data) -> Organization:
    defaults = {"sector": "cooperation", "scale": "national", "roles": ["provider"], "status": "active"}
    return Organization.objects.create(center=center, name=name, **{**defaults, **data})


def make_person(center: Center, given: str, family: str = "", *, actor=None, **data) -> Participant:
    person, _created = register_participant(center, {"given_names": given, "family_names": family, **data},
                                            consent=CONSENT, actor=actor)
    return person


@pytest.fixture
def world(db) -> World:
    a = make_center("centro-a", "AAA", "Centro A")
    b = make_center("centro-b", "BBB", "Centro B")
    coordinator = make_user("coord_a", a, Role.COORDINATOR)
    partner_org = make_organization(a, "Fundación Aliada")
    partner = make_user("partner_a", email="partner@aliada.example")
    Membership.objects.create(center=a, user=partner, role=Role.PARTNER, organization=partner_org)
    w = World(
        center_a=a, center_b=b,
        coordinator=coordinator,
        case_worker=make_user("case_a", a, Role.CASE_WORKER),
        facilitator=make_user("facil_a", a, Role.FACILITATOR),
        front_desk=make_user("desk_a", a, Role.FRONT_DESK),
        viewer=make_user("viewer_a", a, Role.VIEWER),
        other_coordinator=make_user("coord_b", b, Role.COORDINATOR),
        network_coordinator=make_user("network", is_network_coordinator=True),
        outsider=make_user("outsider"),
        person_a=make_person(a, "José", "Pérez Rodríguez", actor=coordinator, birth_date=date(1990, 5, 17),
                             mobility_status="migrant", phone="+57 300 123 4567"),
        person_b=make_person(b, "Berta", "Bustos", birth_date=date(1985, 1, 2)),
        service_a=save_service(a, {"name": "Kits alimentarios", "service_type": "I.food"}, actor=coordinator),
        service_b=save_service(b, {"name": "Asesoría jurídica", "service_type": "I.legal"}, actor=None),
        partner_org=partner_org,
        partner=partner,
    )
    record_deliveries(a, w.service_a, [w.person_a], delivered_on=date(2026, 1, 10), actor=coordinator)
    return w


# A case and a referral consent of José (center A), for the tests of cases, referrals and notifications.
@pytest.fixture
def case(world):
    """José's case in center A, held by the case worker."""
    return open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker,
                     summary="Llegó hace dos semanas; busca atención en salud.")


@pytest.fixture
def consent(world):
    """José's consent to share his data with Fundación Aliada."""
    return record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                          method="verbal", actor=world.case_worker)

"""The one fixture world every test reuses (healthchecks' alice/bob/charlie, RapidPro's org/org2).

Center A ("a"): a coordinator, a case worker, a facilitator, a front-desk volunteer and a viewer.
Center B ("b"): a coordinator. Plus a network coordinator who is member of no center, and a user
with no role anywhere. Each center has a person and an active service. Center A has an active
partner organization ("Fundación Aliada") whose staff member `partner` receives its referrals.

The world is written once per test process, not once per test (see `SavedWorld`): each test gets it as
it was built, whatever the tests before it changed.
"""

import copy
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from integrhabitat.accounts.models import User
from integrhabitat.audit import chain
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


def settings_for_tests(storages: dict) -> dict:
    """The settings every test runs under (and the saved world is built under), MEDIA_ROOT aside."""
    return {
        "SMS_BACKEND": "memory",
        "FIGURES_IN_BACKGROUND": False,  # computed while the page waits; test_snapshots covers the worker
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "SECURE_SSL_REDIRECT": False,
        # Many tests post anonymous forms from one address; the tests of these limits set them back.
        "KIOSK_RATINGS_PER_ADDRESS": "10000/h",
        "FEEDBACK_PER_ADDRESS": "10000/h",
        "MFA_REQUIRED": False,  # clients signed in with force_login; accounts/tests turn it on
        "STORAGES": {**storages,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    }


@pytest.fixture(autouse=True)
def _fast_tests(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads never land in the developer's var/
    for name, value in settings_for_tests(settings.STORAGES).items():
        setattr(settings, name, value)
    sms.outbox.clear()
    cache.clear()  # figures remembered by one test never answer another's
    # Every test starts in the default language: code that switches language (a notification in its
    # recipient's language) must not decide the language of the tests that follow it.
    translation.activate(settings.LANGUAGE_CODE)


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


def build_world() -> World:
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


# --- The world, written once per test process ------------------------------------------------------------

@dataclass
class SavedWorld:
    """The world of one test process, written in a transaction that stays open and is never committed.

    A test's own transaction (pytest-django's `db`) is then a savepoint inside it, rolled back after the
    test: every test starts from the world just as it was built, and building it (~55 queries) happens once
    instead of before each of ~2,500 tests. What building it left besides rows is given to each test again:
    its on-commit callbacks (queued, never run, as in a test's transaction), its text messages and emails,
    and fresh copies of its objects, so that a test changing one in memory changes nobody else's.

    Tests that must not find it get the database as it was without it, by rolling the transaction back:
    tests without `world`, Django's own TestCase classes, and transactional tests (`transactional_db`,
    `live_server`), whose writes other connections must see and whose world is made and flushed per test,
    as before. pytest-django runs the transactional tests after the others, so this rarely costs a rebuild.
    """

    media_root: Path
    world: World | None = None
    atomic: transaction.Atomic | None = None
    callbacks: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    emails: list = field(default_factory=list)

    def alive(self) -> bool:
        return (self.atomic is not None and connection.atomic_blocks == [self.atomic]
                and not connection.needs_rollback and not connection.closed_in_transaction)

    def ensure(self) -> None:
        if not self.alive():
            self.discard()
            self.build()

    def build(self) -> None:
        from django.conf import settings

        self.atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
        self.atomic._from_testcase = True  # durable blocks of the code built on it behave as in a test
        self.atomic.__enter__()
        texts, emails = len(sms.outbox), len(getattr(mail, "outbox", []))
        try:
            with override_settings(MEDIA_ROOT=self.media_root, **settings_for_tests(settings.STORAGES)):
                self.world = build_world()
        except BaseException:
            self.discard()
            raise
        self.texts, self.emails = sms.outbox[texts:], getattr(mail, "outbox", [])[emails:]
        # Queued for a commit that never comes; each test's transaction queues them again (`for_test`).
        self.callbacks = [(func, robust) for _sids, func, robust in connection.run_on_commit]
        connection.run_on_commit = []

    def discard(self) -> None:
        atomic, self.atomic, self.world = self.atomic, None, None
        if atomic is None or atomic not in connection.atomic_blocks:
            return
        if connection.atomic_blocks != [atomic]:  # a test left a transaction open: what follows cannot be trusted
            raise RuntimeError(f"transactions left open over the saved world's: {connection.atomic_blocks[1:]}")
        transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
        atomic.__exit__(None, None, None)

    def for_test(self) -> World:
        """Copies of the world's objects, and what building it left, for the test being set up."""
        for func, robust in self.callbacks:
            if isinstance(func, partial) and func.func is chain.seal:
                chain.seal_after_commit(*func.args)  # queued once per transaction, as audit.chain knows it
            else:
                transaction.on_commit(func, robust=robust)
        sms.outbox.extend(copy.deepcopy(self.texts))
        if hasattr(mail, "outbox"):
            mail.outbox.extend(copy.deepcopy(self.emails))
        return copy.deepcopy(self.world)


@pytest.fixture(scope="session")
def _saved_world(django_db_setup, django_db_blocker, tmp_path_factory):
    saved = SavedWorld(media_root=tmp_path_factory.mktemp("world-media"))
    yield saved
    with django_db_blocker.unblock():
        saved.discard()  # before the test database is dropped (PostgreSQL refuses while a transaction is open)


TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences",
                          "django_db_serialized_rollback"}


def _transactional(request) -> bool:
    from pytest_django.fixtures import validate_django_db

    marker = request.node.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_rest = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    return bool(TRANSACTIONAL_FIXTURES & set(request.fixturenames))


def _uses_database(request) -> bool:
    from pytest_django.django_compat import is_django_unittest

    return ("db" in request.fixturenames or _transactional(request) or is_django_unittest(request)
            or request.node.get_closest_marker("django_db") is not None)


@pytest.fixture(autouse=True)
def _world_or_empty_database(request):
    """Set up first of all the test's fixtures (`pytest_collection_modifyitems`), before its transaction."""
    if not _uses_database(request):
        return
    from pytest_django.django_compat import is_django_unittest

    saved = request.getfixturevalue("_saved_world")
    with request.getfixturevalue("django_db_blocker").unblock():
        if "world" in request.fixturenames and not _transactional(request) and not is_django_unittest(request):
            saved.ensure()
        else:
            saved.discard()


def pytest_collection_modifyitems(items):
    """Set `_world_or_empty_database` up before any other fixture: before `db` opens the test's transaction.
    And the browser tests one after the other, last (pytest-django, whose sort comes after this one, then
    puts the transactional tests, these among them, after the others): one Chromium serves them all."""
    name = _world_or_empty_database.__name__
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names and name in names:
            names.remove(name)
            names.insert(0, name)
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Stop Chromium (people/tests/browser.py) after the last of the browser tests that follow one another,
    before the test's fixtures are torn down, as when each test had its own."""
    browser = sys.modules.get("integrhabitat.people.tests.browser")
    if browser is not None and (nextitem is None or "browser" not in getattr(nextitem, "fixturenames", ())):
        browser.stop_chromium()
    return (yield)


@pytest.fixture
def world(request, db) -> World:
    if _transactional(request):
        return build_world()  # committed for the live server's connection, flushed after the test
    saved = request.getfixturevalue("_saved_world")
    if saved.world is None:  # set up before `_world_or_empty_database`: built in the test's transaction
        return build_world()
    return saved.for_test()


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

"""The breach register and its 72-hour clock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.privacy.models import Breach
from integrhabitat.privacy.services import attention, notice_due_at, save_breach

pytestmark = pytest.mark.django_db


def breach(world, hours_ago=1, **extra):
    return save_breach(world.center_a, {"title": "Celular de la recepción perdido",
                                        "discovered_at": timezone.now() - timedelta(hours=hours_ago),
                                        "description": "Tenía la app abierta", "categories": ["identity", "contact"],
                                        "people_affected": 120, **extra}, actor=world.coordinator)


def test_a_breach_starts_a_72_hour_clock_shown_on_the_coordinators_home(world):
    recent, old = breach(world, hours_ago=2), breach(world, hours_ago=80)
    now = timezone.now()

    assert notice_due_at(recent) - recent.discovered_at == timedelta(hours=72)
    shown = {b.pk: late for b, _due, late in attention(world.center_a, timezone.localdate(), now)["breaches"]}
    assert shown == {recent.pk: False, old.pk: True}
    home = world.client_for(world.coordinator).get("/c/centro-a/").content.decode()
    assert f"/c/centro-a/privacy/breaches/{old.uuid}/" in home
    worker_home = world.client_for(world.case_worker).get("/c/centro-a/").content.decode()
    assert "/privacy/breaches/" not in worker_home
    assert AuditEntry.objects.filter(action="privacy.breach.recorded").count() == 2


def test_recording_the_notice_stops_the_clock(world):
    item = breach(world, hours_ago=10)
    save_breach(world.center_a, {"authority_notified_at": timezone.now() - timedelta(hours=1)}, breach=item,
                version=item.version, actor=world.coordinator)
    assert attention(world.center_a, timezone.localdate(), timezone.now())["breaches"] == []
    assert AuditEntry.objects.filter(action="privacy.breach.updated").exists()


def test_impossible_times_and_stale_edits_are_refused(world):
    now = timezone.now()
    with pytest.raises(Refused):
        breach(world, hours_ago=-5)  # discovered in the future
    with pytest.raises(Refused):
        breach(world, hours_ago=1, occurred_at=now)  # happened after it was discovered
    item = breach(world, hours_ago=5)
    with pytest.raises(Refused):
        save_breach(world.center_a, {"authority_notified_at": now - timedelta(hours=9)}, breach=item,
                    version=item.version, actor=world.coordinator)
    with pytest.raises(Refused):
        save_breach(world.center_a, {"categories": ["passwords"]}, breach=item, version=item.version,
                    actor=world.coordinator)
    save_breach(world.center_a, {"status": "contained"}, breach=item, version=item.version, actor=world.coordinator)
    with pytest.raises(StaleEdit):
        save_breach(world.center_a, {"status": "closed"}, breach=item, version=item.version, actor=world.coordinator)


def test_the_coordinator_records_a_breach_from_the_register_and_nobody_else_can(world):
    client = world.client_for(world.coordinator)
    stamp = timezone.localtime().replace(second=0, microsecond=0) - timedelta(hours=3)
    response = client.post("/c/centro-a/privacy/breaches/new/", {
        "title": "Formularios en papel perdidos", "discovered_at": stamp.strftime("%Y-%m-%dT%H:%M"),
        "description": "Una carpeta con 30 formularios", "categories": ["identity", "mobility"],
        "people_affected": "30", "status": "open"})
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Breach.objects.get()
    assert (item.categories, item.people_affected) == (["identity", "mobility"], 30)
    assert "Formularios en papel perdidos" in client.get("/c/centro-a/privacy/breaches/").content.decode()
    assert world.client_for(world.case_worker).get("/c/centro-a/privacy/breaches/").status_code == 403

"""The data protection registers: requests people make about their data, answered within the legal
deadline in business days of the center's country, and data breaches with their 72-hour clock. Every
change is atomic and audited (`privacy.request.*`, `privacy.breach.*`)."""

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.lib.business_days import add_business_days
from integrhabitat.lib.concurrency import locked, locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.privacy.models import Breach, DataRequest

# Business days to answer, and the most an answer may be extended by (Ley 1581 de 2012: art. 14 for
# queries, art. 15 for claims). Centers outside Colombia follow the same deadlines on their own calendar.
DEADLINES = {DataRequest.Kind.ACCESS: (10, 5)}
CLAIM_DEADLINE = (15, 8)
# Hours from discovering a breach to telling the authority.
BREACH_NOTICE_HOURS = 72
REQUEST_FIELDS = ("kind", "channel", "received_on", "made_by", "details")
BREACH_FIELDS = ("title", "discovered_at", "occurred_at", "description", "categories", "people_affected", "status",
                 "actions", "authority_notified_at", "people_notified_at", "no_notice_reason")


def deadline(kind: str) -> tuple[int, int]:
    """(business days to answer, business days an extension adds) for a request of `kind`."""
    return DEADLINES.get(kind, CLAIM_DEADLINE)


def due_date(center: Center, kind: str, received_on: date, *, extended: bool = False) -> date:
    days, extra = deadline(kind)
    return add_business_days(received_on, days + (extra if extended else 0), center.country.code)


# --- Requests ------------------------------------------------------------------------------------------------

@transaction.atomic
def record_request(person: Participant, data: Mapping[str, Any], *, actor) -> DataRequest:
    """Register a request about `person`'s data; its answer is due by the legal deadline."""
    center = person.center
    received_on = data["received_on"]
    if received_on > timezone.localdate():
        raise Refused(_("The date cannot be in the future."))
    request = DataRequest.objects.create(
        center=center, participant=person, recorded_by=actor,
        due_on=due_date(center, data["kind"], received_on), **{k: data[k] for k in REQUEST_FIELDS if k in data})
    audit.record("privacy.request.recorded", request, actor=actor, center=center, fields=[request.kind])
    return request


@transaction.atomic
def extend_request(request: DataRequest, *, reason: str, version: int, actor) -> DataRequest:
    """Extend the deadline once, by the days the law allows, telling the person why."""
    current = locked_current(request, version)
    if current.status != DataRequest.Status.OPEN:
        raise Refused(_("Only an open request that was not extended yet can be extended."))
    if not reason.strip():
        raise Refused(_("Write why the answer needs more time: the person is told."))
    current.status, current.extension_reason = DataRequest.Status.EXTENDED, reason.strip()
    current.due_on = due_date(current.center, current.kind, current.received_on, extended=True)
    save_versioned(current)
    audit.record("privacy.request.extended", current, actor=actor, center=current.center)
    return current


@transaction.atomic
def answer_request(request: DataRequest, *, outcome: str, answer: str, answered_on: date, version: int,
                   actor) -> DataRequest:
    current = locked_current(request, version)
    if current.status == DataRequest.Status.ANSWERED:
        raise Refused(_("This request was already answered."))
    if not answer.strip():
        raise Refused(_("Write the answer given to the person."))
    if answered_on < current.received_on or answered_on > timezone.localdate():
        raise Refused(_("The answer date must be between the day the request was received and today."))
    current.status, current.outcome, current.answer = DataRequest.Status.ANSWERED, outcome, answer.strip()
    current.answered_on, current.answered_by = answered_on, actor
    save_versioned(current)
    audit.record("privacy.request.answered", current, actor=actor, center=current.center, fields=[outcome])
    return current


def open_requests(center: Center) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(center=center).exclude(status=DataRequest.Status.ANSWERED)


def overdue_requests(center: Center, today: date) -> QuerySet[DataRequest]:
    return open_requests(center).filter(due_on__lt=today)


# --- Breaches ------------------------------------------------------------------------------------------------

def notice_due_at(breach: Breach) -> datetime:
    return breach.discovered_at + timedelta(hours=BREACH_NOTICE_HOURS)


def _check_breach(data: Mapping[str, Any], now: datetime) -> None:
    discovered = data.get("discovered_at")
    if discovered and discovered > now:
        raise Refused(_("The discovery cannot be in the future."))
    occurred = data.get("occurred_at")
    if occurred and discovered and occurred > discovered:
        raise Refused(_("It cannot have happened after it was discovered."))
    for name in ("authority_notified_at", "people_notified_at"):
        moment = data.get(name)
        if moment and ((discovered and moment < discovered) or moment > now):
            raise Refused(_("A notice is given between the discovery and now."))
    unknown = set(data.get("categories") or []) - set(Breach.Category.values)
    if unknown:
        raise Refused(_("Choose the data affected from the list."))


@transaction.atomic
def save_breach(center: Center, data: Mapping[str, Any], *, actor, breach: Breach | None = None,
                version: int | None = None) -> Breach:
    """Record a breach, or update what is known of it (version-checked)."""
    known = {name: getattr(breach, name) for name in BREACH_FIELDS} if breach is not None else {}
    _check_breach({**known, **data}, timezone.now())
    if breach is None:
        breach = Breach.objects.create(center=center, recorded_by=actor,
                                       **{k: data[k] for k in BREACH_FIELDS if k in data})
        audit.record("privacy.breach.recorded", breach, actor=actor, center=center,
                     fields=list(breach.categories))
        return breach
    current = locked(breach) if version is None else locked_current(breach, version)
    changed = assign(current, {k: data[k] for k in BREACH_FIELDS if k in data})
    if changed:
        save_versioned(current)
        audit.record("privacy.breach.updated", current, actor=actor, center=center, fields=changed)
    return current


def breaches_awaiting_notice(center: Center) -> QuerySet[Breach]:
    """Breaches whose authority notice is neither given nor ruled out: their 72-hour clock runs."""
    return Breach.objects.filter(center=center, authority_notified_at__isnull=True, no_notice_reason="")


def attention(center: Center, today: date, now: datetime) -> dict[str, Any]:
    """What the coordinator's home points out: overdue requests, breaches whose notice clock runs."""
    waiting = list(breaches_awaiting_notice(center).order_by("discovered_at"))
    return {
        "requests_overdue": overdue_requests(center, today).count(),
        "requests_due_soon": open_requests(center).filter(Q(due_on__gte=today)
                                                          & Q(due_on__lte=today + timedelta(days=3))).count(),
        "breaches": [(b, notice_due_at(b), notice_due_at(b) < now) for b in waiting],
    }

"""Signing participants in to the portal with one-time codes, by SMS or email.

What someone types only *selects* people: a phone, read in E.164 with the center's country, must equal
the number on a person's record exactly, an email must equal theirs in any case; the code then goes to the
number or email on the record, never to what was typed.

Tries are counted in the database over the last hour: codes asked and wrong codes typed per destination,
per person (every destination on their record together, however it was spelled) and per center. Past a
person's limit of wrong codes their sign-in pauses and the center's coordinators are told; past the center's
limits sign-in pauses for everyone and they are told too. A destination nobody has gets a code stored (never
sent) and counted exactly like a registered one, so that no answer tells who is registered. Codes and tries
are stored under the destination's keyed hash (`lib.crypto.destination_key`), never the number or email.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from integrhabitat.accounts.notify import notify
from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry
from integrhabitat.comms.sms import send_sms
from integrhabitat.lib.crypto import destination_key
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.phones import to_e164
from integrhabitat.lib.text import digits
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Participant
from integrhabitat.portal.models import LoginCode, WrongCode

MAX_FAILED_ATTEMPTS = 5  # wrong tries that spend one code
WINDOW = timedelta(hours=1)  # the limits count what happened in the last hour

TOO_MANY_CODES = _("Too many codes were asked for this number or email. Wait an hour and try again.")
TOO_MANY_WRONG = _("Too many wrong codes were typed for this number or email. Wait an hour and ask for a new code.")
CENTER_PAUSED = _("The portal of this center received too many tries to enter, so it stopped for a while. "
                  "Wait an hour and try again; the center's team knows.")
WRONG = _("The code is not right. Check it and try again.")
EXPIRED = _("The code has expired or was already used. Ask for a new one.")
PERSON_PAUSED_NOTICE = _("Too many wrong codes were typed to enter the portal as %(code)s, so their sign-in "
                         "stopped for an hour. If it was not them, someone may be trying to enter in their name.")
PERSON_PAUSED_SUBJECT = _("Portal sign-in stopped for %(code)s")
CENTER_PAUSED_NOTICE = _("The portal of %(center)s received too many tries to enter in the last hour, so "
                         "sign-in stopped for everyone for a while. Someone may be trying to guess codes.")
CENTER_PAUSED_SUBJECT = _("Portal sign-in stopped at %(center)s")


class TooManyTries(Refused):
    """Past a limit; pages answer 429."""


class CodeNotRight(Refused):
    """The code was checked and is not the one sent."""


def destination_of(identifier: str, country: str = "") -> str | None:
    """The lower-cased email, or the phone in E.164 read with `country` (the center's); None if it is
    neither (a number that is not valid anywhere)."""
    identifier = identifier.strip()
    if "@" in identifier:
        return identifier.lower()
    return to_e164(identifier, country) or None


def _reachable_at(center: Center, destination: str) -> QuerySet:
    kind = "email" if "@" in destination else "phone"
    return Participant.objects.active().filter(Participant.by_identifier(kind, destination), center=center)


def people_at(center: Center, destination: str) -> list[Participant]:
    """The center's people whose phone or email on record is exactly `destination` (as `destination_of`
    gives it); a family may share one phone."""
    return list(_reachable_at(center, destination))


def _destinations(destination: str, people: Iterable[Participant]) -> set[str]:
    """The keys of `destination` and of every destination on the records of `people`: their tries are counted
    together."""
    found = {destination}
    for person in people:
        found |= {person.phone_e164, person.email.strip().lower()}
    return {destination_key(found_one) for found_one in found - {""}}


def _hash(destination: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{destination}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def request_code(center: Center, destination: str) -> None:
    """Send a code for `destination` to the people of the center it selects, at the phone or email on their
    record. The answer is the same whether someone is registered or not, so that the form does not tell
    who is; past the limits of the destination or of the center, `TooManyTries` for both alike. A person
    past their own limits (reached through another destination of theirs) is silently sent nothing."""
    since = timezone.now() - WINDOW
    codes = LoginCode.objects.filter(center=center, created_at__gte=since)
    wrongs = WrongCode.objects.filter(center=center, created_at__gte=since)
    if (codes.count() >= settings.PORTAL_CENTER_CODES_PER_HOUR
            or wrongs.count() >= settings.PORTAL_CENTER_WRONG_CODES_PER_HOUR):
        raise TooManyTries(CENTER_PAUSED)
    key = destination_key(destination)
    # Requests for one destination wait for each other here, so that none slips past its limit.
    asked_here = list(codes.select_for_update().filter(destination=key).values_list("pk", flat=True))
    if len(asked_here) >= settings.PORTAL_CODES_PER_HOUR:
        raise TooManyTries(TOO_MANY_CODES)
    if wrongs.filter(destination=key).count() >= settings.PORTAL_WRONG_CODES_PER_HOUR:
        raise TooManyTries(TOO_MANY_WRONG)
    code = f"{secrets.randbelow(1_000_000):06d}"
    LoginCode.objects.create(center=center, destination=key, code_hash=_hash(destination, code),
                             expires_at=timezone.now() + timedelta(minutes=settings.PORTAL_CODE_MINUTES))
    if codes.count() == settings.PORTAL_CENTER_CODES_PER_HOUR:
        _tell_center_paused(center)
    people = people_at(center, destination)
    if not people:
        return
    reached = _destinations(destination, people)
    if (codes.filter(destination__in=reached).count() > settings.PORTAL_CODES_PER_HOUR
            or wrongs.filter(destination__in=reached).count() >= settings.PORTAL_WRONG_CODES_PER_HOUR):
        return
    person = people[0]
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        text = str(_("Your IntegrHabitat code for %(center)s is %(code)s. It is valid for %(minutes)s minutes."))
        text %= {"center": center.name, "code": code, "minutes": settings.PORTAL_CODE_MINUTES}
        subject = str(_("Your code to enter"))
    if "@" in destination:
        email = person.email  # the one on record, as it was written there
        transaction.on_commit(lambda: send_mail(subject, text, None, [email]))
    else:
        phone = person.phone_e164  # equal to `destination`, and on record
        transaction.on_commit(lambda: send_sms(phone, text))


def verify_code(center: Center, destination: str, code: str) -> list[Participant]:
    """The people reachable at `destination` when `code` is its latest valid code (used up now);
    otherwise `Refused`: `CodeNotRight` when it was checked, `TooManyTries` past the limits of the
    destination or the center. Wrong codes are counted even though the try is refused; the one that
    reaches a person's limit stops their sign-in for the hour and tells the coordinators."""
    now = timezone.now()
    since = now - WINDOW
    limit = settings.PORTAL_WRONG_CODES_PER_HOUR
    key = destination_key(destination)
    with transaction.atomic():
        # One try at a time per person: their rows stay locked until this try is counted.
        people = list(_reachable_at(center, destination).select_for_update().order_by("pk"))
        reached = _destinations(destination, people)
        wrongs = WrongCode.objects.filter(center=center, created_at__gte=since)
        login = (LoginCode.objects.select_for_update()
                 .filter(center=center, destination=key, used_at__isnull=True, expires_at__gt=now)
                 .order_by("-created_at").first())
        if wrongs.count() >= settings.PORTAL_CENTER_WRONG_CODES_PER_HOUR:
            outcome = "center_paused"
        elif wrongs.filter(destination=key).count() >= limit:
            outcome = "paused"
        elif wrongs.filter(destination__in=reached).count() >= limit:
            # Stopped through another destination of the same person: said as for any spent code, so that
            # the answer does not tell that the two belong to one registered person.
            outcome = "expired"
        elif login is None or login.failed_attempts >= MAX_FAILED_ATTEMPTS:
            outcome = "expired"
        elif not hmac.compare_digest(login.code_hash, _hash(destination, digits(code))):
            login.failed_attempts += 1
            login.save(update_fields=["failed_attempts"])
            WrongCode.objects.create(center=center, destination=key, created_at=now)
            if wrongs.filter(destination__in=reached).count() == limit:
                _stop(center, people, reached, now=now)
            if wrongs.count() == settings.PORTAL_CENTER_WRONG_CODES_PER_HOUR:
                _tell_center_paused(center)
            outcome = "wrong"
        else:
            login.used_at = now
            login.save(update_fields=["used_at"])
            outcome = "right"
    if outcome == "center_paused":
        raise TooManyTries(CENTER_PAUSED)
    if outcome == "paused":
        raise TooManyTries(TOO_MANY_WRONG)
    if outcome == "wrong":
        raise CodeNotRight(WRONG)
    if outcome != "right" or not people:
        raise Refused(EXPIRED)
    return people


def _told_recently(action: str, obj) -> bool:
    """Whether `action` was recorded for `obj` within the window: coordinators hear of one episode once."""
    return AuditEntry.objects.filter(action=action, object_type=obj._meta.label_lower,
                                     object_id=str(getattr(obj, "uuid", None) or obj.pk),
                                     at__gte=timezone.now() - WINDOW).exists()


def _coordinators(center: Center):
    return [m.user for m in Membership.objects.active().filter(center=center, role=Role.COORDINATOR)
            .select_related("user")]


def _stop(center: Center, people: list[Participant], reached: set[str], *, now: datetime) -> None:
    """A person reached their limit of wrong codes: spend every code still open for them, record it on
    their audit trail and tell the center's coordinators."""
    LoginCode.objects.filter(center=center, destination__in=reached, used_at__isnull=True).update(used_at=now)
    for person in people:
        if _told_recently("portal.sign_in.stopped", person):
            continue
        audit.record("portal.sign_in.stopped", person, actor=None, fields=["wrong_codes"])
        url = reverse("people:participant_audit", kwargs={"center": center.slug, "participant_id": person.uuid})
        for user in _coordinators(center):
            notify(user, center=center, text=PERSON_PAUSED_NOTICE, subject=PERSON_PAUSED_SUBJECT,
                   params={"code": person.code}, url=url)


def _tell_center_paused(center: Center) -> None:
    """The center reached its limit of codes or wrong codes an hour: record it and tell the coordinators."""
    if _told_recently("portal.sign_in.center_stopped", center):
        return
    audit.record("portal.sign_in.center_stopped", center, actor=None, center=center)
    url = reverse("network:center_audit", kwargs={"center": center.slug})
    for user in _coordinators(center):
        notify(user, center=center, text=CENTER_PAUSED_NOTICE, subject=CENTER_PAUSED_SUBJECT,
               params={"center": center.name}, url=url)

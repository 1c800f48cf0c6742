"""Signing participants in to the portal with one-time codes, by SMS or email."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from integrhabitat.comms.sms import send_sms
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.text import digits
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.portal.models import LoginCode

MAX_FAILED_ATTEMPTS = 5


def destination_of(identifier: str) -> str | None:
    """The lower-cased email, or the digits of a phone (at least 7); None if it is neither."""
    identifier = identifier.strip()
    if "@" in identifier:
        return identifier.lower()
    number = digits(identifier)
    return number if len(number) >= 7 else None


def people_at(center: Center, destination: str) -> list[Participant]:
    """The center's people reachable there (a family may share one phone)."""
    people = Participant.objects.active().in_center(center)
    if "@" in destination:
        return list(people.filter(email__iexact=destination))
    # Numbers are typed with or without the country code: the last 7+ digits must match.
    candidates = people.filter(search_text__contains=destination[-7:])
    return [p for p in candidates if digits(p.phone) and (digits(p.phone).endswith(destination)
                                                          or destination.endswith(digits(p.phone)))]


def _hash(destination: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{destination}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def request_code(center: Center, destination: str) -> None:
    """Send a code to `destination` if it belongs to someone of the center. The answer is the same
    either way, so that the form does not tell who is registered."""
    since = timezone.now() - timedelta(hours=1)
    recent = LoginCode.objects.select_for_update().filter(center=center, destination=destination,
                                                          created_at__gte=since)
    if recent.count() >= settings.PORTAL_CODES_PER_HOUR:
        raise Refused(_("Too many codes were asked for this number or email. Wait an hour and try again."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    LoginCode.objects.create(center=center, destination=destination, code_hash=_hash(destination, code),
                             expires_at=timezone.now() + timedelta(minutes=settings.PORTAL_CODE_MINUTES))
    people = people_at(center, destination)
    if not people:
        return
    with translation.override(people[0].preferred_language or settings.LANGUAGE_CODE):
        text = str(_("Your IntegrHabitat code for %(center)s is %(code)s. It is valid for %(minutes)s minutes."))
        text %= {"center": center.name, "code": code, "minutes": settings.PORTAL_CODE_MINUTES}
        subject = str(_("Your code to enter"))
    if "@" in destination:
        transaction.on_commit(lambda: send_mail(subject, text, None, [destination]))
    else:
        transaction.on_commit(lambda: send_sms(destination, text))


def verify_code(center: Center, destination: str, code: str) -> list[Participant]:
    """The people reachable at `destination` when `code` is its latest valid code (used up now);
    otherwise `Refused`. A few wrong tries spend the code (counted even though the try is refused)."""
    with transaction.atomic():
        login = (LoginCode.objects.select_for_update()
                 .filter(center=center, destination=destination, used_at__isnull=True,
                         expires_at__gt=timezone.now())
                 .order_by("-created_at").first())
        if login is None or login.failed_attempts >= MAX_FAILED_ATTEMPTS:
            outcome = "expired"
        elif not hmac.compare_digest(login.code_hash, _hash(destination, digits(code))):
            login.failed_attempts += 1
            login.save(update_fields=["failed_attempts"])
            outcome = "wrong"
        else:
            login.used_at = timezone.now()
            login.save(update_fields=["used_at"])
            outcome = "right"
    if outcome == "wrong":
        raise Refused(_("The code is not right. Check it and try again."))
    people = people_at(center, destination) if outcome == "right" else []
    if not people:
        raise Refused(_("The code has expired or was already used. Ask for a new one."))
    return people

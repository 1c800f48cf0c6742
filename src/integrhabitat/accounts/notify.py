"""Telling staff that something needs them: in the app, and by email through Django's mail backends."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from integrhabitat.accounts.models import Notification
from integrhabitat.lib.numbers import written

logger = logging.getLogger(__name__)


def notify(user, *, center, text, subject, params: dict, url: str) -> Notification:
    """Leave `text` for `user` and email it once the transaction commits.

    `text` and `subject` are lazy translations with named placeholders filled from `params`,
    rendered here in the user's language, whoever's request it is. So are the `params`: pass choice
    labels lazily (`Referral.Urgency(code).label`, not `get_urgency_display()`, which the actor's
    language has already translated), and dates and numbers as such: they are written the user's way.
    `url` is the page's path, kept as is for the app; the email carries it as an `absolute` link.
    """
    with translation.override(user.language or settings.LANGUAGE_CODE):
        values = {name: written(value) for name, value in params.items()}
        text, subject = str(text) % values, str(subject) % values
    notification = Notification.objects.create(user=user, center=center, text=text[:300], url=url)
    if user.email:
        body = f"{text}\n\n{absolute(url)}\n"
        transaction.on_commit(lambda: _send(subject, body, user.email))
    return notification


def absolute(path: str) -> str:
    """The public address of `path`, for links in emails: read outside the app, they point at the
    configured `SITE_URL`, never at the host and port a request happened to come through."""
    return f"{settings.SITE_URL.rstrip('/')}/{path.lstrip('/')}"


def site_address() -> tuple[str, bool]:
    """The host (with its port, if any) of `SITE_URL` and whether it is https: what Django's password-reset
    emails (reset links, invitations) need to link to the configured address rather than the request's."""
    parts = urlsplit(settings.SITE_URL)
    return parts.netloc, parts.scheme == "https"


def _send(subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except Exception:  # a mail server down must not fail the change already committed; the app still shows it
        logger.exception("notification email to %s failed", to)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(request) -> None:
    """Opening the page a notification points to reads it: no badge left for what was already seen."""
    Notification.objects.filter(user=request.user, url=request.path, read_at__isnull=True).update(
        read_at=timezone.now())

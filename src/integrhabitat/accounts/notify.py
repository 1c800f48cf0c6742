"""Telling staff that something needs them: in the app, and by email through Django's mail backends."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from integrhabitat.accounts.models import Notification


def notify(user, *, center, text, subject, params: dict, url: str) -> Notification:
    """Leave `text` for `user` and email it once the transaction commits.

    `text` and `subject` are lazy translations with named placeholders filled from `params`,
    rendered here in the user's language. `url` is the page's path; the email carries it whole.
    """
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text, subject = str(text) % params, str(subject) % params
    notification = Notification.objects.create(user=user, center=center, text=text[:300], url=url)
    if user.email:
        body = f"{text}\n\n{settings.SITE_URL.rstrip('/')}{url}\n"
        transaction.on_commit(lambda: send_mail(subject, body, None, [user.email], fail_silently=True))
    return notification


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()

"""Who is signed in to the portal: a participant, kept in the session apart from staff sign-in.

Portal pages are often opened on shared phones and computers: after `PORTAL_IDLE_MINUTES` without a
request the participant is signed out, on the server, and the sign-in page says why.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import ngettext

from integrhabitat.network import tenancy
from integrhabitat.people.models import Participant

SESSION_KEY = "portal_participant"


def sign_in(request, person: Participant) -> None:
    request.session.cycle_key()  # a new session id once the person is known
    request.session[SESSION_KEY] = {"center": person.center_id, "participant": person.pk, "seen": int(time.time())}


def sign_out(request) -> None:
    request.session.pop(SESSION_KEY, None)


def portal_view(view):
    """A portal page of one center: without a participant of that center signed in → the sign-in page."""

    @wraps(view)
    def wrapped(request, center_slug, *args, **kwargs):
        center = tenancy.public_center(center_slug)
        signed = request.session.get(SESSION_KEY) or {}
        now = int(time.time())
        if signed and now - signed.get("seen", 0) > settings.PORTAL_IDLE_MINUTES * 60:
            sign_out(request)
            minutes = settings.PORTAL_IDLE_MINUTES
            messages.info(request, ngettext(
                "You were signed out after %(minutes)s minute without activity, to protect your data. Enter again.",
                "You were signed out after %(minutes)s minutes without activity, to protect your data. Enter again.",
                minutes) % {"minutes": minutes})
            return redirect("portal:login", center_slug=center.slug)
        person = None
        if signed.get("center") == center.pk:
            person = Participant.objects.active().filter(pk=signed.get("participant"), center=center).first()
        if person is None:
            return redirect("portal:login", center_slug=center.slug)
        request.session[SESSION_KEY] = {**signed, "seen": now}
        request.participant = person
        return view(request, center, person, *args, **kwargs)

    wrapped.portal = True
    return wrapped

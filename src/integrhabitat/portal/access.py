"""Who is signed in to the portal: a participant, kept in the session apart from staff sign-in."""

from functools import wraps

from django.shortcuts import get_object_or_404, redirect

from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant

SESSION_KEY = "portal_participant"


def sign_in(request, person: Participant) -> None:
    request.session.cycle_key()  # a new session id once the person is known
    request.session[SESSION_KEY] = {"center": person.center_id, "participant": person.pk}


def sign_out(request) -> None:
    request.session.pop(SESSION_KEY, None)


def portal_view(view):
    """A portal page of one center: without a participant of that center signed in → the sign-in page."""

    @wraps(view)
    def wrapped(request, center_slug, *args, **kwargs):
        center = get_object_or_404(Center, slug=center_slug, is_active=True)
        signed = request.session.get(SESSION_KEY) or {}
        person = None
        if signed.get("center") == center.pk:
            person = Participant.objects.active().filter(pk=signed.get("participant"), center=center).first()
        if person is None:
            return redirect("portal:login", center_slug=center.slug)
        request.participant = person
        return view(request, center, person, *args, **kwargs)

    wrapped.portal = True
    return wrapped

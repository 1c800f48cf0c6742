from django.shortcuts import get_object_or_404

from integrhabitat.people.models import Household, Participant


def access_participant(request, participant_id) -> Participant:
    """The person `participant_id` of the request's center; another center's person and a
    missing one both give 404."""
    return get_object_or_404(
        Participant.objects.active().select_related("household", "created_by"),
        center=request.center, uuid=participant_id,
    )


def access_household(request, household_id) -> Household:
    return get_object_or_404(Household, center=request.center, uuid=household_id)

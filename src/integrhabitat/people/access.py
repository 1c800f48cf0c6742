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


def merged_target(request, participant_id) -> Participant | None:
    """The active record that the request center's record `participant_id` was merged into, if it was:
    old links and cards of a merged-away record lead to the person's kept record."""
    merged = Participant.objects.filter(center=request.center, uuid=participant_id, is_active=False,
                                        merged_into__isnull=False).select_related("merged_into").first()
    if merged is None:
        return None
    kept = merged.merged_into
    while kept is not None and not kept.is_active and kept.merged_into_id:  # merged again since
        kept = kept.merged_into
    return kept if kept is not None and kept.is_active and kept.center_id == request.center.pk else None

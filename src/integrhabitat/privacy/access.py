from django.shortcuts import get_object_or_404

from integrhabitat.privacy.models import Breach, DataRequest


def access_request(request, request_id) -> DataRequest:
    """A data protection request of the center of the URL; another center's and a missing one look the same."""
    return get_object_or_404(DataRequest.objects.select_related("participant", "answered_by", "recorded_by"),
                             center=request.center, uuid=request_id)


def access_breach(request, breach_id) -> Breach:
    return get_object_or_404(Breach, center=request.center, uuid=breach_id)

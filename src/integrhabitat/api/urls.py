from django.http import JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _

from integrhabitat.api.api import api

app_name = "api"


def not_found(request, rest=""):
    """Any other address under /api/v1/ answers JSON too, never an HTML page."""
    return JsonResponse({"detail": _("Not found."), "errors": []}, status=404)


urlpatterns = [
    *api.urls[0],
    re_path(r"^(?P<rest>.*)$", not_found, name="not_found"),
]

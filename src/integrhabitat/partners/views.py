from django.views.decorators.http import require_GET

from integrhabitat.lib.http import render_page
from integrhabitat.network.access import center_view
from integrhabitat.network.roles import PARTNERS_VIEW


@require_GET
@center_view(PARTNERS_VIEW)
def actor_map(request, center):
    return render_page(request, "partners/actor_map.html", {})

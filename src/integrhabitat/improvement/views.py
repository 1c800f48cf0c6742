from django.conf import settings
from django.utils import timezone
from django.views.decorators.http import require_GET

from integrhabitat.improvement.figures import center_day
from integrhabitat.improvement.figures import network_overview as overview_figures
from integrhabitat.lib.http import render_page
from integrhabitat.network.access import center_view, network_view
from integrhabitat.network.forms import PeriodForm
from integrhabitat.network.roles import CENTER_VIEW
from integrhabitat.people.groups import GROUPS
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS, Category


@require_GET
@center_view(CENTER_VIEW)
def center_home(request, center):
    """Today's figures and the shortcuts of the user's role."""
    today = timezone.localdate()
    return render_page(request, "improvement/center_home.html", {"figures": center_day(center, today),
                                                                  "today": today})


@require_GET
@network_view
def network_overview(request):
    """Per center, for a period: people served, deliveries by category and people by population group.
    Aggregates only, small cells suppressed."""
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    rows = overview_figures(start, end)
    # Centers are columns, so that they can be compared on a narrow screen.
    return render_page(request, "improvement/network_overview.html", {
        "form": form, "start": start, "end": end, "centers": [row.center for row in rows],
        "people": [row.people for row in rows], "deliveries": [row.deliveries for row in rows],
        "category_rows": [
            (SHORT_CATEGORY_LABELS[c], [row.by_category[c.value] for row in rows]) for c in Category
        ],
        "group_rows": [(g.label, [row.by_group[g.code] for row in rows]) for g in GROUPS.values()],
        "threshold": settings.SMALL_CELL_THRESHOLD,
    })

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.views.decorators.http import require_GET

from integrhabitat.cases.access import visible_cases
from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import agenda
from integrhabitat.improvement.figures import center_day
from integrhabitat.improvement.figures import network_overview as overview_figures
from integrhabitat.lib.http import render_page
from integrhabitat.network.access import center_view, has_perm, network_view
from integrhabitat.network.forms import PeriodForm
from integrhabitat.network.roles import AGREEMENTS_VIEW, CASES_VIEW, CENTER_VIEW
from integrhabitat.partners.models import EXPIRY_WARNING_DAYS, Agreement
from integrhabitat.people.groups import GROUPS
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS, Category

# A referral not answered after this many days is pointed out on the center home.
REFERRAL_WAIT_WARNING_DAYS = 7


@require_GET
@center_view(CENTER_VIEW)
def center_home(request, center):
    """Today's figures and the shortcuts of the user's role."""
    today = timezone.localdate()
    return render_page(request, "improvement/center_home.html", {"figures": center_day(center, today),
                                                                  "today": today,
                                                                  "attention": _attention(request, center, today)})


def _attention(request, center, today) -> dict:
    """What needs the user now: their follow-ups due, referrals waiting long, agreements ending."""
    attention = {}
    if has_perm(request, CASES_VIEW):
        attention["follow_ups_due"] = agenda(request.user, center, today).filter(due_on__lte=today).count()
        attention["referrals_waiting"] = (
            Referral.objects.filter(center=center, case__in=visible_cases(request), status=Referral.Status.SENT,
                                    sent_at__lt=timezone.now() - timedelta(days=REFERRAL_WAIT_WARNING_DAYS)).count())
    if has_perm(request, AGREEMENTS_VIEW):
        attention["agreements_ending"] = list(
            Agreement.objects.filter(center=center, starts_on__lte=today, ends_on__gte=today,
                                     ends_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS))
            .select_related("organization").order_by("ends_on"))
    return attention


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

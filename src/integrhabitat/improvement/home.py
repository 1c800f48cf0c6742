"""The center's home page: today's figures, the headline period against the one before, and what needs the
user's attention."""

from datetime import timedelta

from django.utils import timezone
from django.views.decorators.http import require_GET

from integrhabitat.cases.access import visible_cases
from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import agenda
from integrhabitat.improvement.events.services import attention as commitments_attention
from integrhabitat.improvement.results.figures import center_day, services_to_review, trends
from integrhabitat.improvement.results.periods import headline_period
from integrhabitat.lib.http import render_page
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import (
    AGREEMENTS_VIEW,
    BREACHES_MANAGE,
    CASES_VIEW,
    CENTER_VIEW,
    INDICATORS_VIEW,
    PRIVACY_REQUESTS,
    SERVICE_REVIEW,
)
from integrhabitat.partners.models import Agreement
from integrhabitat.privacy.services import attention as privacy_attention

# A referral not answered after this many days is pointed out on the center home.
REFERRAL_WAIT_WARNING_DAYS = 7


@require_GET
@center_view(CENTER_VIEW)
def center_home(request, center):
    """Today's figures, the headline figures of the headline period against the period before, what needs
    the user's attention and the shortcuts of the user's role."""
    today = timezone.localdate()
    period = headline_period(today)
    return render_page(request, "improvement/center_home.html", {
        "figures": center_day(center, today), "today": today,
        "period": period, "previous": period.previous(), "trends": trends(center, period),
        "attention": _attention(request, center, today),
    })


def _attention(request, center, today) -> dict:
    """What needs the user now: their follow-ups due, referrals waiting long, agreements ending."""
    attention = {}
    if has_perm(request, CASES_VIEW):
        cases = visible_cases(request)
        # The figures the case list and the referral list show, filtered the same way as their links.
        attention["open_cases"] = cases.open().count()
        attention["referrals_awaiting_answer"] = Referral.objects.filter(
            center=center, case__in=cases, status=Referral.Status.SENT).count()
        attention["follow_ups_due"] = agenda(request.user, center, today).filter(due_on__lte=today).count()
        attention["referrals_waiting"] = (
            Referral.objects.filter(center=center, case__in=visible_cases(request), status=Referral.Status.SENT,
                                    sent_at__lt=timezone.now() - timedelta(days=REFERRAL_WAIT_WARNING_DAYS)).count())
    if has_perm(request, INDICATORS_VIEW):
        attention["commitments_overdue"] = commitments_attention(center, request.user, today)
    if has_perm(request, SERVICE_REVIEW):
        attention["services_to_review"], attention["services_reviewable"] = services_to_review(center, today)
    if has_perm(request, PRIVACY_REQUESTS):
        privacy = privacy_attention(center, today, timezone.now())
        if not has_perm(request, BREACHES_MANAGE):
            privacy["breaches"] = []
        attention["privacy"] = privacy
    if has_perm(request, AGREEMENTS_VIEW):
        attention["agreements_ending"] = list(
            Agreement.objects.filter(center=center).ending_soon(today)
            .select_related("organization").order_by("ends_on"))
    return attention

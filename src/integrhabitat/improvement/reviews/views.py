"""Pages of the service reviews: the queue of services to review, a service's reviews, the review
form (figures of a chosen period, then the decision) and one review."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from integrhabitat.improvement.models import ServiceReview
from integrhabitat.improvement.results.figures import review_summary
from integrhabitat.improvement.reviews import services as reviews
from integrhabitat.improvement.reviews.forms import ReviewPeriodForm, ServiceReviewForm
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, render_page
from integrhabitat.network import exports
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import INDICATORS_VIEW, SENSITIVE_VIEW, SERVICE_REVIEW
from integrhabitat.services.models import Service


def _service(center, service_id) -> Service:
    return get_object_or_404(Service, center=center, uuid=service_id)


QUEUE_COLUMNS = [
    exports.Column("service", gettext_lazy("Service"), exports.attr("service.name"), hxl="#service +name"),
    exports.Column("category", gettext_lazy("Category"), lambda row: str(row.service.get_category_display()),
                   hxl="#sector +name"),
    exports.Column("status", gettext_lazy("Status"), lambda row: str(row.service.get_status_display()), hxl="#status"),
    exports.Column("recent", gettext_lazy("Deliveries, last three months"), exports.attr("recent", 0),
                   hxl="#output +recent +num"),
    exports.Column("previous", gettext_lazy("Deliveries, the three months before"), exports.attr("previous", 0),
                   hxl="#output +previous +num"),
    exports.Column("change", gettext_lazy("Change against the three months before (%)"),
                   lambda row: round(row.change, 1) if row.change is not None else None, hxl="#indicator +change +pct"),
    exports.Column("last_reviewed", gettext_lazy("Last review"), exports.attr("last_reviewed", None),
                   hxl="#date +reviewed"),
    exports.Column("next_review_on", gettext_lazy("Next review"), exports.attr("next_review_on", None),
                   hxl="#date +due"),
    exports.Column("flags", gettext_lazy("To look at"), lambda row: ", ".join(str(label) for label in row.flag_labels)),
]


@require_GET
@center_view(INDICATORS_VIEW)
def review_queue(request, center):
    """Every active or under-review service with its latest review and the reasons to review it now."""
    today = timezone.localdate()
    rows = reviews.review_queue(center, today)
    if exports.wants_download(request):
        return exports.list_download(request, rows, QUEUE_COLUMNS, filename=f"service-reviews-{center.slug}",
                                     title=_("Service reviews"))
    to_review, reviewable = review_summary(rows)
    return render_page(request, "improvement/reviews/review_queue.html", {
        "rows": rows, "today": today, "to_review": to_review, "reviewable": reviewable,
        "can_review": has_perm(request, SERVICE_REVIEW),
        "falling_drop": int(reviews.FALLING_DEMAND_DROP * 100), "falling_min": reviews.FALLING_DEMAND_MIN_DELIVERIES,
        "every_months": reviews.REVIEW_EVERY_MONTHS,
    })


@require_GET
@center_view(INDICATORS_VIEW)
def service_reviews(request, center, service_id):
    """The past reviews of one service, newest first."""
    service = _service(center, service_id)
    items = reviews.reviews_of(center).filter(service=service)
    return render_page(request, "improvement/reviews/service_reviews.html", {
        "service": service, "items": paginate(request, items, 30),
        "can_review": has_perm(request, SERVICE_REVIEW) and service.status in reviews.REVIEWABLE,
    })


@require_http_methods(["GET", "POST"])
@center_view(SERVICE_REVIEW)
def review_create(request, center, service_id):
    """GET: the figures of a period (the last twelve months unless another is chosen) and the form.
    POST: record the review; the figures of its period are frozen into it."""
    service = _service(center, service_id)
    today = timezone.localdate()
    if service.status not in reviews.REVIEWABLE:
        messages.error(request, _("Only an active service or one under review can be reviewed."))
        return redirect("reviews:service_reviews", center=center.slug, service_id=service.uuid)
    if request.method == "POST":
        form = ServiceReviewForm(request.POST, center=center)
        valid = form.is_valid()
        if valid:
            try:
                review = reviews.record_review(service, form.cleaned_data, actor=request.user)
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Review recorded: %(decision)s.")
                                 % {"decision": review.get_decision_display()})
                return redirect("reviews:review_detail", center=center.slug, review_id=review.uuid)
        period_form = ReviewPeriodForm()
        start, end = _posted_period(form, today)
    else:
        period_form = ReviewPeriodForm(request.GET or None)
        start, end = period_form.period(today)
        form = ServiceReviewForm(center=center, initial={"period_start": start, "period_end": end})
    period_form.initial = {"start": start, "end": end}
    figures = reviews.service_figures(service, start, end)
    return render_page(request, "improvement/reviews/review_form.html", {
        "service": service, "form": form, "period_form": period_form, "start": start, "end": end,
        "figures": reviews.present(figures, with_sensitive=has_perm(request, SENSITIVE_VIEW)),
        "previous": reviews.reviews_of(center).filter(service=service).first(),
    }, status=400 if request.method == "POST" else 200)


def _posted_period(form: ServiceReviewForm, today):
    """The period of a refused review, to show its figures again (the default one if it was wrong)."""
    data = form.cleaned_data
    start, end = data.get("period_start"), data.get("period_end")
    if start and end and start <= end <= today:
        return start, end
    return reviews.default_period(today)


@require_GET
@center_view(INDICATORS_VIEW)
def review_detail(request, center, review_id):
    """One review: the figures as they were that day, the outcomes and the decision."""
    review = get_object_or_404(reviews.reviews_of(center), uuid=review_id)
    return render_page(request, "improvement/reviews/review_detail.html", {
        "review": review, "service": review.service,
        "figures": reviews.present(review.findings, with_sensitive=has_perm(request, SENSITIVE_VIEW)),
        "goal_reached": bool(review.findings.get("goal_reached")),
        "Decision": ServiceReview.Decision,
    })

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Avg, Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from integrhabitat.cases.access import visible_cases
from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import agenda
from integrhabitat.improvement import services as improvement_actions
from integrhabitat.improvement.events import attention as commitments_attention
from integrhabitat.improvement.figures import center_day, services_to_review, trends
from integrhabitat.improvement.forms import AnswerForm, FeedbackForm, RatingForm
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.improvement.periods import headline_period
from integrhabitat.lib import exports
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, posted, query_without_page, render_page
from integrhabitat.lib.ratelimit import over_limit
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.models import Center
from integrhabitat.network.roles import (
    AGREEMENTS_VIEW,
    BREACHES_MANAGE,
    CASES_VIEW,
    CENTER_VIEW,
    DELIVERY_RECORD,
    FEEDBACK_HANDLE,
    FEEDBACK_RESTRICTED,
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


# --- Listening to people: suggestions, complaints, compliments --------------------------------------------

def _public_center(center_slug) -> Center:
    return get_object_or_404(Center, slug=center_slug, is_active=True)


@require_http_methods(["GET", "POST"])
def feedback_send(request, center_slug):
    """Anyone, without signing in and without giving a name, writes to the center (a few messages an
    hour from one address)."""
    center = _public_center(center_slug)
    form = FeedbackForm(posted(request), center=center)
    if request.method == "POST" and over_limit(request, "feedback", rate=settings.FEEDBACK_PER_ADDRESS):
        form.add_error(None, _("Too many messages were sent from here in a short time. Wait an hour and try "
                               "again, or write to the center in person."))
        return render_page(request, "improvement/feedback_send.html", {"public_center": center, "form": form},
                           status=429)
    if request.method == "POST" and form.is_valid():
        try:
            feedback = improvement_actions.submit_feedback(center, form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("feedback_track", center_slug=center.slug, code=feedback.code)
    return render_page(request, "improvement/feedback_send.html", {"public_center": center, "form": form},
                       status=400 if form.is_bound else 200)


@require_GET
def feedback_track(request, center_slug, code):
    """What became of a message, for whoever holds its code: the status and the center's answer."""
    center = _public_center(center_slug)
    if over_limit(request, "feedback_track", rate="30/m"):  # codes are not guessable; nor tried by the thousand
        raise Http404
    feedback = get_object_or_404(Feedback, center=center, code=code.upper())
    return render_page(request, "improvement/feedback_track.html", {"public_center": center, "feedback": feedback})


def _visible_feedback(request):
    feedback = Feedback.objects.filter(center=request.center)
    if not has_perm(request, FEEDBACK_RESTRICTED):
        feedback = feedback.exclude(category=Feedback.Category.MISCONDUCT).exclude(escalated=True)
    return feedback


# What the list shows; the person's name and contact stay on the message's own page.
FEEDBACK_COLUMNS = [
    exports.Column("code", gettext_lazy("Tracking code"), exports.attr("code"), hxl="#meta +id"),
    exports.field(Feedback, "kind", hxl="#respondee +feedback +type"),
    exports.field(Feedback, "category", hxl="#sector +name"),
    exports.field(Feedback, "service", hxl="#service +name"),
    exports.Column("received_at", gettext_lazy("Received on"), lambda f: timezone.localdate(f.received_at),
                   hxl="#date +reported"),
    exports.field(Feedback, "status", hxl="#status"),
    exports.field(Feedback, "due_on", hxl="#date +due"),
    exports.field(Feedback, "escalated"),
    exports.Column("assigned_to", gettext_lazy("Handled by"), exports.attr("assigned_to.display_name")),
    exports.field(Feedback, "body", hxl="#description"),
]


@require_GET
@center_view(FEEDBACK_HANDLE)
def feedback_list(request, center):
    items = _visible_feedback(request).select_related("service", "assigned_to")
    status = request.GET.get("status", "open")
    if status == "open":
        items = items.exclude(status=Feedback.Status.CLOSED)
    elif status in Feedback.Status.values:
        items = items.filter(status=status)
    if exports.wants_download(request):
        return exports.list_download(request, items, FEEDBACK_COLUMNS, filename=f"feedback-{center.slug}",
                                     title=_("Feedback"), audit_code="improvement.feedback.exported", center=center)
    return render_page(request, "improvement/feedback_list.html", {
        "items": paginate(request, items, 30), "status": status, "statuses": Feedback.Status.choices,
        "today": timezone.localdate(), "page_query": query_without_page(request),
    })


@require_http_methods(["GET", "POST"])
@center_view(FEEDBACK_HANDLE)
def feedback_detail(request, center, feedback_id):
    """One message: take it, answer it (and close it), or escalate it to the coordinator."""
    feedback = get_object_or_404(_visible_feedback(request).select_related("service"), uuid=feedback_id)
    form = AnswerForm(request.POST if request.POST.get("action") == "answer" else None,
                      initial={"version": feedback.version, "response": feedback.response})
    if request.method == "POST":
        action, version = request.POST.get("action"), _int(request.POST.get("version"))
        try:
            if action == "answer":
                if form.is_valid():
                    improvement_actions.answer_feedback(feedback, response=form.cleaned_data["response"],
                                                        close=form.cleaned_data["close"], version=version,
                                                        actor=request.user)
                    messages.success(request, _("Answer saved; the person reads it with their code."))
                    return redirect("improvement:feedback_detail", center=center.slug, feedback_id=feedback.uuid)
            elif action == "take":
                improvement_actions.take_feedback(feedback, version=version, actor=request.user)
                return redirect("improvement:feedback_detail", center=center.slug, feedback_id=feedback.uuid)
            elif action == "escalate":
                improvement_actions.escalate_feedback(feedback, version=version, actor=request.user)
                messages.success(request, _("Escalated to the coordinator."))
                return redirect("improvement:feedback_list", center=center.slug)
        except Refused as refusal:
            form.add_error(None, refusal.message)
    return render_page(request, "improvement/feedback_detail.html", {
        "feedback": feedback, "form": form, "today": timezone.localdate(),
        "can_escalate": not feedback.is_restricted,
    }, status=400 if request.method == "POST" else 200)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # no version: treated as stale, nothing changes


# --- Satisfaction ------------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def kiosk(request, center_slug):
    """A shared tablet at the center: rate a service in two taps, anonymously; the form comes back empty.
    One address rates at most a few times a minute (the tablet, or a whole network behind one address)."""
    center = _public_center(center_slug)
    form = RatingForm(posted(request), center=center)
    if request.method == "POST" and over_limit(request, "kiosk", rate=settings.KIOSK_RATINGS_PER_ADDRESS):
        form.add_error(None, _("Too many ratings in a short time. Wait a minute and try again."))
        return render_page(request, "improvement/kiosk.html", {"public_center": center, "form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        improvement_actions.rate_service(center, channel=Satisfaction.Channel.KIOSK, **form.cleaned_data)
        messages.success(request, _("Thank you! Your opinion helps the center improve."))
        return redirect("kiosk", center_slug=center.slug)
    return render_page(request, "improvement/kiosk.html", {"public_center": center, "form": form},
                       status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@center_view(DELIVERY_RECORD)
def satisfaction(request, center):
    """Ratings of the last 90 days by service, and a form to enter one given on paper or aloud."""
    form = RatingForm(posted(request), center=center)
    if request.method == "POST" and form.is_valid():
        improvement_actions.rate_service(center, channel=Satisfaction.Channel.STAFF, **form.cleaned_data)
        messages.success(request, _("Rating recorded."))
        return redirect("improvement:satisfaction", center=center.slug)
    since = timezone.now() - timedelta(days=90)
    rows = (Satisfaction.counted.filter(center=center, created_at__gte=since)
            .values("service__name").annotate(count=Count("id"), average=Avg("score"))
            .order_by("service__name"))
    return render_page(request, "improvement/satisfaction.html", {
        "form": form, "rows": rows,
        "comments": Satisfaction.objects.filter(center=center, created_at__gte=since).exclude(comment="")
        .select_related("service")[:20],
    }, status=400 if form.is_bound else 200)

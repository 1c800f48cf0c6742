"""Listening to people: suggestions, complaints and compliments sent and tracked from the public pages,
handled by the center; the kiosk's ratings and the satisfaction page."""

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

from integrhabitat.improvement.feedback import services as improvement_actions
from integrhabitat.improvement.feedback.forms import AnswerForm, FeedbackForm, RatingForm
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, posted, query_without_page, render_page
from integrhabitat.lib.ratelimit import over_limit
from integrhabitat.network import exports, tenancy
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import (
    DELIVERY_RECORD,
    FEEDBACK_HANDLE,
    FEEDBACK_RESTRICTED,
)


@require_http_methods(["GET", "POST"])
def feedback_send(request, center_slug):
    """Anyone, without signing in and without giving a name, writes to the center (a few messages an
    hour from one address)."""
    center = tenancy.public_center(center_slug)
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
    center = tenancy.public_center(center_slug)
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
    center = tenancy.public_center(center_slug)
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

"""Pages of accountability events (rendición pública de cuentas): the events, the questions raised there and
the commitments made, followed up until they are kept."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.improvement.events import services as event_actions
from integrhabitat.improvement.events.forms import (
    AnswerForm,
    CommitmentEditForm,
    CommitmentForm,
    EventForm,
    ProgressForm,
    QuestionForm,
)
from integrhabitat.improvement.models import AccountabilityEvent, Commitment, EventQuestion
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, posted, query_without_page, render_page
from integrhabitat.network import exports
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import ACCOUNTABILITY_MANAGE, INDICATORS_VIEW


def access_event(request, event_id) -> AccountabilityEvent:
    return get_object_or_404(AccountabilityEvent.objects.select_related("report"), center=request.center,
                             uuid=event_id)


def access_commitment(request, commitment_id) -> Commitment:
    return get_object_or_404(Commitment.objects.select_related("event", "responsible"), center=request.center,
                             uuid=commitment_id)


def _open_count():
    return Count("commitments", filter=Q(commitments__status__in=event_actions.UNSETTLED), distinct=True)


# --- Events ------------------------------------------------------------------------------------------------

EVENT_COLUMNS = [
    exports.field(AccountabilityEvent, "held_on", hxl="#date"),
    exports.field(AccountabilityEvent, "place", hxl="#loc +name"),
    exports.field(AccountabilityEvent, "attendees", hxl="#reached +attendees +num"),
    exports.field(AccountabilityEvent, "attendees_description"),
    exports.Column("report", gettext_lazy("Report"), exports.attr("report.title")),
    exports.Column("questions", gettext_lazy("Questions"), exports.attr("question_count", 0),
                   hxl="#output +questions +num"),
    exports.Column("open", gettext_lazy("Open commitments"), exports.attr("open_count", 0),
                   hxl="#output +commitments +num"),
    exports.field(AccountabilityEvent, "summary", hxl="#description"),
]

COMMITMENT_COLUMNS = [
    exports.field(Commitment, "text", hxl="#activity +name"),
    exports.Column("event", gettext_lazy("Event"), exports.attr("event.held_on", None), hxl="#date +event"),
    exports.Column("responsible", gettext_lazy("Responsible"), exports.attr("responsible.display_name")),
    exports.field(Commitment, "due_on", hxl="#date +due"),
    exports.field(Commitment, "status", hxl="#status"),
    exports.field(Commitment, "progress_note", hxl="#description"),
]


@require_GET
@center_view(INDICATORS_VIEW)
def event_list(request, center):
    events = (AccountabilityEvent.objects.filter(center=center).select_related("report")
              .annotate(open_count=_open_count(), question_count=Count("questions", distinct=True))
              .order_by("-held_on", "-pk"))
    if exports.wants_download(request):
        return exports.list_download(request, events, EVENT_COLUMNS, filename=f"accountability-events-{center.slug}",
                                     title=_("Accountability events"))
    today = timezone.localdate()
    return render_page(request, "improvement/events/event_list.html", {
        "events": paginate(request, events, 30), "can_manage": has_perm(request, ACCOUNTABILITY_MANAGE),
        "overdue": event_actions.open_commitments(center, today).filter(due_on__lt=today).count(),
    })


@require_http_methods(["GET", "POST"])
@center_view(ACCOUNTABILITY_MANAGE)
def event_edit(request, center, event_id=None):
    """Record an event once it has been held, or correct it."""
    event = access_event(request, event_id) if event_id else None
    form = EventForm(posted(request), instance=event, center=center)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            event = event_actions.save_event(center, data, actor=request.user, event=event)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Accountability event saved."))
            return redirect("events:event_detail", center=center.slug, event_id=event.uuid)
    return render_page(request, "improvement/events/event_form.html", {"form": form, "event": event},
                       status=400 if form.is_bound else 200)


def _event_page(request, event, *, question_form=None, commitment_form=None, failed_answer=None, status=200):
    """The event with its questions and commitments; the forms only for whoever manages accountability.
    `failed_answer` is a bound AnswerForm that did not validate, shown at its question."""
    can_manage = has_perm(request, ACCOUNTABILITY_MANAGE)
    questions = []
    for question in event.questions.all():
        form = None
        if can_manage:
            if failed_answer is not None and failed_answer.question == question:
                form = failed_answer
            else:
                form = AnswerForm(initial={"answer": question.answer}, auto_id=f"id_q{question.pk}_%s")
        questions.append((question, form))
    return render_page(request, "improvement/events/event_detail.html", {
        "event": event, "questions": questions, "today": timezone.localdate(), "can_manage": can_manage,
        "commitments": event.commitments.select_related("responsible"),
        "question_form": question_form or QuestionForm(),
        "commitment_form": commitment_form or CommitmentForm(center=event.center, event=event),
        "failed_answer": failed_answer, "unsettled": event_actions.UNSETTLED,
    }, status=status)


@require_GET
@center_view(INDICATORS_VIEW)
def event_detail(request, center, event_id):
    return _event_page(request, access_event(request, event_id))


@require_POST
@center_view(ACCOUNTABILITY_MANAGE)
def question_add(request, center, event_id):
    event = access_event(request, event_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            event_actions.add_question(event, form.cleaned_data["question"], answer=form.cleaned_data["answer"],
                                       actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Question recorded."))
            return redirect("events:event_detail", center=center.slug, event_id=event.uuid)
    return _event_page(request, event, question_form=form, status=400)


@require_POST
@center_view(ACCOUNTABILITY_MANAGE)
def question_answer(request, center, event_id, question_id):
    event = access_event(request, event_id)
    question = get_object_or_404(EventQuestion, event=event, pk=question_id)
    form = AnswerForm(request.POST, auto_id=f"id_q{question.pk}_%s")
    form.question = question
    if form.is_valid():
        try:
            event_actions.answer_question(question, form.cleaned_data["answer"], actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Answer saved."))
            return redirect("events:event_detail", center=center.slug, event_id=event.uuid)
    return _event_page(request, event, failed_answer=form, status=400)


@require_POST
@center_view(ACCOUNTABILITY_MANAGE)
def commitment_add(request, center, event_id):
    event = access_event(request, event_id)
    form = CommitmentForm(request.POST, center=center, event=event)
    if form.is_valid():
        try:
            event_actions.add_commitment(event, form.cleaned_data, actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Commitment recorded; the responsible person was notified."))
            return redirect("events:event_detail", center=center.slug, event_id=event.uuid)
    return _event_page(request, event, commitment_form=form, status=400)


# --- Commitments -------------------------------------------------------------------------------------------

# The list's filter: besides each status, these views of it.
PENDING, OVERDUE, ALL = "pending", "overdue", "all"


@require_GET
@center_view(INDICATORS_VIEW)
def commitment_list(request, center):
    """Every commitment of the center, not yet kept first; the overdue ones stand out."""
    today = timezone.localdate()
    items = Commitment.objects.filter(center=center).select_related("event", "responsible")
    status = request.GET.get("status", PENDING)
    if status == PENDING:
        items = items.filter(status__in=event_actions.UNSETTLED)
    elif status == OVERDUE:
        items = items.filter(status__in=event_actions.UNSETTLED, due_on__lt=today)
    elif status in Commitment.Status.values:
        items = items.filter(status=status)
    else:
        status = ALL
    mine = request.GET.get("mine") == "1"
    if mine:
        items = items.filter(responsible=request.user)
    if exports.wants_download(request):
        return exports.list_download(request, items.order_by("due_on", "pk"), COMMITMENT_COLUMNS,
                                     filename=f"commitments-{center.slug}", title=_("Commitments"))
    return render_page(request, "improvement/events/commitment_list.html", {
        "items": paginate(request, items.order_by("due_on", "pk"), 50), "status": status, "mine": mine,
        "statuses": Commitment.Status.choices, "today": today, "page_query": query_without_page(request),
        "unsettled": event_actions.UNSETTLED,
    })


@require_http_methods(["GET", "POST"])
@center_view(INDICATORS_VIEW)
def commitment_detail(request, center, commitment_id):
    """A commitment and how it is going; its responsible person updates the progress, whoever manages
    accountability changes anything of it."""
    commitment = access_commitment(request, commitment_id)
    can_update = event_actions.can_update_commitment(commitment, request.user)
    if request.method == "POST" and not can_update:
        raise PermissionDenied
    form = None
    if can_update:
        if has_perm(request, ACCOUNTABILITY_MANAGE):
            form = CommitmentEditForm(posted(request), center=center, commitment=commitment)
        else:
            form = ProgressForm(posted(request), commitment=commitment)
    if request.method == "POST" and form.is_valid():
        try:
            event_actions.update_commitment(commitment, form.cleaned_data, actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Commitment updated."))
            return redirect("events:commitment_detail", center=center.slug, commitment_id=commitment.uuid)
    return render_page(request, "improvement/events/commitment_detail.html", {
        "commitment": commitment, "form": form, "today": timezone.localdate(),
        "unsettled": event_actions.UNSETTLED,
    }, status=400 if request.method == "POST" else 200)

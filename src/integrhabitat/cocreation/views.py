"""Pages of co-creation for staff, and the center's public page of processes and proposals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.cocreation import services as cocreation_actions
from integrhabitat.cocreation.forms import (
    AnswerForm,
    CodeForm,
    CommentForm,
    MeetingForm,
    PhaseForm,
    ProcessForm,
    ProposalForm,
)
from integrhabitat.cocreation.models import Comment, Meeting, Phase, Process, Proposal
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, posted, query_without_page, render_page
from integrhabitat.network import exports, tenancy
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import COCREATION_MANAGE, COCREATION_VIEW, PROPOSAL_ANSWER
from integrhabitat.people.forms import person_by_code
from integrhabitat.services.models import public_services
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS, Category


def access_process(request, process_id) -> Process:
    return get_object_or_404(Process, center=request.center, uuid=process_id)


def access_proposal(request, proposal_id) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related("author", "process", "recorded_by"),
                             center=request.center, uuid=proposal_id)


def with_supports(proposals):
    return proposals.annotate(support_count=Count("supports", distinct=True))


# --- Processes --------------------------------------------------------------------------------------------

PROCESS_COLUMNS = [
    exports.field(Process, "title", hxl="#activity +name"),
    exports.field(Process, "kind", hxl="#activity +type"),
    exports.field(Process, "scope"),
    exports.field(Process, "status", hxl="#status"),
    exports.field(Process, "starts_on", hxl="#date +start"),
    exports.field(Process, "ends_on", hxl="#date +end"),
    exports.Column("proposals", gettext_lazy("Proposals"), exports.attr("proposal_count", 0), hxl="#output +num"),
    exports.Column("meetings", gettext_lazy("Meetings"), exports.attr("meeting_count", 0), hxl="#event +num"),
]

# What the list shows, and what the public page publishes; never the author.
PROPOSAL_COLUMNS = [
    exports.field(Proposal, "title", hxl="#activity +name"),
    exports.field(Proposal, "category", hxl="#sector +name"),
    exports.field(Proposal, "area", hxl="#loc +name"),
    exports.field(Proposal, "process"),
    exports.field(Proposal, "status", hxl="#status"),
    exports.field(Proposal, "progress", hxl="#indicator +progress +pct"),
    exports.Column("supports", gettext_lazy("Supports"), exports.attr("support_count", 0), hxl="#indicator +num"),
    exports.Column("created_at", gettext_lazy("Proposed on"), lambda p: timezone.localdate(p.created_at),
                   hxl="#date +reported"),
    exports.field(Proposal, "description", hxl="#description"),
    exports.field(Proposal, "answer"),
]

@require_GET
@center_view(COCREATION_VIEW)
def process_list(request, center):
    processes = Process.objects.filter(center=center).annotate(
        proposal_count=Count("proposals", distinct=True), meeting_count=Count("meetings", distinct=True))
    if exports.wants_download(request):
        return exports.list_download(request, processes, PROCESS_COLUMNS, filename=f"processes-{center.slug}",
                                     title=_("Participatory processes"))
    return render_page(request, "cocreation/process_list.html", {
        "processes": processes, "can_manage": has_perm(request, COCREATION_MANAGE),
    })


@require_http_methods(["GET", "POST"])
@center_view(COCREATION_MANAGE)
def process_edit(request, center, process_id=None):
    process = access_process(request, process_id) if process_id else None
    form = ProcessForm(posted(request), instance=process)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        process = cocreation_actions.save_process(center, data, actor=request.user, process=process)
        messages.success(request, _("Process “%(title)s” saved.") % {"title": process.title})
        return redirect("cocreation:process_detail", center=center.slug, process_id=process.uuid)
    return render_page(request, "cocreation/process_form.html", {"form": form, "process": process},
                       status=400 if form.is_bound else 200)


def _process_page(request, process, *, phase_form=None, status=200):
    return render_page(request, "cocreation/process_detail.html", {
        "process": process, "phases": process.phases.all(), "phase_form": phase_form or PhaseForm(),
        "today": timezone.localdate(),
        "meetings": process.meetings.annotate(attendee_count=Count("attendees")),
        "proposals": with_supports(process.proposals.all()),
        "can_manage": has_perm(request, COCREATION_MANAGE),
    }, status=status)


@require_GET
@center_view(COCREATION_VIEW)
def process_detail(request, center, process_id):
    return _process_page(request, access_process(request, process_id))


@require_POST
@center_view(COCREATION_MANAGE)
def phase_add(request, center, process_id):
    process = access_process(request, process_id)
    form = PhaseForm(request.POST)
    if form.is_valid():
        cocreation_actions.add_phase(process, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Phase added."))
        return redirect("cocreation:process_detail", center=center.slug, process_id=process.uuid)
    return _process_page(request, process, phase_form=form, status=400)


@require_POST
@center_view(COCREATION_MANAGE)
def phase_remove(request, center, process_id, phase_id):
    process = access_process(request, process_id)
    cocreation_actions.remove_phase(get_object_or_404(Phase, process=process, pk=phase_id), actor=request.user)
    messages.success(request, _("Phase removed."))
    return redirect("cocreation:process_detail", center=center.slug, process_id=process.uuid)


@require_http_methods(["GET", "POST"])
@center_view(COCREATION_MANAGE)
def meeting_edit(request, center, process_id, meeting_id=None):
    process = access_process(request, process_id)
    meeting = get_object_or_404(Meeting, process=process, uuid=meeting_id) if meeting_id else None
    form = MeetingForm(posted(request), instance=meeting, center=center)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        cocreation_actions.save_meeting(process, data, actor=request.user, meeting=meeting,
                                        attendees=form.cleaned_data["attendee_codes"])
        messages.success(request, _("Meeting saved."))
        return redirect("cocreation:process_detail", center=center.slug, process_id=process.uuid)
    return render_page(request, "cocreation/meeting_form.html", {"form": form, "process": process,
                                                                 "meeting": meeting},
                       status=400 if form.is_bound else 200)


# --- Proposals --------------------------------------------------------------------------------------------

@require_GET
@center_view(COCREATION_VIEW)
def proposal_list(request, center):
    proposals = with_supports(Proposal.objects.filter(center=center).select_related("process"))
    status, category = request.GET.get("status", ""), request.GET.get("category", "")
    if status in Proposal.Status.values:
        proposals = proposals.filter(status=status)
    if category in Category.values:
        proposals = proposals.filter(category=category)
    if exports.wants_download(request):
        return exports.list_download(request, proposals.order_by("-support_count", "-created_at"), PROPOSAL_COLUMNS,
                                     filename=f"proposals-{center.slug}", title=_("Proposals"))
    return render_page(request, "cocreation/proposal_list.html", {
        "proposals": paginate(request, proposals.order_by("-support_count", "-created_at"), 30),
        "status": status, "category": category, "statuses": Proposal.Status.choices,
        "categories": Category.choices, "page_query": query_without_page(request),
    })


@require_http_methods(["GET", "POST"])
@center_view(COCREATION_VIEW)
def proposal_create(request, center):
    """Record a proposal: from a participant at the desk, or from a workshop's paper sheets."""
    form = ProposalForm(posted(request), center=center, initial={"process": request.GET.get("process")})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            proposal = cocreation_actions.submit_proposal(center, data, author=form.cleaned_data["author_code"],
                                                          actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Proposal recorded."))
            return redirect("cocreation:proposal_detail", center=center.slug, proposal_id=proposal.uuid)
    return render_page(request, "cocreation/proposal_form.html", {"form": form},
                       status=400 if form.is_bound else 200)


def _proposal_page(request, proposal, *, answer_form=None, comment_form=None, support_form=None, status=200):
    return render_page(request, "cocreation/proposal_detail.html", {
        "proposal": proposal, "supports": proposal.supports.count(),
        "comments": proposal.comments.select_related("participant", "staff"),
        "answer_form": answer_form or AnswerForm(initial={
            "status": proposal.status, "progress": proposal.progress, "answer": proposal.answer,
            "version": proposal.version}),
        "comment_form": comment_form or CommentForm(), "support_form": support_form or CodeForm(),
        "can_answer": has_perm(request, PROPOSAL_ANSWER), "can_moderate": has_perm(request, COCREATION_MANAGE),
    }, status=status)


@require_GET
@center_view(COCREATION_VIEW)
def proposal_detail(request, center, proposal_id):
    return _proposal_page(request, access_proposal(request, proposal_id))


@require_POST
@center_view(PROPOSAL_ANSWER)
def proposal_answer(request, center, proposal_id):
    proposal = access_proposal(request, proposal_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            cocreation_actions.answer_proposal(proposal, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Answer published."))
            return redirect("cocreation:proposal_detail", center=center.slug, proposal_id=proposal.uuid)
    return _proposal_page(request, proposal, answer_form=form, status=400)


@require_POST
@center_view(COCREATION_VIEW)
def proposal_support(request, center, proposal_id):
    """Record a participant's support (from a show of hands at a meeting, or at the desk)."""
    proposal = access_proposal(request, proposal_id)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            person = person_by_code(center, form.cleaned_data["code"])
            cocreation_actions.support_proposal(proposal, person, actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:  # an unknown code
            form.add_error("code", error)
        else:
            messages.success(request, _("Support counted."))
            return redirect("cocreation:proposal_detail", center=center.slug, proposal_id=proposal.uuid)
    return _proposal_page(request, proposal, support_form=form, status=400)


@require_POST
@center_view(COCREATION_VIEW)
def comment_add(request, center, proposal_id):
    proposal = access_proposal(request, proposal_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            person = person_by_code(center, form.cleaned_data["code"]) if form.cleaned_data["code"] else None
            cocreation_actions.add_comment(proposal, form.cleaned_data["body"], participant=person,
                                           staff=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, _("Comment added."))
            return redirect("cocreation:proposal_detail", center=center.slug, proposal_id=proposal.uuid)
    return _proposal_page(request, proposal, comment_form=form, status=400)


@require_POST
@center_view(COCREATION_MANAGE)
def comment_moderate(request, center, proposal_id, comment_id):
    proposal = access_proposal(request, proposal_id)
    comment = get_object_or_404(Comment, proposal=proposal, uuid=comment_id)
    cocreation_actions.moderate_comment(comment, hidden=request.POST.get("action") == "hide", actor=request.user)
    messages.success(request, _("Comment hidden.") if comment.is_hidden else _("Comment shown again."))
    return redirect("cocreation:proposal_detail", center=center.slug, proposal_id=proposal.uuid)


# --- The public page --------------------------------------------------------------------------------------

def _services_by_category(center) -> list[tuple[str, list]]:
    """The center's public services under the short names of their categories, in the categories' order; empty
    categories left out."""
    grouped: dict[str, list] = {}
    for service in public_services(center):
        grouped.setdefault(service.category, []).append(service)
    return [(SHORT_CATEGORY_LABELS[category], grouped[category]) for category in Category if category in grouped]


@require_GET
def public_center(request, center_slug):
    """The center for its community, without login and without names: where it is and how to get there, the
    services it offers, what the community proposed and what the center answered."""
    center = tenancy.public_center(center_slug)
    public = Q(process__isnull=True) | Q(process__is_public=True)
    proposals = with_supports(Proposal.objects.filter(Q(center=center) & public).select_related("process"))
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        proposals = proposals.filter(status=status)
    return render_page(request, "cocreation/public_center.html", {
        "public_center": center,
        "services_by_category": _services_by_category(center),
        "processes": Process.objects.filter(center=center, is_public=True).exclude(status=Process.Status.PLANNED)
        .prefetch_related("phases"),
        "today": timezone.localdate(),
        "proposals": paginate(request, proposals.order_by("-answered_at", "-created_at"), 30),
        "status": status, "statuses": Proposal.Status.choices, "page_query": query_without_page(request),
        "figures": Proposal.objects.filter(Q(center=center) & public).aggregate(
            total=Count("id"), answered=Count("id", filter=~Q(status__in=["submitted", "under_review"])),
            implemented=Count("id", filter=Q(status="implemented"))),
    })

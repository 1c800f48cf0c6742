"""Pages of personal assistance: cases, their plan and follow-ups, referrals — and the partner's
side of referrals (`partner_*`), which shows only what a referral shares."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.accounts.notify import mark_read
from integrhabitat.audit import services as audit
from integrhabitat.cases import services as case_actions
from integrhabitat.cases.access import (
    access_case,
    access_follow_up,
    access_goal,
    access_partner_referral,
    access_referral,
    visible_cases,
)
from integrhabitat.cases.figures import partner_figures
from integrhabitat.cases.forms import (
    ActionForm,
    AssessmentForm,
    CaseCloseForm,
    CaseEditForm,
    CaseForm,
    FollowUpForm,
    FollowUpRecordForm,
    GoalForm,
    GoalStatusForm,
    NoteForm,
    PartnerSessionForm,
    ReferralAnswerForm,
    ReferralAttendForm,
    ReferralForm,
    delivery_choices,
)
from integrhabitat.cases.models import NEED_FIELDS, Case, FollowUp, Goal, NeedLevel, Referral
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, posted, query_without_page, render_page, uuid_or_none
from integrhabitat.network import exports
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import CASES_MANAGE, CASES_VIEW, REFERRAL_OVERRIDE, REFERRALS_RECEIVE
from integrhabitat.partners.models import Pathway
from integrhabitat.people.access import access_participant
from integrhabitat.services.models import Service


def _case_url(case: Case):
    return redirect("cases:case_detail", center=case.center.slug, case_id=case.uuid)


# --- Cases ------------------------------------------------------------------------------------------------

# The downloads hold what the lists show (and the dates), never the situation, reasons nor notes.
CASE_COLUMNS = [
    exports.Column("reference", gettext_lazy("Case"), exports.attr("reference")),
    exports.Column("participant", gettext_lazy("Person"), exports.attr("participant.full_name")),
    exports.Column("participant_code", gettext_lazy("Person's code"), exports.attr("participant.code")),
    exports.field(Case, "priority"),
    exports.field(Case, "status", hxl="#status"),
    exports.Column("assigned_to", gettext_lazy("Case worker"), exports.attr("assigned_to.display_name")),
    exports.field(Case, "opened_on", hxl="#date +start"),
    exports.field(Case, "closed_on", hxl="#date +end"),
    exports.field(Case, "closure_reason"),
    exports.Column("overdue", gettext_lazy("Overdue follow-ups"), exports.attr("overdue", 0)),
    exports.Column("waiting", gettext_lazy("Referrals waiting"), exports.attr("waiting", 0)),
]

REFERRAL_COLUMNS = [
    exports.Column("case", gettext_lazy("Case"), exports.attr("case.reference")),
    exports.Column("participant", gettext_lazy("Person"), exports.attr("participant.full_name")),
    exports.Column("participant_code", gettext_lazy("Person's code"), exports.attr("participant.code")),
    exports.Column("destination", gettext_lazy("Referred to"), exports.attr("destination"), hxl="#org +name"),
    exports.field(Referral, "status", hxl="#status"),
    exports.field(Referral, "urgency"),
    exports.Column("created_at", gettext_lazy("Created on"), lambda r: timezone.localdate(r.created_at),
                   hxl="#date"),
    exports.Column("sent_at", gettext_lazy("Sent on"),
                   lambda r: timezone.localdate(r.sent_at) if r.sent_at else None, hxl="#date +sent"),
]

NOT_CLOSED = "not_closed"  # the case list's default: open, active and on hold (a status is also "open")


@require_GET
@center_view(CASES_VIEW)
def case_list(request, center):
    """The user's caseload (every case for a coordinator), most urgent first."""
    cases = visible_cases(request).select_related("participant", "assigned_to", "center")
    status = request.GET.get("status", NOT_CLOSED)
    if status == NOT_CLOSED:
        cases = cases.open()
    elif status in Case.Status.values:
        cases = cases.filter(status=status)
    person_id = request.GET.get("person", "")
    if person_id:
        person_uuid = uuid_or_none(person_id)
        cases = cases.filter(participant__uuid=person_uuid) if person_uuid else cases.none()
    today = timezone.localdate()

    def figures(cases):
        return cases.annotate(
            overdue=Count("follow_ups", filter=Q(follow_ups__done_on__isnull=True, follow_ups__due_on__lt=today),
                          distinct=True),
            waiting=Count("referrals", filter=Q(referrals__status=Referral.Status.SENT), distinct=True),
        )

    cases = cases.order_by("-priority", "-opened_on", "pk")
    if exports.wants_download(request):
        return exports.list_download(request, figures(cases), CASE_COLUMNS, filename=f"cases-{center.slug}",
                                     title=_("Cases"), audit_code="cases.case.exported", center=center)
    return render_page(request, "cases/case_list.html", {
        "cases": paginate(request, cases, 30, figures=figures), "status": status, "statuses": Case.Status.choices,
        "page_query": query_without_page(request),
        "due": case_actions.agenda(request.user, center).filter(due_on__lte=today).count(),
        "can_manage": has_perm(request, CASES_MANAGE),
    })


@require_http_methods(["GET", "POST"])
@center_view(CASES_MANAGE)
def case_open(request, center, participant_id):
    person = access_participant(request, participant_id)
    form = CaseForm(posted(request), center=center, initial={"assigned_to": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            case = case_actions.open_case(person, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
            return _case_url(case)
    existing = visible_cases(request).filter(participant=person).open()
    return render_page(request, "cases/case_form.html", {"form": form, "person": person, "existing": existing},
                       status=400 if form.is_bound else 200)


def _detail_context(request, case: Case, **forms) -> dict:
    can_manage = has_perm(request, CASES_MANAGE) and not case.is_closed
    goals = list(case.goals.prefetch_related("actions__delivery__service"))
    context = {
        "case": case, "person": case.participant, "can_manage": can_manage,
        "team": list(case.team.all()),
        "assessments": list(case.assessments.select_related("assessed_by").order_by("assessed_on", "id")),
        "need_fields": list(NEED_FIELDS),
        "goals": goals,
        "follow_ups": list(case.follow_ups.select_related("assigned_to")),
        "referrals": list(case.referrals.select_related("organization", "service")),
        "notes": case_actions.read_notes(case, membership=request.membership),
        "today": timezone.localdate(),
        "goal_statuses": Goal.Status.choices,
    }
    if can_manage:
        context.update({
            "goal_form": forms.get("goal_form") or GoalForm(),
            "action_forms": forms.get("action_forms") or _action_forms(case, goals),
            "follow_up_form": forms.get("follow_up_form") or FollowUpForm(
                center=case.center, initial={"assigned_to": case.assigned_to}),
            "note_form": forms.get("note_form") or NoteForm(),
        })
    return context


def _action_forms(case: Case, goals) -> dict[int, ActionForm]:
    deliveries = delivery_choices(case)
    return {goal.pk: ActionForm(case=case, deliveries=deliveries, prefix=f"g{goal.pk}") for goal in goals}


@require_GET
@center_view(CASES_VIEW)
def case_detail(request, center, case_id):
    case = access_case(request, case_id)
    mark_read(request)
    # A case is protection data: who opened it is on record, like every read of sensitive data.
    audit.record("cases.case.viewed", case, actor=request.user)
    return render_page(request, "cases/case_detail.html", _detail_context(request, case))


def _detail_with_errors(request, case, **forms):
    return render_page(request, "cases/case_detail.html", _detail_context(request, case, **forms), status=400)


@require_http_methods(["GET", "POST"])
@center_view(CASES_MANAGE)
def case_edit(request, center, case_id):
    case = access_case(request, case_id)
    form = CaseEditForm(posted(request), center=center, initial={
        "assigned_to": case.assigned_to, "team": case.team.all(), "status": case.status, "priority": case.priority,
        "summary": case.summary, "version": case.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("team", "version")}
        try:
            case_actions.update_case(case, data, team=form.cleaned_data["team"],
                                     version=form.cleaned_data["version"], actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Case saved."))
            return _case_url(case)
    return render_page(request, "cases/case_form.html", {"form": form, "case": case, "person": case.participant},
                       status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@center_view(CASES_MANAGE)
def case_close(request, center, case_id):
    case = access_case(request, case_id)
    form = CaseCloseForm(posted(request), initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            case_actions.close_case(case, reason=form.cleaned_data["closure_reason"],
                                    note=form.cleaned_data["closure_note"], version=form.cleaned_data["version"],
                                    actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Case %(reference)s closed.") % {"reference": case.reference})
            return _case_url(case)
    return render_page(request, "cases/case_close.html", {"form": form, "case": case},
                       status=400 if form.is_bound else 200)


@require_POST
@center_view(CASES_MANAGE)
def case_reopen(request, center, case_id):
    case = access_case(request, case_id)
    if not case.is_closed:
        messages.error(request, _("The case is not closed."))
    else:
        case_actions.reopen_case(case, version=case.version, actor=request.user)
        messages.success(request, _("Case reopened."))
    return _case_url(case)


@require_http_methods(["GET", "POST"])
@center_view(CASES_MANAGE)
def assessment_add(request, center, case_id):
    case = access_case(request, case_id)
    previous = case.assessments.first()
    initial = {name: getattr(previous, name) for name in [*NEED_FIELDS, "integration", "inclusion", "cohesion"]} \
        if previous else {}
    form = AssessmentForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        case_actions.add_assessment(case, form.cleaned_data, actor=request.user)
        messages.success(request, _("Assessment saved."))
        return _case_url(case)
    return render_page(request, "cases/assessment_form.html", {"form": form, "case": case, "previous": previous},
                       status=400 if form.is_bound else 200)


@require_POST
@center_view(CASES_MANAGE)
def goal_add(request, center, case_id):
    case = access_case(request, case_id)
    form = GoalForm(request.POST)
    if not form.is_valid() or case.is_closed:
        return _detail_with_errors(request, case, goal_form=form)
    case_actions.add_goal(case, form.cleaned_data, actor=request.user)
    messages.success(request, _("Goal added."))
    return _case_url(case)


@require_POST
@center_view(CASES_MANAGE)
def goal_status(request, center, case_id, goal_id):
    case = access_case(request, case_id)
    goal = access_goal(request, case, goal_id)
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        case_actions.set_goal_status(goal, form.cleaned_data["status"], actor=request.user)
        messages.success(request, _("Goal updated."))
    else:
        messages.error(request, _("Choose a valid status."))
    return _case_url(case)


@require_POST
@center_view(CASES_MANAGE)
def action_add(request, center, case_id, goal_id):
    case = access_case(request, case_id)
    goal = access_goal(request, case, goal_id)
    form = ActionForm(request.POST, case=case, deliveries=delivery_choices(case), prefix=f"g{goal.pk}")
    if form.is_valid():
        try:
            case_actions.add_action(goal, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Action recorded."))
            return _case_url(case)
    forms = _action_forms(case, case.goals.all())
    forms[goal.pk] = form
    return _detail_with_errors(request, case, action_forms=forms)


@require_POST
@center_view(CASES_MANAGE)
def follow_up_add(request, center, case_id):
    case = access_case(request, case_id)
    form = FollowUpForm(request.POST, center=center)
    if form.is_valid():
        try:
            case_actions.schedule_follow_up(case, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Follow-up scheduled."))
            return _case_url(case)
    return _detail_with_errors(request, case, follow_up_form=form)


@require_http_methods(["GET", "POST"])
@center_view(CASES_MANAGE)
def follow_up_record(request, center, case_id, follow_up_id):
    case = access_case(request, case_id)
    follow_up = access_follow_up(request, case, follow_up_id)
    form = FollowUpRecordForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            case_actions.record_follow_up(follow_up, outcome=form.cleaned_data["outcome"],
                                          note=form.cleaned_data["note"], actor=request.user,
                                          next_due_on=form.cleaned_data["next_due_on"])
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Follow-up recorded."))
            if request.POST.get("next") == "agenda":
                return redirect("cases:agenda", center=center.slug)
            return _case_url(case)
    return render_page(request, "cases/follow_up_form.html", {"form": form, "case": case, "follow_up": follow_up},
                       status=400 if form.is_bound else 200)


@require_POST
@center_view(CASES_MANAGE)
def note_add(request, center, case_id):
    case = access_case(request, case_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            case_actions.add_note(case, form.cleaned_data["body"], membership=request.membership)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Note saved."))
        return _case_url(case)
    return _detail_with_errors(request, case, note_form=form)


AGENDA_COLUMNS = [
    exports.field(FollowUp, "due_on", hxl="#date +due"),
    exports.Column("participant", gettext_lazy("Person"), exports.attr("case.participant.full_name")),
    exports.Column("case", gettext_lazy("Case"), exports.attr("case.reference")),
    exports.field(FollowUp, "channel"),
    exports.field(FollowUp, "purpose"),
]


@require_GET
@center_view(CASES_VIEW)
def agenda(request, center):
    """The user's follow-ups: overdue, today, and the coming days."""
    today = timezone.localdate()
    if exports.wants_download(request):
        return exports.list_download(request, case_actions.agenda(request.user, center, today), AGENDA_COLUMNS,
                                     filename=f"agenda-{center.slug}", title=_("My agenda"),
                                     audit_code="cases.follow_up.exported", center=center)
    items = list(case_actions.agenda(request.user, center, today))
    return render_page(request, "cases/agenda.html", {
        "overdue": [f for f in items if f.due_on < today],
        "due_today": [f for f in items if f.due_on == today],
        "upcoming": [f for f in items if f.due_on > today],
        "today": today,
    })


# --- Referrals --------------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@center_view(CASES_MANAGE)
def referral_create(request, center, case_id):
    """Refer the person of a case: pathways for their need are suggested; consent is checked."""
    case = access_case(request, case_id)
    can_override = has_perm(request, REFERRAL_OVERRIDE)
    # Links from pathways and the actor map preselect by UUID; anything else in the address is ignored.
    initial = {key: str(value) for key in ("organization", "service", "pathway")
               if (value := uuid_or_none(request.GET.get(key)))}
    form = ReferralForm(posted(request), center=center, can_override=can_override, initial=initial)
    action = request.POST.get("action")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = case_actions.create_referral(case, data, membership=request.membership,
                                                    send=action not in ("draft", "draft_consent"))
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            if action == "draft_consent":
                # Nothing typed is lost: the draft waits on its page, where it is sent once consent is recorded.
                back = reverse("cases:referral_detail", kwargs={"center": center.slug, "referral_id": referral.uuid})
                consent = reverse("people:consent_record", kwargs={"center": center.slug,
                                                                   "participant_id": case.participant.uuid})
                query = urlencode({"purpose": "referral", "organization": referral.organization.uuid, "next": back})
                return redirect(f"{consent}?{query}")
            messages.success(request, _("Referral sent to %(destination)s.") % {"destination": referral.destination}
                             if referral.status == Referral.Status.SENT else _("Referral saved as a draft."))
            return _case_url(case)
    organization = form.cleaned_data.get("organization") if form.is_bound and hasattr(form, "cleaned_data") else None
    if organization is None and not form.is_bound and initial.get("organization"):
        organization = form.fields["organization"].queryset.filter(uuid=initial["organization"]).first()
    consent = case_actions.active_referral_consent(case.participant, organization) if organization else None
    pathways = _suggested_pathways(case)
    return render_page(request, "cases/referral_form.html", {
        "form": form, "case": case, "person": case.participant, "pathways": pathways,
        "organization": organization, "consent": consent, "can_override": can_override,
    }, status=400 if form.is_bound else 200)


def _suggested_pathways(case: Case) -> list[Pathway]:
    """The center's pathways, those for the person's greatest needs (latest assessment) first."""
    pathways = list(Pathway.objects.filter(center=case.center, is_active=True)
                    .prefetch_related("steps__organization", "steps__service"))
    latest = case.assessments.order_by("-assessed_on", "-id").first()
    need = {category: getattr(latest, name) or 0 for name, category in NEED_FIELDS.items()} if latest else {}
    for pathway in pathways:
        pathway.suggested = need.get(pathway.category, 0) >= NeedLevel.MODERATE
    return sorted(pathways, key=lambda p: (not p.suggested, -need.get(p.category, 0)))


@require_GET
@center_view(CASES_VIEW)
def referral_detail(request, center, referral_id):
    referral = access_referral(request, referral_id)
    can_manage = has_perm(request, CASES_MANAGE)
    internal = not referral.is_external
    context = {
        "referral": referral, "case": referral.case, "can_manage": can_manage,
        "sharing_allowed": case_actions.sharing_allowed(referral),
        "trail": audit.trail_for(referral)[:50],
    }
    if can_manage and internal:
        context["answer_form"] = ReferralAnswerForm(initial={"version": referral.version})
        context["attend_form"] = ReferralAttendForm(
            initial={"version": referral.version, "service": referral.service}, auto_id="attend_%s",
            services=Service.objects.filter(center=center, provider__isnull=True).exclude(
                status=Service.Status.RETIRED))
    return render_page(request, "cases/referral_detail.html", context)


def _referral_change(request, referral, change, success):
    try:
        change()
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, success)
    return redirect("cases:referral_detail", center=request.center.slug, referral_id=referral.uuid)


@require_POST
@center_view(CASES_MANAGE)
def referral_send(request, center, referral_id):
    referral = access_referral(request, referral_id)
    return _referral_change(request, referral, lambda: case_actions.send_referral(
        referral, membership=request.membership, override_reason=request.POST.get("override_reason", "")),
        _("Referral sent."))


@require_POST
@center_view(CASES_MANAGE)
def referral_close(request, center, referral_id):
    referral = access_referral(request, referral_id)
    cancel = request.POST.get("action") == "cancel"
    return _referral_change(request, referral, lambda: case_actions.close_referral(
        referral, version=_version(request), actor=request.user, cancel=cancel),
        _("Referral cancelled.") if cancel else _("Referral closed."))


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1  # no version: treated as stale, nothing is changed


def _answer(request, referral, *, services):
    """Accept/reject (`decision`) or mark attended, for the partner or for the center's own service."""
    if "decision" in request.POST:
        form = ReferralAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether you accept or reject the referral."))
            return False
        data = form.cleaned_data
        change = lambda: case_actions.answer_referral(  # noqa: E731
            referral, accept=data["decision"] == "accept", note=data["note"], version=data["version"],
            actor=request.user)
        success = _("Answer sent.")
    else:
        form = ReferralAttendForm(request.POST, services=services)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return False
        data = form.cleaned_data
        change = lambda: case_actions.mark_attended(  # noqa: E731
            referral, feedback=data["feedback"], version=data["version"], actor=request.user,
            service=data["service"], delivered_on=data["delivered_on"])
        success = _("Marked as attended.")
    try:
        change()
    except Refused as refusal:
        messages.error(request, refusal.message)
        return False
    messages.success(request, success)
    return True


@require_POST
@center_view(CASES_MANAGE)
def referral_answer(request, center, referral_id):
    """The center answers a referral to one of its own services."""
    referral = access_referral(request, referral_id)
    if referral.is_external:
        messages.error(request, _("Only the receiving organization answers this referral."))
    else:
        _answer(request, referral, services=Service.objects.filter(center=center, provider__isnull=True))
    return redirect("cases:referral_detail", center=center.slug, referral_id=referral.uuid)


@require_GET
@center_view(CASES_VIEW)
def referral_list(request, center):
    """Referrals of the user's cases, and how each partner answers (aggregates, no names)."""
    referrals = (Referral.objects.filter(center=center, case__in=visible_cases(request))
                 .select_related("participant", "organization", "service", "case__center"))
    status = request.GET.get("status", "")
    if status in Referral.Status.values:
        referrals = referrals.filter(status=status)
    if exports.wants_download(request):
        return exports.list_download(request, referrals, REFERRAL_COLUMNS, filename=f"referrals-{center.slug}",
                                     title=_("Referrals"), audit_code="cases.referral.exported", center=center)
    return render_page(request, "cases/referral_list.html", {
        "referrals": paginate(request, referrals, 30), "status": status, "statuses": Referral.Status.choices,
        "page_query": query_without_page(request),
        "partners": partner_figures(center, now=timezone.now()),
    })


# --- The partner's side -----------------------------------------------------------------------------------

def _partner_services(request):
    return Service.objects.filter(center=request.center, provider=request.membership.organization_id).exclude(
        status=Service.Status.RETIRED)


# The partner's download names a person only while the consent to share with the organization holds.
PARTNER_COLUMNS = [
    exports.Column("participant", gettext_lazy("Person"),
                   lambda r: r.participant.full_name if r.shared else _("Data withheld: consent withdrawn")),
    exports.field(Referral, "urgency"),
    exports.Column("sent_at", gettext_lazy("Sent on"), lambda r: timezone.localdate(r.sent_at), hxl="#date +sent"),
    exports.Column("service", gettext_lazy("Service"), exports.attr("service.name"), hxl="#service +name"),
    exports.field(Referral, "status", hxl="#status"),
]


@require_GET
@center_view(REFERRALS_RECEIVE)
def partner_inbox(request, center):
    """Referrals sent to the partner's organization: waiting first, then in progress, then those it
    attended (its recorded outcome, even once the center closes them), then the rest."""
    organization = request.membership.organization
    sent = (Referral.objects.filter(center=center, organization=organization, sent_at__isnull=False)
            .select_related("participant", "service").order_by("-sent_at"))
    download = exports.wants_download(request)
    referrals = list(sent[:exports.EXPORT_LIMIT + 1] if download else sent[:200])
    shared = case_actions.sharing_map(referrals)
    for referral in referrals:
        referral.shared = shared[referral.pk]
    if download:
        return exports.list_download(request, referrals, PARTNER_COLUMNS, filename=f"referrals-{organization.name}",
                                     title=_("Referrals received"), audit_code="cases.referral.partner_exported",
                                     audit_object=organization, center=center)
    S = Referral.Status
    figures = next((f for f in partner_figures(center, now=timezone.now()) if f.organization_id == organization.pk),
                   None)
    return render_page(request, "cases/partner_inbox.html", {
        "organization": organization, "figures": figures,
        "waiting": [r for r in referrals if r.status == S.SENT],
        "accepted": [r for r in referrals if r.status == S.ACCEPTED],
        "served": [r for r in referrals if r.attended_at is not None],
        "done": [r for r in referrals if r.status not in (S.SENT, S.ACCEPTED) and r.attended_at is None],
    })


@require_GET
@center_view(REFERRALS_RECEIVE)
def partner_referral(request, center, referral_id):
    referral = access_partner_referral(request, referral_id)
    mark_read(request)
    shared = case_actions.sharing_allowed(referral)
    if shared:
        audit.record("cases.referral.viewed_by_partner", referral, actor=request.user)
    person = referral.participant
    fields = [(Referral.Shared(name).label, _shared_value(person, name)) for name in referral.shared_fields
              if name in Referral.Shared.values] if shared else []
    services = _partner_services(request)
    offers_services = services.exists()
    attend_form = ReferralAttendForm(initial={"version": referral.version, "service": referral.service},
                                     services=services, auto_id="attend_%s")
    if not offers_services:
        # Only the center registers an organization's services; until it does, the empty list must not
        # look like the outcome cannot be recorded.
        attend_form.fields["service"].help_text = _(
            "Your organization has no services registered with the center yet, so there is none to choose: "
            "write in the feedback what was done.")
    return render_page(request, "cases/partner_referral.html", {
        "referral": referral, "shared": shared, "person": person if shared else None, "shared_data": fields,
        "answer_form": ReferralAnswerForm(initial={"version": referral.version}),
        "attend_form": attend_form, "offers_services": offers_services,
        "session_form": PartnerSessionForm(services=services, auto_id="session_%s",
                                           initial={"service": referral.service}),
        "sessions": referral.participant.deliveries.filter(service__provider=referral.organization_id)
        .select_related("service") if shared else [],
    })


def _shared_value(person, name: str) -> str:
    if name == "birth_date":
        return person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
    if name == "document":
        return " ".join(filter(None, [person.get_document_type_display(), person.document_number]))
    if name == "nationality":
        return str(person.nationality.name) if person.nationality else ""
    if name == "language":
        return person.get_preferred_language_display()
    return getattr(person, name, "") or ""


@require_POST
@center_view(REFERRALS_RECEIVE)
def partner_answer(request, center, referral_id):
    referral = access_partner_referral(request, referral_id)
    if not case_actions.sharing_allowed(referral):
        messages.error(request, _("The person withdrew their consent: this referral can no longer be answered."))
    else:
        _answer(request, referral, services=_partner_services(request))
    return redirect("cases:partner_referral", center=center.slug, referral_id=referral.uuid)


@require_POST
@center_view(REFERRALS_RECEIVE)
def partner_session(request, center, referral_id):
    """Record a further session of the partner's service for a person it attended."""
    referral = access_partner_referral(request, referral_id)
    form = PartnerSessionForm(request.POST, services=_partner_services(request))
    if form.is_valid():
        try:
            case_actions.record_partner_session(referral, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Session recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("cases:partner_referral", center=center.slug, referral_id=referral.uuid)

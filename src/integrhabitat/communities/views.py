"""Pages of communities: groups, their members and waiting list, sessions and attendance."""

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.communities import certificates
from integrhabitat.communities import services as community_actions
from integrhabitat.communities.forms import CheckInForm, GroupForm, MemberAddForm, SessionForm
from integrhabitat.communities.models import Group, Member, Session
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, pdf_response, posted, query_without_page, render_page
from integrhabitat.lib.text import fold
from integrhabitat.network import exports
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import COMMUNITIES_MANAGE, COMMUNITIES_VIEW, DELIVERY_RECORD, SENSITIVE_VIEW
from integrhabitat.people import search
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import Participant

# Who counts on each side of the cohesion signal: the host community, and people in human mobility.
HOST = ("host_community",)
MOBILITY = ("refugees_migrants", "returned", "displaced")


def access_group(request, group_id) -> Group:
    return get_object_or_404(Group, center=request.center, uuid=group_id)


def access_session(request, session_id) -> Session:
    return get_object_or_404(Session.objects.select_related("group__service"), group__center=request.center,
                             uuid=session_id)


def _side(codes, today):
    q = Q()
    for code in codes:
        q |= GROUPS[code].q(today, prefix="members__participant__")
    return Count("members", filter=q & Q(members__status=Member.Status.ACTIVE), distinct=True)


def with_figures(groups, today):
    """Members, waiting list, last session and the two sides of the cohesion signal, in one query."""
    return groups.annotate(
        active=Count("members", filter=Q(members__status=Member.Status.ACTIVE), distinct=True),
        waiting=Count("members", filter=Q(members__status=Member.Status.WAITING), distinct=True),
        last_session=Max("sessions__date", filter=Q(sessions__date__lte=today)),
        hosts=_side(HOST, today), mobile=_side(MOBILITY, today),
    )


# Counts of members by mobility status (how many of the host community, how many in human mobility) are
# figures about sensitive answers: only for roles that read them.
GROUP_COLUMNS = [
    exports.field(Group, "name", hxl="#group +name"),
    exports.field(Group, "kind", hxl="#group +type"),
    exports.field(Group, "status", hxl="#status"),
    exports.field(Group, "service", hxl="#service +name"),
    exports.field(Group, "schedule"),
    exports.field(Group, "place", hxl="#loc +name"),
    exports.field(Group, "capacity", hxl="#capacity +num"),
    exports.Column("active", gettext_lazy("Members"), exports.attr("active", 0), hxl="#reached +num"),
    exports.Column("waiting", gettext_lazy("Waiting list"), exports.attr("waiting", 0), hxl="#inneed +waiting +num"),
    exports.Column("hosts", gettext_lazy("Members of the host community"), exports.attr("hosts", 0),
                   perm=SENSITIVE_VIEW, hxl="#reached +hosts +num"),
    exports.Column("mobile", gettext_lazy("Members in human mobility"), exports.attr("mobile", 0),
                   perm=SENSITIVE_VIEW, hxl="#reached +migrants +num"),
    exports.field(Group, "starts_on", hxl="#date +start"),
    exports.field(Group, "ends_on", hxl="#date +end"),
    exports.Column("last_session", gettext_lazy("Last session"), exports.attr("last_session", None),
                   hxl="#date +reported"),
]


@require_GET
@center_view(COMMUNITIES_VIEW)
def group_list(request, center):
    today = timezone.localdate()
    groups = Group.objects.filter(center=center).select_related("service").order_by("status", "name", "pk")
    status = request.GET.get("status", "")
    if status in Group.Status.values:
        groups = groups.filter(status=status)
    if exports.wants_download(request):
        return exports.list_download(request, with_figures(groups, today), GROUP_COLUMNS,
                                     filename=f"groups-{center.slug}", title=_("Groups"))
    return render_page(request, "communities/group_list.html", {
        "groups": paginate(request, groups, 30, figures=lambda rows: with_figures(rows, today)), "status": status,
        "statuses": Group.Status.choices, "page_query": query_without_page(request),
        "can_manage": has_perm(request, COMMUNITIES_MANAGE),
    })


@require_http_methods(["GET", "POST"])
@center_view(COMMUNITIES_MANAGE)
def group_edit(request, center, group_id=None):
    group = access_group(request, group_id) if group_id else None
    form = GroupForm(posted(request), instance=group, center=center)
    if request.method == "POST" and form.is_valid():
        try:
            group = community_actions.save_group(
                center, form.group_data(), actor=request.user, group=group,
                facilitators=form.cleaned_data["facilitators"],
                participant_facilitators=form.cleaned_data["participant_codes"])
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Group “%(name)s” saved.") % {"name": group.name})
            return redirect("communities:group_detail", center=center.slug, group_id=group.uuid)
    return render_page(request, "communities/group_form.html", {"form": form, "group": group},
                       status=400 if form.is_bound else 200)


MEMBER_CANDIDATES = 8  # people listed for a name typed to add a member


def _candidates(center, group, typed: str) -> list[Participant]:
    """The center's people a name may stand for, best first, without those already in the group."""
    people = Participant.objects.active().in_center(center).exclude(
        pk__in=group.members.exclude(status=Member.Status.LEFT).values("participant_id"))
    ranked = search.search(people, typed, limit=MEMBER_CANDIDATES, country=center.country.code)
    found = Participant.objects.in_bulk(ranked)
    return [found[pk] for pk in ranked if pk in found]


def _detail(request, group, *, member_form=None, session_form=None, candidates=(), status=200):
    today = timezone.localdate()
    figures = with_figures(Group.objects.filter(pk=group.pk), today).get()
    members = group.members.select_related("participant").exclude(status=Member.Status.LEFT)
    return render_page(request, "communities/group_detail.html", {
        "group": group, "figures": figures,
        "members": [m for m in members if m.status == Member.Status.ACTIVE],
        "certified": certificates.certified_members(group),
        "waiting": [m for m in members if m.status == Member.Status.WAITING],
        "sessions": group.sessions.annotate(present=Count("attendances")).order_by("-date", "-id")[:30],
        "facilitators": [*(u.display_name() for u in group.facilitators.all()),
                         *(p.full_name for p in group.participant_facilitators.all())],
        "can_manage": has_perm(request, COMMUNITIES_MANAGE),
        "can_take_attendance": has_perm(request, DELIVERY_RECORD),
        "member_form": member_form or MemberAddForm(), "session_form": session_form or SessionForm(),
        "candidates": candidates,
    }, status=status)


@require_GET
@center_view(COMMUNITIES_VIEW)
def group_detail(request, center, group_id):
    return _detail(request, access_group(request, group_id))


@require_POST
@center_view(COMMUNITIES_MANAGE)
def member_add(request, center, group_id):
    group = access_group(request, group_id)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        typed = form.cleaned_data["code"]
        person = Participant.objects.by_code(center, typed)
        if person is None:
            candidates = _candidates(center, group, typed)
            if candidates:  # a name: the person is chosen from the look-alikes, never guessed
                return _detail(request, group, member_form=form, candidates=candidates)
            form.add_error("code", _("Nobody of this center has this code or a name like it: %(typed)s.")
                           % {"typed": typed})
        else:
            try:
                member = community_actions.join_group(group, person, actor=request.user,
                                                      role=form.cleaned_data["role"])
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                if member.status == Member.Status.WAITING:
                    messages.warning(request, _("The group is full: %(name)s is on the waiting list.")
                                     % {"name": person.full_name})
                else:
                    messages.success(request, _("%(name)s joined the group.") % {"name": person.full_name})
                return redirect("communities:group_detail", center=center.slug, group_id=group.uuid)
    return _detail(request, group, member_form=form, status=400)


@require_POST
@center_view(COMMUNITIES_MANAGE)
def member_leave(request, center, group_id, member_id):
    group = access_group(request, group_id)
    member = get_object_or_404(Member.objects.select_related("participant", "group"), group=group, pk=member_id)
    community_actions.leave_group(member, actor=request.user)
    messages.success(request, _("%(name)s left the group.") % {"name": member.participant.full_name})
    return redirect("communities:group_detail", center=center.slug, group_id=group.uuid)


@require_POST
@center_view(COMMUNITIES_MANAGE)
def session_add(request, center, group_id):
    group = access_group(request, group_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        session = community_actions.schedule_session(group, actor=request.user, facilitator=request.user,
                                                     **form.cleaned_data)
        messages.success(request, _("Session scheduled."))
        return redirect("communities:session_attendance", center=center.slug, session_id=session.uuid)
    return _detail(request, group, session_form=form, status=400)


@require_http_methods(["GET", "POST"])
@center_view(DELIVERY_RECORD)
def session_attendance(request, center, session_id):
    """Take attendance on a phone: tick who is there (or all at once), or type the code on a card.

    Works without JavaScript; saving the same list twice changes nothing.
    """
    session = access_session(request, session_id)
    group = session.group
    action = request.POST.get("action")
    checkin_form = CheckInForm(request.POST if action == "checkin" else None)
    status = 200
    present_ids = set(session.attendances.values_list("participant_id", flat=True))
    if request.method == "POST":
        roster = _roster(session)
        ticked = set(request.POST.getlist("present"))
        present = roster if action == "all" else [p for p in roster if str(p.uuid) in ticked]
        try:
            if action == "checkin":
                # One form: the people ticked so far are kept, and the person of the card is added.
                if checkin_form.is_valid():
                    person = community_actions.check_in(session, checkin_form.cleaned_data["code"],
                                                        actor=request.user, also_present=present)
                    messages.success(request, _("%(name)s is present.") % {"name": person.full_name})
                    return redirect("communities:session_attendance", center=center.slug, session_id=session.uuid)
            else:
                community_actions.take_attendance(session, present, actor=request.user)
                messages.success(request, _("Attendance saved: %(count)d present.") % {"count": len(present)})
                return redirect("communities:group_detail", center=center.slug, group_id=group.uuid)
        except Refused as refusal:
            if action == "checkin":
                checkin_form.add_error("code", refusal.message)
            else:
                messages.error(request, refusal.message)
        status = 400
        present_ids = {p.pk for p in present}  # what was ticked stays ticked
    return render_page(request, "communities/session_attendance.html", {
        "session": session, "group": group, "roster": _roster(session), "present_ids": present_ids,
        "checkin_form": checkin_form, "future": session.date > timezone.localdate(),
    }, status=status)


def _roster(session: Session) -> list[Participant]:
    """The group's members, plus anyone already marked present (a visitor checked in by code)."""
    people = Participant.objects.filter(
        Q(group_memberships__group=session.group, group_memberships__status=Member.Status.ACTIVE, is_active=True)
        | Q(attendances__session=session)
    ).distinct()
    return sorted(people, key=lambda p: (fold(p.given_names), fold(p.family_names)))


@require_GET
@center_view(COMMUNITIES_VIEW)
def certificate(request, center, group_id, member_id):
    """A member's certificate of participation, if their attendance earns it (else 404)."""
    group = access_group(request, group_id)
    member = get_object_or_404(Member.objects.select_related("participant", "group__center"), group=group,
                               pk=member_id)
    if not certificates.eligible(member):
        raise Http404
    return pdf_response(certificates.certificate(member), f"{member.participant.code}-{group.pk}.pdf")

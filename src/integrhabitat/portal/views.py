"""The participant portal: sign in with a one-time code, then one's own groups, activities,
proposals and contact data. Pages are light and work without JavaScript."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.cocreation import services as cocreation_actions
from integrhabitat.cocreation.models import Comment, Process, Proposal
from integrhabitat.communities import certificates
from integrhabitat.communities import services as community_actions
from integrhabitat.communities.models import Attendance, Group, Member
from integrhabitat.improvement.feedback.services import rate_service
from integrhabitat.improvement.models import Satisfaction
from integrhabitat.lib.crypto import decrypt, encrypt
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.lib.http import pdf_response, posted, remember_language, render_page
from integrhabitat.lib.ratelimit import fixed, over_limit
from integrhabitat.network import tenancy
from integrhabitat.people import services as people_services
from integrhabitat.people.cards import participant_card
from integrhabitat.portal import services as portal_services
from integrhabitat.portal.access import portal_view, sign_in, sign_out
from integrhabitat.portal.forms import CodeForm, IdentifierForm, ProfileForm, ProposalForm
from integrhabitat.services.models import ServiceDelivery

PENDING = "portal_pending"
FROM_HERE = gettext_lazy("Too many tries from this connection. Wait a while and try again.")


def _limit_codes(request, center, destination) -> None:
    """Codes asked from one client address, and for one destination, in the cache (lib/ratelimit.py);
    the service also counts them in the database. Registered or not, the answer is the same."""
    if over_limit(request, "portal.code", rate=settings.PORTAL_CODES_PER_ADDRESS):
        raise portal_services.TooManyTries(FROM_HERE)
    if over_limit(request, "portal.code.destination", rate=f"{settings.PORTAL_CODES_PER_HOUR}/h",
                  key=fixed(f"{center.pk}:{destination}")):
        raise portal_services.TooManyTries(portal_services.TOO_MANY_CODES)


@require_http_methods(["GET", "POST"])
def login(request, center_slug):
    center = tenancy.public_center(center_slug)
    form = IdentifierForm(posted(request), center=center)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        destination = form.cleaned_data["identifier"]
        try:
            _limit_codes(request, center, destination)
            portal_services.request_code(center, destination)
        except portal_services.TooManyTries as refusal:
            form.add_error(None, refusal.message)
            status = 429
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            # Sessions are stored in the database: the number or email waits there encrypted (`lib.crypto`).
            request.session[PENDING] = {"center": center.pk, "destination": encrypt(destination)}
            return redirect("portal:verify", center_slug=center.slug)
    return render_page(request, "portal/login.html", {"portal_center": center, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def verify(request, center_slug):
    center = tenancy.public_center(center_slug)
    pending = request.session.get(PENDING) or {}
    if pending.get("center") != center.pk:
        return redirect("portal:login", center_slug=center.slug)
    form = CodeForm(posted(request))
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            if over_limit(request, "portal.guess", rate=settings.PORTAL_GUESSES_PER_ADDRESS):
                raise portal_services.TooManyTries(FROM_HERE)
            people = portal_services.verify_code(center, decrypt(pending["destination"]), form.cleaned_data["code"])
        except portal_services.TooManyTries as refusal:
            form.add_error("code", refusal.message)
            status = 429
        except Refused as refusal:
            form.add_error("code", refusal.message)
        else:
            del request.session[PENDING]
            if len(people) == 1:
                return _enter(request, people[0])
            request.session["portal_choices"] = {"center": center.pk, "people": [p.pk for p in people]}
            return redirect("portal:choose", center_slug=center.slug)
    return render_page(request, "portal/verify.html", {"portal_center": center, "form": form}, status=status)


def _enter(request, person):
    sign_in(request, person)
    return remember_language(redirect("portal:home", center_slug=person.center.slug), person.preferred_language)


@require_http_methods(["GET", "POST"])
def choose(request, center_slug):
    """Several people share the phone (a family): who is entering?"""
    center = tenancy.public_center(center_slug)
    choices = request.session.get("portal_choices") or {}
    if choices.get("center") != center.pk:
        return redirect("portal:login", center_slug=center.slug)
    people = list(center.participants.filter(pk__in=choices["people"]))
    if request.method == "POST":
        person = next((p for p in people if str(p.uuid) == request.POST.get("person")), None)
        if person is not None:
            del request.session["portal_choices"]
            return _enter(request, person)
    return render_page(request, "portal/choose.html", {"portal_center": center, "people": people})


@require_POST
def logout(request, center_slug):
    sign_out(request)
    return redirect("portal:login", center_slug=center_slug)


@require_GET
@portal_view
def home(request, center, person):
    memberships = list(person.group_memberships.exclude(status=Member.Status.LEFT).select_related("group"))
    for member in memberships:
        member.certified = certificates.eligible(member)
    attendance = (Attendance.objects.filter(participant=person).select_related("session__group")
                  .order_by("-session__date")[:10])
    return render_page(request, "portal/home.html", {
        "portal_center": center, "person": person, "memberships": memberships, "attendance": attendance,
        "proposals": person.proposals.all()[:10],
        "to_rate": person.deliveries.select_related("service", "rating").order_by("-delivered_on")[:5],
    })


@require_http_methods(["GET", "POST"])
@portal_view
def activities(request, center, person):
    """The center's groups open to sign up, with their places; a sign-up respects capacity."""
    if request.method == "POST":
        group = get_object_or_404(Group, center=center, uuid=request.POST.get("group"),
                                  status__in=[Group.Status.PLANNED, Group.Status.RUNNING])
        try:
            member = community_actions.join_group(group, person, actor=None)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            if member.status == Member.Status.WAITING:
                messages.warning(request, _("The group is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are in “%(name)s”.") % {"name": group.name})
        return redirect("portal:activities", center_slug=center.slug)
    groups = list(Group.objects.filter(center=center, status__in=[Group.Status.PLANNED, Group.Status.RUNNING])
                  .annotate(active=Count("members", filter=Q(members__status=Member.Status.ACTIVE)))
                  .order_by("name"))
    mine = dict(person.group_memberships.values_list("group_id", "status"))
    for group in groups:
        group.my_status = mine.get(group.pk)
        group.free = None if group.capacity is None else max(group.capacity - group.active, 0)
    return render_page(request, "portal/activities.html", {
        "portal_center": center, "person": person, "groups": groups})


@require_http_methods(["GET", "POST"])
@portal_view
def proposals(request, center, person):
    """Propose an idea, support others' — once each — and follow the center's answers."""
    form = ProposalForm(request.POST if request.POST.get("action") == "propose" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "propose":
                if form.is_valid():
                    process = Process.objects.filter(center=center, status=Process.Status.OPEN).first()
                    cocreation_actions.submit_proposal(center, {**form.cleaned_data, "process": process},
                                                       author=person, actor=None)
                    messages.success(request, _("Thank you: your proposal was sent to the center."))
                    return redirect("portal:proposals", center_slug=center.slug)
            else:
                proposal = get_object_or_404(Proposal, center=center, uuid=request.POST.get("proposal"))
                if request.POST.get("action") == "comment":
                    cocreation_actions.add_comment(proposal, request.POST.get("body", "")[:2000], participant=person)
                    messages.success(request, _("Your comment was published."))
                else:
                    cocreation_actions.support_proposal(proposal, person, actor=None)
                    messages.success(request, _("Your support was counted."))
                return redirect("portal:proposals", center_slug=center.slug)
        except Refused as refusal:
            messages.error(request, refusal.message)
    items = (Proposal.objects.filter(center=center).filter(Q(process__isnull=True) | Q(process__is_public=True))
             .annotate(support_count=Count("supports")).order_by("-created_at")
             .prefetch_related(Prefetch("comments", queryset=Comment.objects.filter(is_hidden=False)))[:50])
    supported = set(person.supports.values_list("proposal_id", flat=True))
    return render_page(request, "portal/proposals.html", {
        "portal_center": center, "person": person, "form": form, "proposals": items, "supported": supported},
        status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@portal_view
def profile(request, center, person):
    """The participant sees and corrects their contact data and language."""
    form = ProfileForm(posted(request), center=center, initial={
        "phone": person.phone, "email": person.email, "preferred_language": person.preferred_language,
        "version": person.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            people_services.update_participant(person, data, version=form.cleaned_data["version"], actor=None)
        except StaleEdit as refusal:
            form.add_error(None, refusal.message)
        else:
            translation.activate(data["preferred_language"])
            messages.success(request, _("Your data was saved."))
            return remember_language(redirect("portal:profile", center_slug=center.slug), data["preferred_language"])
    return render_page(request, "portal/profile.html", {"portal_center": center, "person": person, "form": form},
                       status=400 if form.is_bound else 200)




@require_GET
@portal_view
def card(request, center, person):
    return pdf_response(participant_card(person), f"{person.code}.pdf")


@require_GET
@portal_view
def certificate(request, center, person, group_id):
    """The participant's own certificate of a group, if their attendance earns it (else 404)."""
    member = get_object_or_404(Member.objects.select_related("group__center", "participant"),
                               group__center=center, group__uuid=group_id, participant=person)
    if not certificates.eligible(member):
        raise Http404
    return pdf_response(certificates.certificate(member), f"{person.code}-{member.group.pk}.pdf")


@require_POST
@portal_view
def rate(request, center, person):
    """Rate a service the participant received (their own deliveries only)."""
    delivery = get_object_or_404(ServiceDelivery, center=center, participant=person, uuid=request.POST.get("delivery"))
    try:
        score = int(request.POST.get("score", ""))
    except ValueError:
        score = 0
    if not 1 <= score <= 5:
        messages.error(request, _("Choose from 1 to 5."))
    else:
        rate_service(center, score=score, channel=Satisfaction.Channel.PORTAL, delivery=delivery,
                     comment=request.POST.get("comment", "")[:1000])
        messages.success(request, _("Thank you for your opinion."))
    return redirect("portal:home", center_slug=center.slug)

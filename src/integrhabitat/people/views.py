import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.audit import services as audit
from integrhabitat.lib.errors import StaleEdit
from integrhabitat.lib.http import paginate, pdf_response, posted, query_without_page, render_page
from integrhabitat.lib.keyset import keyset_page
from integrhabitat.network import exports
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import (
    AUDIT_VIEW,
    PEOPLE_EDIT,
    PEOPLE_EXPORT,
    PEOPLE_REGISTER,
    PEOPLE_VIEW,
    SENSITIVE_EDIT,
    SENSITIVE_VIEW,
)
from integrhabitat.people import cards, search
from integrhabitat.people import services as people_services
from integrhabitat.people.access import access_household, access_participant, merged_target
from integrhabitat.people.activity import activity
from integrhabitat.people.exports import PARTICIPANT_COLUMNS
from integrhabitat.people.forms import (
    ConsentForm,
    HouseholdMemberForm,
    HouseholdRegistrationForm,
    ParticipantEditForm,
    ParticipantFilterForm,
    RegistrationForm,
)
from integrhabitat.people.groups import GROUPS, age_group_q, groups_of
from integrhabitat.people.merge import trail_with_merged
from integrhabitat.people.models import Consent, Participant, Relationship


def found_people(request, center):
    """The filter form, the people it selects (search aside) and the search words: the list and its
    download select the same people. Filtering by sensitive data is recorded as a read of it."""
    with_sensitive = has_perm(request, SENSITIVE_VIEW)
    services = activity().services(center)
    form = ParticipantFilterForm(request.GET or None, with_sensitive=with_sensitive, services=services)
    people = Participant.objects.active().in_center(center)
    query = ""
    if form.is_valid():
        today = timezone.localdate()
        data = form.cleaned_data
        query = data["q"].strip()
        if data["group"]:
            people = people.filter(GROUPS[data["group"]].q(today))
        if data.get("mobility"):
            people = people.filter(mobility_status=data["mobility"])
        if data["age"]:
            people = people.filter(age_group_q(data["age"], today))
        if data["service"]:
            people = activity().served(people, data["service"])
        sensitive_filters = [name for name in ("group", "mobility") if data.get(name)
                             and (name == "mobility" or GROUPS[data[name]].sensitive)]
        if sensitive_filters:
            audit.record("people.participant.sensitive_filtered", center, actor=request.user, center=center,
                         fields=sensitive_filters)
    return form, people, query


@require_GET
@center_view(PEOPLE_VIEW)
def participant_list(request, center):
    """Find people: one search box (typo-tolerant) and filters by derived group, mobility, age, service."""
    form, people, query = found_people(request, center)
    columns = ("uuid", "code", "given_names", "family_names", "preferred_name", "birth_date", "birth_date_estimated",
               "age_band", "center_id", "created_at")
    if query:
        ranked = search.search(people, query, country=center.country.code)
        page = paginate(request, ranked)
        found = (Participant.objects.filter(pk__in=list(page.object_list)).only(*columns)
                 .annotate(last_seen=activity().last_seen))
        by_pk = {p.pk: p for p in found}
        rows = [by_pk[pk] for pk in page.object_list if pk in by_pk]
        total = page.paginator.count
    else:  # newest first, a page after the last row shown (keyset): page 400 costs what page 1 costs
        total = people.count()
        page = keyset_page(request, people.only(*columns).annotate(last_seen=activity().last_seen),
                           ["-created_at", "-id"])
        rows = page.object_list
    context = {
        "form": form, "page": page, "rows": rows, "total": total, "query": query, "today": timezone.localdate(),
        "page_query": query_without_page(request),
    }
    return render_page(request, "people/participant_list.html", context, fragment="results")


@require_GET
@center_view(PEOPLE_EXPORT)
def participant_export(request, center):
    """The people of the list as it is filtered (and searched), `?as=xlsx` or `?as=csv`, by the one export path:
    only the columns the user's role may read, audited; with sensitive columns, as a read of them."""
    exports.download_format(request)  # an unknown format is refused before the filters are read (and audited)
    _form, people, query = found_people(request, center)
    list_path = reverse("people:participant_list", kwargs={"center": center.slug})
    if query:  # best match first, as the list shows them
        ranked = search.search(people, query, limit=exports.EXPORT_LIMIT + 1, country=center.country.code)
        if len(ranked) > exports.EXPORT_LIMIT:  # refused before anyone is loaded
            return exports.too_many(request, exports.EXPORT_LIMIT, list_path)
        found = Participant.objects.annotate(last_seen=activity().last_seen).in_bulk(ranked)
        people = [found[pk] for pk in ranked if pk in found]
    else:
        people = people.annotate(last_seen=activity().last_seen).order_by("-created_at", "-pk")
    sensitive = has_perm(request, SENSITIVE_VIEW)  # the sensitive columns' permission: they are in the file
    return exports.list_download(
        request, people, PARTICIPANT_COLUMNS, filename=f"personas-{center.slug}", title=_("People"),
        audit_code="people.participant.sensitive_exported" if sensitive else "people.participant.exported",
        center=center, list_path=list_path)


@require_http_methods(["GET", "POST"])
@center_view(PEOPLE_REGISTER)
def participant_register(request, center):
    """Register a person. Before creating someone who looks like a person already registered
    (same name, phone or document), show the look-alikes and ask to confirm."""
    household = _household_from_query(request)
    if household is None:
        form = RegistrationForm(posted(request), with_sensitive=True)
    else:
        form = HouseholdRegistrationForm(posted(request), with_sensitive=True,
                                         initial={"family_names": household.name})
    duplicates = []
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["submission"]
        # Without a token (a form posted without its hidden field) nothing was registered before.
        already = Participant.objects.filter(center=center, registration_token=token).first() if token else None
        if already is None and not form.cleaned_data["confirm_new"]:
            duplicates = search.possible_duplicates(center, form.participant_data())
        if already is None and not duplicates:
            data = form.participant_data()
            if household is not None:
                data["household"] = household
            person, created = people_services.register_participant(
                center, data, consent=form.consent_data(), actor=request.user, token=token,
                also_for=[Consent.Purpose.CONTACT] if form.cleaned_data["consent_contact"] else [],
            )
            messages.success(request, _("%(name)s is registered with the code %(code)s.")
                             % {"name": person.full_name, "code": person.code})
        else:
            person = already
        if person is not None and household is not None:
            return redirect("people:household_detail", center=center.slug, household_id=household.uuid)
        if person is not None:
            return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)
    status = 400 if form.is_bound and not duplicates else 200
    return render_page(request, "people/participant_form.html", {
        "form": form, "registering": True, "duplicates": duplicates, "household": household,
        "today": timezone.localdate(),
    }, status=status)


def _household_from_query(request):
    """The household of `?household=<uuid>` (to register a new member into it), through the center."""
    value = request.GET.get("household")
    if not value:
        return None
    try:
        household_id = uuid.UUID(value)
    except ValueError as error:
        raise Http404 from error
    return access_household(request, household_id)


@require_GET
@center_view(PEOPLE_VIEW)
def participant_detail(request, center, participant_id):
    """Everything the center did with a person. The sensitive part is shown (and the read audited)
    only for roles that need it."""
    kept = merged_target(request, participant_id)
    if kept is not None:  # a record merged into another: the person's record is that one
        return redirect("people:participant_detail", center=center.slug, participant_id=kept.uuid)
    person = access_participant(request, participant_id)
    audit.record_read("people.participant.viewed", person, actor=request.user)
    today = timezone.localdate()
    sensitive = people_services.read_sensitive(person, membership=request.membership)
    members = (
        Participant.objects.active().filter(household=person.household).exclude(pk=person.pk)
        .only("uuid", "code", "given_names", "family_names", "household_relationship", "birth_date",
              "birth_date_estimated", "age_band")
        if person.household_id else []
    )
    context = {
        "person": person,
        "age": person.age(today),
        "groups": groups_of(person, today, include_sensitive=sensitive is not None),
        "sensitive": sensitive,
        "sensitive_rows": _sensitive_rows(person) if sensitive is not None else [],
        "document": people_services.document_label(person, sensitive=sensitive is not None),
        "consents": person.consents.select_related("recorded_by", "organization").all(),
        "members": members,
        "can_edit": has_perm(request, PEOPLE_EDIT),
        "can_audit": has_perm(request, AUDIT_VIEW),
        "can_register": has_perm(request, PEOPLE_REGISTER),
        **activity().profile(request, center, person),  # the services received, and those to record
    }
    return render_page(request, "people/participant_detail.html", context)


def _sensitive_rows(person):
    rows = []
    for name in Participant.SENSITIVE_FIELDS:
        field = Participant._meta.get_field(name)
        value = getattr(person, name)
        if value in ("", None):
            shown = "—"
        elif isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        else:
            shown = getattr(person, f"get_{name}_display")()
        rows.append((field.verbose_name, shown))
    return rows


@require_http_methods(["GET", "POST"])
@center_view(PEOPLE_EDIT)
def participant_edit(request, center, participant_id):
    person = access_participant(request, participant_id)
    with_sensitive = has_perm(request, SENSITIVE_EDIT)
    if with_sensitive:
        people_services.read_sensitive(person, membership=request.membership)  # the one gate: audits the read
    form = ParticipantEditForm(posted(request), instance=person, with_sensitive=with_sensitive,
                               initial={"version": person.version})
    if request.method == "POST" and form.is_valid():
        try:
            people_services.update_participant(
                person, form.participant_data(), version=form.cleaned_data["version"], actor=request.user
            )
        except StaleEdit:
            form.add_error(None, _("Someone else changed this person's data while you were editing. "
                                   "Open the profile again to see their changes, then repeat yours."))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)
    status = 400 if form.is_bound else 200
    return render_page(request, "people/participant_form.html",
                       {"form": form, "person": person, "registering": False}, status=status)


@require_http_methods(["GET", "POST"])
@center_view(PEOPLE_REGISTER)
def consent_record(request, center, participant_id):
    person = access_participant(request, participant_id)
    form = ConsentForm(posted(request), center=center, initial={
        "purpose": request.GET.get("purpose"), "organization": request.GET.get("organization")})
    if request.method == "POST" and form.is_valid():
        people_services.record_consent(person, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Consent recorded."))
        # Back to where the consent was asked for (the referral form), if that is a page of this site.
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)
    return render_page(request, "people/consent_form.html", {
        "form": form, "person": person, "next": request.POST.get("next") or request.GET.get("next", ""),
    }, status=400 if form.is_bound else 200)


@require_POST
@center_view(PEOPLE_REGISTER)
def consent_withdraw(request, center, participant_id, consent_id):
    person = access_participant(request, participant_id)
    consent = get_object_or_404(Consent, participant=person, uuid=consent_id)
    people_services.withdraw_consent(consent, actor=request.user)
    messages.success(request, _("Consent withdrawn."))
    return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)


@require_GET
@center_view(AUDIT_VIEW)
def participant_audit(request, center, participant_id):
    person = access_participant(request, participant_id)
    return render_page(request, "people/participant_audit.html",
                       {"person": person, "entries": paginate(request, trail_with_merged(person))})


@require_POST
@center_view(PEOPLE_EDIT)
def household_create(request, center, participant_id):
    person = access_participant(request, participant_id)
    if person.household_id is None:
        household = people_services.create_household(person, actor=request.user)
    else:
        household = person.household
    return redirect("people:household_detail", center=center.slug, household_id=household.uuid)


@require_http_methods(["GET", "POST"])
@center_view(PEOPLE_VIEW)
def household_detail(request, center, household_id):
    household = access_household(request, household_id)
    form = None
    if has_perm(request, PEOPLE_EDIT):
        form = HouseholdMemberForm(posted(request), center=center)
        if request.method == "POST" and form.is_valid():
            people_services.add_household_member(household, form.person, form.cleaned_data["relationship"],
                                                 actor=request.user)
            messages.success(request, _("%(name)s was added to the household.") % {"name": form.person.full_name})
            return redirect("people:household_detail", center=center.slug, household_id=household.uuid)
    elif request.method == "POST":
        raise PermissionDenied
    members = household.members.active().only(
        "uuid", "code", "given_names", "family_names", "birth_date", "birth_date_estimated", "age_band",
        "household_relationship", "household_id"
    ).order_by(Case(When(household_relationship=Relationship.HEAD, then=0), default=1), "birth_date")
    return render_page(request, "people/household_detail.html",
                       {"household": household, "members": members, "form": form, "today": timezone.localdate()},
                       status=400 if form is not None and form.is_bound else 200)


@require_POST
@center_view(PEOPLE_EDIT)
def household_member_remove(request, center, household_id, participant_id):
    household = access_household(request, household_id)
    person = access_participant(request, participant_id)
    people_services.remove_household_member(household, person, actor=request.user)
    return HttpResponseRedirect(reverse("people:household_detail", kwargs={
        "center": center.slug, "household_id": household.uuid}))


@require_GET
@center_view(PEOPLE_VIEW)
def participant_card(request, center, participant_id):
    """The person's card as a PDF, to print (code and QR code)."""
    person = access_participant(request, participant_id)
    return pdf_response(cards.participant_card(person), f"{person.code}.pdf")

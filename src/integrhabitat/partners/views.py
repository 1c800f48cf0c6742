"""Alliances pages: the actor map, organizations, agreements and their documents, referral pathways."""

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.lib.concurrency import rebased_form
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.lib.http import posted, render_page
from integrhabitat.network import exports, files
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import AGREEMENTS_VIEW, PARTNERS_MANAGE, PARTNERS_VIEW, SERVICES_VIEW
from integrhabitat.partners import services as partner_actions
from integrhabitat.partners.forms import (
    ActorFilterForm,
    AgreementForm,
    DocumentForm,
    OrganizationForm,
    PathwayForm,
    PathwayStepForm,
)
from integrhabitat.partners.models import (
    EXPIRY_WARNING_DAYS,
    Agreement,
    AgreementDocument,
    Organization,
    PartnerRole,
    Pathway,
    PathwayStep,
    RelationshipStatus,
    Sector,
)
from integrhabitat.partners.services import ALLOWED_DOCUMENTS
from integrhabitat.people.groups import GROUP_CHOICES
from integrhabitat.services.models import Service
from integrhabitat.services.taxonomy import Category

# Where an alliance stands, as the actor map separates them.
ALLIED = (RelationshipStatus.AGREEMENT, RelationshipStatus.ACTIVE)
IN_PROGRESS = (RelationshipStatus.IDENTIFIED, RelationshipStatus.CONTACTED, RelationshipStatus.NEGOTIATING)

AGREEMENT_STATES = {
    "upcoming": gettext_lazy("Not in force yet"),
    "active": gettext_lazy("In force"),
    "expiring": gettext_lazy("Ending soon"),
    "expired": gettext_lazy("Expired"),
}


def access_organization(request, organization_id) -> Organization:
    return get_object_or_404(Organization, center=request.center, uuid=organization_id)


def access_agreement(request, agreement_id) -> Agreement:
    return get_object_or_404(Agreement.objects.select_related("organization"), center=request.center,
                             uuid=agreement_id)


def access_pathway(request, pathway_id) -> Pathway:
    return get_object_or_404(Pathway, center=request.center, uuid=pathway_id)


# --- The actor map ---------------------------------------------------------------------------------------

def _labels(field: str, choices):
    labels = dict(choices)
    return lambda row: ", ".join(str(labels.get(value, value)) for value in getattr(row, field))


ORGANIZATION_COLUMNS = [
    exports.field(Organization, "name", hxl="#org +name"),
    exports.field(Organization, "sector", hxl="#org +type"),
    exports.field(Organization, "scale"),
    exports.Column("roles", gettext_lazy("Roles"), _labels("roles", PartnerRole.choices), hxl="#org +role"),
    exports.Column("priority_groups", gettext_lazy("Priority population groups"),
                   _labels("priority_groups", GROUP_CHOICES), hxl="#population +type"),
    exports.field(Organization, "status", hxl="#status"),
    exports.Column("services", gettext_lazy("Services"), exports.joined("services"), hxl="#service +name"),
    exports.field(Organization, "contact_name", hxl="#contact +name"),
    exports.field(Organization, "contact_email", hxl="#contact +email"),
    exports.field(Organization, "contact_phone", hxl="#contact +phone"),
    exports.field(Organization, "website", hxl="#meta +url"),
    exports.field(Organization, "address", hxl="#loc +address"),
    exports.field(Organization, "latitude", hxl="#geo +lat"),
    exports.field(Organization, "longitude", hxl="#geo +lon"),
]

PATHWAY_COLUMNS = [
    exports.field(Pathway, "need", hxl="#need +name"),
    exports.field(Pathway, "category", hxl="#sector +name"),
    exports.field(Pathway, "is_active"),
    exports.Column("steps", gettext_lazy("Steps"), exports.attr("step_count", 0), hxl="#meta +steps +num"),
    exports.Column("places", gettext_lazy("Where to go, in order"),
                   lambda p: " → ".join(str(s.organization or s.service or "") for s in p.steps.all())),
    exports.field(Pathway, "description", hxl="#description"),
]


def _query(request, **changes) -> str:
    """The current query string with some filters set (or removed when empty)."""
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        if value:
            params[name] = value
        else:
            params.pop(name, None)
    return params.urlencode()


@require_GET
@center_view(PARTNERS_VIEW)
def actor_map(request, center):
    """The seed's "mapeo de actores", kept alive: who is in the territory, doing what, and how far
    each alliance has come. Filtering happens in Python: roles and groups are JSON lists, and a
    center knows tens of organizations, not thousands."""
    form = ActorFilterForm(request.GET)
    chosen = form.filters()
    organizations = list(
        Organization.objects.filter(center=center)
        .prefetch_related(Prefetch("services", queryset=Service.objects.filter(center=center).order_by("name")))
    )
    by_status = Counter(o.status for o in organizations)
    # Counted over every organization, so each links to all of that status, whatever the other filters.
    status_counts = [(value, label, by_status[value], f"status={value}")
                     for value, label in RelationshipStatus.choices]

    # The matrix counts the organizations of the chosen status and group; a cell lists them.
    mapped = [o for o in organizations
              if (not chosen["status"] or o.status == chosen["status"])
              and (not chosen["group"] or chosen["group"] in o.priority_groups)]
    matrix = []
    for sector, label in Sector.choices:
        in_sector = [o for o in mapped if o.sector == sector]
        cells = [(role_label, sum(role in o.roles for o in in_sector), _query(request, sector=sector, role=role))
                 for role, role_label in PartnerRole.choices]
        matrix.append((label, cells, len(in_sector), _query(request, sector=sector, role="")))
    role_totals = [(sum(role in o.roles for o in mapped), _query(request, sector="", role=role))
                   for role, _label in PartnerRole.choices]

    listed = [o for o in mapped
              if (not chosen["sector"] or o.sector == chosen["sector"])
              and (not chosen["role"] or chosen["role"] in o.roles)]
    sections = [
        ("allied", gettext_lazy("Allies: agreement signed or active"), [o for o in listed if o.status in ALLIED]),
        ("in-progress", gettext_lazy("In progress: identified, contacted or negotiating"),
         [o for o in listed if o.status in IN_PROGRESS]),
        ("inactive", gettext_lazy("Inactive"), [o for o in listed if o.status == RelationshipStatus.INACTIVE]),
    ]

    if exports.wants_download(request):  # the organizations listed, with the contacts their page shows
        return exports.list_download(request, listed, ORGANIZATION_COLUMNS, filename=f"alliances-{center.slug}",
                                     title=_("Alliances"), audit_code="partners.organization.exported",
                                     center=center)
    expiring = None
    if has_perm(request, AGREEMENTS_VIEW):
        today = timezone.localdate()
        expiring = list(
            Agreement.objects.filter(center=center).ending_soon(today)
            .select_related("organization").order_by("ends_on")
        )
    return render_page(request, "partners/actor_map.html", {
        "form": form, "filtered": any(chosen.values()), "status_counts": status_counts,
        "total": len(organizations), "matrix": matrix, "roles": PartnerRole.choices, "role_totals": role_totals,
        "mapped_total": len(mapped), "all_query": _query(request, sector="", role=""),
        "sections": sections, "listed_count": len(listed), "expiring": expiring,
        "warning_days": EXPIRY_WARNING_DAYS, "groups": dict(GROUP_CHOICES),
        "can_manage": has_perm(request, PARTNERS_MANAGE),
    })


# --- Organizations ---------------------------------------------------------------------------------------

def _shown_value(organization: Organization, name: str) -> str:
    """An organization's field as a person reads it."""
    value = getattr(organization, name)
    if name == "roles":
        return ", ".join(str(label) for label in organization.get_roles_display())
    if name == "priority_groups":
        labels = dict(GROUP_CHOICES)
        return ", ".join(str(labels[code]) for code in value if code in labels)
    display = getattr(organization, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    return "" if value is None else str(value)


@require_http_methods(["GET", "POST"])
@center_view(PARTNERS_MANAGE)
def organization_edit(request, center, organization_id=None):
    organization = access_organization(request, organization_id) if organization_id else None
    form = OrganizationForm(posted(request), instance=organization, center=center)
    conflicts = None
    if request.method == "POST" and form.is_valid():
        data = form.organization_data()
        try:
            organization = partner_actions.save_organization(
                center, data, actor=request.user, organization=organization,
                version=form.cleaned_data.get("version"), status_note=form.cleaned_data["status_note"],
            )
        except StaleEdit as refusal:
            # Keep what this person typed, show what the other person saved, and let a new submit
            # (now from the current version) replace it knowingly.
            current = Organization.objects.get(pk=organization.pk)
            conflicts = [(form.fields[name].label, _shown_value(current, name))
                         for name, value in data.items() if getattr(current, name) != value]
            form = rebased_form(form, current, refusal)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Organization “%(name)s” saved.") % {"name": organization.name})
            return redirect("partners:organization_detail", center=center.slug, organization_id=organization.uuid)
    return render_page(request, "partners/organization_form.html", {
        "form": form, "organization": organization, "conflicts": conflicts,
    }, status=400 if form.is_bound else 200)


@require_GET
@center_view(PARTNERS_VIEW)
def organization_detail(request, center, organization_id):
    organization = access_organization(request, organization_id)
    today = timezone.localdate()
    agreements = list(organization.agreements.filter(center=center))
    for agreement in agreements:
        agreement.current_state = agreement.state(today)
        agreement.state_label = AGREEMENT_STATES[agreement.current_state]
    labels = dict(GROUP_CHOICES)
    return render_page(request, "partners/organization_detail.html", {
        "organization": organization,
        "groups": [labels[code] for code in organization.priority_groups if code in labels],
        "history": organization.status_changes.select_related("changed_by"),
        "services": organization.services.filter(center=center).order_by("name"),
        "agreements": agreements,
        "steps": (PathwayStep.objects.filter(organization=organization, pathway__center=center)
                  .select_related("pathway", "service").order_by("pathway__need", "order")),
        "can_manage": has_perm(request, PARTNERS_MANAGE),
        "can_see_agreements": has_perm(request, AGREEMENTS_VIEW),
        "can_see_services": has_perm(request, SERVICES_VIEW),
    })


# --- Agreements and their documents ----------------------------------------------------------------------

def _agreement_page(request, center, agreement: Agreement, *, document_form=None, status: int = 200):
    documents = agreement.documents.select_related("stored__uploaded_by")
    kinds = {mime: extension.upper() for mime, extension in ALLOWED_DOCUMENTS.items()}
    for document in documents:
        document.kind = kinds.get(document.content_type, document.content_type)
    today = timezone.localdate()
    state = agreement.state(today)
    return render_page(request, "partners/agreement_detail.html", {
        "agreement": agreement, "organization": agreement.organization, "state": state,
        "days_left": (agreement.ends_on - today).days if agreement.ends_on else None,
        "state_label": AGREEMENT_STATES[state], "services": agreement.services.filter(center=center),
        "documents": documents, "document_form": document_form or DocumentForm(),
        "can_manage": has_perm(request, PARTNERS_MANAGE),
        "can_see_services": has_perm(request, SERVICES_VIEW),
    }, status=status)


@require_GET
@center_view(AGREEMENTS_VIEW)
def agreement_detail(request, center, agreement_id):
    return _agreement_page(request, center, access_agreement(request, agreement_id))


@require_http_methods(["GET", "POST"])
@center_view(PARTNERS_MANAGE)
def agreement_edit(request, center, organization_id=None, agreement_id=None):
    """A new agreement with the organization of the address, or a change to one."""
    if agreement_id:
        agreement = access_agreement(request, agreement_id)
        organization = agreement.organization
    else:
        agreement = None
        organization = access_organization(request, organization_id)
    form = AgreementForm(posted(request), instance=agreement, center=center)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = partner_actions.save_agreement(
                center, {**form.agreement_data(), "organization": organization}, actor=request.user,
                # the form changed its instance in memory: the service compares with what is stored
                agreement=Agreement.objects.get(pk=agreement.pk) if agreement else None,
                services=form.cleaned_data["services"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Agreement “%(title)s” saved.") % {"title": agreement.title})
            return redirect("partners:agreement_detail", center=center.slug, agreement_id=agreement.uuid)
    return render_page(request, "partners/agreement_form.html", {
        "form": form, "agreement": agreement, "organization": organization,
    }, status=400 if form.is_bound else 200)


@require_POST
@center_view(PARTNERS_MANAGE)
def document_upload(request, center, agreement_id):
    agreement = access_agreement(request, agreement_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = partner_actions.add_document(agreement, form.cleaned_data["file"], actor=request.user)
        except Refused as refusal:
            form.add_error("file", refusal.message)
        else:
            messages.success(request, _("Document “%(name)s” added.") % {"name": document.name})
            return redirect("partners:agreement_detail", center=center.slug, agreement_id=agreement.uuid)
    return _agreement_page(request, center, agreement, document_form=form, status=400)


def access_document(request, document_id) -> AgreementDocument:
    return get_object_or_404(AgreementDocument.objects.select_related("agreement", "stored__center"),
                             agreement__center=request.center, uuid=document_id)


@require_GET
@center_view(AGREEMENTS_VIEW)
def document_download(request, center, document_id):
    document = access_document(request, document_id)
    return files.download(request, document.stored, perm=AGREEMENTS_VIEW, record=document)


@require_POST
@center_view(PARTNERS_MANAGE)
def document_delete(request, center, document_id):
    document = access_document(request, document_id)
    agreement = document.agreement
    partner_actions.delete_document(document, actor=request.user)
    messages.success(request, _("Document “%(name)s” removed.") % {"name": document.name})
    return redirect("partners:agreement_detail", center=center.slug, agreement_id=agreement.uuid)


# --- Referral pathways -----------------------------------------------------------------------------------

@require_GET
@center_view(PARTNERS_VIEW)
def pathway_list(request, center):
    """The center's referral pathways, grouped by the six categories."""
    pathways = Pathway.objects.filter(center=center).annotate(step_count=Count("steps"))
    if exports.wants_download(request):
        steps = PathwayStep.objects.select_related("organization", "service")
        return exports.list_download(request, pathways.prefetch_related(Prefetch("steps", queryset=steps)),
                                     PATHWAY_COLUMNS, filename=f"pathways-{center.slug}", title=_("Referral pathways"))
    by_category = {category: [] for category in Category}
    for pathway in pathways:
        by_category[Category(pathway.category)].append(pathway)
    return render_page(request, "partners/pathway_list.html", {
        "by_category": by_category.items(), "can_manage": has_perm(request, PARTNERS_MANAGE),
    })


@require_http_methods(["GET", "POST"])
@center_view(PARTNERS_MANAGE)
def pathway_edit(request, center, pathway_id=None):
    pathway = access_pathway(request, pathway_id) if pathway_id else None
    form = PathwayForm(posted(request), instance=pathway, center=center)
    if request.method == "POST" and form.is_valid():
        pathway = partner_actions.save_pathway(
            center, form.pathway_data(), actor=request.user,
            pathway=Pathway.objects.get(pk=pathway.pk) if pathway else None,
        )
        messages.success(request, _("Pathway “%(need)s” saved.") % {"need": pathway.need})
        return redirect("partners:pathway_detail", center=center.slug, pathway_id=pathway.uuid)
    return render_page(request, "partners/pathway_form.html", {"form": form, "pathway": pathway},
                       status=400 if form.is_bound else 200)


def _steps(pathway: Pathway) -> list[PathwayStep]:
    """The pathway's steps in order, each with `place`: the organization the person goes to, or
    None for a service the center gives itself."""
    steps = list(pathway.steps.select_related("organization", "service__provider"))
    for step in steps:
        step.place = step.organization or (step.service.provider if step.service else None)
    return steps


def _pathway_page(request, center, pathway: Pathway, *, step_form=None, status: int = 200):
    can_manage = has_perm(request, PARTNERS_MANAGE)
    if can_manage and step_form is None:
        step_form = PathwayStepForm(center=center)
    return render_page(request, "partners/pathway_detail.html", {
        "pathway": pathway, "steps": _steps(pathway), "step_form": step_form, "can_manage": can_manage,
        "languages": settings.LANGUAGES,
    }, status=status)


@require_GET
@center_view(PARTNERS_VIEW)
def pathway_detail(request, center, pathway_id):
    return _pathway_page(request, center, access_pathway(request, pathway_id))


@require_POST
@center_view(PARTNERS_MANAGE)
def pathway_step_add(request, center, pathway_id):
    pathway = access_pathway(request, pathway_id)
    form = PathwayStepForm(request.POST, center=center)
    if form.is_valid():
        try:
            partner_actions.add_pathway_step(pathway, form.step_data(), actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Step added."))
            return redirect("partners:pathway_detail", center=center.slug, pathway_id=pathway.uuid)
    return _pathway_page(request, center, pathway, step_form=form, status=400)


@require_POST
@center_view(PARTNERS_MANAGE)
def pathway_step_remove(request, center, pathway_id, step_id):
    step = get_object_or_404(PathwayStep.objects.select_related("pathway"), pk=step_id,
                             pathway__center=center, pathway__uuid=pathway_id)
    partner_actions.remove_pathway_step(step, actor=request.user)
    messages.success(request, _("Step removed."))
    return redirect("partners:pathway_detail", center=center.slug, pathway_id=pathway_id)


@require_GET
@center_view(PARTNERS_VIEW)
def pathway_print(request, center, pathway_id):
    """The pathway on paper for the person to take along, in their language if it is not the staff's."""
    pathway = access_pathway(request, pathway_id)
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        response = render_page(request, "partners/pathway_print.html", {
            "pathway": pathway, "steps": _steps(pathway), "category": Category(pathway.category).label,
            "printed_on": timezone.localdate(),
        })
    response["Content-Language"] = language
    return response

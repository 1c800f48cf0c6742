"""Changes to a center's alliances: organizations and their status, agreements and their
documents, referral pathways. Atomic, audited (`partners.*`)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.lib.concurrency import locked, locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network import files
from integrhabitat.network.models import Center, StoredFile
from integrhabitat.partners.models import (
    Agreement,
    AgreementDocument,
    Organization,
    Pathway,
    PathwayStep,
    StatusChange,
)

# Documents an agreement may carry, recognised by their content (not by name or declared type).
ALLOWED_DOCUMENTS = files.DOCUMENTS


@transaction.atomic
def save_organization(center: Center, data: Mapping[str, Any], *, actor, organization: Organization | None = None,
                      version: int | None = None, status_note: str = "") -> Organization:
    """Create an organization of `center`'s territory or change one (refused if someone else saved
    it since `version`). A change of relationship status is kept in its history."""
    created = organization is None
    if created:
        organization = Organization(center=center)
        previous_status = None
    else:
        # Without a version (imports, the demo) the change is made over whatever is saved.
        organization = locked(organization) if version is None else locked_current(organization, version)
        previous_status = organization.status
    changed = assign(organization, data)
    if created:
        organization.save()
        organization.refresh_from_db()
    else:
        save_versioned(organization)
    if organization.status != previous_status:
        StatusChange.objects.create(organization=organization, status=organization.status, note=status_note,
                                    changed_by=actor)
    audit.record("partners.organization.created" if created else "partners.organization.updated", organization,
                 actor=actor, fields=changed)
    return organization


@transaction.atomic
def save_agreement(center: Center, data: Mapping[str, Any], *, actor, agreement: Agreement | None = None,
                   services: Iterable = ()) -> Agreement:
    created = agreement is None
    agreement = agreement or Agreement(center=center)
    if data["organization"].center_id != center.pk:
        raise Refused(_("The organization is not an ally of this center."))
    changed = assign(agreement, data)
    agreement.save()
    agreement.services.set([s for s in services if s.center_id == center.pk])
    audit.record("partners.agreement.created" if created else "partners.agreement.updated", agreement,
                 actor=actor, fields=changed)
    return agreement


@transaction.atomic
def add_document(agreement: Agreement, upload: UploadedFile, *, actor) -> AgreementDocument:
    """Attach a PDF, a photo or an office document (recognised by its content) to an agreement."""
    content_type = files.check_upload(upload)
    stored = files.store(upload, center=agreement.center, purpose=StoredFile.Purpose.AGREEMENT_DOCUMENT,
                         folder=f"agreements/{agreement.center_id}", content_type=content_type, actor=actor)
    document = AgreementDocument.objects.create(agreement=agreement, stored=stored)
    audit.record("partners.document.added", document, actor=actor, center=agreement.center)
    return document


@transaction.atomic
def delete_document(document: AgreementDocument, *, actor) -> None:
    """Remove a document; its file goes once the row is gone for good."""
    audit.record("partners.document.deleted", document, actor=actor, center=document.agreement.center)
    stored = document.stored
    document.delete()
    files.delete(stored)


@transaction.atomic
def save_pathway(center: Center, data: Mapping[str, Any], *, actor, pathway: Pathway | None = None) -> Pathway:
    created = pathway is None
    pathway = pathway or Pathway(center=center)
    changed = assign(pathway, data)
    pathway.save()
    audit.record("partners.pathway.created" if created else "partners.pathway.updated", pathway,
                 actor=actor, fields=changed)
    return pathway


@transaction.atomic
def add_pathway_step(pathway: Pathway, data: Mapping[str, Any], *, actor) -> PathwayStep:
    for destination in (data.get("organization"), data.get("service")):
        if destination is not None and destination.center_id != pathway.center_id:
            raise Refused(_("The step must lead to an ally or a service of this center."))
    if data.get("organization") is None and data.get("service") is None:
        raise Refused(_("Choose a service or an organization for this step."))
    order = pathway.steps.count() + 1
    step = PathwayStep.objects.create(pathway=pathway, order=order, **data)
    audit.record("partners.pathway.step_added", pathway, actor=actor)
    return step


@transaction.atomic
def remove_pathway_step(step: PathwayStep, *, actor) -> None:
    pathway = step.pathway
    step.delete()
    for order, remaining in enumerate(pathway.steps.all(), start=1):
        if remaining.order != order:
            PathwayStep.objects.filter(pk=remaining.pk).update(order=order)
    audit.record("partners.pathway.step_removed", pathway, actor=actor)

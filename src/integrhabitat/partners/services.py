"""Changes to a center's alliances: organizations and their status, agreements and their
documents, referral pathways. Atomic, audited (`partners.*`)."""

from collections.abc import Iterable, Mapping
from typing import Any

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center
from integrhabitat.partners.models import (
    Agreement,
    AgreementDocument,
    Organization,
    Pathway,
    PathwayStep,
    StatusChange,
)

# Documents an agreement may carry, recognised by their content (not by name or declared type).
ALLOWED_DOCUMENTS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


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
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        if version is not None and organization.version != version:
            raise StaleEdit
        previous_status = organization.status
    changed = assign(organization, data)
    if not created:
        organization.version = F("version") + 1
    organization.save()
    organization.refresh_from_db()
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


def check_document(upload: UploadedFile) -> str:
    """The content type of an acceptable document, or `Refused` saying why not."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise Refused(_("The file is too large (%(size)s); the limit is %(limit)s.")
                      % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)})
    if upload.size == 0:
        raise Refused(_("The file is empty."))
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_DOCUMENTS:
        raise Refused(_("This kind of file is not accepted. Upload a PDF, a photo (JPEG or PNG) or a document "
                        "(Word, Excel, OpenDocument)."))
    return kind.mime


@transaction.atomic
def add_document(agreement: Agreement, upload: UploadedFile, *, actor) -> AgreementDocument:
    content_type = check_document(upload)
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "document"
    document = AgreementDocument(agreement=agreement, name=name, content_type=content_type, size=upload.size,
                                 uploaded_by=actor)
    document.file.save("upload", upload, save=False)
    document.save()
    audit.record("partners.document.added", document, actor=actor, center=agreement.center)
    return document


@transaction.atomic
def delete_document(document: AgreementDocument, *, actor) -> None:
    audit.record("partners.document.deleted", document, actor=actor, center=document.agreement.center)
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))


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

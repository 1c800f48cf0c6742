"""The audit trail in words: a sentence for each action code, and the record and fields of an entry made
readable, in the active language.

Entries keep their dotted codes (stored, sealed, searched by support staff); this is how pages show them. Every
code written anywhere needs its sentence in `ACTIONS`: `audit/tests/test_sentences.py` scans the source for the
codes and fails on one without a sentence. A code missing all the same (an old entry) shows as itself.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from integrhabitat.audit.models import AuditEntry

# What each code records, in the past tense: the "Who" column is the sentence's subject (none: the system).
ACTIONS = {
    "accounts.mfa.disabled": _("Turned off two-step verification"),
    "accounts.mfa.enabled": _("Turned on two-step verification"),
    "accounts.mfa.recovery_code_used": _("Signed in with a recovery code"),
    "accounts.mfa.recovery_codes_replaced": _("Generated new recovery codes"),
    "accounts.mfa.reset": _("Reset a staff member's two-step verification"),
    "accounts.sessions.ended": _("Ended every open session of the account"),
    "api.token.created": _("Created an API token"),
    "api.token.revoked": _("Revoked an API token"),
    "audit.entries.purged": _("Deleted old audit entries, as the retention schedule says"),
    "audit.trail.exported": _("Downloaded the audit trail"),
    "backups.backup.created": _("Made a backup"),
    "backups.backup.deleted": _("Deleted a backup"),
    "backups.backup.restored": _("Restored a backup"),
    "cases.assessment.added": _("Recorded a needs assessment"),
    "cases.case.closed": _("Closed the case"),
    "cases.case.exported": _("Downloaded the list of cases"),
    "cases.case.notes_viewed": _("Read the case's confidential notes"),
    "cases.case.opened": _("Opened the case"),
    "cases.case.reopened": _("Reopened the case"),
    "cases.case.updated": _("Changed the case's data"),
    "cases.case.viewed": _("Viewed the case"),
    "cases.follow_up.done": _("Recorded a follow-up as done"),
    "cases.follow_up.exported": _("Downloaded the follow-up agenda"),
    "cases.follow_up.scheduled": _("Scheduled a follow-up"),
    "cases.goal.action_added": _("Recorded a step taken toward a goal"),
    "cases.goal.added": _("Added a goal to the case plan"),
    "cases.goal.updated": _("Changed a goal's status"),
    "cases.note.added": _("Wrote a confidential note"),
    "cases.referral.accepted": _("Accepted the referral"),
    "cases.referral.attended": _("Recorded that the person attended"),
    "cases.referral.cancelled": _("Cancelled the referral"),
    "cases.referral.closed": _("Closed the referral"),
    "cases.referral.consent_overridden": _("Sent the referral without the person's consent (coordinator's decision)"),
    "cases.referral.created": _("Created the referral"),
    "cases.referral.exported": _("Downloaded the list of referrals"),
    "cases.referral.partner_exported": _("The partner organization downloaded the referrals it received"),
    "cases.referral.rejected": _("Declined the referral"),
    "cases.referral.sent": _("Sent the referral"),
    "cases.referral.session_recorded": _("The partner organization recorded another session with the person"),
    "cases.referral.viewed_by_partner": _("The partner organization opened the referral"),
    "cocreation.comment.added": _("Commented on a proposal"),
    "cocreation.comment.hidden": _("Hid a comment"),
    "cocreation.comment.shown": _("Showed a hidden comment again"),
    "cocreation.meeting.created": _("Added a meeting"),
    "cocreation.meeting.updated": _("Changed a meeting"),
    "cocreation.process.created": _("Created a participatory process"),
    "cocreation.process.phase_added": _("Added a phase to the process"),
    "cocreation.process.phase_removed": _("Removed a phase from the process"),
    "cocreation.process.updated": _("Changed the participatory process"),
    "cocreation.proposal.answered": _("Answered a proposal"),
    "cocreation.proposal.submitted": _("Submitted a proposal"),
    "cocreation.proposal.supported": _("Supported a proposal"),
    "communities.group.created": _("Created a group"),
    "communities.group.updated": _("Changed a group"),
    "communities.member.joined": _("Signed a person up for the group"),
    "communities.member.left": _("Took a person off the group"),
    "communities.member.waiting": _("Put a person on the group's waiting list"),
    "communities.session.attendance_taken": _("Took attendance at a session"),
    "communities.session.scheduled": _("Scheduled a group session"),
    "directory.hsds.imported": _("Imported organizations and services from an open data file (HSDS)"),
    "imports.job.file_deleted": _("Deleted the uploaded file"),
    "imports.job.imported": _("Imported the file's records"),
    "imports.job.mapped": _("Chose the file's columns"),
    "imports.job.rejected_rows_deleted": _("Deleted the rows left out of an import"),
    "imports.job.restarted": _("Restarted an import"),
    "imports.job.uploaded": _("Uploaded a file to import"),
    "improvement.canvas.narratives_saved": _("Wrote the center's texts on the canvas"),
    "improvement.commitment.added": _("Added a commitment"),
    "improvement.commitment.updated": _("Changed a commitment"),
    "improvement.event.created": _("Created an accountability event"),
    "improvement.event.question_added": _("Recorded a question raised at the event"),
    "improvement.event.question_answered": _("Answered a question raised at the event"),
    "improvement.event.updated": _("Changed an accountability event"),
    "improvement.feedback.answered": _("Answered a message"),
    "improvement.feedback.escalated": _("Escalated a message to the coordinator"),
    "improvement.feedback.exported": _("Downloaded the list of messages"),
    "improvement.feedback.received": _("A message was received"),
    "improvement.feedback.taken": _("Took charge of a message"),
    "improvement.indicator.created": _("Created an indicator"),
    "improvement.indicator.value": _("Entered an indicator's value for a month"),
    "improvement.practice.attachment_added": _("Attached a file to a practice"),
    "improvement.practice.attachment_removed": _("Removed a file from a practice"),
    "improvement.practice.created": _("Created a practice"),
    "improvement.practice.featured": _("Featured a practice in the library"),
    "improvement.practice.published": _("Published a practice"),
    "improvement.practice.returned": _("Returned a practice for changes"),
    "improvement.practice.submitted": _("Submitted a practice for curation"),
    "improvement.practice.unfeatured": _("Stopped featuring a practice"),
    "improvement.practice.updated": _("Changed a practice"),
    "improvement.report.changed": _("Changed an accountability report"),
    "improvement.report.created": _("Created an accountability report"),
    "improvement.report.published": _("Published an accountability report"),
    "improvement.review.recorded": _("Recorded a service review and its decision"),
    "improvement.targets.set": _("Set the center's targets"),
    "network.center.created": _("Created the center"),
    "network.center.updated": _("Changed the center's settings"),
    "network.file.downloaded": _("Downloaded a file"),
    "network.membership.added": _("Gave a person access to the center"),
    "network.membership.deactivated": _("Removed a person's access to the center"),
    "network.membership.role_changed": _("Changed a staff member's role"),
    "network.staff.exported": _("Downloaded the staff list"),
    "partners.agreement.created": _("Recorded an agreement"),
    "partners.agreement.updated": _("Changed an agreement"),
    "partners.document.added": _("Attached a document to an agreement"),
    "partners.document.deleted": _("Deleted an agreement's document"),
    "partners.organization.created": _("Recorded a partner organization"),
    "partners.organization.exported": _("Downloaded the list of alliances"),
    "partners.organization.updated": _("Changed a partner organization"),
    "partners.pathway.created": _("Created a referral pathway"),
    "partners.pathway.step_added": _("Added a step to a referral pathway"),
    "partners.pathway.step_removed": _("Removed a step from a referral pathway"),
    "partners.pathway.updated": _("Changed a referral pathway"),
    "people.consent.recorded": _("Recorded the person's consent"),
    "people.consent.withdrawn": _("Recorded that the person withdrew their consent"),
    "people.duplicate.marked_distinct": _("Confirmed that two records are different people"),
    "people.duplicate.notified": _("Told both centers about a possible duplicate"),
    "people.duplicate.scanned": _("Looked for duplicate records"),
    "people.household.created": _("Created a household"),
    "people.household.member_added": _("Added a person to the household"),
    "people.household.member_removed": _("Took a person off the household"),
    "people.participant.exported": _("Downloaded the list of people"),
    "people.participant.merge_undone": _("Undid the merge of a duplicate record into this one"),
    "people.participant.merged": _("Merged a duplicate record into this one"),
    "people.participant.merged_away": _("Merged this record into another one"),
    "people.participant.registered": _("Registered the person"),
    "people.participant.restored_from_merge": _("Restored this record by undoing a merge"),
    "people.participant.sensitive_exported": _("Downloaded the list of people with sensitive data"),
    "people.participant.sensitive_filtered": _("Searched people by sensitive data"),
    "people.participant.sensitive_viewed": _("Viewed the person's sensitive data"),
    "people.participant.updated": _("Changed the person's data"),
    "people.participant.viewed": _("Viewed the person's profile"),
    "portal.sign_in.center_stopped": _("Portal sign-in was paused for the center: too many codes or wrong codes"),
    "portal.sign_in.stopped": _("Portal sign-in was stopped for the person after too many wrong codes"),
    "privacy.breach.recorded": _("Recorded a data breach"),
    "privacy.breach.updated": _("Changed the record of a data breach"),
    "privacy.participant.anonymized": _("Erased the person's data (anonymized the record)"),
    "privacy.request.answered": _("Answered a data protection request"),
    "privacy.request.exported": _("Downloaded the list of data protection requests"),
    "privacy.request.extended": _("Extended the deadline of a data protection request"),
    "privacy.request.recorded": _("Recorded a data protection request"),
    "privacy.retention.applied": _("Applied a retention rule"),
    "privacy.retention.rule_changed": _("Changed a retention rule"),
    "privacy.subject_data.downloaded": _("Gave out a copy of the person's data"),
    "services.delivery.deleted": _("Deleted a service delivery recorded by mistake"),
    "services.delivery.recorded": _("Recorded a service delivery"),
    "services.delivery.undone": _("Undid a service delivery just recorded by mistake"),
    "services.service.created": _("Created a service"),
    "services.service.updated": _("Changed a service"),
}

# Record types whose model has no translated name (Django would make one up in English), or that are no model.
RECORD_NAMES = {
    "backups.backupfile": _("backup"),
    "cases.note": _("confidential note"),
    "cocreation.comment": _("comment"),
    "improvement.accountabilityevent": _("accountability event"),
    "improvement.accountabilityreport": _("accountability report"),
    "improvement.canvas": _("canvas"),
    "improvement.commitment": _("commitment"),
    "improvement.manualindicator": _("indicator"),
    "improvement.manualvalue": _("indicator value"),
    "improvement.practice": _("practice"),
    "improvement.practiceattachment": _("practice attachment"),
    "improvement.servicereview": _("service review"),
    "partners.agreementdocument": _("agreement document"),
}

# Downloads are recorded on the center, with the columns downloaded: fields of the records listed.
FIELDS_OF = {
    "audit.trail.exported": "audit.auditentry",
    "cases.case.exported": "cases.case",
    "cases.follow_up.exported": "cases.followup",
    "cases.referral.exported": "cases.referral",
    "cases.referral.partner_exported": "cases.referral",
    "improvement.feedback.exported": "improvement.feedback",
    "network.staff.exported": "network.membership",
    "partners.organization.exported": "partners.organization",
    "people.participant.exported": "people.participant",
    "people.participant.sensitive_exported": "people.participant",
    "privacy.request.exported": "privacy.datarequest",
}

# Names an entry's fields use that are no field of its record: "key:value" keys, reasons, search filters and
# the computed columns of downloads.
FIELD_NAMES = {
    "code": _("action code"),
    "created": _("created"),
    "deleted": _("entries deleted"),
    "destination": _("referred to"),
    "last_seen": _("last served on"),
    "done": _("records processed"),
    "due": _("records due"),
    "email": _("email"),
    "expired": _("retention period over"),
    "format": _("format"),
    "from": _("merged from"),
    "group": _("population group"),
    "held": _("records held back"),
    "imported": _("imported"),
    "into": _("merged into"),
    "linked": _("linked to existing records"),
    "mobility": _("mobility status"),
    "name": _("name"),
    "overdue": _("overdue follow-ups"),
    "participant": _("person"),
    "participant_code": _("person's code"),
    "person": _("person"),
    "present": _("present"),
    "reason": _("reason"),
    "records": _("records"),
    "reference": _("reference"),
    "rejected": _("left out"),
    "since": _("member since"),
    "unchanged": _("unchanged"),
    "unreadable": _("unreadable file"),
    "username": _("username"),
    "waiting": _("referrals waiting"),
    "wrong_codes": _("too many wrong codes"),
}

# Choices, kept outside any model, that label the values of an action's "key:value" fields.
VALUE_CHOICES = {
    "privacy.participant.anonymized": "integrhabitat.privacy.anonymization.Reason",
}


@dataclass(frozen=True)
class Description:
    """An audit entry as people read it, in the active language."""

    sentence: str
    record: str  # the kind of record: "Referral", "Participant"
    reference: str  # which one, where cheap to tell: a person's code, a case's reference; else empty
    fields: str


def describe(entry: AuditEntry, *, reference: str = "") -> Description:
    """The sentence of `entry`'s action (its code when it has none), the kind of record and its fields."""
    model = _model(FIELDS_OF.get(entry.action, entry.object_type))
    values = _value_labels(entry.action, model)
    return Description(
        sentence=str(ACTIONS.get(entry.action, entry.action)),
        record=capfirst(record_name(entry.object_type)),
        reference=reference,
        fields=", ".join(_field_text(str(item), model, values) for item in entry.fields or ()),
    )


def describe_all(entries: Iterable[AuditEntry]) -> list[tuple[AuditEntry, Description]]:
    """Each entry with its description, the references of a page's records found in one query per kind."""
    entries = list(entries)
    references = _references(entries)
    return [(entry, describe(entry, reference=references.get((entry.object_type, entry.object_id), "")))
            for entry in entries]


def record_name(object_type: str) -> str:
    """The translated name of a record type such as `cases.referral`; the type itself when unknown."""
    if object_type in RECORD_NAMES:
        return str(RECORD_NAMES[object_type])
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):  # no model by that name, or no "app_label.model" at all
        return None


def _field_text(item: str, model: type[models.Model] | None, values: dict[str, Any]) -> str:
    """A field name, a choice's value or a "key:value" pair, in words: the record's own names first."""
    key, colon, value = item.partition(":")
    if colon:
        shown = value if value.isdigit() else str(values.get(value, value))  # counts and days are no choices
        return pgettext("audit field", "%(name)s: %(value)s") % {"name": _field_name(key, model) or key, "value": shown}
    if name := _field_name(item, model):
        return name
    if item in values:
        return str(values[item])
    listed = _model(item)  # a kind of record, as in the list of those an erasure touched
    return str(listed._meta.verbose_name_plural) if listed else item


def _field_name(name: str, model: type[models.Model] | None) -> str | None:
    if model is not None:
        try:
            verbose_name = getattr(model._meta.get_field(name), "verbose_name", None)  # relations back have none
        except FieldDoesNotExist:
            verbose_name = None
        if verbose_name:
            return str(verbose_name)
    return str(FIELD_NAMES[name]) if name in FIELD_NAMES else None


@cache
def _value_labels(action: str, model: type[models.Model] | None) -> dict[str, Any]:
    """The labels (lazy: they follow the active language) of the values an action's fields may hold: those of
    the record's choices — its fields' and the choice classes it holds, such as `Referral.Shared`, whose values
    a list field keeps — and those `VALUE_CHOICES` names."""
    choices = []
    if model is not None:
        choices += [field.flatchoices for field in model._meta.concrete_fields if field.choices]
        choices += [held.choices for held in vars(model).values()
                    if isinstance(held, type) and issubclass(held, models.Choices)]
    if action in VALUE_CHOICES:
        choices.append(import_string(VALUE_CHOICES[action]).choices)
    return {str(value): label for pairs in choices for value, label in pairs}


def _participant_codes(ids: set[str]) -> dict[str, str]:
    participants = apps.get_model("people", "Participant").objects.filter(uuid__in=ids).only("uuid", "code")
    return {str(person.uuid): person.code for person in participants}


def _case_references(ids: set[str]) -> dict[str, str]:
    cases = (apps.get_model("cases", "Case").objects.filter(uuid__in=ids).select_related("center")
             .only("uuid", "number", "center__code"))
    return {str(case.uuid): case.reference for case in cases}


# Record types with a reference people know them by, and how to find those of many records in one query.
REFERENCES: dict[str, Callable[[set[str]], dict[str, str]]] = {
    "people.participant": _participant_codes,
    "cases.case": _case_references,
}


def _references(entries: list[AuditEntry]) -> dict[tuple[str, str], str]:
    wanted = defaultdict(set)
    for entry in entries:
        if entry.object_type in REFERENCES:
            wanted[entry.object_type].add(entry.object_id)
    return {(object_type, object_id): reference for object_type, ids in wanted.items()
            for object_id, reference in REFERENCES[object_type](ids).items()}

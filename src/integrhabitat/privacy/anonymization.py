"""Erasure by anonymization: the right to have one's data erased (Colombia's Ley 1581 de 2012, arts. 8(e)
and 15; the ICRC Handbook on Data Protection in Humanitarian Action), without changing a single figure the
center has counted or published.

The record stays, under its code, as "Persona anonimizada" (the name `ANONYMOUS_NAME` takes in the
platform's first language): every delivery, attendance, referral and proposal is still counted where it
was, but nothing left says who the person was.

Cleared or replaced:

- names (the given names become `ANONYMOUS_NAME`, the code stays), phone, email, document type and number,
  nationality (no figure uses it) and the search text built from them;
- the household link and the relationship in it (a household left without members loses its name and
  address; one whose other members remain loses the person's names from its own);
- every free text about the person: the case's situation and closure note, assessment observations, goals
  and the steps taken, follow-up purposes and notes, confidential notes, referral reasons, answers,
  feedback and override reasons, notes of the services they received, comments on their ratings, their
  comments on proposals, the messages they signed (`subject_data.feedback_of`);
- what names them in texts that are kept because they belong to others or to the public (their proposals,
  comments and answers on them, the minutes of meetings they attended, data protection requests, notes of
  services they gave, a published report's list of proposals): the names, phone, email and document are
  replaced by "[…]" wherever they appear (`Redactor`);
- consents are kept, as the record that there was a legal basis, but all are withdrawn and the name of
  whoever gave one for them is cleared; one-time portal codes sent to their phone or email are deleted,
  and so are the duplicate-queue pairs they are part of; merges keep no copy of the names they replaced.

Kept, because the figures are computed from them (`improvement/results/indicators.py`, `improvement/results/figures.py`,
`improvement/accountability/services.py`):

- the birth date, exactly, with the age band and whether it is estimated. Ages are taken at the end of any
  period a user chooses, so only the same date puts the person in the same age group for every period;
  a birth year, or a date moved within it, changes the group for periods ending between the two dates;
- sex and gender identity, and the differential-approach answers (mobility status, ethnicity, the
  Washington Group answers, victimhood, street situation, LGBTQI+): they place the person in the population
  groups every report breaks down by. Without a name, a phone or a document they no longer single anyone out;
- the links of deliveries, attendance, memberships, supports, cases and referrals, their dates, statuses
  and codes, the ratings' scores, and the messages' kinds and dates: they are what the figures count.
  The record stays active, so that the count of registered people stays what it was.

Refused while a legal hold lasts: an open case (any case not closed), because the center still acts on
it. Records merged into the person's are anonymized with it. The audit trail names records by id and code,
never by name (`audit.services`), so every entry about the person is anonymous once the record is; the
anonymization itself is recorded as `privacy.participant.anonymized`, with its reason.

Why this module updates other apps' rows itself rather than through each app's services: erasure must
reach every row about the person in one transaction, and the tests hold it to that by searching every
text column of the database for the person's names and numbers afterwards
(`privacy/tests/test_anonymization_figures.py`), so that a new app storing text about people cannot be
forgotten here unnoticed.
"""

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Action, Assessment, Case, FollowUp, Goal, Note, Referral
from integrhabitat.cocreation.models import Comment, Meeting, Proposal
from integrhabitat.improvement.models import AccountabilityReport, Feedback, Satisfaction
from integrhabitat.lib.crypto import destination_key
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.text import digits, fold
from integrhabitat.people.duplicates import PARTICLES
from integrhabitat.people.models import Consent, DuplicatePair, Household, Merge, Participant
from integrhabitat.privacy.models import DataRequest
from integrhabitat.privacy.subject_data import contact_points, feedback_of
from integrhabitat.services.models import ServiceDelivery

ACTION = "privacy.participant.anonymized"
ANONYMOUS_NAME = _("Anonymized person")
ANONYMOUS_HOUSEHOLD = _("Anonymized household")
HOUSEHOLD_OF = _("Household of %(code)s")
# What takes the place of a text that was about the person, where a text is required.
ERASED = _("[erased]")
# What takes the place of the person's names and numbers inside a text that is kept.
REDACTED = "[…]"

# Participant fields emptied (those that exist: the phone in E.164 comes with the portal's phone matching).
CLEARED_FIELDS = ("family_names", "preferred_name", "phone", "email", "document_type",
                  "document_number", "nationality", "household_relationship")


class Reason(models.TextChoices):
    REQUEST = "request", _("The person asked for their data to be erased")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew their consent to the processing of their data")
    NO_LONGER_NEEDED = "no_longer_needed", _("The data is no longer needed for the purposes it was collected for")


def stored_name() -> str:
    """The name an anonymized record takes: in the platform's first language, like every text it stores."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(ANONYMOUS_NAME)


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def anonymized_at(person: Participant) -> datetime | None:
    """When the person was anonymized, or None."""
    return (AuditEntry.objects.filter(action=ACTION, object_type=Participant._meta.label_lower,
                                      object_id=str(person.uuid)).order_by("at").values_list("at", flat=True).first())


def _merged_records(person: Participant) -> list[Participant]:
    """The records merged into `person`, and those merged into them, however many times."""
    found, frontier = [], [person.pk]
    while frontier:
        batch = list(Participant.objects.select_for_update().filter(merged_into_id__in=frontier)
                     .exclude(pk__in=[person.pk, *(p.pk for p in found)]))
        found += batch
        frontier = [p.pk for p in batch]
    return found


def legal_holds(people: Iterable[Participant]) -> list[str]:
    """Why the person cannot be anonymized now, in words for the coordinator; empty when nothing holds."""
    open_cases = list(Case.objects.open().filter(participant__in=list(people)).select_related("center")
                      .order_by("opened_on", "pk"))
    if not open_cases:
        return []
    return [str(_("The person has an open case (%(cases)s). An open case is a legal hold: close it first, "
                  "then anonymize.") % {"cases": ", ".join(case.reference for case in open_cases)})]


# --- Redaction: the person's names and numbers taken out of texts that are kept -----------------------------

_ACCENTED = {"a": "aáàâäã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "n": "nñ", "c": "cç",
             "y": "yý"}


def _letters(folded: str) -> str:
    """A pattern for a folded name that matches it written with or without accents, capitals or hyphens."""
    parts = []
    for ch in folded:
        if ch == " ":
            parts.append(r"[\s\-]+")
        elif ch in _ACCENTED:
            parts.append(f"[{_ACCENTED[ch]}]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _spaced(chars: str) -> str:
    """A pattern for a number written with spaces, dots, dashes or brackets between its characters."""
    return r"[\s.\-()]*".join(re.escape(ch) for ch in chars)


class Redactor:
    """Replaces the names, phone numbers, emails and document numbers of some records by "[…]" in a text.
    Built before the records are anonymized: afterwards nothing is left to know them by."""

    def __init__(self, people: Iterable[Participant]):
        names, numbers = set(), set()
        for person in people:
            for text in (person.full_name, person.given_names, person.family_names, person.preferred_name):
                folded = fold(text)
                if len(folded) >= 3:
                    names.add(folded)
                names.update(word for word in folded.split() if len(word) >= 3 and word not in PARTICLES)
            phone = digits(person.phone)
            if len(phone) >= 7:
                numbers.update({phone, phone[-10:], phone[-7:]})
            document = re.sub(r"[\s.\-]", "", person.document_number)
            if len(document) >= 4:
                numbers.add(document)
        # Emails before names (the name is part of many addresses), the longest first: a full name goes as
        # one piece, not as two names and a space.
        patterns = [re.escape(person.email) for person in people if person.email]
        # A number may start with + or with an area code in brackets, "(311) 987 6543".
        patterns += [rf"(?<!\w)(?:\+|\((?=\d{{1,4}}\)))?{_spaced(number)}(?!\w)"
                     for number in sorted(numbers, key=len, reverse=True)]
        patterns += [rf"(?<!\w){_letters(name)}(?!\w)" for name in sorted(names, key=len, reverse=True)]
        self.pattern = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    def __call__(self, text: str) -> str:
        return self.pattern.sub(REDACTED, text) if self.pattern and text else text


def _redact_rows(queryset, fields: Iterable[str], redact: Redactor) -> int:
    """Redact `fields` of every row of `queryset`; the number of rows changed."""
    fields = list(fields)
    changed = 0
    for row in queryset.only("pk", *fields):
        new = {name: redact(getattr(row, name)) for name in fields}
        new = {name: value for name, value in new.items() if value != getattr(row, name)}
        if new:
            queryset.model._default_manager.filter(pk=row.pk).update(**new)
            changed += 1
    return changed


# --- The anonymization ---------------------------------------------------------------------------------------

class _Touched:
    """The kinds of records changed, for the audit entry (names of models, never values)."""

    def __init__(self):
        self.labels: set[str] = set()

    def add(self, model: type[models.Model], count: int) -> None:
        if count:
            self.labels.add(model._meta.label_lower)


def _anonymize_records(records: list[Participant], name: str) -> None:
    cleared = {field: "" for field in CLEARED_FIELDS if _has_field(Participant, field)}
    for record in records:
        for field, value in cleared.items():
            setattr(record, field, value)
        record.given_names, record.household = name, None
        record.refresh_derived()
        record.version = F("version") + 1
        record.save()
        record.refresh_from_db()


def _households(households: set[int], pks: list[int], redact: Redactor, touched: _Touched) -> None:
    for household in Household.objects.filter(pk__in=households):
        remaining = Participant.objects.filter(household=household).exclude(pk__in=pks).order_by("pk").first()
        if remaining is None:
            household.name, household.address = str(ANONYMOUS_HOUSEHOLD), ""
        else:
            if redact(household.name) != household.name:
                household.name = str(HOUSEHOLD_OF % {"code": remaining.code})
            household.address = redact(household.address)
        household.save(update_fields=["name", "address"])
        touched.add(Household, 1)


def _cases(pks: list[int], erased: str, touched: _Touched) -> None:
    touched.add(Case, Case.objects.filter(participant__in=pks).update(summary="", closure_note="",
                                                                      version=F("version") + 1))
    of_cases = {"case__participant__in": pks}
    touched.add(Assessment, Assessment.objects.filter(**of_cases).update(notes=""))
    touched.add(Goal, Goal.objects.filter(**of_cases).update(title=erased))
    touched.add(Action, Action.objects.filter(goal__case__participant__in=pks).update(description=erased))
    touched.add(FollowUp, FollowUp.objects.filter(**of_cases).update(purpose="", outcome_note=""))
    touched.add(Note, Note.objects.filter(**of_cases).update(body=erased))
    referrals = Referral.objects.filter(participant__in=pks)
    # A referral outside the center needs a consent or the written reason to override it: the reason's
    # place stays filled.
    referrals.exclude(override_reason="").update(override_reason=erased)
    touched.add(Referral, referrals.update(reason=erased, answer_note="", feedback="", version=F("version") + 1))


def _cocreation(pks: list[int], erased: str, redact: Redactor, touched: _Touched) -> None:
    proposals = Proposal.objects.filter(author__in=pks)
    proposal_ids = list(proposals.values_list("pk", flat=True))
    touched.add(Proposal, proposals.update(author=None, version=F("version") + 1))
    mine = Proposal.objects.filter(pk__in=proposal_ids)
    _redact_rows(mine, ("title", "description", "area", "answer"), redact)
    touched.add(Comment, Comment.objects.filter(participant__in=pks).update(body=erased))
    touched.add(Comment, _redact_rows(Comment.objects.filter(proposal__in=proposal_ids), ("body",), redact))
    touched.add(Meeting, _redact_rows(Meeting.objects.filter(attendees__in=pks).distinct(), ("agenda", "minutes"),
                                      redact))


def _feedback(records: list[Participant], erased: str, redact: Redactor, touched: _Touched) -> None:
    for record in records:
        signed, named = feedback_of(record)
        for message in signed:
            message.body, message.contact_name, message.contact = erased, "", ""
            message.response = erased if message.response else ""
            message.version = F("version") + 1
            message.save(update_fields=["body", "contact_name", "contact", "response", "version"])
        for message in named:
            message.contact_name = ""
            message.body, message.response = redact(message.body), redact(message.response)
            message.version = F("version") + 1
            message.save(update_fields=["body", "contact_name", "response", "version"])
        touched.add(Feedback, len(signed) + len(named))


def _portal_codes(records: list[Participant], touched: _Touched) -> None:
    """One-time codes (and whatever else the portal keeps per destination) sent to the person's phone or email."""
    destinations = set()
    for record in records:
        email, phone = contact_points(record)
        destinations |= {email, record.phone_e164}
    destinations = {destination_key(destination) for destination in destinations if destination}
    if not destinations:
        return
    for model in apps.get_app_config("portal").get_models():
        if _has_field(model, "destination"):
            deleted, _by_model = model._default_manager.filter(center_id=records[0].center_id,
                                                               destination__in=destinations).delete()
            touched.add(model, deleted)


def _merges(pks: list[int], anonymous: dict[str, Any], touched: _Touched) -> None:
    """The merges' copies of the records as they were before (kept to undo a merge) lose what identified them."""
    for merge in Merge.objects.filter(Q(kept__in=pks) | Q(merged__in=pks)):
        for snapshot, owner in (("kept_before", merge.kept_id), ("merged_before", merge.merged_id)):
            values = getattr(merge, snapshot)
            if owner in pks and values:
                setattr(merge, snapshot, {attname: anonymous.get(attname, value) for attname, value in values.items()})
        merge.save(update_fields=["kept_before", "merged_before"])
        touched.add(Merge, 1)


def _published_reports(center_id: int, redact: Redactor, touched: _Touched) -> None:
    """Published reports list implemented proposals by title (the only text of people's in them): a title
    naming the person loses the name. Their figures are numbers, which stay as they were published."""
    reports = AccountabilityReport.objects.filter(Q(center_id=center_id) | Q(center__isnull=True),
                                                  published__isnull=False)
    for report in reports:
        titles = report.published.get("implemented") or []
        redacted = [redact(title) for title in titles]
        if redacted != titles:
            report.published = {**report.published, "implemented": redacted}
            report.save(update_fields=["published"])
            touched.add(AccountabilityReport, 1)


@transaction.atomic
def anonymize_participant(person: Participant, *, reason: str, actor) -> Participant:
    """Erase what identifies `person` and every text about them, keeping every figure (see the module
    docstring). Refused when a legal hold lasts (an open case), for a record merged into another one (the
    kept record is the one to anonymize) and for a person anonymized already."""
    if reason not in Reason.values:
        raise Refused(_("Choose why the person's data is erased."))
    person = Participant.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise Refused(_("This record was merged into another one: anonymize the record it was merged into."))
    if anonymized_at(person) is not None:
        raise Refused(_("This person was anonymized already."))
    records = [person, *_merged_records(person)]
    holds = legal_holds(records)
    if holds:
        raise Refused(holds[0])
    pks = [record.pk for record in records]
    redact = Redactor(records)
    households = {record.household_id for record in records if record.household_id}
    name = stored_name()
    with translation.override(settings.LANGUAGE_CODE):
        erased = str(ERASED)
    touched = _Touched()

    # What names the person elsewhere is found by their contact data: before it is cleared.
    _feedback(records, erased, redact, touched)
    _portal_codes(records, touched)

    _anonymize_records(records, name)
    _households(households, pks, redact, touched)

    touched.add(Consent, Consent.objects.filter(participant__in=pks).update(given_by_name=""))
    Consent.objects.filter(participant__in=pks, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=actor if getattr(actor, "is_authenticated", False) else None)

    deliveries = ServiceDelivery.objects.filter(participant__in=pks)
    touched.add(ServiceDelivery, deliveries.exclude(note="").update(note=""))
    touched.add(ServiceDelivery, _redact_rows(ServiceDelivery.objects.filter(provided_by__in=pks), ("note",), redact))
    touched.add(Satisfaction, Satisfaction.objects.filter(delivery__participant__in=pks).exclude(comment="")
                .update(comment=""))

    _cases(pks, erased, touched)
    _cocreation(pks, erased, redact, touched)
    touched.add(DataRequest, _redact_rows(DataRequest.objects.filter(participant__in=pks),
                                          ("made_by", "details", "extension_reason", "answer"), redact))
    touched.add(DuplicatePair, DuplicatePair.objects.filter(Q(first__in=pks) | Q(second__in=pks)).delete()[0])
    _merges(pks, {"given_names": name, "household_id": None,
                  **{field: "" for field in CLEARED_FIELDS if _has_field(Participant, field)}}, touched)
    _published_reports(person.center_id, redact, touched)

    audit.record(ACTION, person, actor=actor, center=person.center,
                 fields=[f"reason:{reason}", f"records:{len(records)}", *sorted(touched.labels)])
    return person

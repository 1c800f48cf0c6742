"""Everything the center holds about one person: the answer to the right of access (Colombia's Ley 1581 de
2012, arts. 8 and 14; the ICRC Handbook on Data Protection in Humanitarian Action, "Rights of data
subjects"), given as a PDF to read and as JSON to take elsewhere, in the person's language.

One document, built here for both: sections (`Part`s) of entries, each entry a list of fields with a
stable `key`, a `label` in the person's language and the `value` as the person reads it (coded answers
also carry their `code`). Nested parts hold the plan, follow-ups and referrals of a case.

What is left out, and said so in the document:

- *other people's data*: the household gives the person's relationship only, never the other members;
  a service the person gave names no recipient; supports name no other supporter;
- *confidential case notes*: the ICRC Handbook allows withholding what would endanger others (a note may
  record what a relative or a neighbour disclosed); their number is given, and the person may ask the
  coordinator for what concerns only them;
- *cases the staff member does not follow*, when a case worker produces the document (a coordinator's
  holds them all): the document says how many are missing.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integrhabitat.audit import services as audit
from integrhabitat.cases.models import Assessment, Case, FollowUp, Note, Referral
from integrhabitat.cocreation.models import Comment, Meeting, Proposal, Support
from integrhabitat.communities.models import Attendance, Group, Member
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.lib.text import digits, fold
from integrhabitat.people.models import Consent, Participant
from integrhabitat.privacy.models import DataRequest
from integrhabitat.services.models import ServiceDelivery

FORMAT = "integrhabitat-subject-data/1"
Field = dict[str, Any]
Entry = dict[str, Any]
Part = dict[str, Any]

IDENTITY_FIELDS = ("code", "given_names", "family_names", "preferred_name", "birth_date", "birth_date_estimated",
                   "age_band", "sex", "gender", "nationality", "phone", "email", "preferred_language",
                   "preferred_channel", "document_type", "document_number", "created_at")


def language_of(person: Participant) -> str:
    """The language the person reads: their preferred one when the platform speaks it."""
    spoken = {code for code, _name in settings.LANGUAGES}
    return person.preferred_language if person.preferred_language in spoken else settings.LANGUAGE_CODE


# --- Finding what is about the person ----------------------------------------------------------------------

def record_ids(person: Participant) -> list[int]:
    """The person's record and the records merged into it (rows a merge could not move stay on those)."""
    ids, frontier = [person.pk], [person.pk]
    while frontier:
        frontier = list(Participant.objects.filter(merged_into_id__in=frontier).exclude(pk__in=ids)
                        .values_list("pk", flat=True))
        ids += frontier
    return ids


def contact_points(person: Participant) -> tuple[str, str]:
    """(lower-cased email, phone digits when 7 or more): how a message signed by the person is told apart."""
    phone = digits(person.phone)
    return person.email.strip().lower(), phone if len(phone) >= 7 else ""


def _same_phone(a: str, b: str) -> bool:
    # As the portal compares them: typed with or without the country code.
    return len(a) >= 7 and len(b) >= 7 and (a.endswith(b) or b.endswith(a))


def _matches(contact: str, email: str, phone: str) -> bool:
    contact = contact.strip()
    if "@" in contact:
        return bool(email) and contact.lower() == email
    return bool(phone) and _same_phone(digits(contact), phone)


def _shared_contact(person: Participant) -> bool:
    """Whether someone else of the center has the same email or phone (a family's one phone): a message
    signed with it is then not told apart by it alone."""
    others = Participant.objects.filter(center_id=person.center_id).exclude(pk__in=record_ids(person))
    return others.filter(Participant.by_identifier("email", person.email)
                         | Participant.by_identifier("phone", person.phone_e164)).exists()


def feedback_of(person: Participant) -> tuple[list[Feedback], list[Feedback]]:
    """The messages (suggestions, complaints, compliments) the person sent, as far as they can be told:
    (signed with their phone or email, and their name too when someone else shares that contact;
    signed with their name only). A message carries no link to a person: anyone may write anonymously."""
    email, phone = contact_points(person)
    name = fold(person.full_name)
    shared = _shared_contact(person)
    signed, named = [], []
    candidates = Feedback.objects.filter(center_id=person.center_id).filter(~Q(contact="") | ~Q(contact_name=""))
    for message in candidates.select_related("service").order_by("received_at", "pk"):
        same_name = bool(name) and fold(message.contact_name) == name
        if _matches(message.contact, email, phone) and (same_name or not shared):
            signed.append(message)
        elif same_name and not message.contact.strip():
            named.append(message)
    return signed, named


# --- Building the document ----------------------------------------------------------------------------------

def _field(key: str, label, value, code=None) -> Field:
    field = {"key": key, "label": str(label), "value": value}
    if code is not None:
        field["code"] = code
    return field


def field_of(obj: models.Model, name: str, label=None) -> Field:
    """One field of a record as the person reads it: choices by their label, yes/no in words, empty as None."""
    model_field = obj._meta.get_field(name)
    label = label or capfirst(model_field.verbose_name)
    value = getattr(obj, name)
    if name == "nationality":
        return _field(name, label, value.name if value else None, value.code if value else None)
    if isinstance(value, bool):
        return _field(name, label, _("Yes") if value else _("No"), value)
    if model_field.choices and value not in ("", None):
        return _field(name, label, str(getattr(obj, f"get_{name}_display")()), value)
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return _field(name, label, None if value in ("", None) else value)


def _fields(obj: models.Model, names: Iterable[str]) -> list[Field]:
    return [field_of(obj, name) for name in names]


def _part(key: str, title, entries: list[Entry], *, note: str = "", table: bool = False,
          why_empty: bool = False) -> Part:
    """A section; `why_empty`: its note says why it has no entries (else the page says "nothing recorded")."""
    part = {"key": key, "title": str(title), "note": note, "table": table and bool(entries), "entries": entries}
    if why_empty:
        part["why_empty"] = True
    return part


def _entry(fields: list[Field], *, title: str = "", note: str = "", parts: list[Part] | None = None) -> Entry:
    return {"title": title, "note": note, "fields": fields, "parts": parts or []}


def _identity(person: Participant) -> list[Part]:
    parts = [_part("identity", _("Identity and contact"), [_entry(_fields(person, IDENTITY_FIELDS))])]
    merged = Participant.objects.filter(pk__in=record_ids(person)).exclude(pk=person.pk).order_by("created_at", "pk")
    if merged:
        parts.append(_part("merged_records", _("Other records of yours, merged into this one"),
                           [_entry(_fields(record, IDENTITY_FIELDS)) for record in merged],
                           note=_("You were registered more than once; the center joined the records. What "
                                  "they held is listed with this record.")))
    return parts


def _differential(person: Participant, sensitive: Mapping[str, Any] | None) -> Part:
    if sensitive is None:
        return _part("differential_approach", _("Differential approach"), [],
                     note=_("Not included: your role does not read these answers. A case worker or the "
                            "coordinator produces the complete document."), why_empty=True)
    return _part("differential_approach", _("Differential approach"), [_entry(_fields(person, sensitive))],
                 note=_("Answers that help the center serve each group of people fairly. They are counted in "
                        "the center's figures without names."))


def _household(person: Participant) -> Part:
    if person.household_id is None:
        return _part("household", _("Household"), [], note=_("Not part of a household."), why_empty=True)
    return _part("household", _("Household"), [_entry([field_of(person, "household_relationship")])],
                 note=_("Only your relationship in the household: the other members' data are theirs."))


def _consents(ids: list[int]) -> Part:
    entries = []
    for consent in Consent.objects.filter(participant__in=ids).select_related("organization").order_by("given_at",
                                                                                                        "pk"):
        fields = [field_of(consent, "purpose"),
                  _field("organization", _("Organization"), consent.organization.name if consent.organization
                         else None),
                  *_fields(consent, ("given_by", "given_by_name", "method", "given_at", "withdrawn_at"))]
        entries.append(_entry(fields))
    return _part("consents", _("Consents"), entries, table=True)


def _services(ids: list[int]) -> list[Part]:
    deliveries = (ServiceDelivery.objects.filter(participant__in=ids).select_related("service")
                  .order_by("delivered_on", "pk"))
    received = [_entry([field_of(d, "delivered_on"), _field("service", _("Service"), d.service.name),
                        field_of(d, "quantity"), field_of(d, "note")]) for d in deliveries]
    ratings = [_entry([_field("service", _("Service"), r.service.name if r.service else None),
                       _field("date", _("Date"), timezone.localtime(r.created_at)),
                       field_of(r, "score"), field_of(r, "comment")])
               for r in Satisfaction.objects.filter(delivery__participant__in=ids).select_related("service")
               .order_by("created_at", "pk")]
    given = [_entry([field_of(d, "delivered_on"), _field("service", _("Service"), d.service.name)])
             for d in ServiceDelivery.objects.filter(provided_by__in=ids).select_related("service")
             .order_by("delivered_on", "pk")]
    parts = [_part("services_received", _("Services received"), received, table=True),
             _part("ratings", _("Your ratings of services"), ratings, table=True)]
    if given:
        parts.append(_part("services_given", _("Services you gave to other participants"), given, table=True,
                           note=_("Without the names of the people who received them.")))
    return parts


def _groups(ids: list[int]) -> list[Part]:
    members = [_entry([_field("group", _("Group"), m.group.name), *_fields(m, ("role", "status", "joined_on",
                                                                             "left_on"))])
               for m in Member.objects.filter(participant__in=ids).select_related("group").order_by("joined_on", "pk")]
    attended = [_entry([_field("date", _("Date"), a.session.date), _field("group", _("Group"), a.session.group.name),
                        _field("topic", _("Topic"), a.session.topic or None)])
                for a in Attendance.objects.filter(participant__in=ids).select_related("session__group")
                .order_by("session__date", "pk")]
    parts = [_part("groups", _("Groups"), members, table=True),
             _part("attendance", _("Attendance at sessions"), attended, table=True)]
    facilitated = [_entry([_field("group", _("Group"), g.name)])
                   for g in Group.objects.filter(participant_facilitators__in=ids).distinct().order_by("name")]
    if facilitated:
        parts.append(_part("groups_facilitated", _("Groups you facilitate"), facilitated, table=True))
    sat_in = Meeting.objects.filter(attendees__in=ids).distinct().select_related("process").order_by("date", "pk")
    meetings = [_entry([_field("date", _("Date"), m.date), _field("process", _("Participatory process"),
                                                                  m.process.title)]) for m in sat_in]
    if meetings:
        parts.append(_part("meetings", _("Meetings of participatory processes you attended"), meetings, table=True))
    return parts


def _referral(referral: Referral) -> Entry:
    # Consent matters when data leave the center; an internal referral needs none.
    consent = None if not referral.is_external else _("Yes") if referral.consent_id else (
        _("No: the coordinator recorded the reason") if referral.override_reason else _("No"))
    fields = [_field("destination", _("Sent to"), referral.destination),
              *_fields(referral, ("reason", "urgency", "status")),
              _field("shared_fields", _("Data shared"), ", ".join(str(label) for label in referral.shared_labels)
                     or None, list(referral.shared_fields)),
              _field("with_consent", _("With your consent"), consent,
                     referral.consent_id is not None if referral.is_external else None),
              *_fields(referral, ("override_reason", "sent_at", "answered_at", "answer_note", "attended_at",
                                  "feedback", "closed_at"))]
    return _entry(fields)


def _case(case: Case) -> Entry:
    assessments = [_entry(_fields(a, ("assessed_on", *[f.name for f in Assessment._meta.concrete_fields
                                                        if f.name.startswith("need_")],
                                      "integration", "inclusion", "cohesion", "notes")))
                   for a in case.assessments.order_by("assessed_on", "pk")]
    goals = [_entry(_fields(g, ("title", "category", "due_on", "status")),
                    parts=[_part("actions", _("Steps taken"),
                                 [_entry(_fields(a, ("done_on", "description")))
                                  for a in g.actions.order_by("done_on", "pk")], table=True)])
             for g in case.goals.prefetch_related("actions").order_by("pk")]
    follow_ups = [_entry(_fields(f, ("due_on", "channel", "purpose", "done_on", "outcome", "outcome_note")))
                  for f in FollowUp.objects.filter(case=case).order_by("due_on", "pk")]
    referrals = [_referral(r) for r in case.referrals.select_related("organization", "service").order_by("created_at")]
    notes = Note.objects.filter(case=case).count()
    withheld = ngettext(
        "This case has %(count)s confidential note, not included: such notes may hold what other people "
        "told the center. You may ask the coordinator for what concerns only you.",
        "This case has %(count)s confidential notes, not included: such notes may hold what other people "
        "told the center. You may ask the coordinator for what concerns only you.", notes) % {"count": notes}
    fields = _fields(case, ("status", "priority", "summary", "opened_on", "closed_on", "closure_reason",
                            "closure_note"))
    return _entry(fields, title=_("Case %(reference)s") % {"reference": case.reference},
                  note=withheld if notes else "",
                  parts=[_part("assessments", _("Needs assessments"), assessments),
                         _part("goals", _("Plan goals"), goals),
                         _part("follow_ups", _("Follow-ups"), follow_ups, table=True),
                         _part("referrals", _("Referrals"), referrals)])


def _cases(ids: list[int], visible: QuerySet[Case] | None) -> Part:
    every = Case.objects.filter(participant__in=ids)
    shown = every if visible is None else every.filter(pk__in=visible.values("pk"))
    entries = [_case(case) for case in shown.select_related("center").order_by("opened_on", "pk")]
    missing = every.count() - len(entries)
    note = ngettext("%(count)s case followed by another team is not included: the coordinator produces the "
                    "complete document.",
                    "%(count)s cases followed by other teams are not included: the coordinator produces the "
                    "complete document.", missing) % {"count": missing} if missing else ""
    return _part("cases", _("Personal assistance"), entries, note=note)


def _cocreation(ids: list[int]) -> list[Part]:
    proposals = [_entry(_fields(p, ("title", "description", "category", "area", "status", "answer", "created_at")))
                 for p in Proposal.objects.filter(author__in=ids).order_by("created_at", "pk")]
    supports = [_entry([_field("proposal", _("Proposal"), s.proposal.title),
                        _field("date", _("Date"), timezone.localtime(s.created_at))])
                for s in Support.objects.filter(participant__in=ids).select_related("proposal")
                .order_by("created_at", "pk")]
    comments = [_entry([_field("proposal", _("Proposal"), c.proposal.title),
                        *_fields(c, ("body", "is_hidden", "created_at"))])
                for c in Comment.objects.filter(participant__in=ids).select_related("proposal")
                .order_by("created_at", "pk")]
    return [_part("proposals", _("Your proposals"), proposals),
            _part("supports", _("Proposals you support"), supports, table=True),
            _part("comments", _("Your comments on proposals"), comments, table=True)]


def _feedback(person: Participant) -> Part:
    signed, _named = feedback_of(person)
    entries = [_entry([_field("code", _("Tracking code"), f.code),
                       *_fields(f, ("kind", "category", "received_at", "status", "body", "response"))])
               for f in signed]
    return _part("feedback", _("Suggestions, complaints and compliments"), entries,
                 note=_("The messages signed with your phone or email. A message sent without them cannot be "
                        "told apart from other people's: follow it with its tracking code."))


def _requests(ids: list[int]) -> Part:
    entries = [_entry(_fields(r, ("kind", "channel", "received_on", "details", "status", "due_on", "answered_on",
                                  "outcome", "answer")))
               for r in DataRequest.objects.filter(participant__in=ids).order_by("received_on", "pk")]
    return _part("data_protection_requests", _("Your requests about your data"), entries)


def build(person: Participant, *, sensitive: Mapping[str, Any] | None,
          cases: QuerySet[Case] | None = None) -> dict[str, Any]:
    """The document about `person`, in their language. `sensitive` holds their differential-approach answers
    as the caller may read them (None: left out, and said so); `cases` limits the cases shown (None: all)."""
    center, ids = person.center, record_ids(person)
    with translation.override(language_of(person)):
        return {
            "format": FORMAT,
            "language": language_of(person),
            "generated_at": timezone.localtime(),
            "title": _("Your data at %(center)s") % {"center": center.name},
            "center": {"name": center.name, "city": center.city, "address": center.address or None,
                       "phone": center.phone or None, "email": center.email or None},
            "introduction": _(
                "This is everything %(center)s holds about you, on the day it was printed. You have the right "
                "to know it, to have it corrected or completed, to withdraw a consent and to ask for your data "
                "to be erased (in Colombia, Ley 1581 de 2012). Ask at the center, or through its participant "
                "portal; the center answers within the legal deadline.") % {"center": center.name},
            "parts": [
                *_identity(person),
                _differential(person, sensitive),
                _household(person),
                _consents(ids),
                *_services(ids),
                *_groups(ids),
                _cases(ids, cases),
                *_cocreation(ids),
                _feedback(person),
                _requests(ids),
            ],
        }


# --- Giving it out ------------------------------------------------------------------------------------------

def as_json(document: Mapping[str, Any]) -> str:
    return DjangoJSONEncoder(ensure_ascii=False, indent=2).encode(document)


def _shown(value) -> str:
    """A value as the printed page shows it, in the active language."""
    if value is None or value == []:
        return "—"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _for_print(part: Part) -> Part:
    entries = [{**entry, "fields": [{**field, "value": _shown(field["value"])} for field in entry["fields"]],
                "parts": [_for_print(inner) for inner in entry["parts"]]} for entry in part["entries"]]
    return {**part, "entries": entries}


def as_html(document: Mapping[str, Any]) -> str:
    """The printable page (WeasyPrint turns it into the PDF), in the document's language."""
    with translation.override(document["language"]):
        shown = {**document, "generated_at": _shown(document["generated_at"]),
                 "parts": [_for_print(part) for part in document["parts"]]}
        return render_to_string("privacy/rights/subject_data_print.html", {"document": shown})


def record_download(person: Participant, *, channel: str, file_format: str, actor) -> None:
    """Every copy given out is in the audit log: who (None: the person, in the portal), how and in what form."""
    audit.record("privacy.subject_data.downloaded", person, actor=actor, center=person.center,
                 fields=[f"channel:{channel}", f"format:{file_format}"])


def filename(person: Participant, extension: str, today: date | None = None) -> str:
    return f"{person.code}-{(today or timezone.localdate()).isoformat()}.{extension}"

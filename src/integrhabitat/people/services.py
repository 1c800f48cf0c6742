"""Changes to people, households and consents. Each is atomic and writes an audit entry."""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.lib.concurrency import locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.lib.text import visible_text
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import SENSITIVE_VIEW
from integrhabitat.people.models import Consent, DocumentType, Household, Participant, Relationship

BATCH_SIZE = 1000  # rows per insert when registering many people at once
# What identifies a person is stored as it looks: no bidi overrides, zero-width or control characters
# (forms, the API, imports and the portal all register and correct people through this module).
VISIBLE_FIELDS = ("given_names", "family_names", "preferred_name", "document_number", "phone", "email")


def visible(data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` with the identifying fields reduced to their visible text (`lib.text.visible_text`);
    `Refused` if that leaves the person without a name."""
    data = {name: visible_text(value) if name in VISIBLE_FIELDS and isinstance(value, str) else value
            for name, value in data.items()}
    if "given_names" in data and not data["given_names"]:
        raise Refused(_("Write at least one name."))
    return data


def allocate_codes(center: Center, count: int) -> list[str]:
    """The next `count` person codes of `center`, consecutive, like `BOG-00042`; safe under concurrent
    registrations (the update locks the center's row until the transaction ends)."""
    Center.objects.filter(pk=center.pk).update(participant_seq=F("participant_seq") + count)
    seq = Center.objects.values_list("participant_seq", flat=True).get(pk=center.pk)
    return [f"{center.code}-{number:05d}" for number in range(seq - count + 1, seq + 1)]


def allocate_code(center: Center) -> str:
    """The next person code of `center`, like `BOG-00042`; safe under concurrent registrations."""
    return allocate_codes(center, 1)[0]


def registered_fields(data: Mapping[str, Any]) -> list[str]:
    """The fields named by a registration's audit entry: those filled in, except sensitive ones (that
    one was filled would reveal its value)."""
    return [name for name, value in data.items()
            if value not in ("", None, False) and name not in Participant.SENSITIVE_FIELDS]


def _new_participant(center: Center, data: Mapping[str, Any], *, code: str, actor, given_at,
                     token: uuid.UUID | None = None) -> Participant:
    # Registration happens when the consent is given (earlier when registering from paper forms).
    person = Participant(center=center, code=code, registration_token=token, created_by=actor, created_at=given_at,
                         **visible(data))
    person.refresh_derived()
    return person


def _consents(person: Participant, consent: Mapping[str, Any], *, also_for: Sequence[str] = (),
              actor) -> list[Consent]:
    given = {k: v for k, v in consent.items() if k not in ("given_at", "purpose")}
    return [Consent(participant=person, purpose=purpose, recorded_by=actor, given_at=person.created_at, **given)
            for purpose in [consent["purpose"], *also_for]]


@transaction.atomic
def register_participant(
    center: Center,
    data: Mapping[str, Any],
    *,
    consent: Mapping[str, Any],
    actor,
    token: uuid.UUID | None = None,
    also_for: Sequence[str] = (),
) -> tuple[Participant, bool]:
    """Register a person with their consent to data processing (and, given the same way, to the
    purposes in `also_for`, such as being contacted).

    `token` comes from the form that was shown: submitting the same form twice returns the
    person registered the first time (`created` is False) instead of a duplicate.
    """
    if token is not None:
        existing = Participant.objects.filter(center=center, registration_token=token).first()
        if existing is not None:
            return existing, False
    person = _new_participant(center, data, code=allocate_code(center), actor=actor,
                              given_at=consent.get("given_at") or timezone.now(), token=token)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # A concurrent submit of the same form won the race: hand back its record.
        if token is not None:
            existing = Participant.objects.filter(center=center, registration_token=token).first()
            if existing is not None:
                return existing, False
        raise
    for given in _consents(person, consent, also_for=also_for, actor=actor):
        given.save(force_insert=True)
    audit.record("people.participant.registered", person, actor=actor, fields=registered_fields(data))
    return person, True


def for_minor(person: Participant, consent: Mapping[str, Any], *, guardian: str = "") -> Mapping[str, Any]:
    """`consent` as recorded for `person`: a child's or adolescent's "given by the person" is their parent's or
    guardian's (on a list signed on paper, it was the guardian who signed); a `guardian` named on the list
    gave it, whatever the person's age."""
    if guardian:
        return {**consent, "given_by": Consent.GivenBy.GUARDIAN, "given_by_name": visible_text(guardian)}
    if consent.get("given_by", Consent.GivenBy.SELF) == Consent.GivenBy.SELF and person.is_minor():
        return {**consent, "given_by": Consent.GivenBy.GUARDIAN}
    return consent


@transaction.atomic
def register_participants(center: Center, rows: Sequence[Mapping[str, Any]], *, consent: Mapping[str, Any],
                          actor, guardians: Sequence[str] = ()) -> list[Participant]:
    """Register many people at once (an import), each with the same kind of `consent` (given by the
    `guardians` named, row by row, where given), as `register_participant` would one by one (consecutive
    codes, a consent and an audit entry each), but in a few queries per thousand people."""
    if not rows:
        return []
    people = [
        _new_participant(center, data, code=code, actor=actor, given_at=consent.get("given_at") or timezone.now())
        for data, code in zip(rows, allocate_codes(center, len(rows)), strict=True)
    ]
    # The consents need the people's primary keys: bulk_create sets them (PostgreSQL, SQLite 3.35+).
    Participant.objects.bulk_create(people, batch_size=BATCH_SIZE)
    guardians = list(guardians) or [""] * len(people)
    Consent.objects.bulk_create([given for person, guardian in zip(people, guardians, strict=True)
                                 for given in _consents(person, for_minor(person, consent, guardian=guardian),
                                                        actor=actor)],
                                batch_size=BATCH_SIZE)
    audit.record_many("people.participant.registered",
                      [(person, registered_fields(data)) for person, data in zip(people, rows, strict=True)],
                      actor=actor)
    return people


@transaction.atomic
def update_participant(person: Participant, data: Mapping[str, Any], *, version: int, actor) -> Participant:
    """Save changes to a person if nobody else saved since `version` was read (else `StaleEdit`)."""
    current = locked_current(person, version)
    changed = assign(current, visible(data))
    if not changed:
        return current
    current.refresh_derived()
    save_versioned(current)
    audit.record("people.participant.updated", current, actor=actor, fields=changed)
    return current


# Document types that tell a person's human-mobility status as plainly as the status itself.
STATUS_DOCUMENTS = frozenset({DocumentType.FOREIGNER_ID, DocumentType.PERMIT})


def document_type_for(person: Participant, *, sensitive: bool) -> str:
    """The person's document type as a role may read it: "" when the type tells their mobility status
    (a foreigner's card, a protection permit) and the role does not read sensitive data."""
    return "" if person.document_type in STATUS_DOCUMENTS and not sensitive else person.document_type


def document_label(person: Participant, *, sensitive: bool) -> str:
    """What the profile says of the document: its name (or type), issuing country and number; the type as
    "Identity document" when `document_type_for` hides it (its name and country would tell as much); ""
    without a number."""
    if not person.document_number:
        return ""
    shown = document_type_for(person, sensitive=sensitive)
    if not shown:
        return f"{_('Identity document')} {person.document_number}"
    kind = person.document_name or DocumentType(shown).label
    country = f" ({person.document_country.name})" if person.document_country else ""
    return f"{kind}{country} {person.document_number}"


def can_see_sensitive(membership: Membership | None) -> bool:
    return membership is not None and membership.has_perm(SENSITIVE_VIEW)


def read_sensitive(person: Participant, *, membership: Membership | None) -> dict[str, Any] | None:
    """The gate to a person's sensitive attributes: None for roles that may not see them;
    otherwise their values, and the read is written to the audit log."""
    if not can_see_sensitive(membership) or membership.center_id != person.center_id:
        return None
    audit.record("people.participant.sensitive_viewed", person, actor=membership.user)
    return {name: getattr(person, name) for name in Participant.SENSITIVE_FIELDS}


@transaction.atomic
def record_consent(person: Participant, *, purpose: str, given_by: str, given_by_name: str = "",
                   method: str, actor, organization=None) -> Consent:
    """Record a consent (for referrals, to share with one `organization`); a consent already active
    for the same purpose and organization is replaced by the new one."""
    now = timezone.now()
    Consent.objects.filter(
        participant=person, purpose=purpose, organization=organization, withdrawn_at__isnull=True
    ).update(withdrawn_at=now, withdrawn_by=actor)
    consent = Consent.objects.create(
        participant=person, purpose=purpose, organization=organization, given_by=given_by,
        given_by_name=given_by_name, method=method, given_at=now, recorded_by=actor,
    )
    audit.record("people.consent.recorded", consent, actor=actor, center=person.center, fields=[purpose])
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, actor) -> Consent:
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = actor
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit.record("people.consent.withdrawn", consent, actor=actor, center=consent.participant.center,
                     fields=[consent.purpose])
    return consent


@transaction.atomic
def create_household(head: Participant, *, actor, address: str = "") -> Household:
    """Start a household with `head` as its head."""
    household = Household.objects.create(
        center=head.center, name=head.family_names or head.full_name, address=visible_text(address)
    )
    Participant.objects.filter(pk=head.pk).update(household=household, household_relationship=Relationship.HEAD)
    audit.record("people.household.created", household, actor=actor)
    return household


@transaction.atomic
def add_household_member(household: Household, person: Participant, relationship: str, *, actor) -> None:
    if person.center_id != household.center_id:
        raise ValueError("A household holds people of one center only.")
    Participant.objects.filter(pk=person.pk).update(household=household, household_relationship=relationship)
    audit.record("people.household.member_added", household, actor=actor, fields=[person.code])


@transaction.atomic
def remove_household_member(household: Household, person: Participant, *, actor) -> None:
    Participant.objects.filter(pk=person.pk, household=household).update(household=None, household_relationship="")
    audit.record("people.household.member_removed", household, actor=actor, fields=[person.code])

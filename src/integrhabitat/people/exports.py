"""The people of a list as rows for a spreadsheet: the columns a role may read, labels in the user's
language. Sensitive answers (`Participant.SENSITIVE_FIELDS`) only for roles that read them."""

from collections.abc import Iterable

from django.utils.translation import gettext

from integrhabitat.people.models import Participant

BASIC = ("code", "given_names", "family_names", "preferred_name", "birth_date", "birth_date_estimated", "age_band",
         "sex", "nationality", "preferred_language", "phone", "email", "document_type", "document_number")


def _value(person: Participant, name: str):
    field = Participant._meta.get_field(name)
    value = getattr(person, name)
    if name == "nationality":
        return value.name if value else ""
    if field.choices and value not in (None, ""):
        return str(getattr(person, f"get_{name}_display")())
    if isinstance(value, bool):
        return str(field.verbose_name) if value else ""
    return value


def participant_rows(people: Iterable[Participant], *, with_sensitive: bool):
    """(header, rows) for `people`, each annotated with `last_seen`, the day they were last served."""
    names = BASIC + (Participant.SENSITIVE_FIELDS if with_sensitive else ())
    header = [str(Participant._meta.get_field(n).verbose_name).capitalize() for n in names]
    header += [gettext("Registered on"), gettext("Last served on")]
    rows = [[_value(p, n) for n in names] + [p.created_at.date(), getattr(p, "last_seen", None)] for p in people]
    return header, rows

"""The columns of the people list's download (`network/exports.py`, the one export path), labels in the user's
language. Sensitive answers (`Participant.SENSITIVE_FIELDS`) only for roles that read them."""

from collections.abc import Callable

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from integrhabitat.lib.spreadsheets import Cell
from integrhabitat.network.exports import Column
from integrhabitat.network.roles import SENSITIVE_VIEW
from integrhabitat.people.models import Participant

BASIC = ("code", "given_names", "family_names", "preferred_name", "birth_date", "birth_date_estimated", "age_band",
         "sex", "nationality", "preferred_language", "phone", "email", "document_type", "document_number")


def _label(name: str) -> str:
    return str(Participant._meta.get_field(name).verbose_name).capitalize()


def _value(name: str) -> Callable[[Participant], Cell]:
    field = Participant._meta.get_field(name)

    def value(person: Participant):
        found = getattr(person, name)
        if name == "nationality":
            return found.name if found else ""
        if field.choices and found not in (None, ""):
            return str(getattr(person, f"get_{name}_display")())
        if isinstance(found, bool):
            return str(field.verbose_name) if found else ""
        return found
    return value


def _column(name: str, perm: str | None = None) -> Column:
    return Column(name, lazy(_label, str)(name), _value(name), perm)


# Each person is annotated with `last_seen`, the day they were last served.
PARTICIPANT_COLUMNS = [
    *(_column(name) for name in BASIC),
    *(_column(name, SENSITIVE_VIEW) for name in Participant.SENSITIVE_FIELDS),
    Column("created_at", gettext_lazy("Registered on"), lambda person: person.created_at.date()),
    Column("last_seen", gettext_lazy("Last served on"), lambda person: getattr(person, "last_seen", None)),
]

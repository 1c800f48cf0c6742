"""Checking the rows of a file against the center's data: what each row will do, and every problem found,
by row number and column. The same check runs for the preview and, again, inside the import."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from integrhabitat.communities.models import Group
from integrhabitat.imports.models import Kind
from integrhabitat.imports.reading import ListShape, as_text, header_key, parse_date
from integrhabitat.lib.crypto import blind_indexes
from integrhabitat.lib.forms import EARLIEST_DATE, clean_phone
from integrhabitat.lib.text import compact_document, digits, fold, no_value
from integrhabitat.people import search
from integrhabitat.people.models import MIN_DOCUMENT, DocumentType, Participant, Sex
from integrhabitat.services.models import Service

# The fields each kind of file may fill, and those it needs.
FIELD_LABELS = {
    "given_names": _("Given names"),
    "family_names": _("Family names"),
    "birth_date": _("Birth date"),
    "sex": _("Sex"),
    "nationality": _("Nationality"),
    "phone": _("Phone"),
    "email": _("Email"),
    "document_type": _("Document type"),
    "document_number": _("Document number"),
    "code": _("Person's code"),
    "service": _("Service"),
    "date": _("Date"),
    "quantity": _("Quantity"),
    "note": _("Note"),
    "group": _("Group"),
    "session": _("Session topic"),
}
KIND_FIELDS = {
    Kind.PEOPLE: ("given_names", "family_names", "birth_date", "sex", "nationality", "phone", "email",
                  "document_type", "document_number"),
    Kind.DELIVERIES: ("code", "document_number", "service", "date", "quantity", "note"),
    Kind.ATTENDANCE: ("code", "document_number", "group", "date", "session"),
}
REQUIRED = {
    Kind.PEOPLE: ("given_names",),
    Kind.DELIVERIES: ("service", "date"),
    Kind.ATTENDANCE: ("group", "date"),
}
# Cells where "N/A", "no tiene", "sin documento", "-"... (`lib.text.no_value`) mean the cell is empty.
MAY_SAY_NONE = ("document_type", "document_number", "phone", "email")
MAX_LENGTHS = {"given_names": 120, "family_names": 120, "phone": 40, "email": 254, "document_number": 40,
               "note": 500, "session": 200}
# Fuzzy look-alike search is slow on big centers: it runs on this many new people per file at most.
DUPLICATE_CHECK_LIMIT = 2000

# Problem codes → the message shown, in the reader's language. `error` rows are not imported.
MESSAGES = {
    "required": _("Empty, but it is required."),
    "name_required": _("The given name is missing: every person needs at least one."),
    "person_missing": _("Neither the person's code nor a document number is given."),
    "invalid_date": _("“%(value)s” is not a date: write it as dd/mm/yyyy."),
    "future_date": _("The date cannot be in the future."),
    "old_date": _("The date cannot be before 1900."),
    "invalid_choice": _("“%(value)s” is not one of the accepted values."),
    "invalid_phone": _("“%(value)s” is not a phone number."),
    "invalid_email": _("“%(value)s” is not an email address."),
    "invalid_number": _("“%(value)s” is not a whole number of 1 or more."),
    "too_long": _("Too long: at most %(max)s characters."),
    "unknown_service": _("No service of this center is called “%(value)s”."),
    "inactive_service": _("The service “%(value)s” is not active."),
    "unknown_group": _("No group of this center is called “%(value)s”."),
    "unknown_person": _("No person of this center has the code or document “%(value)s”."),
    "possible_duplicate": _("May be the same person as %(name)s (%(code)s), already registered."),
    "exact_match": _("The same person as %(name)s (%(code)s): linked, not registered again."),
    "same_in_file": _("The same person as in row %(row)s of this file: registered once."),
    "already_imported": _("Imported before: nothing new is created."),
    "repeated_row": _("The same as row %(row)s of this file: imported once."),
    "refused": _("Not imported: %(reason)s"),
    "not_a_document": _("“%(value)s” is not a document number: taken as no document."),
    "skipped_totals": _("Skipped: a row of totals, not a record."),
    "skipped_note": _("Skipped: a note, not a record."),
    "skipped_header": _("Skipped: the header, repeated."),
    "skipped_separator": _("Skipped: a separator line, without data."),
}
ERROR, WARNING, INFO = "error", "warning", "info"
NOT_A_RECORD = "not_a_record"


def problem_message(problem: dict) -> str:
    message = MESSAGES.get(problem["code"], problem["code"])
    params = problem.get("params") or {}
    return str(message) % params if params else str(message)


@dataclass
class RowCheck:
    number: int
    values: dict[str, Any] = field(default_factory=dict)  # cleaned, by target field
    problems: list[dict] = field(default_factory=list)
    fingerprint: str = ""
    person: Participant | None = None  # the existing person a row links to or is about
    same_as_row: int | None = None  # a people row naming the person of an earlier row
    outcome: str = "create"  # create, link, unchanged, repeated, or not_a_record (totals, notes…: skipped)

    @property
    def is_valid(self) -> bool:
        return not any(p["level"] == ERROR for p in self.problems)

    @property
    def has_duplicate_warning(self) -> bool:
        return any(p["code"] == "possible_duplicate" for p in self.problems)

    def add(self, column: str, problem: str, level: str = ERROR, /, **params) -> None:
        self.problems.append({"row": self.number, "column": column, "code": problem, "level": level,
                              "params": {k: str(v) for k, v in params.items()}})


def suggest_mapping(header: list[str], kind: str) -> dict[str, str]:
    """Column index (as text) → target field, from the header's words; each field at most once."""
    allowed = KIND_FIELDS[kind]
    mapping, used = {}, set()
    for index, title in enumerate(header):
        key = header_key(title)
        if key == "code" and kind == Kind.PEOPLE:
            continue
        if key in allowed and key not in used:
            mapping[str(index)] = key
            used.add(key)
    return mapping


def header_signature(header: list[str]) -> str:
    return hashlib.sha256("\x1f".join(fold(h) for h in header).encode()).hexdigest()


# --- Choice words -------------------------------------------------------------------------------------

SEX_WORDS = {
    "f": Sex.FEMALE, "femenino": Sex.FEMALE, "mujer": Sex.FEMALE, "female": Sex.FEMALE, "woman": Sex.FEMALE,
    "m": Sex.MALE, "masculino": Sex.MALE, "hombre": Sex.MALE, "h": Sex.MALE, "male": Sex.MALE, "man": Sex.MALE,
    "intersexual": Sex.INTERSEX, "intersex": Sex.INTERSEX, "i": Sex.INTERSEX,
    "no informa": Sex.UNKNOWN, "sin dato": Sex.UNKNOWN, "nd": Sex.UNKNOWN, "no responde": Sex.UNKNOWN,
}
DOCUMENT_WORDS = {
    "cc": DocumentType.NATIONAL_ID, "cedula": DocumentType.NATIONAL_ID, "cedula de ciudadania":
    DocumentType.NATIONAL_ID, "ti": DocumentType.NATIONAL_ID, "tarjeta de identidad": DocumentType.NATIONAL_ID,
    "dni": DocumentType.NATIONAL_ID, "ci": DocumentType.NATIONAL_ID, "cedula de identidad": DocumentType.NATIONAL_ID,
    "ce": DocumentType.FOREIGNER_ID, "cedula de extranjeria": DocumentType.FOREIGNER_ID,
    "carne de extranjeria": DocumentType.FOREIGNER_ID, "pa": DocumentType.PASSPORT, "pasaporte":
    DocumentType.PASSPORT, "pep": DocumentType.PERMIT, "ppt": DocumentType.PERMIT, "permiso": DocumentType.PERMIT,
    "rc": DocumentType.BIRTH_CERTIFICATE, "registro civil": DocumentType.BIRTH_CERTIFICATE,
    "partida de nacimiento": DocumentType.BIRTH_CERTIFICATE, "otro": DocumentType.OTHER,
    "ninguno": DocumentType.NONE, "sin documento": DocumentType.NONE, "no tiene": DocumentType.NONE,
}
DEMONYMS = {
    "venezolan": "VE", "colombian": "CO", "peruan": "PE", "ecuatorian": "EC", "haitian": "HT", "chilen": "CL",
    "bolivian": "BO", "argentin": "AR", "brasilen": "BR", "brasiler": "BR", "cuban": "CU", "dominican": "DO",
    "mexican": "MX", "panamen": "PA", "paraguay": "PY", "uruguay": "UY", "honduren": "HN",
    "salvadoren": "SV", "guatemaltec": "GT",
}


def _choice_words(choices, extra: dict) -> dict[str, str]:
    words = dict(extra)
    for language in ("es", "en"):
        with translation.override(language):
            for value, label in choices:
                words.setdefault(fold(str(label)), value)
                if value:
                    words.setdefault(fold(value), value)
    return words


def _country_words() -> dict[str, str]:
    words = {}
    for language in ("es", "en", "pt"):
        with translation.override(language):
            for code, name in countries:
                words.setdefault(fold(str(name)), code)
    for code, _name in countries:
        words.setdefault(fold(code), code)
        alpha3 = countries.alpha3(code)
        if alpha3:
            words.setdefault(fold(alpha3), code)
    return words


def nationality_code(text: str, words: dict[str, str]) -> str | None:
    folded = fold(text)
    if folded in words:
        return words[folded]
    for stem, code in DEMONYMS.items():
        if folded in (stem + "o", stem + "a", stem + "os", stem + "as", stem + "e", stem):
            return code
    return None


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


# --- The check ----------------------------------------------------------------------------------------

class Checker:
    """Checks rows of one kind for one center. Builds its look-up tables once, then `check(number, cells)`
    per row; `remember(row, person)` lets later rows of the same file link to a person created earlier."""

    def __init__(self, center, kind: str, header: list[str], mapping: dict[str, str], *,
                 check_duplicates: bool = True):
        self.center, self.kind, self.header = center, kind, header
        self.shape = ListShape(header)
        self.mapping = {int(index): target for index, target in mapping.items() if target}
        self.today = timezone.localdate()
        self.check_duplicates = check_duplicates
        self.duplicate_checks = 0
        self.fingerprints_seen: dict[str, int] = {}
        people = Participant.objects.active().filter(center=center).only(
            "pk", "uuid", "center_id", "is_active", "code", "given_names", "family_names", "birth_date",
            "document_index",
        )
        self.by_code: dict[str, Participant] = {}
        self.by_document: dict[str, Participant] = {}  # by the blind index of the document (`lib.crypto`)
        self.by_name_birth: dict[tuple[str, date], Participant] = {}
        self.rows_by_document: dict[str, int] = {}
        self.rows_by_name_birth: dict[tuple[str, date], int] = {}
        for person in people:
            self._index(person)
        from integrhabitat.imports.models import ImportedRow

        self.imported = set(ImportedRow.objects.filter(center=center, kind=kind).values_list("fingerprint",
                                                                                              flat=True))
        self.services = {fold(s.name): s for s in Service.objects.filter(center=center)}
        self.groups = {fold(g.name): g for g in Group.objects.filter(center=center)}
        self.sex_words = _choice_words(Sex.choices, SEX_WORDS)
        self.document_words = _choice_words(DocumentType.choices, DOCUMENT_WORDS)
        self.country_words = _country_words() if "nationality" in self.mapping.values() else {}

    def _index(self, person: Participant) -> None:
        self.by_code[person.code.upper()] = person
        if person.document_index:
            self.by_document.setdefault(person.document_index, person)
        if person.birth_date:
            key = (fold(f"{person.given_names} {person.family_names}"), person.birth_date)
            self.by_name_birth.setdefault(key, person)

    def remember(self, person: Participant) -> None:
        self._index(person)

    def with_document(self, document: str) -> Participant | None:
        """The center's person with this (compacted) document number, under any index key."""
        if len(document) < MIN_DOCUMENT:
            return None
        return next((self.by_document[key] for key in blind_indexes("document", document) if key in self.by_document),
                    None)

    def column_of(self, target: str) -> str:
        for index, name in self.mapping.items():
            if name == target:
                return self.header[index] if index < len(self.header) else target
        return str(FIELD_LABELS.get(target, target))

    def check(self, number: int, cells: list[Any]) -> RowCheck:
        row = RowCheck(number=number)
        reason = self.shape.why_not_data(cells)
        if reason is not None:
            # A note for the preview, not an error: counted apart, neither valid nor with problems.
            row.outcome = NOT_A_RECORD
            row.add("", f"skipped_{reason}", INFO)
            return row
        raw = {target: cells[index] if index < len(cells) else None for index, target in self.mapping.items()}
        for target in REQUIRED[self.kind]:
            if raw.get(target) in (None, ""):
                code = "name_required" if target == "given_names" else "required"
                row.add(self.column_of(target), code)
        for target, value in raw.items():
            if value in (None, ""):
                continue
            self._clean(row, target, value)
        if row.is_valid:
            getattr(self, f"_check_{self.kind}")(row)
        row.fingerprint = self._fingerprint(row)
        if row.is_valid:
            if row.fingerprint in self.imported:
                row.outcome = "unchanged"
                row.add("", "already_imported", INFO)
            elif row.fingerprint in self.fingerprints_seen:
                row.outcome = "repeated"
                row.add("", "repeated_row", INFO, row=self.fingerprints_seen[row.fingerprint])
            else:
                self.fingerprints_seen[row.fingerprint] = number
        return row

    def _clean(self, row: RowCheck, target: str, value: Any) -> None:
        column = self.column_of(target)
        if target in ("birth_date", "date"):
            try:
                parsed = parse_date(value, today=self.today)
            except (ValueError, OverflowError):
                row.add(column, "invalid_date", value=as_text(value))
                return
            if parsed > self.today:
                row.add(column, "future_date")
            elif parsed < EARLIEST_DATE:
                row.add(column, "old_date")
            else:
                row.values[target] = parsed
            return
        text = as_text(value)
        if target in MAY_SAY_NONE and self._says_none(target, text):
            return
        if target in MAX_LENGTHS and len(text) > MAX_LENGTHS[target]:
            row.add(column, "too_long", max=MAX_LENGTHS[target])
            return
        if target == "document_number" and not digits(text):
            # A word ("extranjero", "cédula") is no number: it must not identify the person either.
            row.add(column, "not_a_document", INFO, value=text)
        elif target in ("sex", "document_type"):
            words = self.sex_words if target == "sex" else self.document_words
            choice = words.get(fold(text))
            if choice is None:
                row.add(column, "invalid_choice", value=text)
            else:
                row.values[target] = choice
        elif target == "nationality":
            code = nationality_code(text, self.country_words)
            if code is None:
                row.add(column, "invalid_choice", value=text)
            else:
                row.values[target] = code
        elif target == "phone":
            try:
                row.values[target] = clean_phone(text)
            except ValidationError:
                row.add(column, "invalid_phone", value=text)
        elif target == "email":
            try:
                validate_email(text)
                row.values[target] = text.lower()
            except ValidationError:
                row.add(column, "invalid_email", value=text)
        elif target == "quantity":
            try:
                quantity = int(float(text.replace(",", ".")))
                if quantity < 1 or quantity != float(text.replace(",", ".")):
                    raise ValueError(text)
                row.values[target] = quantity
            except ValueError:
                row.add(column, "invalid_number", value=text)
        elif target == "code":
            row.values[target] = text.upper()
        else:
            row.values[target] = " ".join(text.split())

    def _says_none(self, target: str, text: str) -> bool:
        """A placeholder for "none" in a cell that may stay empty: never a value, and so never an
        identifier ("sin documento" in 14 rows would make them one person). A document type the choices
        name ("ninguno": no document) and a valid email address (`no.tengo@example.org`) are values."""
        if not no_value(text):
            return False
        if target == "document_type":
            return fold(text) not in self.document_words
        return target != "email" or not _is_email(text)

    def _check_people(self, row: RowCheck) -> None:
        values = row.values
        if values.get("document_number") and not values.get("document_type"):
            values["document_type"] = DocumentType.OTHER  # a number without its type: kept, typed "other"
        document = compact_document(values.get("document_number", ""))
        name_key = (fold(f"{values.get('given_names', '')} {values.get('family_names', '')}"),
                    values.get("birth_date"))
        person = self.with_document(document)
        if person is None and name_key[1] is not None:
            person = self.by_name_birth.get(name_key)
        if person is not None:
            row.person, row.outcome = person, "link"
            row.add("", "exact_match", INFO, name=person.full_name, code=person.code)
            return
        earlier = (self.rows_by_document.get(document) if len(document) >= MIN_DOCUMENT else None) or (
            self.rows_by_name_birth.get(name_key) if name_key[1] is not None else None)
        if earlier is not None:
            row.same_as_row, row.outcome = earlier, "link"
            row.add("", "same_in_file", INFO, row=earlier)
            return
        if len(document) >= MIN_DOCUMENT:
            self.rows_by_document[document] = row.number
        if name_key[1] is not None:
            self.rows_by_name_birth[name_key] = row.number
        # A center without anybody registered yet (its first import) has no look-alikes to search.
        if self.check_duplicates and self.by_code and self.duplicate_checks < DUPLICATE_CHECK_LIMIT:
            self.duplicate_checks += 1
            for similar in search.possible_duplicates(self.center, dict(values), limit=1):
                row.add("", "possible_duplicate", WARNING, name=similar.full_name, code=similar.code)

    def _find_person(self, row: RowCheck) -> None:
        code, document = row.values.get("code"), row.values.get("document_number")
        if not code and not document:
            row.add(self.column_of("code"), "person_missing")
            return
        person = self.by_code.get(code) if code else None
        if person is None and document:
            person = self.with_document(compact_document(document))
        if person is None:
            column = self.column_of("code" if code else "document_number")
            row.add(column, "unknown_person", value=code or document)
        row.person = person

    def _check_deliveries(self, row: RowCheck) -> None:
        self._find_person(row)
        name = row.values.get("service", "")
        service = self.services.get(fold(name))
        if service is None:
            row.add(self.column_of("service"), "unknown_service", value=name)
        elif service.status not in (Service.Status.ACTIVE, Service.Status.UNDER_REVIEW):
            row.add(self.column_of("service"), "inactive_service", value=service.name)
        else:
            row.values["service_obj"] = service

    def _check_attendance(self, row: RowCheck) -> None:
        self._find_person(row)
        name = row.values.get("group", "")
        group = self.groups.get(fold(name))
        if group is None:
            row.add(self.column_of("group"), "unknown_group", value=name)
        else:
            row.values["group_obj"] = group

    def _fingerprint(self, row: RowCheck) -> str:
        """The row's meaning, not its spelling: folded names, ISO dates, digits of phones and documents."""
        parts = {}
        for key, value in row.values.items():
            if key.endswith("_obj"):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif key == "phone":
                value = digits(value)
            elif key == "document_number":
                value = compact_document(value)
            elif isinstance(value, str):
                value = fold(value)
            parts[key] = value
        if row.person is not None and self.kind != Kind.PEOPLE:
            # The same delivery named by code in one file and by document in another is one delivery.
            parts.pop("code", None)
            parts.pop("document_number", None)
            parts["person"] = str(row.person.uuid)
        text = json.dumps([self.kind, parts], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

"""Checking the rows of a file against the center's data: what each row will do, and every problem found,
by row number and column. The same check runs for the preview and, again, inside the import."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
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
from integrhabitat.people import documents, search
from integrhabitat.people.groups import years_before
from integrhabitat.people.models import MIN_DOCUMENT, DocumentType, Ethnicity, Gender, MobilityStatus, Participant, Sex
from integrhabitat.people.names import split_full_name
from integrhabitat.services.models import DeliveryChannel, Service

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
    "full_name": _("Full name (given names and surnames)"),
    "second_given_name": _("Second given name"),
    "second_family_name": _("Second family name"),
    "age": _("Age in years"),
    "gender": _("Gender identity"),
    "document_country": _("Document's issuing country"),
    "household": _("Household (same text, same household)"),
    "address": _("Address or reference"),
    "guardian": _("Parent or guardian who gave consent"),
    "mobility_status": _("Human mobility status (confidential)"),
    "ethnicity": _("Ethnic self-identification (confidential)"),
    "attended": _("Attended (yes or no)"),
    "source_id": _("Record identifier (KoboToolbox, ODK)"),
    "channel": _("Channel (on site, home visit, outreach day, virtual)"),
}
# Confidential fields (`Participant.SENSITIVE_FIELDS`): offered, and imported, only to roles that may write them.
SENSITIVE_TARGETS = frozenset({"mobility_status", "ethnicity"})
NAME_FIELDS = ("given_names", "second_given_name", "family_names", "second_family_name", "full_name")
KIND_FIELDS = {
    Kind.PEOPLE: (*NAME_FIELDS, "birth_date", "age", "sex", "gender", "nationality", "phone", "email",
                  "document_type", "document_country", "document_number", "household", "address", "guardian",
                  "mobility_status", "ethnicity", "source_id"),
    Kind.DELIVERIES: ("code", "document_number", "service", "date", "quantity", "channel", "note", "source_id"),
    Kind.ATTENDANCE: ("code", "document_number", "group", "date", "session", "attended", *NAME_FIELDS,
                      "birth_date", "sex", "phone", "source_id"),
}
# The fields a file needs; a tuple of several: any one of them.
REQUIRED = {
    Kind.PEOPLE: (("given_names", "full_name"),),
    Kind.DELIVERIES: (("service",), ("date",)),
    Kind.ATTENDANCE: (("group",), ("date",)),
}
NAME_ORDERS = {"given_first": _("Given names first (Ana María Pérez Gómez)"),
               "family_first": _("Surnames first (Pérez Gómez Ana María)")}


def required_fields(kind: str, choices: dict | None = None) -> list[tuple[str, ...]]:
    """The fields (alternatives) a file of `kind` needs, once the choices for the whole file are made
    (an attendance file's group may be chosen for all its rows)."""
    needed = list(REQUIRED[kind])
    if kind == Kind.ATTENDANCE and (choices or {}).get("group"):
        needed.remove(("group",))
    return needed


# Cells where "N/A", "no tiene", "sin documento", "-"... (`lib.text.no_value`) mean the cell is empty.
MAY_SAY_NONE = ("document_type", "document_number", "phone", "email", "document_country", "guardian")
MAX_LENGTHS = {"given_names": 120, "family_names": 120, "second_given_name": 60, "second_family_name": 60,
               "full_name": 240, "household": 100, "address": 300, "guardian": 120, "source_id": 100,
               "phone": 40, "email": 254, "document_number": 40,
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
    "name_split": _("Read as given names “%(given)s” and surnames “%(family)s”. If that is wrong, change the "
                    "order of the full name in “Change the columns”."),
    "other_document": _("“%(value)s” is not a document the list of the region knows: kept as written, as "
                        "“other document”."),
    "invalid_age": _("“%(value)s” is not an age in years (0 to 120)."),
    "invalid_yes_no": _("“%(value)s” is neither yes nor no."),
    "absent": _("Did not attend: recorded as a member of the group, not as present."),
    "new_attendee": _("Not registered yet: registered from this row, and added to the group."),
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


def suggest_mapping(header: list[str], kind: str, *, sensitive: bool = False) -> dict[str, str]:
    """Column index (as text) → target field, from the header's words; each field at most once. The
    confidential fields only when `sensitive` (the importing role may write them)."""
    allowed = allowed_fields(kind, sensitive=sensitive)
    mapping, used = {}, set()
    for index, title in enumerate(header):
        key = header_key(title)
        if key == "code" and kind == Kind.PEOPLE:
            continue
        if key in allowed and key not in used:
            mapping[str(index)] = key
            used.add(key)
    return mapping


def allowed_fields(kind: str, *, sensitive: bool) -> tuple[str, ...]:
    return tuple(name for name in KIND_FIELDS[kind] if sensitive or name not in SENSITIVE_TARGETS)


def header_signature(header: list[str]) -> str:
    return hashlib.sha256("\x1f".join(fold(h) for h in header).encode()).hexdigest()


# --- Choice words -------------------------------------------------------------------------------------

SEX_WORDS = {
    "f": Sex.FEMALE, "femenino": Sex.FEMALE, "mujer": Sex.FEMALE, "female": Sex.FEMALE, "woman": Sex.FEMALE,
    "m": Sex.MALE, "masculino": Sex.MALE, "hombre": Sex.MALE, "h": Sex.MALE, "male": Sex.MALE, "man": Sex.MALE,
    "intersexual": Sex.INTERSEX, "intersex": Sex.INTERSEX, "i": Sex.INTERSEX,
    "no informa": Sex.UNKNOWN, "sin dato": Sex.UNKNOWN, "nd": Sex.UNKNOWN, "no responde": Sex.UNKNOWN,
}
GENDER_WORDS = {
    "mujer": Gender.WOMAN, "femenino": Gender.WOMAN, "f": Gender.WOMAN, "hombre": Gender.MAN, "masculino":
    Gender.MAN, "m": Gender.MAN, "mujer trans": Gender.TRANS_WOMAN, "hombre trans": Gender.TRANS_MAN,
    "no binario": Gender.NON_BINARY, "no binaria": Gender.NON_BINARY, "nao binario": Gender.NON_BINARY,
    "prefiere no decir": Gender.UNKNOWN, "no responde": Gender.UNKNOWN,
}
MOBILITY_WORDS = {
    "comunidad de acogida": MobilityStatus.HOST, "acogida": MobilityStatus.HOST, "poblacion de acogida":
    MobilityStatus.HOST, "refugiado": MobilityStatus.REFUGEE, "refugiada": MobilityStatus.REFUGEE,
    "solicitante de asilo": MobilityStatus.ASYLUM_SEEKER, "solicitante de refugio": MobilityStatus.ASYLUM_SEEKER,
    "migrante": MobilityStatus.MIGRANT, "retornado": MobilityStatus.RETURNED, "retornada": MobilityStatus.RETURNED,
    "colombiano retornado": MobilityStatus.RETURNED, "desplazado": MobilityStatus.DISPLACED, "desplazada":
    MobilityStatus.DISPLACED, "desplazado interno": MobilityStatus.DISPLACED, "en transito": MobilityStatus.IN_TRANSIT,
    "transito": MobilityStatus.IN_TRANSIT, "pendular": MobilityStatus.IN_TRANSIT,
}
ETHNICITY_WORDS = {
    "ninguna": Ethnicity.NONE, "ninguno": Ethnicity.NONE, "indigena": Ethnicity.INDIGENOUS,
    "afrodescendiente": Ethnicity.AFRO, "afrocolombiano": Ethnicity.AFRO, "afrocolombiana": Ethnicity.AFRO,
    "negro": Ethnicity.AFRO, "negra": Ethnicity.AFRO, "raizal": Ethnicity.AFRO, "palenquero": Ethnicity.AFRO,
    "rrom": Ethnicity.ROMA, "gitano": Ethnicity.ROMA,
}
CHANNEL_WORDS = {
    "sede": DeliveryChannel.ON_SITE, "en sede": DeliveryChannel.ON_SITE, "presencial": DeliveryChannel.ON_SITE,
    "en el centro": DeliveryChannel.ON_SITE, "centro": DeliveryChannel.ON_SITE, "visita": DeliveryChannel.HOME_VISIT,
    "visita domiciliaria": DeliveryChannel.HOME_VISIT, "domicilio": DeliveryChannel.HOME_VISIT,
    "jornada": DeliveryChannel.OUTREACH, "brigada": DeliveryChannel.OUTREACH, "jornada de atencion":
    DeliveryChannel.OUTREACH, "extramural": DeliveryChannel.OUTREACH, "remoto": DeliveryChannel.VIRTUAL,
    "telefonico": DeliveryChannel.VIRTUAL, "llamada": DeliveryChannel.VIRTUAL, "videollamada": DeliveryChannel.VIRTUAL,
    "en linea": DeliveryChannel.VIRTUAL, "online": DeliveryChannel.VIRTUAL,
}
YES_WORDS = frozenset({"si", "s", "yes", "y", "sim", "x", "1", "presente", "asistio", "vino", "ok", "true",
                       "verdadero", "\u2713", "\u2714"})
NO_WORDS = frozenset({"no", "n", "nao", "0", "ausente", "falto", "no asistio", "no vino", "false", "falso",
                      "excusa", "excusado", "excusada"})
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
    per row; `remember(row, person)` lets later rows of the same file link to a person created earlier.

    `choices` are those made for the whole file: `name_order` of a full-name column, and the `group` (its
    uuid) of an attendance file. `sensitive`: the importing role may write confidential fields; without it
    their columns are not read."""

    def __init__(self, center, kind: str, header: list[str], mapping: dict[str, str], *,
                 check_duplicates: bool = True, choices: dict | None = None, sensitive: bool = False):
        self.center, self.kind, self.header = center, kind, header
        self.choices = choices or {}
        self.shape = ListShape(header)
        allowed = allowed_fields(kind, sensitive=sensitive)
        self.mapping = {int(index): target for index, target in mapping.items() if target in allowed}
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
        self.fixed_group = next((g for g in self.groups.values() if str(g.uuid) == self.choices.get("group")),
                                None)
        self.words = {
            "sex": _choice_words(Sex.choices, SEX_WORDS),
            "gender": _choice_words(Gender.choices, GENDER_WORDS),
            "mobility_status": _choice_words(MobilityStatus.choices, MOBILITY_WORDS),
            "ethnicity": _choice_words(Ethnicity.choices, ETHNICITY_WORDS),
            "channel": _choice_words(DeliveryChannel.choices, CHANNEL_WORDS),
        }
        targets = set(self.mapping.values())
        self.country_words = _country_words() if targets & {"nationality", "document_country"} else {}

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
        for needed in required_fields(self.kind, self.choices):
            if all(raw.get(target) in (None, "") for target in needed):
                code = "name_required" if "given_names" in needed else "required"
                row.add(self.column_of(needed[0]), code)
        for target, value in raw.items():
            if value in (None, "") or (isinstance(value, str) and not value.strip()):
                continue
            self._clean(row, target, value)
        self._combine(row)
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
        elif target == "document_type":
            row.values[target] = " ".join(text.split())  # read with the catalogue in `_combine`
        elif target in self.words:
            choice = self.words[target].get(fold(text))
            if choice is None:
                row.add(column, "invalid_choice", value=text)
            else:
                row.values[target] = choice
        elif target in ("nationality", "document_country"):
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
        elif target in ("quantity", "age"):
            try:
                number = float(text.replace(",", "."))
                low, high = (1, 10**6) if target == "quantity" else (0, 120)
                if number != int(number) or not low <= number <= high:
                    raise ValueError(text)
                row.values[target] = int(number)
            except ValueError:
                row.add(column, "invalid_number" if target == "quantity" else "invalid_age", value=text)
        elif target == "attended":
            answer = fold(text).strip(" .")
            if answer in YES_WORDS or answer in NO_WORDS:
                row.values[target] = answer in YES_WORDS
            else:
                row.add(column, "invalid_yes_no", value=text)
        elif target == "code":
            row.values[target] = text.upper()
        else:
            row.values[target] = " ".join(text.split())

    def _says_none(self, target: str, text: str) -> bool:
        """A placeholder for "none" in a cell that may stay empty: never a value, and so never an
        identifier ("sin documento" in 14 rows would make them one person). A valid email address
        (`no.tengo@example.org`) is a value."""
        if not no_value(text):
            return False
        return target != "email" or not _is_email(text)

    def _combine(self, row: RowCheck) -> None:
        """Fields read from several columns, or one column into several: the full name split into given
        names and surnames (shown in the preview), second names joined to the first, the age as an
        approximate birth date, the document's type read with the catalogue of the region."""
        values = row.values
        full = values.pop("full_name", "")
        if full and not values.get("given_names"):
            given, family = split_full_name(full, family_first=self.choices.get("name_order") == "family_first")
            values["given_names"] = given
            values["family_names"] = values.get("family_names") or family
            row.add(self.column_of("full_name"), "name_split", INFO, given=given, family=family or "—")
        for first, second in (("given_names", "second_given_name"), ("family_names", "second_family_name")):
            extra = values.pop(second, "")
            if extra:
                values[first] = " ".join(filter(None, [values.get(first, ""), extra]))
        age = values.pop("age", None)
        if age is not None and not values.get("birth_date"):
            values["birth_date"] = years_before(self.today, age) - timedelta(days=182)
            values["birth_date_estimated"] = True
        written = values.pop("document_type", "")
        if written:
            found = documents.resolve(written, country=values.get("document_country", ""),
                                      nationality=values.get("nationality", ""), host=str(self.center.country or ""))
            values["document_type"] = found.type
            values["document_name"] = found.name
            if found.country:
                values["document_country"] = found.country
            if found.type == DocumentType.OTHER and found.name and fold(found.name) not in ("otro", "otros", "other"):
                row.add(self.column_of("document_type"), "other_document", INFO, value=written)
        if values.get("document_number") and not values.get("document_type"):
            values["document_type"] = DocumentType.OTHER  # a number without its type: kept, typed "other"

    def _check_people(self, row: RowCheck) -> None:
        values = row.values
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
            person_values = {k: v for k, v in values.items() if k in PERSON_FIELDS}
            for similar in search.possible_duplicates(self.center, person_values, limit=1):
                row.add("", "possible_duplicate", WARNING, name=similar.full_name, code=similar.code)

    def _find_person(self, row: RowCheck, *, may_register: bool = False) -> None:
        """The row's person by code or document; with `may_register`, a row naming someone not registered
        yet registers them (with the checks of a people row)."""
        code, document = row.values.get("code"), row.values.get("document_number")
        person = self.by_code.get(code) if code else None
        if person is None and document:
            person = self.with_document(compact_document(document))
        if person is not None:
            row.person = person
            return
        if may_register and row.values.get("given_names") and not code:
            self._check_people(row)
            if row.outcome == "create":
                row.add("", "new_attendee", INFO)
            return
        if not code and not document:
            row.add(self.column_of("code"), "person_missing")
        else:
            column = self.column_of("code" if code else "document_number")
            row.add(column, "unknown_person", value=code or document)

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
        self._find_person(row, may_register=True)
        group = self.fixed_group
        if group is None:
            name = row.values.get("group", "")
            group = self.groups.get(fold(name))
            if group is None:
                row.add(self.column_of("group"), "unknown_group", value=name)
                return
        row.values["group_obj"] = group
        if row.values.get("attended") is False:
            row.add(self.column_of("attended"), "absent", INFO)

    def _fingerprint(self, row: RowCheck) -> str:
        """The row's meaning, not its spelling: folded names, ISO dates, digits of phones and documents.
        A row with the record identifier of a data-collection tool (Kobo's `_uuid`) is that identifier:
        the same submission exported again, corrected or not, is imported once."""
        if row.values.get("source_id"):
            text = json.dumps([self.kind, "source", fold(row.values["source_id"])])
            return hashlib.sha256(text.encode()).hexdigest()
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
            for key in ("code", "document_number", *NAME_FIELDS, "birth_date", "sex", "phone"):
                parts.pop(key, None)
            parts["person"] = str(row.person.uuid)
        if self.kind == Kind.ATTENDANCE and self.fixed_group is not None:
            parts["group"] = str(self.fixed_group.uuid)
        text = json.dumps([self.kind, parts], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


# What a row may hold of a person's own data (the rest is about the import: household, guardian, source).
PERSON_FIELDS = frozenset({"given_names", "family_names", "birth_date", "birth_date_estimated", "sex", "gender",
                           "nationality", "phone", "email", "document_type", "document_name", "document_country",
                           "document_number", "mobility_status", "ethnicity"})

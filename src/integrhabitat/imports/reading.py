"""Reading spreadsheets as people really make them, without models (unit-testable on its own).

A file comes from an outreach day's list, a Kobo export or a partner's Excel: UTF-8 with or without a
byte-order mark, or Windows-1252 from Excel on Windows; commas, semicolons (Excel in Spanish) or tabs;
a title and a blank line above the header; empty rows and columns; dates as 17/05/1990, 17-5-90,
1990-05-17 or Excel serial numbers. `read_table` turns all of that into a header and numbered rows, or
raises `UnreadableFile` with a message for the user.

A file is read as a stream and never trusted about its own size: at most `MAX_COLUMNS` columns of each
row (an Excel file may declare `A1:XFD5001`, 16,384 columns, around a handful of cells), empty rows cost
nothing, the count stops past the row limit, and an Excel file is refused before it is opened when its
parts unpack to far more than a spreadsheet does (a zip bomb).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.text import fold

HEADER_SEARCH_ROWS = 30  # a header lower than this is not looked for
MAX_COLUMNS = 200  # columns read of each row; cells further right are not read
EXCEL_MAX_ROWS = 1_048_576  # Excel writes no row below this; reading stops there (`<row r="999999999">`)
# An Excel file is a zip of XML parts. Python's zipfile never unpacks more than a part's declared size (a
# longer stream fails its CRC check), so the declared sizes bound the work: refused above these.
XLSX_MAX_UNPACKED = 200 * 1024 * 1024  # bytes of all its parts together
XLSX_MAX_RATIO = 100  # unpacked / packed size of a part of more than a megabyte; spreadsheets stay near 10
# Worksheets are read as a stream; openpyxl reads the other parts whole (the shared strings: 100,000 rows of
# names, documents and phones take some 15 MB), at about six times their size in memory.
XLSX_MAX_WHOLE_PART = 32 * 1024 * 1024
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug included)

# What each target field is called in the spreadsheets we meet, folded (lower case, no accents).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "given_names": ("nombres", "nombre", "primer nombre", "nombres completos", "given names", "first name",
                    "first names", "name", "nome", "prenome", "nombre de pila", "nombres del participante",
                    "nombre participante"),
    "second_given_name": ("segundo nombre", "second name", "middle name", "otros nombres"),
    "family_names": ("apellidos", "apellido", "primer apellido", "apellido paterno", "family names", "last name",
                     "surname", "surnames", "sobrenome", "apellidos del participante"),
    "second_family_name": ("segundo apellido", "apellido materno", "second surname", "second last name"),
    "full_name": ("nombre completo", "nombres y apellidos", "nombre y apellido", "nombre y apellidos",
                  "apellidos y nombres", "nombre del participante", "full name", "nome completo",
                  "nombre de la persona", "participante", "beneficiario", "beneficiaria", "asistente"),
    "birth_date": ("fecha de nacimiento", "fecha nacimiento", "f nacimiento", "fec nacimiento", "nacimiento",
                   "birth date", "date of birth", "birthdate", "dob", "data de nascimento", "fecha nac"),
    "age": ("edad", "edad en anos", "anos", "age", "idade"),
    "sex": ("sexo", "sex", "genero sexo", "sexo biologico", "sexo al nacer", "genero"),
    "gender": ("identidad de genero", "gender identity", "gender", "identidade de genero"),
    "nationality": ("nacionalidad", "pais de origen", "pais", "nationality", "country of origin",
                    "nacionalidade", "pais de nacimiento", "pais origen"),
    "phone": ("telefono", "celular", "movil", "whatsapp", "telefono celular", "numero de telefono", "tel",
              "phone", "mobile", "phone number", "telefono de contacto", "telefono contacto", "numero de contacto",
              "numero celular", "telefone", "celular de contacto"),
    "email": ("correo", "correo electronico", "email", "e mail", "mail", "correo e"),
    "document_type": ("tipo de documento", "tipo documento", "tipo doc", "tipo de identificacion",
                      "document type", "id type", "tipo de documento de identidad", "tipo id", "tipo de id"),
    "document_country": ("pais de expedicion", "pais del documento", "pais emisor", "expedido en",
                         "issuing country", "pais de emision"),
    "document_number": ("numero de documento", "numero documento", "no documento", "n documento",
                        "nro documento", "documento", "cedula", "numero de identificacion", "identificacion",
                        "document number", "id number", "dni", "num documento", "numero de id",
                        "documento de identidad", "numero do documento"),
    "household": ("hogar", "codigo de hogar", "familia", "grupo familiar", "nucleo familiar", "household",
                  "household id", "id hogar"),
    "address": ("direccion", "direccion de residencia", "barrio", "domicilio", "address", "endereco",
                "lugar de residencia", "sector"),
    "guardian": ("acudiente", "tutor", "representante", "nombre del acudiente", "padre madre o tutor",
                 "responsable", "guardian", "parent or guardian", "responsavel"),
    "mobility_status": ("condicion migratoria", "estatus migratorio", "situacion migratoria",
                        "tipo de poblacion", "perfil migratorio", "mobility status", "poblacion"),
    "ethnicity": ("etnia", "pertenencia etnica", "autorreconocimiento etnico", "ethnicity"),
    "code": ("codigo", "codigo participante", "codigo de participante", "code", "participant code"),
    "service": ("servicio", "service", "servicio entregado"),
    "date": ("fecha", "fecha de entrega", "fecha de atencion", "fecha atencion", "fecha de la sesion",
             "fecha sesion", "date", "delivery date", "session date"),
    "quantity": ("cantidad", "quantity", "unidades"),
    "channel": ("canal", "modalidad", "modalidad de atencion", "lugar de atencion", "channel", "modality"),
    "note": ("nota", "notas", "observacion", "observaciones", "note", "notes", "comments"),
    "group": ("grupo", "taller", "group", "workshop"),
    "session": ("sesion", "tema", "tema de la sesion", "session", "topic"),
    "attended": ("asistio", "asistencia", "asiste", "presente", "attended", "present", "attendance",
                 "asistio s n", "compareceu"),
}
# The identifier a data-collection tool gives each submission (KoboToolbox `_uuid`, ODK `meta/instanceID`,
# ODK Central `KEY`), as written; its other own columns (`_id`, `_index`, `_submission_time`, `_status`...)
# are about the export, not the person.
SOURCE_ID_COLUMNS = ("_uuid", "meta/instanceid", "instanceid", "key", "meta/rootuuid", "_submission__uuid")


def _header_words(text: str) -> list[str]:
    """`"  Fecha Nac. "` → `["fecha", "nac"]`: folded, punctuation as spaces, `(hints)` left out."""
    return re.sub(r"[^a-z0-9]+", " ", fold(re.sub(r"\(.*?\)", " ", text))).split()


_KNOWN_HEADERS = {" ".join(_header_words(name)): key for key, names in SYNONYMS.items() for name in names}


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet; `message` says why, for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet shows it, cells under the header)
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 1
    format: str = "csv"
    columns: list[int] = field(default_factory=list)  # the file's columns kept (0-based), one per header title
    complete: bool = True  # False: read with `head=` and the file has more rows than `rows`


# --- Sniffing what the file is ------------------------------------------------------------------------

_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
                 b"MZ", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")


def file_format(name: str, content: bytes) -> str:
    """`xlsx` or `csv` from the name, checked against the content: a file that is not what it claims is refused."""
    lower = name.lower()
    if lower.endswith((".xls", ".ods", ".numbers")):
        raise UnreadableFile(_("This spreadsheet format cannot be read. Save it as Excel (.xlsx) or CSV and try "
                               "again."))
    if lower.endswith((".xlsx", ".xlsm")):
        if not content.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(io.BytesIO(content)):
            raise UnreadableFile(_("The file is named .xlsx but is not an Excel file. Open it in your spreadsheet "
                                   "program and save it again as Excel (.xlsx) or CSV."))
        return "xlsx"
    if lower.endswith((".csv", ".txt", ".tsv")) or "." not in lower:
        utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
        if content.startswith(_BINARY_MAGIC) or (b"\x00" in content[:4096] and not utf16):
            raise UnreadableFile(_("The file is named .csv but is not a text file. Save it again as CSV "
                                   "(comma or semicolon separated)."))
        return "csv"
    raise UnreadableFile(_("Choose a CSV (.csv) or Excel (.xlsx) file."))


def decode(content: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with.

    Strict UTF-8 first (a BOM is dropped): text in another encoding almost never decodes as UTF-8 by
    chance. Then UTF-16 when it carries a BOM (Excel's "Unicode text"). Then Windows-1252, what Excel on
    Windows writes in Latin America; only bytes it leaves undefined make us ask charset-normalizer,
    and Latin-1 reads whatever is left.
    """
    try:
        return content.decode("utf-8-sig"), "utf-8-sig" if content.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    if best is not None and best.encoding:
        try:
            return content.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return content.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon, tab or pipe: what csv.Sniffer finds, else the one most frequent in the first lines."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ""
    counts = {d: sample.count(d) for d in (";", ",", "\t", "|")}
    if not delimiter or counts.get(delimiter, 0) == 0:
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return delimiter


# --- Reading ------------------------------------------------------------------------------------------

def _clean_cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip()
        return value or None
    return value


def _cleaned(row) -> list[Any]:
    """The first `MAX_COLUMNS` cells, cleaned, without the empty ones at the end (an empty row: `[]`)."""
    if row.count(None) == len(row):  # the many empty rows of a sheet, at C speed
        return []
    cells = [_clean_cell(cell) for cell in row[:MAX_COLUMNS]]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _too_many_rows(max_rows: int) -> UnreadableFile:
    return UnreadableFile(_("The file has more than %(count)s rows. Split it into smaller files.")
                          % {"count": f"{max_rows:,}".replace(",", ".")})


@dataclass
class _Source:
    """A file opened for reading: its numbered rows with something in them, one at a time."""

    rows: Iterator[tuple[int, list[Any]]]
    format: str
    encoding: str = ""
    delimiter: str = ""


def _open(name: str, content: bytes) -> _Source:
    if file_format(name, content) == "xlsx":
        check_xlsx_archive(content)
        return _Source(_rows_xlsx(content), "xlsx")
    text, encoding = decode(content)
    if "\x00" in text:
        raise UnreadableFile(_("The file is named .csv but is not a text file. Save it again as CSV "
                               "(comma or semicolon separated)."))
    delimiter = sniff_delimiter(text)
    return _Source(_rows_csv(text, delimiter), "csv", encoding, delimiter)


def _rows_csv(text: str, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            cells = _cleaned(row)
            if cells:
                yield number, cells
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file is damaged: %(error)s") % {"error": error}) from error


def check_xlsx_archive(content: bytes) -> None:
    """Refuse an Excel file whose parts unpack to far more than a spreadsheet's (a zip bomb), from the
    sizes the zip declares, before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(_("The Excel file cannot be opened; it may be damaged or protected with a password. "
                               "Save it again as Excel (.xlsx) or CSV.")) from error
    too_packed = any(part.file_size > 1024 * 1024 and part.file_size > XLSX_MAX_RATIO * max(part.compress_size, 1)
                     for part in parts)
    too_big = any(part.file_size > XLSX_MAX_WHOLE_PART and not part.filename.startswith("xl/worksheets/")
                  for part in parts)
    if too_packed or too_big or sum(part.file_size for part in parts) > XLSX_MAX_UNPACKED:
        raise UnreadableFile(_("The Excel file unpacks to much more than a spreadsheet of its size. Save it again "
                               "as Excel (.xlsx) or CSV, or split it into smaller files."))


def _rows_xlsx(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise UnreadableFile(_("The Excel file cannot be opened; it may be damaged or protected with a password. "
                               "Save it again as Excel (.xlsx) or CSV.")) from error
    try:
        if not book.worksheets:
            return
        sheet = book.worksheets[0]
        # The size the file declares is ignored: read-only mode would pad every row to it.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS, values_only=True)
        blank = None
        try:
            for number, row in enumerate(rows, start=1):
                if number > EXCEL_MAX_ROWS:
                    break
                if row is blank:  # openpyxl yields one same tuple for each row missing from the file
                    continue
                cells = _cleaned(row)
                if cells:
                    yield number, cells
                else:
                    blank = row
        except UnreadableFile:
            raise
        except Exception as error:  # noqa: BLE001 - a damaged sheet fails while it is read
            raise UnreadableFile(_("The Excel file cannot be opened; it may be damaged or protected with a "
                                   "password. Save it again as Excel (.xlsx) or CSV.")) from error
    finally:
        book.close()


# `grupo/subgrupo/campo` (Kobo), `grupo-campo` (ODK Central), `grupo.campo`: no spaces, no brackets.
_GROUP_PATH = re.compile(r"^\w+(?:[/.-]\w+)+$")
_SEPARATORS = re.compile(r"[/.-]")


def header_key(text: Any) -> str | None:
    """The target field a header names (`"  Teléfono  "` → `phone`), or None. Headers of data-collection
    tools: snake_case reads as words, a group's prefix is left out when the whole does not name a field
    (KoboToolbox `datos_personales/nombres`, ODK Central `datos_personales-nombres`, `grupo.nombres` →
    `nombres`), the submission's identifier is `source_id`, and their other meta columns (`_index`) name
    nothing."""
    if text is None:
        return None
    raw = str(text).strip().lower()
    if _SEPARATORS.sub("/", raw) in SOURCE_ID_COLUMNS:
        return "source_id"
    if raw.startswith("_"):
        return None
    found = _named_by(raw)
    if found is None and _GROUP_PATH.match(raw):
        found = _named_by(_SEPARATORS.split(raw)[-1])
    return found


def _named_by(raw: str) -> str | None:
    words = _header_words(raw)
    found = _KNOWN_HEADERS.get(" ".join(words))
    if found or len(words) < 2:
        return found
    # Abbreviated words ("Fecha Nac.", "Num. doc", "Tel. celular"): each word begins the word of a known
    # name with as many words; taken only when every such name points to the same field.
    targets = {key for name, key in _KNOWN_HEADERS.items()
               if len(name.split()) == len(words)
               and all(full.startswith(short) for short, full in zip(words, name.split(), strict=True))}
    return targets.pop() if len(targets) == 1 else None


def find_header_row(rows: list[list[Any]]) -> int:
    """The index of the header among the first rows: the one naming the most known columns, else the
    first row with at least two filled cells (title rows above it have one)."""
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = sum(1 for cell in row if isinstance(cell, str) and header_key(cell))
        if score > best_score:
            best, best_score = index, score
    if best is not None:
        return best
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if cell is not None) >= 2:
            return index
    return next((i for i, row in enumerate(rows) if any(c is not None for c in row)), 0)


def read_table(name: str, content: bytes, *, max_rows: int, head: int | None = None) -> Table:
    """Header and data rows of the file's first sheet; empty rows and columns left out.

    With `head`, only the first `head` data rows are read (`complete` says whether that was all): what
    choosing the columns needs, in the time of a request, whatever the file's length. A column is kept
    when it has a header or a value in the rows read."""
    source = _open(name, content)
    try:
        first = []
        for number, cells in source.rows:
            first.append((number, cells))
            if len(first) == HEADER_SEARCH_ROWS:
                break
        if not first:
            raise UnreadableFile(_("The file is empty."))
        header_index = find_header_row([cells for _number, cells in first])
        header_row, header_cells = first[header_index]
        body = first[header_index + 1:]
        complete = True
        for row in source.rows:
            body.append(row)
            if head is not None and len(body) > head:
                break
            if len(body) > max_rows:
                raise _too_many_rows(max_rows)
        if head is not None and len(body) > head:
            body, complete = body[:head], False
        if len(body) > max_rows:
            raise _too_many_rows(max_rows)
    finally:
        source.rows.close()
    width = max(len(cells) for _number, cells in [(header_row, header_cells), *body])
    has_value = [False] * width
    for _number, cells in body:
        for i, cell in enumerate(cells):
            if cell is not None:
                has_value[i] = True
    columns = [i for i in range(width) if (i < len(header_cells) and header_cells[i] is not None) or has_value[i]]
    header, seen = [], {}
    for i in columns:
        cell = header_cells[i] if i < len(header_cells) else None
        title = str(cell).strip() if cell is not None else ""
        title = re.sub(r"\s+", " ", title) or str(_("Column %(number)s") % {"number": i + 1})
        seen[title] = seen.get(title, 0) + 1
        header.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    rows = [(number, _pick(cells, columns)) for number, cells in body]
    return Table(header=header, rows=rows, encoding=source.encoding, delimiter=source.delimiter,
                 header_row=header_row, format=source.format, columns=columns, complete=complete)


def read_rows(name: str, content: bytes, *, header_row: int, columns: list[int],
              max_rows: int) -> Iterator[tuple[int, list[Any]]]:
    """The data rows below `header_row`, cut to `columns` (as `read_table` found them), one at a time:
    reading a long file keeps one row in memory. A row with nothing in those columns is left out."""
    source = _open(name, content)
    count = 0
    try:
        for number, cells in source.rows:
            if number <= header_row:
                continue
            picked = _pick(cells, columns)
            if all(cell is None for cell in picked):
                continue
            count += 1
            if count > max_rows:
                raise _too_many_rows(max_rows)
            yield number, picked
    finally:
        source.rows.close()


def _pick(cells: list[Any], columns: list[int]) -> list[Any]:
    return [cells[i] if i < len(cells) else None for i in columns]


# --- Values -------------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?:[ T].*)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")


def parse_date(value: Any, *, today: date | None = None) -> date | None:
    """A date from a cell: a date or datetime (Excel date cells), an Excel serial number, `dd/mm/yyyy`,
    `d/m/yy`, `dd-mm-yyyy`, `dd.mm.yyyy` or `yyyy-mm-dd`. None for an empty cell; ValueError otherwise.

    A two-digit year is the latest one not after this year (`17/05/90` is 1990, `3/2/24` is 2024).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return _from_serial(value)
    text = str(value).strip()
    if _SERIAL.match(text):
        return _from_serial(float(text))
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            today = today or date.today()
            year += 2000 if 2000 + year <= today.year else 1900
        return date(year, month, day)
    raise ValueError(text)


def _from_serial(number: float) -> date:
    if not 1 <= number < 2958466 or number != number:  # up to 9999-12-31
        raise ValueError(number)
    return EXCEL_EPOCH + timedelta(days=int(number))


def as_text(value: Any) -> str:
    """A cell as text: `1234567.0` (a number cell) is `1234567`, a date is `dd/mm/yyyy`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


# --- Rows about the list, not in it -------------------------------------------------------------------

# How the rows below a list's records begin (folded): its totals, and notes on where it comes from.
TOTALS_OPENINGS = ("total", "totales", "totals", "totais", "subtotal", "subtotales", "sub total", "gran total",
                   "grand total", "suma", "sumatoria", "soma", "conteo")
NOTE_OPENINGS = ("nota", "notas", "note", "notes", "nb", "n b", "obs", "observacion", "observaciones",
                 "observacao", "observacoes", "observation", "observations", "comentario", "comentarios",
                 "aclaracion", "aclaraciones", "importante", "fuente", "fonte", "source", "elaborado por",
                 "elaborada por", "preparado por", "preparada por", "realizado por", "realizada por",
                 "revisado por", "revisada por", "aprobado por", "aprobada por", "prepared by", "fecha de corte",
                 "firma", "firmas")
_LETTER = re.compile(r"[^\W\d_]")  # of any alphabet
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _opens_with(text: str, openings: tuple[str, ...]) -> bool:
    return any(text == opening or text.startswith(f"{opening} ") for opening in openings)


class ListShape:
    """Tells the rows about a list (its totals, its notes, separators, its header repeated on each printed
    page) from its records, given its header."""

    def __init__(self, header: list[str]):
        self.titles = [_header_name(title) for title in header]

    def why_not_data(self, cells: list[Any]) -> str | None:
        """Why a row below the header is about the list rather than one of its records: `"totals"`,
        `"note"`, `"header"` (repeated) or `"separator"` (only dashes or dots); None for a record.

        Judged by the row's shape, not by a word alone: somebody may be called "Nota", a group "Fuente de
        vida". A totals or notes row opens with its word in its first filled cell ("Total", "TOTAL
        GENERAL", "Total asistentes: 45", "Nota: ...", "Elaborado por ..."), and its other cells hold
        counts, amounts or dates, or nothing. Runs on every row of a file: a record is told apart in a few
        steps."""
        filled = [cell for cell in cells if cell is not None]
        worded = [cell for cell in filled if isinstance(cell, str) and _LETTER.search(cell)]
        if not worded:
            dashes = all(isinstance(cell, str) and not _LETTER_OR_DIGIT.search(cell) for cell in filled)
            return "separator" if dashes else None
        if len(worded) >= min(2, len(self.titles)) and self._repeats_header(cells):
            return "header"
        if len(worded) == 1 and filled[0] == worded[0]:  # words in the first filled cell, and only there
            opening = fold(worded[0])
            if _opens_with(opening, TOTALS_OPENINGS):
                return "totals"
            if _opens_with(opening, NOTE_OPENINGS):
                return "note"
        return None

    def _repeats_header(self, cells: list[Any]) -> bool:
        """Every filled cell has the words of the title above it ("NOMBRES" under "Nombres"), or another
        name of the same field ("Nombre" under "Nombres")."""
        for cell, title in zip(cells, self.titles, strict=False):
            if cell is None:
                continue
            name = _header_name(as_text(cell))
            if name != title and (name not in _KNOWN_HEADERS or _KNOWN_HEADERS[name] != _KNOWN_HEADERS.get(title)):
                return False
        return True


def _header_name(text: str) -> str:
    return " ".join(_header_words(text))

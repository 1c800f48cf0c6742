"""The identity documents of the region, as a catalogue per country of issue.

A person's document is kept as three facts: its broad type (`DocumentType`, which decides who may read it:
a foreigner's card or a protection permit tells a mobility status), the country that issued it, and its own
name as people say it ("Cédula venezolana", "CURP", "PPT"). What a list or a form calls a document is read
with `resolve`: the catalogue's names, abbreviations and synonyms, folded (no case, no accents, no dots).
A name the catalogue does not know is kept as written, typed "other": never a reason to refuse a person.

Sources: the issuing authorities' own names (Registraduría Nacional and Migración Colombia, SAIME
Venezuela, RENAPO and INM México, RENIEC and Migraciones Perú, Registro Civil Chile and Ecuador, Receita
Federal and Polícia Federal Brasil, RENAPER Argentina), and the documents UNHCR and R4V partners list in
their registration guidance for the Venezuelan response. Abbreviations are those printed on the
documents or used on the forms of those offices.
"""

from dataclasses import dataclass

from integrhabitat.lib.text import fold
from integrhabitat.people.models import DocumentType

MAX_NAME = 60  # characters of `Participant.document_name`
NATIONAL, FOREIGNER, PASSPORT, PERMIT, BIRTH = (DocumentType.NATIONAL_ID, DocumentType.FOREIGNER_ID,
                                                DocumentType.PASSPORT, DocumentType.PERMIT,
                                                DocumentType.BIRTH_CERTIFICATE)


@dataclass(frozen=True)
class Document:
    country: str  # ISO 3166-1 alpha-2 of the issuing country; "" for a kind any country issues
    name: str  # as people of that country say it, in its language
    type: str  # a `DocumentType`
    words: tuple[str, ...] = ()  # abbreviations and other names, as written on lists


CATALOGUE: tuple[Document, ...] = (
    # Colombia
    Document("CO", "Cédula de ciudadanía", NATIONAL, ("cc", "c c", "cedula de ciudadania", "cedula colombiana",
                                                      "cedula")),
    Document("CO", "Tarjeta de identidad", NATIONAL, ("ti", "t i", "tarjeta de identidad")),
    Document("CO", "Registro civil de nacimiento", BIRTH, ("rc", "r c", "registro civil")),
    Document("CO", "Cédula de extranjería", FOREIGNER, ("ce", "c e", "cedula de extranjeria")),
    Document("CO", "Permiso Especial de Permanencia", PERMIT, ("pep", "p e p", "permiso especial de permanencia",
                                                               "pep ff", "pep tutor")),
    Document("CO", "Permiso por Protección Temporal", PERMIT, ("ppt", "p p t", "permiso por proteccion temporal",
                                                               "permiso de proteccion temporal", "etpv")),
    Document("CO", "Salvoconducto", PERMIT, ("sc", "salvoconducto", "salvoconducto de permanencia", "sc2")),
    Document("CO", "Número único de identificación personal", NATIONAL, ("nuip",)),
    # Venezuela
    Document("VE", "Cédula de identidad venezolana", NATIONAL, (
        "cedula venezolana", "cedula de identidad venezolana", "ci venezolana", "c i venezolana", "cedula v",
        "ci v", "cv", "cedula ve", "cedula de venezuela", "cedula", "ci", "cedula de identidad")),
    Document("VE", "Partida de nacimiento venezolana", BIRTH, ("partida de nacimiento venezolana",
                                                              "acta de nacimiento venezolana")),
    # México
    Document("MX", "CURP", NATIONAL, ("curp", "clave unica de registro de poblacion")),
    Document("MX", "Credencial para votar (INE)", NATIONAL, ("ine", "credencial ine", "credencial para votar",
                                                             "ife", "credencial de elector")),
    Document("MX", "Tarjeta de Visitante por Razones Humanitarias", PERMIT, ("tvrh", "tarjeta de visitante por "
                                                                             "razones humanitarias",
                                                                             "visa humanitaria")),
    Document("MX", "Tarjeta de residente", FOREIGNER, ("tarjeta de residente", "residente permanente",
                                                       "residente temporal")),
    Document("MX", "Constancia de la COMAR", PERMIT, ("comar", "constancia comar", "constancia de la comar")),
    # Perú
    Document("PE", "DNI", NATIONAL, ("dni", "dni peruano", "documento nacional de identidad peruano")),
    Document("PE", "Carné de extranjería", FOREIGNER, ("ce", "c e", "carne de extranjeria", "carnet de extranjeria")),
    Document("PE", "Carné de Permiso Temporal de Permanencia", PERMIT, ("cpp", "carne de permiso temporal de "
                                                                        "permanencia")),
    Document("PE", "Permiso Temporal de Permanencia", PERMIT, ("ptp", "permiso temporal de permanencia")),
    # Ecuador
    Document("EC", "Cédula de identidad ecuatoriana", NATIONAL, ("cedula ecuatoriana", "cedula", "ci")),
    Document("EC", "Visa de residencia temporal de excepción", PERMIT, ("virte", "visa virte")),
    # Chile
    Document("CL", "Cédula de identidad (RUN)", NATIONAL, ("run", "rut", "rol unico nacional", "rol unico "
                                                                                               "tributario")),
    # Argentina
    Document("AR", "DNI argentino", NATIONAL, ("dni", "dni argentino")),
    # Brasil
    Document("BR", "CPF", NATIONAL, ("cpf", "cadastro de pessoas fisicas")),
    Document("BR", "Registro Geral (RG)", NATIONAL, ("rg", "registro geral", "carteira de identidade")),
    Document("BR", "Registro Nacional de Estrangeiro (RNE)", FOREIGNER, ("rne", "registro nacional de "
                                                                                "estrangeiro")),
    Document("BR", "Carteira de Registro Nacional Migratório", FOREIGNER, ("crnm", "rnm", "registro nacional "
                                                                                          "migratorio")),
    Document("BR", "Protocolo de refúgio", PERMIT, ("protocolo de refugio", "protocolo")),
    # Haití
    Document("HT", "Carte d'identification nationale", NATIONAL, ("cin", "carte d identification nationale",
                                                                  "nif")),
    # Any country
    Document("", "Pasaporte", PASSPORT, ("pasaporte", "pa", "pas", "passport", "passaporte", "pasaporte vencido")),
    Document("", "Partida de nacimiento", BIRTH, ("partida de nacimiento", "acta de nacimiento",
                                                  "certificado de nacimiento", "certidao de nascimento",
                                                  "birth certificate")),
    Document("", "Documento nacional de identidad", NATIONAL, (
        "dni", "cedula", "cedula de identidad", "ci", "c i", "documento de identidad", "documento nacional de "
        "identidad", "id", "national id", "identity card", "carteira de identidade")),
    Document("", "Documento de extranjero", FOREIGNER, ("ce", "c e", "carne de extranjeria",
                                                        "cedula de extranjeria", "foreigner id")),
    Document("", "Permiso de permanencia o protección", PERMIT, ("permiso", "permiso de permanencia",
                                                                 "permiso de residencia", "residence permit",
                                                                 "proteccion temporal")),
    Document("", "Otro documento", DocumentType.OTHER, ("otro", "otros", "other")),
)
# What people write for "no document": a type, not a number (`lib.text.no_value` covers the number cell).
NO_DOCUMENT_WORDS = frozenset({
    "ninguno", "ninguna", "sin documento", "sin documentos", "no tiene", "no tiene documento", "indocumentado",
    "indocumentada", "none", "no document", "nenhum", "sem documento", "sd", "s d", "n a", "na", "no aplica",
})


def _words_of(document: Document) -> list[str]:
    return [fold(document.name), *(fold(word) for word in document.words)]


def _key(text: str) -> str:
    """`" C.I. "` → `"c i"`: folded, dots and dashes as spaces."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


_IN_COUNTRY: dict[tuple[str, str], Document] = {}  # (issuing country, word) → document
_ANY: dict[str, Document] = {}  # word → the kind any country issues, else the first country's that has it
for _document in CATALOGUE:
    for _word in _words_of(_document):
        _IN_COUNTRY.setdefault((_document.country, _key(_word)), _document)
for _document in sorted(CATALOGUE, key=lambda d: d.country != ""):
    for _word in _words_of(_document):
        _ANY.setdefault(_key(_word), _document)


@dataclass(frozen=True)
class Resolved:
    type: str  # a DocumentType ("" for no document)
    country: str  # issuing country, "" when unknown
    name: str  # the catalogue's name, or the text as written when unknown


def resolve(text: str, *, country: str = "", nationality: str = "", host: str = "") -> Resolved | None:
    """What a document type as written means, or None for an empty text: a catalogue entry (of the issuing
    `country` when given), "no document" (type ""), or, unknown, `OTHER` with the text kept as written.

    The issuing country, when neither the text nor `country` tells it: the person's `nationality` for an
    identity card, a passport or a birth certificate; the `host` country (the center's) for a foreigner's
    card or a permit. A name known in both the host's and the person's countries ("CE", "DNI") is read
    as the host's for a foreigner's document and the person's for their own."""
    key = _key(text)
    if not key:
        return None
    if key in NO_DOCUMENT_WORDS:
        return Resolved(DocumentType.NONE, "", "")
    if country:
        found = _IN_COUNTRY.get((country, key))
    else:  # a foreigner's document is the host country's; one's own identity card, one's country's
        at_host, own = _IN_COUNTRY.get((host, key)), _IN_COUNTRY.get((nationality, key))
        found = at_host if at_host and at_host.type in (FOREIGNER, PERMIT) else own or at_host
    found = found or _ANY.get(key)
    if found is None:
        return Resolved(DocumentType.OTHER, country, " ".join(text.split())[:MAX_NAME])
    issuer = found.country or country or (host if found.type in (FOREIGNER, PERMIT) else nationality)
    return Resolved(found.type, issuer, found.name)


def names() -> list[str]:
    """Every catalogue name, for a form's suggestions."""
    return sorted({document.name for document in CATALOGUE})

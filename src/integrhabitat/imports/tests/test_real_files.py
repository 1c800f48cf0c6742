"""Files as centers have them: KoboToolbox and ODK exports, two surname columns, a full name in one cell,
the region's identity documents, every field of a registration, attendance lists kept by a facilitator."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrhabitat.communities.models import Attendance, Member
from integrhabitat.communities.services import save_group
from integrhabitat.imports import services as import_actions
from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.reading import header_key
from integrhabitat.imports.rows import SENSITIVE_TARGETS, Checker, suggest_mapping
from integrhabitat.imports.tests.helpers import confirm, imported_job, map_columns, uploaded_job
from integrhabitat.lib.errors import Refused
from integrhabitat.people.documents import resolve
from integrhabitat.people.models import Consent, DocumentType, Participant
from integrhabitat.people.names import split_full_name
from integrhabitat.services.models import ServiceDelivery


def new_people(center, before: set[int]):
    return Participant.objects.filter(center=center).exclude(pk__in=before).order_by("code")


def pks():
    return set(Participant.objects.values_list("pk", flat=True))


# --- Headers of data-collection tools -----------------------------------------------------------------

KOBO = (
    "start,end,datos_personales/nombres,datos_personales/primer_apellido,datos_personales/segundo_apellido,"
    "datos_personales/fecha_nacimiento,datos_personales/sexo,datos_personales/pais_origen,contacto/telefono_contacto,"
    "documento/tipo_documento,documento/num_documento,_id,_uuid,_submission_time,_index\n"
    "2026-11-02T09:00,2026-11-02T09:10,Ana María,Pérez,Gómez,1990-03-14,Femenino,Venezuela,3001234567,"
    "PPT,5566778,101,0b6f6c1e-1111-4c1a-9a55-000000000001,2026-11-02T09:12:00,1\n"
    "2026-11-02T09:20,2026-11-02T09:31,Luis,Rojas,,2001-07-01,Masculino,Colombia,3019876543,"
    "Cédula,80123456,102,0b6f6c1e-1111-4c1a-9a55-000000000002,2026-11-02T09:33:00,2\n"
)


def test_a_kobo_export_maps_its_prefixed_snake_case_columns():
    header = KOBO.splitlines()[0].split(",")
    mapping = {header[int(index)]: target for index, target in suggest_mapping(header, "people").items()}
    assert mapping == {
        "datos_personales/nombres": "given_names", "datos_personales/primer_apellido": "family_names",
        "datos_personales/segundo_apellido": "second_family_name", "datos_personales/fecha_nacimiento": "birth_date",
        "datos_personales/sexo": "sex", "datos_personales/pais_origen": "nationality",
        "contacto/telefono_contacto": "phone", "documento/tipo_documento": "document_type",
        "documento/num_documento": "document_number", "_uuid": "source_id",
    }


@pytest.mark.parametrize(("header", "field"), [
    ("datos_personales-nombres", "given_names"),  # ODK Central joins groups with "-"
    ("persona-datos-fecha_de_nacimiento", "birth_date"),
    ("grupo.apellido_materno", "second_family_name"),
    ("meta-instanceID", "source_id"),
    ("KEY", "source_id"),
    ("SubmissionDate", None),
    ("_submission_time", None),
    ("_index", None),
    ("E-mail", "email"),  # a hyphen in an ordinary header is not a group
])
def test_headers_of_odk_central_and_other_group_separators(header, field):
    assert header_key(header) == field


def test_a_kobo_export_imports_both_surnames_and_the_documents_and_again_is_the_same(world):
    client = world.client_for(world.coordinator)
    before = pks()

    job = imported_job(client, world.center_a, "people", KOBO.encode(), "kobo.csv")

    assert (job.status, job.created_count) == (ImportJob.Status.DONE, 2), job.problems
    ana, luis = sorted(new_people(world.center_a, before), key=lambda p: p.given_names)
    assert (ana.given_names, ana.family_names, ana.birth_date, ana.sex) == ("Ana María", "Pérez Gómez",
                                                                           date(1990, 3, 14), "female")
    assert (ana.document_type, ana.document_name, ana.document_country) == (
        DocumentType.PERMIT, "Permiso por Protección Temporal", "CO")
    assert (luis.family_names, luis.document_type, luis.document_country) == ("Rojas", DocumentType.NATIONAL_ID, "CO")
    # The same submissions exported again, one corrected: the `_uuid` says they were imported.
    corrected = KOBO.replace("3019876543", "3019876500").encode()
    again = imported_job(client, world.center_a, "people", corrected, "kobo-2.csv")
    assert (again.created_count, again.unchanged_count) == (0, 2)
    assert new_people(world.center_a, before).count() == 2


# --- A full name in one cell ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "given", "family"), [
    ("Ana María Pérez Gómez", "Ana María", "Pérez Gómez"),
    ("José Pérez Gómez", "José", "Pérez Gómez"),
    ("Juan Carlos Pérez", "Juan Carlos", "Pérez"),
    ("María de los Ángeles Rodríguez", "María de los Ángeles", "Rodríguez"),
    ("Yeferson Andrés Rodríguez de la Hoz", "Yeferson Andrés", "Rodríguez de la Hoz"),
    ("Luis da Silva dos Santos", "Luis", "da Silva dos Santos"),
    ("Pérez Gómez, Ana María", "Ana María", "Pérez Gómez"),
    ("PÉREZ GÓMEZ ANA MARÍA", "ANA MARÍA", "PÉREZ GÓMEZ"),
    ("Wilmer", "Wilmer", ""),
    ("Wilmer Zambrano", "Wilmer", "Zambrano"),
])
def test_a_full_name_splits_by_the_two_surname_convention(text, given, family):
    assert split_full_name(text) == (given, family)


def test_a_list_written_surnames_first_is_recognized_by_its_given_names():
    assert split_full_name("Zambrano Rivas Wilmer Alexis") == ("Wilmer Alexis", "Zambrano Rivas")


def test_the_order_of_full_names_can_be_chosen_for_the_whole_file():
    assert split_full_name("Zambrano Rivas Wilmer José", family_first=True) == ("Wilmer José", "Zambrano Rivas")


def test_the_preview_shows_each_split_and_the_order_chosen_changes_it(world):
    client = world.client_for(world.coordinator)
    # Names the split cannot tell apart by themselves (neither is a commonly given name): read in the order
    # chosen, given names first unless told otherwise.
    content = "Nombre completo;Cédula\nZambrano Rivas Tadeo Ulises;10203040\n".encode()
    job = uploaded_job(client, world.center_a, "people", content)
    map_columns(client, job)
    job.refresh_from_db()
    split = [p for p in job.problems if p["code"] == "name_split"]
    assert [p["params"] for p in split] == [{"given": "Zambrano Rivas", "family": "Tadeo Ulises"}]
    detail = reverse("imports:job_detail", kwargs={"center": world.center_a.slug, "job_id": job.uuid})
    page = client.get(detail).content.decode()
    assert "Zambrano Rivas" in page and "Tadeo Ulises" in page

    data = {"submitted": "1", "col_0": "full_name", "col_1": "document_number", "name_order": "family_first"}
    client.post(reverse("imports:job_mapping", kwargs={"center": world.center_a.slug, "job_id": job.uuid}), data)
    job.refresh_from_db()
    assert [p["params"] for p in job.problems if p["code"] == "name_split"] == [
        {"given": "Tadeo Ulises", "family": "Zambrano Rivas"}]
    before = pks()
    confirm(client, job, consent_on_paper=True)
    person = new_people(world.center_a, before).get()
    assert (person.given_names, person.family_names) == ("Tadeo Ulises", "Zambrano Rivas")


# --- Identity documents of the region ---------------------------------------------------------------

@pytest.mark.parametrize(("written", "nationality", "kind", "country"), [
    ("Cédula venezolana", "VE", DocumentType.NATIONAL_ID, "VE"),
    ("C.I.", "VE", DocumentType.NATIONAL_ID, "VE"),
    ("cédula", "CO", DocumentType.NATIONAL_ID, "CO"),
    ("CURP", "MX", DocumentType.NATIONAL_ID, "MX"),
    ("PEP", "VE", DocumentType.PERMIT, "CO"),
    ("P.P.T.", "VE", DocumentType.PERMIT, "CO"),
    ("Carné de extranjería", "VE", DocumentType.FOREIGNER_ID, "PE"),
    ("CE", "VE", DocumentType.FOREIGNER_ID, "CO"),
    ("DNI", "PE", DocumentType.NATIONAL_ID, "PE"),
    ("RUT", "CL", DocumentType.NATIONAL_ID, "CL"),
    ("CPF", "BR", DocumentType.NATIONAL_ID, "BR"),
    ("RNE", "VE", DocumentType.FOREIGNER_ID, "BR"),
    ("Pasaporte", "HT", DocumentType.PASSPORT, "HT"),
    ("partida de nacimiento", "VE", DocumentType.BIRTH_CERTIFICATE, "VE"),
])
def test_the_regions_documents_are_known_with_their_issuing_country(written, nationality, kind, country):
    host = "PE" if "Carn" in written else "CO"
    found = resolve(written, nationality=nationality, host=host)
    assert (found.type, found.country) == (kind, country)


@pytest.mark.parametrize("written", ["sin documento", "Ninguno", "No tiene", "indocumentado", "N/A"])
def test_no_document_words_mean_no_document(written):
    assert resolve(written).type == DocumentType.NONE


def test_an_unknown_document_is_kept_as_other_with_its_name_and_the_person_imported(world):
    client = world.client_for(world.coordinator)
    content = ("Nombres;Apellidos;Tipo de documento;Número de documento\n"
               "Rosa;Díaz;Tarjeta de Movilidad Fronteriza;TMF-00991\n"
               "Iván;Mora;CURP;MOGI900101HDFRRV09\n").encode()
    before = pks()
    job = imported_job(client, world.center_a, "people", content)
    assert job.created_count == 2 and not [p for p in job.problems if p["level"] == "error"]
    stored = {p.given_names: (p.document_type, p.document_name, p.document_number)
              for p in new_people(world.center_a, before)}
    assert stored == {"Rosa": ("other", "Tarjeta de Movilidad Fronteriza", "TMF-00991"),
                      "Iván": ("national_id", "CURP", "MOGI900101HDFRRV09")}
    assert [p["code"] for p in job.problems if p["row"] == 2 and p["level"] == "info"] == ["other_document"]


def test_the_registration_form_reads_a_documents_name(world):
    client = world.client_for(world.front_desk)
    response = client.post(reverse("people:participant_register", kwargs={"center": world.center_a.slug}), {
        "given_names": "Nelly", "family_names": "Suárez", "sex": "female", "preferred_language": "es",
        "preferred_channel": "in_person", "document_name": "ppt", "document_number": "7788991",
        "nationality": "VE", "consent_data_processing": "on", "consent_given_by": "self",
        "consent_method": "verbal", "confirm_new": "on",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Participant.objects.get(given_names="Nelly")
    assert (person.document_type, person.document_name, person.document_country) == (
        DocumentType.PERMIT, "Permiso por Protección Temporal", "CO")


# --- Every field of a registration ------------------------------------------------------------------

def test_gender_household_address_guardian_and_age_are_imported(world):
    client = world.client_for(world.coordinator)
    today = date.today()
    content = ("Nombres;Apellidos;Edad;Identidad de género;Hogar;Dirección;Acudiente;Condición migratoria\n"
               "Marta;Lara;34;Mujer;H-7;Calle 5 # 4-10, barrio El Progreso;;Migrante\n"
               "Tomás;Lara;13;Hombre;H-7;;Marta Lara;Migrante\n"
               "Elsa;Ruiz;70;Prefiere no decir;;;;Comunidad de acogida\n").encode()
    before = pks()
    job = imported_job(client, world.center_a, "people", content)
    assert (job.status, job.created_count) == (ImportJob.Status.DONE, 3), job.problems
    people = {p.given_names: p for p in new_people(world.center_a, before)}
    marta, tomas, elsa = people["Marta"], people["Tomás"], people["Elsa"]
    assert (marta.gender, marta.mobility_status, elsa.mobility_status) == ("woman", "migrant", "host")
    assert marta.birth_date_estimated and abs((today - marta.birth_date).days - 34.5 * 365.25) < 5
    assert marta.household_id and marta.household_id == tomas.household_id and elsa.household_id is None
    assert marta.household.address == "Calle 5 # 4-10, barrio El Progreso"
    consent = Consent.objects.get(participant=tomas)
    assert (consent.given_by, consent.given_by_name) == (Consent.GivenBy.GUARDIAN, "Marta Lara")
    assert Consent.objects.get(participant=marta).given_by == Consent.GivenBy.SELF


def test_confidential_columns_are_not_read_for_a_role_that_may_not_write_them(world):
    header = ["Nombres", "Condición migratoria", "Etnia"]
    assert set(suggest_mapping(header, "people").values()) == {"given_names"}
    assert set(suggest_mapping(header, "people", sensitive=True).values()) == {"given_names", *SENSITIVE_TARGETS}
    checker = Checker(world.center_a, "people", header, {"0": "given_names", "1": "mobility_status"})
    assert "mobility_status" not in checker.check(2, ["Ana", "Migrante"]).values
    client = world.client_for(world.coordinator)
    job = uploaded_job(client, world.center_a, "people", "Nombres;Condición migratoria\nAna;Migrante\n".encode())
    import_actions.save_mapping(job, {"0": "given_names", "1": "mobility_status"}, actor=world.coordinator)
    assert job.mapping == {"0": "given_names"}  # dropped without the permission
    import_actions.save_mapping(job, {"0": "given_names", "1": "mobility_status"}, actor=world.coordinator,
                                sensitive=True)
    import_actions.validate_job(job)
    job.refresh_from_db()
    with pytest.raises(Refused):
        import_actions.confirm_import(job, actor=world.front_desk, skip_invalid=False, skip_duplicates=False,
                                      consent_on_paper=True, sensitive=False)


# --- Attendance lists ---------------------------------------------------------------------------------

@pytest.fixture
def group(world):
    return save_group(world.center_a, {"name": "Costura", "kind": "workshop", "status": "running"},
                      actor=world.coordinator)


def test_an_attendance_list_for_one_group_records_absences_and_registers_newcomers(world, group):
    client = world.client_for(world.coordinator)
    day = (date.today() - timedelta(days=2)).strftime("%d/%m/%Y")
    content = (f"LISTA DE ASISTENCIA - TALLER DE COSTURA\n"
               f"Código;Nombre completo;Fecha;Asistió (S/N)\n"
               f"{world.person_a.code};José Pérez Rodríguez;{day};S\n"
               f";Daniela Fuentes Mora;{day};Sí\n"
               f";Kevin Andrés Ortiz;{day};N\n"
               f"Total asistentes;;;2\n").encode()
    job = uploaded_job(client, world.center_a, "attendance", content)
    data = {"submitted": "1", "col_0": "code", "col_1": "full_name", "col_2": "date", "col_3": "attended",
            "group": str(group.uuid)}
    mapping = reverse("imports:job_mapping", kwargs={"center": world.center_a.slug, "job_id": job.uuid})
    response = client.post(mapping, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    job.refresh_from_db()
    assert job.invalid_rows == 0 and job.options["new_people"] == 2, job.problems
    before = pks()
    confirm(client, job)  # new people: the consent on paper is asked for
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    confirm(client, job, consent_on_paper=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    newcomers = {p.given_names: p for p in new_people(world.center_a, before)}
    assert set(newcomers) == {"Daniela", "Kevin Andrés"} and newcomers["Daniela"].family_names == "Fuentes Mora"
    present = set(Attendance.objects.filter(session__group=group).values_list("participant__given_names", flat=True))
    assert present == {"José", "Daniela"}
    members = set(Member.objects.filter(group=group).values_list("participant__given_names", flat=True))
    assert members == {"José", "Daniela", "Kevin Andrés"}
    assert (job.options["registered"], job.options["absent"]) == (2, 1)
    # The same list again: nothing new, nobody registered twice.
    again = uploaded_job(client, world.center_a, "attendance", content)
    client.post(reverse("imports:job_mapping", kwargs={"center": world.center_a.slug, "job_id": again.uuid}), data)
    again.refresh_from_db()
    assert [p["row"] for p in again.problems if p["code"] == "already_imported"] == [3, 4, 5]
    assert again.options["new_people"] == 0


def test_a_yes_no_column_refuses_other_answers(world, group):
    checker = Checker(world.center_a, "attendance", ["Código", "Fecha", "Asistió"],
                      {"0": "code", "1": "date", "2": "attended"}, choices={"group": str(group.uuid)})
    row = checker.check(2, [world.person_a.code, "01/12/2026", "quizás"])
    assert [p["code"] for p in row.problems] == ["invalid_yes_no"]


# --- Generated files ----------------------------------------------------------------------------------

GIVEN = ["Ana", "Luis", "María José", "Juan Carlos", "Yeferson", "Daniela", "Wilmer", "Rosa"]
FAMILY = ["Pérez", "Gómez", "de la Cruz", "Rodríguez", "Zambrano", "dos Santos", "Mora", "Ortiz"]
NO_DOCUMENT = ["sin documento", "N/A", "no tiene", "-", ""]
DOCUMENT_TYPES = ["CC", "Cédula venezolana", "PPT", "PEP", "Pasaporte", "Tarjeta de movilidad", "sin documento"]

person_rows = st.lists(st.tuples(st.sampled_from(GIVEN), st.sampled_from(FAMILY), st.sampled_from(FAMILY),
                                 st.sampled_from(DOCUMENT_TYPES),
                                 st.one_of(st.sampled_from(NO_DOCUMENT), st.integers(10**6, 10**9).map(str))),
                       min_size=1, max_size=8, unique_by=lambda row: row[:3])  # identical rows are one


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(rows=person_rows, kobo=st.booleans(), full_name=st.booleans(), title=st.booleans(), totals=st.booleans())
def test_generated_lists_import_one_person_per_record_row_with_every_name(world, rows, kobo, full_name, title,
                                                                        totals):
    """Files with the features centers' files have (a title above the header, Kobo's group prefixes, the
    full name in one cell or two surname columns, documents of the region or none, a totals row): each
    record row is one person, no row of totals is one, both surnames are kept, and no placeholder is a
    document number."""
    client = world.client_for(world.coordinator)
    prefix = "grupo_datos/" if kobo else ""
    if full_name:
        header = [f"{prefix}nombre_completo" if kobo else "Nombre completo"]
    else:
        header = [f"{prefix}nombres" if kobo else "Nombres", f"{prefix}primer_apellido" if kobo else "Primer apellido",
                  f"{prefix}segundo_apellido" if kobo else "Segundo apellido"]
    header += [f"{prefix}tipo_documento" if kobo else "Tipo de documento",
               f"{prefix}num_documento" if kobo else "Número de documento"]
    lines = ["Jornada de registro - barrio La Esperanza"] if title else []
    lines.append(";".join(header))
    seen_documents: set[str] = set()
    expected = []
    for number, (given_name, first, second, kind, document) in enumerate(rows):
        if document.isdigit():
            document = f"{document}{number}"  # distinct people have distinct documents
            seen_documents.add(document)
        family = f"{first} {second}"
        names = [f"{given_name} {family}"] if full_name else [given_name, first, second]
        lines.append(";".join([*names, kind, document]))
        expected.append((given_name, family, document if document.isdigit() else ""))
    if totals:
        lines.append(";".join(["Total", *[""] * (len(header) - 2), str(len(rows))]))
    before = pks()

    with transaction.atomic():  # each example starts from the same center
        job = imported_job(client, world.center_a, "people", ("\n".join(lines) + "\n").encode("cp1252"))

        assert job.status == ImportJob.Status.DONE, (job.error, job.problems)
        people = list(new_people(world.center_a, before))
        got = sorted((p.given_names, p.family_names, p.document_number) for p in people)
        assert got == sorted(expected)
        assert not [p for p in people if p.given_names.lower().startswith("total")]
        transaction.set_rollback(True)


def test_a_registration_posted_without_its_form_token_registers_and_never_shows_someone_else(world):
    """The form's hidden token says "registered before": without it, nobody with no token is "already"."""
    client = world.client_for(world.front_desk)
    response = client.post(reverse("people:participant_register", kwargs={"center": world.center_a.slug}), {
        "given_names": "Olga", "sex": "female", "preferred_language": "es", "preferred_channel": "in_person",
        "consent_data_processing": "on", "consent_given_by": "self", "consent_method": "verbal",
        "confirm_new": "on",
    })
    olga = Participant.objects.get(given_names="Olga")
    assert response["Location"].endswith(f"/{olga.uuid}/") and olga != world.person_a


def test_a_deliveries_file_records_each_deliverys_channel(world):
    client = world.client_for(world.coordinator)
    content = (f"Código;Servicio;Fecha;Modalidad\n"
               f"{world.person_a.code};Kits alimentarios;02/03/2026;Visita domiciliaria\n"
               f"{world.person_a.code};Kits alimentarios;03/03/2026;Jornada\n"
               f"{world.person_a.code};Kits alimentarios;04/03/2026;\n"
               f"{world.person_a.code};Kits alimentarios;05/03/2026;por paloma mensajera\n").encode()

    job = imported_job(client, world.center_a, "deliveries", content, skip_invalid=True)

    assert [(p["row"], p["code"]) for p in job.problems if p["level"] == "error"] == [(5, "invalid_choice")]
    channels = dict(ServiceDelivery.objects.filter(participant=world.person_a, delivered_on__month=3)
                    .values_list("delivered_on__day", "channel"))
    assert channels == {2: "home_visit", 3: "outreach", 4: world.service_a.usual_channel}

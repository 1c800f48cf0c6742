"""'sin documento', 'N/A', 'no tiene', '-' mean there is no document: never a document number, never what
links people to each other (14 people "sin documento" are 14 people). The same for phones and emails, in
imports and at the front desk."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.tests.helpers import checked_job, imported_job
from integrhabitat.lib.testing import browser_data
from integrhabitat.lib.text import no_value
from integrhabitat.people.models import Participant

PLACEHOLDERS = ["", "-", "--", "—", ".", "0", "000000", "?", "n/a", "N/A", "na", "n.a.", "No aplica", "NO TIENE",
                "sin documento", "Sin doc", "s/d", "SD", "ninguno", "Ninguna", "no", "None", "null", "nulo", "x",
                "XX", "pendiente", "sem documento", "Não tem", "nao possui", "no sabe", "NS/NR", "trámite",
                "En trámite", "indocumentado", "nan"]
VALUES = ["12345678", "V-12.345.678", "AB123456", "PPT-889911", "1.020.304.051", "X-7788", "E-0001",
          "300 555 0199", "+58 412 123 4567", "ana@example.org", "No. 80123456", "extranjero", "cédula"]


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_a_placeholder_means_no_value(text):
    assert no_value(text)


@pytest.mark.parametrize("text", VALUES)
def test_a_number_or_a_word_is_not_a_placeholder(text):
    assert not no_value(text)


def spelled(text: str):
    """`text` as people type it: any case, spaces around it."""
    return st.tuples(st.lists(st.booleans(), min_size=len(text), max_size=len(text)),
                     st.sampled_from(["", " ", "  "]), st.sampled_from(["", " ", "   "])).map(
        lambda drawn: drawn[1] + "".join(ch.upper() if up else ch.lower() for ch, up in zip(text, drawn[0],
                                                                                              strict=True))
        + drawn[2])


ANY_PLACEHOLDER = st.sampled_from(PLACEHOLDERS).flatmap(spelled)


@given(ANY_PLACEHOLDER)
def test_a_placeholder_in_any_case_and_spacing_means_no_value(text):
    assert no_value(text)


@given(st.text(max_size=12), st.sampled_from("123456789"), st.text(max_size=12))
def test_text_with_a_digit_other_than_zero_is_always_a_value(before, digit, after):
    assert not no_value(before + digit + after)


# --- Imports -----------------------------------------------------------------------------------------

def new_people(center, before: set[int]):
    return Participant.objects.filter(center=center).exclude(pk__in=before)


def test_fourteen_people_sin_documento_are_fourteen_people_without_a_document(world):
    client = world.client_for(world.coordinator)
    rows = "".join(f"Persona {i};Apellido {i};CC;sin documento\n" for i in range(14))
    content = f"Nombres;Apellidos;Tipo de documento;Número de documento\n{rows}".encode()
    before = set(Participant.objects.values_list("pk", flat=True))

    job = imported_job(client, world.center_a, "people", content)

    assert (job.status, job.created_count, job.linked_count) == (ImportJob.Status.DONE, 14, 0)
    people = new_people(world.center_a, before)
    assert people.count() == 14
    # The type given is kept; the number is none.
    assert {(p.document_type, p.document_number, p.document_index) for p in people} == {("national_id", "", "")}
    assert not [p for p in job.problems if p["code"] in ("same_in_file", "exact_match")]


def test_a_placeholder_never_links_a_row_to_a_person_stored_with_it_before(world):
    client = world.client_for(world.coordinator)
    world.person_a.document_number = "sin documento"  # stored before placeholders were recognized
    world.person_a.save()
    content = "Nombres;Apellidos;Cédula\nCarla;Nueva;Sin Documento\n".encode()
    deliveries = "Cédula;Servicio;Fecha\nsin documento;Kits alimentarios;15/01/2026\n".encode()

    people = checked_job(client, world.center_a, "people", content)
    delivery = checked_job(client, world.center_a, "deliveries", deliveries)

    assert not [p for p in people.problems if p["code"] == "exact_match"]
    assert [(p["row"], p["code"]) for p in delivery.problems if p["level"] == "error"] == [(2, "person_missing")]


def test_placeholders_for_phone_email_and_document_type_leave_them_empty_without_a_problem(world):
    client = world.client_for(world.coordinator)
    content = ("Nombres;Apellidos;Celular;Correo;Tipo de documento;Cédula\n"
               "Rosa;Díaz;no tiene;N/A;-;-\n"
               "Marta;Vega;0;sin correo;N/A;no aplica\n"
               "Iris;Lara;—;no.tengo@example.org;Ninguno;\n").encode()
    before = set(Participant.objects.values_list("pk", flat=True))

    job = imported_job(client, world.center_a, "people", content)

    assert job.problems == [] and job.created_count == 3
    stored = {p.given_names: (p.phone, p.email, p.document_type, p.document_number)
              for p in new_people(world.center_a, before)}
    assert stored == {"Rosa": ("", "", "", ""), "Marta": ("", "", "", ""),
                      "Iris": ("", "no.tengo@example.org", "", "")}


def test_a_word_in_the_document_column_is_noted_and_not_kept_as_a_number(world):
    client = world.client_for(world.coordinator)
    content = "Nombres;Apellidos;Cédula\nAna;Ruiz;extranjero\n".encode()
    before = set(Participant.objects.values_list("pk", flat=True))

    job = imported_job(client, world.center_a, "people", content)

    assert [(p["code"], p["level"]) for p in job.problems] == [("not_a_document", "info")]
    person = new_people(world.center_a, before).get()
    assert (person.document_type, person.document_number) == ("", "")


@st.composite
def people_without_documents(draw):
    """A list of distinct people whose document cells all say "none", each in its own spelling."""
    count = draw(st.integers(2, 14))
    cells = [draw(ANY_PLACEHOLDER).replace(";", "") for _ in range(count)]
    types = [draw(st.sampled_from(["", "", "N/A", "-", "Ninguno"])) for _ in range(count)]
    rows = "".join(f"Persona{i};Apellido{i};{kind};{cell}\n" for i, (kind, cell) in enumerate(zip(types, cells,
                                                                                                  strict=True)))
    return f"Nombres;Apellidos;Tipo de documento;Documento\n{rows}".encode(), count


@settings(max_examples=20, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(drawn=people_without_documents())
def test_people_with_placeholder_documents_are_never_linked_to_each_other(world, drawn):
    content, count = drawn
    client = world.client_for(world.coordinator)
    with transaction.atomic():
        before = set(Participant.objects.values_list("pk", flat=True))

        job = imported_job(client, world.center_a, "people", content)

        assert job.status == ImportJob.Status.DONE, job.error
        assert (job.created_count, job.linked_count, job.rejected_count) == (count, 0, 0)
        people = new_people(world.center_a, before)
        assert people.count() == count
        assert set(people.values_list("document_number", flat=True)) == {""}
        assert set(people.values_list("document_type", flat=True)) == {""}
        assert not [p for p in job.problems if p["level"] == "error"]
        transaction.set_rollback(True)


# --- The registration form ---------------------------------------------------------------------------

@pytest.fixture
def register(world):
    """Post the front desk's registration form (a fresh one each time) for a new person."""
    desk = world.client_for(world.front_desk)
    url = f"/c/{world.center_a.slug}/people/new/"

    def post(given: str, **fields):
        blank = browser_data(desk.get(url).context["form"])
        return desk.post(url, {**blank, "given_names": given, "family_names": f"{given}son",
                               "consent_data_processing": "on", "confirm_new": "on", **fields})

    return post


@pytest.mark.parametrize("typed", ["N/A", "sin documento", "no tiene", "-", "ninguno", "0"])
def test_a_placeholder_typed_as_the_document_number_is_stored_empty(world, register, typed):
    response = register("Amina", document_number=typed)

    assert response.status_code == 302, response.content.decode()[:2000]
    person = Participant.objects.get(center=world.center_a, given_names="Amina")
    assert (person.document_type, person.document_number, person.document_index) == ("", "", "")


def test_two_people_registered_sin_documento_share_no_document(world, register):
    register("Amina", document_number="Sin documento")
    register("Fatou", document_number="sin documento")

    people = Participant.objects.filter(center=world.center_a, given_names__in=["Amina", "Fatou"])
    assert sorted(people.values_list("document_number", "document_index")) == [("", ""), ("", "")]


def test_a_word_typed_as_the_document_number_is_refused(world, register):
    response = register("Amina", document_type="other", document_number="extranjero")

    assert response.status_code == 400
    assert "document_number" in response.context["form"].errors
    assert not Participant.objects.filter(given_names="Amina").exists()


def test_a_real_document_number_is_kept_as_typed(world, register):
    register("Amina", document_type="passport", document_number="V-12.345.678")

    assert Participant.objects.get(given_names="Amina").document_number == "V-12.345.678"

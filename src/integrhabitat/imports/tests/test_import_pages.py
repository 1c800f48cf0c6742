"""Who may import what, tenancy, limits and fake files, and the example files."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.tests.helpers import checked_job, upload, uploaded_job
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Participant

CONTENT = b"Nombres;Apellidos\nAna;Ruiz\n"


@pytest.mark.parametrize("actor", ["case_worker", "facilitator", "front_desk", "viewer", "partner"])
def test_only_coordinators_may_import(world, actor):
    client = world.client_for(getattr(world, actor))

    response = upload(client, world.center_a, "people", CONTENT)

    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_another_centers_import_is_not_found(world):
    job = uploaded_job(world.client_for(world.other_coordinator), world.center_b, "people", CONTENT)
    client = world.client_for(world.coordinator)

    for name in ("imports:job_detail", "imports:job_mapping", "imports:job_rejected"):
        response = client.get(reverse(name, kwargs={"center": world.center_a.slug, "job_id": job.uuid}))
        assert response.status_code == 404, name
    response = client.post(reverse("imports:job_commit", kwargs={"center": world.center_a.slug, "job_id": job.uuid}))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world, client):
    response = client.get(reverse("imports:start", kwargs={"center": world.center_a.slug}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_kind_needs_the_permission_of_the_page_that_records_the_same_facts(world, monkeypatch):
    from integrhabitat.imports import views

    job = uploaded_job(world.client_for(world.coordinator), world.center_a, "deliveries",
                       "Código;Servicio;Fecha\nX;Y;01/01/2026\n".encode())
    monkeypatch.setitem(views.KIND_PERMS, "deliveries", ("no.such.permission",))
    client = world.client_for(world.coordinator)

    page = client.get(reverse("imports:start", kwargs={"center": world.center_a.slug}))
    refused = client.get(reverse("imports:job_detail", kwargs={"center": world.center_a.slug, "job_id": job.uuid}))

    assert 'value="deliveries"' not in page.content.decode()
    assert refused.status_code == 403


@pytest.mark.parametrize(("name", "content"), [
    ("lista.xlsx", CONTENT),  # text named .xlsx
    ("lista.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256))),  # a zip named .csv
    ("lista.csv", bytes(range(256)) * 4),  # binary named .csv
    ("lista.pdf", b"%PDF-1.4"),
])
def test_it_refuses_a_file_that_is_not_a_spreadsheet_with_a_clear_message(world, name, content):
    response = upload(world.client_for(world.coordinator), world.center_a, "people", content, name)

    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not ImportJob.objects.exists()


def test_it_refuses_a_file_larger_than_the_limit(world, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(world.client_for(world.coordinator), world.center_a, "people", CONTENT + b"x" * 200)

    assert response.status_code == 400
    assert "MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_it_refuses_more_rows_than_the_limit(world, settings):
    settings.IMPORT_MAX_ROWS = 3
    content = ("Nombres\n" + "Ana\n" * 4).encode()

    response = upload(world.client_for(world.coordinator), world.center_a, "people", content)

    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_it_takes_an_excel_file_with_serial_dates(world):
    book = Workbook()
    book.active.append(["Nombres", "Fecha de nacimiento"])
    book.active.append(["Ana", 33010])
    buffer = io.BytesIO()
    book.save(buffer)
    client = world.client_for(world.coordinator)

    job = checked_job(client, world.center_a, "people", buffer.getvalue(), name="lista.xlsx")

    assert (job.file_format, job.valid_rows, job.problems) == ("xlsx", 1, [])


def test_the_stored_file_has_a_random_name_and_its_fingerprint(world):
    job = uploaded_job(world.client_for(world.coordinator), world.center_a, "people", CONTENT, "Lista Kennedy.csv")

    assert job.original_name == "Lista Kennedy.csv"
    assert "Kennedy" not in job.file.name and job.file.name.startswith("imports/")
    assert len(job.sha256) == 64 and job.size == len(CONTENT)


@pytest.mark.parametrize("kind", ["people", "deliveries", "attendance"])
def test_the_example_files_download_and_import_cleanly_as_far_as_their_columns_go(world, kind):
    client = world.client_for(world.coordinator)
    response = client.get(reverse("imports:example", kwargs={"center": world.center_a.slug}), {"kind": kind})
    content = b"".join(response.streaming_content)

    assert response.status_code == 200
    job = uploaded_job(client, world.center_a, kind, content, f"{kind}.csv")
    assert job.status == ImportJob.Status.MAPPING
    assert len(job.mapping) == len(job.header)  # every column of the example is recognized


@pytest.mark.parametrize("page", ["people:participant_list", "services:delivery_bulk", "communities:group_list"])
def test_the_people_deliveries_and_groups_pages_link_to_the_import_for_coordinators_only(world, page):
    url = reverse(page, kwargs={"center": world.center_a.slug})
    target = reverse("imports:start", kwargs={"center": world.center_a.slug})

    assert target in world.client_for(world.coordinator).get(url).content.decode()
    assert target not in world.client_for(world.case_worker).get(url).content.decode()


def test_a_member_who_lost_the_role_cannot_finish_an_import(world):
    client = world.client_for(world.coordinator)
    job = checked_job(client, world.center_a, "people", CONTENT)
    Membership.objects.filter(user=world.coordinator, center=world.center_a).update(role=Role.CASE_WORKER)
    before = Participant.objects.count()

    response = client.post(reverse("imports:job_commit", kwargs={"center": world.center_a.slug, "job_id": job.uuid}),
                           {"consent_on_paper": "on"})

    assert response.status_code == 403
    assert Participant.objects.count() == before

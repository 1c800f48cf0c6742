"""An agreement's documents: upload (POST .../agreements/<uuid>/documents/), download
(GET .../documents/<uuid>/) and removal (POST .../documents/<uuid>/delete/)."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_organization
from integrhabitat.lib.testing import shown
from integrhabitat.partners.models import Agreement, AgreementDocument

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
NOT_ACCEPTED = ("This kind of file is not accepted. Upload a PDF, a photo (JPEG or PNG) or a document "
                "(Word, Excel, OpenDocument).")


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def agreement(world):
    return Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Convenio marco",
                                    starts_on=date(2026, 1, 1))


def upload_url(agreement):
    return f"/c/centro-a/alliances/agreements/{agreement.uuid}/documents/"


def download_url(document):
    return f"/c/centro-a/alliances/documents/{document.uuid}/"


def delete_url(document):
    return f"/c/centro-a/alliances/documents/{document.uuid}/delete/"


def upload(client, agreement, name="convenio firmado.pdf", content=PDF, content_type="application/pdf"):
    return client.post(upload_url(agreement), {"file": SimpleUploadedFile(name, content, content_type=content_type)})


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def test_it_accepts_a_pdf_and_lets_a_case_worker_download_it(world, agreement, media):
    response = upload(world.client_for(world.coordinator), agreement)

    document = AgreementDocument.objects.get(agreement=agreement)
    assert response.status_code == 302
    assert response.url == f"/c/centro-a/alliances/agreements/{agreement.uuid}/"
    assert (document.name, document.content_type, document.size) == ("convenio firmado.pdf", "application/pdf",
                                                                      len(PDF))
    assert document.uploaded_by == world.coordinator
    assert "convenio" not in document.file.name  # stored under a random name
    assert AuditEntry.objects.filter(action="partners.document.added", object_id=str(document.uuid),
                                     center=world.center_a).exists()

    download = world.client_for(world.case_worker).get(download_url(document))

    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "convenio" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "sandbox"
    entry = AuditEntry.objects.get(action="network.file.downloaded")
    assert (entry.actor, entry.center, entry.object_id) == (world.case_worker, world.center_a, str(document.uuid))


def test_it_lists_the_document_on_the_agreement_page(world, agreement):
    upload(world.client_for(world.coordinator), agreement)
    document = AgreementDocument.objects.get()
    page = world.client_for(world.case_worker).get(f"/c/centro-a/alliances/agreements/{agreement.uuid}/")

    html = page.content.decode()

    assert "convenio firmado.pdf" in html
    assert download_url(document) in html
    assert delete_url(document) not in html  # only coordinators remove documents


@pytest.mark.parametrize("actor", ["viewer", "partner", "front_desk"])
def test_it_refuses_the_download_to_those_who_may_not_see_agreements(world, agreement, actor):
    upload(world.client_for(world.coordinator), agreement)
    document = AgreementDocument.objects.get()

    response = world.client_for(getattr(world, actor)).get(download_url(document))

    assert response.status_code == 403
    assert PDF not in response.content
    assert not AuditEntry.objects.filter(action="network.file.downloaded").exists()


@pytest.mark.parametrize(("name", "content"), [
    ("convenio.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"),
    ("convenio.pdf", b"<!doctype html><html><script>alert(document.cookie)</script></html>"),
    ("convenio.pdf", b"Este convenio es un texto plano, no un PDF.\n"),
], ids=["exe", "html", "text"])
def test_it_refuses_a_file_that_is_not_what_its_name_says(world, agreement, media, name, content):
    response = upload(world.client_for(world.coordinator), agreement, name=name, content=content)

    assert response.status_code == 400
    assert escape(shown(NOT_ACCEPTED)) in response.content.decode()
    assert not AgreementDocument.objects.exists()
    assert stored_files(media) == []
    assert not AuditEntry.objects.filter(action="partners.document.added").exists()


def test_it_refuses_a_file_over_the_size_limit(world, agreement, media, settings):
    settings.UPLOAD_MAX_BYTES = 100

    response = upload(world.client_for(world.coordinator), agreement, content=PDF + b"%" * 200)

    assert response.status_code == 400
    assert "file" in response.context["document_form"].errors
    assert "100" in response.context["document_form"].errors["file"][0]
    assert not AgreementDocument.objects.exists()
    assert stored_files(media) == []


def test_it_asks_for_a_file_when_none_is_sent(world, agreement):
    response = world.client_for(world.coordinator).post(upload_url(agreement), {})

    assert response.status_code == 400
    assert response.context["document_form"].errors["file"]
    assert not AgreementDocument.objects.exists()


@pytest.mark.parametrize("actor", ["case_worker", "viewer", "partner"])
def test_it_lets_only_coordinators_upload(world, agreement, media, actor):
    response = upload(world.client_for(getattr(world, actor)), agreement)

    assert response.status_code == 403
    assert not AgreementDocument.objects.exists()
    assert stored_files(media) == []


def test_it_removes_a_document_and_its_file(world, agreement, media, django_capture_on_commit_callbacks):
    coordinator = world.client_for(world.coordinator)
    upload(coordinator, agreement)
    document = AgreementDocument.objects.get()
    assert coordinator.get(delete_url(document)).status_code == 405
    assert world.client_for(world.case_worker).post(delete_url(document)).status_code == 403
    assert len(stored_files(media)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(delete_url(document))

    assert response.status_code == 302
    assert not AgreementDocument.objects.exists()
    assert stored_files(media) == []
    assert AuditEntry.objects.filter(action="partners.document.deleted", object_id=str(document.uuid)).exists()


def test_it_answers_404_for_a_document_of_another_center(world, media):
    other = Agreement.objects.create(center=world.center_b, organization=make_organization(world.center_b, "B"),
                                     title="Convenio B", starts_on=date(2026, 1, 1))
    coordinator_b = world.client_for(world.other_coordinator)
    coordinator_b.post(f"/c/centro-b/alliances/agreements/{other.uuid}/documents/",
                       {"file": SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")})
    document = AgreementDocument.objects.get()
    coordinator_a = world.client_for(world.coordinator)

    assert coordinator_a.get(download_url(document)).status_code == 404
    assert coordinator_a.post(delete_url(document)).status_code == 404
    assert coordinator_a.post(upload_url(other), {
        "file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")}).status_code == 404
    assert AgreementDocument.objects.count() == 1
    assert not AuditEntry.objects.filter(action="network.file.downloaded").exists()

"""The kernel's stored files (`network.files`): one upload check, safe names, one audited download that looks
the file up through the tenant."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_organization
from integrhabitat.improvement.practices.services import (
    add_attachment,
    publish_practice,
    save_practice,
    submit_practice,
)
from integrhabitat.lib.errors import Refused
from integrhabitat.network import files
from integrhabitat.network.models import Membership, StoredFile
from integrhabitat.network.roles import AGREEMENTS_VIEW, NETWORK_OVERVIEW
from integrhabitat.partners.models import Agreement, AgreementDocument
from integrhabitat.partners.services import add_document, delete_document

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
# The start of a Windows program: what an .exe renamed .pdf really holds.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 64
DOWNLOADED = "network.file.downloaded"


def agreement_of(center) -> Agreement:
    return Agreement.objects.create(center=center, organization=make_organization(center, f"Aliado {center.code}"),
                                    title="Convenio", starts_on=date(2026, 1, 1))


def document_of(center, name: str = "convenio firmado.pdf") -> AgreementDocument:
    return add_document(agreement_of(center), SimpleUploadedFile(name, PDF), actor=None)


def request_by(user, center):
    """A GET as the center middleware leaves it: `center` and the user's membership there (if any)."""
    request = RequestFactory().get("/")
    request.user, request.center = user, center
    request.membership = Membership.objects.filter(user=user, center=center).first()
    return request


@pytest.fixture
def english():
    """The refusals in English: the assertions read the msgids, whatever the translations say."""
    with translation.override("en"):
        yield


def files_on_disk() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def practice_of(center):
    return save_practice(center, {
        "title": "Olla comunitaria", "category": "I", "context": "Familias sin cocina propia.",
        "what_was_done": "Turnos semanales.", "results": "Almuerzos diarios.", "lessons": "Pactar los turnos.",
    }, actor=None)


# --- The download --------------------------------------------------------------------------------------------

def test_a_download_sends_the_file_with_safe_headers_and_records_who_took_what(world):
    document = document_of(world.center_a, "Año 2026 \"firmado\".pdf")

    response = world.client_for(world.case_worker).get(f"/c/centro-a/alliances/documents/{document.uuid}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Ano 2026 _firmado_.pdf\"; filename*=UTF-8''A%C3%B1o%202026%20%22firmado%22.pdf")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    entry = AuditEntry.objects.get(action=DOWNLOADED)
    assert (entry.actor, entry.center, entry.object_type, entry.object_id) == (
        world.case_worker, world.center_a, "partners.agreementdocument", str(document.uuid))


def test_a_practice_attachment_download_is_now_audited_on_the_practice_s_center(world):
    practice = practice_of(world.center_b)
    attachment = add_attachment(practice, SimpleUploadedFile("guia.pdf", PDF), actor=None)
    publish_practice(submit_practice(practice, version=1, actor=None), version=2, actor=world.network_coordinator)
    path = f"/practices/{practice.uuid}/attachments/{attachment.uuid}/"

    # A published practice of center B, read from center A, and by the network coordinator.
    assert world.client_for(world.viewer).get(f"/c/centro-a{path}").status_code == 200
    assert world.client_for(world.network_coordinator).get(f"/network{path}").status_code == 200

    entries = AuditEntry.objects.filter(action=DOWNLOADED).order_by("id")
    assert [(e.actor, e.center, e.object_type, e.object_id) for e in entries] == [
        (world.viewer, world.center_b, "improvement.practiceattachment", str(attachment.uuid)),
        (world.network_coordinator, world.center_b, "improvement.practiceattachment", str(attachment.uuid)),
    ]


def test_another_centers_file_is_404_even_to_a_role_that_may_download(world):
    stored_b = document_of(world.center_b).stored

    with pytest.raises(Http404):
        files.download(request_by(world.coordinator, world.center_a), stored_b, perm=AGREEMENTS_VIEW)

    assert not AuditEntry.objects.filter(action=DOWNLOADED).exists()


def test_a_role_too_low_is_403_and_nothing_is_recorded(world):
    stored = document_of(world.center_a).stored

    for user in (world.viewer, world.front_desk, world.partner):
        with pytest.raises(PermissionDenied):
            files.download(request_by(user, world.center_a), stored, perm=AGREEMENTS_VIEW)
    with pytest.raises(PermissionDenied):  # the network's pages: only the network coordinator
        files.download(request_by(world.coordinator, None), stored, perm=NETWORK_OVERVIEW)

    assert not AuditEntry.objects.filter(action=DOWNLOADED).exists()
    assert files.download(request_by(world.case_worker, world.center_a), stored, perm=AGREEMENTS_VIEW).status_code \
        == 200


def test_a_file_gone_from_the_disk_is_404_and_not_recorded(world):
    stored = document_of(world.center_a).stored
    stored.file.storage.delete(stored.file.name)

    with pytest.raises(Http404):
        files.download(request_by(world.case_worker, world.center_a), stored, perm=AGREEMENTS_VIEW)

    assert not AuditEntry.objects.filter(action=DOWNLOADED).exists()


# --- The upload ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["convenio.pdf", "foto.png", "acta.docx"])
def test_a_program_renamed_as_a_document_is_refused_at_upload(world, english, name):
    with pytest.raises(Refused, match="This kind of file is not accepted"):
        files.check_upload(SimpleUploadedFile(name, EXE, content_type="application/pdf"))
    with pytest.raises(Refused):
        add_attachment(practice_of(world.center_a), SimpleUploadedFile(name, EXE), actor=None)
    with pytest.raises(Refused):
        add_document(agreement_of(world.center_a), SimpleUploadedFile(name, EXE), actor=None)

    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_an_empty_file_and_one_over_the_limit_are_refused(settings, english):
    settings.UPLOAD_MAX_BYTES = 100

    with pytest.raises(Refused, match="empty"):
        files.check_upload(SimpleUploadedFile("vacio.pdf", b""))
    with pytest.raises(Refused, match="too large"):
        files.check_upload(SimpleUploadedFile("grande.pdf", PDF + b"%" * 100))
    assert files.check_upload(SimpleUploadedFile("convenio.pdf", PDF)) == "application/pdf"


@pytest.mark.parametrize(("uploaded", "kept"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\system32\\convenio.pdf", "convenio.pdf"),
    ("C:\\Users\\ana\\Escritorio\\acta final.pdf", "acta final.pdf"),
    ("/var/www/../../acta.pdf", "acta.pdf"),
    ("factura\u202efdp.exe", "facturafdp.exe"),  # a right-to-left override would show "factura exe.pdf"
    ("acta\x00.pdf\r\n", "acta.pdf"),
    ("..", "document"),
    ("", "document"),
    ("  \t ", "document"),
    ("Informe de gestión.pdf", "Informe de gestión.pdf"),
])
def test_names_with_path_tricks_are_made_safe(uploaded, kept):
    assert files.safe_name(uploaded) == kept


def test_a_long_name_is_cut_keeping_its_extension():
    name = files.safe_name("a" * 300 + ".pdf")

    assert len(name) == files.NAME_MAX and name.endswith("a.pdf")


def test_a_stored_file_keeps_the_safe_name_and_lands_on_disk_under_a_random_one(world):
    document = add_document(agreement_of(world.center_a), SimpleUploadedFile("../../convenio.pdf", PDF), actor=None)
    stored = document.stored

    assert (stored.center, stored.purpose, stored.name, stored.size) == (
        world.center_a, StoredFile.Purpose.AGREEMENT_DOCUMENT, "convenio.pdf", len(PDF))
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.file.name.startswith(f"agreements/{world.center_a.pk}/")
    assert ".." not in stored.file.name and "convenio" not in stored.file.name
    assert Path(stored.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_removing_a_document_deletes_its_stored_file_and_the_bytes_once_committed(
        world, django_capture_on_commit_callbacks):
    document = document_of(world.center_a)
    path = Path(document.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        delete_document(document, actor=world.coordinator)

    assert not StoredFile.objects.exists()
    assert not path.exists()

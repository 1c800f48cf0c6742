import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from integrhabitat.accounts.models import Notification
from integrhabitat.audit.models import AuditEntry
from integrhabitat.demo.practices import load_practices
from integrhabitat.improvement.models import Practice, PracticeAttachment
from integrhabitat.improvement.practices.services import (
    add_attachment,
    feature_practice,
    publish_practice,
    return_practice,
    save_practice,
    search_practices,
    search_text,
    submit_practice,
)
from integrhabitat.lib.errors import Refused, StaleEdit

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def client_for(world, user):
    """A browser that asks for English: the assertions read the msgids, whatever the translations say."""
    client = world.client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def data(**overrides) -> dict:
    return {"title": "Olla comunitaria con turnos rotativos", "category": "I",
            "context": "Familias recién llegadas sin cocina propia en el barrio.",
            "what_was_done": "Las vecinas organizaron turnos semanales con la junta de acción comunal.",
            "results": "Ciento veinte almuerzos diarios durante seis meses.",
            "lessons": "Pactar los turnos por escrito evita que el trabajo recaiga en pocas mujeres.", **overrides}


def draft(center, *, author=None, **overrides) -> Practice:
    return save_practice(center, data(**overrides), actor=author)


def published(world, center, *, featured=False, **overrides) -> Practice:
    practice = draft(center, **overrides)
    practice = submit_practice(practice, version=practice.version, actor=None)
    return publish_practice(practice, featured=featured, version=practice.version, actor=world.network_coordinator)


def library(client, slug="centro-a", **params) -> str:
    response = client.get(f"/c/{slug}/practices/", params)
    assert response.status_code == 200
    return response.content.decode()


# --- The library: search, filters, order ---------------------------------------------------------------------

def test_it_finds_practices_of_every_center_by_words_whatever_their_accents_and_case(world):
    published(world, world.center_a, title="Refuerzo escolar con EDUCACIÓN popular")
    published(world, world.center_b, title="Viviendas mejoradas con mano de obra vecinal", category="III")
    client = client_for(world, world.viewer)

    assert "Refuerzo escolar" in library(client, q="educacion")
    assert "Refuerzo escolar" in library(client, q="Educación POPULAR")
    found = library(client, q="vivienda")  # a word within a longer one: "viviendas"
    assert "Viviendas mejoradas" in found and "Refuerzo escolar" not in found
    assert "Refuerzo escolar" not in library(client, q="educación vivienda")  # every word must be there
    assert "No published practice matches the search." in library(client, q="xenofobia")


def test_it_folds_the_search_text_and_keeps_it_within_its_field(world):
    practice = draft(world.center_a, title="Acción Comunitaria en Niñez", lessons="Lo más útil: " + "palabra " * 50
                     + " ".join(f"termino{i}" for i in range(400)))

    assert practice.search_text.startswith("accion comunitaria ninez")
    assert len(practice.search_text) <= Practice._meta.get_field("search_text").max_length
    assert practice.search_text.count("palabra") == 1  # each word once
    assert "las" not in practice.search_text.split()  # common words are left out
    assert search_practices(Practice.objects.all(), "NIÑEZ").get() == practice
    assert search_text(practice) == practice.search_text


def test_it_filters_by_category_and_by_center_and_shows_featured_practices_first(world):
    published(world, world.center_a, title="Primero publicada")
    published(world, world.center_b, title="Destacada del otro centro", category="VI", featured=True)
    published(world, world.center_b, title="Cuidado infantil por turnos", category="II")
    client = client_for(world, world.viewer)

    everything = library(client)
    assert everything.index("Destacada del otro centro") < everything.index("Primero publicada")
    by_category = library(client, category="VI")
    assert "Destacada del otro centro" in by_category and "Primero publicada" not in by_category
    by_center = library(client, center="centro-b")
    assert "Cuidado infantil" in by_center and "Primero publicada" not in by_center
    combined = library(client, center="centro-b", category="II", q="turnos")
    assert "Cuidado infantil" in combined and "Destacada" not in combined


def test_it_offers_as_centers_to_filter_only_those_that_published_something(world):
    draft(world.center_b, title="Borrador del otro centro")
    client = client_for(world, world.viewer)

    assert "Centro B" not in library(client)
    published(world, world.center_b)
    assert '<option value="centro-b">Centro B</option>' in library(client)


def test_it_lists_the_library_with_the_same_number_of_queries_however_many_practices(world):
    client = client_for(world, world.viewer)
    for i in range(2):
        published(world, world.center_b, title=f"Práctica {i}")
    with CaptureQueriesContext(connection) as few:
        library(client)
    for i in range(2, 8):
        published(world, world.center_a if i % 2 else world.center_b, title=f"Práctica {i}")
    with CaptureQueriesContext(connection) as many:
        library(client)

    assert len(many) == len(few)


# --- Tenancy: what each center reads ----------------------------------------------------------------------------

def test_it_shows_the_own_centers_unpublished_practices_and_hides_another_centers(world):
    own = draft(world.center_a, title="Nuestro borrador")
    other = draft(world.center_b, title="Borrador ajeno")
    other_submitted = submit_practice(draft(world.center_b, title="Enviada ajena"), version=1, actor=None)
    client = client_for(world, world.viewer)

    page = library(client)
    assert "Nuestro borrador" in page
    assert "Borrador ajeno" not in page and "Enviada ajena" not in page
    assert client.get(f"/c/centro-a/practices/{own.uuid}/").status_code == 200
    assert client.get(f"/c/centro-a/practices/{other.uuid}/").status_code == 404
    assert client.get(f"/c/centro-a/practices/{other_submitted.uuid}/").status_code == 404
    writer = client_for(world, world.coordinator)
    assert writer.get(f"/c/centro-a/practices/{other.uuid}/edit/").status_code == 404
    assert writer.post(f"/c/centro-a/practices/{other.uuid}/submit/", {"version": 1}).status_code == 404
    other.refresh_from_db()
    assert other.status == Practice.Status.DRAFT


def test_it_lets_every_center_read_a_published_practice_but_only_its_own_change_it(world):
    practice = published(world, world.center_b, title="Mesa intercultural")
    client = client_for(world, world.coordinator)

    page = client.get(f"/c/centro-a/practices/{practice.uuid}/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "Mesa intercultural" in body and "Centro B" in body
    assert f"/c/centro-a/practices/{practice.uuid}/edit/" not in body
    assert client.get(f"/c/centro-a/practices/{practice.uuid}/edit/").status_code == 404


# --- Writing, submitting, curating ------------------------------------------------------------------------------

def test_it_walks_a_practice_from_draft_to_published_and_tells_who_needs_to_know(world):
    writer = client_for(world, world.facilitator)

    created = writer.post("/c/centro-a/practices/new/", data())
    practice = Practice.objects.get()
    assert created["Location"] == f"/c/centro-a/practices/{practice.uuid}/"
    assert (practice.status, practice.author, practice.center) == ("draft", world.facilitator, world.center_a)
    edited = writer.post(f"/c/centro-a/practices/{practice.uuid}/edit/",
                         data(title="Olla comunitaria «Manos Unidas»", version=practice.version))
    assert edited.status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.version) == ("Olla comunitaria «Manos Unidas»", 2)
    assert "manos unidas" in practice.search_text

    writer.post(f"/c/centro-a/practices/{practice.uuid}/submit/", {"version": practice.version})

    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED
    to_curator = Notification.objects.get(user=world.network_coordinator)
    assert to_curator.url == f"/network/practices/{practice.uuid}/"
    assert "Centro A" in to_curator.text
    curator = client_for(world, world.network_coordinator)
    assert "Manos Unidas" in curator.get("/network/practices/").content.decode()

    done = curator.post(f"/network/practices/{practice.uuid}/", {
        "action": "publish", "featured": "on", "note": "Muy replicable.", "version": practice.version})

    assert done.status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.featured, practice.curator_note) == ("published", True, "Muy replicable.")
    assert practice.published_at is not None
    told = set(Notification.objects.filter(url=f"/c/centro-a/practices/{practice.uuid}/").values_list("user",
                                                                                                     flat=True))
    assert told == {u.pk for u in (world.coordinator, world.case_worker, world.facilitator, world.front_desk,
                                   world.viewer)}  # the center's staff, not its partner
    assert not Notification.objects.filter(user=world.other_coordinator).exists()
    assert AuditEntry.objects.filter(action="improvement.practice.published", actor=world.network_coordinator,
                                     center=world.center_a).exists()
    assert "Manos Unidas" in library(client_for(world, world.other_coordinator), slug="centro-b")
    # Published: no longer changed by its center.
    again = writer.get(f"/c/centro-a/practices/{practice.uuid}/edit/", follow=True)
    assert "can no longer be changed" in again.content.decode()


def test_it_returns_a_practice_with_a_note_to_those_who_write_and_lets_them_resubmit(world):
    practice = draft(world.center_a, author=world.case_worker)
    practice = submit_practice(practice, version=practice.version, actor=world.case_worker)
    curator = client_for(world, world.network_coordinator)

    empty = curator.post(f"/network/practices/{practice.uuid}/", {"action": "return", "note": " ",
                                                                   "version": practice.version})
    assert empty.status_code == 400
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED
    curator.post(f"/network/practices/{practice.uuid}/", {"action": "return", "version": practice.version,
                                                          "note": "Agreguen cifras de resultados."})

    practice.refresh_from_db()
    assert (practice.status, practice.curator_note) == ("returned", "Agreguen cifras de resultados.")
    told = set(Notification.objects.filter(url=f"/c/centro-a/practices/{practice.uuid}/").values_list("user",
                                                                                                     flat=True))
    assert told == {world.coordinator.pk, world.case_worker.pk, world.facilitator.pk}
    page = client_for(world, world.case_worker).get(f"/c/centro-a/practices/{practice.uuid}/").content.decode()
    assert "Agreguen cifras de resultados." in page
    practice = save_practice(world.center_a, data(results="Ciento veinte almuerzos; 80 % mujeres."),
                             practice=practice, version=practice.version, actor=world.case_worker)
    practice = submit_practice(practice, version=practice.version, actor=world.case_worker)
    assert practice.status == Practice.Status.SUBMITTED


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_it_refuses_transitions_out_of_order_with_a_clear_message(world, english):
    practice = draft(world.center_a)

    with pytest.raises(Refused, match="waiting for curation can be published"):
        publish_practice(practice, version=practice.version, actor=world.network_coordinator)
    with pytest.raises(Refused, match="Only a published practice can be featured"):
        feature_practice(practice, featured=True, version=practice.version, actor=world.network_coordinator)
    practice = submit_practice(practice, version=practice.version, actor=world.coordinator)
    with pytest.raises(Refused, match="already submitted"):
        submit_practice(practice, version=practice.version, actor=world.coordinator)
    with pytest.raises(Refused, match="waiting for the network coordinator's curation"):
        save_practice(world.center_a, data(title="Otra"), practice=practice, version=practice.version,
                      actor=world.coordinator)
    with pytest.raises(Refused, match="Only the network coordinator"):
        publish_practice(practice, version=practice.version, actor=world.coordinator)
    with pytest.raises(Refused, match="Write what should change"):
        return_practice(practice, note="", version=practice.version, actor=world.network_coordinator)
    practice = publish_practice(practice, version=practice.version, actor=world.network_coordinator)
    with pytest.raises(Refused, match="already published"):
        submit_practice(practice, version=practice.version, actor=world.coordinator)
    with pytest.raises(Refused, match="waiting for curation can be returned"):
        return_practice(practice, note="No", version=practice.version, actor=world.network_coordinator)
    practice = feature_practice(practice, featured=True, version=practice.version, actor=world.network_coordinator)
    assert practice.featured


def test_it_shows_the_refusal_on_the_page_when_submitting_twice(world):
    practice = draft(world.center_a)
    writer = client_for(world, world.coordinator)
    writer.post(f"/c/centro-a/practices/{practice.uuid}/submit/", {"version": 1})

    again = writer.post(f"/c/centro-a/practices/{practice.uuid}/submit/", {"version": 2}, follow=True)

    body = again.content.decode()
    assert "already submitted" in body
    assert Notification.objects.filter(user=world.network_coordinator).count() == 1


def test_it_refuses_a_stale_edit_and_keeps_what_was_typed(world):
    practice = draft(world.center_a)
    save_practice(world.center_a, data(title="Cambio de otra persona"), practice=practice, version=1,
                  actor=world.coordinator)

    response = client_for(world, world.case_worker).post(
        f"/c/centro-a/practices/{practice.uuid}/edit/", data(title="Mi cambio", version=1))

    assert response.status_code == 400
    body = response.content.decode()
    assert "Mi cambio" in body and 'name="version" value="2"' in body
    practice.refresh_from_db()
    assert practice.title == "Cambio de otra persona"
    with pytest.raises(StaleEdit):
        submit_practice(practice, version=1, actor=world.coordinator)


def test_it_refuses_the_library_to_partners_and_writing_to_the_front_desk(world):
    assert client_for(world, world.partner).get("/c/centro-a/practices/").status_code == 403
    desk = client_for(world, world.front_desk)
    assert desk.get("/c/centro-a/practices/").status_code == 200
    assert desk.post("/c/centro-a/practices/new/", data()).status_code == 403
    assert not Practice.objects.exists()
    assert client_for(world, world.coordinator).get("/network/practices/").status_code == 403


def test_the_curation_queue_lists_submitted_practices_of_every_center_and_never_drafts(world):
    submit_practice(draft(world.center_a, title="Enviada por A"), version=1, actor=None)
    submit_practice(draft(world.center_b, title="Enviada por B"), version=1, actor=None)
    hidden = draft(world.center_b, title="Borrador de B")
    curator = client_for(world, world.network_coordinator)

    queue = curator.get("/network/practices/").content.decode()

    assert "Enviada por A" in queue and "Enviada por B" in queue and "Borrador de B" not in queue
    assert curator.get(f"/network/practices/{hidden.uuid}/").status_code == 404
    assert "Enviada por A" not in curator.get("/network/practices/?status=published").content.decode()


# --- Attachments ------------------------------------------------------------------------------------------------

def upload(client, practice, name, content):
    return client.post(f"/c/{practice.center.slug}/practices/{practice.uuid}/attachments/",
                       {"file": SimpleUploadedFile(name, content, content_type="application/pdf")})


def test_it_accepts_files_by_their_content_and_refuses_a_pdf_that_is_really_text(world):
    practice = draft(world.center_a)
    writer = client_for(world, world.coordinator)

    refused = upload(writer, practice, "informe.pdf", b"Esto no es un PDF, es texto plano.\n" * 10)
    assert refused.status_code == 400
    assert "This kind of file is not accepted." in refused.content.decode()
    assert not PracticeAttachment.objects.exists()

    assert upload(writer, practice, "informe.pdf", PDF).status_code == 302
    assert upload(writer, practice, "foto.png", PNG).status_code == 302
    stored = {a.name: a.content_type for a in practice.attachments.all()}
    assert stored == {"informe.pdf": "application/pdf", "foto.png": "image/png"}


def test_it_refuses_a_file_over_the_size_limit(world, settings):
    settings.UPLOAD_MAX_BYTES = 20
    practice = draft(world.center_a)

    response = upload(client_for(world, world.coordinator), practice, "informe.pdf", PDF)

    assert response.status_code == 400
    assert not PracticeAttachment.objects.exists()


def test_it_attaches_and_removes_files_only_while_the_practice_is_being_written(world):
    practice = draft(world.center_a)
    attachment = add_attachment(practice, SimpleUploadedFile("guia.pdf", PDF), actor=world.coordinator)
    practice = submit_practice(practice, version=practice.version, actor=world.coordinator)
    writer = client_for(world, world.coordinator)

    assert upload(writer, practice, "otra.pdf", PDF).status_code == 400
    writer.post(f"/c/centro-a/practices/{practice.uuid}/attachments/{attachment.uuid}/remove/")

    assert list(practice.attachments.all()) == [attachment]
    with pytest.raises(Refused):
        add_attachment(practice, SimpleUploadedFile("otra.pdf", PDF), actor=world.coordinator)


def test_it_serves_attachments_only_to_those_who_may_read_the_practice(world):
    practice = draft(world.center_b)
    attachment = add_attachment(practice, SimpleUploadedFile("guia.pdf", PDF), actor=None)
    path = f"/practices/{practice.uuid}/attachments/{attachment.uuid}/"

    own = client_for(world, world.other_coordinator).get(f"/c/centro-b{path}")
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PDF
    assert own["X-Content-Type-Options"] == "nosniff" and "attachment" in own["Content-Disposition"]
    other_center = client_for(world, world.viewer)
    assert other_center.get(f"/c/centro-a{path}").status_code == 404  # a draft of B
    assert other_center.get(f"/c/centro-b{path}").status_code == 404  # not a member of B
    assert client_for(world, None).get(f"/c/centro-b{path}").status_code == 302
    curator = client_for(world, world.network_coordinator)
    assert curator.get(f"/network{path}").status_code == 404  # drafts stay with their center

    published_practice = publish_practice(submit_practice(practice, version=1, actor=None), version=2,
                                          actor=world.network_coordinator)
    assert other_center.get(f"/c/centro-a{path}").status_code == 200
    assert curator.get(f"/network{path}").status_code == 200
    assert client_for(world, world.partner).get(f"/c/centro-a{path}").status_code == 403
    assert published_practice.attachments.get().file.name.startswith(f"practices/{practice.uuid}/")
    assert "guia.pdf" not in attachment.file.name  # stored under a name nobody can guess from the upload


# --- Demo data --------------------------------------------------------------------------------------------------

def test_the_demo_shares_curated_practices_that_every_center_finds(world):
    today = timezone.localdate()

    loaded = load_practices(world.center_a, author=world.coordinator, today=today)

    assert 2 <= len(loaded) <= 3
    assert {p.status for p in loaded} == {Practice.Status.PUBLISHED}
    assert all(p.published_at < timezone.now() and p.published_at.date() < today for p in loaded)
    assert not Notification.objects.filter(read_at__isnull=True).exists()  # old news in the demo
    found = library(client_for(world, world.other_coordinator), slug="centro-b", q="cuidado infantil")
    assert loaded[0].title in found

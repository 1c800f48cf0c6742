"""Who may open the alliances pages: partner staff see none of them, each page declares its permission,
mutations refuse GET, and anonymous visitors are sent to log in."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrhabitat.audit.models import AuditEntry
from integrhabitat.network.roles import AGREEMENTS_VIEW, PARTNERS_MANAGE, PARTNERS_VIEW
from integrhabitat.partners.models import Agreement, Pathway, PathwayStep
from integrhabitat.partners.services import add_document
from integrhabitat.partners.urls import urlpatterns

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def objects(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = Agreement.objects.create(center=world.center_a, organization=world.partner_org,
                                         title="Convenio marco", starts_on=date(2026, 1, 1))
    document = add_document(agreement, SimpleUploadedFile("convenio.pdf", PDF), actor=world.coordinator)
    pathway = Pathway.objects.create(center=world.center_a, need="Ruta de salud", category="I")
    step = PathwayStep.objects.create(pathway=pathway, organization=world.partner_org)
    return {"organization_id": world.partner_org.uuid, "agreement_id": agreement.uuid,
            "document_id": document.uuid, "pathway_id": pathway.uuid, "step_id": step.pk}


# name, methods, permission, URL kwargs (from `objects`)
PAGES = [
    ("actor_map", ("GET",), PARTNERS_VIEW, ()),
    ("organization_create", ("GET", "POST"), PARTNERS_MANAGE, ()),
    ("organization_detail", ("GET",), PARTNERS_VIEW, ("organization_id",)),
    ("organization_edit", ("GET", "POST"), PARTNERS_MANAGE, ("organization_id",)),
    ("agreement_create", ("GET", "POST"), PARTNERS_MANAGE, ("organization_id",)),
    ("agreement_detail", ("GET",), AGREEMENTS_VIEW, ("agreement_id",)),
    ("agreement_edit", ("GET", "POST"), PARTNERS_MANAGE, ("agreement_id",)),
    ("document_upload", ("POST",), PARTNERS_MANAGE, ("agreement_id",)),
    ("document_download", ("GET",), AGREEMENTS_VIEW, ("document_id",)),
    ("document_delete", ("POST",), PARTNERS_MANAGE, ("document_id",)),
    ("pathway_list", ("GET",), PARTNERS_VIEW, ()),
    ("pathway_create", ("GET", "POST"), PARTNERS_MANAGE, ()),
    ("pathway_detail", ("GET",), PARTNERS_VIEW, ("pathway_id",)),
    ("pathway_edit", ("GET", "POST"), PARTNERS_MANAGE, ("pathway_id",)),
    ("pathway_print", ("GET",), PARTNERS_VIEW, ("pathway_id",)),
    ("pathway_step_add", ("POST",), PARTNERS_MANAGE, ("pathway_id",)),
    ("pathway_step_remove", ("POST",), PARTNERS_MANAGE, ("pathway_id", "step_id")),
]


def url(objects, name, kwargs) -> str:
    return reverse(f"partners:{name}", kwargs={"center": "centro-a", **{k: objects[k] for k in kwargs}})


def test_it_lists_every_url_of_the_app():
    assert {pattern.name for pattern in urlpatterns} == {name for name, *_rest in PAGES}


@pytest.mark.parametrize(("name", "perm"), [(name, perm) for name, _m, perm, _k in PAGES], ids=[p[0] for p in PAGES])
def test_it_declares_the_permission_of_each_page(name, perm):
    callback = next(pattern.callback for pattern in urlpatterns if pattern.name == name)

    assert callback.required_perm == perm


def params(methods_filter=None):
    for name, methods, _perm, kwargs in PAGES:
        for method in methods:
            yield pytest.param(name, method, kwargs, id=f"{name}-{method}")


@pytest.mark.parametrize(("name", "method", "kwargs"), list(params()))
def test_it_refuses_every_page_to_partner_staff(world, objects, name, method, kwargs):
    before = AuditEntry.objects.count()
    client = world.client_for(world.partner)

    response = client.get(url(objects, name, kwargs)) if method == "GET" else client.post(url(objects, name, kwargs))

    assert response.status_code == 403
    assert AuditEntry.objects.count() == before
    assert "Convenio marco" not in response.content.decode()


@pytest.mark.parametrize(("name", "method", "kwargs"), list(params()))
def test_it_sends_anonymous_visitors_to_log_in(world, objects, name, method, kwargs):
    client = world.client_for(None)
    address = url(objects, name, kwargs)

    response = client.get(address) if method == "GET" else client.post(address)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(("name", "kwargs"), [(n, k) for n, m, _p, k in PAGES if m == ("POST",)],
                         ids=[n for n, m, _p, _k in PAGES if m == ("POST",)])
def test_it_refuses_get_on_a_mutation(world, objects, name, kwargs):
    before = AuditEntry.objects.count()

    response = world.client_for(world.coordinator).get(url(objects, name, kwargs))

    assert response.status_code == 405
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("actor", ["coordinator", "case_worker", "facilitator", "front_desk", "viewer"])
def test_it_lets_every_staff_role_read_the_map_and_the_pathways(world, objects, actor):
    client = world.client_for(getattr(world, actor))

    for name, kwargs in [("actor_map", ()), ("organization_detail", ("organization_id",)),
                         ("pathway_list", ()), ("pathway_detail", ("pathway_id",)),
                         ("pathway_print", ("pathway_id",))]:
        response = client.get(url(objects, name, kwargs))
        assert response.status_code == 200, name
        assert "Centro A" in response.content.decode()


@pytest.mark.parametrize("actor", ["other_coordinator", "outsider", "network_coordinator"])
def test_it_answers_404_to_people_outside_the_center(world, objects, actor):
    response = world.client_for(getattr(world, actor)).get(url(objects, "actor_map", ()))

    assert response.status_code == 404
    assert "Fundación Aliada" not in response.content.decode()

"""The center's public page, /p/<slug>/: where it is and how to get there, the services it offers grouped by
category, for anyone without login, and nothing only staff may see."""

from django.test import Client
from django.urls import reverse

from integrhabitat.lib.testing import browser_data, count_queries, shown
from integrhabitat.network.forms import CenterForm
from integrhabitat.network.models import Center
from integrhabitat.services.models import Service
from integrhabitat.services.services import record_deliveries, save_service
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS, Category


def page_of(center) -> str:
    response = Client().get(reverse("public_center", kwargs={"center_slug": center.slug}))
    assert response.status_code == 200
    return response.content.decode()


def services_section(html: str) -> str:
    return html.split('id="services-h"')[1].split("</section>")[0]


def add_services(world):
    center = world.center_a
    for name, service_type, status in [
        ("Taller de tejido", "VI.cultural_activities", "active"), ("Ollas comunitarias", "I.food", "under_review"),
        ("Feria de emprendimiento", "V.entrepreneurship", "planned"), ("Bonos 2024", "I.cash", "retired"),
    ]:
        save_service(center, {"name": name, "service_type": service_type, "status": status}, actor=None)
    imported = save_service(center, {"name": "Servicio de un aliado", "service_type": "I.legal"}, actor=None)
    Service.objects.filter(pk=imported.pk).update(hsds_id="aliado-123")  # a partner's, copied to refer people


def test_anyone_sees_the_active_services_grouped_by_category(world):
    add_services(world)

    section = services_section(page_of(world.center_a))

    humanitarian, culture = (shown(str(SHORT_CATEGORY_LABELS[c])) for c in (Category.HUMANITARIAN, Category.CULTURE))
    assert section.index(humanitarian) < section.index("Kits alimentarios") < section.index("Ollas comunitarias")
    assert section.index("Ollas comunitarias") < section.index(culture) < section.index("Taller de tejido")
    assert section.count("<h3>") == 2  # only the categories with a public service
    for hidden in ("Feria de emprendimiento", "Bonos 2024", "Servicio de un aliado"):
        assert hidden not in section


def test_another_centers_services_are_not_listed(world):
    assert "Asesoría jurídica" not in page_of(world.center_a)
    assert "Kits alimentarios" not in page_of(world.center_b)


def test_it_says_so_when_the_center_offers_no_public_service_yet(world):
    Service.objects.filter(center=world.center_b).update(status=Service.Status.PLANNED)

    assert shown("The center has not published its services yet.") in services_section(page_of(world.center_b))


def test_it_shows_the_address_how_to_get_there_and_the_opening_hours(world):
    Center.objects.filter(pk=world.center_a.pk).update(
        address="Calle 38 Sur # 78-12", opening_hours="Lunes a viernes, 8:00–17:00",
        directions="TransMilenio: estación Kennedy.\nEntrada por la puerta verde.", phone="+57 601 555 0101")

    html = page_of(world.center_a)

    assert "Calle 38 Sur # 78-12, Bogotá" in html
    assert "TransMilenio: estación Kennedy.<br>Entrada por la puerta verde." in html
    assert "Lunes a viernes, 8:00–17:00" in html
    assert 'href="tel:+576015550101"' in html
    for label in ("Address", "How to get there", "Opening hours"):
        assert shown(label) in html


def test_it_leaves_out_what_it_does_not_know(world):
    html = page_of(world.center_a)  # the world's center has no directions nor opening hours

    assert shown("How to get there") not in html and shown("Opening hours") not in html
    assert shown("Address") in html and "Bogotá" in html


def test_it_shows_nothing_only_staff_may_see(world):
    add_services(world)
    record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=world.person_a.created_at.date(),
                      actor=world.coordinator)

    html = page_of(world.center_a)

    for private in (world.person_a.given_names, world.person_a.code, world.coordinator.first_name,
                    world.partner_org.name, "/c/centro-a/"):
        assert private not in html, private
    assert shown("Under review") not in services_section(html)  # a service's status is the staff's business


def test_an_inactive_center_has_no_public_page(world):
    Center.objects.filter(pk=world.center_b.pk).update(is_active=False)

    assert Client().get(reverse("public_center", kwargs={"center_slug": world.center_b.slug})).status_code == 404


def test_its_queries_do_not_grow_with_the_services(world):
    url = reverse("public_center", kwargs={"center_slug": world.center_a.slug})
    few = count_queries(Client(), url)
    add_services(world)
    for number in range(8):
        save_service(world.center_a, {"name": f"Servicio {number}", "service_type": "II.childcare"}, actor=None)

    assert count_queries(Client(), url) == few


def test_the_coordinator_writes_how_to_get_there_on_the_centers_settings(world):
    client = world.client_for(world.coordinator)
    data = browser_data(CenterForm(instance=world.center_a))
    assert "directions" in CenterForm(instance=world.center_a).fields

    response = client.post("/c/centro-a/settings/", {**data, "directions": "Bus 12, parada del parque."})

    assert response.status_code == 302
    assert Center.objects.get(pk=world.center_a.pk).directions == "Bus 12, parada del parque."
    assert "Bus 12, parada del parque." in page_of(world.center_a)

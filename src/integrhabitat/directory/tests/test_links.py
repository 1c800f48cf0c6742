"""Where the directory is reachable from: the center's public page and the actor map."""

from django.test import Client
from django.urls import reverse


def test_the_public_center_page_links_to_its_services_in_the_open_directory(world):
    page = Client().get(reverse("public_center", kwargs={"center_slug": world.center_a.slug}), secure=True)
    link = f"/api/hsds/services?organization_id={world.center_a.uuid}"
    assert link in page.content.decode()
    services = Client().get(link, secure=True).json()["contents"]
    assert [s["name"] for s in services] == ["Kits alimentarios"]


def test_the_actor_map_links_to_the_import_only_for_who_may_import(world):
    actor_map = reverse("partners:actor_map", kwargs={"center": world.center_a.slug})
    import_page = reverse("directory_center:hsds_import", kwargs={"center": world.center_a.slug})
    assert import_page in world.client_for(world.coordinator).get(actor_map, secure=True).content.decode()
    assert import_page not in world.client_for(world.viewer).get(actor_map, secure=True).content.decode()

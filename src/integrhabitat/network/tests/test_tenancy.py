"""The one way to get a center from a request (`network.tenancy`) and the one 403 (`network.access.require_perm`):
their contract, and the pages, the API and the public pages answering alike through them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import resolve_url
from django.test import Client, RequestFactory
from django.urls import reverse

from integrhabitat.api.services import create_token
from integrhabitat.network import tenancy
from integrhabitat.network.access import require_perm
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import NETWORK_OVERVIEW, PEOPLE_VIEW, Role


def deactivate(center: Center) -> None:
    Center.objects.filter(pk=center.pk).update(is_active=False)


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    request.center = request.membership = None
    return request


# --- public_center ------------------------------------------------------------------------------------------

def test_public_center_is_any_active_center_by_its_slug(world):
    assert tenancy.public_center("centro-b") == world.center_b


@pytest.mark.parametrize("slug", ["centro-a", "no-such-center"])
def test_public_center_answers_404_for_an_inactive_or_unknown_center(world, slug):
    deactivate(world.center_a)
    with pytest.raises(Http404):
        tenancy.public_center(slug)


# --- member_center / enter_center ---------------------------------------------------------------------------

def test_member_center_is_the_users_membership_with_its_center(world):
    membership = tenancy.member_center(world.viewer, "centro-a")
    assert (membership.user, membership.center, membership.role) == (world.viewer, world.center_a, Role.VIEWER)


@pytest.mark.parametrize(("who", "slug"), [
    ("other_coordinator", "centro-a"),  # another center's staff
    ("network_coordinator", "centro-a"),  # sees the network's figures, not a center's pages
    ("outsider", "centro-a"),
    ("coordinator", "no-such-center"),
])
def test_member_center_answers_404_to_non_members_and_for_unknown_centers(world, who, slug):
    with pytest.raises(Http404):
        tenancy.member_center(getattr(world, who), slug)


def test_member_center_answers_404_in_an_inactive_center_even_to_its_members(world):
    deactivate(world.center_a)
    with pytest.raises(Http404):
        tenancy.member_center(world.coordinator, "centro-a")


def test_member_center_answers_404_to_a_member_whose_role_was_ended(world):
    Membership.objects.filter(user=world.viewer).update(is_active=False)
    with pytest.raises(Http404):
        tenancy.member_center(world.viewer, "centro-a")


def test_enter_center_sets_the_center_and_membership_of_the_request(world):
    request = request_of(world.case_worker)
    membership = tenancy.enter_center(request, "centro-a")
    assert request.membership == membership
    assert request.center == world.center_a
    assert membership.user == world.case_worker


def test_enter_center_resolves_for_the_given_user_rather_than_the_requests(world):
    request = request_of(world.coordinator)
    with pytest.raises(Http404):
        tenancy.enter_center(request, "centro-a", user=world.other_coordinator)
    assert request.center is None and request.membership is None


# --- require_perm -------------------------------------------------------------------------------------------

def test_require_perm_answers_403_to_a_member_whose_role_lacks_the_permission(world):
    request = request_of(world.viewer)
    tenancy.enter_center(request, "centro-a")
    with pytest.raises(PermissionDenied):
        require_perm(request, PEOPLE_VIEW)


def test_require_perm_lets_a_member_whose_role_has_the_permission_through(world):
    request = request_of(world.front_desk)
    tenancy.enter_center(request, "centro-a")
    require_perm(request, PEOPLE_VIEW)  # does not raise


def test_require_perm_answers_403_without_a_resolved_membership(world):
    with pytest.raises(PermissionDenied):
        require_perm(request_of(world.coordinator), PEOPLE_VIEW)


def test_the_network_overview_is_the_network_coordinators_alone(world):
    require_perm(request_of(world.network_coordinator), NETWORK_OVERVIEW)
    request = request_of(world.coordinator)
    tenancy.enter_center(request, "centro-a")
    with pytest.raises(PermissionDenied):
        require_perm(request, NETWORK_OVERVIEW)


# --- The page and the API answer alike ---------------------------------------------------------------------

def page_status(world, user, slug: str = "centro-a") -> int:
    return world.client_for(user).get(reverse("people:participant_list", kwargs={"center": slug})).status_code


def api_status(user, slug: str = "centro-a") -> int:
    _token, secret = create_token(user, name="tests", actor=user)
    response = Client().get(f"/api/v1/centers/{slug}/participants", headers={"Authorization": f"Bearer {secret}"})
    return response.status_code


@pytest.mark.parametrize(("who", "expected"), [
    ("front_desk", 200),
    ("viewer", 403),  # a member whose role has no `people.view`
    ("other_coordinator", 404),
    ("outsider", 404),
    ("network_coordinator", 404),
])
def test_the_page_and_the_api_answer_alike_for_the_same_user(world, who, expected):
    user = getattr(world, who)
    assert (page_status(world, user), api_status(user)) == (expected, expected)


def test_the_page_and_the_api_answer_404_for_an_unknown_center(world):
    assert (page_status(world, world.coordinator, "no-such-center"),
            api_status(world.coordinator, "no-such-center")) == (404, 404)


def test_the_page_and_the_api_answer_404_in_an_inactive_center_to_its_members(world):
    # A role left in center B keeps the token valid, so the API's answer is the tenancy's, not the token's.
    Membership.objects.create(center=world.center_b, user=world.coordinator, role=Role.VIEWER)
    deactivate(world.center_a)
    assert (page_status(world, world.coordinator), api_status(world.coordinator)) == (404, 404)


def test_an_anonymous_visitor_of_a_staff_page_is_sent_to_sign_in(world, settings):
    page = reverse("people:participant_list", kwargs={"center": "centro-a"})
    response = world.client_for(None).get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


# --- Public and portal pages --------------------------------------------------------------------------------

PUBLIC_PAGES = ["public_center", "portal:login", "portal:home", "feedback_send", "kiosk", "public_reports"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_of_an_active_center_open_without_login(world, name):
    response = world.client_for(None).get(reverse(name, kwargs={"center_slug": "centro-a"}))
    # The portal's home sends a visitor who has not signed in to its own sign-in page, not to staff login.
    expected = reverse("portal:login", kwargs={"center_slug": "centro-a"}) if name == "portal:home" else None
    assert (response.status_code, response.get("Location")) == ((302, expected) if expected else (200, None))


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("slug", ["centro-a", "no-such-center"])
def test_public_pages_answer_404_for_an_inactive_or_unknown_center(world, name, slug):
    deactivate(world.center_a)
    assert world.client_for(None).get(reverse(name, kwargs={"center_slug": slug})).status_code == 404

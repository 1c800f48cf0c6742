"""A coordinator manages the staff of their center: add, change role, remove access — each audited."""

import re

import pytest
from django.contrib.messages import ERROR, get_messages
from django.core import mail
from django.test import Client

from integrhabitat.accounts.models import User
from integrhabitat.audit.models import AuditEntry
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import Role

STAFF_URL = "/c/centro-a/staff/"
NEW_PERSON = {"username": "lucia", "first_name": "Lucía", "last_name": "Mendoza", "email": "lucia@example.org",
              "role": Role.CASE_WORKER}
PASSWORD_LINK = re.compile(r"http://127\.0\.0\.1:8000(/accounts/password/reset/[^/\s]+/[^/\s]+/)")  # SITE_URL


def membership_of(world, user) -> Membership:
    return Membership.objects.get(center=world.center_a, user=user)


def role_url(membership: Membership) -> str:
    return f"{STAFF_URL}{membership.pk}/role/"


def deactivate_url(membership: Membership) -> str:
    return f"{STAFF_URL}{membership.pk}/deactivate/"


def audit_entries(action: str):
    return AuditEntry.objects.filter(action=action)


def error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]


@pytest.fixture
def coordinator(world) -> Client:
    return world.client_for(world.coordinator)


# --- Adding staff ---------------------------------------------------------------------------------------

def test_it_adds_a_new_staff_member_with_an_account_and_an_invitation(world, coordinator,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(STAFF_URL, NEW_PERSON)

    assert response.status_code == 302
    assert response["Location"] == STAFF_URL
    user = User.objects.get(username="lucia")
    assert (user.first_name, user.last_name, user.email) == ("Lucía", "Mendoza", "lucia@example.org")
    assert user.has_usable_password()  # a random one nobody knows, not an empty one
    assert not user.check_password("")
    membership = membership_of(world, user)
    assert membership.role == Role.CASE_WORKER
    assert membership.is_active
    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["lucia@example.org"]
    assert "Centro A" in invitation.body
    assert "lucia" in invitation.body
    assert PASSWORD_LINK.search(invitation.body)


def test_it_lets_the_invited_person_choose_a_password_and_work_in_the_center(world, coordinator,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(STAFF_URL, NEW_PERSON)
    link = PASSWORD_LINK.search(mail.outbox[0].body).group(1)
    invited = Client()

    form_page = invited.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    done = invited.post(set_password_url, {"new_password1": "Un camino largo 2026",
                                           "new_password2": "Un camino largo 2026"})
    assert done.status_code == 302

    signed_in = Client()
    signed_in.post("/accounts/login/", {"username": "lucia", "password": "Un camino largo 2026"})
    assert signed_in.get("/c/centro-a/people/").status_code == 200  # a case worker finds people


def test_it_gives_an_existing_account_a_membership_without_a_second_account_or_email(
        world, coordinator, django_capture_on_commit_callbacks):
    users_before = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(STAFF_URL, {**NEW_PERSON, "username": "outsider", "first_name": "Otro",
                                                "email": "otro@example.org", "role": Role.FRONT_DESK})

    assert response.status_code == 302
    assert User.objects.count() == users_before
    world.outsider.refresh_from_db()
    assert world.outsider.first_name == "Outsider"  # an existing account keeps its own data
    assert membership_of(world, world.outsider).role == Role.FRONT_DESK
    assert mail.outbox == []
    assert world.client_for(world.outsider).get("/c/centro-a/").status_code == 200


def test_it_matches_an_existing_username_whatever_its_case(world, coordinator):
    coordinator.post(STAFF_URL, {**NEW_PERSON, "username": "Coord_B", "role": Role.VIEWER})

    assert not User.objects.filter(username="Coord_B").exists()
    assert membership_of(world, world.other_coordinator).role == Role.VIEWER
    # Their own center is untouched.
    assert Membership.objects.get(center=world.center_b, user=world.other_coordinator).role == Role.COORDINATOR


def test_it_refuses_to_add_someone_already_on_the_staff(world, coordinator):
    response = coordinator.post(STAFF_URL, {**NEW_PERSON, "username": "viewer_a", "role": Role.COORDINATOR})

    assert response.status_code == 400
    assert "username" in response.context["form"].errors
    assert membership_of(world, world.viewer).role == Role.VIEWER
    assert not audit_entries("network.membership.added").exists()


def test_it_gives_access_back_to_a_removed_staff_member_added_again(world, coordinator):
    coordinator.post(deactivate_url(membership_of(world, world.viewer)))

    response = coordinator.post(STAFF_URL, {**NEW_PERSON, "username": "viewer_a", "role": Role.FRONT_DESK})

    assert response.status_code == 302, response.context["form"].errors
    membership = membership_of(world, world.viewer)
    assert membership.is_active
    assert membership.role == Role.FRONT_DESK


def test_it_audits_adding_a_staff_member(world, coordinator):
    coordinator.post(STAFF_URL, NEW_PERSON)

    entry = audit_entries("network.membership.added").get()
    membership = membership_of(world, User.objects.get(username="lucia"))
    assert entry.actor == world.coordinator
    assert entry.center == world.center_a
    assert entry.object_type == "network.membership"
    assert entry.object_id == str(membership.pk)
    assert entry.fields == ["role"]


def test_it_does_not_let_a_case_worker_add_staff(world):
    response = world.client_for(world.case_worker).post(STAFF_URL, NEW_PERSON)

    assert response.status_code == 403
    assert not User.objects.filter(username="lucia").exists()
    assert not audit_entries("network.membership.added").exists()


# --- Changing a role ------------------------------------------------------------------------------------

def test_it_changes_a_role_and_the_new_permissions_apply_at_once(world, coordinator):
    viewer = world.client_for(world.viewer)
    assert viewer.get("/c/centro-a/people/").status_code == 403
    membership = membership_of(world, world.viewer)

    response = coordinator.post(role_url(membership), {"role": Role.CASE_WORKER})

    assert response.status_code == 302
    assert response["Location"] == STAFF_URL
    membership.refresh_from_db()
    assert membership.role == Role.CASE_WORKER
    assert viewer.get("/c/centro-a/people/").status_code == 200
    entry = audit_entries("network.membership.role_changed").get()
    assert (entry.actor, entry.center, entry.object_id, entry.fields) == (
        world.coordinator, world.center_a, str(membership.pk), ["role"])


def test_it_ignores_a_role_that_does_not_exist(world, coordinator):
    membership = membership_of(world, world.viewer)

    coordinator.post(role_url(membership), {"role": "superuser"})

    membership.refresh_from_db()
    assert membership.role == Role.VIEWER
    assert not audit_entries("network.membership.role_changed").exists()


def test_it_does_not_let_a_coordinator_change_their_own_role(world, coordinator):
    own = membership_of(world, world.coordinator)

    response = coordinator.post(role_url(own), {"role": Role.VIEWER})

    assert response.status_code == 302
    assert error_messages(response)
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR
    assert not audit_entries("network.membership.role_changed").exists()
    assert coordinator.get(STAFF_URL).status_code == 200


def test_it_does_not_let_a_case_worker_promote_themselves(world):
    own = membership_of(world, world.case_worker)

    response = world.client_for(world.case_worker).post(role_url(own), {"role": Role.COORDINATOR})

    assert response.status_code == 403
    own.refresh_from_db()
    assert own.role == Role.CASE_WORKER


# --- Removing access ------------------------------------------------------------------------------------

def test_it_removes_access_and_the_person_then_gets_404_on_the_center(world, coordinator):
    case_worker = world.client_for(world.case_worker)
    assert case_worker.get("/c/centro-a/").status_code == 200
    membership = membership_of(world, world.case_worker)

    response = coordinator.post(deactivate_url(membership))

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active is False
    for path in ("/c/centro-a/", "/c/centro-a/people/", f"/c/centro-a/people/{world.person_a.uuid}/"):
        assert case_worker.get(path).status_code == 404, path
    entry = audit_entries("network.membership.deactivated").get()
    assert (entry.actor, entry.center, entry.object_id) == (world.coordinator, world.center_a, str(membership.pk))


def test_it_keeps_a_removed_person_in_the_staff_list_without_access(world, coordinator):
    coordinator.post(deactivate_url(membership_of(world, world.facilitator)))

    staff = list(coordinator.get(STAFF_URL).context["staff"])

    removed = next(m for m in staff if m.user == world.facilitator)
    assert removed.is_active is False
    assert staff[-1] == removed  # the active staff first


def test_it_does_not_let_a_coordinator_remove_themselves(world, coordinator):
    own = membership_of(world, world.coordinator)

    response = coordinator.post(deactivate_url(own))

    assert response.status_code == 302
    assert error_messages(response)
    own.refresh_from_db()
    assert own.is_active is True
    assert not audit_entries("network.membership.deactivated").exists()
    assert coordinator.get("/c/centro-a/").status_code == 200


def test_it_does_not_let_a_removed_coordinator_manage_staff_any_more(world, coordinator):
    second = User.objects.create_user(username="coord_a2", password="correct horse battery")
    Membership.objects.create(center=world.center_a, user=second, role=Role.COORDINATOR)
    world.client_for(second).post(deactivate_url(membership_of(world, world.coordinator)))

    response = coordinator.post(deactivate_url(membership_of(world, world.viewer)))

    assert response.status_code == 404
    assert membership_of(world, world.viewer).is_active is True


# --- Partner staff ------------------------------------------------------------------------------------------

def test_it_adds_partner_staff_tied_to_one_organization_of_the_center(world, coordinator):
    response = coordinator.post(STAFF_URL, {**NEW_PERSON, "username": "pablo", "role": Role.PARTNER,
                                            "organization": world.partner_org.pk})

    assert response.status_code == 302
    membership = Membership.objects.get(user__username="pablo")
    assert (membership.role, membership.organization) == (Role.PARTNER, world.partner_org)


def test_it_refuses_partner_staff_without_an_organization(world, coordinator):
    response = coordinator.post(STAFF_URL, {**NEW_PERSON, "username": "pablo", "role": Role.PARTNER})

    assert response.status_code == 400
    assert not User.objects.filter(username="pablo").exists()


def test_it_refuses_an_organization_of_another_center(world, coordinator):
    from integrhabitat.conftest import make_organization

    org_b = make_organization(world.center_b, "Aliado de B")

    response = coordinator.post(STAFF_URL, {**NEW_PERSON, "username": "pablo", "role": Role.PARTNER,
                                            "organization": org_b.pk})

    assert response.status_code == 400
    assert not User.objects.filter(username="pablo").exists()


def test_a_partners_role_cannot_be_changed_into_a_staff_role(world, coordinator):
    membership = membership_of(world, world.partner)

    coordinator.post(role_url(membership), {"role": Role.COORDINATOR})

    membership.refresh_from_db()
    assert membership.role == Role.PARTNER


def test_a_staff_member_cannot_be_made_partner_by_a_role_change(world, coordinator):
    membership = membership_of(world, world.case_worker)

    coordinator.post(role_url(membership), {"role": Role.PARTNER})

    membership.refresh_from_db()
    assert membership.role == Role.CASE_WORKER

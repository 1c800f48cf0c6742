"""Changes to centers and their staff."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils.crypto import get_random_string

from integrhabitat.accounts.notify import site_address
from integrhabitat.audit import services as audit
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center, Membership


@transaction.atomic
def save_center(data: dict, *, actor, center: Center | None = None) -> Center:
    created = center is None
    center = center or Center()
    changed = assign(center, data)
    center.full_clean()
    center.save()
    audit.record("network.center.created" if created else "network.center.updated", center, actor=actor,
                 center=center, fields=changed)
    return center


@transaction.atomic
def add_staff(center: Center, *, username: str, first_name: str, last_name: str, email: str, role: str,
              actor, request=None, organization=None) -> Membership:
    """Give someone a role in `center`, creating their account if needed; a new account gets an
    email with a link to choose a password. Partner staff come with their `organization`."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    new_account = user is None
    if new_account:
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        # A random password nobody knows: the invitation email's link lets them choose theirs.
        user.set_password(get_random_string(40))
        user.save()
    membership, _created = Membership.objects.update_or_create(
        center=center, user=user, defaults={"role": role, "is_active": True, "organization": organization}
    )
    audit.record("network.membership.added", membership, actor=actor, center=center, fields=["role"])
    if new_account:
        reset = PasswordResetForm({"email": email})
        if reset.is_valid():
            domain, https = site_address()  # the link goes to SITE_URL, whatever host the request came through
            transaction.on_commit(lambda: reset.save(
                request=request, domain_override=domain, use_https=https,
                email_template_name="accounts/invitation_email.txt",
                subject_template_name="accounts/invitation_subject.txt",
                extra_email_context={"center": center},
            ))
    return membership


@transaction.atomic
def change_role(membership: Membership, role: str, *, actor) -> Membership:
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record("network.membership.role_changed", membership, actor=actor, fields=["role"])
    return membership


@transaction.atomic
def deactivate_membership(membership: Membership, *, actor) -> Membership:
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.record("network.membership.deactivated", membership, actor=actor)
    return membership

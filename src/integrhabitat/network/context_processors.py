from django.utils.functional import SimpleLazyObject

from integrhabitat.accounts.notify import unread_count
from integrhabitat.network.roles import ROLE_PERMISSIONS


def center(request):
    """Expose the current center, the user's role and their permissions (`perms_here`) to templates."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    return {
        # Counted only when a page shows it (one query).
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user) if user.is_authenticated else 0),
        "center": getattr(request, "center", None),
        "membership": membership,
        "perms_here": ROLE_PERMISSIONS.get(membership.role, frozenset())
        if membership and membership.is_active
        else frozenset(),
    }

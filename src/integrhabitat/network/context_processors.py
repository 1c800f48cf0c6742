from integrhabitat.network.roles import ROLE_PERMISSIONS


def center(request):
    """Expose the current center, the user's role and their permissions (`perms_here`) to templates."""
    membership = getattr(request, "membership", None)
    return {
        "center": getattr(request, "center", None),
        "membership": membership,
        "perms_here": ROLE_PERMISSIONS.get(membership.role, frozenset())
        if membership and membership.is_active
        else frozenset(),
    }

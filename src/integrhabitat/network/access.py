"""Access helpers: every view that touches a center declares the permission it needs here.

Which center a request is about is resolved by `network.tenancy` (404 for non-members); whether the
member's role allows the operation is answered here, by `require_perm` (403), for pages and API alike.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from integrhabitat.network.roles import NETWORK_OVERVIEW


def has_perm(request: HttpRequest, perm: str) -> bool:
    if perm == NETWORK_OVERVIEW:
        return request.user.is_authenticated and request.user.is_network_coordinator
    membership = getattr(request, "membership", None)
    return membership is not None and membership.has_perm(perm)


def require_perm(request: HttpRequest, perm: str) -> None:
    """THE 403: raise PermissionDenied unless the request's membership (resolved by `network.tenancy`) or,
    for `NETWORK_OVERVIEW`, the user grants `perm`. Pages (`center_view`, `network_view`) and the API
    (`api.base.member_of`) all refuse through here."""
    if not has_perm(request, perm):
        raise PermissionDenied


def center_view(perm: str):
    """Decorate a view under `/c/<center>/`: the middleware already answered 404 to non-members;
    here a member whose role lacks `perm` gets 403. The view receives `center` as its second argument."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, center, *args, **kwargs):
            if request.center is None:  # URL pattern without the middleware's resolution
                raise PermissionDenied
            require_perm(request, perm)
            return view(request, request.center, *args, **kwargs)

        wrapped.required_perm = perm
        return wrapped

    return decorator


def network_view(view):
    """A network-level page: anonymous → login, anyone but a network coordinator → 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require_perm(request, NETWORK_OVERVIEW)
        return view(request, *args, **kwargs)

    wrapped.required_perm = NETWORK_OVERVIEW
    return wrapped

"""THE way to get the center of a request: every page, API operation and public page resolves it here.

- Staff pages (`/c/<center>/…`) and the JSON API (`/api/…/centers/<center>/…`): `enter_center` — the
  user's active membership in an active center; not a member, or no such center, or an inactive one → 404,
  so that another center's existence is not revealed. The tenant middleware calls it for the pages (after
  sending anonymous users to the login page), `api.base.member_of` for the token's user.
- Public and portal pages (`/p/<center>/…`): `public_center` — any active center, 404 otherwise.

Whether the member's role may do what is asked is answered afterwards, in one place:
`network.access.require_perm` (403), which `center_view` and the API both call.
"""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from integrhabitat.network.models import Center, Membership


def member_center(user, slug: str) -> Membership:
    """`user`'s active membership in the active center `slug`, with its center (and organization) loaded.

    Raises Http404 when there is no such active membership: another center's, an unknown one and an inactive
    one look the same."""
    membership = (Membership.objects.active().select_related("center", "user", "organization")
                  .filter(user=user, center__slug=slug).first())
    if membership is None:
        raise Http404
    return membership


def enter_center(request: HttpRequest, slug: str, *, user=None) -> Membership:
    """Resolve the center `slug` for `user` (by default `request.user`) as `member_center` does (404), and set
    `request.center` and `request.membership`, which the access helpers and views read."""
    membership = member_center(request.user if user is None else user, slug)
    request.center = membership.center
    request.membership = membership
    return membership


def public_center(slug: str) -> Center:
    """The center of a public or portal page: any active center, without login; unknown or inactive → 404."""
    return get_object_or_404(Center.objects.filter(is_active=True), slug=slug)

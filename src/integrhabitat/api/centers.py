"""The centers the token's user works in (or, for the network coordinator, every center: no personal data)."""

from django.http import Http404
from ninja import Field, Router, Schema

from integrhabitat.api.base import ERRORS, CenterSlug, Error
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import ROLE_PERMISSIONS

router = Router(tags=["centers"])


class CenterOut(Schema):
    slug: str
    code: str
    name: str
    city: str
    country: str
    phase: str
    role: str | None = Field(description="The user's role there; null for the network coordinator's view.")
    permissions: list[str] = Field(description="What the role may do there (the API checks the same).")


def center_out(center: Center, membership: Membership | None) -> dict:
    role = membership.role if membership else None
    return {
        "slug": center.slug, "code": center.code, "name": center.name, "city": center.city,
        "country": str(center.country), "phase": center.phase, "role": role,
        "permissions": sorted(ROLE_PERMISSIONS.get(role, ())) if role else [],
    }


def _visible(request) -> list[dict]:
    user = request.auth.user
    memberships = {m.center_id: m for m in Membership.objects.active().filter(user=user).select_related("center")}
    if user.is_network_coordinator:
        centers = Center.objects.filter(is_active=True).order_by("name")
    else:
        centers = [m.center for m in sorted(memberships.values(), key=lambda m: m.center.name)]
    return [center_out(center, memberships.get(center.pk)) for center in centers]


@router.get("/centers", response={200: list[CenterOut], 401: Error}, summary="My centers", operation_id="center_list")
def center_list(request):
    """The centers where the user has an active role; for the network coordinator, every active center."""
    return _visible(request)


@router.get("/centers/{center_slug}", response={200: CenterOut, **ERRORS}, summary="One of my centers",
            operation_id="center_detail")
def center_detail(request, center_slug: CenterSlug):
    for center in _visible(request):
        if center["slug"] == center_slug:
            return center
    raise Http404

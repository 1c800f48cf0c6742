"""The public, read-only Open Referral (HSDS 3.0) API at /api/hsds/: no login, GET only, JSON,
cacheable and open to any origin (it holds only what `hsds.py` publishes)."""

import json
import math
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import wraps

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from integrhabitat.directory import hsds, tabular

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
CACHE_SECONDS = 300


class BadQuery(ValueError):
    """A query parameter that cannot be understood: answered with 400 and the reason."""


def _headers(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Content-Language"] = hsds.CONTENT_LANGUAGE
    response["Vary"] = "Accept-Encoding"
    return response


def error(status: int, message: str) -> JsonResponse:
    return _headers(JsonResponse({"error": {"status": status, "message": message}}, status=status))


def public_api(view: Callable) -> Callable:
    """GET only (405 otherwise), CORS and cache headers, 400 in JSON for a bad query parameter."""

    @require_GET
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except BadQuery as exc:
            return error(400, str(exc))
        return _headers(response)

    return wrapped


def not_found(kind: str) -> JsonResponse:
    return error(404, f"No published {kind} has this id.")


# --- Query parameters ----------------------------------------------------------------------------------------

def _int(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadQuery(f"'{name}' must be a whole number.") from None
    if value < 1:
        raise BadQuery(f"'{name}' must be 1 or more.")
    return value


def _bool(request: HttpRequest, name: str) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise BadQuery(f"'{name}' must be true or false.")


def _uuid(request: HttpRequest, name: str) -> str | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadQuery(f"'{name}' must be a UUID.") from None


def _modified_after(request: HttpRequest) -> datetime | None:
    raw = request.GET.get("modified_after", "").strip()
    if not raw:
        return None
    moment = parse_datetime(raw)
    if moment is None:
        day = parse_date(raw)
        if day is None:
            raise BadQuery("'modified_after' must be a date or a date-time (ISO 8601).")
        moment = datetime(day.year, day.month, day.day)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_fixed_timezone(0))
    return moment


def _format(request: HttpRequest) -> str:
    value = request.GET.get("format", "json").strip().lower() or "json"
    if value not in ("json", "ndjson"):
        raise BadQuery("'format' must be json or ndjson.")
    return value


def paginate(request: HttpRequest, items: QuerySet | Sequence, render: Callable[[object], dict]) -> HttpResponse:
    """The HSDS `Page` envelope around `contents`; `format=ndjson` sends every item, one per line."""
    if _format(request) == "ndjson":
        lines = (json.dumps(render(item), ensure_ascii=False) + "\n" for item in items)
        return HttpResponse("".join(lines), content_type="application/x-ndjson; charset=utf-8")
    page = _int(request, "page", 1)
    per_page = min(_int(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    total_pages = max(1, math.ceil(total / per_page))
    chunk = list(items[(page - 1) * per_page: page * per_page])
    return JsonResponse({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(chunk),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": len(chunk) == 0,
        "contents": [render(item) for item in chunk],
    }, json_dumps_params={"ensure_ascii": False})


def _json(data: dict) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


# --- Endpoints -----------------------------------------------------------------------------------------------

@public_api
def api_info(request):
    return _json({
        "version": hsds.HSDS_VERSION,
        "profile": hsds.PROFILE_URL,
        "openapi_url": hsds.OPENAPI_URL,
        "language": hsds.CONTENT_LANGUAGE,
        "export_url": request.build_absolute_uri(reverse("directory:export")),
    })


def _filtered_services(request: HttpRequest) -> QuerySet:
    services = hsds.published_services()
    search = request.GET.get("search", "").strip()
    if search:
        services = services.filter(hsds.search_filter(search, "name", "description", "center__name",
                                                      "center__city"))
    term_id = _uuid(request, "taxonomy_term_id")
    if term_id:
        services = services.filter(hsds.services_with_term(term_id))
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id and taxonomy_id != str(hsds.TAXONOMY_ID):
        services = services.none()
    organization_id = _uuid(request, "organization_id")
    if organization_id:
        # A center operates its services; a public partner delivers those it provides.
        services = services.filter(center__uuid=organization_id) | services.filter(
            provider__uuid=organization_id, provider__status__in=hsds.PUBLIC_PARTNER_STATUSES)
    modified_after = _modified_after(request)
    if modified_after:
        services = services.filter(updated_at__gte=modified_after)
    return services


@public_api
def service_list(request):
    services = _filtered_services(request)
    if _bool(request, "minimal"):
        return paginate(request, services, lambda s: {"id": str(s.uuid), "last_modified": hsds._iso(s.updated_at)})
    render = hsds.service_full if _bool(request, "full") else hsds.service_summary
    return paginate(request, services, render)


def _published_service(identifier: str):
    try:
        key = uuid.UUID(identifier)
    except ValueError:
        return None
    return hsds.published_services().filter(uuid=key).first()


@public_api
def service_detail(request, id):  # noqa: A002 - the OpenAPI's parameter name
    service = _published_service(id)
    return _json(hsds.service_full(service)) if service else not_found("service")


@public_api
def service_at_location_list(request):
    services = _filtered_services(request)
    postcode = request.GET.get("postcode", "").strip()
    if postcode:
        # No published location carries a postal code (see docs/hsds.md): nothing can match one.
        services = services.none()
    render = hsds.service_at_location_full if _bool(request, "full") else hsds.service_at_location_summary
    return paginate(request, services, render)


@public_api
def service_at_location_detail(request, id):  # noqa: A002
    for service in hsds.published_services().select_related("center"):
        if hsds.service_at_location_id(service) == id:
            data = hsds.service_full(service)
            data["service_at_locations"] = [hsds.service_at_location_full(service)]
            return _json(data)
    return not_found("service at location")


@public_api
def organization_list(request):
    search = request.GET.get("search", "").strip()
    full = _bool(request, "full")
    _bool(request, "full_service")  # accepted: HSDS organizations carry no service list to fill
    return paginate(request, hsds.all_organizations(full=full, search=search), lambda o: o)


@public_api
def organization_detail(request, id):  # noqa: A002
    organization = hsds.organization_by_id(id, full=True)
    return _json(organization) if organization else not_found("organization")


@public_api
def taxonomy_list(request):
    taxonomies = [hsds.taxonomy()]
    search = request.GET.get("search", "").strip()
    if search:
        taxonomies = [t for t in taxonomies if hsds.matches((t["name"], t["description"]), search)]
    return paginate(request, taxonomies, lambda t: t)


@public_api
def taxonomy_detail(request, id):  # noqa: A002
    taxonomy = hsds.taxonomy()
    return _json(taxonomy) if id == taxonomy["id"] else not_found("taxonomy")


@public_api
def taxonomy_term_list(request):
    terms = hsds.taxonomy_terms()
    search = request.GET.get("search", "").strip()
    if search:
        terms = [t for t in terms if hsds.matches((t["name"], t["code"]), search)]
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        terms = [t for t in terms if t["taxonomy_id"] == taxonomy_id]
    if _bool(request, "top_only"):
        terms = [t for t in terms if "parent_id" not in t]
    parent_id = _uuid(request, "parent_id")
    if parent_id:
        terms = [t for t in terms if t.get("parent_id") == parent_id]
    return paginate(request, terms, lambda t: t)


@public_api
def taxonomy_term_detail(request, id):  # noqa: A002
    for term in hsds.taxonomy_terms():
        if term["id"] == id:
            return _json({**term, "taxonomy_detail": hsds.taxonomy()})
    return not_found("taxonomy term")


@public_api
def export(request):
    """Everything published, as one JSON file to download."""
    bundle = hsds.export_bundle(request.build_absolute_uri(reverse("directory:api_info")))
    response = HttpResponse(json.dumps(bundle, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="integrhabitat-hsds-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@public_api
def export_zip(request):
    """The same, as HSDS tabular data: one CSV per table and a datapackage.json, zipped."""
    bundle = hsds.export_bundle(request.build_absolute_uri(reverse("directory:api_info")))
    response = HttpResponse(tabular.zip_bytes(bundle), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="integrhabitat-hsds-{timezone.localdate():%Y-%m-%d}.zip"'
    return response

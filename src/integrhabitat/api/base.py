"""What every operation of the JSON API shares: token authentication, the tenant look-up, errors
in the request's language, and pagination.

The API acts as the token's user with that user's roles: it resolves the center of the path through the
user's membership (not a member, or no such center → 404), checks the same permission as the page
(→ 403), and then reuses the pages' access helpers, forms and services.
"""

import enum
import ipaddress
import re
from datetime import date
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from integrhabitat.api import services as token_actions
from integrhabitat.lib.errors import Refused
from integrhabitat.network import tenancy
from integrhabitat.network.access import require_perm
from integrhabitat.network.models import Membership

SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,40}$"
MAX_PAGE_SIZE = 100

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value):
    """Pydantic would take `0` for 1970-01-01 and a date-time for a date: only YYYY-MM-DD is a date here."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("date_parsing", "Expected a date as YYYY-MM-DD.")


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]

CenterSlug = Annotated[str, Path(..., pattern=SLUG_PATTERN, description="The center's short name, as in the "
                                                                         "addresses of its pages.")]
PageNumber = Annotated[int, Query(1, ge=1, le=10_000, description="Pages start at 1.")]
PageSize = Annotated[int, Query(50, ge=1, le=MAX_PAGE_SIZE)]



class NotAnObject(ValueError):
    pass


class ObjectBodyParser(Parser):
    """Every body of this API is a JSON object: a list or a number is refused (400) instead of being read as
    an empty object, which would run a create with nothing but defaults."""

    def parse_body(self, request: HttpRequest) -> dict:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise NotAnObject
        return data


def choices_enum(name: str, choices) -> type[enum.StrEnum]:
    """The values of a model's `TextChoices` as an enum named for the OpenAPI document: several models call
    theirs `Status`, and under one name their values would overwrite each other in the schema."""
    return enum.StrEnum(name, [(member, member.value) for member in choices])


class ErrorItem(Schema):
    loc: list[str | int] = Field(description="Where the problem is: body, query or path, then the field.")
    msg: str
    type: str


class Error(Schema):
    detail: str = Field(description="What went wrong, in the request's language (Accept-Language).")
    errors: list[ErrorItem] = Field(default_factory=list)


# The answers every operation under a center may give besides its own.
ERRORS: dict[int, Any] = {401: Error, 403: Error, 404: Error, 422: Error}
WRITE_ERRORS: dict[int, Any] = {400: Error, **ERRORS}


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, as the server saw it (None when it is not an IP address)."""
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        api_token = token_actions.authenticate(token.strip(), ip=client_ip(request))
        if api_token is None:
            return None
        request.user = api_token.user  # the pages' access helpers read request.user
        return api_token


def member_of(request: HttpRequest, center_slug: str, perm: str) -> Membership:
    """The token user's active membership in the center `center_slug`, which must grant `perm`: the pages'
    resolution (`network.tenancy.enter_center`, 404 for another center or no such center) and their
    permission check (`network.access.require_perm`, 403), so that the API and the page answer alike.

    Sets `request.center` and `request.membership` as the tenant middleware does for the pages."""
    membership = tenancy.enter_center(request, center_slug, user=request.auth.user)
    require_perm(request, perm)
    return membership


class Forbidden(PermissionDenied):
    """A refusal with its own words (filtering by sensitive data, for instance)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def paginated(items, page: int, page_size: int, serialize) -> dict:
    """One page of `items` (a queryset or a list), with the total: pages beyond the last are empty."""
    paginator = Paginator(items, page_size)
    beyond = page > paginator.num_pages
    results = [] if beyond else [serialize(item) for item in paginator.page(page).object_list]
    return {"count": paginator.count, "page": page, "page_size": page_size, "results": results}


class Page(Schema):
    count: int = Field(description="How many there are in all pages.")
    page: int
    page_size: int


def form_errors(form, location: str = "body") -> list[dict]:
    """A Django form's errors (already in the request's language) as API error items."""
    items = []
    for field, errors in form.errors.get_json_data().items():
        loc = [location] if field == "__all__" else [location, field]
        items.extend({"loc": loc, "msg": error["message"], "type": error["code"] or "invalid"} for error in errors)
    return items


class Invalid(Exception):
    """Input that passed the schema but not the rules of the page's form or service: 422."""

    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


# Pydantic's messages are English only; the usual ones in the request's language.
_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("This field is not expected."),
    "string_type": gettext_lazy("Expected text."),
    "int_type": gettext_lazy("Expected a whole number."),
    "int_parsing": gettext_lazy("Expected a whole number."),
    "bool_type": gettext_lazy("Expected true or false."),
    "bool_parsing": gettext_lazy("Expected true or false."),
    "list_type": gettext_lazy("Expected a list."),
    "uuid_type": gettext_lazy("Expected a UUID."),
    "uuid_parsing": gettext_lazy("Expected a UUID."),
    "date_type": gettext_lazy("Expected a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Expected a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Expected a date as YYYY-MM-DD."),
    "enum": gettext_lazy("Not one of the accepted values."),
    "literal_error": gettext_lazy("Not one of the accepted values."),
    "string_too_long": gettext_lazy("The text is too long."),
    "string_too_short": gettext_lazy("The text is too short."),
    "string_pattern_mismatch": gettext_lazy("The value does not have the expected form."),
    "greater_than_equal": gettext_lazy("The number is too small."),
    "less_than_equal": gettext_lazy("The number is too large."),
    "too_long": gettext_lazy("The list is too long."),
    "model_attributes_type": gettext_lazy("Expected a JSON object."),
    "dict_type": gettext_lazy("Expected a JSON object."),
}


def _localized(error: dict) -> dict:
    message = _PYDANTIC_MESSAGES.get(error.get("type", ""))
    loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
    return {"loc": loc, "msg": str(message) if message else error.get("msg", ""), "type": error.get("type", "")}


def install_error_handlers(api) -> None:
    """Every refusal as an `Error` in the request's language; never a page of HTML."""

    def respond(request, status: int, detail, errors=()):
        return api.create_response(request, {"detail": str(detail), "errors": list(errors)}, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        if request.headers.get("Authorization"):
            detail = _("The token is not valid: it is unknown, revoked, or its user has no access any more.")
        else:
            detail = _("Authentication required: send the header “Authorization: Bearer <token>”.")
        response = respond(request, 401, detail)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(token_actions.TokenExpired)
    def expired(request, exc):
        response = respond(request, 401, _("The token has expired: create a new one at /accounts/tokens/."))
        response["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
        return response

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, getattr(exc, "message", None) or _("Your role does not allow this."))

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return respond(request, 422, _("The request is not valid: see the errors."),
                       [_localized(error) for error in exc.errors])

    @api.exception_handler(Invalid)
    def invalid_by_rules(request, exc):
        return respond(request, 422, _("The request is not valid: see the errors."), exc.errors)

    @api.exception_handler(Refused)
    def refused(request, exc):
        return respond(request, 422, exc.message)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and isinstance(exc.__cause__, NotAnObject):
            return respond(request, 400, _("The request body must be a JSON object."))
        if exc.status_code == 400:
            return respond(request, 400, _("The request body is not valid JSON."))
        return respond(request, exc.status_code, exc.message)

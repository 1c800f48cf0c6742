"""How often one client, or one target, may do what anybody can do without signing in: ask for a
portal code, rate a service at the kiosk, leave feedback, ask for a password reset.

Counts live in the cache through django-ratelimit, in fixed windows: exact across processes with a
shared cache (`INTEGRHABITAT_CACHE_URL`, Redis, as in production), per process with the default
memory cache. Limits that must hold whatever the cache (a person's portal code guesses) are counted
in the database by their own app instead.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

Key = str | Callable[[str, HttpRequest], str]


def over_limit(request: HttpRequest, group: str, *, rate: str, key: Key = "ip", increment: bool = True) -> bool:
    """True when `key` (the client's address by default; "post:email", or a function of the group and
    request) already did `group` more than `rate` allows ("5/m", "20/h", "100/d") in this window.
    Each call counts one more unless `increment` is false."""
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=increment)


def fixed(value: str) -> Callable[[str, HttpRequest], str]:
    """A key that is `value` whoever asks: a limit per target (a center, a person) rather than per client."""
    return lambda _group, _request: value

"""What every response and every log line carries, or leaves out, so that personal data does not stay
where nobody looks: browsers' caches, proxies, access logs."""

import logging
from urllib.parse import urlsplit

# Nothing in the platform uses the camera, microphone, location or sensors: no page may ask for them.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb",
))
# Paths whose pages are about people or accounts even before anyone signs in (forms with a CSRF token).
PRIVATE_PREFIXES = ("/c/", "/network/", "/accounts/", "/api/v1/")


class SecurityHeadersMiddleware:
    """`Cache-Control: no-store` on every page of a signed-in staff member and of the private areas (the
    participant portal among them), so that a shared computer's back button, its disk cache or a proxy keeps nothing;
    a Permissions-Policy on every response. Static files are answered before this runs (WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "Cache-Control" not in response.headers and self._private(request):
            response.headers["Cache-Control"] = "no-store, private"
        return response

    @staticmethod
    def _private(request) -> bool:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        return request.path.startswith(PRIVATE_PREFIXES) or "/portal/" in request.path


def without_query(url: str) -> str:
    """`url` without its query string: searches carry names and document numbers."""
    parts = urlsplit(url)
    return parts._replace(query="", fragment="").geturl()


class DropQueryStrings(logging.Filter):
    """The development server's request lines (`django.server`) without their query strings."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            method, _space, rest = record.args[0].partition(" ")  # "GET /c/x/people/?q=Ana HTTP/1.1"
            target, _space, protocol = rest.rpartition(" ")
            if "?" in target:
                record.args = (f"{method} {without_query(target)} {protocol}", *record.args[1:])
        return True


class QuietRefusals(logging.Filter):
    """A refusal the platform meant (403 for a role too low, 404 for another center's object, 400) is logged
    as one line, without the traceback Django attaches to it; server errors keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


# gunicorn's access log (`integrhabitat serve`): the request line with its path but no query string,
# and no referrer (the previous page's address would carry one too).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'

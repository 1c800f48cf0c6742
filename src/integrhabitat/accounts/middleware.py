import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from integrhabitat.accounts import mfa, sessions
from integrhabitat.network.roles import MFA_REQUIRED


class UserLanguageMiddleware:
    """Serve a signed-in user in the language they chose last, on any device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# Pages a signed-in user reaches before the second step: the step itself, leaving, the language.
OPEN_BEFORE_SECOND_STEP = {"accounts:mfa_verify", "accounts:mfa_setup", "accounts:logout", "accounts:set_language",
                           "accounts:session_expiring", "healthz"}


class AccountSecurityMiddleware:
    """The rules of a staff session, on every request of a signed-in user (after the tenant middleware):

    - it ends `SESSION_IDLE_SECONDS` after its last request and `SESSION_MAX_SECONDS` after signing in,
      back to the sign-in page;
    - its pages say when it ends, and a `Refresh` header (a browser feature: no script) takes an idle page
      to "your session is about to end" five minutes before, which does not itself count as activity;
    - until the second step is done, only that step, signing out and the language switch open: for a user
      who owes it since signing in (an app set up, or a role that requires one), and, when a role that
      requires it comes during the session, on that center's pages; network coordinators everywhere;
      the API token page for anyone whose roles require it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        end = sessions.session_end(request.session, now)
        if now >= end.at:
            return self._session_over(request, end)
        if request.path != reverse("accounts:session_expiring"):
            sessions.record_activity(request.session, now)
            end = sessions.session_end(request.session, now)
        request.session_ends_at = end.when
        response = self.get_response(request)
        if request.user.is_authenticated and self._is_page(request, response):
            response["Refresh"] = self._warning(request, end, now)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or sessions.second_step_done(request.session):
            return None
        match = request.resolver_match
        if match is None or match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        if sessions.second_step_owed(request.session) or self._needs_second_step_here(request, match):
            url = f"{reverse('accounts:mfa_verify')}?{urlencode({'next': _here(request)})}"
            return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else redirect(url)
        return None

    @staticmethod
    def _needs_second_step_here(request, match) -> bool:
        if not settings.MFA_REQUIRED:
            return False
        if request.user.is_network_coordinator:
            return True
        membership = getattr(request, "membership", None)
        if membership is not None:
            return membership.has_perm(MFA_REQUIRED)
        if "api_tokens" in match.namespaces:  # tokens act with every role of the user (one query, this page only)
            return mfa.must_have_mfa(request.user)
        return False

    @staticmethod
    def _session_over(request, end: sessions.SessionEnd):
        next_url = _here(request)
        if request.path == reverse("accounts:session_expiring"):
            next_url = _safe_next(request)
        logout(request)
        if end.idle:
            messages.info(request, _("Your session ended after %(minutes)s minutes without activity. Sign in "
                                     "again to continue.") % {"minutes": settings.SESSION_IDLE_SECONDS // 60})
        else:
            messages.info(request, _("Your session reached its limit of %(hours)s hours. Sign in again to "
                                     "continue.") % {"hours": settings.SESSION_MAX_SECONDS // 3600})
        response = redirect_to_login(next_url) if next_url else redirect(settings.LOGIN_URL)
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(response["Location"])
        return response

    @staticmethod
    def _is_page(request, response) -> bool:
        return (response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")
                and "Refresh" not in response and not getattr(request, "htmx", False))

    @staticmethod
    def _warning(request, end: sessions.SessionEnd, now: int) -> str:
        """`Refresh` to the warning page five minutes before the end (or at the end, when closer than that)."""
        seconds = sessions.seconds_to_warning(end, now)
        url = f"{reverse('accounts:session_expiring')}?{urlencode({'next': _here(request) or '/'})}"
        return f"{seconds}; url={url}"


def _here(request) -> str:
    """Where to come back to: this page when it was opened (GET), nowhere in particular after a form."""
    return request.get_full_path() if request.method == "GET" else ""


def _safe_next(request) -> str:
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                    require_https=request.is_secure()):
        return next_url
    return ""

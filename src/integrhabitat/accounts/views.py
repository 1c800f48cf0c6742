import time
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from integrhabitat.accounts import mfa, sessions
from integrhabitat.accounts import services as account_actions
from integrhabitat.accounts.forms import CodeForm
from integrhabitat.accounts.models import Notification
from integrhabitat.accounts.notify import site_address
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, posted, remember_language, render_page
from integrhabitat.lib.ratelimit import fixed, over_limit
from integrhabitat.network.access import center_view
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import STAFF_MANAGE

# Password reset emails: per client address, and per address asked for (8 were once sent in a second).
RESET_RATE_PER_CLIENT = "10/h"
RESET_RATE_PER_EMAIL = "3/h"


@require_POST
def set_language(request):
    """Switch the interface language; remembered in a cookie and, when signed in, on the account."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        remember_language(response, language)
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


@require_http_methods(["GET", "POST"])
@login_required
def notification_list(request):
    """The user's notifications, newest first; POST marks them all read."""
    mine = Notification.objects.filter(user=request.user).select_related("center")
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("accounts:notifications")
    return render_page(request, "accounts/notification_list.html", {"notifications": paginate(request, mine, 30)})


@require_GET
@login_required
def notification_open(request, notification_id):
    """Follow a notification to its page, marking it read. Only the user's own: others → 404."""
    notification = get_object_or_404(Notification, user=request.user, pk=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("accounts:notifications")
    return HttpResponseRedirect(notification.url)


def request_language(request) -> str:
    """The interface language of this request, as LocaleMiddleware chose it; "" when it is not one of ours."""
    language = getattr(request, "LANGUAGE_CODE", "")
    return language if language in dict(settings.LANGUAGES) else ""


def _safe_next(request, default: str = "/") -> str:
    """The `next` of the query or form, when it stays on this site."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                    require_https=request.is_secure()):
        return next_url
    return default


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


# --- Signing in, and password resets ---------------------------------------------------------------------

class LoginView(auth_views.LoginView):
    """The password form (throttled by django-axes); then the second step, when the user owes it."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        # A user who never chose a language keeps the one they signed in with (their browser's, or the one
        # picked on the login page): notifications and emails are then written in it, not in the default.
        if not user.language and (language := request_language(self.request)):
            user.language = language
            user.save(update_fields=["language"])
        return response

    def get_success_url(self):
        url = super().get_success_url()
        if sessions.second_step_owed(self.request.session):
            return _with_next("accounts:mfa_verify", url)
        return url


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by email: the same answer whether the address has an account or not, and at
    most `RESET_RATE_PER_CLIENT` requests per client address and `RESET_RATE_PER_EMAIL` per address."""

    template_name = "accounts/form_page.html"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().casefold()
        too_many_here = over_limit(self.request, "accounts.password_reset.client", rate=RESET_RATE_PER_CLIENT)
        too_many_there = over_limit(self.request, "accounts.password_reset.email", rate=RESET_RATE_PER_EMAIL,
                                    key=fixed(email))
        if too_many_here or too_many_there:
            form.add_error(None, _("Too many password reset requests. Wait an hour and try again, or ask your "
                                   "coordinator."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # As Django's view does, but linking to SITE_URL, not to the host and port the request came through.
        domain, https = site_address()
        form.save(domain_override=domain, use_https=https, request=self.request, token_generator=self.token_generator,
                  from_email=self.from_email, email_template_name=self.email_template_name,
                  subject_template_name=self.subject_template_name,
                  html_email_template_name=self.html_email_template_name,
                  extra_email_context=self.extra_email_context)
        return HttpResponseRedirect(self.get_success_url())


# --- The account page -------------------------------------------------------------------------------------

@never_cache
@require_GET
@login_required
def account(request):
    """The user's own account: two-step verification, password, sessions, API tokens."""
    user = request.user
    app = mfa.app_device(user)
    recovery = mfa.recovery_device(user) if app else None
    return render_page(request, "accounts/account.html", {
        "app": app,
        "recovery_left": recovery.token_set.count() if recovery else 0,
        "must_have_mfa": mfa.must_have_mfa(user),
        "session_end": sessions.session_end(request.session),
        "idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
        "max_hours": settings.SESSION_MAX_SECONDS // 3600,
    })


@require_POST
@login_required
def sign_out_everywhere(request):
    """End every session of the user, this one included (a lost phone, a shared computer left signed in)."""
    account_actions.end_all_sessions(request.user, actor=request.user)
    logout(request)
    messages.success(request, _("You were signed out on every device. Sign in again to continue."))
    return redirect(settings.LOGIN_URL)


@never_cache
@require_GET
@login_required
def session_expiring(request):
    """Where an idle page is sent five minutes before its session ends (a `Refresh` header, no script).
    Opening it is not activity: it comes back to itself until the end, or until someone works elsewhere."""
    now = int(time.time())
    end = sessions.session_end(request.session, now)
    next_url = _safe_next(request)
    response = render_page(request, "accounts/session_expiring.html", {"end": end, "next": next_url})
    seconds = sessions.seconds_to_warning(end, now)
    response["Refresh"] = f"{seconds}; url={_with_next('accounts:session_expiring', next_url)}"
    return response


# --- Two-step verification ----------------------------------------------------------------------------------

def _second_step_first(request, next_url: str):
    """Changing the second step takes the current one first: the password alone must not replace it."""
    if mfa.has_mfa(request.user) and not sessions.second_step_done(request.session):
        return redirect(_with_next("accounts:mfa_verify", next_url))
    return None


def _second_step_done(request, device) -> None:
    sessions.mark_second_step_done(request.session)
    django_otp.login(request, device)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def mfa_verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    next_url = _safe_next(request)
    if sessions.second_step_done(request.session):
        return redirect(next_url)
    if not mfa.has_mfa(request.user):
        return redirect(_with_next("accounts:mfa_setup", next_url))
    form = CodeForm(posted(request), label=_("Code"),
                    help_text=_("The 6 digits your authenticator app shows now, or one of your recovery codes."))
    if request.method == "POST" and form.is_valid():
        try:
            device = account_actions.check_second_step(request.user, form.cleaned_data["code"], actor=request.user)
        except Refused as refusal:
            form.add_error("code", refusal.message)
        else:
            _second_step_done(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, _("You used a recovery code; %(left)s are left. If you lost your phone, "
                                            "set up the app again from your account page.") % {"left": left})
            return redirect(next_url)
    return render_page(request, "accounts/mfa_verify.html", {"form": form, "next": next_url},
                       status=400 if form.is_bound else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def mfa_setup(request):
    """Set up an authenticator app: scan the QR code (or type the secret), then type the code it shows.
    Done, the recovery codes are shown once."""
    next_url = _safe_next(request, default=reverse("accounts:account"))
    if (refused := _second_step_first(request, _with_next("accounts:mfa_setup", next_url))) is not None:
        return refused
    device = mfa.pending_app_device(request.user)
    form = CodeForm(posted(request), label=_("Code shown by the app"))
    if request.method == "POST" and form.is_valid():
        try:
            codes = account_actions.confirm_app(device, form.cleaned_data["code"], actor=request.user)
        except Refused as refusal:
            form.add_error("code", refusal.message)
        else:
            _second_step_done(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
    return render_page(request, "accounts/mfa_setup.html", {
        "form": form, "next": next_url, "qr_code": mfa.qr_code_svg(device), "secret": mfa.secret_for_typing(device),
        "must_have_mfa": mfa.must_have_mfa(request.user),
    }, status=400 if form.is_bound else 200)


@never_cache
@require_POST
@login_required
def mfa_recovery_codes(request):
    """A new set of recovery codes, shown once; the earlier ones stop working."""
    account_url = reverse("accounts:account")
    if (refused := _second_step_first(request, account_url)) is not None:
        return refused
    try:
        codes = account_actions.new_recovery_codes(request.user, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(account_url)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": account_url})


@require_POST
@login_required
def mfa_disable(request):
    """Turn two-step verification off, for someone whose role does not require it."""
    account_url = reverse("accounts:account")
    if not mfa.has_mfa(request.user):
        return redirect(account_url)
    if (refused := _second_step_first(request, account_url)) is not None:
        return refused
    try:
        account_actions.turn_off_mfa(request.user, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Two-step verification is off."))
    return redirect(account_url)


@require_POST
@center_view(STAFF_MANAGE)
def staff_mfa_reset(request, center, membership_id):
    """A coordinator resets a colleague's two-step verification (a lost phone): they set it up again when
    they next sign in, and are signed out everywhere now."""
    membership = get_object_or_404(Membership.objects.select_related("user"), center=center, pk=membership_id)
    try:
        account_actions.reset_mfa(membership.user, center=center, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The two-step verification of %(name)s was reset: they will set it up again "
                                    "when they next sign in.") % {"name": membership.user.display_name()})
    return redirect("network:staff_list", center=center.slug)

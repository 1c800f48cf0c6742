from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.accounts.models import Notification
from integrhabitat.lib.http import paginate, remember_language, render_page


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

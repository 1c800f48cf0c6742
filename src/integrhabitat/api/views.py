"""The signed-in user's API tokens: list, create (the secret is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from integrhabitat.api import services as token_actions
from integrhabitat.api.forms import TokenForm
from integrhabitat.api.models import ApiToken
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import posted, render_page


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def token_list(request):
    """The user's tokens with their expiry and last use; POST creates one and shows its secret on this answer
    only (never again)."""
    form = TokenForm(posted(request))
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, secret = token_actions.create_token(request.user, name=form.cleaned_data["name"],
                                                            expires_at=form.cleaned_data["expires_at"],
                                                            actor=request.user)
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                form = TokenForm()
        if form.is_bound and form.errors:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user)
    return render_page(request, "api/token_list.html", {"form": form, "tokens": tokens, "secret": secret},
                       status=status)


@require_POST
@login_required
def token_revoke(request, token_id):
    """Revoke one of the user's own tokens; anyone else's → 404."""
    token = get_object_or_404(ApiToken, user=request.user, pk=token_id)
    token_actions.revoke_token(token, actor=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens:token_list")

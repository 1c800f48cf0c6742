from django.contrib.auth.views import redirect_to_login

from integrhabitat.network import tenancy


class CenterMiddleware:
    """Resolve `request.center` and `request.membership` for URLs under `/c/<center>/`.

    Anonymous → login page; not an active member of that center (or no such center) → 404
    (`network.tenancy.enter_center`), so another center's existence is not revealed. Permissions are
    then checked by the view (`network.access.center_view`) → 403.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.center = None
        request.membership = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("center")
        if slug is None:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        tenancy.enter_center(request, slug)
        return None

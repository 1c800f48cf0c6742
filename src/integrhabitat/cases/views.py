from django.views.decorators.http import require_GET

from integrhabitat.lib.http import render_page
from integrhabitat.network.access import center_view
from integrhabitat.network.roles import CASES_VIEW, REFERRALS_RECEIVE


@require_GET
@center_view(CASES_VIEW)
def case_list(request, center):
    return render_page(request, "cases/case_list.html", {})


@require_GET
@center_view(CASES_VIEW)
def case_detail(request, center, case_id):
    return render_page(request, "cases/case_list.html", {})


@require_GET
@center_view(REFERRALS_RECEIVE)
def partner_inbox(request, center):
    return render_page(request, "cases/case_list.html", {})


@require_GET
@center_view(REFERRALS_RECEIVE)
def partner_referral(request, center, referral_id):
    return render_page(request, "cases/case_list.html", {})

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from integrhabitat.cocreation import views as cocreation_views
from integrhabitat.improvement.accountability import views as reports
from integrhabitat.improvement.feedback import views as improvement_views
from integrhabitat.improvement.network import views as network_figures_views
from integrhabitat.improvement.practices import urls as practice_urls
from integrhabitat.network import views as network_views
from integrhabitat.people import duplicate_urls
from integrhabitat.privacy import retention_views


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


center_patterns = [
    path("", include("integrhabitat.improvement.urls")),
    path("", include("integrhabitat.network.urls")),
    path("", include("integrhabitat.accounts.center_urls")),
    path("people/", include("integrhabitat.people.urls")),
    path("privacy/", include("integrhabitat.privacy.urls")),
    path("services/", include("integrhabitat.services.urls")),
    path("alliances/", include("integrhabitat.partners.urls")),
    path("cases/", include("integrhabitat.cases.urls")),
    path("groups/", include("integrhabitat.communities.urls")),
    path("cocreation/", include("integrhabitat.cocreation.urls")),
    path("practices/", include((practice_urls.center_patterns, "practices"))),
    path("reviews/", include("integrhabitat.improvement.reviews.urls")),
    path("accountability/events/", include("integrhabitat.improvement.events.urls")),
    path("imports/", include("integrhabitat.imports.urls")),
    path("people/duplicates/", include((duplicate_urls.center_patterns, "duplicates"))),
    path("directory/", include("integrhabitat.directory.center_urls")),
]

urlpatterns = [
    path("", network_views.home, name="home"),
    path("accounts/", include("integrhabitat.accounts.urls")),
    path("accounts/tokens/", include("integrhabitat.api.token_urls")),
    path("network/", network_figures_views.network_overview, name="network_overview"),
    path("network/download/", network_figures_views.network_export, name="network_export"),
    path("network/practices/", include((practice_urls.network_patterns, "practices_network"))),
    path("network/accountability/", reports.network_report_list, name="network_report_list"),
    path("network/accountability/new/", reports.network_report_new, name="network_report_new"),
    path("network/accountability/<uuid:report_id>/", reports.network_report_detail, name="network_report_detail"),
    path("network/accountability/<uuid:report_id>/edit/", reports.network_report_edit, name="network_report_edit"),
    path("network/accountability/<uuid:report_id>/publish/", reports.network_report_publish,
         name="network_report_publish"),
    path("network/duplicates/", include((duplicate_urls.network_patterns, "duplicates_network"))),
    path("network/centers/new/", network_views.center_create, name="center_create"),
    path("network/retention/", retention_views.retention_schedule, name="retention_schedule"),
    path("c/<slug:center>/", include(center_patterns)),
    # Public pages: no login; the kwarg is not `center`, so the tenant middleware leaves them alone.
    path("p/<slug:center_slug>/", cocreation_views.public_center, name="public_center"),
    path("p/<slug:center_slug>/portal/", include("integrhabitat.portal.urls")),
    path("p/<slug:center_slug>/feedback/", improvement_views.feedback_send, name="feedback_send"),
    path("p/<slug:center_slug>/kiosk/", improvement_views.kiosk, name="kiosk"),
    path("p/<slug:center_slug>/feedback/<str:code>/", improvement_views.feedback_track, name="feedback_track"),
    path("p/<slug:center_slug>/accountability/", reports.public_reports, name="public_reports"),
    path("accountability/", reports.public_reports, name="network_public_reports"),
    path("accountability/<uuid:report_id>/", reports.public_report, name="public_report"),
    path("accountability/<uuid:report_id>/pdf/", reports.public_report_pdf, name="public_report_pdf"),
    # Machine interfaces: the JSON API (token) and the public Open Referral (HSDS 3.0) directory.
    path("api/v1/", include("integrhabitat.api.urls")),
    path("api/hsds/", include("integrhabitat.directory.urls")),
    path("healthz", healthz, name="healthz"),
]

from django.urls import path

from integrhabitat.improvement import home
from integrhabitat.improvement.accountability import views as accountability_views
from integrhabitat.improvement.canvas import views as canvas_views
from integrhabitat.improvement.feedback import views
from integrhabitat.improvement.results import views as dashboard_views

app_name = "improvement"
urlpatterns = [
    path("", home.center_home, name="center_home"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/<uuid:feedback_id>/", views.feedback_detail, name="feedback_detail"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
    path("canvas/", canvas_views.canvas, name="canvas"),
    path("canvas/edit/", canvas_views.canvas_edit, name="canvas_edit"),
    path("canvas.pdf", canvas_views.canvas_pdf, name="canvas_pdf"),
    path("results/", dashboard_views.center_dashboard, name="dashboard"),
    path("results/download/", dashboard_views.center_dashboard_export, name="dashboard_export"),
    path("results/targets/", dashboard_views.targets, name="targets"),
    path("results/manual/", dashboard_views.manual_indicators_page, name="manual_indicators"),
    path("accountability/", accountability_views.report_list, name="report_list"),
    path("accountability/new/", accountability_views.report_new, name="report_new"),
    path("accountability/<uuid:report_id>/", accountability_views.report_detail, name="report_detail"),
    path("accountability/<uuid:report_id>/edit/", accountability_views.report_edit, name="report_edit"),
    path("accountability/<uuid:report_id>/publish/", accountability_views.report_publish, name="report_publish"),
]

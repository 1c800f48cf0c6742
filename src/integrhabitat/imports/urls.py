from django.urls import path

from integrhabitat.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.start, name="start"),
    path("example/", views.example, name="example"),
    path("<uuid:job_id>/", views.job_detail, name="job_detail"),
    path("<uuid:job_id>/columns/", views.job_mapping, name="job_mapping"),
    path("<uuid:job_id>/import/", views.job_commit, name="job_commit"),
    path("<uuid:job_id>/restart/", views.job_restart, name="job_restart"),
    path("<uuid:job_id>/rejected/", views.job_rejected, name="job_rejected"),
]

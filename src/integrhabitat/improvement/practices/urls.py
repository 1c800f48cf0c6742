"""The network's library of best practices: read and written from a center, curated from the network."""

from django.urls import path

from integrhabitat.improvement.practices import views

app_name = "practices"
center_patterns: list = [
    path("", views.practice_list, name="practice_list"),
    path("new/", views.practice_edit, name="practice_create"),
    path("<uuid:practice_id>/", views.practice_detail, name="practice_detail"),
    path("<uuid:practice_id>/edit/", views.practice_edit, name="practice_edit"),
    path("<uuid:practice_id>/submit/", views.practice_submit, name="practice_submit"),
    path("<uuid:practice_id>/attachments/", views.attachment_add, name="attachment_add"),
    path("<uuid:practice_id>/attachments/<uuid:attachment_id>/", views.attachment_download,
         name="attachment_download"),
    path("<uuid:practice_id>/attachments/<uuid:attachment_id>/remove/", views.attachment_remove,
         name="attachment_remove"),
]
network_patterns: list = [
    path("", views.curation_queue, name="curation_queue"),
    path("<uuid:practice_id>/", views.practice_curate, name="practice_curate"),
    path("<uuid:practice_id>/attachments/<uuid:attachment_id>/", views.curation_attachment,
         name="attachment_download"),
]

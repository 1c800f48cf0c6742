"""Data protection registers, under /c/<center>/privacy/."""

from django.urls import path

from integrhabitat.privacy import rights_views, views

app_name = "privacy"
urlpatterns = [
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/<uuid:participant_id>/", views.request_create, name="request_create"),
    path("requests/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<uuid:request_id>/extend/", views.request_extend, name="request_extend"),
    path("requests/<uuid:request_id>/answer/", views.request_answer, name="request_answer"),
    path("people/<uuid:participant_id>/data.pdf", rights_views.subject_data_pdf, name="subject_data_pdf"),
    path("people/<uuid:participant_id>/data.json", rights_views.subject_data_json, name="subject_data_json"),
    path("people/<uuid:participant_id>/anonymize/", rights_views.participant_anonymize, name="participant_anonymize"),
    path("breaches/", views.breach_list, name="breach_list"),
    path("breaches/new/", views.breach_edit, name="breach_create"),
    path("breaches/<uuid:breach_id>/", views.breach_edit, name="breach_edit"),
]

"""Data protection registers, under /c/<center>/privacy/."""

from django.urls import path

from integrhabitat.privacy import views

app_name = "privacy"
urlpatterns = [
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/<uuid:participant_id>/", views.request_create, name="request_create"),
    path("requests/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<uuid:request_id>/extend/", views.request_extend, name="request_extend"),
    path("requests/<uuid:request_id>/answer/", views.request_answer, name="request_answer"),
    path("breaches/", views.breach_list, name="breach_list"),
    path("breaches/new/", views.breach_edit, name="breach_create"),
    path("breaches/<uuid:breach_id>/", views.breach_edit, name="breach_edit"),
]

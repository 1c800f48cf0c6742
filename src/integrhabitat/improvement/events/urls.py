"""Accountability events and their commitments, under /c/<center>/accountability/events/."""

from django.urls import path

from integrhabitat.improvement.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_edit, name="event_create"),
    path("<uuid:event_id>/", views.event_detail, name="event_detail"),
    path("<uuid:event_id>/edit/", views.event_edit, name="event_edit"),
    path("<uuid:event_id>/questions/", views.question_add, name="question_add"),
    path("<uuid:event_id>/questions/<int:question_id>/answer/", views.question_answer, name="question_answer"),
    path("<uuid:event_id>/commitments/", views.commitment_add, name="commitment_add"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path("commitments/<uuid:commitment_id>/", views.commitment_detail, name="commitment_detail"),
]

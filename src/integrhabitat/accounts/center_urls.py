"""A center's pages about its staff's accounts (under /c/<center>/)."""

from django.urls import path

from integrhabitat.accounts import views

app_name = "staff_accounts"
urlpatterns = [
    path("staff/<int:membership_id>/two-step/reset/", views.staff_mfa_reset, name="mfa_reset"),
]

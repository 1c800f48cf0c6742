from django.urls import path

from integrhabitat.network import views

app_name = "network"
urlpatterns = [
    path("settings/", views.center_edit, name="center_edit"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:membership_id>/role/", views.staff_role, name="staff_role"),
    path("staff/<int:membership_id>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("audit/", views.center_audit, name="center_audit"),
]

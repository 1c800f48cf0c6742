from django.urls import path

from integrhabitat.communities import views

app_name = "communities"
urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("new/", views.group_edit, name="group_create"),
    path("<uuid:group_id>/", views.group_detail, name="group_detail"),
    path("<uuid:group_id>/edit/", views.group_edit, name="group_edit"),
    path("<uuid:group_id>/members/", views.member_add, name="member_add"),
    path("<uuid:group_id>/members/<int:member_id>/leave/", views.member_leave, name="member_leave"),
    path("<uuid:group_id>/sessions/", views.session_add, name="session_add"),
    path("sessions/<uuid:session_id>/", views.session_attendance, name="session_attendance"),
    path("<uuid:group_id>/members/<int:member_id>/certificate.pdf", views.certificate, name="certificate"),
]

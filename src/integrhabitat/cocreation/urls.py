from django.urls import path

from integrhabitat.cocreation import views

app_name = "cocreation"
urlpatterns = [
    path("", views.process_list, name="process_list"),
    path("new/", views.process_edit, name="process_create"),
    path("<uuid:process_id>/", views.process_detail, name="process_detail"),
    path("<uuid:process_id>/edit/", views.process_edit, name="process_edit"),
    path("<uuid:process_id>/phases/", views.phase_add, name="phase_add"),
    path("<uuid:process_id>/phases/<int:phase_id>/remove/", views.phase_remove, name="phase_remove"),
    path("<uuid:process_id>/meetings/new/", views.meeting_edit, name="meeting_create"),
    path("<uuid:process_id>/meetings/<uuid:meeting_id>/", views.meeting_edit, name="meeting_edit"),
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<uuid:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<uuid:proposal_id>/answer/", views.proposal_answer, name="proposal_answer"),
    path("proposals/<uuid:proposal_id>/support/", views.proposal_support, name="proposal_support"),
    path("proposals/<uuid:proposal_id>/comments/", views.comment_add, name="comment_add"),
    path("proposals/<uuid:proposal_id>/comments/<uuid:comment_id>/", views.comment_moderate,
         name="comment_moderate"),
]

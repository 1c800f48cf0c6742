from django.urls import path

from integrhabitat.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("agenda/", views.agenda, name="agenda"),
    path("open/<uuid:participant_id>/", views.case_open, name="case_open"),
    path("<uuid:case_id>/", views.case_detail, name="case_detail"),
    path("<uuid:case_id>/edit/", views.case_edit, name="case_edit"),
    path("<uuid:case_id>/close/", views.case_close, name="case_close"),
    path("<uuid:case_id>/reopen/", views.case_reopen, name="case_reopen"),
    path("<uuid:case_id>/assessments/new/", views.assessment_add, name="assessment_add"),
    path("<uuid:case_id>/goals/", views.goal_add, name="goal_add"),
    path("<uuid:case_id>/goals/<uuid:goal_id>/status/", views.goal_status, name="goal_status"),
    path("<uuid:case_id>/goals/<uuid:goal_id>/actions/", views.action_add, name="action_add"),
    path("<uuid:case_id>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("<uuid:case_id>/follow-ups/<uuid:follow_up_id>/", views.follow_up_record, name="follow_up_record"),
    path("<uuid:case_id>/notes/", views.note_add, name="note_add"),
    path("<uuid:case_id>/refer/", views.referral_create, name="referral_create"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<uuid:referral_id>/", views.referral_detail, name="referral_detail"),
    path("referrals/<uuid:referral_id>/send/", views.referral_send, name="referral_send"),
    path("referrals/<uuid:referral_id>/close/", views.referral_close, name="referral_close"),
    path("referrals/<uuid:referral_id>/answer/", views.referral_answer, name="referral_answer"),
    # Partner staff: the referrals sent to their organization.
    path("received/", views.partner_inbox, name="partner_inbox"),
    path("received/<uuid:referral_id>/", views.partner_referral, name="partner_referral"),
    path("received/<uuid:referral_id>/answer/", views.partner_answer, name="partner_answer"),
    path("received/<uuid:referral_id>/sessions/", views.partner_session, name="partner_session"),
]

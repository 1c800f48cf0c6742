from django.urls import path

from integrhabitat.people import views

app_name = "people"
urlpatterns = [
    path("", views.participant_list, name="participant_list"),
    path("download/", views.participant_export, name="participant_export"),
    path("new/", views.participant_register, name="participant_register"),
    path("<uuid:participant_id>/", views.participant_detail, name="participant_detail"),
    path("<uuid:participant_id>/edit/", views.participant_edit, name="participant_edit"),
    path("<uuid:participant_id>/audit/", views.participant_audit, name="participant_audit"),
    path("<uuid:participant_id>/card.pdf", views.participant_card, name="participant_card"),
    path("<uuid:participant_id>/consents/new/", views.consent_record, name="consent_record"),
    path("<uuid:participant_id>/consents/<uuid:consent_id>/withdraw/", views.consent_withdraw,
         name="consent_withdraw"),
    path("<uuid:participant_id>/household/", views.household_create, name="household_create"),
    path("households/<uuid:household_id>/", views.household_detail, name="household_detail"),
    path("households/<uuid:household_id>/remove/<uuid:participant_id>/", views.household_member_remove,
         name="household_member_remove"),
]

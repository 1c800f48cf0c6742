from django.urls import path

from integrhabitat.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("<uuid:case_id>/", views.case_detail, name="case_detail"),
    path("received/", views.partner_inbox, name="partner_inbox"),
    path("received/<uuid:referral_id>/", views.partner_referral, name="partner_referral"),
]

from django.urls import path

from integrhabitat.portal import views
from integrhabitat.privacy import rights_views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("enter/", views.login, name="login"),
    path("enter/code/", views.verify, name="verify"),
    path("enter/who/", views.choose, name="choose"),
    path("leave/", views.logout, name="logout"),
    path("activities/", views.activities, name="activities"),
    path("proposals/", views.proposals, name="proposals"),
    path("me/", views.profile, name="profile"),
    path("me/card.pdf", views.card, name="card"),
    path("me/data.pdf", rights_views.portal_data_pdf, name="my_data_pdf"),
    path("me/data.json", rights_views.portal_data_json, name="my_data_json"),
    path("rate/", views.rate, name="rate"),
    path("groups/<uuid:group_id>/certificate.pdf", views.certificate, name="certificate"),
]

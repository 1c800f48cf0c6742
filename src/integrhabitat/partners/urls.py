from django.urls import path

from integrhabitat.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.actor_map, name="actor_map"),
]

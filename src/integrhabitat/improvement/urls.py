from django.urls import path

from integrhabitat.improvement import views

app_name = "improvement"
urlpatterns = [path("", views.center_home, name="center_home")]

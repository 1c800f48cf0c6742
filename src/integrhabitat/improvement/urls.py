from django.urls import path

from integrhabitat.improvement import views

app_name = "improvement"
urlpatterns = [
    path("", views.center_home, name="center_home"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/<uuid:feedback_id>/", views.feedback_detail, name="feedback_detail"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
]

from django.urls import path

from integrhabitat.directory import views

app_name = "directory_center"
urlpatterns = [
    path("import/", views.hsds_import, name="hsds_import"),
]

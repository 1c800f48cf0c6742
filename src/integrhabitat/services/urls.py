from django.urls import path

from integrhabitat.services import views

app_name = "services"
urlpatterns = [
    path("", views.service_list, name="service_list"),
    path("new/", views.service_edit, name="service_create"),
    path("<uuid:service_id>/", views.service_detail, name="service_detail"),
    path("<uuid:service_id>/edit/", views.service_edit, name="service_edit"),
    path("deliveries/bulk/", views.delivery_bulk, name="delivery_bulk"),
    path("deliveries/person/<uuid:participant_id>/", views.delivery_record, name="delivery_record"),
    path("deliveries/person/<uuid:participant_id>/<uuid:delivery_id>/undo/", views.delivery_undo,
         name="delivery_undo"),
    path("deliveries/<uuid:delivery_id>/delete/", views.delivery_delete, name="delivery_delete"),
]

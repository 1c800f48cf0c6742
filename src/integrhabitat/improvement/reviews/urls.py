from django.urls import path

from integrhabitat.improvement.reviews import views as review_views

app_name = "reviews"
urlpatterns = [
    path("", review_views.review_queue, name="review_queue"),
    path("<uuid:review_id>/", review_views.review_detail, name="review_detail"),
    path("services/<uuid:service_id>/", review_views.service_reviews, name="service_reviews"),
    path("services/<uuid:service_id>/new/", review_views.review_create, name="review_create"),
]

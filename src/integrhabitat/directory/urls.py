"""The public Open Referral (HSDS 3.0) directory, mounted at /api/hsds/ (see docs/hsds.md)."""

from django.urls import path

from integrhabitat.directory import api_views as views

app_name = "directory"
urlpatterns = [
    path("", views.api_info, name="api_info"),
    path("services", views.service_list, name="service_list"),
    path("services/<str:id>", views.service_detail, name="service_detail"),
    path("organizations", views.organization_list, name="organization_list"),
    path("organizations/<str:id>", views.organization_detail, name="organization_detail"),
    path("service_at_locations", views.service_at_location_list, name="service_at_location_list"),
    path("service_at_locations/<str:id>", views.service_at_location_detail, name="service_at_location_detail"),
    path("taxonomies", views.taxonomy_list, name="taxonomy_list"),
    path("taxonomies/<str:id>", views.taxonomy_detail, name="taxonomy_detail"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy_term_list"),
    path("taxonomy_terms/<str:id>", views.taxonomy_term_detail, name="taxonomy_term_detail"),
    path("export.json", views.export, name="export"),
    path("export.zip", views.export_zip, name="export_zip"),
]

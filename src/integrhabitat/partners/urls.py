from django.urls import path

from integrhabitat.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.actor_map, name="actor_map"),
    path("organizations/new/", views.organization_edit, name="organization_create"),
    path("organizations/<uuid:organization_id>/", views.organization_detail, name="organization_detail"),
    path("organizations/<uuid:organization_id>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<uuid:organization_id>/agreements/new/", views.agreement_edit, name="agreement_create"),
    path("agreements/<uuid:agreement_id>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<uuid:agreement_id>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<uuid:agreement_id>/documents/", views.document_upload, name="document_upload"),
    path("documents/<uuid:document_id>/", views.document_download, name="document_download"),
    path("documents/<uuid:document_id>/delete/", views.document_delete, name="document_delete"),
    path("pathways/", views.pathway_list, name="pathway_list"),
    path("pathways/new/", views.pathway_edit, name="pathway_create"),
    path("pathways/<uuid:pathway_id>/", views.pathway_detail, name="pathway_detail"),
    path("pathways/<uuid:pathway_id>/edit/", views.pathway_edit, name="pathway_edit"),
    path("pathways/<uuid:pathway_id>/print/", views.pathway_print, name="pathway_print"),
    path("pathways/<uuid:pathway_id>/steps/", views.pathway_step_add, name="pathway_step_add"),
    path("pathways/<uuid:pathway_id>/steps/<int:step_id>/remove/", views.pathway_step_remove,
         name="pathway_step_remove"),
]

from django.urls import path

from integrhabitat.people import duplicate_views as views

# /c/<center>/people/duplicates/…
center_patterns: list = [
    path("", views.duplicate_list, name="duplicate_list"),
    path("scan/", views.duplicate_scan, name="duplicate_scan"),
    path("<uuid:pair_id>/", views.pair_detail, name="pair_detail"),
    path("<uuid:pair_id>/merge/", views.pair_merge, name="pair_merge"),
    path("<uuid:pair_id>/distinct/", views.pair_distinct, name="pair_distinct"),
    path("merges/<uuid:merge_id>/undo/", views.merge_undo, name="merge_undo"),
]
# /network/duplicates/…
network_patterns: list = [
    path("", views.network_pair_list, name="pair_list"),
    path("scan/", views.network_scan, name="scan"),
    path("<uuid:pair_id>/distinct/", views.network_pair_distinct, name="pair_distinct"),
    path("<uuid:pair_id>/notify/", views.network_pair_notify, name="pair_notify"),
]

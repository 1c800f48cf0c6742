from django.urls import path  # noqa: F401

# /c/<center>/people/duplicates/… and /network/duplicates/…
center_patterns: list = []
network_patterns: list = []

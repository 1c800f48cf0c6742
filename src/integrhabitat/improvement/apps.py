from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "integrhabitat.improvement"

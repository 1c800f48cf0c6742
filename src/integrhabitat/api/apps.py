from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "integrhabitat.api"

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "integrhabitat.demo"

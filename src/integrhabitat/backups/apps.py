from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`integrhabitat backup` and `integrhabitat restore`: encrypted copies of the database and uploaded files."""

    name = "integrhabitat.backups"

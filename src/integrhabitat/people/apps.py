from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PeopleConfig(AppConfig):
    name = "integrhabitat.people"

    def ready(self):
        # The apps above `people` that add to its pages register there (people/activity.py).
        autodiscover_modules("person_activity")

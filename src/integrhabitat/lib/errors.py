"""Refusals that services raise and pages, API and commands show as they are."""

from django.utils.translation import gettext_lazy as _


class Refused(Exception):
    """The change is not allowed; `message` says why, in words for the user (lazily translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class StaleEdit(Refused):
    """Someone else saved the record after this edit began (optimistic version check)."""

    def __init__(self):
        super().__init__(_("Someone else saved this record while you were editing it. Your changes were not "
                           "saved: review the current version and try again."))

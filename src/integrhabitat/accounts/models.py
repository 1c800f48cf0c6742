from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of a center, or a coordinator of the whole network.

    What a user may do in a center comes from their `network.Membership` there;
    `is_network_coordinator` grants the network-wide, aggregate-only view.
    """

    is_network_coordinator = models.BooleanField(_("network coordinator"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    def display_name(self) -> str:
        return self.get_full_name() or self.username

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.db.models.signals import post_delete, post_save, pre_save


def check_token_days(app_configs, **kwargs) -> list[checks.CheckMessage]:
    from integrhabitat.api.models import MAX_DAYS

    if not 1 <= settings.API_TOKEN_DAYS <= MAX_DAYS:
        return [checks.Error(f"INTEGRHABITAT_API_TOKEN_DAYS must be between 1 and {MAX_DAYS}.", id="api.E001")]
    return []


class ApiConfig(AppConfig):
    name = "integrhabitat.api"

    def ready(self):
        from integrhabitat.api import signals
        from integrhabitat.network.models import Membership

        user_model = get_user_model()
        pre_save.connect(signals.remember_before_save, sender=user_model, dispatch_uid="api.tokens.user_before")
        post_save.connect(signals.revoke_after_save, sender=user_model, dispatch_uid="api.tokens.user_after")
        post_save.connect(signals.revoke_after_membership_saved, sender=Membership,
                          dispatch_uid="api.tokens.membership_saved")
        post_delete.connect(signals.revoke_after_membership_deleted, sender=Membership,
                            dispatch_uid="api.tokens.membership_deleted")
        checks.register(check_token_days)

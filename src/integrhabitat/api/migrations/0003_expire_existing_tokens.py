"""Tokens made before expiry existed never expired: each gets one, 90 days from this migration."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

EXISTING_TOKEN_DAYS = 90  # fixed here, whatever INTEGRHABITAT_API_TOKEN_DAYS says


def give_existing_tokens_an_expiry(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + timedelta(days=EXISTING_TOKEN_DAYS))


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0002_add_token_expiry_and_last_used_ip"),
    ]

    operations = [
        migrations.RunPython(give_existing_tokens_an_expiry, migrations.RunPython.noop),
    ]

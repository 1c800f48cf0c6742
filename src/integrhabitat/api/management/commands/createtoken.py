from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from integrhabitat.accounts.models import User
from integrhabitat.api.models import MAX_DAYS
from integrhabitat.api.services import create_token


class Command(BaseCommand):
    help = ("Create a new API token for USERNAME and print it (only its hash is kept: this is the one "
            "chance to copy it). It expires after --days days (default INTEGRHABITAT_API_TOKEN_DAYS, 90). "
            "Each run creates another token; revoke old ones at /accounts/tokens/.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for (default: command line).")
        parser.add_argument("--days", type=int, default=None,
                            help=f"Days until it expires, 1 to {MAX_DAYS} (default: {settings.API_TOKEN_DAYS}).")

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if not name.strip():
            raise CommandError("The token needs a name.")
        days = settings.API_TOKEN_DAYS if days is None else days
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_DAYS}.")
        token, secret = create_token(user, name=name[:100], expires_at=timezone.now() + timedelta(days=days),
                                     actor=None)
        self.stdout.write(secret)
        # On stderr, so that `$(integrhabitat createtoken …)` still captures the token alone.
        self.stderr.write(f"Expires {token.expires_at:%Y-%m-%d %H:%M} UTC.")

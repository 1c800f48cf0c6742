from django.core.management.base import BaseCommand, CommandError

from integrhabitat.accounts.models import User
from integrhabitat.api.services import create_token


class Command(BaseCommand):
    help = ("Create a new API token for USERNAME and print it (only its hash is kept: this is the one "
            "chance to copy it). Each run creates another token; revoke old ones at /accounts/tokens/.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for (default: command line).")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if not name.strip():
            raise CommandError("The token needs a name.")
        _token, secret = create_token(user, name=name[:100], actor=None)
        self.stdout.write(secret)

from django.core.management.base import BaseCommand, CommandError

from integrhabitat.accounts import services as account_actions
from integrhabitat.accounts.models import User


class Command(BaseCommand):
    help = ("Reset the two-step verification of USERNAME (a lost phone): their authenticator app and recovery "
            "codes are removed and every session of theirs ends; they set the app up again when they next sign "
            "in. For network coordinators, and anyone without a coordinator to do it from the staff page. Running "
            "it again leaves the same state.")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        account_actions.reset_mfa(user, center=None, actor=None)
        self.stdout.write(f"The two-step verification of {username} was reset.")

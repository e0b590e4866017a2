"""Print a user's API token: `manage.py create_token USER [--reset]`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from tracker.api_formats import is_civil_servant
from tracker.cli import BAD_INPUT
from tracker.roles import CIVIL_SERVANT_GROUP


class Command(BaseCommand):
    help = (
        "Print the REST API token of USER, creating it when the user has none. A token of a user in "
        "the civil servant group may write; any other token reads what the public reads. Exit code 2 "
        "for an unknown or inactive user."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="Replace the user's token with a new one.")

    def handle(self, *args, username: str, reset: bool, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(
                f"No user named {username!r}. Create the user first (the admin, or manage.py createsuperuser).",
                returncode=BAD_INPUT,
            ) from None
        if not user.is_active:
            raise CommandError(
                f"User {username!r} is inactive: a token would not authenticate. Activate the user first.",
                returncode=BAD_INPUT,
            )
        if reset:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        if not is_civil_servant(user):
            self.stderr.write(
                f"note: {username!r} is not in the {CIVIL_SERVANT_GROUP!r} group: this token reads what the "
                "public reads and cannot write."
            )
        self.stdout.write(token.key)

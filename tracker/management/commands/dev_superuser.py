"""Create the development superuser of the embedded default. Refuses anywhere else."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from tracker.roles import CIVIL_SERVANT_GROUP

DEV_USERNAME = "admin"
DEV_PASSWORD = "admin"


class Command(BaseCommand):
    help = "Create the embedded default's superuser (admin/admin). Only with the embedded settings."

    def handle(self, *args, **options):
        # A known password is fine on a laptop with SQLite and DEBUG; never on a deployment.
        if not (settings.EMBEDDED and settings.DEBUG):
            raise CommandError(
                "dev_superuser only runs with the embedded default (no DATABASE_URL, DEBUG on); "
                "use `manage.py createsuperuser` in production."
            )
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEV_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEV_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=CIVIL_SERVANT_GROUP))
        self.stdout.write(f"Development superuser: {DEV_USERNAME} / {DEV_PASSWORD}")

"""`lawtrail totp_reset <username>`: forget an officer's authenticator (a lost phone); they enrol again at
their next sign-in (administrators must; others may)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lawtrail.security.services import totp_devices_reset


class Command(BaseCommand):
    help = "Remove a user's TOTP devices so that they enrol again at the next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        removed = totp_devices_reset(user=user)
        self.stdout.write(f"{username}: {removed} TOTP device(s) removed")

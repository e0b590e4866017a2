"""Flag overdue commitments now: `manage.py flag_overdue [--today YYYY-MM-DD] [--json]`.

The same code as the daily Celery task (commitments.tasks.flag_overdue_task), run in this process.
"""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from commitments.overdue import update_overdue
from tracker.cli import iso_date


class Command(BaseCommand):
    help = (
        "Flag commitments whose current deadline has passed (overdue from the day after its latest "
        "date), clear the flag of those fulfilled, abandoned or moved later, and write an event for "
        "each change. Running it twice changes nothing. A bad --today exits with code 2."
    )

    def add_arguments(self, parser):
        # Parsed in handle(), not by argparse: a CommandError raised inside argparse's type hook
        # escapes as a traceback with exit code 1 instead of the message with exit code 2.
        parser.add_argument("--today", help="The day to judge by, YYYY-MM-DD (default: today in Brussels).")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args, today=None, **options):
        today = iso_date(today) if today is not None else timezone.localdate()
        result = update_overdue(today)
        if options["json"]:
            self.stdout.write(json.dumps({"today": today.isoformat(), **result.as_dict()}))
        else:
            self.stdout.write(
                f"{today.isoformat()}: {result.flagged} flagged overdue, {result.cleared} cleared, "
                f"{result.realigned} moved to a new overdue date"
            )

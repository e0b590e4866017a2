"""Load the reviewed demo data: `manage.py load_reviewed [PATH] [--today YYYY-MM-DD] [--json]`.

The documents the file names must be ingested first (`manage.py ingest fixtures/seeds/*.txt`);
otherwise the command says which are missing and exits with code 2. The logic is in
commitments/reviewed_data.py.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from commitments.reviewed_data import DEFAULT_PATH, ReviewedDataError, load_reviewed, read_file
from tracker.cli import BAD_INPUT, iso_date


class Command(BaseCommand):
    help = (
        "Confirm the commitments a person reviewed, with their deadlines, status, mentions and links "
        "to ABB recommendations, from a JSON file with natural keys (default: "
        "fixtures/reviewed_commitments.json). Running it twice changes nothing. The documents must be "
        "ingested first; a missing document, line or recommendation exits with code 2 and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="The reviewed data file.")
        parser.add_argument("--today", help="The day status changes and deadline moves happen on (default: today).")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args, path, today=None, **options):
        today = iso_date(today) if today is not None else timezone.localdate()
        try:
            report = load_reviewed(read_file(path), today=today)
        except ReviewedDataError as error:
            raise CommandError(f"{path}: {error}", returncode=BAD_INPUT) from None
        if options["json"]:
            self.stdout.write(json.dumps({"path": path, "today": today.isoformat(), **report.as_dict()}))
            return
        r = report
        self.stdout.write(
            f"{path}: {r.commitments_confirmed} commitments confirmed or updated "
            f"({r.commitments_created} added that extraction missed), {r.commitments_unchanged} unchanged; "
            f"deadlines {r.deadlines_created} created, {r.deadlines_updated} updated; "
            f"{r.status_changes} status changes; recommendation links {r.links_created} created, "
            f"{r.links_updated} updated; mentions {r.mentions_confirmed} confirmed ({r.mentions_created} added)"
        )

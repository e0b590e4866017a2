"""Store documents: `manage.py ingest PATH... [--date YYYY-MM-DD] [--json]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.cli import BAD_INPUT, iso_date
from transcripts.ingest import DocumentRejected, ingest_file
from tracker.pipeline import after_ingest


class Command(BaseCommand):
    help = (
        "Ingest documents, one transaction each. A file that cannot be used is reported with the "
        "reason and leaves the database as it was; the exit code is then 2."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--date", help="The document's date when the text gives none.")
        parser.add_argument("--json", action="store_true", help="Print what was stored as JSON.")

    def handle(self, *args, paths, date, **options):
        as_json = options["json"]
        date = iso_date(date) if date is not None else None
        reports, failures = [], []
        for path in paths:
            try:
                result = ingest_file(path, date=date)
            except DocumentRejected as rejected:
                failures.append(str(rejected))
                self.stderr.write(f"ingest: {rejected}")
                continue
            report = after_ingest(result)
            reports.append(report)
            if not as_json:
                self.stdout.write(describe(path, report))
            for warning in result.warnings:
                self.stderr.write(f"warning: {path}: {warning}")
        if as_json:
            payload = reports[0] if len(paths) == 1 and reports else reports
            self.stdout.write(dump(payload))
        if failures:
            raise CommandError(
                f"{len(failures)} of {len(paths)} file(s) rejected; nothing was written for them.",
                returncode=BAD_INPUT,
            )


def describe(path: Path, report: dict) -> str:
    if not report["created"]:
        return f"{path}: already stored as document {report['document']}, nothing new"
    counts = ", ".join(f"{n} {what}" for what, n in report["counts"].items() if n)
    return f"{path}: stored as document {report['document']} ({report['kind']}): {counts or 'no records'}"


def dump(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)

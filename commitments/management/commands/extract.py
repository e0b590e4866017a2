"""Dry run of the extraction: `manage.py extract PATH [--date YYYY-MM-DD] --json`. Writes nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments.extraction import extract_candidates
from tracker.cli import BAD_INPUT, iso_date
from transcripts.ingest import DocumentRejected, parse_text, read_document_file


class Command(BaseCommand):
    help = (
        "Print the promises the extractor finds in a document, without storing anything: line (1-based "
        "in PATH), speaker, quote, deadline as said, its window and the extractor's strength and confidence."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        # Converted in handle(): a CommandError raised inside argparse escapes Django's handling.
        parser.add_argument("--date", help="The meeting date (YYYY-MM-DD), when the text gives none or another.")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format).")

    def handle(self, *args, path: Path, date: str | None, **options):
        date = iso_date(date) if date is not None else None
        try:
            _data, text = read_document_file(path)
            parsed = parse_text(text, str(path))
        except DocumentRejected as rejected:
            raise CommandError(str(rejected), returncode=BAD_INPUT) from None
        for warning in parsed.warnings:
            self.stderr.write(f"warning: {path}: {warning}")
        if date is None and parsed.date is None and not any(m.date for m in parsed.meetings):
            self.stderr.write(f"warning: {path}: no meeting date in the text; deadlines are not resolved (use --date)")
        candidates = extract_candidates(parsed, date)
        self.stdout.write(json.dumps([c.to_json() for c in candidates], ensure_ascii=False, indent=2))

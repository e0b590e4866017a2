"""Dry run of the parser: print what ingest would store, write nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.cli import BAD_INPUT
from transcripts.ingest import DocumentRejected, parse_text, read_document_file


class Command(BaseCommand):
    help = "Parse a document and print its meetings, items, speeches and recommendations as JSON."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format).")

    def handle(self, *args, path: Path, **options):
        try:
            _data, text = read_document_file(path)
            parsed = parse_text(text, str(path))
        except DocumentRejected as rejected:
            raise CommandError(str(rejected), returncode=BAD_INPUT) from None
        for warning in parsed.warnings:
            self.stderr.write(f"warning: {path}: {warning}")
        self.stdout.write(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))

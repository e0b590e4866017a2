"""Store a source file: read it safely, parse it, and write its records in one transaction.

The policy for data that already exists: a document is identified by the SHA-256 of its bytes, so
ingesting the same file again stores nothing and reports the existing document; people are
matched by name (case-insensitive) and reused across documents.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from recommendations.models import PolicyField, Recommendation
from transcripts.models import AgendaItem, Document, Meeting, Person, Speech
from transcripts.parsed import ParsedDocument, ParseError
from transcripts.parsing import parse_document

# Files starting with these bytes are binary formats someone forgot to convert to text.
BINARY_SIGNATURES = {
    b"%PDF": "a PDF file (extract its text first)",
    b"PK\x03\x04": "a ZIP or Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}


class DocumentRejected(Exception):
    """A file that cannot be ingested. `str()` is the one-line message for the user."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass
class IngestResult:
    document: Document
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def decode_document_bytes(data: bytes, name: str) -> str:
    """The text of a file's bytes, or DocumentRejected saying why there is none."""
    limit = settings.MAX_DOCUMENT_BYTES
    if len(data) > limit:
        raise DocumentRejected(name, f"file is too large ({len(data):,} bytes; the limit is {limit:,})")
    if not data.strip():
        raise DocumentRejected(name, "file is empty")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentRejected(name, f"file is binary: {what}")
    if b"\x00" in data:
        raise DocumentRejected(name, "file is binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentRejected(
            name,
            f"file is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start}); "
            "convert it to UTF-8 first",
        ) from None


def read_document_file(path: Path) -> tuple[bytes, str]:
    """Read a file for ingest or a dry run: its bytes and its text."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentRejected(name, "no such file") from None
    except OSError as error:
        raise DocumentRejected(name, f"cannot be read ({error.strerror})") from None
    if path.is_dir():
        raise DocumentRejected(name, "is a directory, not a file")
    limit = settings.MAX_DOCUMENT_BYTES
    # Refuse before reading: a 50 MB file should cost a stat, not 50 MB of memory.
    if size > limit:
        raise DocumentRejected(name, f"file is too large ({size:,} bytes; the limit is {limit:,})")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentRejected(name, f"cannot be read ({error.strerror})") from None
    return data, decode_document_bytes(data, name)


def parse_text(text: str, name: str) -> ParsedDocument:
    try:
        return parse_document(text, filename=name)
    except ParseError as error:
        raise DocumentRejected(name, str(error)) from None


def ingest_bytes(
    data: bytes, name: str, *, date: datetime.date | None = None, kind: str | None = None
) -> IngestResult:
    """Parse and store one file's bytes, all or nothing. Raises DocumentRejected."""
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        return IngestResult(document=existing, created=False)
    text = decode_document_bytes(data, name)
    parsed = parse_text(text, name)
    if kind:
        parsed.kind = kind
    with transaction.atomic():
        document = Document.objects.create(
            kind=parsed.kind,
            title=(parsed.title or Path(name).name)[:500],
            date=date or parsed.date,
            filename=Path(name).name[:255],
            raw_text=text,
            sha256=sha256,
            size=len(data),
            parse_state=Document.ParseState.PARTIAL if parsed.warnings else Document.ParseState.PARSED,
            parse_error="\n".join(parsed.warnings),
        )
        counts = store_parsed(document, parsed)
    return IngestResult(document=document, created=True, counts=counts, warnings=list(parsed.warnings))


def ingest_file(path: Path, *, date: datetime.date | None = None) -> IngestResult:
    data, _text = read_document_file(path)
    return ingest_bytes(data, str(path), date=date)


class PeopleCache:
    """Find or create people by name once per ingest, so a transcript costs a query per person."""

    def __init__(self) -> None:
        self._by_name: dict[str, Person] = {}

    def get(self, name: str, *, role: str = "", party: str = "") -> Person | None:
        name = " ".join(name.split())
        if not name:
            return None
        key = name.casefold()
        person = self._by_name.get(key)
        if person is None:
            person = Person.objects.filter(name__iexact=name).first()
            if person is None:
                person = Person.objects.create(
                    name=name, slug=unique_person_slug(name), role=role or Person.Role.OTHER, party=party
                )
            self._by_name[key] = person
        changed = []
        if party and person.party != party:
            person.party = party
            changed.append("party")
        # A chair speaks as chair for a meeting but remains an MP; keep the stronger role.
        if role and role != person.role and role != Person.Role.CHAIR:
            person.role = role
            changed.append("role")
        if changed:
            person.save(update_fields=changed)
        return person


def unique_person_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:190] or "person"
    slug, n = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def store_parsed(document: Document, parsed: ParsedDocument) -> dict[str, int]:
    """Write a parse result's meetings, items, speeches and recommendations for `document`."""
    people = PeopleCache()
    items: list[AgendaItem] = []
    meeting = None
    for parsed_meeting in parsed.meetings:
        meeting = Meeting.objects.create(
            document=document,
            committee=parsed_meeting.committee[:300],
            number=parsed_meeting.number[:50],
            date=parsed_meeting.date,
        )
    if parsed.items and meeting is None:
        meeting = Meeting.objects.create(document=document, committee="", number="", date=document.date)
    by_number: dict[str, AgendaItem] = {}
    for order, parsed_item in enumerate(parsed.items):
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            kind=parsed_item.kind[:100],
            number=parsed_item.number[:50],
            subject=parsed_item.title,
            asker=people.get(parsed_item.asker, role=Person.Role.MP, party=parsed_item.asker_party),
            minister=people.get(parsed_item.minister, role=Person.Role.MINISTER),
            chair=people.get(parsed_item.chair),
            state=parsed_item.state,
            start_line=parsed_item.start_line,
            end_line=max(parsed_item.end_line, parsed_item.start_line),
        )
        items.append(item)
        if parsed_item.number:
            by_number.setdefault(parsed_item.number, item)
    for item, parsed_item in zip(items, parsed.items):
        target = by_number.get(parsed_item.joined_with)
        if target is not None and target.pk != item.pk:
            item.joined_with = target
            item.save(update_fields=["joined_with"])

    speeches = [
        Speech(
            document=document,
            item=items[s.item_index] if s.item_index is not None and s.item_index < len(items) else None,
            order=order,
            speaker=people.get(s.speaker, role=s.role, party=s.party),
            speaker_name=s.speaker[:200],
            role=s.role,
            party=s.party[:50],
            heading=s.heading[:500],
            text=s.text,
            start_line=s.start_line,
            end_line=max(s.end_line, s.start_line),
            line_starts=[list(pair) for pair in s.line_starts],
        )
        for order, s in enumerate(parsed.speeches)
    ]
    Speech.objects.bulk_create(speeches, batch_size=500)

    fields: dict[str, PolicyField] = {}
    recommendations = []
    for r in parsed.recommendations:
        if r.policy_field not in fields:
            fields[r.policy_field] = PolicyField.named(r.policy_field)
        recommendations.append(
            Recommendation(
                document=document,
                policy_field=fields[r.policy_field],
                section=r.section[:300],
                kind=r.kind,
                number=r.number[:50],
                text=r.text,
                addressee=r.addressee[:200],
                line=r.line,
            )
        )
    Recommendation.objects.bulk_create(recommendations, batch_size=500)
    return {
        "meetings": len(parsed.meetings),
        "items": len(items),
        "speeches": len(speeches),
        "recommendations": len(recommendations),
    }

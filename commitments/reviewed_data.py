"""Load the reviewed demo data: the seed commitments a person confirmed, as a readable JSON file.

The file (`fixtures/reviewed_commitments.json`) names every record by natural keys, never by
primary key, so it loads into any database that holds the same documents:
- a document by its file name or the SHA-256 of its bytes;
- a commitment by its document and the line its quote starts on (the extractor's suggestion for
  that line, or, when extraction missed it, a new commitment made from the speech holding the line);
- a deadline by its commitment, its text and the speech that stated it (the database's
  `deadline_unique_statement`);
- a recommendation by its number in the ABB bundle;
- a mention by its commitment and the speech of the mentioning document that holds the line.

The policy for data that already exists: what the file lists is confirmed and brought in line with
the file; everything else (the extractor's other suggestions) is left as it is. Changes go through
the domain functions of `commitments.review` and `commitments.overdue`, so history rows and events
are written as for a review in the admin; a value that already matches is not touched, so loading
the file twice writes nothing the second time. The whole file loads in one transaction: an entry
that names a missing document, line or recommendation stops the load and nothing is written.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime

from commitments.linking import index_commitments
from commitments.models import Commitment, CommitmentRecommendation, Deadline, Mention, ReviewState
from commitments.overdue import refresh_deadline
from commitments.review import confirm_commitment, confirm_mention, set_status
from recommendations.models import PolicyField, Recommendation
from transcripts.models import Document, Speech

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "reviewed_commitments.json"


class ReviewedDataError(Exception):
    """The file cannot be loaded as it stands; the message names the entry and the reason."""


class DocumentsMissing(ReviewedDataError):
    """The file names documents that are not ingested yet."""


@dataclass
class LoadReport:
    commitments_confirmed: int = 0  # confirmed or changed by this load
    commitments_created: int = 0  # extraction had missed them
    commitments_unchanged: int = 0
    deadlines_created: int = 0
    deadlines_updated: int = 0
    status_changes: int = 0
    links_created: int = 0
    links_updated: int = 0
    mentions_confirmed: int = 0
    mentions_created: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @property
    def changed(self) -> bool:
        return any(value for key, value in self.as_dict().items() if key != "commitments_unchanged")


def read_file(path: Path | str = DEFAULT_PATH) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ReviewedDataError(f"{path}: cannot read the file ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise ReviewedDataError(f"{path}: not valid JSON ({error})") from error


def load_reviewed(data: dict, *, today: datetime.date) -> LoadReport:
    """Apply the reviewed data to the database, in one transaction. Raises ReviewedDataError."""
    loader = _Loader(data, today)
    with transaction.atomic():
        loader.check_documents()
        for index, entry in enumerate(loader.entries, start=1):
            loader.load_entry(index, entry)
        if loader.to_index:
            index_commitments(loader.to_index)
    return loader.report


# ------------------------------------------------------------------------------------------------


def _normalized(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


def _date(value: Any, where: str, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise ReviewedDataError(f"{where}: {field} {value!r} is not a date (YYYY-MM-DD)") from error


class _Loader:
    def __init__(self, data: dict, today: datetime.date) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("commitments"), list):
            raise ReviewedDataError("the file holds no list of 'commitments'")
        self.entries: list[dict] = data["commitments"]
        self.today = today
        self.default_note: str = data.get("review_note", "")
        self.default_reviewed_at = self._instant(data.get("reviewed_at"), "the file")
        self.report = LoadReport()
        self.to_index: list[Commitment] = []
        self._documents: dict[str, Document] = {}
        self._speeches: dict[int, list[Speech]] = {}

    # --- documents and speeches ---------------------------------------------------------------

    def _document_names(self) -> set[str]:
        names = set()
        for entry in self.entries:
            names.add(entry.get("file", ""))
            names.update(d.get("stated_in", {}).get("file", "") for d in entry.get("deadlines", []))
            names.update(m.get("file", "") for m in entry.get("mentions", []))
        return {name for name in names if name}

    def check_documents(self) -> None:
        missing = []
        for name in sorted(self._document_names()):
            document = Document.objects.filter(filename=name).first() or Document.objects.filter(sha256=name).first()
            if document is None:
                missing.append(name)
            else:
                self._documents[name] = document
        if missing:
            raise DocumentsMissing(
                "these documents are not ingested: " + ", ".join(missing)
                + "; ingest them first (manage.py ingest fixtures/seeds/*.txt)"
            )

    def document(self, name: str, where: str) -> Document:
        try:
            return self._documents[name]
        except KeyError:
            raise ReviewedDataError(f"{where}: no document is named") from None

    def speech_at(self, document: Document, line: Any, where: str) -> Speech:
        if not isinstance(line, int) or isinstance(line, bool):
            raise ReviewedDataError(f"{where}: line {line!r} is not a number")
        if document.pk not in self._speeches:
            self._speeches[document.pk] = list(
                Speech.objects.filter(document=document).select_related("speaker").order_by("start_line")
            )
        for speech in self._speeches[document.pk]:
            if speech.start_line <= line <= speech.end_line:
                return speech
        raise ReviewedDataError(f"{where}: no speech of {document.filename} holds line {line}")

    # --- one entry ----------------------------------------------------------------------------

    def load_entry(self, index: int, entry: dict) -> None:
        where = f"entry {index} ({entry.get('file')} line {entry.get('line')}, {entry.get('title', '')!r})"
        for key in ("file", "line", "title"):
            if not entry.get(key):
                raise ReviewedDataError(f"{where}: '{key}' is missing")
        document = self.document(entry["file"], where)
        commitment = Commitment.objects.filter(speech__document=document, line=entry["line"]).first()
        created = commitment is None
        if created:
            commitment = self.create_commitment(document, entry, where)
        changed = self.review_commitment(commitment, entry, where)
        changed |= self.load_deadlines(commitment, entry, where)
        self.load_mentions(commitment, entry, where)
        self.load_status(commitment, entry, where)
        self.load_recommendations(commitment, entry, where)
        if created:
            self.report.commitments_created += 1
        if changed or created:
            self.to_index.append(commitment)
            self.report.commitments_confirmed += 1
        else:
            self.report.commitments_unchanged += 1

    def create_commitment(self, document: Document, entry: dict, where: str) -> Commitment:
        """A commitment extraction missed: made from the speech holding the line and the quote."""
        speech = self.speech_at(document, entry["line"], where)
        quote = " ".join(entry.get("quote", "").split())
        if not quote:
            raise ReviewedDataError(f"{where}: extraction found nothing on this line; give its 'quote'")
        if _normalized(quote) not in _normalized(speech.text):
            raise ReviewedDataError(f"{where}: the quote is not in the speech that holds line {entry['line']}")
        if speech.speaker is None:
            raise ReviewedDataError(f"{where}: the speech holding line {entry['line']} names no speaker")
        return Commitment.objects.create(
            speech=speech,
            made_by=speech.speaker,
            made_on=document.date,
            quote=quote,
            line=entry["line"],
            title=entry["title"][:300],
            review_state=ReviewState.SUGGESTED,  # confirmed next, through the review function
            confidence=1.0,
            reasons=["added by a reviewer: the extractor missed it"],
        )

    def review_commitment(self, commitment: Commitment, entry: dict, where: str) -> bool:
        wanted: dict[str, Any] = {"title": entry["title"][:300]}
        if "strength" in entry:
            if entry["strength"] not in Commitment.Strength.values:
                raise ReviewedDataError(f"{where}: strength {entry['strength']!r} is not one of {Commitment.Strength.values}")
            wanted["strength"] = entry["strength"]
        if entry.get("policy_field"):
            wanted["policy_field_id"] = PolicyField.named(entry["policy_field"]).pk
        wanted["review_note"] = entry.get("review_note", self.default_note)
        reviewed_at = self._instant(entry.get("reviewed_at"), where) or self.default_reviewed_at
        if reviewed_at is None:
            raise ReviewedDataError(f"{where}: no 'reviewed_at', for the entry or the file")
        differs = commitment.review_state != ReviewState.CONFIRMED or commitment.reviewed_at != reviewed_at or any(
            getattr(commitment, field) != value for field, value in wanted.items()
        )
        if not differs:
            return False
        for field, value in wanted.items():
            setattr(commitment, field, value)
        confirm_commitment(commitment, None, reviewed_at)  # reviewed_by None: no user in fixtures
        return True

    def load_deadlines(self, commitment: Commitment, entry: dict, where: str) -> bool:
        changed = False
        for number, item in enumerate(entry.get("deadlines", []), start=1):
            here = f"{where}, deadline {number} ({item.get('text')!r})"
            stated = item.get("stated_in") or {}
            speech = self.speech_at(self.document(stated.get("file", ""), here), stated.get("line"), here)
            earliest = _date(item.get("earliest"), here, "earliest")
            latest = _date(item.get("latest"), here, "latest")
            if not item.get("text") or latest is None:
                raise ReviewedDataError(f"{here}: 'text' and 'latest' are required")
            earliest = earliest or latest
            if earliest > latest:
                raise ReviewedDataError(f"{here}: earliest {earliest} is after latest {latest}")
            values = {
                "earliest": earliest,
                "latest": latest,
                "stated_on": _date(item.get("stated_on"), here, "stated_on"),
                "line": stated["line"],
                "review_state": ReviewState.CONFIRMED,
            }
            deadline = Deadline.objects.filter(commitment=commitment, text=item["text"][:300], stated_in=speech).first()
            if deadline is None:
                Deadline.objects.create(commitment=commitment, text=item["text"][:300], stated_in=speech, **values)
                self.report.deadlines_created += 1
                changed = True
            elif any(getattr(deadline, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(deadline, field, value)
                deadline.save()
                self.report.deadlines_updated += 1
                changed = True
        if changed:
            refresh_deadline(commitment, self.today)
        return changed

    def load_mentions(self, commitment: Commitment, entry: dict, where: str) -> None:
        for number, item in enumerate(entry.get("mentions", []), start=1):
            here = f"{where}, mention {number} ({item.get('file')} line {item.get('line')})"
            speech = self.speech_at(self.document(item.get("file", ""), here), item.get("line"), here)
            signal = item.get("signal", Mention.Signal.UNCLEAR)
            if signal not in Mention.Signal.values:
                raise ReviewedDataError(f"{here}: signal {signal!r} is not one of {Mention.Signal.values}")
            if speech.document_id == commitment.speech.document_id:
                raise ReviewedDataError(f"{here}: a mention comes from a later document, not the commitment's own")
            reviewed_at = self._instant(item.get("reviewed_at"), here) or self.default_reviewed_at
            mention = Mention.objects.filter(speech=speech, commitment=commitment).first()
            if mention is None:
                mention = Mention.objects.create(
                    speech=speech, commitment=commitment, score=1.0, signal=signal, line=item["line"],
                    quote=" ".join(item.get("quote", "").split()) or self._line_text(speech, item["line"]),
                    matched_terms=["added by a reviewer"],
                )
                self.report.mentions_created += 1
            elif mention.review_state == ReviewState.CONFIRMED and mention.signal == signal:
                continue
            mention.signal = signal
            confirm_mention(mention, None, reviewed_at)
            self.report.mentions_confirmed += 1

    def load_status(self, commitment: Commitment, entry: dict, where: str) -> None:
        status = entry.get("status", Commitment.Status.OPEN)
        if status not in Commitment.Status.values:
            raise ReviewedDataError(f"{where}: status {status!r} is not one of {Commitment.Status.values}")
        commitment.refresh_from_db()
        if set_status(commitment, status, None, self.today):
            self.report.status_changes += 1

    def load_recommendations(self, commitment: Commitment, entry: dict, where: str) -> None:
        for item in entry.get("recommendations", []):
            number = item.get("number")
            here = f"{where}, recommendation {number!r}"
            found = list(Recommendation.objects.filter(number=number)[:2])
            if not found:
                raise ReviewedDataError(f"{here}: no recommendation has this number")
            if len(found) > 1:
                raise ReviewedDataError(f"{here}: more than one document has a recommendation with this number")
            reason = item.get("reason", "").strip()
            if not reason:
                raise ReviewedDataError(f"{here}: give the 'reason' a reader can check")
            link = CommitmentRecommendation.objects.filter(commitment=commitment, recommendation=found[0]).first()
            if link is None:
                CommitmentRecommendation.objects.create(
                    commitment=commitment, recommendation=found[0], reason=reason, score=1.0,
                    review_state=ReviewState.CONFIRMED,
                )
                self.report.links_created += 1
            elif link.reason != reason or link.review_state != ReviewState.CONFIRMED:
                link.reason = reason
                link.review_state = ReviewState.CONFIRMED
                link.save()
                self.report.links_updated += 1

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _line_text(speech: Speech, line: int) -> str:
        lines = speech.document.raw_text.splitlines()
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    @staticmethod
    def _instant(value: Any, where: str) -> datetime.datetime | None:
        if value in (None, ""):
            return None
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None or parsed.tzinfo is None:
            raise ReviewedDataError(f"{where}: reviewed_at {value!r} is not a date and time with a zone")
        return parsed

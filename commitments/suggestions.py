"""Store the extractor's candidates as suggested commitments, for a civil servant to review.

The policy for data that already exists:
- a commitment is identified by its speech and the line its quote starts on (the database holds
  that as `commitment_unique_in_speech`); a candidate whose (speech, line) already has a
  commitment, in any review state, adds nothing and changes nothing;
- a commitment a person confirmed or rejected is never overwritten, and a candidate with the same
  quote as one of them in the same document is not suggested again (a reviewer who moved the line
  or rejected the quote has spoken);
- so running the extraction twice on a document stores nothing the second time.
Everything for one document happens in one transaction: a failure leaves no half-stored document.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from commitments.extraction import Candidate, auto_title, extract_candidates
from commitments.models import Commitment, Deadline, ReviewState
from transcripts.ingest import PeopleCache
from transcripts.models import Document, Speech
from transcripts.parsed import ParsedDocument, ParsedSpeech

REVIEWED = (ReviewState.CONFIRMED, ReviewState.REJECTED)


def store_candidates(document: Document, candidates: list[Candidate]) -> dict[str, int]:
    """Create a suggested Commitment (and its Deadline) per new candidate; return what happened.

    Counts: "created" (commitments), "deadlines" (of those, with a deadline), "already_suggested"
    (a suggestion on that line exists), "kept_reviewed" (a confirmed or rejected commitment holds
    that line or that quote), "no_speech" (the candidate names no speech of this document).
    """
    counts = {"created": 0, "deadlines": 0, "already_suggested": 0, "kept_reviewed": 0, "no_speech": 0}
    with transaction.atomic():
        speeches = {s.order: s for s in Speech.objects.filter(document=document).select_related("speaker")}
        existing = {
            (c.speech_id, c.line): c.review_state
            for c in Commitment.objects.filter(speech__document=document).only("speech_id", "line", "review_state")
        }
        reviewed_quotes = {
            _normalized(quote)
            for quote in Commitment.objects.filter(speech__document=document, review_state__in=REVIEWED)
            .values_list("quote", flat=True)
        }
        people = PeopleCache()
        for candidate in candidates:
            speech = speeches.get(candidate.speech_index)
            if speech is None:
                counts["no_speech"] += 1
                continue
            state = existing.get((speech.pk, candidate.line))
            if state in REVIEWED or (state is None and _normalized(candidate.quote) in reviewed_quotes):
                counts["kept_reviewed"] += 1
                continue
            if state is not None:
                counts["already_suggested"] += 1
                continue
            speaker = speech.speaker or people.get(candidate.speaker, role="minister")
            if speaker is None:
                counts["no_speech"] += 1  # nobody to hold to it: the passage names no speaker
                continue
            commitment = Commitment.objects.create(
                speech=speech,
                made_by=speaker,
                made_on=document.date,
                quote=candidate.quote,
                line=candidate.line,
                title=(candidate.title or auto_title(candidate.quote))[:300],
                strength=candidate.strength,
                review_state=ReviewState.SUGGESTED,
                confidence=candidate.confidence,
                reasons=list(candidate.reasons),
            )
            existing[(speech.pk, candidate.line)] = ReviewState.SUGGESTED
            counts["created"] += 1
            if candidate.deadline_end is not None:
                Deadline.objects.create(
                    commitment=commitment,
                    text=candidate.deadline_text[:300],
                    earliest=min(candidate.deadline_start or candidate.deadline_end, candidate.deadline_end),
                    latest=candidate.deadline_end,
                    stated_in=speech,
                    stated_on=document.date,
                    line=candidate.line,
                )
                commitment.refresh_current_deadline()
                counts["deadlines"] += 1
    return counts


def suggest_for_document(document: Document, meeting_date: date | None = None) -> dict[str, int]:
    """Extract the promises of a stored document from its Speech rows and store them as suggestions.

    The orchestration step after ingest: no re-parse, the stored speeches carry the text and the
    line map the extractor needs.
    """
    return store_candidates(document, extract_candidates(parsed_from_rows(document), meeting_date))


def parsed_from_rows(document: Document) -> ParsedDocument:
    """A ParsedDocument rebuilt from a stored document's speeches (order = speech index)."""
    speeches = list(Speech.objects.filter(document=document).select_related("speaker").order_by("order"))
    parsed = ParsedDocument(kind=document.kind, title=document.title, date=document.date)
    for expected, speech in enumerate(speeches):
        if speech.order != expected:
            raise ValueError(f"{document}: speech orders are not 0..n-1 (found {speech.order} at {expected})")
        parsed.speeches.append(
            ParsedSpeech(
                speaker=speech.speaker.name if speech.speaker else speech.speaker_name,
                role=speech.role,
                party=speech.party,
                start_line=speech.start_line,
                end_line=speech.end_line,
                text=speech.text,
                line_starts=[(int(offset), int(line)) for offset, line in speech.line_starts],
                heading=speech.heading,
            )
        )
    return parsed


def _normalized(quote: str) -> str:
    return " ".join(quote.split()).casefold()

"""A minister often gives the same promise twice in one answer: once in full, and once more later
("De bedoeling is om dat tegen het einde van het jaar te doen"). The extractor proposes both; left
alone, a reviewer who confirms both makes the dashboard count one promise twice.

So after extraction, a dated proposal that names no subject of its own ("dat ... doen": its
subject is in the paragraph around it) is marked as restating the earlier commitment of the same
minister in the same agenda item whose paragraph is about the same thing. The mark only informs
the review (the admin shows it on both commitments); merging them is a reviewer's decision
(`merge_into`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from commitments.linking import SUBJECT_TERM_LENGTH, commitment_index_text, passages_of, subject_terms
from commitments.models import Commitment, ReviewState
from transcripts.models import Document

# A proposal with more subject terms of its own than this says what it is about itself: a new
# promise, even when its paragraph shares words with an earlier one.
MAX_OWN_SUBJECT_TERMS = 1
# The paragraphs must share this many subject terms (long words or concepts). One is chance: two
# paragraphs of one answer share a word like "concretiseren" without being about the same thing.
MIN_SHARED_SUBJECT_TERMS = 2
# Long words that say when, not what: two promises "vanaf dit najaar" are not one promise.
TIME_WORDS = frozenset("momenteel najaar voorjaar zomer winter herfst lente vanaf huidig volgend".split())


def is_subject_term(term: str) -> bool:
    return term.startswith("~") or (len(term) >= SUBJECT_TERM_LENGTH and term not in TIME_WORDS)


@dataclass
class Said:
    """One commitment of the document, with the terms of its own words and of its paragraph."""

    commitment: Commitment
    paragraph: int  # the paragraph's offset in its speech: two commitments in one paragraph are one thought
    own: set[str]
    around: set[str] = field(default_factory=set)


def _said(commitments: list[Commitment]) -> list[Said]:
    passages = {}
    result = []
    for commitment in commitments:
        speech = commitment.speech
        if speech.pk not in passages:
            passages[speech.pk] = passages_of(speech)
        # The paragraph the quote starts in: the last one that starts on or before its line.
        holding = [p for p in passages[speech.pk] if p.line <= commitment.line]
        paragraph = holding[-1] if holding else None
        own = subject_terms(commitment_index_text(commitment))
        result.append(Said(
            commitment=commitment,
            paragraph=paragraph.start if paragraph else -1,
            own=own,
            around=own | (paragraph.terms if paragraph else set()),
        ))
    return result


def restated(later: Said, earlier: list[Said]) -> tuple[Commitment, list[str]] | None:
    """The earlier commitment `later` says again, with the subject terms they share; or None."""
    if later.commitment.current_deadline_latest is None:
        return None
    if sum(1 for term in later.own if is_subject_term(term)) > MAX_OWN_SUBJECT_TERMS:
        return None
    best = None
    for candidate in earlier:
        if candidate.commitment.speech_id == later.commitment.speech_id and candidate.paragraph == later.paragraph:
            continue  # the next sentence of the same paragraph elaborates, it does not repeat
        shared = sorted(term for term in later.around & candidate.around if is_subject_term(term))
        if len(shared) < MIN_SHARED_SUBJECT_TERMS:
            continue
        # Most shared terms first; between equals a dated promise (the one a dated restatement
        # repeats), then the nearest earlier one.
        key = (len(shared), candidate.commitment.current_deadline_latest is not None, candidate.commitment.line)
        if best is None or key > best[0]:
            best = (key, candidate.commitment, shared)
    return (best[1], best[2]) if best else None


@transaction.atomic
def mark_restatements(document: Document) -> int:
    """Mark the document's suggested commitments that restate an earlier one. Returns how many.

    Within one agenda item and one minister (a speech without an item: within the speech).
    Idempotent: a commitment already marked, or reviewed, is left as it is.
    """
    commitments = list(
        Commitment.objects.filter(speech__document=document)
        .exclude(review_state=ReviewState.REJECTED)
        .select_related("speech")
        .order_by("line", "id")
    )
    groups: dict[tuple, list[Said]] = defaultdict(list)
    for said in _said(commitments):
        speech = said.commitment.speech
        groups[(speech.item_id or f"speech-{speech.pk}", said.commitment.made_by_id)].append(said)
    marked = 0
    for group in groups.values():
        for position, later in enumerate(group):
            commitment = later.commitment
            if commitment.review_state != ReviewState.SUGGESTED or commitment.restates_id is not None:
                continue
            found = restated(later, group[:position])
            if found is None:
                continue
            original, shared = found
            commitment.restates = original
            commitment.reasons = [*commitment.reasons, f"restates line {original.line} ({', '.join(shared[:5])})"]
            commitment.save(update_fields=["restates", "reasons", "updated_at"])
            marked += 1
    return marked


def merge_target(commitment: Commitment) -> Commitment | None:
    """The commitment to fold `commitment` into: the one it restates, or else one restating it.

    Whichever a reviewer has not rejected; the earlier one first, as it usually says the promise
    in full.
    """
    if commitment.restates_id and commitment.restates.review_state != ReviewState.REJECTED:
        return commitment.restates
    return commitment.restated_by.exclude(review_state=ReviewState.REJECTED).order_by("line", "id").first()


@dataclass
class Merged:
    deadlines: int = 0  # deadline statements moved to the commitment that stays
    mentions: int = 0  # mentions moved
    left: int = 0  # deadlines or mentions the commitment that stays already had


@transaction.atomic
def merge_into(duplicate: Commitment, keeper: Commitment, user, now: datetime.datetime) -> Merged:
    """Fold `duplicate` into `keeper`: one promise, said twice.

    The duplicate's deadline statements move to the keeper unless it already states the same date
    (saying "by the end of the year" twice is not a slip), and so do its mentions unless the keeper
    is already mentioned in that speech. The duplicate is then rejected, with a note naming the
    keeper, so its history and quote stay on record. The keeper's current deadline and overdue flag
    follow at once (`refresh_deadline`).
    """
    from commitments.overdue import refresh_deadline
    from commitments.review import reject_commitment

    if duplicate.pk == keeper.pk:
        raise ValueError("a commitment cannot be merged into itself")
    if keeper.review_state == ReviewState.REJECTED:
        raise ValueError(f"commitment {keeper.pk} is rejected: merge into a commitment that stands")
    merged = Merged()
    dates = set(keeper.deadlines.exclude(review_state=ReviewState.REJECTED).values_list("latest", flat=True))
    statements = set(keeper.deadlines.values_list("text", "stated_in_id"))  # unique per commitment
    for deadline in duplicate.deadlines.all():
        if deadline.latest in dates or (deadline.text, deadline.stated_in_id) in statements:
            merged.left += 1
            continue
        deadline.commitment = keeper
        deadline.is_current = False  # refresh_deadline below picks the keeper's current one
        deadline._history_user = user
        deadline.save()
        dates.add(deadline.latest)
        statements.add((deadline.text, deadline.stated_in_id))
        merged.deadlines += 1
    mentioned = set(keeper.mentions.values_list("speech_id", flat=True))
    for mention in duplicate.mentions.all():
        if mention.speech_id in mentioned:
            merged.left += 1
            continue
        mention.commitment = keeper
        mention._history_user = user
        mention.save()
        mentioned.add(mention.speech_id)
        merged.mentions += 1
    duplicate.review_note = "\n".join(
        filter(None, [duplicate.review_note, f"Merged into commitment {keeper.pk} ({keeper.title}): the same promise."])
    )
    reject_commitment(duplicate, user, now)
    today = timezone.localdate(now)
    refresh_deadline(keeper, today)
    refresh_deadline(duplicate, today)
    return merged


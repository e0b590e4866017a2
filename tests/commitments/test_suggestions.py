"""Storing the extractor's candidates: suggested commitments, their deadlines, and the policy for
what a reviewer already decided."""

import datetime

import pytest

from commitments import suggestions
from commitments.extraction import Candidate, extract_candidates
from commitments.models import Commitment, Deadline, ReviewState
from commitments.suggestions import parsed_from_rows, store_candidates, suggest_for_document
from tests.conftest import seed_path
from transcripts.ingest import ingest_file, parse_text

pytestmark = pytest.mark.django_db


def ingested(seed: str):
    document = ingest_file(seed_path(seed)).document
    candidates = extract_candidates(parse_text(document.raw_text, document.filename))
    return document, candidates


@pytest.fixture
def brouns():
    """Seed 004 stored, with the extractor's candidates for it."""
    return ingested("004")


def test_candidates_are_stored_as_suggested_commitments_of_their_speech(brouns):
    document, candidates = brouns
    counts = store_candidates(document, candidates)
    assert counts["created"] == len(candidates) > 0
    stored = {c.line: c for c in Commitment.objects.filter(speech__document=document).select_related("speech")}
    assert set(stored) == {c.line for c in candidates}
    for candidate in candidates:
        commitment = stored[candidate.line]
        assert commitment.review_state == ReviewState.SUGGESTED
        assert commitment.speech.order == candidate.speech_index
        assert commitment.made_by == commitment.speech.speaker
        assert commitment.made_by.name == "Jo Brouns"
        assert commitment.made_on == datetime.date(2024, 3, 28)
        assert commitment.quote == candidate.quote
        assert commitment.strength == candidate.strength
        assert commitment.confidence == candidate.confidence
        assert commitment.reasons == candidate.reasons
        assert 0 < len(commitment.title) <= 80


def test_dated_candidate_gets_a_current_deadline_stated_in_its_speech(brouns):
    document, candidates = brouns
    counts = store_candidates(document, candidates)
    assert counts["deadlines"] == sum(1 for c in candidates if c.deadline_end)
    commitment = Commitment.objects.get(speech__document=document, line=453)
    (deadline,) = commitment.deadlines.all()
    assert (deadline.text, deadline.earliest, deadline.latest) == (
        "volgende maand", datetime.date(2024, 4, 1), datetime.date(2024, 4, 30)
    )
    assert deadline.stated_in == commitment.speech
    assert deadline.stated_on == datetime.date(2024, 3, 28)
    assert deadline.line == 453
    assert deadline.is_current
    assert commitment.current_deadline_latest == datetime.date(2024, 4, 30)


def test_undated_candidate_has_no_deadline(brouns):
    document, candidates = brouns
    store_candidates(document, candidates)
    commitment = Commitment.objects.get(speech__document=document, quote="We zullen u daar verder over informeren.")
    assert not commitment.deadlines.exists()
    assert commitment.current_deadline_latest is None


def test_running_the_extraction_twice_adds_nothing(brouns):
    document, candidates = brouns
    first = store_candidates(document, candidates)
    commitments, deadlines = Commitment.objects.count(), Deadline.objects.count()
    second = store_candidates(document, extract_candidates(parse_text(document.raw_text, document.filename)))
    assert second["created"] == second["deadlines"] == 0
    assert second["already_suggested"] == first["created"]
    assert (Commitment.objects.count(), Deadline.objects.count()) == (commitments, deadlines)


def test_confirmed_commitment_is_never_overwritten(brouns):
    document, candidates = brouns
    store_candidates(document, candidates)
    commitment = Commitment.objects.get(speech__document=document, line=453)
    Commitment.objects.filter(pk=commitment.pk).update(
        review_state=ReviewState.CONFIRMED, title="Externe evaluatie kmo-portefeuille", strength="firm",
        quote="Die evaluatie zal volgende maand al beschikbaar zijn (bevestigd).",
    )
    counts = store_candidates(document, candidates)
    commitment.refresh_from_db()
    assert commitment.review_state == ReviewState.CONFIRMED
    assert commitment.title == "Externe evaluatie kmo-portefeuille"
    assert commitment.quote.endswith("(bevestigd).")
    assert counts["kept_reviewed"] == 1
    assert counts["created"] == 0


@pytest.mark.parametrize("state", [ReviewState.CONFIRMED, ReviewState.REJECTED])
def test_reviewed_quote_is_not_suggested_again_even_when_its_line_was_corrected(brouns, state):
    document, candidates = brouns
    store_candidates(document, candidates)
    commitment = Commitment.objects.get(speech__document=document, line=836)
    Commitment.objects.filter(pk=commitment.pk).update(review_state=state, line=835)
    counts = store_candidates(document, candidates)
    assert counts["created"] == 0
    assert counts["kept_reviewed"] == 1
    assert not Commitment.objects.filter(speech__document=document, line=836).exists()


def test_rejected_commitment_stays_rejected(brouns):
    document, candidates = brouns
    store_candidates(document, candidates)
    Commitment.objects.filter(speech__document=document, line=681).update(review_state=ReviewState.REJECTED)
    store_candidates(document, candidates)
    assert Commitment.objects.get(speech__document=document, line=681).review_state == ReviewState.REJECTED


def test_deleted_suggestion_comes_back_on_the_next_run(brouns):
    document, candidates = brouns
    store_candidates(document, candidates)
    Commitment.objects.filter(speech__document=document, line=681).delete()
    counts = store_candidates(document, candidates)
    assert counts["created"] == 1
    assert Commitment.objects.filter(speech__document=document, line=681).exists()


def test_a_failure_stores_nothing_of_the_document(brouns, monkeypatch):
    document, candidates = brouns

    def broken(**fields):
        raise RuntimeError("database went away")

    monkeypatch.setattr(suggestions.Deadline.objects, "create", broken)
    with pytest.raises(RuntimeError):
        store_candidates(document, candidates)
    assert not Commitment.objects.filter(speech__document=document).exists()


def test_candidate_for_a_speech_the_document_does_not_have_is_counted_not_stored(brouns):
    document, candidates = brouns
    stray = Candidate(
        line=1, speaker="Jo Brouns", quote="We zullen dat doen.", deadline_text="", deadline_start=None,
        deadline_end=None, strength="firm", confidence=0.7, reasons=["promise phrase 'we zullen'"], speech_index=9999,
    )
    assert store_candidates(document, [stray])["no_speech"] == 1
    assert not Commitment.objects.exists()


def test_report_passages_are_stored_for_the_reported_minister():
    document, candidates = ingested("001")
    counts = store_candidates(document, candidates)
    assert counts["created"] == len(candidates) > 0
    names = set(Commitment.objects.filter(speech__document=document).values_list("made_by__name", flat=True))
    assert names == {"Bart Somers"}
    waiting_lists = Commitment.objects.get(speech__document=document, line=281)
    assert waiting_lists.current_deadline_latest == datetime.date(2021, 12, 31)


def test_suggest_for_document_reads_the_stored_speeches_like_the_parser_gave_them(brouns):
    document, candidates = brouns
    from_rows = extract_candidates(parsed_from_rows(document))
    assert [c.to_json() for c in from_rows] == [c.to_json() for c in candidates]
    counts = suggest_for_document(document)
    assert counts["created"] == len(candidates)
    assert suggest_for_document(document)["created"] == 0

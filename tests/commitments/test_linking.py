"""Linking a new document to the earlier commitments it talks about."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import linking
from commitments.models import Commitment, CommitmentTerm, Mention, ReviewState
from tests.conftest import seed_path
from tests.factories import CommitmentFactory, DocumentFactory, SpeechFactory
from transcripts.ingest import ingest_file
from tracker.pipeline import after_ingest

pytestmark = pytest.mark.django_db


def ingest(prefix: str) -> dict:
    return after_ingest(ingest_file(seed_path(prefix)))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("De onderhandelingen rond de omzendbrief werden afgerond.", "fulfilled"),
        ("Het decreet werd goedgekeurd door het parlement.", "fulfilled"),
        ("De omzendbrief werd verspreid naar alle besturen.", "fulfilled"),
        ("Er is nog geen finale beslissing over Limburg.", "delayed"),
        ("De hervorming is uitgesteld tot na de verkiezingen.", "delayed"),
        ("De deadline was eerst Pasen 2021.", "delayed"),
        ("Het dossier is nog niet afgerond.", "delayed"),
        ("Het plan werd afgevoerd.", "abandoned"),
        ("Het ontwerp is in voorbereiding.", "in_progress"),
        ("We werken volop aan een nieuw kader.", "in_progress"),
        ("Ik verwijs naar mijn antwoord van vorige week.", "unclear"),
    ],
)
def test_signal_phrases(text, signal):
    assert linking.signal_of(text) == signal


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("een kader inzake anders werken", "~anders-werken"),
        ("de omzendbrief over hybride werken", "~anders-werken"),
        ("telewerk bij ambtenaren", "~anders-werken"),
        ("de indeling in referentieregio's", "~regiovorming"),
        ("omzendbrieven", "omzendbrief"),
        ("de regiovorming in Limburg", "regio"),
        ("woonmaatschappijen", "maatschappij"),
    ],
)
def test_subject_terms_catch_inflections_compounds_and_concepts(text, term):
    assert term in linking.subject_terms(text)


def test_hybrid_work_passage_in_001_links_to_the_anders_werken_circular_of_000_as_fulfilled():
    ingest("000")
    report = ingest("001")
    circular = Commitment.objects.get(quote__contains="omzendbrief een nieuw kader inzake anders werken")
    mention = Mention.objects.get(commitment=circular, speech__document_id=report["document"])
    assert mention.signal == Mention.Signal.FULFILLED
    assert mention.review_state == ReviewState.SUGGESTED
    assert "~anders-werken" in mention.matched_terms and "omzendbrief" in mention.matched_terms
    assert "omzendbrief met betrekking tot het hybride werken werden afgerond" in mention.quote
    # The mention's line is the line of that sentence in 001 itself.
    lines = seed_path("001").read_text(encoding="utf-8").splitlines()
    assert "omzendbrief" in lines[mention.line - 1] or "omzendbrief" in lines[mention.line]
    assert any(m["commitment"]["id"] == circular.pk and m["signal"] == "fulfilled" for m in report["mentions"])


def test_limburg_decision_in_002_keeps_easter_2021_as_recalled_and_the_new_horizon():
    ingest("002")
    recalled = Commitment.objects.get(deadlines__text="Pasen 2021")
    deadlines = list(recalled.deadlines.order_by("latest"))
    assert [d.text for d in deadlines][0] == "Pasen 2021"
    easter, horizon = deadlines
    assert easter.latest == datetime.date(2021, 4, 4)
    assert easter.stated_in.speaker_name == "Chris Janssens"  # the MP who recalls it
    assert horizon.stated_on == datetime.date(2021, 10, 26)  # the minister, in the same meeting
    assert horizon.stated_in.speaker_name == "Bart Somers"
    assert horizon.is_current and not easter.is_current
    recalled.refresh_from_db()
    assert recalled.current_deadline_latest == horizon.latest
    assert (horizon.latest - easter.latest).days > 200  # the slip shows, and how long it is


def test_linking_a_document_twice_adds_nothing():
    ingest("000")
    report = ingest("001")
    document = report["document"]
    from transcripts.models import Document

    before = Mention.objects.count()
    again = linking.link_document(Document.objects.get(pk=document))
    assert again.mentions == []
    assert Mention.objects.count() == before


def test_a_rejected_mention_is_never_suggested_again():
    ingest("000")
    report = ingest("001")
    from transcripts.models import Document

    Mention.objects.update(review_state=ReviewState.REJECTED)
    rejected = set(Mention.objects.values_list("speech_id", "commitment_id"))
    linking.link_document(Document.objects.get(pk=report["document"]))
    assert set(Mention.objects.values_list("speech_id", "commitment_id")) == rejected
    assert not Mention.objects.exclude(review_state=ReviewState.REJECTED).exists()


def test_only_commitments_made_before_the_document_are_linked():
    later = CommitmentFactory(
        made_on=datetime.date(2022, 1, 1), title="Omzendbrief hybride werken",
        quote="We zullen een omzendbrief over hybride werken opstellen.",
    )
    rejected = CommitmentFactory(
        made_on=datetime.date(2020, 1, 1), title="Omzendbrief hybride werken", review_state="rejected",
        quote="We zullen een omzendbrief over hybride werken opstellen.",
    )
    linking.index_commitments([later, rejected])
    document = DocumentFactory(date=datetime.date(2021, 9, 21))
    SpeechFactory(document=document, speaker=later.made_by,
                  text="De omzendbrief over het hybride werken werd goedgekeurd.")
    assert linking.link_document(document).mentions == []


def test_linking_costs_the_same_queries_for_10_or_60_commitments():
    def add(first, last):
        made = [
            CommitmentFactory(title=f"Onderwerp {n}", quote=f"We zullen de zaak nummer{n} regelen voor fietspaden{n}.")
            for n in range(first, last)
        ]
        linking.index_commitments(made)

    def queries_to_link() -> int:
        document = DocumentFactory(date=datetime.date(2030, 1, 1))
        SpeechFactory(document=document, text="De omzendbrief over het hybride werken werd goedgekeurd.")
        with CaptureQueriesContext(connection) as queries:
            linking.link_document(document)
        return len(queries.captured_queries)

    add(0, 10)
    few = queries_to_link()
    add(10, 60)
    assert CommitmentTerm.objects.count() > 60
    assert queries_to_link() == few

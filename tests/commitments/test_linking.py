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
        ("UITGESTELD tot na de verkiezingen.", "delayed"),
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
        ("Hybride Werken bij de Vlaamse overheid", "~anders-werken"),
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


def summary(matches) -> list[tuple]:
    return [(m.passage.speech.pk, m.passage.start, m.commitment_id, m.score, m.matched, m.reasons) for m in matches]


def test_the_subject_bound_only_drops_pairs_that_could_never_reach_the_minimum(monkeypatch):
    ingest("000")
    ingest("002")
    document = ingest_file(seed_path("001")).document
    speeches = list(document.speeches.select_related("item").order_by("order"))
    fetched: list[set[int]] = []
    real_subject_weights = linking.subject_weights

    def counting_subject_weights(stats, commitment_ids):
        fetched.append(set(commitment_ids))
        return real_subject_weights(stats, commitment_ids)

    monkeypatch.setattr(linking, "subject_weights", counting_subject_weights)
    bounded = linking.find_matches(document, speeches)
    monkeypatch.setattr(linking, "least_subject_weights", lambda *args: dict.fromkeys(args[-1], 1e-9))
    unbounded = linking.find_matches(document, speeches)
    assert bounded and summary(bounded) == summary(unbounded)
    assert len(fetched[0]) < len(fetched[1])  # the bound spared fetching some commitments' terms


def test_a_commitments_subject_is_never_below_its_bound_with_too_common_terms_in_the_index():
    # More than MIN_COMMON commitments about cycle paths make "fietspad" too common to count.
    made = [
        CommitmentFactory(made_on=datetime.date(2020, 1, 1), title=f"Fietspaden {n}",
                          quote=f"We zullen de fietspaden in gemeente{n} herstellen met subsidies{n} en onderhoud.")
        for n in range(linking.MIN_COMMON + 5)
    ]
    linking.index_commitments(made)
    document = DocumentFactory(date=datetime.date(2021, 1, 1))
    SpeechFactory(document=document, text="De fietspaden worden hersteld, met subsidies3 en subsidies7 en onderhoud.")
    stats = linking.TermStatistics(document)
    assert stats.too_common_count() > 0
    passages = [p for s in document.speeches.all() for p in linking.passages_of(s)]
    useful = {t for p in passages for t in p.terms if t in stats.df and not stats.too_common(t)}
    terms_of = linking.commitments_with_terms(useful, unlinkable=set())
    counts = linking.term_counts(set(terms_of))
    least = linking.least_subject_weights(stats, useful, terms_of, counts)
    exact = linking.subject_weights(stats, set(terms_of))
    assert least.keys() == exact.keys() and all(least[c] <= exact[c] for c in exact)


def test_long_lists_of_terms_and_ids_are_queried_in_parts_with_the_same_result(monkeypatch):
    ingest("000")
    document = ingest_file(seed_path("001")).document
    speeches = list(document.speeches.select_related("item").order_by("order"))
    whole = linking.find_matches(document, speeches)
    monkeypatch.setattr(linking, "VALUES_PER_QUERY", 7)
    assert whole and summary(linking.find_matches(document, speeches)) == summary(whole)


def test_equal_scores_in_a_speech_keep_the_same_mentions_whatever_the_order_found(monkeypatch):
    ingest("000")
    document = ingest_file(seed_path("001")).document
    speeches = list(document.speeches.select_related("item").order_by("order"))
    first = linking.find_matches(document, speeches)
    real_shared_terms = linking.shared_terms

    def reversed_shared_terms(passages, terms_of):
        return dict(reversed(real_shared_terms(passages, dict(reversed(terms_of.items()))).items()))

    monkeypatch.setattr(linking, "shared_terms", reversed_shared_terms)
    assert summary(linking.find_matches(document, speeches)) == summary(first)


def test_term_statistics_count_only_the_commitments_a_document_may_mention():
    quote = "We zullen een omzendbrief over hybride werken opstellen."
    earlier = CommitmentFactory(made_on=datetime.date(2020, 1, 1), title="Omzendbrief", quote=quote)
    later = CommitmentFactory(made_on=datetime.date(2022, 1, 1), title="Fietsstraten", quote=quote)
    rejected = CommitmentFactory(made_on=datetime.date(2020, 1, 1), title="Omzendbrief", quote=quote,
                                 review_state="rejected")
    undated = DocumentFactory(date=None)
    own = CommitmentFactory(speech=SpeechFactory(document=undated), made_on=None, title="Omzendbrief", quote=quote)
    linking.index_commitments([earlier, later, rejected, own])

    stats = linking.TermStatistics(DocumentFactory(date=datetime.date(2021, 9, 21)))
    assert stats.total == 1
    assert stats.df["omzendbrief"] == 1 and "fietsstraat" not in stats.df
    # Without a date, everything not rejected counts, except what the document itself promised.
    stats = linking.TermStatistics(undated)
    assert stats.total == 2 and stats.df["omzendbrief"] == 2 and stats.df["fietsstraat"] == 1

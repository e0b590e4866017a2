"""Link a new document's speeches to the earlier commitments they talk about.

How a link is found, in order:
1. Every commitment and every ABB recommendation has its subject terms in an index table
   (`CommitmentTerm`, `RecommendationTerm`): Dutch lemmas ("omzendbrieven" → "omzendbrief"),
   the parts of compounds ("regiovorming" → "regio", "vorming") and named concepts from
   `SUBJECT_CONCEPTS` ("hybride werken" and "anders werken" are one circular).
2. A new document's paragraphs are turned into terms the same way. One query fetches the
   postings of all its terms, leaving out terms too common to tell commitments apart; nothing
   compares every speech with every commitment.
3. A paragraph scores a commitment by the share of the commitment's subject (its terms, weighted
   by how rare they are) it covers, plus bonuses for the same minister, the original deadline
   phrase ("was eerst Pasen 2021") and references back ("zoals ik hier heb toegezegd").
4. The best paragraph of a speech above `MIN_SCORE` becomes a suggested Mention, with the signal
   its words carry (`SIGNAL_PHRASES`) and, when it states a new deadline, a proposed Deadline.

Linking a document twice adds nothing; a mention a person rejected is never suggested again.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import simplemma
from django.db import transaction
from django.db.models import Count, Q

from commitments.models import (
    Commitment, CommitmentRecommendation, CommitmentTerm, Deadline, Mention, RecommendationTerm, ReviewState,
)
from tracker import dutch_time
from tracker.search import DUTCH_STOPWORDS, lemma
from transcripts.models import Document, Speech

# ================================================================================================
# Tables
# ================================================================================================

# Named subjects that are said in different words. A phrase on the right makes the paragraph (or
# commitment) carry the concept on the left, so "de omzendbrief over hybride werken" (2021) finds
# "een omzendbrief inzake anders werken" (2020).
SUBJECT_CONCEPTS: dict[str, tuple[str, ...]] = {
    "anders-werken": ("anders werken", "hybride werken", "hybride werk", "telewerk", "thuiswerk",
                      "plaatsonafhankelijk werken", "werken op afstand"),
    "regiovorming": ("regiovorming", "referentieregio", "regioafbakening", "regiowerking"),
    "racisme": ("racisme", "discriminatie", "antiracisme"),
    "inburgering": ("inburgering", "inburgeringstraject", "nieuwkomer"),
    "lokale-financien": ("gemeentefonds", "lokale financiën", "financiering van de lokale besturen"),
}

# What the words around a mention say about the promise. Checked in this order; the first signal
# with a match wins, so "nog niet afgerond" is delayed, not fulfilled.
SIGNAL_PHRASES: dict[str, tuple[str, ...]] = {
    Mention.Signal.ABANDONED: (
        r"afgevoerd", r"opgeborgen", r"geschrapt", r"niet langer (?:de bedoeling|gepland)",
        r"(?:we|wij|ik) (?:doen|zullen) (?:dat|dit) niet meer", r"afgeblazen", r"laten varen",
    ),
    Mention.Signal.DELAYED: (
        r"nog geen (?:finale |definitieve )?beslissing", r"uitgesteld", r"vertraging", r"vertraagd",
        r"\bwas eerst\b", r"\boorspronkelijk\b", r"\baanvankelijk\b", r"nog niet (?:\w+ )?(?:afgerond|klaar|rond|beslist|goedgekeurd|gebeurd)",
        r"later dan (?:gepland|voorzien)", r"niet gehaald", r"knoop (?:is )?(?:nog )?niet doorgehakt",
        r"laat (?:op zich )?wachten",
    ),
    Mention.Signal.FULFILLED: (
        r"werd(?:en)? goedgekeurd", r"is goedgekeurd", r"zijn goedgekeurd", r"werd(?:en)? afgerond",
        r"is afgerond", r"zijn afgerond", r"werd(?:en)? verspreid", r"is verspreid",
        r"werd(?:en)? gepubliceerd", r"is gepubliceerd", r"in werking getreden", r"werd(?:en)? gerealiseerd",
        r"hebben we gerealiseerd", r"is gerealiseerd", r"werd(?:en)? ingevoerd", r"werd(?:en)? gelanceerd",
        r"werd(?:en)? beslist", r"definitief goedgekeurd",
    ),
    Mention.Signal.IN_PROGRESS: (
        r"in voorbereiding", r"(?:we|wij|ik) werken? (?:volop )?aan", r"wordt (?:momenteel )?uitgewerkt",
        r"zijn bezig", r"is bezig", r"loopt", r"in uitvoering", r"in de steigers", r"op de sporen",
        r"voorbereidingen opgestart", r"wordt voorbereid",
    ),
}

# A speaker pointing back at an earlier promise.
BACK_REFERENCES = (
    r"zoals (?:ik )?(?:hier )?(?:heb |had )?(?:toegezegd|beloofd|aangekondigd|gezegd)",
    r"zoals (?:eerder )?(?:beloofd|aangekondigd|toegezegd)",
    r"(?:ik|we|wij) (?:heb|hebben|had|hadden) (?:u |hier )?(?:toegezegd|beloofd)",
    r"\bwas eerst\b", r"\boorspronkelijk\b", r"\baanvankelijk\b", r"de (?:vorige|eerdere) deadline",
)

# A sentence recalling an earlier deadline for a promise made before: "de deadline voor de
# beslissing inzake Limburg was eerst Pasen 2021".
RECALLED_DEADLINE = (
    r"\b(?:was|waren|lag|stond|werd) (?:eerst|oorspronkelijk|aanvankelijk)\b",
    r"\b(?:eerst|oorspronkelijk|aanvankelijk) (?:gepland|beloofd|voorzien|aangekondigd|vooropgesteld)\b",
    r"\bde (?:oorspronkelijke|eerste|vorige) deadline\b",
)

# Words too general to say what a promise is about (beyond the search stopwords).
LINKING_STOPWORDS = frozenset(
    """
    zullen gaan komen maken doen zeggen geven nemen zien staan laten krijgen houden vinden denken
    weten blijven vragen kennen brengen zetten leggen willen kunnen moeten mogen hopen proberen
    nieuw goed groot klein eerst eerste tweede ander andere heel echt eigenlijk natuurlijk
    inderdaad vandaag morgen gisteren jaar maand week dag tijd eind einde begin keer punt
    vraag antwoord manier kader stap zaak aantal mogelijk belangrijk duidelijk verder ander
    vlaams vlaamse vlaanderen regering minister ministers commissie parlement collega lid leden
    daarom omdat zodat terwijl toch zeker altijd vaak even samen alle allemaal iedereen niets
    daarop daarin daarmee daarover daarvan daarbij ervoor erover iets elk veel zelfs misschien
    weinig opnieuw vanuit binnen tegen via inzake rond mee liever snel kort binnenkort moment
    zoveel één twee drie vier vijf mij hen mens mensen eigen volledig concreet reëel aangezien
    bedoeling ambitie starten volgen bekijken bepalen betreffen dienen bestaan begrijpen zoeken
    behouden creëren besteden aandacht zorg nodig kans slag deel basis resultaat actie voorstel
    beleid project projecten impact miljoen euro procent bestuur besturen lokaal lokale werken
    probleem uitdaging initiatief traject proces verschillend samenleving ondersteunen
    ondersteuning agentschap binnenlands gemeente stad monitor recht
    """.split()
)

MIN_SCORE = 0.35  # below this a shared word or two is coincidence, not a mention
MIN_MATCHED_TERMS = 2
# Without the same minister, only a passage that covers most of the promise's subject counts.
MIN_SCORE_OTHER_MINISTER = 0.7
SUBJECT_TERM_LENGTH = 6  # a matched word this long (or a concept) says what the subject is
MINISTER_BONUS = 0.1  # the same minister speaks, or answers the item
DEADLINE_PHRASE_BONUS = 0.2  # the original deadline phrase is said again
BACK_REFERENCE_BONUS = 0.1
# A term carried by more than this share of commitments (and by more than MIN_COMMON of them)
# tells them apart too poorly to be worth fetching its postings.
MAX_TERM_SHARE = 0.05
MIN_COMMON = 50
# A speech rarely talks about more than a few earlier promises; beyond this it is noise.
MAX_MENTIONS_PER_SPEECH = 3
RECOMMENDATION_MIN_SCORE = 0.3
RECOMMENDATIONS_PER_COMMITMENT = 3

# ================================================================================================

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SIGNALS = [(signal, re.compile("|".join(phrases), re.IGNORECASE)) for signal, phrases in SIGNAL_PHRASES.items()]
_BACK_REFERENCE = re.compile("|".join(BACK_REFERENCES), re.IGNORECASE)
_RECALLED = re.compile("|".join(RECALLED_DEADLINE), re.IGNORECASE)
_CONCEPTS = [
    (f"~{concept}", re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")", re.IGNORECASE))
    for concept, phrases in SUBJECT_CONCEPTS.items()
]
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])")


@lru_cache(maxsize=100_000)
def word_terms(word: str) -> tuple[str, ...]:
    """A lower-case word's index terms: its lemma, and the parts of a compound both known."""
    if word in DUTCH_STOPWORDS or word in LINKING_STOPWORDS or len(word) < 3:
        return ()
    base = lemma(word).replace("_", "")
    if base in LINKING_STOPWORDS or base in DUTCH_STOPWORDS:
        return ()
    terms = [base]
    if len(word) >= 9 and not simplemma.is_known(word, lang="nl"):
        terms.extend(_compound_parts(word))
    return tuple(t[:64] for t in terms)


def _compound_parts(word: str) -> list[str]:
    # Dutch writes compounds as one word: "regiovorming" is about a "regio". Split where both
    # sides are words the lemmatiser knows (allowing the linking -s- of "beleidsplan").
    for cut in range(4, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if tail[0] == "s" and simplemma.is_known(head, lang="nl") and simplemma.is_known(tail[1:], lang="nl"):
            tail = tail[1:]
        elif not (simplemma.is_known(head, lang="nl") and simplemma.is_known(tail, lang="nl")):
            continue
        parts = [lemma(head), lemma(tail)]
        return [p for p in parts if p not in LINKING_STOPWORDS and p not in DUTCH_STOPWORDS and len(p) >= 4]
    return []


def subject_terms(text: str) -> set[str]:
    """The index terms of a text: lemmas, compound parts and concepts (prefixed with "~")."""
    terms: set[str] = set()
    for match in _WORD.finditer(text.lower()):
        terms.update(word_terms(match.group().strip("'’-")))
    terms.update(concept for concept, pattern in _CONCEPTS if pattern.search(text))
    return terms


def signal_of(text: str) -> str:
    for signal, pattern in _SIGNALS:
        if pattern.search(text):
            return signal
    return Mention.Signal.UNCLEAR


# ================================================================================================
# The index
# ================================================================================================


def commitment_index_text(commitment: Commitment, deadline_texts: Iterable[str] = ()) -> str:
    return " ".join([commitment.title, commitment.quote, *deadline_texts])


@transaction.atomic
def index_commitments(commitments: Iterable[Commitment]) -> int:
    """Rebuild the index rows of these commitments. Returns how many terms were written."""
    commitments = list(commitments)
    ids = [c.pk for c in commitments]
    CommitmentTerm.objects.filter(commitment_id__in=ids).delete()
    rows = [
        CommitmentTerm(commitment_id=c.pk, term=term)
        for c in commitments
        for term in sorted(subject_terms(commitment_index_text(c)))
    ]
    CommitmentTerm.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def index_recommendations(recommendations: Iterable) -> int:
    recommendations = list(recommendations)
    RecommendationTerm.objects.filter(recommendation_id__in=[r.pk for r in recommendations]).delete()
    rows = [
        RecommendationTerm(recommendation_id=r.pk, term=term)
        for r in recommendations
        for term in sorted(subject_terms(f"{r.section} {r.text}"))
    ]
    RecommendationTerm.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# ================================================================================================
# Linking
# ================================================================================================


@dataclass
class Passage:
    """A paragraph of a speech, the unit a mention points at."""

    speech: Speech
    start: int  # offset in speech.text
    text: str
    terms: set[str]

    @property
    def line(self) -> int:
        return line_in_speech(self.speech, self.start)


@dataclass
class Match:
    commitment_id: int
    passage: Passage
    score: float
    matched: list[str]
    reasons: list[str] = field(default_factory=list)


def line_in_speech(speech: Speech, offset: int) -> int:
    starts = speech.line_starts or []
    if not starts:
        return speech.start_line
    index = bisect.bisect_right([pair[0] for pair in starts], offset) - 1
    return starts[max(index, 0)][1]


def passages_of(speech: Speech) -> list[Passage]:
    return [
        Passage(speech=speech, start=m.start(), text=m.group(), terms=subject_terms(m.group()))
        for m in _PARAGRAPH.finditer(speech.text)
        if m.group().strip()
    ]


class TermStatistics:
    """Document frequencies of terms over the commitments that may be linked."""

    def __init__(self, document: Document, terms: set[str]) -> None:
        self.total = max(linkable_commitments(document).count(), 1)
        self.document = document
        self.df: dict[str, int] = {}
        self.add(terms)

    def add(self, terms: set[str]) -> None:
        missing = terms - set(self.df)
        self.df.update(
            linkable_terms(self.document).filter(term__in=missing)
            .values_list("term").annotate(n=Count("id")).values_list("term", "n")
        )

    def idf(self, term: str) -> float:
        return math.log(1 + self.total / (1 + self.df.get(term, 0)))

    def too_common(self, term: str) -> bool:
        df = self.df.get(term, 0)
        return df > MIN_COMMON and df > MAX_TERM_SHARE * self.total


def linkable_filter(document: Document, prefix: str = "") -> Q:
    """Commitments a document may mention: made before its date, elsewhere, not rejected.

    Written as plain conditions on the commitment's own columns (a join, not a subquery), so the
    index lookups stay fast on SQLite too; a commitment made in the document itself carries the
    document's date and so is never "before" it.
    """
    condition = ~Q(**{f"{prefix}review_state": ReviewState.REJECTED})
    if document.date:
        return condition & Q(**{f"{prefix}made_on__lt": document.date})
    return condition & ~Q(**{f"{prefix}speech__document": document})


def linkable_commitments(document: Document):
    return Commitment.objects.filter(linkable_filter(document))


def linkable_terms(document: Document):
    return CommitmentTerm.objects.filter(linkable_filter(document, prefix="commitment__"))


def find_matches(document: Document, speeches: list[Speech]) -> list[Match]:
    """The best passage of each speech for each commitment it talks about, above MIN_SCORE."""
    passages = [p for speech in speeches for p in passages_of(speech)]
    all_terms = set().union(*(p.terms for p in passages)) if passages else set()
    stats = TermStatistics(document, all_terms)
    useful = {t for t in all_terms if t in stats.df and not stats.too_common(t)}
    postings: dict[str, list[int]] = defaultdict(list)
    for term, commitment_id in linkable_terms(document).filter(term__in=useful).values_list("term", "commitment_id"):
        postings[term].append(commitment_id)

    # First pass: which commitments share enough terms with some passage.
    shared: dict[tuple[int, int], list[str]] = {}
    for index, passage in enumerate(passages):
        hits: dict[int, list[str]] = defaultdict(list)
        for term in passage.terms & useful:
            for commitment_id in postings[term]:
                hits[commitment_id].append(term)
        for commitment_id, terms in hits.items():
            if len(terms) >= MIN_MATCHED_TERMS:
                shared[(index, commitment_id)] = terms
    if not shared:
        return []

    commitment_ids = {cid for _, cid in shared}
    commitment_terms: dict[int, list[str]] = defaultdict(list)
    for cid, term in CommitmentTerm.objects.filter(commitment_id__in=commitment_ids).values_list(
        "commitment_id", "term"
    ):
        commitment_terms[cid].append(term)
    stats.add({t for terms in commitment_terms.values() for t in terms})
    commitments = {
        c.pk: c
        for c in Commitment.objects.filter(pk__in=commitment_ids).prefetch_related("deadlines")
    }

    best: dict[tuple[int, int], Match] = {}
    for (index, cid), terms in shared.items():
        passage = passages[index]
        commitment = commitments[cid]
        subject = sum(stats.idf(t) for t in commitment_terms[cid] if not stats.too_common(t)) or 1.0
        if not any(t.startswith("~") or len(t) >= SUBJECT_TERM_LENGTH for t in terms):
            continue  # only short, general words in common
        score = sum(stats.idf(t) for t in terms) / subject
        reasons = [f"shares {', '.join(sorted(terms))}"]
        same_minister = passage.speech.speaker_id == commitment.made_by_id or bool(
            passage.speech.item_id and passage.speech.item.minister_id == commitment.made_by_id
        )
        if not same_minister and score < MIN_SCORE_OTHER_MINISTER:
            continue
        if same_minister:
            score += MINISTER_BONUS
            reasons.append("same minister")
        lowered = passage.text.lower()
        if any(d.text and d.text.lower() in lowered for d in commitment.deadlines.all()):
            score += DEADLINE_PHRASE_BONUS
            reasons.append("repeats the deadline phrase")
        if _BACK_REFERENCE.search(passage.text):
            score += BACK_REFERENCE_BONUS
            reasons.append("refers back to a promise")
        score = min(score, 1.0)
        if score < MIN_SCORE:
            continue
        key = (passage.speech.pk, cid)
        if key not in best or score > best[key].score:
            best[key] = Match(cid, passage, round(score, 3), sorted(terms), reasons)
    per_speech: dict[int, list[Match]] = defaultdict(list)
    for match in best.values():
        per_speech[match.passage.speech.pk].append(match)
    kept = [
        match
        for matches in per_speech.values()
        for match in sorted(matches, key=lambda m: -m.score)[:MAX_MENTIONS_PER_SPEECH]
    ]
    return sorted(kept, key=lambda m: (m.passage.speech.order, -m.score))


def mention_sentence(passage: Passage, matched: list[str]) -> tuple[int, str]:
    """The sentence of the passage that carries most matched terms, with its offset in the speech."""
    best_offset, best_sentence, best_hits = passage.start, passage.text, -1
    offset = 0
    for sentence in _SENTENCE_END.split(passage.text):
        position = passage.text.find(sentence, offset)
        offset = position + len(sentence)
        hits = len(subject_terms(sentence) & set(matched))
        if hits > best_hits:
            best_offset, best_sentence, best_hits = passage.start + position, sentence, hits
    return best_offset, " ".join(best_sentence.split())


@dataclass
class LinkReport:
    mentions: list[Mention] = field(default_factory=list)
    proposed_deadlines: int = 0
    recalled_deadlines: int = 0
    recommendation_links: int = 0
    skipped_existing: int = 0


@transaction.atomic
def link_document(document: Document) -> LinkReport:
    """Suggest mentions of earlier commitments in `document`'s speeches. All or nothing."""
    report = LinkReport()
    speeches = list(document.speeches.select_related("item").order_by("order"))
    matches = find_matches(document, speeches)
    existing = set(
        Mention.objects.filter(speech__document=document).values_list("speech_id", "commitment_id")
    )
    for match in matches:
        key = (match.passage.speech.pk, match.commitment_id)
        if key in existing:
            # Already suggested, confirmed or rejected: a person's decision is never redone.
            report.skipped_existing += 1
            continue
        offset, sentence = mention_sentence(match.passage, match.matched)
        mention = Mention.objects.create(
            speech=match.passage.speech,
            commitment_id=match.commitment_id,
            score=match.score,
            matched_terms=match.matched,
            signal=signal_of(match.passage.text),
            line=line_in_speech(match.passage.speech, offset),
            quote=sentence[:2000],
            review_state=ReviewState.SUGGESTED,
        )
        report.mentions.append(mention)
        if propose_deadline(mention, match.passage, document):
            report.proposed_deadlines += 1
    report.recalled_deadlines = attach_recalled_deadlines(document, speeches)
    report.recommendation_links = suggest_recommendations(
        Commitment.objects.filter(speech__document=document).exclude(review_state=ReviewState.REJECTED)
    )
    return report


def propose_deadline(mention: Mention, passage: Passage, document: Document) -> Deadline | None:
    """A mention that states a later deadline proposes it, for review, as a new Deadline row."""
    if not document.date or mention.signal not in (Mention.Signal.DELAYED, Mention.Signal.IN_PROGRESS):
        return None
    current = mention.commitment.current_deadline_latest
    for found in dutch_time.find_time_expressions(passage.text, document.date):
        window = found.window
        if window.latest < document.date or (current and window.latest <= current):
            continue
        deadline, created = Deadline.objects.get_or_create(
            commitment=mention.commitment,
            text=window.text[:300],
            stated_in=mention.speech,
            defaults={
                "earliest": window.earliest,
                "latest": window.latest,
                "stated_on": document.date,
                "line": line_in_speech(passage.speech, passage.start + found.start),
                "review_state": ReviewState.SUGGESTED,
                "source_mention": mention,
            },
        )
        return deadline if created else None
    return None


def attach_recalled_deadlines(document: Document, speeches: list[Speech]) -> int:
    """Add a deadline someone recalls as the earlier one ("was eerst Pasen 2021") to the promise
    made about the same subject in the same agenda item, so the slip shows."""
    if not document.date:
        return 0
    in_item: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in Commitment.objects.filter(speech__document=document).exclude(
        review_state=ReviewState.REJECTED
    ).select_related("speech"):
        if commitment.speech.item_id:
            in_item[commitment.speech.item_id].append(commitment)
    attached = 0
    for speech in speeches:
        if not speech.item_id or speech.item_id not in in_item:
            continue
        for passage in passages_of(speech):
            for recalled in _RECALLED.finditer(passage.text):
                found = [
                    f for f in dutch_time.find_time_expressions(passage.text, document.date)
                    if f.start >= recalled.start() and f.window.latest < document.date
                ]
                if not found:
                    continue
                window = found[0].window
                target = best_commitment_for(passage, in_item[speech.item_id])
                _deadline, created = Deadline.objects.get_or_create(
                    commitment=target,
                    text=window.text[:300],
                    stated_in=speech,
                    defaults={
                        "earliest": window.earliest,
                        "latest": window.latest,
                        # Stated before this meeting, on a day the recall does not give.
                        "stated_on": None,
                        "line": line_in_speech(speech, passage.start + found[0].start),
                        # Part of the commitment as found; it is reviewed with the commitment.
                        "review_state": ReviewState.CONFIRMED,
                    },
                )
                if created:
                    attached += 1
                    target.refresh_current_deadline()
    return attached


def best_commitment_for(passage: Passage, commitments: list[Commitment]) -> Commitment:
    """The commitment of the item whose subject the passage shares most; a dated one wins ties."""
    def overlap(commitment: Commitment) -> tuple[int, bool, int]:
        shared = len(passage.terms & subject_terms(commitment_index_text(commitment)))
        return (shared, commitment.current_deadline_latest is not None, -abs(commitment.line - passage.line))

    return max(commitments, key=overlap)


def suggest_recommendations(commitments) -> int:
    """Suggest links from commitments to the ABB recommendations on the same subject."""
    created = 0
    total = max(RecommendationTerm.objects.values("recommendation_id").distinct().count(), 1)
    for commitment in commitments:
        terms = subject_terms(commitment_index_text(commitment))
        if not terms:
            continue
        df = dict(
            RecommendationTerm.objects.filter(term__in=terms).values_list("term").annotate(n=Count("id"))
            .values_list("term", "n")
        )

        def idf(term: str) -> float:
            return math.log(1 + total / (1 + df.get(term, 0)))

        subject = sum(idf(t) for t in terms) or 1.0
        hits: dict[int, list[str]] = defaultdict(list)
        for term, rec_id in RecommendationTerm.objects.filter(term__in=[t for t in df if df[t] <= max(MIN_COMMON, MAX_TERM_SHARE * total)]).values_list(
            "term", "recommendation_id"
        ):
            hits[rec_id].append(term)
        scored = sorted(
            ((sum(idf(t) for t in shared) / subject, rec_id, shared) for rec_id, shared in hits.items()
             if len(shared) >= MIN_MATCHED_TERMS),
            reverse=True,
        )[:RECOMMENDATIONS_PER_COMMITMENT]
        for score, rec_id, shared in scored:
            if score < RECOMMENDATION_MIN_SCORE:
                continue
            _link, was_created = CommitmentRecommendation.objects.get_or_create(
                commitment=commitment,
                recommendation_id=rec_id,
                defaults={
                    "reason": f"Same subject: {', '.join(sorted(shared))}.",
                    "score": round(min(score, 1.0), 3),
                    "review_state": ReviewState.SUGGESTED,
                },
            )
            created += was_created
    return created

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
   phrase ("was eerst Pasen 2021") and references back ("zoals ik hier heb toegezegd"). Only
   the commitments that could still reach `MIN_SCORE` by a lower bound of their subject (from
   the postings and how many terms they have) have all their terms fetched and are scored.
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
# The phrase tables are lower-case and these patterns are searched in lower-cased text: Python's
# re runs alternations like these several times slower with IGNORECASE.
_SIGNALS = [(signal, re.compile("|".join(phrases))) for signal, phrases in SIGNAL_PHRASES.items()]
_BACK_REFERENCE = re.compile("|".join(BACK_REFERENCES))
_CONCEPTS = [
    (f"~{concept}", re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")"))
    for concept, phrases in SUBJECT_CONCEPTS.items()
]
_RECALLED = re.compile("|".join(RECALLED_DEADLINE), re.IGNORECASE)
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
    lowered = text.lower()
    terms: set[str] = set()
    for word in set(_WORD.findall(lowered)):
        terms.update(word_terms(word.strip("'’-")))
    terms.update(concept for concept, pattern in _CONCEPTS if pattern.search(lowered))
    return terms


def signal_of(text: str) -> str:
    lowered = text.lower()
    for signal, pattern in _SIGNALS:
        if pattern.search(lowered):
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
    """Document frequencies of terms over the commitments that may be linked.

    Counted for every term in one pass over the index: that costs less than looking up the
    transcript's terms and then the candidates' terms by name, thousands of each, and the bound
    in `least_subject_weights` needs the most common terms anyway. The pass counts all rows and
    then takes off the rows of the commitments the document may not mention (its own, rejected
    and later ones: usually few), so no row costs a lookup of its commitment (a join, NOT IN).
    """

    def __init__(self, document: Document) -> None:
        self.total = max(linkable_commitments(document).count(), 1)
        self.df: dict[str, int] = dict(term_frequencies(CommitmentTerm.objects.all()))
        unlinkable = CommitmentTerm.objects.filter(commitment_id__in=unlinkable_commitments(document).values("id"))
        for term, n in term_frequencies(unlinkable):
            self.df[term] -= n
            if not self.df[term]:
                del self.df[term]

    def idf(self, term: str) -> float:
        return math.log(1 + self.total / (1 + self.df.get(term, 0)))

    def too_common(self, term: str) -> bool:
        df = self.df.get(term, 0)
        return df > MIN_COMMON and df > MAX_TERM_SHARE * self.total

    def subject_weight(self, term: str) -> float:
        """What a term adds to a commitment's subject: its idf, nothing when it is too common."""
        return 0.0 if self.too_common(term) else self.idf(term)

    def too_common_count(self) -> int:
        return sum(1 for term in self.df if self.too_common(term))

    def least_idf_outside(self, terms: set[str]) -> float:
        """The smallest idf of an indexed term that is not in `terms` and not too common."""
        most = max((n for term, n in self.df.items() if term not in terms and not self.too_common(term)), default=0)
        return math.log(1 + self.total / (1 + most))


# SQLite refuses a statement with more than 32,766 parameters, so long lists go in parts.
VALUES_PER_QUERY = 10_000


def in_parts(values: list) -> Iterable[list]:
    for start in range(0, len(values), VALUES_PER_QUERY):
        yield values[start:start + VALUES_PER_QUERY]


def linkable_filter(document: Document, prefix: str = "") -> Q:
    """Commitments a document may mention: made before its date, elsewhere, not rejected.

    Plain conditions on the commitment's own columns; a commitment made in the document itself
    carries the document's date and so is never "before" it.
    """
    condition = ~Q(**{f"{prefix}review_state": ReviewState.REJECTED})
    if document.date:
        return condition & Q(**{f"{prefix}made_on__lt": document.date})
    return condition & ~Q(**{f"{prefix}speech__document": document})


def linkable_commitments(document: Document):
    return Commitment.objects.filter(linkable_filter(document))


def unlinkable_commitments(document: Document):
    return Commitment.objects.exclude(linkable_filter(document)).order_by()


def term_frequencies(index_rows) -> Iterable[tuple[str, int]]:
    return index_rows.values_list("term").annotate(n=Count("*")).values_list("term", "n").order_by()


def find_matches(document: Document, speeches: list[Speech]) -> list[Match]:
    """The best passage of each speech for each commitment it talks about, above MIN_SCORE."""
    passages = [p for speech in speeches for p in passages_of(speech)]
    all_terms = set().union(*(p.terms for p in passages)) if passages else set()
    stats = TermStatistics(document)
    useful = {t for t in all_terms if t in stats.df and not stats.too_common(t)}
    unlinkable = set(unlinkable_commitments(document).values_list("id", flat=True))
    terms_of = commitments_with_terms(useful, unlinkable)
    shared = shared_terms(passages, terms_of)
    if not shared:
        return []

    idf = {t: stats.idf(t) for t in useful}
    lowered = [p.text.lower() for p in passages]
    backward = [bool(_BACK_REFERENCE.search(text)) for text in lowered]
    candidates = {cid for _, cid in shared}
    deadline_texts = deadline_texts_of(candidates)

    def could_pass(index: int, cid: int, coverage: float) -> bool:
        # The score with every bonus it might still get; a little slack for rounding in sums.
        best_case = coverage + MINISTER_BONUS + BACK_REFERENCE_BONUS * backward[index]
        if any(text in lowered[index] for text in deadline_texts.get(cid, ())):
            best_case += DEADLINE_PHRASE_BONUS
        return best_case >= MIN_SCORE - 1e-9

    # At 20,000 commitments most pairs share a chance word or two with a commitment that says
    # much more. A lower bound of each subject, from the postings already read and each
    # commitment's number of terms, drops them before the terms of thousands of commitments
    # are fetched; the pairs left are scored exactly, so the bound changes no score.
    least_subject = least_subject_weights(stats, useful, terms_of, term_counts(candidates))
    covered = {pair: sum(idf[t] for t in terms) for pair, terms in shared.items()}
    pairs = [pair for pair in shared if could_pass(*pair, covered[pair] / least_subject[pair[1]])]
    subjects = subject_weights(stats, {cid for _, cid in pairs})
    pairs = [pair for pair in pairs if could_pass(*pair, covered[pair] / subjects[pair[1]])]
    made_by = makers_of({cid for _, cid in pairs})

    best: dict[tuple[int, int], Match] = {}
    # In passage order, so that of two passages of a speech scoring the same the first one wins.
    for index, cid in sorted(pairs):
        passage = passages[index]
        terms = shared[(index, cid)]
        score = covered[(index, cid)] / subjects[cid]
        reasons = [f"shares {', '.join(sorted(terms))}"]
        same_minister = passage.speech.speaker_id == made_by[cid] or bool(
            passage.speech.item_id and passage.speech.item.minister_id == made_by[cid]
        )
        if not same_minister and score < MIN_SCORE_OTHER_MINISTER:
            continue
        if same_minister:
            score += MINISTER_BONUS
            reasons.append("same minister")
        if any(text in lowered[index] for text in deadline_texts.get(cid, ())):
            score += DEADLINE_PHRASE_BONUS
            reasons.append("repeats the deadline phrase")
        if backward[index]:
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
    # Ties (several promises covered in full) go to the match sharing more terms, then to the
    # commitment recorded first, so linking the same document twice keeps the same ones.
    kept = [
        match
        for matches in per_speech.values()
        for match in sorted(matches, key=lambda m: (-m.score, -len(m.matched), m.commitment_id))[
            :MAX_MENTIONS_PER_SPEECH
        ]
    ]
    return sorted(kept, key=lambda m: (m.passage.speech.order, -m.score))


def commitments_with_terms(terms: set[str], unlinkable: set[int]) -> dict[int, list[str]]:
    """The commitments carrying some of these terms, each with those terms, from the index.

    The commitments the document may not mention are left out here, not in the query, for the
    reason given at `TermStatistics`.
    """
    terms_of: dict[int, list[str]] = defaultdict(list)
    for part in in_parts(sorted(terms)):
        for term, commitment_id in CommitmentTerm.objects.filter(term__in=part).values_list(
            "term", "commitment_id"
        ).order_by():
            if commitment_id not in unlinkable:
                terms_of[commitment_id].append(term)
    return terms_of


def shared_terms(passages: list[Passage], terms_of: dict[int, list[str]]) -> dict[tuple[int, int], list[str]]:
    """(passage index, commitment id) → the terms they share, for pairs that share enough.

    Enough is MIN_MATCHED_TERMS terms, at least one of which says what the subject is; pairs
    with only short, general words in common are never scored.
    """
    # Each term's passages are the bits of one int, so finding the passages that share two
    # terms with a commitment takes a few bitwise operations per commitment, instead of a count
    # per (passage, commitment) pair: tens of thousands of commitments share one chance word
    # with some passage of a long transcript.
    passages_with: dict[str, int] = defaultdict(int)
    for index, passage in enumerate(passages):
        for term in passage.terms:
            passages_with[term] |= 1 << index
    naming_terms = {t for t in passages_with if t.startswith("~") or len(t) >= SUBJECT_TERM_LENGTH}
    shared: dict[tuple[int, int], list[str]] = {}
    for commitment_id, terms in terms_of.items():
        once = twice = naming = 0
        for term in terms:
            holding = passages_with[term]
            twice |= once & holding
            once |= holding
            if term in naming_terms:
                naming |= holding
        found = (twice if MIN_MATCHED_TERMS > 1 else once) & naming
        while found:
            lowest = found & -found
            found ^= lowest
            index = lowest.bit_length() - 1
            common = passages[index].terms.intersection(terms)
            if len(common) >= MIN_MATCHED_TERMS:
                shared[(index, commitment_id)] = list(common)
    return shared


def term_counts(commitment_ids: set[int]) -> dict[int, int]:
    """How many index terms each of these commitments has (counted in the index, rows unread)."""
    counts: dict[int, int] = {}
    for part in in_parts(sorted(commitment_ids)):
        counts.update(
            CommitmentTerm.objects.filter(commitment_id__in=part).values_list("commitment_id")
            .annotate(n=Count("*")).values_list("commitment_id", "n").order_by()
        )
    return counts


def least_subject_weights(
    stats: TermStatistics, useful: set[str], terms_of: dict[int, list[str]], counts: dict[int, int]
) -> dict[int, float]:
    """For each counted commitment, a weight its subject (`subject_weights`) is never below.

    Its terms the transcript has count in full. Of its other terms, all but at most as many as
    there are too common terms in the index are not too common, and each of those adds at least
    the smallest idf an indexed term outside the transcript's terms can have.
    """
    floor = stats.least_idf_outside(useful)
    too_common = stats.too_common_count()
    idf = {t: stats.idf(t) for t in useful}
    least: dict[int, float] = {}
    for cid, count in counts.items():
        terms = terms_of[cid]
        least[cid] = sum(idf[t] for t in terms) + max(count - len(terms) - too_common, 0) * floor
    return least


def subject_weights(stats: TermStatistics, commitment_ids: set[int]) -> dict[int, float]:
    """Each commitment's subject: the idf of all its terms, leaving out the too common ones."""
    terms_of: dict[int, list[str]] = defaultdict(list)
    for part in in_parts(sorted(commitment_ids)):
        for commitment_id, term in CommitmentTerm.objects.filter(commitment_id__in=part).values_list(
            "commitment_id", "term"
        ).order_by():
            terms_of[commitment_id].append(term)
    weight: dict[str, float] = {}
    for terms in terms_of.values():
        for term in terms:
            if term not in weight:
                weight[term] = stats.subject_weight(term)
    return {cid: sum(weight[t] for t in terms_of[cid]) or 1.0 for cid in commitment_ids}


def deadline_texts_of(commitment_ids: Iterable[int]) -> dict[int, list[str]]:
    """The deadline phrases of these commitments, lower-case."""
    texts: dict[int, list[str]] = defaultdict(list)
    for part in in_parts(sorted(commitment_ids)):
        for commitment_id, text in Deadline.objects.filter(commitment_id__in=part).exclude(text="").values_list(
            "commitment_id", "text"
        ).order_by():
            texts[commitment_id].append(text.lower())
    return texts


def makers_of(commitment_ids: set[int]) -> dict[int, int | None]:
    made_by: dict[int, int | None] = {}
    for part in in_parts(sorted(commitment_ids)):
        made_by.update(Commitment.objects.filter(pk__in=part).values_list("pk", "made_by_id").order_by())
    return made_by


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

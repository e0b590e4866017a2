"""Find the promises ministers make in a parsed document: which sentences commit to a future action.

Pure Python over a `ParsedDocument`: no database. `extract_candidates` reads the speeches of the
government side (a minister's turns in a transcript, the minister's passages in a committee
report), splits them into sentences and proposes each sentence that holds a promise phrase ("we
zullen", "de bedoeling is", "ik kom daarop terug") and no disqualifier (a question, a negation, a
condition, a past tense). Each proposal carries the verbatim quote, the line it starts on in the
original file, the deadline said in the same sentence (through `tracker.dutch_time`), a strength
and a confidence with the reasons behind it. A civil servant confirms or rejects it in the review
queue; nothing here is final.

Every rule is a row in the tables at the top of this module, with an example sentence that the
tests read, so a civil servant can check what a row does without reading the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.dutch_time import FoundExpression, find_time_expressions
from transcripts.parsed import ParsedDocument, ParsedSpeech

# ================================================================================================
# Tables
# ================================================================================================

FIRM, INTENT, VAGUE = "firm", "intent", "vague"
STRENGTHS = (VAGUE, INTENT, FIRM)  # weakest first

# Speakers who speak for the government. MPs ask, the chair chairs.
GOVERNMENT_ROLES = frozenset({"minister", "official"})

# --- Sentence splitting --------------------------------------------------------------------------

# Abbreviations whose full stop never ends a sentence, even before a capital or a digit
# ("o.a. Vlaanderen", "nr. 23", "dhr. Somers"). Compared in lower case.
ABBREVIATIONS: tuple[str, ...] = (
    "o.a.", "bv.", "bijv.", "nr.", "nrs.", "art.", "artt.", "dhr.", "mevr.", "mr.", "dr.",
    "prof.", "ir.", "ing.", "drs.", "st.", "blz.", "p.", "pp.", "vgl.", "zgn.", "z.g.", "ca.",
    "resp.", "incl.", "excl.", "evt.", "max.", "min.", "vs.", "jl.", "a.s.", "m.b.t.",
    "i.v.m.", "t.a.v.", "t.o.v.", "n.a.v.", "i.p.v.", "o.m.", "d.w.z.", "m.a.w.", "m.i.",
    "parl.st.", "vl.parl.", "stuk.", "hfdst.", "par.", "cf.",
)  # fmt: skip
# Abbreviations that end a sentence when the next word starts with a capital ("..., enz. De ...").
# Before a lower-case word they do not ("e.d. worden").
FINAL_ABBREVIATIONS: tuple[str, ...] = ("enz.", "e.d.", "etc.", "e.a.", "e.v.")
# A full stop after these is part of the token, not the end of a sentence:
NUMBERED_HEADING = r"\d+(?:\.\d+)+\.?"  # "1.3." or "6.1.4" (section numbers)
LIST_NUMBER = r"\d{1,2}\."  # "3." at the start of a list item
INITIAL = r"[A-Z]\."  # "J. Brouns"
# A list item after ";" or ":" starts a new sentence: "...; − het doelstellingenkader werd ...".
LIST_BULLETS = ("−", "•", "–", "-", "·")

# --- Promise phrases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """One way of saying "we will". The first row that matches a sentence is its promise phrase."""

    name: str  # as the reasons list shows it: "promise phrase 'we zullen'"
    pattern: str  # regular expression, matched without regard to case within one sentence
    strength: str  # firm / intent / vague, before hedges and boosters
    weight: float  # base confidence
    example: str  # a sentence this row proposes (the tests check it)
    # Weak rows only promise together with a future date in the same sentence.
    needs_date: bool = False
    # Strict rows are ruled out by a past tense, an opinion, an obligation ("moet") or a negation
    # anywhere in the sentence, not only next to the phrase.
    strict: bool = False
    # Only in committee reports, where the minister is "de minister" or "hij".
    reports_only: bool = False
    # The row is only tried on a sentence holding one of these words (lower case); empty: always.
    # Keeps extraction fast: most sentences hold none of them.
    keywords: frozenset[str] = frozenset()


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WE = r"(?:we|wij)"
_GAP = r"(?:\s+\S+)"  # one more word

PROMISE_PHRASES: tuple[Phrase, ...] = (
    Phrase("ik beloof / ik engageer mij", rf"\b(?:ik|{_WE})\s+(?:beloof|beloven|engageer|engageren|verbind|verbinden)\b",
           FIRM, 0.65, "Ik engageer mij om de omzendbrief voor de zomer te publiceren.",
           keywords=_words("beloof beloven engageer engageren verbind verbinden")),
    Phrase("we zullen", rf"\b{_WE}{_GAP}{{0,3}}?\s+zullen\b", FIRM, 0.6,
           "We zullen die nadelen ook meenemen in de omzendbrief.",
           keywords=_words("zullen")),
    Phrase("zullen we", rf"\bzullen\s+{_WE}\b", FIRM, 0.6,
           "Eind 2020 zullen we via een omzendbrief een nieuw kader klaarstomen.",
           keywords=_words("zullen")),
    Phrase("ik zal", rf"\bik{_GAP}{{0,2}}?\s+zal\b|\bzal\s+ik\b", FIRM, 0.6,
           "In december zal ik hierover rapporteren aan de Vlaamse Regering.",
           keywords=_words("zal")),
    Phrase("tegen ... komt er", r"\btegen\b.{1,60}?\bkomt\s+er\b|\ber\s+komt\b.{1,60}?\btegen\b", FIRM, 0.6,
           "Tegen de zomer komt er een nieuw decreet over de lokale besturen.",
           keywords=_words("komt")),
    Phrase("u zult ... vernemen", r"\b(?:zult\s+u|u\s+zult)\b(?:\s+\S+){0,6}?\s+(?:vernemen|horen|ontvangen|krijgen)\b",
           INTENT, 0.5, "Zodra we een beter zicht hebben, zult u dat zeker vernemen in de commissie.",
           keywords=_words("zult")),
    Phrase("we gaan", rf"\b{_WE}\s+gaan\b|\bgaan\s+{_WE}\b", INTENT, 0.5,
           "We gaan die regiowerking maximaal ondersteunen.",
           keywords=_words("gaan")),
    Phrase("ik ga", r"\bik\s+ga\b|\bga\s+ik\b", INTENT, 0.5,
           "Ik ga de sectoren daarover nog dit jaar samenbrengen.",
           keywords=_words("ga")),
    Phrase("de bedoeling is", r"\b(?:de|mijn|onze)\s+bedoeling\s+(?:is|moet\s+zijn)\b|\bis\s+het\s+(?:\S+\s+)?de\s+bedoeling\b"
           r"|\bhet\s+is\s+(?:\S+\s+)?de\s+bedoeling\b", INTENT, 0.5,
           "De bedoeling is dat we daar in 2021 mee van start gaan.",
           keywords=_words("bedoeling")),
    Phrase("het is de ambitie", r"\bhet\s+is\s+(?:\S+\s+)?(?:de|onze|mijn)\s+ambitie\b|\b(?:de|onze|mijn)\s+(?:\S+\s+)?ambitie\s+is\b",
           INTENT, 0.5, "Het is de ambitie om begin 2022 met het nieuwe beleid te kunnen starten.",
           keywords=_words("ambitie")),
    Phrase("de doelstelling is", r"\b(?:de|onze|mijn)\s+doelstelling\s+is\b|\b(?:het|ons|mijn)\s+objectief\b",
           INTENT, 0.4, "Het objectief voor 2024 staat opnieuw op honderd controles.",
           keywords=_words("doelstelling objectief")),
    Phrase("ik ben van plan", rf"\b(?:ben|zijn)\s+(?:\S+\s+){{0,2}}?van\s+plan\b|\b(?:ik|{_WE})\s+plan(?:nen)?\b",
           INTENT, 0.5, "We zijn van plan om een systeem uit te denken rond de chromebooks.",
           keywords=_words("plan plannen")),
    Phrase("ik verwacht ... voor te leggen", rf"\b(?:ik|{_WE})\s+verwacht(?:en)?\b(?:\s+\S+){{0,12}}?\s+te\s+\w+",
           INTENT, 0.5, "Ik verwacht het ontwerp van decreet voor de zomer aan het parlement voor te leggen.",
           keywords=_words("verwacht verwachten")),
    Phrase("ik kom daarop terug", rf"\b(?:ik\s+kom|kom\s+ik|{_WE}\s+komen|komen\s+{_WE})\b(?:\s+\S+){{0,6}}?\s+(?:op\s+)?terug\b",
           VAGUE, 0.45, "Ik kom daarop terug in de commissie.",
           keywords=_words("terug")),
    Phrase("naar de commissie komen", r"\b(?:naar|in)\s+(?:de|deze)\s+commissie\b(?:\s+\S+){0,3}?\s+(?:komen|terugkomen|voorstellen|toelichten|rapporteren)\b",
           VAGUE, 0.45, "We moeten dat nog concretiseren en dan komen we daarmee naar de commissie komen.",
           keywords=_words("commissie")),
    Phrase("ik neem de suggestie mee", r"\bneem\w*\s+(?:\S+\s+){0,3}?(?:suggestie|voorstel|opmerking|idee)\w*\s+(?:\S+\s+){0,3}?mee\b"
           r"|\bik\s+neem\s+(?:dat|die|dit|het)\s+mee\b", VAGUE, 0.4,
           "Ik neem de suggestie mee, mevrouw Partyka, over de parlementaire begeleiding.",
           keywords=_words("mee")),
    Phrase("we willen", rf"\b{_WE}\s+willen\b|\bwillen\s+{_WE}\b", INTENT, 0.4,
           "We willen een kader voor telewerk uitwerken voor de lokale besturen.",
           keywords=_words("willen")),
    Phrase("ik wil", r"\bik\s+wil\b|\bwil\s+ik\b", INTENT, 0.4,
           "Ik wil de lokale besturen hierbij verder ondersteunen.",
           keywords=_words("wil")),
    Phrase("ik hoop dat we", rf"\b(?:ik|{_WE})\s+hoop(?:en)?\s+(?:dat\s+(?:{_WE}|ik)\b|(?:\S+\s+){{0,6}}?te\s+(?:kunnen\s+)?\w+)",
           VAGUE, 0.4, "Maar ik hoop dat we dat binnen een paar weken kunnen doen.", strict=True,
           keywords=_words("hoop hopen")),
    # Committee reports speak of the minister in the third person.
    Phrase("de minister zal / hij wil", r"\b(?:de\s+minister|hij)\b(?:\s+\S+){0,12}?\s+(?:zal|wil|gaat|plant|hoopt)\b"
           r"|\b(?:zal|wil|gaat|hoopt)\s+(?:de\s+minister|hij)\b", INTENT, 0.5,
           "Hij wil die wachtlijsten tegen het einde van dit jaar volledig weggewerkt zien.", reports_only=True,
           keywords=_words("zal wil gaat plant hoopt")),
    # A government body as the subject, at the head of a clause (not "in een regio als Vlaanderen").
    Phrase("de regering zal", r"(?:^|[,;:–]\s*|\b(?:en|maar|dat|want|dus|ook)\s+)(?:de\s+vlaamse\s+regering|de\s+regering|vlaanderen"
           r"|het\s+agentschap|abb|vdab|vlaio|(?:de|onze|mijn)\s+administratie|mijn\s+(?:kabinet|diensten))\b(?:\s+\S+){0,4}?\s+(?:zal|zullen)\b",
           INTENT, 0.45, "Het Agentschap Binnenlands Bestuur (ABB) zal ondersteuning bieden aan lokale besturen.",
           keywords=_words("zal zullen")),
    Phrase("er zal ... worden", r"\ber\s+(?:zal|zullen)\b(?:\s+\S+){0,8}?\s+worden\b|\b(?:zal|zullen)\s+er\b(?:\s+\S+){0,8}?\s+worden\b",
           INTENT, 0.45, "Er zal hierin rekening worden gehouden met de individuele noden.",
           keywords=_words("worden")),
    # Weak rows: a future tense or a plain present, promising only with a date.
    Phrase("zal ... (with a date)", r"\b(?:zal|zullen)\b|\bgaan\b(?:\s+\S+){0,6}?\s+worden\b", INTENT, 0.35,
           "Dit onderzoek zal in principe in juni 2022 zijn afgerond.", needs_date=True,
           keywords=_words("zal zullen worden")),
    # The plainest: a present tense with a date still to come. Only with a date that carries its own
    # year or a relative word ("op 7 oktober selecteerde ..." is last October), mostly in the future.
    Phrase("present tense with a future date", r"\S", VAGUE, 0.25,
           "ABB start dit najaar met een Vlaamse impactanalyse.", needs_date=True, strict=True),
)  # fmt: skip

# --- What weakens or strengthens a promise ----------------------------------------------------


@dataclass(frozen=True)
class Marker:
    name: str  # shown in the reasons: "hedge 'proberen'"
    pattern: str
    example: str  # a sentence the row matches


# Hedges: the promise stays, one step weaker ("we zullen proberen" is intent at most).
HEDGES: tuple[Marker, ...] = (
    Marker("proberen", r"\b(?:proberen|probeer|probeert|trachten|tracht)\b", "We zullen proberen ze sneller te bezorgen."),
    Marker("in principe", r"\bin\s+principe\b", "Dit onderzoek zal in principe in juni 2022 zijn afgerond."),
    Marker("misschien", r"\b(?:misschien|wellicht|mogelijk(?:erwijs)?|eventueel|hopelijk)\b", "We zullen dat misschien bekijken."),
    Marker("bekijken", r"\b(?:bekijken|bekeken|nadenken|onderzoeken|nagaan)\b", "We zullen bekijken welke elementen we kunnen meenemen."),
    # Said after the promise; before it, an opinion rules the sentence out (see OPINIONS).
    Marker("ik denk", r"\b(?:ik\s+denk|denk\s+ik|ik\s+meen|volgens\s+mij|het\s+lijkt\s+mij|ik\s+geloof)\b",
           "We zullen de regeling nog herzien, denk ik."),
    # "kunnen" a few words after the promise: what is possible, decided later. Closer, it is a
    # forecast (see PREDICTIONS).
    Marker("kunnen", r"\b(?:zullen|zal)\b(?:\s+\S+){4,6}?\s+kunnen\b", "We zullen samen bepalen wat we kunnen doen."),
)  # fmt: skip

# Boosters: the minister insists ("evident gaan we overleggen"): one step firmer.
BOOSTERS: tuple[Marker, ...] = (
    Marker("zeker", r"\b(?:zeker|absoluut|sowieso|evident|alleszins|in\s+elk\s+geval|hoe\s+dan\s+ook)\b",
           "Evident gaan we daarover overleggen met de vakorganisaties."),
)

# --- Disqualifiers: the sentence is not a promise ---------------------------------------------

# A condition at the head of the sentence: "Als die regio er zal zijn, zal men ... kunnen afspreken."
CONDITIONALS: tuple[Marker, ...] = (
    Marker("als", r"^(?:en\s+|maar\s+)?als\b", "Als die regio er zal zijn, zal men met de gemeenten kunnen afspreken."),
    Marker("indien", r"^(?:en\s+|maar\s+)?indien\b", "Indien het budget het toelaat, zullen we meer doen."),
    Marker("mocht", r"^(?:en\s+|maar\s+)?mocht(?:en)?\b", "Mocht dit lukken, dan zullen we het uitbreiden."),
    Marker("tenzij", r"^(?:en\s+|maar\s+)?tenzij\b", "Tenzij het parlement anders beslist, zullen we wachten."),
    Marker("op voorwaarde dat", r"^(?:en\s+|maar\s+)?op\s+voorwaarde\s+dat\b", "Op voorwaarde dat de sector meewerkt, zullen we het doen."),
    Marker("in de mate dat", r"^(?:en\s+|maar\s+)?in\s+de\s+mate\s+dat\b", "In de mate dat het kan, zullen we het doen."),
)  # fmt: skip

# For strict rows a condition anywhere in the sentence rules it out ("..., indien ze weten dat ze
# binnen een paar maanden naar ons land komen").
CONDITIONS_ANYWHERE = r"\b(?:indien|mocht|mochten|tenzij|op\s+voorwaarde\s+dat)\b"

# Words that negate the promise when they follow its phrase closely ("we zullen niet ...", "de
# bedoeling is dus niet ...") or stand right before it ("niet de bedoeling").
NEGATIONS: tuple[str, ...] = ("niet", "geen", "nooit", "niets", "nergens")
NEGATION_WINDOW = 3  # words after the promise phrase

# The minister speaks about the answer itself, not about policy: "ik wil u danken", "ik zal uw
# vraag kaderen", "ik ga één project toelichten". Looked for in the words after the phrase.
SPEECH_ACTS: tuple[Marker, ...] = (
    Marker("danken", r"\b(?:be)?danken\b", "Ik wil de twee collega's danken voor hun vragen."),
    Marker("zeggen", r"\b(?:zeggen|vertellen|melden)\b", "Ik wil zeggen dat er een groep mensen is die het moeilijk heeft."),
    Marker("beginnen", r"\b(?:beginnen|starten|eindigen|afronden|afsluiten)\s*(?:met|bij)\b|\bbeginnen\b\s*[.,]?$",
           "Ik wil beginnen met een belangrijk onderscheid te maken."),
    Marker("antwoorden", r"\bantwoord\w*\b|\bingaan\s+op\b|\bkaderen\b|\bsamenvatten\b",
           "Ik zal op een aantal vragen een antwoord geven."),
    Marker("toelichten", r"\b(?:toelichten|uitleggen|uitleg\s+geven|opsommen|overlopen|verduidelijken|preciseren)\b",
           "Ik ga bij elke doelstelling één project toelichten."),
    Marker("benadrukken", r"\b(?:benadrukken|onderstrepen|beklemtonen|herhalen|opmerken|toevoegen|meegeven|aanhalen|citeren)\b",
           "Ik wil benadrukken dat lokale besturen autonoom zijn."),
    Marker("een voorbeeld geven", r"\b(?:voorbeeld|cijfer|cijfers|nuance)\s+(?:\S+\s+)?(?:geven|aanbrengen)\b",
           "Ik wil u een concreet voorbeeld geven."),
    Marker("eerlijk zijn", r"\beerlijk\s+zijn\b|\brond\s+de\s+pot\s+draaien\b", "Ik zal eerlijk zijn over de timing."),
    Marker("uitlichten", r"\b(?:uitlichten|illustreren|schetsen|vergelijken\s+met)\b", "Eén project dat ik wil uitlichten, is School in zicht."),
)  # fmt: skip

# Opinions: said before the promise phrase they make it a forecast ("ik denk dat de weg die we
# gaan ..."), anywhere they rule out a strict row; "ik ga ervan uit" / "ik ga akkoord" is never the
# promise "ik ga". Said after the phrase, "denk ik" is a hedge (see HEDGES).
OPINIONS: tuple[Marker, ...] = (
    Marker("ik denk", r"\b(?:ik\s+denk|denk\s+ik|ik\s+meen|meen\s+ik|ik\s+vind|vind\s+ik|volgens\s+mij|het\s+lijkt\s+(?:mij|me)"
           r"|ik\s+geloof|naar\s+mijn\s+mening|ik\s+ben\s+ervan\s+overtuigd)\b", "Ik denk dat er een ander effect zal spelen vanaf volgend jaar."),
    Marker("ik ga ervan uit", r"\b(?:ga|gaan)\s+(?:er\s*van|ervan)\s+uit\b|\b(?:ga|gaan)\s+(?:\S+\s+){0,3}?akkoord\b|\b(?:ga|gaan)\s+(?:niet\s+)?mee\s+in\b",
           "Ik ga ervan uit dat de sector volgt."),
)  # fmt: skip

# The minister repeats the question before answering it: "U vraagt mij welke wijzigingen ik zal
# aanbrengen." The promise, if any, comes in the next sentence.
REPORTED_QUESTIONS: tuple[Marker, ...] = (
    Marker("u vraagt", r"^(?:en\s+|dan\s+)?(?:u|jullie)\s+(?:vraagt|vroeg|vroegen|vragen)\b", "U vraagt wat wij gaan doen."),
    Marker("uw vraag", r"^(?:op\s+)?uw\s+(?:\S+\s+)?vraag\b", "Uw vraag is welke stappen we zullen zetten."),
)

# Forecasts, not promises: what will be possible, not what the government will do.
PREDICTIONS: tuple[Marker, ...] = (
    Marker("zal ... kunnen", r"\b(?:zal|zullen)\b(?:\s+\S+){0,3}?\s+kunnen\b", "We zullen veel meer afgerekend kunnen worden door het parlement."),
    Marker("in staat zijn", r"\bin\s+staat\s+(?:zijn|zullen\s+zijn)\b", "Door dat systeem zullen we ook in staat zijn om ons te verantwoorden."),
    Marker("erin slagen", r"\berin\s+(?:slagen|zullen\s+slagen)\b", "We gaan erin slagen om honderden structuren af te schaffen."),
)

# Obligations of others are no promise of ours: rules out a strict row ("Genk moet ... bijspijkeren").
OBLIGATIONS: tuple[Marker, ...] = (
    Marker("moet", r"\b(?:moet|moeten|mag|mogen|dient|dienen)\b", "Genk moet in de zomer zoveel kinderen bijspijkeren."),
)

# Past tense: rules out a strict row ("Die werd verlengd in 2024", "vanaf midden 2021 hebben we het
# voorzitterschap"). Other rows keep their promise ("we hebben beslist dat we ... zullen").
PAST_MARKERS: tuple[Marker, ...] = (
    Marker("simple past", r"\b(?:was|waren|werd|werden|had|hadden|kon|konden|wou|wilde|wilden|zei|zeiden|ging|gingen)\b",
           "Die werd verlengd in 2024."),
    Marker("hebben", r"\b(?:heb|hebt|heeft|hebben)\b", "Vanaf midden 2021 hebben we het voorzitterschap."),
    Marker("zijn + participle", r"\b(?:is|zijn|ben|bent)\b(?:\s+\S+){0,10}?\s+(?!gemeente)\w*ge\w{2,}(?:d|t|en)\b",
           "Ook de middelen voor audits zijn meegenomen naar 2022."),
    Marker("past time words", r"\b(?:vorige|vorig|afgelopen|gisteren|destijds|vroeger|oorspronkelijk|eerder\s+dit)\b",
           "Vorige week keurde de regering het plan voor 2022 goed."),
)  # fmt: skip

# Time phrases that say how fast, not by when: never a deadline. "Sinds" names a start in the past.
NOT_A_DEADLINE: tuple[Marker, ...] = (
    Marker("zo snel mogelijk", r"^zo\s+(?:snel|spoedig|vlug|gauw)\b|^asap$", "zo snel mogelijk"),
    Marker("op termijn", r"\btermijn$", "op korte termijn"),
    Marker("de komende tijd", r"^de\s+komende\s+(?:tijd|periode)$", "de komende periode"),
    Marker("sinds", r"^sinds\b", "sinds 1 januari van dit jaar"),
)

# A day or a month said without a year ("op 7 oktober", "in maart") resolves to its next
# occurrence; in a plain present-tense sentence it usually names the last one, so it is no deadline
# for the strict rows. These are the `dutch_time` rules (first word of TimeWindow.rule) concerned,
# and the words that do give the year.
YEARLESS_ANCHORS = frozenset({"date", "month"})
YEAR_GIVEN = r"\d{4}|\b(?:dit|deze|volgend|volgende|komend|komende|vorig|vorige|huidige|eerstvolgende)\b"

# --- Who speaks in a committee report ---------------------------------------------------------
# A report passage says who speaks at the start of a paragraph: "Minister Bart Somers zegt dat",
# "De minister antwoordt dat", "Maaike De Vreese brengt in herinnering". The voice holds until the
# next paragraph that names a speaker.
REPORTING_VERBS: tuple[str, ...] = (
    "zegt", "stelt", "antwoordt", "bevestigt", "merkt", "brengt", "vraagt", "wijst", "benadrukt",
    "verklaart", "meent", "denkt", "vindt", "onderstreept", "herinnert", "pleit", "betreurt",
    "verwijst", "geeft", "deelt", "repliceert", "licht", "voegt", "erkent", "concludeert", "besluit",
    "hoopt", "verduidelijkt", "preciseert", "stipt", "haalt", "informeert", "onderschrijft",
)  # fmt: skip
_VERBS = "|".join(REPORTING_VERBS)
MINISTER_VOICE = (
    rf"^(?:de\s+minister|minister(?:-president)?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*|hij)\s+(?:{_VERBS})\b"
    rf"|\b(?:{_VERBS}|heeft|wil|zal)\s+de\s+minister\b|\bvolgens\s+de\s+minister\b"
)
OTHER_VOICE = rf"^[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|de|van|der|den|ten|ter))*\s+[A-Z][\w'’-]+\s+(?:{_VERBS})\b"

# --- Scoring -----------------------------------------------------------------------------------
DEADLINE_BONUS = 0.25  # a future date said with the promise
VAGUE_DEADLINE_BONUS = 0.1  # "binnenkort", "de komende weken"
SPEAKER_BONUS = {"minister": 0.1, "official": 0.05, "report": 0.05}
BOOSTER_BONUS = 0.05
HEDGE_PENALTY = 0.1  # per hedge, at most two
LONG_SENTENCE_WORDS = 60  # a promise drowned in a long sentence is less certain
LONG_SENTENCE_PENALTY = 0.1
CONFIDENCE_FLOOR, CONFIDENCE_CEILING = 0.05, 0.95

TITLE_MAX_CHARS = 80
TITLE_MIN_WORDS = 5  # a shorter object ("mee van start gaan") says too little: the sentence is used
# Words to skip at the start of a title: they tie the object to the promise, they are not it.
TITLE_SKIP_WORDS = frozenset({
    "dat", "om", "we", "wij", "ik", "er", "dus", "ook", "nu", "daarbij", "alleszins", "evident",
    "zeker", "dan", "nog", "wel", "verder", "daar", "hier", "hierbij", "daarom", "immers",
    "uiteraard", "natuurlijk", "inderdaad", "absoluut", "sowieso", "hij", "is", "moet", "zijn",
})  # fmt: skip

# ================================================================================================
# Public API
# ================================================================================================


@dataclass
class Candidate:
    """A sentence that looks like a promise, for a civil servant to confirm or reject."""

    line: int  # first line of the quote in the original file, 1-based
    speaker: str
    quote: str  # verbatim (page furniture removed, hyphenation undone)
    deadline_text: str  # the time phrase as said, "" when none
    deadline_start: date | None
    deadline_end: date | None  # the latest date: what the minister is held to
    strength: str  # firm / intent / vague
    confidence: float  # 0..1
    reasons: list[str] = field(default_factory=list)
    speech_index: int = 0  # index into ParsedDocument.speeches (Speech.order once stored)
    title: str = ""  # a short title a reader recognises, editable in the review

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "speaker": self.speaker,
            "quote": self.quote,
            "deadline_text": self.deadline_text or None,
            "deadline_start": self.deadline_start.isoformat() if self.deadline_start else None,
            "deadline_end": self.deadline_end.isoformat() if self.deadline_end else None,
            "strength": self.strength,
            "confidence": self.confidence,
        }


def extract_candidates(parsed: ParsedDocument, meeting_date: date | None = None) -> list[Candidate]:
    """The promises in a parsed document, in document order.

    Deadlines are resolved against `meeting_date`, by default the document's date (or its first
    meeting's). Without any date, candidates carry no deadline and no dated weak rows apply.
    """
    reference = meeting_date or parsed.date or next((m.date for m in parsed.meetings if m.date), None)
    is_report = parsed.kind != "transcript"
    fallback_speaker = _government_speaker(parsed)
    candidates: list[Candidate] = []
    for index, speech in enumerate(parsed.speeches):
        candidates.extend(_speech_candidates(speech, index, reference, is_report, fallback_speaker))
    return candidates


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, leading and trailing white space excluded."""
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH_RE.finditer(text):
        start = paragraph.start()
        for boundary in _BOUNDARY_RE.finditer(text, paragraph.start(), paragraph.end()):
            end = boundary.end()
            if _ends_sentence(text, boundary.start(), end, paragraph.end()):
                _add_span(text, start, end, spans)
                start = end
        _add_span(text, start, paragraph.end(), spans)
    return spans


def auto_title(sentence: str, object_start: int = 0, skip: list[tuple[int, int]] | None = None) -> str:
    """A short title from the object of the promise: the words after the promise phrase.

    `object_start` is where the object starts in `sentence`; `skip` are spans (time phrases) left
    out. Falls back to the whole sentence when the object is too short to recognise.
    """
    def words_from(start: int) -> list[str]:
        kept = "".join(
            ch if not any(a <= i < b for a, b in skip or ()) else " " for i, ch in enumerate(sentence) if i >= start
        )
        return _TITLE_WORD_RE.findall(kept)

    words = words_from(object_start)
    while words and words[0].lower().strip(",;:") in TITLE_SKIP_WORDS:
        words.pop(0)
    if len(words) < TITLE_MIN_WORDS:
        words = words_from(0)
    title = ""
    for word in words:
        candidate = f"{title} {word}".strip()
        if len(candidate) > TITLE_MAX_CHARS - 1:
            title = title.rstrip(",;:–-") + "…"
            break
        title = candidate
    title = re.sub(r"\s+([,.;:])", r"\1", title).strip(" ,;:–-.")
    return title[:1].upper() + title[1:]


# ================================================================================================
# Implementation
# ================================================================================================

_FLAGS = re.IGNORECASE
_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_BOUNDARY_RE = re.compile(
    r"[.!?…]+[\"”’')\]»]*(?=\s|$)|[;:](?=\s+(?:" + "|".join(re.escape(b) for b in LIST_BULLETS) + r")\s)"
)
_TOKEN_BEFORE_RE = re.compile(r"(\S+)$")
_ABBREVIATIONS = frozenset(ABBREVIATIONS)
_FINAL_ABBREVIATIONS = frozenset(FINAL_ABBREVIATIONS)
_NOT_AN_END_RE = re.compile(rf"(?:{NUMBERED_HEADING}|{LIST_NUMBER}|{INITIAL})")
_SENTENCE_START_RE = re.compile(r"[\"“‘'(\[«–-]*\s*(?:[A-ZÀ-Þ0-9]|’s\b|'s\b)")
_CLOSERS = "\"”’')]»"
_TITLE_WORD_RE = re.compile(r"[^\s]+")
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class _CompiledPhrase:
    phrase: Phrase
    regex: re.Pattern[str]


_PHRASES = tuple(_CompiledPhrase(p, re.compile(p.pattern, _FLAGS)) for p in PROMISE_PHRASES)


def _compile(markers: tuple[Marker, ...]) -> tuple[tuple[Marker, re.Pattern[str]], ...]:
    return tuple((m, re.compile(m.pattern, _FLAGS)) for m in markers)


_HEDGES = _compile(HEDGES)
_BOOSTERS = _compile(BOOSTERS)
_CONDITIONALS = _compile(CONDITIONALS)
_SPEECH_ACTS = _compile(SPEECH_ACTS)
_OPINIONS = _compile(OPINIONS)
_PAST = _compile(PAST_MARKERS)
_NOT_A_DEADLINE = _compile(NOT_A_DEADLINE)
_REPORTED_QUESTIONS = _compile(REPORTED_QUESTIONS)
_PREDICTIONS = _compile(PREDICTIONS)
_OBLIGATIONS = _compile(OBLIGATIONS)
_YEAR_GIVEN_RE = re.compile(YEAR_GIVEN, _FLAGS)
_CONDITIONS_ANYWHERE_RE = re.compile(CONDITIONS_ANYWHERE, _FLAGS)
# A sentence without any of these words and without a date holds no promise: one word pass.
_UNDATED_KEYWORDS = frozenset().union(*(p.keywords for p in PROMISE_PHRASES if not p.needs_date))
_NEGATION_RE = re.compile(r"\b(?:" + "|".join(NEGATIONS) + r")\b", _FLAGS)
_MINISTER_VOICE_RE = re.compile(MINISTER_VOICE, _FLAGS)
_OTHER_VOICE_RE = re.compile(OTHER_VOICE)  # case matters: names start with capitals
_SPEECH_ACT_WINDOW = 10  # words after the promise phrase


def _ends_sentence(text: str, punct_start: int, end: int, limit: int) -> bool:
    """Whether the punctuation at text[punct_start:end] ends a sentence."""
    mark = text[punct_start]
    rest = text[end:limit].lstrip()
    if mark in "?!;:":
        return True
    if not rest:
        return True
    starts_upper = _SENTENCE_START_RE.match(rest) is not None
    token_match = _TOKEN_BEFORE_RE.search(text, max(0, punct_start - 40), end)
    token = token_match.group(1).lower().lstrip("(\"“‘'[") if token_match else ""
    token = token.rstrip(_CLOSERS)
    if token in _ABBREVIATIONS:
        return False
    if token in _FINAL_ABBREVIATIONS:
        return starts_upper and not rest[:1].isdigit()
    if _NOT_AN_END_RE.fullmatch(token_match.group(1).rstrip(_CLOSERS) if token_match else ""):
        return False
    if text[punct_start:end].startswith("..."):
        return starts_upper and not rest.startswith(")")
    return starts_upper


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _government_speaker(parsed: ParsedDocument) -> str:
    """The minister of the document, for report passages that name nobody."""
    for speech in parsed.speeches:
        if speech.role == "minister" and speech.speaker:
            return speech.speaker
    return next((item.minister for item in parsed.items if item.minister), "")


def _voices(speech: ParsedSpeech, is_report: bool) -> list[tuple[int, int, str | None]]:
    """(start, end, voice) for the stretches of a speech: voice is "minister"/"official", "report"
    (the minister reported in the third person) or None when someone else speaks."""
    own = speech.role if speech.role in GOVERNMENT_ROLES else None
    if not is_report:
        return [(0, len(speech.text), own)]
    voice = "report" if own else None
    stretches: list[tuple[int, int, str | None]] = []
    for paragraph in _PARAGRAPH_RE.finditer(speech.text):
        head = paragraph.group(0).lstrip()[:300]
        first_sentence = re.split(r"(?<=[.?!])\s", head, maxsplit=1)[0]
        if _MINISTER_VOICE_RE.search(first_sentence):
            voice = "report"
        elif _OTHER_VOICE_RE.match(first_sentence):
            voice = None
        stretches.append((paragraph.start(), paragraph.end(), voice))
    return stretches


def _speech_candidates(
    speech: ParsedSpeech, index: int, reference: date | None, is_report: bool, fallback_speaker: str
) -> list[Candidate]:
    stretches = [s for s in _voices(speech, is_report) if s[2] is not None]
    if not stretches:
        return []
    text = speech.text
    expressions = find_time_expressions(text, reference) if reference else []
    speaker = speech.speaker or fallback_speaker
    found: list[Candidate] = []
    for stretch_start, stretch_end, voice in stretches:
        for start, end in split_sentences(text[stretch_start:stretch_end]):
            start, end = start + stretch_start, end + stretch_start
            times = [e for e in expressions if start <= e.start and e.end <= end]
            candidate = _judge(text[start:end], start, times, reference, voice)
            if candidate is None:
                continue
            candidate.line = speech.line_at(start)
            candidate.speaker = speaker
            candidate.speech_index = index
            _add_or_merge(found, candidate)
    return found


def _add_or_merge(found: list[Candidate], candidate: Candidate) -> None:
    """Two promise sentences starting on the same line become one candidate (one per line)."""
    if found and found[-1].line == candidate.line and found[-1].speech_index == candidate.speech_index:
        first = found[-1]
        first.quote = f"{first.quote} {candidate.quote}"
        if not first.deadline_text and candidate.deadline_text:
            first.deadline_text = candidate.deadline_text
            first.deadline_start, first.deadline_end = candidate.deadline_start, candidate.deadline_end
        if candidate.confidence > first.confidence:
            first.confidence, first.strength, first.title = candidate.confidence, candidate.strength, candidate.title
        first.reasons.extend(r for r in candidate.reasons if r not in first.reasons)
        return
    found.append(candidate)


def _judge(
    sentence: str, offset: int, times: list[FoundExpression], reference: date | None, voice: str
) -> Candidate | None:
    """A candidate for one sentence, or None when it is not a promise."""
    if sentence.rstrip(_CLOSERS + " ").endswith("?"):
        return None
    deadline, skipped = _deadline(times, reference)
    words = set(_WORD_RE.findall(sentence.lower()))
    if deadline is None and words.isdisjoint(_UNDATED_KEYWORDS):
        return None  # the common case
    flat = " ".join(sentence.split()).lstrip("\"“‘'(–−•·- ")
    if any(regex.search(flat) for _m, regex in (*_CONDITIONALS, *_REPORTED_QUESTIONS)):
        return None
    if any(regex.search(sentence) for _m, regex in _PREDICTIONS):
        return None
    for compiled in _PHRASES:
        phrase = compiled.phrase
        if phrase.reports_only and voice != "report":
            continue
        if phrase.needs_date and (deadline is None or (phrase.strict and not _plain_deadline(deadline, reference))):
            continue
        if phrase.keywords and words.isdisjoint(phrase.keywords):
            continue
        match = compiled.regex.search(sentence)
        if match is None or not _holds(phrase, match, sentence):
            continue
        return _candidate(sentence, offset, match, phrase, deadline, skipped, voice)
    return None


def _plain_deadline(found: FoundExpression, reference: date | None) -> bool:
    """A deadline a plain present tense can carry: the date names its year, and the window lies
    mostly after the day it was said."""
    window = found.window
    if window.rule.split("_")[0] in YEARLESS_ANCHORS and not _YEAR_GIVEN_RE.search(window.text):
        return False
    if reference is None:
        return True
    return (window.latest - reference) >= (reference - window.earliest)


def _holds(phrase: Phrase, match: re.Match[str], sentence: str) -> bool:
    """Whether a matched phrase is really a promise: no negation next to it, no opinion before it, no
    speech act after it; for strict rows no past tense, opinion, obligation, condition or negation
    anywhere in the sentence."""
    after_words = _WORD_RE.findall(sentence[match.end():])
    if phrase.strict:
        if _NEGATION_RE.search(sentence) or _CONDITIONS_ANYWHERE_RE.search(sentence):
            return False
        if any(regex.search(sentence) for _m, regex in (*_PAST, *_OPINIONS, *_OBLIGATIONS)):
            return False
    # An opinion before the phrase makes it a forecast: "ik denk dat de weg die we gaan ...".
    if any(regex.search(sentence, 0, match.start()) for _m, regex in _OPINIONS):
        return False
    near = " ".join(after_words[:NEGATION_WINDOW])
    before = _WORD_RE.findall(sentence[: match.start()])[-1:]
    if _NEGATION_RE.search(near) or _NEGATION_RE.search(match.group(0)) or (before and _NEGATION_RE.fullmatch(before[0])):
        return False
    window = " ".join(after_words[:_SPEECH_ACT_WINDOW])
    if not phrase.needs_date and any(regex.search(window) for _m, regex in _SPEECH_ACTS):
        return False
    if any(regex.search(sentence) for m, regex in _OPINIONS if m.name == "ik ga ervan uit"):
        return False  # the opinion contains the phrase "ik ga" itself
    return True


def _deadline(times: list[FoundExpression], reference: date | None) -> tuple[FoundExpression | None, list[str]]:
    """The deadline among the sentence's time phrases: a future one, precise before vague, first
    said first. Returns it and the reasons why others were passed over."""
    skipped: list[str] = []
    usable: list[FoundExpression] = []
    for found in times:
        text = found.window.text
        marker = next((m for m, regex in _NOT_A_DEADLINE if regex.search(text.lower())), None)
        if marker is not None:
            skipped.append(f"'{text}' says how fast, not by when")
        elif reference is not None and found.window.latest < reference:
            skipped.append(f"past date '{text}' is not a deadline")
        else:
            usable.append(found)
    usable.sort(key=lambda f: (f.window.vague, f.start))
    return (usable[0] if usable else None), skipped


def _candidate(
    sentence: str,
    offset: int,
    match: re.Match[str],
    phrase: Phrase,
    deadline: FoundExpression | None,
    skipped: list[str],
    voice: str,
) -> Candidate:
    reasons = [f"promise phrase '{phrase.name}'"]
    confidence = phrase.weight
    strength_index = STRENGTHS.index(phrase.strength)
    if deadline is not None:
        window = deadline.window
        if window.vague:
            confidence += VAGUE_DEADLINE_BONUS
            reasons.append(f"vague deadline '{window.text}'")
        else:
            confidence += DEADLINE_BONUS
            reasons.append(f"future deadline '{window.text}'")
    reasons.extend(skipped)
    confidence += SPEAKER_BONUS.get(voice, 0.0)
    reasons.append({"minister": "minister speaking", "official": "government official speaking"}.get(
        voice, "the minister, as reported"))
    hedges = [m.name for m, regex in _HEDGES if regex.search(sentence)]
    boosters = [m.name for m, regex in _BOOSTERS if regex.search(sentence)]
    if hedges:
        confidence -= HEDGE_PENALTY * min(len(hedges), 2)
        strength_index = max(strength_index - 1, 0)
        reasons.extend(f"hedge '{h}'" for h in hedges)
    elif boosters:
        confidence += BOOSTER_BONUS
        strength_index = min(strength_index + 1, len(STRENGTHS) - 1)
        reasons.extend(f"insists '{b}'" for b in boosters)
    if len(sentence.split()) > LONG_SENTENCE_WORDS:
        confidence -= LONG_SENTENCE_PENALTY
        reasons.append("long sentence")
    confidence = round(min(max(confidence, CONFIDENCE_FLOOR), CONFIDENCE_CEILING), 2)
    time_spans = [(deadline.start - offset, deadline.end - offset)] if deadline else []
    object_start = match.end() if not phrase.needs_date else 0
    return Candidate(
        line=0,
        speaker="",
        quote=" ".join(sentence.split()),
        deadline_text=deadline.window.text if deadline else "",
        deadline_start=deadline.window.earliest if deadline else None,
        deadline_end=deadline.window.latest if deadline else None,
        strength=STRENGTHS[strength_index],
        confidence=confidence,
        reasons=reasons,
        title=auto_title(sentence, object_start, time_spans),
    )

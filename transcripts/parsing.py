"""Parsers for committee transcripts (PDF and web form), committee reports and free text.

`parse_document` is the entry point: it refuses text that holds nothing usable (`ParseError`, with
a message for the person who gave it), recognises what kind of document the text is and hands it
to the matching parser. The ABB recommendation bundle has its own parser in
`recommendations.parsing`; everything else is parsed here.

Every parser returns the plain objects of `transcripts.parsed` and never touches the database.
Line numbers are 1-based in the original text, so every speech links back to the file.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from transcripts.parsed import ParsedDocument, ParsedItem, ParsedMeeting, ParsedSpeech, ParseError
from transcripts.text import (
    HONORIFICS,
    NAME_PATTERN,
    SPEAKER_TITLES,
    Line,
    clean_lines,
    ends_sentence,
    join_lines,
)

# --- Pattern tables -----------------------------------------------------------------------------

DUTCH_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}

# Agenda items of a transcript, as printed in capitals above the discussion (the web form prints
# them in sentence case): printed form -> ParsedItem.kind.
ITEM_KINDS = {
    "VRAAG OM UITLEG": "vraag om uitleg",
    "VRAGEN OM UITLEG": "vraag om uitleg",
    "ACTUELE VRAAG": "actuele vraag",
    "ACTUELE VRAGEN": "actuele vraag",
    "INTERPELLATIE": "interpellatie",
    "VRAAG": "vraag",
}
HEADING_MAX_LINES = 10  # an item heading longer than this is not one
TAG_MAX_CHARS = 80  # "Viceminister-president Firstname Van Der Longername (Party):" fits

# What the chair says when an item is over, and when it was withdrawn.
ITEM_CLOSED_PATTERNS = (
    r"\b(?:is|zijn) afgehandeld\b",
    r"\bvergadering (?:wordt|is) gesloten\b",
)
ITEM_WITHDRAWN_PATTERNS = (
    r"\bingetrokken\b",
    r"\bomgezet in een schriftelijke vraag\b",
    r"\bvervalt\b",
)

# Lines printed between speeches that nobody says: they end no speech and join none.
PROCEDURAL_NOTE_PATTERNS = (
    r"[–-] (?:De vergadering|De zitting) (?:wordt|is) (?:geopend|gesloten|geschorst|hervat)\b.*",
    r"[–-] (?:De|Deze) (?:vraag|vragen|interpellatie|actuele vraag)\b.*\b(?:ingetrokken|omgezet in een schriftelijke vraag)\b.*",
)
CHAIR_CHANGE_PATTERN = rf"[–-] (?:(?:De heer|Mevrouw) )?(?P<name>{NAME_PATTERN}) treedt (?:opnieuw )?als voorzitter op\.?"

# Lines before the first item of a transcript that describe the meeting (title page, web header).
MEETING_NUMBER_PATTERN = r"(?:Commissievergadering|Plenaire vergadering)(?: nr\.)? (?P<number>C?\d+ \(\d{4}-\d{4}\))"
COMMITTEE_PATTERN = r"(?:De )?(?P<committee>Commissie (?:voor|van) [^.]+?)(?: besprak\b.*|\.)?"
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DATE_LINE_PATTERN = (
    rf"(?:(?:{'|'.join(WEEKDAYS)}) )?\d{{1,2}} (?:{'|'.join(DUTCH_MONTHS)}) \d{{4}}(?:,? (?:om )?\d{{1,2}}[.:]\d{{2}}(?: uur)?)?"
)
PRELUDE_WORDS_PATTERN = r"(?:Integraal |Voorlopig )?[Vv]erslag\b.*|Vlaams Parlement|Zitting \d{4}-\d{4}|Commissievergadering\b.*"

# Committee reports: a numbered heading ("1.3. Hr en Audit van de Vlaamse overheid") ...
REPORT_HEADING_PATTERN = r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}\.?) (?P<title>[A-ZÀ-Þ].*)"
REPORT_HEADING_MAX_LINES = 4
# ... continues on the next line when it ends on a word that cannot end a title.
HEADING_OPEN_ENDINGS = frozenset({
    "van", "de", "het", "een", "en", "voor", "door", "over", "met", "aan", "op", "in", "tot", "der",
    "den", "of", "vlaamse", "vlaams", "europese", "federale", "lokale",
})
# A passage of a report names its speaker in the third person: "Jeremie Vaneeckhout stelt vast",
# "Minister Bart Somers zegt", "De minister antwoordt", "Wat X betreft, zegt de minister".
REPORTING_VERBS = frozenset({
    "zegt", "stelt", "merkt", "vraagt", "bevestigt", "antwoordt", "brengt", "wijst", "benadrukt",
    "verklaart", "vindt", "meent", "onderstreept", "herinnert", "betreurt", "pleit", "repliceert",
    "verwijst", "geeft", "denkt", "spreekt", "sluit", "juicht", "begrijpt", "deelt", "informeert",
    "peilt", "licht", "verduidelijkt", "voegt", "onderschrijft", "stipt", "concludeert", "erkent",
    "dankt", "hoopt", "noteert", "herhaalt", "beaamt", "ziet", "vreest", "preciseert", "poneert",
    "kaart", "oppert", "suggereert", "stelde", "zei", "vroeg", "antwoordde", "wenst", "gaat",
    "betoogt", "beklemtoont", "signaleert", "haalt", "looft", "verwelkomt", "reageert",
})
# "..., heeft de minister ..." with the subject after the verb: any reporting verb, plus these.
# Verbs that usually take "de minister" as their object ("vraagt de minister om ...") are left out.
MINISTER_INVERSION_VERBS = (REPORTING_VERBS | {"heeft", "wil", "zal", "kan", "is", "gaat"}) - {
    "vraagt", "dankt", "vroeg",
}
# Capitalised words that open a sentence: a "name" starting with one is no person ("De Vreese"
# is, but only after a first name).
SENTENCE_OPENERS = frozenset({
    "De", "Het", "Een", "Dit", "Dat", "Deze", "Die", "Er", "Ook", "Zo", "Wat", "Hij", "Zij", "Ze",
    "Men", "In", "Op", "Voor", "Bij", "Met", "Om", "Als", "Maar", "En", "Tot", "Ik", "We", "Wij",
    "U", "Uit", "Na", "Sinds", "Volgens", "Daarom", "Verder", "Daarnaast", "Bovendien",
})
# Words that name an institution, never a person ("Audit Vlaanderen stelt vast ...").
INSTITUTION_WORDS = frozenset({
    "Vlaanderen", "Vlaamse", "Vlaams", "Regering", "Parlement", "Agentschap", "Audit", "Commissie",
    "Rekenhof", "Minister", "Voorzitter", "Departement", "Raad", "Stad", "Gemeente", "Unie",
    "Overheid", "Steunpunt", "Federale", "Europese", "Belgische", "Staat", "Kamer", "Senaat",
})
# Sign-off under a report: "Kris VAN DIJCK," then "voorzitter".
SIGN_OFF_PATTERN = r"[A-ZÀ-Þ][\w'’-]+(?: [\w'’-]+)* [A-Z][A-Z'’ -]*[A-Z],"

# Signs that a text is a committee report rather than a transcript. Each starts a line (the
# patterns are searched in the text with a newline put in front).
REPORT_MARKER_PATTERNS = (
    r"\n[ \t]*(?:De )?Commissie (?:voor|van) [^\n]{0,200}\bbesprak\b",
    r"\n[ \t]*\d{1,2}\.[ \t]+Bespreking[ \t]*\r?\n",
)
REPORT_SPEAKER_MARKER = r"\n[ \t]*(?:Minister [A-Z]\w+ [A-Z]\w+|De minister) (?:zegt|antwoordt|bevestigt|merkt|stelt|wijst)\b"

# Signs that a text is the ABB recommendation bundle (parsed by recommendations.parsing): it names
# itself in its foreword and uses both words throughout. A report that only mentions the bundle
# does not have all three.
BUNDLE_MARKERS = ("inspiratiebundel",)
BUNDLE_MARKER_CHARS = 20_000
BUNDLE_WORDS = ("debatfiche", "beleidsaanbeveling")
BUNDLE_WORD_MIN = 3

# Is this language at all? We look at samples from the start, middle and end of the text (enough
# to judge, and it keeps the check cheap for long documents).
LANGUAGE_SLICE_CHARS = 2_000
MIN_WORDS = 3  # fewer real words than this is nothing to parse
MIN_LETTER_SHARE = 0.6  # letters among the non-space characters
MIN_WORDLIKE_SHARE = 0.7  # share of words that are pronounceable (a vowel, no long consonant run)
MAX_CONTROL_SHARE = 0.002  # control characters (binary data) among all characters
COMMON_WORDS_FROM = 30  # with this many words or more, some must be common function words
MIN_COMMON_SHARE = 0.05
# The most frequent words of Dutch, English, French and German: real prose is full of them,
# random letters and encoded binary data hardly ever contain them.
COMMON_WORDS = frozenset(
    "de het een en van in is dat op te met voor niet zijn er die ook aan om als bij of wordt worden"
    " we ik u ze hij zij maar nog dan naar over door dit deze wat wij heeft hebben kan moet zal"
    " the of and to a in is that for on with as it be are was by this at from or"
    " le la les et des du un une est dans pour que qui sur pas"
    " der die und das ist nicht mit den zu von sie auf".split()
)
VOWELS = "aeiouyàáâäèéêëìíîïòóôöùúûüÿ"

# --- Compiled once ------------------------------------------------------------------------------

_TITLES = "|".join(title for title, role in SPEAKER_TITLES.items() if role == "minister")
_CHAIRS = "|".join(title for title, role in SPEAKER_TITLES.items() if role == "chair")
_PARTY = r"[^()\n:]{1,30}"
_MP_TAG = rf"(?P<name>{NAME_PATTERN}) \((?P<party>{_PARTY})\)"
_MINISTER_TAG = rf"(?:{_TITLES}) (?P<name>{NAME_PATTERN})"
_CHAIR_TAG = rf"(?:{_CHAIRS})"
# A speaking turn in the PDF: "Brecht Warnez (CD&V): text", "Minister Bart Somers: text".
_TAG_RES = (
    (re.compile(rf"{_MP_TAG}:\s*(?P<rest>.*)"), "mp"),
    (re.compile(rf"{_MINISTER_TAG}:\s*(?P<rest>.*)"), "minister"),
    (re.compile(rf"{_CHAIR_TAG}:\s*(?P<rest>.*)"), "chair"),
)
# The same on a line of its own, as the web form prints it.
_WEB_TAG_RES = (
    (re.compile(rf"{_MP_TAG}"), "mp"),
    (re.compile(rf"{_MINISTER_TAG}"), "minister"),
    (re.compile(rf"{_CHAIR_TAG}"), "chair"),
)
_HONORIFIC = "|".join(f"{word[0].upper()}{word[1:]}|{word}" for word in HONORIFICS)
_GIVES_FLOOR_RE = re.compile(
    rf"(?:(?:{_HONORIFIC}|Minister|Collega) )?{NAME_PATTERN} heeft het woord\.?"
)
_ITEM_CHAIR_RE = re.compile(rf"Voorzitter: (?:(?:{_HONORIFIC}) )?(?P<name>{NAME_PATTERN})\.?")
_ITEM_START_RE = re.compile(rf"(?P<kind>{'|'.join(sorted(ITEM_KINDS, key=len, reverse=True))}) van ")
_WEB_ITEM_START_RE = re.compile(
    rf"(?P<kind>{'|'.join(sorted((kind[0] + kind[1:].lower() for kind in ITEM_KINDS), key=len, reverse=True))}) van "
)
_ITEM_NUMBER_RE = re.compile(r"(?:[–-] ?)?(?P<number>\d+ \(\d{4}-\d{4}\))")
_ITEM_CLOSED_RE = re.compile("|".join(ITEM_CLOSED_PATTERNS))
_ITEM_WITHDRAWN_RE = re.compile("|".join(ITEM_WITHDRAWN_PATTERNS))
_PROCEDURAL_NOTE_RE = re.compile("|".join(f"(?:{pattern})" for pattern in PROCEDURAL_NOTE_PATTERNS))
_CHAIR_CHANGE_RE = re.compile(CHAIR_CHANGE_PATTERN)
_MEETING_NUMBER_RE = re.compile(MEETING_NUMBER_PATTERN)
_COMMITTEE_RE = re.compile(COMMITTEE_PATTERN)
_PRELUDE_WORDS_RE = re.compile(PRELUDE_WORDS_PATTERN)
_DATE_LINE_RE = re.compile(DATE_LINE_PATTERN, re.IGNORECASE)
_HEADER_TITLE_RE = re.compile(
    rf"(?:Commissievergadering|Plenaire vergadering) nr\. C?\d+ \(\d{{4}}-\d{{4}}\) [–-] \d{{1,2}} (?:{'|'.join(DUTCH_MONTHS)}) \d{{4}}"
)
_DATE_RE = re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{'|'.join(DUTCH_MONTHS)}) (?P<year>\d{{4}})\b")
_REPORT_DATE_RE = re.compile(rf"\bbesprak(?:en)? op (?P<date>\d{{1,2}} (?:{'|'.join(DUTCH_MONTHS)}) \d{{4}})")
_REPORT_HEADING_RE = re.compile(REPORT_HEADING_PATTERN)
_TOELICHTING_RE = re.compile(rf"Toelichting door (?:(?:{_TITLES}) )?(?P<name>{NAME_PATTERN})")
_REPORT_MINISTER_RE = re.compile(rf"(?:{_TITLES}) (?P<name>{NAME_PATTERN})(?: \({_PARTY}\))? (?P<verb>[a-z]+)\b")
_REPORT_PERSON_RE = re.compile(rf"(?P<name>{NAME_PATTERN})(?: \((?P<party>{_PARTY})\))? (?P<verb>[a-z]+)\b")
_REPORT_THE_MINISTER_RE = re.compile(r"De minister (?P<verb>[a-z]+)\b")
_REPORT_INVERSION_RE = re.compile(r"[^.?!]{0,300}?\b(?P<verb>[a-z]+) de minister\b")
_SIGN_OFF_RE = re.compile(SIGN_OFF_PATTERN)
_REPORT_MARKER_RES = tuple(re.compile(pattern) for pattern in REPORT_MARKER_PATTERNS)
_REPORT_SPEAKER_MARKER_RE = re.compile(REPORT_SPEAKER_MARKER)
# For choosing a parser: count speaker tags and item headings in the raw text. A leading "\n"
# rather than "^" with re.MULTILINE lets the engine skip quickly to the next line start.
_ANY_TAG = re.sub(r"\(\?P<\w+>", "(?:", f"{_MP_TAG}|{_MINISTER_TAG}|{_CHAIR_TAG}")
_ANY_TAG_RE = re.compile(rf"\n[ \t]*(?:{_ANY_TAG}):")
_ANY_WEB_TAG_RE = re.compile(rf"\n[ \t]*(?:{_ANY_TAG})[ \t]*(?=\r?\n)")
_ANY_ITEM_RE = re.compile(rf"\n[ \t]*(?:{'|'.join(ITEM_KINDS)}) van ", re.IGNORECASE)
_STAGE_DIRECTION_RE = re.compile(r"\s*\([^()]{1,40}\)$")  # "(Gelach)", "(Applaus)"
_WORD_RE = re.compile(r"[^\W\d_]+")
# C0 control characters other than tab, newlines and form feed (pdftotext's page break), and the
# replacement character of a failed decode. C1 controls are left out: they are what Windows-1252
# quotes and dashes become when read as Latin-1, which is text, not a binary file.
_BINARY_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
# A vowel somewhere and never six consonants in a row.
_WORDLIKE_RE = re.compile(rf"(?=.*[{VOWELS}])(?!.*[^{VOWELS}]{{6}}).+")


# --- Entry point --------------------------------------------------------------------------------


def parse_document(text: str, *, filename: str = "") -> ParsedDocument:
    """Parse any supported document; raise `ParseError` (and nothing else) when it holds nothing usable.

    The kind is recognised from the text itself: a committee transcript (PDF or web form), a
    committee report, the ABB recommendation bundle, or anything else ("other": one passage).
    `filename` only names the file in error messages.
    """
    try:
        check_is_language(text)
        kind = detect_kind(text)
        if kind == "bundle":
            return _parse_bundle(text)
        if kind == "transcript":
            return parse_transcript(text)
        if kind == "web_transcript":
            return parse_transcript(text, web=True)
        if kind == "report":
            return parse_report(text)
        return parse_other(text)
    except ParseError as error:
        if filename:
            raise ParseError(f"{filename}: {error}") from None
        raise


def detect_kind(text: str) -> str:
    """"transcript", "web_transcript", "report", "bundle" or "other", judged from the raw text."""
    lined = "\n" + text + "\n"  # every line, the first and last included, sits between newlines
    tags = len(_ANY_TAG_RE.findall(lined))
    web_tags = len(_ANY_WEB_TAG_RE.findall(lined))
    if tags < 2 and _looks_like_bundle(text):
        return "bundle"
    if web_tags >= 2 and web_tags > tags:
        return "web_transcript"
    if tags >= 2 or (tags and _ANY_ITEM_RE.search(lined)):
        return "transcript"
    if any(regex.search(lined) for regex in _REPORT_MARKER_RES):
        return "report"
    if len(_REPORT_SPEAKER_MARKER_RE.findall(lined)) >= 2:
        return "report"
    return "other"


def _looks_like_bundle(text: str) -> bool:
    head = text[:BUNDLE_MARKER_CHARS].lower()
    if not any(marker in head for marker in BUNDLE_MARKERS):
        return False
    # str.count on each spelling: lowering a long text costs more than the counting.
    return all(
        sum(text.count(form) for form in (word, word.capitalize(), word.upper())) >= BUNDLE_WORD_MIN
        for word in BUNDLE_WORDS
    )


def _parse_bundle(text: str) -> ParsedDocument:
    # Imported here: the bundle parser lives in another app and needs none of this module.
    try:
        from recommendations.parsing import parse_bundle
    except ImportError as error:
        raise ParseError(
            f"This looks like an ABB recommendation bundle, but its parser cannot be loaded ({error})."
        ) from error
    return parse_bundle(text)


# --- Is this language? --------------------------------------------------------------------------


def check_is_language(text: str) -> None:
    """Raise `ParseError` unless `text` reads like written language.

    Heuristic, on samples from the start, middle and end of the text:
    - a NUL byte, a "%PDF-" start or more than a trace of other control characters means a binary
      file (a PDF or Word file read as text);
    - letters must make up most of the non-space characters (not a table of numbers or symbols);
    - at least `MIN_WORDS` words, most of them pronounceable (a vowel, no run of six consonants);
    - from `COMMON_WORDS_FROM` words on, some must be the commonest words of Dutch, English, French
      or German ("de", "het", "en", "the", ...): shuffled letters and decoded bytes have none.
    Only Latin-script text passes; this tracker reads Flemish documents.
    """
    if not text or not text.strip():
        raise ParseError("The text is empty.")
    if text.lstrip().startswith("%PDF-"):
        raise ParseError("This is a PDF file, not text: extract its text first (for example with pdftotext).")
    if "\x00" in text:
        raise ParseError("The text contains NUL bytes: it is a binary file, not extracted text.")
    sample = _language_sample(text)
    if len(_BINARY_RE.findall(sample)) > max(2, MAX_CONTROL_SHARE * len(sample)):
        raise ParseError("The text is full of control characters: it is a binary file, not extracted text.")
    words = _WORD_RE.findall(sample)
    letters = sum(len(word) for word in words)
    non_space = len("".join(sample.split()))
    if len(words) < MIN_WORDS:
        raise ParseError("The text holds too few words to parse.")
    wordlike = [word for word in words if _is_wordlike(word)]
    if letters < MIN_LETTER_SHARE * non_space or len(wordlike) < MIN_WORDLIKE_SHARE * len(words):
        raise ParseError("The text does not look like language (mostly symbols, digits or random letters).")
    if len(words) >= COMMON_WORDS_FROM:
        common = sum(1 for word in words if word.lower() in COMMON_WORDS)
        if common < MIN_COMMON_SHARE * len(words):
            raise ParseError("The text does not look like language: it has none of the most common words.")


def _language_sample(text: str) -> str:
    """The start, middle and end of a long text: enough to judge, cheap to scan."""
    if len(text) <= 3 * LANGUAGE_SLICE_CHARS:
        return text
    middle = len(text) // 2
    return "\n".join((
        text[:LANGUAGE_SLICE_CHARS],
        text[middle : middle + LANGUAGE_SLICE_CHARS],
        text[-LANGUAGE_SLICE_CHARS:],
    ))


def _is_wordlike(word: str) -> bool:
    return len(word) == 1 or _WORDLIKE_RE.fullmatch(word.lower()) is not None


# --- Small helpers ------------------------------------------------------------------------------


def parse_dutch_date(text: str) -> date | None:
    """The first "13 oktober 2020" in `text` as a date, or None (also for "31 februari")."""
    match = _DATE_RE.search(text.lower())
    if match is None:
        return None
    try:
        return date(int(match["year"]), DUTCH_MONTHS[match["month"]], int(match["day"]))
    except ValueError:
        return None


def _strip_honorific(name: str) -> str:
    lowered = name.lower()
    for word in HONORIFICS:
        if lowered.startswith(word + " "):
            return name[len(word) + 1 :]
    return name


def _last_content_number(lines: list[Line], default: int) -> int:
    for line in reversed(lines):
        if line.text:
            return line.number
    return default


def _speech_from(
    lines: list[Line], *, speaker: str, role: str, party: str, start_line: int,
    heading: str = "", item_index: int | None = None, line_is_paragraph: bool = False,
) -> ParsedSpeech:
    text, line_starts = join_lines(lines, line_is_paragraph=line_is_paragraph)
    return ParsedSpeech(
        speaker=speaker,
        role=role,
        party=party,
        start_line=start_line,
        end_line=_last_content_number(lines, start_line),
        text=text,
        line_starts=line_starts,
        heading=heading,
        item_index=item_index,
    )


# --- Transcripts --------------------------------------------------------------------------------


@dataclass
class _OpenSpeech:
    speaker: str
    role: str
    party: str
    start_line: int
    item_index: int | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class _ItemGroup:
    """Items listed together above one discussion: the first is handled, the others joined to it."""

    first_item: int  # index into the document's items
    items: list[int]
    first_line: int
    closed: bool = False
    withdrawn_sentences: list[str] = field(default_factory=list)


class _TranscriptParser:
    """One pass over the cleaned lines of a transcript, building items and speeches."""

    def __init__(self, lines: list[Line], furniture: list[Line], *, web: bool) -> None:
        self.lines = lines
        self.furniture = furniture
        self.web = web
        self.item_start_re = _WEB_ITEM_START_RE if web else _ITEM_START_RE
        self.items: list[ParsedItem] = []
        self.groups: list[_ItemGroup] = []
        self.speeches: list[ParsedSpeech] = []
        self.warnings: list[str] = []
        self.chair = ""
        self.current: _OpenSpeech | None = None
        self.seen_structure = False  # an item or a speaker tag has been read
        self.committee = ""
        self.header_numbers: Counter[str] = Counter()
        self.header_dates: Counter[date] = Counter()

    def parse(self) -> ParsedDocument:
        self._read_headers(self.furniture)
        index = 0
        while index < len(self.lines):
            index = self._step(index)
        self._close_speech()
        self._finish_items()
        self._check_cut_off()
        return self._document()

    # One line (or one heading block) at a time; returns the index of the next line to read.
    def _step(self, index: int) -> int:
        line = self.lines[index]
        text = line.text
        if not text:
            if self.current is not None:
                self.current.lines.append(line)
            return index + 1
        if self.item_start_re.match(text):
            after = self._read_item_group(index)
            if after is not None:
                return after
        # Cheap tests on the first characters first: most lines are plain text.
        match = _ITEM_CHAIR_RE.fullmatch(text) if text.startswith("Voorzitter:") else None
        if match:
            self._close_speech()
            self.chair = match["name"]
            for item_index in self.groups[-1].items if self.groups else ():
                self.items[item_index].chair = self.chair
            return index + 1
        dashed = text[0] in "–-"
        match = _CHAIR_CHANGE_RE.fullmatch(text) if dashed else None
        if match:
            self.chair = match["name"]
            return index + 1
        if dashed and _PROCEDURAL_NOTE_RE.fullmatch(text):
            if self.groups and _ITEM_WITHDRAWN_RE.search(text):
                self.groups[-1].withdrawn_sentences.append(text)
            return index + 1
        if self._start_speech(line):
            return index + 1
        if (
            text.endswith(("heeft het woord.", "heeft het woord"))
            and _GIVES_FLOOR_RE.fullmatch(text)
            and (self.current is None or self.current.role != "chair")
        ):
            self._close_speech()
            self._open_speech("chair", "", line.number, first=line)
            return index + 1
        if self.current is None:
            if not self.seen_structure and self._read_prelude_line(text):
                return index + 1
            self._open_speech("", "", line.number)
        self.current.lines.append(line)
        return index + 1

    def _start_speech(self, line: Line) -> bool:
        """Open a speech if `line` is a speaker tag ("Name (Party): text", or alone on the web)."""
        if self.web:
            if len(line.text) > TAG_MAX_CHARS:
                return False
        elif not 0 < line.text.find(":") <= TAG_MAX_CHARS:
            return False
        for regex, role in _WEB_TAG_RES if self.web else _TAG_RES:
            match = regex.fullmatch(line.text)
            if match is None:
                continue
            self._close_speech()
            groups = match.groupdict()
            rest = groups.get("rest") or ""
            self._open_speech(
                role,
                groups.get("name") or "",
                line.number,
                party=(groups.get("party") or "").strip(),
                first=Line(line.number, rest) if rest else None,
            )
            return True
        return False

    def _open_speech(self, role: str, speaker: str, start_line: int, *, party: str = "", first: Line | None = None) -> None:
        if role == "chair":
            speaker = self.chair
        self.seen_structure = self.seen_structure or bool(role)
        item_index = self.groups[-1].first_item if self.groups else None
        self.current = _OpenSpeech(speaker, role, party, start_line, item_index)
        if first is not None:
            self.current.lines.append(first)

    def _close_speech(self) -> None:
        speech, self.current = self.current, None
        if speech is None:
            return
        if not any(line.text for line in speech.lines):
            return  # a tag with nothing after it (the end of a cut-off text): nothing was said
        parsed = _speech_from(
            speech.lines,
            speaker=speech.speaker,
            role=speech.role,
            party=speech.party,
            start_line=speech.start_line,
            item_index=speech.item_index,
            line_is_paragraph=self.web,
        )
        if not speech.role and not self.speeches:
            self.warnings.append(
                f"Lines {parsed.start_line}-{parsed.end_line} come before the first speaker: "
                "the text seems to start in the middle of a speech."
            )
        elif not speech.role:
            self.warnings.append(
                f"Lines {parsed.start_line}-{parsed.end_line} follow no speaker tag: kept without a speaker."
            )
        elif speech.role != "chair" and self.groups:
            self.groups[-1].closed = False  # someone spoke after the chair closed the item
        elif speech.role == "chair" and self.groups:
            if _ITEM_CLOSED_RE.search(parsed.text):
                self.groups[-1].closed = True
            if _ITEM_WITHDRAWN_RE.search(parsed.text):
                self.groups[-1].withdrawn_sentences.append(parsed.text)
        self.speeches.append(parsed)

    # --- Items ---

    def _read_item_group(self, index: int) -> int | None:
        """Read one or more item headings listed together; None when `index` starts no heading."""
        group: _ItemGroup | None = None
        while index < len(self.lines) and self.item_start_re.match(self.lines[index].text):
            read = self._read_item_heading(index)
            if read is None:
                break
            item, index = read
            if group is None:
                self._close_speech()
                group = _ItemGroup(first_item=len(self.items), items=[], first_line=item.start_line)
                self.groups.append(group)
                self.seen_structure = True
            else:
                item.state = "joined"
                item.joined_with = self.items[group.first_item].number
            group.items.append(len(self.items))
            self.items.append(item)
            index = self._skip_blank(index)
            note = self.lines[index].text if index < len(self.lines) else ""
            if _PROCEDURAL_NOTE_RE.fullmatch(note) and _ITEM_WITHDRAWN_RE.search(note):
                item.state, item.joined_with = "withdrawn", ""
                index = self._skip_blank(index + 1)
                break
        return None if group is None else index

    def _read_item_heading(self, index: int) -> tuple[ParsedItem, int] | None:
        """The heading starting at `index` and the index after it (and after its number line)."""
        heading: list[Line] = []
        number = ""
        position = index
        while position < len(self.lines) and len(heading) < HEADING_MAX_LINES:
            text = self.lines[position].text
            if not text:
                break
            match = _ITEM_NUMBER_RE.fullmatch(text)
            if match:
                number = match["number"]
                position += 1
                break
            if heading and (self._is_structure(text) or self.item_start_re.match(text)):
                break
            heading.append(self.lines[position])
            position += 1
        if not number:
            after_blank = self._skip_blank(position)
            if after_blank < len(self.lines):
                match = _ITEM_NUMBER_RE.fullmatch(self.lines[after_blank].text)
                if match:
                    number, position = match["number"], after_blank + 1
        heading_text, _ = join_lines(heading)
        fields = _item_fields(heading_text, self.item_start_re)
        if fields is None:
            return None
        kind, asker, minister, title = fields
        end = _last_content_number(self.lines[index:position], heading[0].number)
        item = ParsedItem(
            kind=kind, number=number, title=title, asker=asker, asker_party="", minister=minister,
            chair=self.chair, state="handled", start_line=heading[0].number, end_line=end,
        )
        return item, position

    def _is_structure(self, text: str) -> bool:
        return bool(
            _ITEM_CHAIR_RE.fullmatch(text)
            or any(regex.fullmatch(text) for regex, _ in (_WEB_TAG_RES if self.web else _TAG_RES))
            or _GIVES_FLOOR_RE.fullmatch(text)
        )

    def _skip_blank(self, index: int) -> int:
        while index < len(self.lines) and not self.lines[index].text:
            index += 1
        return index

    def _set_group_end(self, group: _ItemGroup, end_line: int) -> None:
        for item_index in group.items:
            item = self.items[item_index]
            item.end_line = max(item.end_line, end_line)

    def _finish_items(self) -> None:
        # A group runs until the last line of text before the next group's first heading.
        content = [line.number for line in self.lines if line.text]
        for group, following in zip(self.groups, self.groups[1:] + [None]):
            limit = following.first_line if following else content[-1] + 1 if content else 0
            before = bisect.bisect_left(content, limit)
            if before:
                self._set_group_end(group, content[before - 1])
        spoken = {speech.item_index for speech in self.speeches if speech.role in ("mp", "minister")}
        for group in self.groups:
            self._mark_withdrawn(group, discussed=group.first_item in spoken)
        parties: dict[str, str] = {}
        for speech in self.speeches:
            if speech.role == "mp" and speech.party:
                parties.setdefault(speech.speaker, speech.party)
        for item in self.items:
            item.asker_party = parties.get(item.asker, "")

    def _mark_withdrawn(self, group: _ItemGroup, *, discussed: bool) -> None:
        """An item nobody discussed whose chair says "ingetrokken" was withdrawn; in a discussed
        group, only the items whose asker the withdrawal sentence names."""
        if not group.withdrawn_sentences:
            return
        said = " ".join(group.withdrawn_sentences)
        for item_index in group.items:
            item = self.items[item_index]
            surname = item.asker.split(" ", 1)[-1] if item.asker else ""
            if not discussed or (surname and surname in said):
                item.state, item.joined_with = "withdrawn", ""
        first = self.items[group.first_item]
        if first.state == "withdrawn":
            # The discussion (if any) then belongs to the next item still standing.
            standing = [i for i in group.items if self.items[i].state != "withdrawn"]
            for item_index in standing[1:]:
                self.items[item_index].joined_with = self.items[standing[0]].number
            if standing:
                self.items[standing[0]].state, self.items[standing[0]].joined_with = "handled", ""
                for speech in self.speeches:
                    if speech.item_index == group.first_item:
                        speech.item_index = standing[0]

    # --- Meeting ---

    def _read_headers(self, lines: list[Line]) -> None:
        for line in lines:
            match = _MEETING_NUMBER_RE.search(line.text)
            if match:
                self.header_numbers[match["number"]] += 1
                found = parse_dutch_date(line.text)
                if found:
                    self.header_dates[found] += 1

    def _read_prelude_line(self, text: str) -> bool:
        """Title-page and web-page header lines before the first item: meeting data, not speech."""
        committee = _COMMITTEE_RE.fullmatch(text)
        if committee:
            self.committee = self.committee or committee["committee"].strip()
        number = _MEETING_NUMBER_RE.search(text)
        if number:
            self.header_numbers[number["number"]] += 1
        if not (committee or number or _PRELUDE_WORDS_RE.fullmatch(text) or _DATE_LINE_RE.fullmatch(text)):
            return False
        found = parse_dutch_date(text)
        if found:
            self.header_dates[found] += 1
        return True

    def _meeting(self) -> ParsedMeeting | None:
        number = self.header_numbers.most_common(1)[0][0] if self.header_numbers else ""
        when = self.header_dates.most_common(1)[0][0] if self.header_dates else None
        if not (number or when or self.committee):
            self.warnings.append("No meeting number or date found (no running header or title page).")
            return None
        if not self.committee:
            self.warnings.append(
                "The committee is not named in the text (no title page): only its meeting number and date are known."
            )
        return ParsedMeeting(committee=self.committee, number=number, date=when)

    def _check_cut_off(self) -> None:
        last_line = _last_content_number(self.lines, 0)
        group = self.groups[-1] if self.groups else None
        if group and not group.closed and any(self.items[i].state != "withdrawn" for i in group.items):
            item = self.items[group.first_item]
            label = f"item {item.number}" if item.number else "the last item"
            self.warnings.append(
                f"The text seems cut off after line {last_line}: {label} is never closed (no 'afgehandeld')."
            )
        # "... dat is mijn slotvraag. (Gelach)" ends a sentence: look before a stage direction.
        last_words = _STAGE_DIRECTION_RE.sub("", self.speeches[-1].text) if self.speeches else ""
        if last_words and not ends_sentence(last_words):
            speech = self.speeches[-1]
            who = speech.speaker or "an unnamed speaker"
            self.warnings.append(
                f"The text is cut off mid-speech after line {speech.end_line}: the speech by {who} "
                "stops in the middle of a sentence."
            )

    def _document(self) -> ParsedDocument:
        if not self.speeches and not self.items:
            raise ParseError("No speaker turns or agenda items found in this transcript.")
        meeting = self._meeting()
        title = _transcript_title(self.furniture, meeting, self.items)
        return ParsedDocument(
            kind="transcript",
            title=title,
            date=meeting.date if meeting else None,
            meetings=[meeting] if meeting else [],
            items=self.items,
            speeches=self.speeches,
            warnings=self.warnings,
        )


def _item_fields(heading: str, start_re: re.Pattern[str]) -> tuple[str, str, str, str] | None:
    """(kind, asker, minister, subject) from "VRAAG OM UITLEG van X aan Y, <title>, over Z".

    Read by position rather than with one regular expression: headings can be long and the title
    holds commas, and a scan cannot backtrack badly on odd input.
    """
    match = start_re.match(heading)
    if match is None:
        return None
    kind = ITEM_KINDS.get(match["kind"].upper(), match["kind"].lower())
    rest = heading[match.end() :]
    addressee_at, word_length = -1, 0
    for word in (" aan ", " tot "):
        found = rest.find(word)
        if found > 0 and (addressee_at < 0 or found < addressee_at):
            addressee_at, word_length = found, len(word)
    if addressee_at < 0:
        return None
    asker = _strip_honorific(rest[:addressee_at].strip())
    addressee = rest[addressee_at + word_length :]
    over_at = addressee.find(" over ")
    subject = addressee[over_at + len(" over ") :].strip() if over_at >= 0 else ""
    before_subject = addressee[:over_at] if over_at >= 0 else addressee
    minister = before_subject.split(",", 1)[0].strip()
    for title in sorted((t for t, role in SPEAKER_TITLES.items() if role == "minister"), key=len, reverse=True):
        if minister.lower().startswith(title.lower() + " "):
            minister = minister[len(title) + 1 :]
            break
    return kind, asker, minister.strip(), subject


def _transcript_title(furniture: list[Line], meeting: ParsedMeeting | None, items: list[ParsedItem]) -> str:
    for line in furniture:
        match = _HEADER_TITLE_RE.search(line.text)  # without the page number around it
        if match:
            return match.group(0)
    if meeting and meeting.number:
        when = f" – {meeting.date.isoformat()}" if meeting.date else ""
        return f"Commissievergadering nr. {meeting.number}{when}"
    if meeting and meeting.committee:
        return meeting.committee
    if items:
        return f"{items[0].kind.capitalize()} over {items[0].title}" if items[0].title else items[0].kind
    return "Transcript"


def parse_transcript(text: str, *, web: bool = False) -> ParsedDocument:
    """A committee transcript: its meeting, agenda items and speaking turns.

    `web=True` reads the web form, where the speaker's name stands on a line of its own and every
    line is a paragraph. A transcript cut off mid-speech parses as far as it goes, with a warning.
    """
    furniture: list[Line] = []
    lines = clean_lines(text, removed=furniture)
    return _TranscriptParser(lines, furniture, web=web).parse()


# --- Committee reports --------------------------------------------------------------------------


@dataclass
class _Paragraph:
    heading: str
    section: int  # counts top-level headings, so speakers do not carry over into a new section
    section_speaker: tuple[str, str]  # (speaker, role) named by the section heading
    lines: list[Line]


def _split_report(lines: list[Line]) -> list[_Paragraph]:
    """Paragraphs of a report with the heading they stand under; stops at the sign-off."""
    paragraphs: list[_Paragraph] = []
    heading, section, section_speaker = "", 0, ("", "")
    current: list[Line] = []
    previous_text = ""
    index = 0

    def flush() -> None:
        nonlocal current
        if current:
            paragraphs.append(_Paragraph(heading, section, section_speaker, current))
        current = []

    while index < len(lines):
        line = lines[index]
        if not line.text:
            flush()
            index += 1
            continue
        if _SIGN_OFF_RE.fullmatch(line.text):
            break
        match = _REPORT_HEADING_RE.fullmatch(line.text)
        if match and (not previous_text or ends_sentence(previous_text) or not current):
            flush()
            heading_lines = [line]
            index += 1
            while (
                index < len(lines)
                and lines[index].text
                and len(heading_lines) < REPORT_HEADING_MAX_LINES
                and _heading_continues(heading_lines[-1].text)
            ):
                heading_lines.append(lines[index])
                index += 1
            heading, _ = join_lines(heading_lines)
            if "." not in match["number"].rstrip("."):
                section += 1
                section_speaker = _heading_speaker(heading)
            previous_text = heading
            continue
        current.append(line)
        previous_text = line.text
        index += 1
    flush()
    return paragraphs


def _heading_continues(text: str) -> bool:
    if text.endswith((",", "-")):
        return True
    words = text.rsplit(" ", 1)
    return words[-1].lower() in HEADING_OPEN_ENDINGS


def _heading_speaker(heading: str) -> tuple[str, str]:
    """"1. Toelichting door Bart Somers, viceminister-president ..." names who speaks below it."""
    match = _TOELICHTING_RE.search(heading)
    if match is None:
        return "", ""
    return match["name"], "minister" if "minister" in heading.lower() else ""


def _report_speaker(text: str, current_minister: str, ministers: set[str]) -> tuple[str, str, str] | None:
    """(speaker, role, party) named at the start of a report paragraph, or None."""
    match = _REPORT_MINISTER_RE.match(text)
    if match and match["verb"] in REPORTING_VERBS:
        return match["name"], "minister", ""
    match = _REPORT_THE_MINISTER_RE.match(text)
    if match and match["verb"] in MINISTER_INVERSION_VERBS:
        return current_minister, "minister", ""
    match = _REPORT_PERSON_RE.match(text)
    if match and match["verb"] in REPORTING_VERBS:
        name = match["name"]
        parts = name.split(" ")
        if len(parts) > 1 and parts[0] not in SENTENCE_OPENERS and not INSTITUTION_WORDS.intersection(parts):
            role = "minister" if name in ministers else ""
            return name, role, (match["party"] or "").strip()
    match = _REPORT_INVERSION_RE.match(text)
    if match and match["verb"] in MINISTER_INVERSION_VERBS:
        return current_minister, "minister", ""
    return None


def parse_report(text: str) -> ParsedDocument:
    """A committee report: passages under their headings, each with the speaker it names.

    Reports have no speaking turns. A paragraph names its speaker in the third person ("Minister
    Bart Somers zegt dat ..."); paragraphs that name nobody continue the previous speaker within
    the same section, or take the speaker the section heading names ("Toelichting door ...").
    Consecutive paragraphs by the same speaker under the same heading form one passage.
    """
    lines = clean_lines(text)
    paragraphs = _split_report(lines)
    if not paragraphs:
        raise ParseError("No text found in this report.")
    intro, _ = join_lines(paragraphs[0].lines)
    warnings: list[str] = []

    ministers: set[str] = set()
    current_minister = ""
    previous: tuple[int, str, str, str] | None = None  # (section, speaker, role, party)
    passages: list[tuple[str, str, str, str, list[Line]]] = []  # heading, speaker, role, party, lines
    for paragraph in paragraphs:
        section_speaker, section_role = paragraph.section_speaker
        if section_role == "minister":
            ministers.add(section_speaker)
            current_minister = current_minister or section_speaker
        paragraph_text, _ = join_lines(paragraph.lines[:6])
        named = _report_speaker(paragraph_text, current_minister, ministers)
        if named is not None:
            speaker, role, party = named
            if role == "minister" and speaker:
                ministers.add(speaker)
                current_minister = speaker
        elif previous is not None and previous[0] == paragraph.section and previous[1:] != ("", "", ""):
            speaker, role, party = previous[1:]
        else:
            speaker, role, party = section_speaker, section_role, ""
        previous = (paragraph.section, speaker, role, party)
        last = passages[-1] if passages else None
        if last and last[:4] == (paragraph.heading, speaker, role, party):
            last[4].append(Line(paragraph.lines[0].number, ""))
            last[4].extend(paragraph.lines)
        else:
            passages.append((paragraph.heading, speaker, role, party, list(paragraph.lines)))

    speeches = [
        _speech_from(passage_lines, speaker=speaker, role=role, party=party,
                     start_line=passage_lines[0].number, heading=heading)
        for heading, speaker, role, party, passage_lines in passages
    ]
    match = _REPORT_DATE_RE.search(intro)
    when = parse_dutch_date(match["date"]) if match else parse_dutch_date(intro)
    committee_match = re.search(r"\b(Commissie (?:voor|van) .+?) (?:besprak|vergaderde|heeft)\b", intro)
    committee = committee_match.group(1) if committee_match else ""
    if when is None:
        warnings.append("No discussion date found in the report's opening paragraph.")
    meetings = [ParsedMeeting(committee=committee, number="", date=when)] if committee or when else []
    return ParsedDocument(
        kind="report",
        title=_first_sentence(intro),
        date=when,
        meetings=meetings,
        speeches=speeches,
        warnings=warnings,
    )


def _first_sentence(text: str, limit: int = 300) -> str:
    match = re.search(r"[.?!](?:\s|$)", text)
    sentence = text[: match.end()].strip() if match else text.strip()
    sentence = sentence.split("\n", 1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


# --- Anything else ------------------------------------------------------------------------------

OTHER_DATE_LINES = 15  # a press article or note is dated near its top, if at all


def parse_other(text: str) -> ParsedDocument:
    """A press article, a note, any other text: one passage spanning it, titled by its first line."""
    lines = clean_lines(text)
    content = [line for line in lines if line.text]
    if not content:
        raise ParseError("Nothing is left once page numbers and headers are removed.")
    joined, line_starts = join_lines(lines)
    speech = ParsedSpeech(
        speaker="", role="", party="",
        start_line=content[0].number,
        end_line=content[-1].number,
        text=joined,
        line_starts=line_starts,
    )
    title = content[0].text
    if len(title) > 200:
        title = title[:199].rstrip() + "…"
    when = None
    for line in content[:OTHER_DATE_LINES]:
        when = parse_dutch_date(line.text)
        if when:
            break
    return ParsedDocument(kind="other", title=title, date=when, speeches=[speech])

"""Text cleaning shared by every parser: page furniture, blank lines, hyphenation across lines.

The source documents are plain text extracted from PDFs. Each page repeats a running header
("6 Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020") and a "Vlaams Parlement" footer,
words are broken across lines with a hyphen ("om-" / "zendbrief"), lines carry tabs and stray
leading spaces, and some documents (committee reports) put an empty line after every line.

The pipeline is two steps, so that a parser can look at the cleaned lines (headings, speaker
tags) before it joins the ones that belong together:

    lines = clean_lines(raw_text)            # list[Line]; Line("") marks a paragraph break
    text, line_starts = join_lines(lines)    # paragraphs joined by "\\n\\n", hyphenation undone

`clean_and_join(numbered_raw_lines)` does both for a slice of the original file.
Line numbers are 1-based in the original file throughout.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from typing import NamedTuple

# --- Pattern tables -----------------------------------------------------------------------------

# Running headers and footers printed on every page. A line that matches one of these in full is
# page furniture, never text.
_MONTH = r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
_SESSION = r"\(\d{4}-\d{4}\)"
FURNITURE_PATTERNS: tuple[str, ...] = (
    # even pages: "6 Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020"
    # odd pages:  "Commissievergadering nr. C190 (2023-2024) – 28 maart 2024 25"
    rf"(?:\d{{1,4}} )?(?:Commissievergadering|Plenaire vergadering) nr\. C?\d+ {_SESSION}"
    rf" [–-] \d{{1,2}} {_MONTH} \d{{4}}(?: \d{{1,4}})?",
    # parliamentary documents: "Stuk 23-I (2020-2021) – Nr. 2" with the page number on either side
    rf"(?:\d{{1,4}} )?Stuk \d+(?:-[A-Z]+)? {_SESSION} [–-] Nr\. \d+(?: \d{{1,4}})?",
    # the address footer of some documents
    r"Vlaams Parlement [–-] 1011 Brussel.*",
    r"(?:https?://)?www\.vlaamsparlement\.be/?",
    # a page number on its own line
    r"\d{1,4}",
)

# "Vlaams Parlement" alone on a line is the page footer, but only near a running header (or at the
# very top or bottom of the text): the same two words can end a wrapped line of a speech.
FOOTER_LINE = "Vlaams Parlement"
FOOTER_MAX_DISTANCE = 4  # lines between the footer and its running header

# Characters that end a sentence, possibly followed by a closing quote or bracket. Used to decide
# whether a page break also ends a paragraph.
SENTENCE_END = ".?!:;…"
CLOSERS = "”’\"')]»"

# Words that follow an elided compound ("privé- en werkleven", "werk- of gezinsuren"): the hyphen
# at the end of the line is part of the text, not a line break.
ELISION_WORDS = frozenset({"en", "of", "tot", "noch"})

# Prefixes that keep their hyphen in Dutch spelling ("niet-bindend", "ex-minister", "oud-burgemeester").
HYPHEN_PREFIXES = frozenset({"niet", "non", "ex", "oud"})

# Compounds spelled with a hyphen whose second part starts with a lowercase letter.
HYPHEN_COMPOUNDS = frozenset({
    ("viceminister", "president"),
    ("minister", "president"),
    ("scale", "up"),
    ("scale", "ups"),
    ("start", "up"),
    ("start", "ups"),
    ("follow", "up"),
    ("e", "mail"),
})

# Dutch writes a hyphen between parts of a compound whose vowels would otherwise read as one
# sound ("bio-economie", "data-arsenaal", "politie-inzet"). A line break at such a place keeps it.
VOWEL_CLASHES = frozenset({
    "aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu",
})

# ...except after a short prefix, where the unbroken word carries a diaeresis instead: the typesetter
# drops it when breaking the line ("ge-" / "engageerd" is "geëngageerd", "be-" / "eindigd" "beëindigd").
DIAERESIS_JOINS = {
    ("ge", "e"): "ë",
    ("ge", "i"): "ï",
    ("be", "e"): "ë",
    ("be", "i"): "ï",
    ("re", "e"): "ë",
    ("co", "o"): "ö",
}

# A document is "double spaced" (every line followed by an empty one, as in committee reports)
# when at least this share of its text lines is followed by exactly one empty line and then text,
# and its lines look like wrapped PDF lines rather than one paragraph per line.
DOUBLE_SPACED_SHARE = 0.7
WRAPPED_LINE_MAX_MEDIAN = 110  # characters
WRAPPED_SHARE = 0.4  # share of lines that end in the middle of a sentence

# Speaker vocabulary, shared by the transcript parsers and the extractors that look for people.
# Titles printed before a speaker's name ("Minister Bart Somers:") and the role they stand for.
SPEAKER_TITLES: dict[str, str] = {
    "Minister-president": "minister",
    "Viceminister-president": "minister",
    "Minister": "minister",
    "Viceminister": "minister",
    "De voorzitter": "chair",
    "De ondervoorzitter": "chair",
}
# Forms of address before a surname ("De heer Warnez heeft het woord.", "Voorzitter: mevrouw X").
HONORIFICS = ("de heer", "mevrouw", "mijnheer", "juffrouw")
# Lowercase words inside a person's name ("Jan de Wever", "Freya van den Bossche").
NAME_PARTICLES = ("van", "de", "der", "den", "ter", "ten", "te", "von", "da", "di", "du", "le", "la", "el", "al")
# Capitals that can open a name part: Latin-1 and the Latin Extended-A capitals found in Flemish
# names (a range there also holds the lowercase letters, which is harmless).
NAME_CAPITALS = "A-ZÀ-ÖØ-ÞĀ-ž"
# One name part ("Van", "D'Hondt", "Vande", "Björn"); a name is one to six parts and particles.
_NAME_PART = rf"[{NAME_CAPITALS}][^\W\d_]*(?:['’-][^\W\d_]+)*"
NAME_PATTERN = rf"{_NAME_PART}(?: (?:{'|'.join(NAME_PARTICLES)}|{_NAME_PART})){{0,5}}"

# Bullets that start a list item on a line of its own ("− de basis voor de regiovorming ...").
# En dashes are not bullets: in transcripts a line often starts with one mid-sentence.
BULLETS = "−•▪●◦"

# --- Compiled once ------------------------------------------------------------------------------

_FURNITURE_RE = re.compile("|".join(f"(?:{pattern})" for pattern in FURNITURE_PATTERNS))
_RUNNING_HEADER_RE = re.compile(FURNITURE_PATTERNS[0])
# Control characters a PDF extraction leaves behind (form feeds at page starts, soft hyphens...).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\ufeff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LAST_WORD_RE = re.compile(r"([^\W_]+)-$")
_FIRST_WORD_RE = re.compile(r"[^\W_]+")
_ACRONYM_RE = re.compile(r"[A-Z0-9]+")


class Line(NamedTuple):
    """One cleaned line of the original file. An empty `text` marks a paragraph break."""

    number: int  # 1-based line number in the original file
    text: str


# --- Single lines -------------------------------------------------------------------------------


def number_lines(text: str) -> list[tuple[int, str]]:
    """Split `text` into (line number, raw line), numbered from 1 like an editor or grep does.

    Only "\\n" separates lines (with a "\\r" before it dropped): `str.splitlines` would also split
    on form feeds and other separators, and then line numbers would no longer match the file.
    """
    return [(index, raw.rstrip("\r")) for index, raw in enumerate(text.split("\n"), start=1)]


def normalize_line(raw: str) -> str:
    """Strip one line: tabs and odd spaces become one space, control characters go, no edges.

    A soft hyphen at the very end of a line is a line-break hyphen and becomes "-", so that
    `dehyphenate` treats it like the ones typed as "-".
    """
    # Fast path, most lines: tabs, odd spaces, soft hyphens and control characters all fail
    # isprintable().
    if raw.isprintable() and "  " not in raw:
        return raw.strip(" ")
    if raw.endswith("\u00ad"):
        raw = raw[:-1] + "-"
    raw = _CONTROL_RE.sub("", raw)
    return _SPACES_RE.sub(" ", raw).strip(" ")


def is_page_furniture(line: str) -> bool:
    """True for a running header, a page number or an address footer (a whole line, any edges).

    The "Vlaams Parlement" footer is not recognised here because the same words can end a wrapped
    line of text; `clean_lines` removes it when it sits next to a running header.
    """
    return _FURNITURE_RE.fullmatch(normalize_line(line)) is not None


def ends_sentence(text: str) -> bool:
    """True when `text` ends with sentence punctuation, possibly followed by quotes or brackets."""
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END


# --- Whole documents ----------------------------------------------------------------------------


def is_double_spaced(lines: list[tuple[int, str]]) -> bool:
    """True when nearly every text line is followed by one empty line (committee report PDFs).

    In such a document a single empty line is only a line break, and a paragraph break is a run of
    two or more empty lines. Lines must also look wrapped (short, often ending mid-sentence):
    a pasted web page with one paragraph per line and an empty line between paragraphs is not
    double spaced.
    """
    return _double_spaced([normalize_line(raw) for _, raw in lines])


def _double_spaced(texts: list[str]) -> bool:
    content = [index for index, text in enumerate(texts) if text]
    if len(content) < 4:
        return False
    single_gaps = sum(
        1
        for index in content
        if index + 2 < len(texts) and not texts[index + 1] and texts[index + 2]
    )
    if single_gaps < DOUBLE_SPACED_SHARE * (len(content) - 1):
        return False
    lengths = [len(texts[index]) for index in content]
    unfinished = sum(1 for index in content if not ends_sentence(texts[index]))
    return statistics.median(lengths) <= WRAPPED_LINE_MAX_MEDIAN and unfinished >= WRAPPED_SHARE * len(
        content
    )


def _furniture_flags(texts: list[str]) -> list[bool]:
    """Which lines are page furniture, including "Vlaams Parlement" footers near a header."""
    flags = [bool(text) and _FURNITURE_RE.fullmatch(text) is not None for text in texts]
    headers = [index for index, text in enumerate(texts) if text and _RUNNING_HEADER_RE.fullmatch(text)]
    content = [index for index, text in enumerate(texts) if text]
    edges = {content[0], content[-1]} if content else set()
    for index, text in enumerate(texts):
        if text != FOOTER_LINE:
            continue
        near_header = any(abs(index - header) <= FOOTER_MAX_DISTANCE for header in headers)
        if near_header or index in edges:
            flags[index] = True
    return flags


def _page_break_is_paragraph_break(before: str, after: str) -> bool:
    """A page break ends a paragraph only when the text before it ends a sentence and the text
    after it starts like a new one; otherwise the sentence runs on across the page."""
    if not ends_sentence(before):
        return False
    first = after[:1]
    return first.isupper() or first.isdigit() or first in "–-−•(‘“\"'"


def clean_lines(
    source: str | Iterable[tuple[int, str]], *, removed: list[Line] | None = None
) -> list[Line]:
    """Clean a document (or numbered raw lines of it) into `Line`s ready for `join_lines`.

    - page furniture (running headers, page numbers, the footer next to them) is dropped, together
      with the empty lines around it; whether the page break was also a paragraph break is judged
      from the text on both sides (see `_page_break_is_paragraph_break`);
    - each line is normalised (`normalize_line`);
    - runs of empty lines collapse into one `Line(number, "")` paragraph break, never at the start
      or the end; in a double-spaced document a single empty line is dropped instead.

    Pass a list as `removed` to receive the furniture lines (parsers read the meeting number and
    date from the running headers).
    """
    numbered = number_lines(source) if isinstance(source, str) else list(source)
    texts = [normalize_line(raw) for _, raw in numbered]
    furniture = _furniture_flags(texts)
    double_spaced = _double_spaced(texts)

    result: list[Line] = []
    blank_run = 0  # empty lines since the last text line
    blank_number = 0
    page_break = False  # furniture since the last text line
    for (number, _), text, is_furniture in zip(numbered, texts, furniture):
        if is_furniture:
            page_break = True
            if removed is not None:
                removed.append(Line(number, text))
            continue
        if not text:
            blank_run += 1
            blank_number = blank_number or number
            continue
        if result:
            if page_break:
                if _page_break_is_paragraph_break(result[-1].text, text):
                    result.append(Line(blank_number or number, ""))
            elif blank_run >= (2 if double_spaced else 1):
                result.append(Line(blank_number, ""))
        result.append(Line(number, text))
        blank_run, blank_number, page_break = 0, 0, False
    return result


# --- Joining lines ------------------------------------------------------------------------------


def _join_plan(left: str, right: str) -> tuple[int, str, str]:
    """How to join two consecutive lines of one paragraph.

    Returns (characters to cut from the end of `left`, separator, `right` as it should continue).
    A hyphen at the end of `left` is a line-break hyphen, dropped, unless it is a real one:
    before a capital ("Heusden-" / "Zolder", "N-" / "VA") or a digit, before an elision
    ("privé-" / "en werkleven"), after an acronym ("EU-" / "landen") or a prefix that keeps its
    hyphen ("niet-" / "bindend"), in a known compound ("viceminister-" / "president"), or where
    Dutch spelling needs it between clashing vowels ("bio-" / "economie").
    """
    if not left.endswith("-") or len(left) < 2 or not left[-2].isalnum():
        return 0, " ", right
    first_word = _FIRST_WORD_RE.match(right)
    if first_word is None:
        return 0, "", right  # "niet-" / "‘gebonden’": keep the hyphen, nothing to judge
    next_word = first_word.group(0)
    if next_word in ELISION_WORDS:
        return 0, " ", right
    if right[0].isupper() or right[0].isdigit():
        return 0, "", right
    last = _LAST_WORD_RE.search(left)
    previous_word = last.group(1) if last else ""
    part = previous_word.lower()
    if (
        not previous_word
        or _ACRONYM_RE.fullmatch(previous_word)  # acronyms and numbers: "EU-", "2020-"
        or any(char.isdigit() or char.isupper() for char in previous_word[1:])
        or part in HYPHEN_PREFIXES
        or (part, next_word.lower()) in HYPHEN_COMPOUNDS
        or _short_part_of_compound(left, previous_word)
    ):
        return 0, "", right
    clash = part[-1] + next_word[0].lower()
    if clash in VOWEL_CLASHES:
        diaeresis = DIAERESIS_JOINS.get((part, next_word[0].lower()))
        if diaeresis is None:
            return 0, "", right
        return 1, "", diaeresis + right[1:]
    return 1, "", right


def _short_part_of_compound(left: str, previous_word: str) -> bool:
    """"een-op-" / "een": a short word inside a hyphenated compound keeps its hyphen."""
    start = len(left) - len(previous_word) - 1
    return len(previous_word) <= 3 and start > 0 and left[start - 1] == "-"


def dehyphenate(left: str, right: str) -> str:
    """Join two consecutive lines of a paragraph, undoing a line-break hyphen.

    >>> dehyphenate("om-", "zendbrief")
    'omzendbrief'
    >>> dehyphenate("Heusden-", "Zolder")
    'Heusden-Zolder'
    >>> dehyphenate("privé-", "en werkleven")
    'privé- en werkleven'
    """
    left, right = left.rstrip(), right.lstrip()
    cut, separator, right = _join_plan(left, right)
    return left[: len(left) - cut] + separator + right


def join_lines(
    lines: Iterable[tuple[int, str]], *, line_is_paragraph: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """Join numbered lines into text plus `line_starts`, as `ParsedSpeech` needs them.

    `lines` are (original line number, text) pairs, normally `Line`s from `clean_lines`; an empty
    text is a paragraph break. Paragraphs are separated by "\\n\\n", the lines of a paragraph by a
    space, or by nothing where a line-break hyphen is undone (see `dehyphenate`).
    `line_starts` lists (offset in the text, line number) for every line that contributed text.

    With `line_is_paragraph` every line is a paragraph of its own (web pages, where lines are
    not wrapped).

    Raw PDF lines should go through `clean_lines` first (or use `clean_and_join`): this function
    does not remove page furniture.
    """
    parts: list[str] = []
    line_starts: list[tuple[int, int]] = []
    length = 0
    pending_break = False
    for number, raw in lines:
        text = normalize_line(raw)
        if not text:
            pending_break = bool(parts)
            continue
        if parts:
            if pending_break or line_is_paragraph:
                separator = "\n\n"
            elif text[0] in BULLETS:
                separator = "\n"
            else:
                cut, separator, text = _join_plan(parts[-1], text)
                if cut:
                    parts[-1] = parts[-1][:-cut]
                    length -= cut
            parts.append(separator)
            length += len(separator)
        line_starts.append((length, number))
        parts.append(text)
        length += len(text)
        pending_break = False
    return "".join(parts), line_starts


def clean_and_join(
    source: str | Iterable[tuple[int, str]],
) -> tuple[str, list[tuple[int, int]]]:
    """`clean_lines` then `join_lines`: raw PDF text (or numbered raw lines) to (text, line_starts)."""
    return join_lines(clean_lines(source))

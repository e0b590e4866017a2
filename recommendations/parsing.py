"""Parse ABB's "inspiratiebundel" for the 2024-2029 Flemish government into recommendations.

What the bundle looks like (seed 003, read line by line):

- a foreword, then five parts, one per policy field. A part starts on a new page with its title
  ("Binnenlands bestuur", "Beleid Brussel", "Beleid samenleven - gelijke kansen, integratie en
  inburgering") right before a line "Inleiding";
- numbered sections per part ("5. Beleidsaanbevelingen binnenlands bestuur", "6.1.4. Conclusie en
  aanbevelingen"). The part's own recommendations sit in one section ("Beleidsaanbevelingen ...",
  "Aanbevelingen stedenbeleid", "Beleidsaanbevelingen - Overzicht"); Samenleven has none;
- debate sheets ("6.1. Debat over ...") with a setting ("Setting en samenstelling": date, speakers,
  audience), the debate itself ("Het stakeholdersdebat") and a closing section "Conclusie en
  aanbevelingen (van ABB)" in which labels ("Conclusies uit het debat", "Beleidsaanbevelingen
  ABB", "Aanbevelingen vanuit het stakeholdersdebat ...") say whose words follow;
- recommendations are numbered lists, "·" bullets or plain paragraphs. The PDF extraction leaves
  footnotes and page numbers between the lines, footnote markers glued to words ("Brussel33"),
  words broken with and without a hyphen, and a blank line after the first line of many list items.

Numbering scheme of `ParsedRecommendation.number` (unique within the document):

    <part>.<section>-<code><n>        list item n (numbered or bulleted) of that kind in the section
    <part>.<section>-<code><n>.<k>    k-th bullet under numbered item n (a headline with details)
    <part>.<section>-<code>p<n>       n-th prose paragraph of that kind in the section

<part> is 1-5 in document order, <section> the number of the heading that holds the list ("5",
"6.1.4", "10.3"), <code> P, C, D or A (see KIND_CODES). Where a section holds a single numbered
list, n is the number printed in the document: "1.5-P7" is recommendation 7 of Binnenlands bestuur.
Lowercase fragments that complete the sentence of the item before them ("... nodig om:" / "de
labo- en pioniersfunctie te ondersteunen") are folded into that item, not numbered.

Which kind a recommendation gets (the tables below hold the exact patterns):

    where it stands                                           kind
    "Beleidsaanbevelingen ...", "Aanbevelingen stedenbeleid"  priority (list items; paragraphs
                                                              only after "Aanbevelingen:")
    "Conclusie en aanbevelingen" (no label yet)               debate_recommendation
    "Conclusie en aanbevelingen van ABB" (no label yet)       abb_recommendation
    ... first paragraph "aanbevelingen en conclusies (van-)   debate_recommendation
        uit het debat" / "de aanbevelingen van ABB"           abb_recommendation
    after "Conclusies", "Conclusies uit het debat",           debate_conclusion
          "Conclusies over/bij ..."
    after "Aanbevelingen vanuit het stakeholdersdebat",       debate_recommendation
          "... uitdagingen en aanbevelingen ..."
    after "(Beleids)aanbevelingen (van) ABB",                 abb_recommendation
          "Aanbevelingen van de administratie ..."
    "Het stakeholdersdebat": only lists after a label above,  (the label's kind)
          and a paragraph "volgende beleidsaanbevelingen: …"  debate_recommendation
    introductions, context sections, the debate's account     not recommendations

In the debate sheets every paragraph and list item counts; in the priority sections only list
items do (their paragraphs are context), except after the label "Aanbevelingen:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transcripts.parsed import ParsedDocument, ParsedRecommendation, ParsedSpeech, ParseError
from transcripts.text import dehyphenate, ends_sentence, is_page_furniture, normalize_line, number_lines

# --- Rule tables ----------------------------------------------------------------------------
# Patterns are matched case-insensitively against a heading title, a label or a paragraph that is
# lowercased, stripped and has its final ":" or "." removed.

# Short codes for the recommendation kinds, used in the numbers.
KIND_CODES: dict[str, str] = {
    "priority": "P",
    "debate_conclusion": "C",
    "debate_recommendation": "D",
    "abb_recommendation": "A",
}

# What a numbered section holds, by its heading title.
SECTION_ROLES: tuple[tuple[str, str], ...] = (
    # "5. Beleidsaanbevelingen binnenlands bestuur", "4. Aanbevelingen stedenbeleid",
    # "9. Beleidsaanbevelingen - Overzicht": the part's prioritised recommendations
    (r"^(?:beleids)?aanbevelingen\b", "priority"),
    # "6.1. Debat over bestuurskracht en territorialiteit": a debate sheet starts
    (r"^debat over\b", "debate"),
    # "6.1.4. Conclusie en aanbevelingen", "6.7.4. Conclusie en aanbevelingen van ABB",
    # "10.4. Conclusie en beleidsaanbevelingen": the sheet's conclusions and recommendations
    (r"^conclusies? en (?:beleids)?aanbevelingen\b", "conclusions"),
    # "6.1.2. Setting en samenstelling", "5.2.2. Samenstelling en setting": speakers and audience
    (r"^(?:setting en samenstelling|samenstelling en setting)\b", "setting"),
    # "6.1.3. Het stakeholderbat" (sic), "5.1.3. Het stakeholdersdebat": the debate itself, where
    # only a label such as "Conclusies bij de stelling ..." opens recommendations
    (r"^het stakeholders?(?:de)?bat\b", "debate_body"),
)

# The kind a "Conclusie en aanbevelingen" section starts with, by its heading.
CONCLUSION_HEADING_KINDS: tuple[tuple[str, str], ...] = (
    (r"\bvan abb$", "abb_recommendation"),  # "Conclusie en aanbevelingen van ABB"
    (r"", "debate_recommendation"),  # "Conclusie en aanbevelingen": what the debate concluded
)

# The first paragraph of a "Conclusie en aanbevelingen" section may say whose recommendations
# follow; it then overrides the heading. A one-sentence announcement is not a recommendation.
INTRO_KINDS: tuple[tuple[str, str], ...] = (
    # 6.6.4 and 6.7.4 (Binnenlands bestuur): "De aanbevelingen en conclusies vanuit het debat, die
    # ABB onderschrijft, ..." -- the debate's own recommendations, endorsed by ABB (6.7.4 is
    # headed "... van ABB" but says the same, so both count as debate recommendations)
    (r"\baanbevelingen en conclusies (?:vanuit|uit) het debat\b", "debate_recommendation"),
    # 5.2.4 and 5.3.4 (Stedenbeleid): "De aanbevelingen van ABB zijn gebaseerd op ..."
    (r"\baanbevelingen van abb\b", "abb_recommendation"),
)

# Labels (a short line of its own, or a list item that is one) that say whose words follow.
LABEL_KINDS: tuple[tuple[str, str], ...] = (
    (r"^conclusies?(?: uit het debat)?$", "debate_conclusion"),  # "Conclusies", "Conclusies uit het debat"
    # "Conclusies over het statuut van de raadsleden:", "Conclusies bij de stelling ‘...’."
    (r"^conclusies (?:over|bij)\b", "debate_conclusion"),
    # "Aanbevelingen vanuit het stakeholdersdebat voor een Vlaams beleid 2024-2029"
    (r"^aanbevelingen vanuit het stakeholdersdebat\b", "debate_recommendation"),
    # "1. Generieke uitdagingen en aanbevelingen" ... "5. Uitdagingen en aanbevelingen over onderwijs"
    # (the stakeholders' own recommendations in the Brussel-Vlaamse Rand debate)
    (r"\buitdagingen en aanbevelingen\b", "debate_recommendation"),
    # "Beleidsaanbevelingen ABB", "Beleidsaanbevelingen van ABB", "Aanbevelingen van ABB"
    (r"^(?:beleids)?aanbevelingen (?:van )?abb$", "abb_recommendation"),
    # "Aanbevelingen van de administratie op basis van de insteken van keynotesprekers en ..."
    (r"^aanbevelingen van de administratie\b", "abb_recommendation"),
)

# A label that names who the following recommendations are for ("Aanbevelingen aan de Vlaamse
# Regering", "Aanbevelingen aan de Vlaamse minister(s) bevoegd voor Brussel en de Vlaamse Rand").
ADDRESSEE_LABEL = r"^aanbevelingen aan (?:de )?(?P<who>.+)$"

# The label "Aanbevelingen:" in a priority section ("4.3. Cybersecurity"): the paragraphs after it
# are recommendations too, not only the list items.
PARAGRAPHS_LABEL = r"^aanbevelingen$"

# A paragraph inside the debate itself that lists recommendations after its colon.
BODY_PARAGRAPH_KINDS: tuple[tuple[str, str], ...] = (
    # "Op het einde van het debat deden de meeste aanwezigen in een Mentimeter volgende
    # beleidsaanbevelingen: aanpakken van de jongerenproblematiek, ..."
    (r"\bvolgende (?:beleids)?aanbevelingen:\s*\S", "debate_recommendation"),
)

# Paragraphs and items that point elsewhere or announce what follows: never a recommendation.
NOT_RECOMMENDATIONS: tuple[str, ...] = (
    r"^hieronder vind je\b",  # "Hieronder vind je onze prioritaire beleidsaanbevelingen ..."
    r"^in deze sectie presenteren we\b",  # "In deze sectie presenteren we de aanbevelingen van ABB ..."
    r"^hierna volg",  # "Hierna volgende de aanbevelingen en conclusies uit het debat ..."
    r"\borganiseerden we (?:een )?stakeholders",  # "Over ... organiseerden we een stakeholdersdebat. Meer ..."
    r"^zie ook\b",  # "Zie ook de aanbevelingen vanuit het stakeholdersdebat ..."
)

# A paragraph that opens with a quotation mark quotes a source ("“Waar veel vooruitgang is ...”
# (Gert Peersman, De Standaard, ...)"): context, not ABB's recommendation.
CITATION_OPENERS = "“„\""

# Who a recommendation addresses, when its text names them as the subject of a sentence ("De
# Vlaamse overheid moet ...", "Lokale besturen kunnen ..."). Order matters: the first row that
# matches the name found wins ("steden en gemeenten" before "gemeenten").
ADDRESSEES: tuple[tuple[str, str], ...] = (
    (r"vlaamse regering", "Vlaamse Regering"),
    (r"vlaamse overheid", "Vlaamse overheid"),
    (r"vlaamse regelgever", "Vlaamse regelgever"),
    (r"federale (?:overheid|regering)", "federale overheid"),
    (r"bovenlokale overheden", "bovenlokale overheden"),
    (r"lokale (?:besturen|overheden)", "lokale besturen"),
    (r"steden en gemeenten", "steden en gemeenten"),
    (r"gemeenten", "gemeenten"),
    (r"ocmw", "OCMW"),
    (r"abb|agentschap binnenlands bestuur", "ABB"),
    (r"vlaanderen", "Vlaanderen"),
)
# Verbs that make the name before them the one who has to act.
ADDRESSEE_VERBS = r"moet|moeten|kan|kunnen|zou|zouden|dient|dienen|mag|mogen"
# A lead-in that names who its list is for: "... volgend flankerend beleid van de Vlaamse Regering:",
# "... doet ABB de volgende aanbevelingen aan de Vlaamse Regering:".
LEAD_IN_ADDRESSEE = r"\b(?:aan|van) (?:de )?(?P<who>vlaamse regering|vlaamse overheid|lokale besturen)\s*:$"

# Part titles are printed with "Beleid " in front of some policy fields ("Beleid Brussel").
POLICY_FIELD_PREFIXES: tuple[str, ...] = ("beleid ",)
# Policy field for recommendations found before any part title (only in damaged text).
FALLBACK_POLICY_FIELD = "Algemeen"

# The document's title; the period comes from "een regeerakkoord 2024-2029" in the foreword.
TITLE = "Inspiratiebundel van het Agentschap Binnenlands Bestuur"
TITLE_PERIOD = r"\bregeerakkoord (\d{4}-\d{4})\b"

# Digits glued to a lowercase word are footnote markers ("inwoners4", "Brussel33"), except units.
GLUED_NUMBERS_TO_KEEP = frozenset({"km2", "m2", "m3"})

# --- Layout constants (measured on the seed) ---------------------------------------------------

# Wrapped lines of body text are 95-115 characters; an author's line break leaves a shorter line.
FULL_WIDTH = 95
# A single-level heading ("4. Muntpunt") is a short line; a numbered list item usually is not.
HEADING_MAX_WIDTH = 90
# Footnote numbers run 1, 2, 3 ... through the document; allow a few to be missing.
FOOTNOTE_WINDOW = 5
# A footnote block ends at the next page (a page number, or a line indented by one space) within
# this many lines; if not, the "footnote" was text after all.
FOOTNOTE_MAX_LINES = 25
# List bullets of the extraction ("\t· ", "\t‣ Stelling 1: ...").
BULLETS = "·‣•▪"
# Sentence punctuation that ends a line of text; "…" ends lists in this document.
ELLIPSIS = "…"
# dehyphenate() only needs the end of the text so far; handing it all of a long paragraph would
# make joining quadratic.
DEHYPHENATE_TAIL = 80

# --- Compiled once ----------------------------------------------------------------------------

_I = re.IGNORECASE
_SECTION_ROLES = tuple((re.compile(pattern, _I), role) for pattern, role in SECTION_ROLES)
_CONCLUSION_HEADING_KINDS = tuple((re.compile(p, _I), kind) for p, kind in CONCLUSION_HEADING_KINDS)
_INTRO_KINDS = tuple((re.compile(p, _I), kind) for p, kind in INTRO_KINDS)
_LABEL_KINDS = tuple((re.compile(p, _I), kind) for p, kind in LABEL_KINDS)
_ADDRESSEE_LABEL = re.compile(ADDRESSEE_LABEL, _I)
_PARAGRAPHS_LABEL = re.compile(PARAGRAPHS_LABEL, _I)
_BODY_PARAGRAPH_KINDS = tuple((re.compile(p, _I), kind) for p, kind in BODY_PARAGRAPH_KINDS)
_NOT_RECOMMENDATIONS = re.compile("|".join(f"(?:{p})" for p in NOT_RECOMMENDATIONS), _I)
_ADDRESSEE_ROWS = tuple((re.compile(p, _I), name) for p, name in ADDRESSEES)
_WHO = "|".join(f"(?:{p})" for p, _ in ADDRESSEES)
_ADDRESSEE_SUBJECT = re.compile(
    rf"\b(?P<who>{_WHO})\s+(?:{ADDRESSEE_VERBS})\b"
    rf"|\bvragen? (?:we |wij )?(?:aan )?(?:de )?(?:voltallige )?(?P<asked>{_WHO})\b",
    _I,
)
_LEAD_IN_ADDRESSEE = re.compile(LEAD_IN_ADDRESSEE, _I)
_TITLE_PERIOD = re.compile(TITLE_PERIOD)

# "6.1.4. Conclusie", "5.2.4 Conclusie", "4.\tHervorming", "10. Debat over"
_HEADING = re.compile(r"(?P<number>[0-9]{1,2}(?:\.[0-9]{1,2}){0,3})(?P<dot>\.?)[\t ]+(?P<title>\S.*)")
_BULLET = re.compile(rf"[{BULLETS}][\t ]*(?P<text>.*)")
_NUMBERED = re.compile(r"(?P<number>[0-9]{1,2})\.[\t ]+(?P<text>\S.*)")
_FOOTNOTE = re.compile(r"(?P<number>[0-9]{1,3})[\t ]+\S")
_URL_LINE = re.compile(r"(?:https?://|www\.)\S*")
_DIGITS = re.compile(r"[0-9]+")
# The document's own words decide doubtful line breaks (see _join); Latin-1 letters cover Dutch
# and are much faster to scan for than any Unicode letter.
_WORD = re.compile(r"[a-zà-ÿ]+")
_FIRST_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK = re.compile(r"[.!?…][’”)]?\s+(?=[A-Z‘“(À-Þ])")
_LETTER = re.compile(r"[^\W\d_]")


# --- Units: the document as headings, paragraphs and list items ------------------------------


@dataclass
class _Fragment:
    line: int  # 1-based line number in the file
    text: str  # the line without furniture, markers or edges
    open_end: bool  # the raw line ends in a letter with no space after it (a lost soft hyphen?)
    spaced: bool = False  # the raw line ends with a space, as wrapped lines do on most pages
    width: int = 0  # length of the raw line without trailing spaces


@dataclass
class _Unit:
    kind: str  # "part", "heading", "para" or "item"
    fragments: list[_Fragment]
    page_start: bool  # the first line starts a page (it is indented by one space)
    number: str = ""  # "6.1.4" for a heading, "3" for a numbered item, "" otherwise
    bullet: bool = False  # a "·" item rather than a numbered one
    text: str = ""  # fragments joined, set when the unit is complete
    offsets: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line)
    label: str | None = None  # see _label(); set by _BlockReader

    @property
    def line(self) -> int:
        return self.fragments[0].line


def _has_letters(text: str) -> bool:
    return _LETTER.search(text) is not None


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip("”’\"')] ")
    return ends_sentence(text) or stripped.endswith(ELLIPSIS)


def _is_page_start(raw: str) -> bool:
    """Pages of the extraction begin with a line indented by exactly one space."""
    return raw.startswith(" ") and raw[1:2] not in (" ", "")


class _Tokenizer:
    """One pass over the lines: drops page furniture, strips footnote markers and groups lines into
    units. Headings are recognised here because that needs the running section number."""

    def __init__(self, lines: list[str], vocabulary: set[str]) -> None:
        self.lines = lines
        self.vocabulary = vocabulary
        self.units: list[_Unit] = []
        self.current: _Unit | None = None
        self.gap = False  # blank lines since the last text line
        self.furniture = False  # page furniture since the last text line
        self.top = 0  # number of the last top-level section in the current part
        self.next_footnote = 1  # number the next footnote text should carry
        self.next_marker = 1  # number the next footnote marker should carry

    def run(self) -> list[_Unit]:
        lines = self.lines
        skip_until = 0
        for index, raw in enumerate(lines):
            if index < skip_until:
                continue
            text = normalize_line(raw)
            if not text:
                self.gap = True
                continue
            if (text[0] in "hw" and _URL_LINE.fullmatch(text)) or (len(text) <= 4 and is_page_furniture(text)):
                self.furniture = True
                continue
            if self.gap and (end := self._footnotes_end(index, raw)):
                skip_until = end
                self.furniture = True
                continue
            self._text_line(index, raw, text)
            self.gap = self.furniture = False
        self._close()
        return self.units

    # Footnotes sit at the bottom of a page: "4 Voor wijk-werken hanteren we ..." after a blank
    # line, up to the page number or the first line of the next page.
    def _footnotes_end(self, index: int, raw: str) -> int:
        match = _FOOTNOTE.match(raw)
        if not match or not self.next_footnote <= int(match["number"]) <= self.next_footnote + FOOTNOTE_WINDOW:
            return 0
        lines = self.lines
        last = min(len(lines), index + FOOTNOTE_MAX_LINES)
        for end in range(index + 1, last + 1):
            if end == len(lines):
                break
            line = lines[end]
            if _is_page_start(line) or (line.strip() and len(line.strip()) <= 4 and is_page_furniture(line)):
                break
        else:
            return 0
        for footnote_line in lines[index:end]:
            footnote = _FOOTNOTE.match(footnote_line)
            if footnote and self.next_footnote <= int(footnote["number"]) <= self.next_footnote + FOOTNOTE_WINDOW:
                self.next_footnote = int(footnote["number"]) + 1
        return end

    def _text_line(self, index: int, raw: str, text: str) -> None:
        text = self._strip_markers(text)
        if not text:
            return
        number = index + 1
        raw = raw.rstrip("\r")
        width = len(raw.rstrip())
        fragment = _Fragment(number, text, raw[-1:].isalpha(), raw[-1:] in (" ", "\t"), width)
        page_start = _is_page_start(raw)
        if text == "Inleiding":
            self._start_part(fragment)
            return
        if self.current is not None and self.current.kind == "heading" and self._continues(text, page_start):
            self.current.fragments.append(fragment)
            return
        heading = self._heading(index, text) if text[0].isdigit() else None
        if heading is not None:
            number_, title = heading
            self._open(_Unit("heading", [_Fragment(number, title, False)], page_start, number=number_))
            return
        bullet = _BULLET.fullmatch(text) if text[0] in BULLETS else None
        if bullet is not None:
            item = _Fragment(number, bullet["text"], fragment.open_end, fragment.spaced, width)
            self._open(_Unit("item", [item], page_start, bullet=True))
            return
        numbered = _NUMBERED.fullmatch(text) if text[0].isdigit() else None
        if numbered is not None:
            item = _Fragment(number, numbered["text"], fragment.open_end, fragment.spaced, width)
            self._open(_Unit("item", [item], page_start, number=numbered["number"]))
            return
        if self.current is not None and self._continues(text, page_start):
            self.current.fragments.append(fragment)
            return
        self._open(_Unit("para", [fragment], page_start))

    def _continues(self, text: str, page_start: bool) -> bool:
        """Does this line carry on the open unit, or start a new paragraph?"""
        unit = self.current
        assert unit is not None
        previous = unit.fragments[-1]
        last = previous.text
        if not last or unit.kind == "part":
            return False
        lower = text[0].islower()
        wide = previous.width >= FULL_WIDTH
        if unit.kind == "heading":
            return not (self.gap or self.furniture) and lower and not _ends_sentence(last)
        if not (self.gap or self.furniture):
            # Next to each other: a short line before this one was a line break the author typed.
            return wide or lower
        if _ends_sentence(last):
            return False
        if lower or last.endswith("-"):
            return True
        # A sentence running on over a page break, or the blank line the PDF puts after the first
        # line of a list item.
        return wide and (self.furniture or page_start or (unit.kind == "item" and len(unit.fragments) == 1))

    def _heading(self, index: int, text: str) -> tuple[str, str] | None:
        match = _HEADING.fullmatch(text)
        if match is None:
            return None
        number, title = match["number"], match["title"].strip()
        levels = number.split(".")
        if len(levels) == 1:
            # "4. Muntpunt": the next top-level number, on a short line of its own.
            next_line = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
            if (
                match["dot"] != "."
                or int(number) != self.top + 1
                or len(self.lines[index].rstrip()) >= HEADING_MAX_WIDTH
                or title[-1] in ".:;"
                or next_line
            ):
                return None
        else:
            # "6.1.4. Conclusie ...": a sub-section of the current (or next) top-level section.
            if int(levels[0]) not in (self.top, self.top + 1) or not (title[0].isupper() or title[0] in "‘'\""):
                return None
        self.top = int(levels[0])
        return number, title

    def _start_part(self, fragment: _Fragment) -> None:
        """'Inleiding' opens a part; the title printed right before it names the part."""
        self._close()
        previous = self.units[-1] if self.units else None
        if (
            previous is not None
            and previous.kind == "para"
            and previous.page_start
            and len(previous.fragments) <= 4
            and len(previous.text) <= 120
        ):
            previous.kind = "part"
        self.top = 0
        self._open(_Unit("heading", [fragment], False))
        self._close()

    def _open(self, unit: _Unit) -> None:
        self._close()
        self.current = unit

    def _close(self) -> None:
        unit = self.current
        if unit is None:
            return
        self.current = None
        unit.text, unit.offsets = _join(unit.fragments, self.vocabulary)
        self.units.append(unit)

    def _strip_markers(self, text: str) -> str:
        """Drop footnote markers: digits glued to a word ("inwoners4"), to a closing quote or
        bracket after a word ("Vlaanderen’1", "(EY)14", "tolkdiensten…100") or to the full stop
        after a word ("geslopen.30 Met")."""
        kept: list[str] = []
        done = 0
        for run in _DIGITS.finditer(text):
            start, end = run.span()
            if start and self._is_marker(text, start, end):
                kept.append(text[done:start])
                done = end
        if not done:
            return text
        kept.append(text[done:])
        return "".join(kept).strip()

    def _is_marker(self, text: str, start: int, end: int) -> bool:
        after = text[end : end + 1]
        if end - start > 3 or after.isalnum() or after == "_":
            return False
        before = text[start - 1]
        word_end = start
        if before in "’”)…" or (before == "." and not after.strip()):
            word_end = start - 1
        glued = _trailing_letters(text, word_end)
        if not glued:
            return False
        digits = text[start:end]
        value = int(digits)
        if word_end == start:
            if (glued + digits).lower() in GLUED_NUMBERS_TO_KEEP:
                return False
            # "W13", "NT2", "B1" are names; "OV17" is footnote 17 after an acronym.
            if glued.isupper() and not self.next_marker <= value <= self.next_marker + 2:
                return False
        if value >= self.next_marker:
            self.next_marker = value + 1
        return True


def _trailing_letters(text: str, end: int | None = None) -> str:
    """The letters right before `end` ("inwo" in "... 30.000 inwo-"); scans back, not forward."""
    end = len(text) if end is None else end
    start = end
    while start and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _join(fragments: list[_Fragment], vocabulary: set[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join the lines of one unit, undoing line-break hyphens, with the offset of every line."""
    text = ""
    offsets: list[tuple[int, int]] = []
    previous: _Fragment | None = None
    spaced = False  # an earlier line of this unit ended with a space: this page wraps that way
    for fragment in fragments:
        piece = fragment.text
        if not piece:
            continue
        if previous is None or not text:
            offsets.append((len(text), fragment.line))
            text = piece
        elif text.endswith("-"):
            if _known_word(text, piece, vocabulary, len(text) - 1):
                # The document spells the word unbroken elsewhere: "ex-" / "tra", "Vlaams-Bra-" /
                # "bant", "groei-" / "ende", which dehyphenate()'s general rules would keep apart.
                offsets.append((len(text) - 1, fragment.line))
                text = text[:-1] + piece
            else:
                head, tail = text[:-DEHYPHENATE_TAIL], text[-DEHYPHENATE_TAIL:]
                text = head + dehyphenate(tail, piece)
                offsets.append((len(text) - len(piece), fragment.line))
        elif text.endswith("/"):
            # "City/" / "Regio Deals": a slash at the end of a line joins two words.
            offsets.append((len(text), fragment.line))
            text += piece
        elif previous.open_end and piece[0].islower() and (spaced or _known_word(text, piece, vocabulary)):
            # A soft hyphen the extraction dropped ("steden" / "beleid"). Wrapped lines end with a
            # space; on pages where none do, only a word known from elsewhere decides.
            offsets.append((len(text), fragment.line))
            text += piece
        else:
            text += " "
            offsets.append((len(text), fragment.line))
            text += piece
        spaced = spaced or (previous is not None and previous.spaced)
        previous = fragment
    return text, offsets


def _known_word(text: str, piece: str, vocabulary: set[str], end: int | None = None) -> bool:
    """Do the letters before `end` in `text` and the first of `piece` make a word of this document?"""
    if not piece[:1].islower():
        return False
    head = _trailing_letters(text, end)
    tail = _FIRST_LETTERS.match(piece)
    return bool(head) and tail is not None and (head + tail.group(0)).lower() in vocabulary


# --- Blocks: the units of one recommendation section ------------------------------------------


@dataclass
class _Block:
    part: int
    policy_field: str
    section: str  # ParsedRecommendation.section
    number: str  # the heading number, e.g. "6.1.4"
    kind: str | None  # None in a debate body until a label opens a list
    paragraphs: bool  # prose paragraphs are recommendations here (not only list items)
    body: bool  # inside "Het stakeholdersdebat"
    intro: bool  # the first paragraph may name the kind (INTRO_KINDS)
    level: int  # depth of the heading that opened the block
    units: list[_Unit] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return f"{self.part}.{self.number}"


def _normalized(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(":.").strip().lower()


def _first_match(rows: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str | None:
    for pattern, value in rows:
        if pattern.search(text):
            return value
    return None


def _label(unit: _Unit) -> str | None:
    """The normalised text of a label unit ("conclusies uit het debat"), else None.

    A label is a short line of its own: either one of the known labels, or a topic line without
    sentence punctuation ("Kraakhelder Vlaams beleidskader"). A list item is a label only when it
    is a known one ("· Conclusies over het openbaar maken van besluiten van lokale besturen:").
    """
    text = unit.text
    if not text or len(text) > 200 or unit.kind not in ("para", "item"):
        return None
    norm = _normalized(text)
    known = (
        _first_match(_LABEL_KINDS, norm) is not None
        or _ADDRESSEE_LABEL.search(norm) is not None
        or _PARAGRAPHS_LABEL.search(norm) is not None
    )
    if unit.kind == "item":
        short = len(text) <= 120 and (text.endswith(":") or not _ends_sentence(text))
        return norm if known and short else None
    if known and (len(unit.fragments) <= 3):
        return norm
    topic = (
        len(unit.fragments) <= 2
        and len(text) <= 120
        and not _ends_sentence(text)
        and not text.endswith((",", "-"))
        and (text[0].isupper() or text[0] in "‘'\"")
    )
    return norm if topic else None


def _single_sentence(text: str) -> bool:
    return _SENTENCE_BREAK.search(text) is None


def _without_last_sentence(text: str) -> str:
    """'Een goede balans ... is van belang. Het zorgaanbod verdient volgend beleid:' -> the first."""
    breaks = list(_SENTENCE_BREAK.finditer(text))
    if not breaks:
        return ""
    return text[: breaks[-1].end()].rstrip()


def _addressee(text: str) -> str:
    """Who the text addresses, when it names them as the one to act ("De Vlaamse overheid moet")."""
    match = _ADDRESSEE_SUBJECT.search(text)
    if match is None:
        return ""
    who = match["who"] or match["asked"] or ""
    for pattern, name in _ADDRESSEE_ROWS:
        if pattern.fullmatch(who):
            return name
    return ""


def _lead_in_addressee(text: str) -> str:
    match = _LEAD_IN_ADDRESSEE.search(text)
    if match is None:
        return ""
    return _addressee_name(match["who"])


def _addressee_name(who: str) -> str:
    who = " ".join(who.split()).strip(" :.")
    for pattern, name in _ADDRESSEE_ROWS:
        if pattern.fullmatch(who):
            return name
    # A label names its addressee in full: "Vlaamse minister(s) bevoegd voor Brussel en ..."
    return who[:1].upper() + who[1:]


def _headline_spans(units: list[_Unit]) -> dict[int, int]:
    """Numbered items that carry their own paragraphs or bullets: index -> end (exclusive).

    In "1. Voorzie bijkomende structurele financiering" / "De beperkte beschikbaarheid ..." /
    "2. Dicht de lokale kenniskloof" the paragraph between 1 and 2 belongs to 1. The last item of
    such a list takes what follows it up to the next label or heading. A list whose items follow
    each other directly ("1. de labo- en pioniersfunctie ..." / "2. in te spelen op ...") takes
    nothing: a paragraph after it stands on its own.
    """
    spans: dict[int, int] = {}
    headline_list = False
    for index, unit in enumerate(units):
        if unit.kind != "item" or unit.bullet or unit.label is not None or not _has_letters(unit.text):
            continue
        printed = int(unit.number)
        if printed == 1:
            headline_list = False
        end = index + 1
        while end < len(units):
            following = units[end]
            if following.kind == "heading" or following.label is not None:
                break
            if following.kind == "item" and not following.bullet:
                break
            if following.kind == "para" and following.text.endswith(":"):
                break
            end += 1
        if end == index + 1:
            continue
        stop = units[end] if end < len(units) else None
        next_in_list = (
            stop is not None and stop.kind == "item" and not stop.bullet and stop.number == str(printed + 1)
        )
        if next_in_list or headline_list:
            spans[index] = end
            headline_list = True
    return spans


class _BlockReader:
    """Turns the units of one block into recommendations, following the tables above."""

    def __init__(self, block: _Block, out: list[ParsedRecommendation]) -> None:
        self.block = block
        self.out = out
        self.kind = block.kind
        self.paragraphs = block.paragraphs
        self.intro = block.intro
        self.label_addressee = ""
        self.list_addressee = ""
        self.counters: dict[tuple[str, bool], int] = {}
        self.foldable: ParsedRecommendation | None = None  # ends with ":", takes lowercase items
        self.last_item: ParsedRecommendation | None = None  # the last recommendation from a bullet

    def read(self) -> None:
        units = self.block.units
        for unit in units:
            unit.label = _label(unit)
        spans = _headline_spans(units)
        index = 0
        while index < len(units):
            unit = units[index]
            following = units[index + 1] if index + 1 < len(units) else None
            previous = units[index - 1] if index else None
            if index in spans:
                self._headline(unit, units[index + 1 : spans[index]])
                index = spans[index]
                continue
            self._unit(unit, previous, following)
            index += 1

    def _unit(self, unit: _Unit, previous: _Unit | None, following: _Unit | None) -> None:
        if unit.kind == "heading":
            self._reset_lists()
            return
        text = unit.text
        if not _has_letters(text):
            return
        if unit.label is not None:
            self._apply_label(unit.label, text)
            return
        if unit.kind == "para":
            self._paragraph(unit, previous, following)
        else:
            self._item(unit)

    def _apply_label(self, label: str, text: str) -> None:
        self._reset_lists()
        self.intro = False
        self.last_item = None
        # Read the addressee from the printed text: the label itself is lowercased.
        addressee = _ADDRESSEE_LABEL.search(" ".join(text.split()).rstrip(":. "))
        if addressee is not None:
            self.label_addressee = _addressee_name(addressee["who"])
            return
        if _PARAGRAPHS_LABEL.search(label):
            self.paragraphs = True
            return
        kind = _first_match(_LABEL_KINDS, label)
        if kind is not None:
            self.kind = kind
            self.label_addressee = ""

    def _paragraph(self, unit: _Unit, previous: _Unit | None, following: _Unit | None) -> None:
        text = unit.text
        if self.block.body:
            kind = _first_match(_BODY_PARAGRAPH_KINDS, text)
            if kind is not None:
                self._emit(kind, unit, text, paragraph=True)
                self._reset_lists()
                return
        if self.intro:
            self.intro = False
            kind = _first_match(_INTRO_KINDS, text.lower())
            if kind is not None:
                self.kind = kind
                if _single_sentence(text):
                    return
        if text.startswith(tuple(CITATION_OPENERS)) or _NOT_RECOMMENDATIONS.search(text):
            self._reset_lists()
            return
        # The PDF puts a blank line inside some bullets: a paragraph between two bullets of one list
        # is the rest of the first ("De bijkomende middelen kunnen ook aangewend worden ...:").
        if (
            self.last_item is not None
            and previous is not None
            and previous.kind == "item"
            and previous.bullet
            and following is not None
            and following.kind == "item"
            and following.bullet
            and following.label is None
        ):
            self.last_item.text += "\n" + text
            self.foldable = self.last_item if text.endswith(":") else None
            return
        self._reset_lists()
        if self.kind is None:
            return
        if text.endswith(":") and following is not None and following.kind == "item":
            if following.text[:1].islower() and self.paragraphs and self.kind != "priority":
                # "Volgens de experts ... volgende zaken:" / "schaalvergroting door fusies": one
                # conclusion. A priority list stays a list ("We maken werk van:" / "een beleidskader
                # ..."): each item is a recommendation to track.
                self.foldable = self._emit(self.kind, unit, text, paragraph=True)
                return
            # A lead-in announces its list; what comes before that sentence may be a recommendation.
            head = _without_last_sentence(text)
            if head and self.paragraphs:
                self._emit(self.kind, unit, head, paragraph=True)
            self.list_addressee = _lead_in_addressee(text)
            return
        if self.paragraphs:
            self._emit(self.kind, unit, text, paragraph=True)

    def _item(self, unit: _Unit) -> None:
        text = unit.text
        self.intro = False
        if self.kind is None:
            return
        if text[0].islower() and self.foldable is not None:
            marker = "·" if unit.bullet else f"{unit.number}."
            self.foldable.text += f"\n{marker} {text}"
            return
        if _NOT_RECOMMENDATIONS.search(text):
            self.foldable = self.last_item = None
            return
        recommendation = self._emit(self.kind, unit, text, paragraph=False)
        self.foldable = recommendation if text.endswith(":") else None
        self.last_item = recommendation if unit.bullet else None

    def _headline(self, unit: _Unit, details: list[_Unit]) -> None:
        """A numbered headline with its explanation: paragraphs join it, bullets become n.k."""
        self.intro = False
        if self.kind is None:
            return
        parts = [unit.text]
        bullets = []
        for detail in details:
            if not _has_letters(detail.text):
                continue
            if detail.kind == "item" and detail.bullet:
                bullets.append(detail)
            elif detail.kind == "para" and not detail.text.startswith(tuple(CITATION_OPENERS)):
                parts.append(detail.text)
        parent = self._emit(self.kind, unit, "\n\n".join(parts), paragraph=False)
        for position, bullet in enumerate(bullets, start=1):
            self.out.append(self._recommendation(self.kind, bullet, bullet.text, f"{parent.number}.{position}"))
        self._reset_lists()

    def _emit(self, kind: str, unit: _Unit, text: str, *, paragraph: bool) -> ParsedRecommendation:
        code = KIND_CODES[kind]
        key = (code, paragraph)
        self.counters[key] = self.counters.get(key, 0) + 1
        number = f"{self.block.prefix}-{code}{'p' if paragraph else ''}{self.counters[key]}"
        recommendation = self._recommendation(kind, unit, text, number)
        self.out.append(recommendation)
        return recommendation

    def _recommendation(self, kind: str, unit: _Unit, text: str, number: str) -> ParsedRecommendation:
        addressee = self.list_addressee or self.label_addressee or _addressee(text)
        return ParsedRecommendation(
            policy_field=self.block.policy_field,
            section=self.block.section,
            kind=kind,
            number=number,
            line=unit.line,
            text=text,
            addressee=addressee,
        )

    def _reset_lists(self) -> None:
        self.foldable = None
        self.list_addressee = ""


# --- The document -------------------------------------------------------------------------------


@dataclass
class _Walker:
    """Follows parts and sections over the units and hands recommendation blocks to _BlockReader."""

    recommendations: list[ParsedRecommendation] = field(default_factory=list)
    speeches: list[ParsedSpeech] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    part_lines: list[int] = field(default_factory=list)
    block: _Block | None = None
    setting: list[_Unit] | None = None
    setting_heading: str = ""
    setting_level: int = 0
    debate: str = ""
    debate_level: int = 0
    debate_line: int = 0
    debate_concluded: bool = True
    sections_found: int = 0

    @property
    def policy_field(self) -> str:
        return self.parts[-1] if self.parts else FALLBACK_POLICY_FIELD

    def walk(self, units: list[_Unit]) -> None:
        for unit in units:
            if unit.kind == "part":
                self._close(level=0)
                self._close_debate()
                self.parts.append(_policy_field(unit.text))
                self.part_lines.append(unit.line)
            elif unit.kind == "heading":
                self._heading(unit)
            else:
                if self.block is not None:
                    self.block.units.append(unit)
                if self.setting is not None:
                    self.setting.append(unit)
        self._close(level=0)
        self._close_debate()

    def _heading(self, unit: _Unit) -> None:
        level = unit.number.count(".") + 1 if unit.number else 1
        self._close(level)
        title = unit.text
        role = _first_match(_SECTION_ROLES, title)
        if self.debate and level <= self.debate_level and role != "debate":
            self._close_debate()
        if role is None:
            if self.block is not None:
                self.block.units.append(unit)  # a sub-heading ("5.2. Transparante ...") inside the list
            return
        if role == "debate":
            self._close_debate()
            self.debate, self.debate_level, self.debate_line = title, level, unit.line
            self.debate_concluded = False
            return
        if role == "setting":
            self.setting, self.setting_level = [], level
            self.setting_heading = f"{self.debate} – {unit.number}. {title}" if self.debate else f"{unit.number}. {title}"
            return
        section = f"Debatfiche: {self.debate}" if self.debate else _capitalized(title)
        if role == "priority":
            section = _capitalized(title)
            kind, paragraphs, body = "priority", False, False
        elif role == "conclusions":
            kind = _first_match(_CONCLUSION_HEADING_KINDS, title.lower()) or "debate_recommendation"
            paragraphs, body = True, False
            self.debate_concluded = True
        else:
            kind, paragraphs, body = None, False, True
        if role != "debate_body":
            self.sections_found += 1
        self.block = _Block(
            part=len(self.parts),
            policy_field=self.policy_field,
            section=section[:300],
            number=unit.number or "0",
            kind=kind,
            paragraphs=paragraphs,
            body=body,
            intro=role == "conclusions",
            level=level,
        )

    def _close(self, level: int) -> None:
        if self.block is not None and (level == 0 or level <= self.block.level):
            _BlockReader(self.block, self.recommendations).read()
            self.block = None
        if self.setting is not None and (level == 0 or level <= self.setting_level):
            speech = _speech(self.setting, self.setting_heading)
            if speech is not None:
                self.speeches.append(speech)
            self.setting = None

    def _close_debate(self) -> None:
        if self.debate and not self.debate_concluded:
            self.warnings.append(
                f"debate sheet '{self.debate}' (line {self.debate_line}) has no 'Conclusie en aanbevelingen' section"
            )
        self.debate, self.debate_level, self.debate_concluded = "", 0, True


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _policy_field(title: str) -> str:
    """'Beleid Brussel' -> 'Brussel'; 'Beleid samenleven - gelijke kansen, ...' -> 'Samenleven - ...'."""
    title = " ".join(title.split())
    for prefix in POLICY_FIELD_PREFIXES:
        if title.lower().startswith(prefix):
            title = title[len(prefix) :]
    return _capitalized(title)[:200] or FALLBACK_POLICY_FIELD


def _speech(units: list[_Unit], heading: str) -> ParsedSpeech | None:
    """A debate sheet's setting (date, panel, audience) as one passage without a speaker."""
    parts: list[str] = []
    line_starts: list[tuple[int, int]] = []
    length = 0
    for unit in units:
        if unit.kind == "heading" or not unit.text or not unit.offsets:
            continue
        if parts:
            length += 2
        text = f"· {unit.text}" if unit.bullet else unit.text
        shift = length + (len(text) - len(unit.text))
        line_starts.extend((shift + offset, line) for offset, line in unit.offsets)
        parts.append(text)
        length += len(text)
    if not parts:
        return None
    lines = [unit.fragments[-1].line for unit in units if unit.text and unit.offsets]
    return ParsedSpeech(
        speaker="",
        role="",
        party="",
        start_line=line_starts[0][1],
        end_line=max(lines),
        text="\n\n".join(parts),
        line_starts=line_starts,
        heading=heading,
    )


def _unique_numbers(recommendations: list[ParsedRecommendation]) -> None:
    """Damaged text (a heading printed twice) can repeat a number; keep them unique."""
    seen: set[str] = set()
    for recommendation in recommendations:
        number = recommendation.number[:45]
        candidate, copy = number, 1
        while candidate in seen:
            copy += 1
            candidate = f"{number}~{copy}"
        recommendation.number = candidate
        seen.add(candidate)


def _title(text: str) -> str:
    period = _TITLE_PERIOD.search(text)
    return f"{TITLE} ({period.group(1)})" if period else TITLE


def parse_bundle(text: str) -> ParsedDocument:
    """Parse the ABB recommendation bundle into a `ParsedDocument` of kind "bundle".

    Raises `ParseError` when the text is not such a bundle: no part (a title before "Inleiding")
    and no recommendation or "Conclusie en aanbevelingen" section.
    """
    if not text.strip():
        raise ParseError("The text is empty: expected the ABB recommendation bundle (inspiratiebundel).")
    lines = [raw for _, raw in number_lines(text)]
    vocabulary = set(_WORD.findall(text.lower()))
    units = _Tokenizer(lines, vocabulary).run()
    walker = _Walker()
    walker.walk(units)
    if not walker.parts and not walker.sections_found:
        raise ParseError(
            "This is not an ABB recommendation bundle: found no part (a title followed by 'Inleiding') "
            "and no 'Beleidsaanbevelingen' or 'Conclusie en aanbevelingen' section."
        )
    _unique_numbers(walker.recommendations)
    warnings = list(walker.warnings)
    if not walker.parts:
        warnings.append(f"no part title found: recommendations are filed under '{FALLBACK_POLICY_FIELD}'")
    fields_with_recommendations = {rec.policy_field for rec in walker.recommendations}
    for name, line in zip(walker.parts, walker.part_lines):
        if name not in fields_with_recommendations:
            warnings.append(f"part '{name}' (line {line}) has no recommendations")
    return ParsedDocument(
        kind="bundle",
        title=_title(text),
        date=None,
        speeches=walker.speeches,
        recommendations=walker.recommendations,
        warnings=warnings,
    )

"""What a parser returns: plain data, no database.

Every parser (committee transcripts, committee reports, the ABB recommendation bundle, free text)
returns a `ParsedDocument`. `parse --json` prints it; `transcripts.ingest` stores it. Keeping the
parse result free of Django makes the parsers fast to test and lets a dry run show exactly what an
ingest would write.

Line numbers are 1-based in the original file, so that every quote links back to its line.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date


class ParseError(Exception):
    """The text holds nothing a parser can use. The message is meant for the person who gave it."""


# Values shared with the models' TextChoices (kept as plain strings so this module needs no Django).
DOCUMENT_KINDS = ("transcript", "report", "bundle", "other")
SPEAKER_ROLES = ("mp", "minister", "chair", "official", "")
ITEM_STATES = ("handled", "joined", "withdrawn")
RECOMMENDATION_KINDS = ("priority", "debate_conclusion", "debate_recommendation", "abb_recommendation")


@dataclass
class ParsedMeeting:
    committee: str  # "Commissie voor Binnenlands Bestuur, Gelijke Kansen en Inburgering"
    number: str  # "C20 (2020-2021)"
    date: date | None

    def to_json(self) -> dict:
        return {
            "committee": self.committee,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
        }


@dataclass
class ParsedItem:
    kind: str  # "vraag om uitleg", "actuele vraag", "vraag", ...
    number: str  # "15 (2020-2021)"
    title: str  # the subject after "over", on one line
    asker: str  # "Brecht Warnez"
    asker_party: str  # "CD&V"
    minister: str  # "Bart Somers"
    chair: str  # "Kris Van Dijck"
    state: str  # one of ITEM_STATES
    start_line: int
    end_line: int
    joined_with: str = ""  # the number of the item it was handled together with

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "number": self.number,
            "title": self.title,
            "asker": self.asker,
            "asker_party": self.asker_party,
            "minister": self.minister,
            "chair": self.chair,
            "state": self.state,
            "joined_with": self.joined_with,
            "start_line": self.start_line,
            "end_line": self.end_line,
        }


@dataclass
class ParsedSpeech:
    """A speaking turn in a transcript, or a passage of a report or free text."""

    speaker: str  # full name as printed ("Bart Somers"), "" when the text names nobody
    role: str  # one of SPEAKER_ROLES
    party: str  # "CD&V", "" for ministers and unknown
    start_line: int
    end_line: int
    text: str  # furniture removed, hyphenation across lines joined, paragraphs separated by "\n\n"
    # (offset in `text`, line number in the original file) for the start of every original line
    # that contributed to `text`, in order: lets a quote found in `text` name its own line.
    line_starts: list[tuple[int, int]] = field(default_factory=list)
    heading: str = ""  # section heading for report passages ("1.3. Hr en Audit ...")
    item_index: int | None = None  # index into ParsedDocument.items, None outside any item

    def line_at(self, offset: int) -> int:
        """The original line number of the character at `offset` in `text`."""
        if not self.line_starts:
            return self.start_line
        offsets = [start for start, _ in self.line_starts]
        index = bisect.bisect_right(offsets, offset) - 1
        return self.line_starts[max(index, 0)][1]

    def to_json(self) -> dict:
        return {
            "speaker": self.speaker,
            "role": self.role,
            "party": self.party,
            "start_line": self.start_line,
            "end_line": self.end_line,
        }


@dataclass
class ParsedRecommendation:
    policy_field: str  # the bundle's part, "Binnenlands bestuur"
    section: str  # "Beleidsaanbevelingen binnenlands bestuur", "Debatfiche: ..."
    kind: str  # one of RECOMMENDATION_KINDS
    number: str  # as numbered in the document ("3", "6.1.4-2"), unique within the document
    line: int  # first line in the original file
    text: str  # footnote markers and page furniture removed
    addressee: str = ""  # "Vlaamse Regering", "lokale besturen", ...

    def to_json(self) -> dict:
        return {
            "policy_field": self.policy_field,
            "section": self.section,
            "kind": self.kind,
            "number": self.number,
            "line": self.line,
            "text": self.text,
        }


@dataclass
class ParsedDocument:
    kind: str  # one of DOCUMENT_KINDS
    title: str
    date: date | None
    meetings: list[ParsedMeeting] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)
    speeches: list[ParsedSpeech] = field(default_factory=list)
    recommendations: list[ParsedRecommendation] = field(default_factory=list)
    # Something usable was found but not everything: "cut off mid-speech after line 812".
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "meetings": [meeting.to_json() for meeting in self.meetings],
            "items": [item.to_json() for item in self.items],
            "speeches": [speech.to_json() for speech in self.speeches],
            "recommendations": [rec.to_json() for rec in self.recommendations],
            "warnings": list(self.warnings),
        }

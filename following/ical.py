"""A small iCalendar (RFC 5545) writer for all-day deadline entries.

Written here rather than taken from a library because we need one component with six properties;
the rules that matter are below: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
character), TEXT values escaped, dates as VALUE=DATE and the stamp in UTC.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
MAX_OCTETS = 75  # RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break

# TEXT escapes of RFC 5545 3.3.11, backslash first so the others are not escaped twice.
TEXT_ESCAPES = [("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n"), ("\n", "\\n"), ("\r", "\\n")]

PRODID = "-//Policy recommendation tracker//Deadlines//NL"


@dataclass(frozen=True)
class Entry:
    """One all-day VEVENT."""

    uid: str
    day: datetime.date
    summary: str
    stamp: datetime.datetime  # aware; written in UTC
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()


def escape_text(value: str) -> str:
    for raw, escaped in TEXT_ESCAPES:
        value = value.replace(raw, escaped)
    return value


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, each continuation starting with a space."""
    pieces: list[str] = []
    current, size = "", 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # The leading space of a continuation line counts towards its 75 octets.
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    pieces.append(current)
    return CRLF.join(pieces)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def entry_lines(entry: Entry) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(entry.uid)}",
        f"DTSTAMP:{_utc(entry.stamp)}",
        f"DTSTART;VALUE=DATE:{_date(entry.day)}",
        # All-day: DTEND is exclusive, the next day.
        f"DTEND;VALUE=DATE:{_date(entry.day + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(entry.summary)}",
    ]
    if entry.description:
        lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
    if entry.url:
        lines.append(f"URL:{entry.url}")
    if entry.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in entry.categories))
    lines.append("TRANSP:TRANSPARENT")  # a deadline does not make anyone busy
    lines.append("END:VEVENT")
    return lines


def calendar(entries: Iterable[Entry], name: str) -> str:
    """The whole VCALENDAR as text with CRLF line ends, ready to serve as text/calendar."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for entry in entries:
        lines.extend(entry_lines(entry))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)

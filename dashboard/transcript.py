"""A source document as a reader sees it: page furniture gone, every line numbered and anchored,
and the passages the tracker knows about (commitments, mentions, recommendations) marked.

Line numbers are the file's own (1-based, as `transcripts.text.number_lines` counts them), so a
commitment's "line 123" is the element with id "L123" on the document's page.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from transcripts.text import clean_lines

# Characters of the speech shown on either side of a quote on a commitment's page.
CONTEXT_CHARS = 320

_SPACES = re.compile(r"\s+")


@dataclass
class Marker:
    """A known passage starting at a line: what it is, where it leads, how many lines it spans."""

    kind: str  # "commitment", "mention" or "recommendation"
    url: str
    label: str
    first: int
    last: int


@dataclass
class ViewerLine:
    number: int
    text: str
    kinds: set[str] = field(default_factory=set)  # the kinds of marked passages this line is part of
    markers: list[Marker] = field(default_factory=list)  # passages that start on this line

    @property
    def css(self) -> str:
        return " ".join(f"hl-{kind}" for kind in sorted(self.kinds))


def readable_paragraphs(raw_text: str, markers: list[Marker]) -> list[list[ViewerLine]]:
    """The document's text lines in paragraphs, running headers, page numbers and footers left out.

    Lines keep their printed wording and their number; `transcripts.text.clean_lines` decides what
    is furniture and where a paragraph ends.
    """
    starts: dict[int, list[Marker]] = {}
    for marker in markers:
        starts.setdefault(marker.first, []).append(marker)
    kinds_at: dict[int, set[str]] = {}
    for marker in markers:
        for number in range(marker.first, marker.last + 1):
            kinds_at.setdefault(number, set()).add(marker.kind)
    paragraphs: list[list[ViewerLine]] = [[]]
    for line in clean_lines(raw_text):
        if not line.text:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        viewer_line = ViewerLine(line.number, line.text, markers=starts.pop(line.number, []))
        viewer_line.kinds = kinds_at.get(line.number, set())
        paragraphs[-1].append(viewer_line)
    # A marker whose line is not a text line (it points at furniture or a blank) still shows, on the
    # next text line, so no passage the tracker knows about goes missing from the page.
    leftovers = sorted((n, m) for n, ms in starts.items() for m in ms)
    if leftovers:
        lines = [vl for paragraph in paragraphs for vl in paragraph]
        numbers = [vl.number for vl in lines]
        for number, marker in leftovers:
            index = min(bisect.bisect_left(numbers, number), len(lines) - 1)
            if index >= 0:
                lines[index].markers.append(marker)
    return [paragraph for paragraph in paragraphs if paragraph]


def _find(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `text` (start, end), allowing for differences in white space."""
    if not quote:
        return None
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    match = pattern.search(text)
    return (match.start(), match.end()) if match else None


def quote_lines(text: str, line_starts: list, quote: str, line: int) -> tuple[int, int]:
    """The first and last line of the file a quote in a speech covers; (line, line) if not found."""
    found = _find(text, quote)
    if found is None or not line_starts:
        return line, line
    offsets = [start for start, _number in line_starts]

    def line_at(offset: int) -> int:
        index = max(bisect.bisect_right(offsets, offset) - 1, 0)
        return line_starts[index][1]

    first, last = line_at(found[0]), line_at(max(found[1] - 1, found[0]))
    return min(first, line), max(last, line)


@dataclass
class QuoteInContext:
    before: str
    quote: str
    after: str
    found: bool


def quote_in_context(text: str, quote: str, around: int = CONTEXT_CHARS) -> QuoteInContext:
    """The quote with the speech's words before and after it, cut at word boundaries."""
    found = _find(text, quote)
    if found is None:
        return QuoteInContext("", quote, "", False)
    start, end = found
    before = text[max(0, start - around):start]
    after = text[end:end + around]
    if start - around > 0 and " " in before:
        before = "… " + before.split(" ", 1)[1]
    if end + around < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    return QuoteInContext(_SPACES.sub(" ", before), text[start:end], _SPACES.sub(" ", after), True)


def excerpt(text: str, words: list[str], around: int = 160) -> str:
    """A short passage of `text` around the first of `words` found in it, for search results."""
    lower = text.lower()
    positions = [lower.find(word.lower()) for word in words if word]
    positions = [p for p in positions if p >= 0]
    if not positions:
        return _SPACES.sub(" ", text[: 2 * around]).strip() + ("…" if len(text) > 2 * around else "")
    at = min(positions)
    start, end = max(0, at - around), min(len(text), at + around)
    passage = _SPACES.sub(" ", text[start:end]).strip()
    return ("… " if start else "") + passage + (" …" if end < len(text) else "")


def render_paragraphs(paragraphs: list[list[ViewerLine]]) -> SafeString:
    """The viewer's text as HTML: one <p> per paragraph, one anchored <span id="L…"> per line.

    Written out here rather than in a template: the ABB bundle has nearly 6,000 lines, and a
    template loop costs about ten times as much per line. Every text goes through `escape`.
    """
    out = []
    for paragraph in paragraphs:
        out.append("<p>")
        for line in paragraph:
            css = f"line {line.css}" if line.kinds else "line"
            out.append(
                f'<span class="{css}" id="L{line.number}"><a class="ln" href="#L{line.number}" tabindex="-1" '
                f'aria-hidden="true">{line.number}</a><span class="lt">{escape(line.text)}</span>'
            )
            for marker in line.markers:
                out.append(
                    f' <a class="marker marker-{escape(marker.kind)}" href="{escape(marker.url)}">'
                    f"{escape(marker.label)}</a>"
                )
            out.append("</span>\n")
        out.append("</p>\n")
    return mark_safe("".join(out))  # every piece of text above is escaped

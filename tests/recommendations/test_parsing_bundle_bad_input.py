"""parse_bundle on damaged or foreign text: a ParsedDocument or a ParseError, never anything else.

The mutations work on the first 1,300 lines of the bundle (foreword, the introduction and the
priority recommendations of Binnenlands bestuur, four debate sheets) so that the examples run in a
few seconds; truncation also runs on the whole file, with fewer examples.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommendations.parsing import parse_bundle
from transcripts.parsed import RECOMMENDATION_KINDS, ParsedDocument, ParseError

BUNDLE = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "003_6d442a7006f0c48f.txt"
TEXT = BUNDLE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
HEAD = LINES[:1300]

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    """The contract for any input: a well-formed result, or a ParseError with a message."""
    try:
        document = parse_bundle(text)
    except ParseError as error:
        assert str(error)
        return
    assert isinstance(document, ParsedDocument)
    assert document.kind == "bundle"
    line_count = len(text.split("\n"))
    numbers = [rec.number for rec in document.recommendations]
    assert len(numbers) == len(set(numbers))
    for rec in document.recommendations:
        assert rec.kind in RECOMMENDATION_KINDS
        assert rec.text.strip() and rec.policy_field and rec.section
        assert 1 <= rec.line <= line_count
        assert len(rec.number) <= 50 and len(rec.section) <= 300 and len(rec.addressee) <= 200
    for speech in document.speeches:
        assert 1 <= speech.start_line <= speech.end_line <= line_count


# One edit: (operation, position as a fraction of the lines, a second position, a length).
edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "move", "cut_line", "blank"]),
        st.floats(0, 1, exclude_max=True),
        st.floats(0, 1, exclude_max=True),
        st.integers(1, 40),
    ),
    min_size=1,
    max_size=25,
)


def apply(lines: list[str], operations: list[tuple[str, float, float, int]]) -> list[str]:
    lines = list(lines)
    for operation, where, other, length in operations:
        if not lines:
            break
        start = int(where * len(lines))
        stop = min(len(lines), start + length)
        if operation == "delete":
            del lines[start:stop]
        elif operation == "duplicate":
            lines[start:start] = lines[start:stop]
        elif operation == "move":
            block = lines[start:stop]
            del lines[start:stop]
            target = int(other * (len(lines) + 1))
            lines[target:target] = block
        elif operation == "cut_line":
            lines[start] = lines[start][: length % (len(lines[start]) + 1)]
        else:
            lines[start:stop] = [""] * (stop - start)
    return lines


@FAST
@given(edits)
def test_deleted_duplicated_and_moved_lines(operations: list[tuple[str, float, float, int]]) -> None:
    check("\n".join(apply(HEAD, operations)))


@FAST
@given(st.integers(0, len("\n".join(HEAD))))
def test_truncated_head(length: int) -> None:
    check("\n".join(HEAD)[:length])


@SLOW
@given(st.integers(0, len(TEXT)))
def test_truncated_bundle(length: int) -> None:
    check(TEXT[:length])


@FAST
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    check(text)


@FAST
@given(
    st.lists(
        st.one_of(
            st.sampled_from(HEAD[200:760]),
            st.sampled_from(["", " Inleiding", " Beleid Brussel", "5.\tBeleidsaanbevelingen", "\t· ", "1. ", "12"]),
            st.text(alphabet="·‣…1.2-:\t ’”aBcDeÿ\r\x0c\u00ad", max_size=30),
        ),
        max_size=120,
    )
)
def test_shuffled_bundle_lines_and_markers(lines: list[str]) -> None:
    check("\n".join(lines))

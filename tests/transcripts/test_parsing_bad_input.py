"""Input that holds nothing usable gets a clear ParseError, and no input raises anything else."""

import random
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcripts.parsed import DOCUMENT_KINDS, ITEM_STATES, SPEAKER_ROLES, ParsedDocument, ParseError
from transcripts.parsing import parse_document

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
# The bundle (003) has its own parser in recommendations.parsing, tested there.
SEED_TEXTS = {
    path.name[:3]: path.read_text(encoding="utf-8")
    for path in sorted(SEEDS.glob("*.txt"))
    if not path.name.startswith("003")
}
PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def random_pdf_bytes() -> bytes:
    stream = zlib.compress(random.Random(3).randbytes(3000))
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\n"
        b"stream\n" + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The text is empty."),
        ("   \n\t\n \r\n", "The text is empty."),
        ("12 13 14\n15 16 – 17", "The text holds too few words to parse."),
        (random_pdf_bytes().decode("latin-1"), "This is a PDF file, not text: extract its text first (for example with pdftotext)."),
        (
            random.Random(5).randbytes(4000).replace(b"\x00", b"\x01").decode("latin-1"),
            "The text is full of control characters: it is a binary file, not extracted text.",
        ),
        ("Minister Bart Somers: Ik dank u\x00 voor uw vraagstelling.", "The text contains NUL bytes: it is a binary file, not extracted text."),
        (
            " ".join("".join(random.Random(n).choices("bcdfghjklmnpqrstvwxz", k=9)) for n in range(60)),
            "The text does not look like language (mostly symbols, digits or random letters).",
        ),
        (
            " ".join(random.Random(7).choices(["kalo", "mitru", "zenpa", "vorsi", "taku", "bremo"], k=80)),
            "The text does not look like language: it has none of the most common words.",
        ),
        ("#### ==== **** ---- %%%% @@@@ ++++ //// !!!! ~~~~ words here too", "The text does not look like language (mostly symbols, digits or random letters)."),
        (
            "6 Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020\n\nVlaams Parlement\n\n \n",
            "Nothing is left once page numbers and headers are removed.",
        ),
    ],
    ids=["empty", "whitespace", "digits", "pdf-as-latin-1", "binary", "nul-byte", "consonants", "gibberish-syllables", "symbols", "furniture-only"],
)
def test_unusable_text_raises_a_clear_parse_error(text, message):
    with pytest.raises(ParseError) as raised:
        parse_document(text)
    assert str(raised.value) == message


def test_error_message_names_the_file():
    with pytest.raises(ParseError, match=r"^verslag\.txt: The text is empty\.$"):
        parse_document("", filename="verslag.txt")


def test_error_message_is_one_line():
    with pytest.raises(ParseError) as raised:
        parse_document(random_pdf_bytes().decode("latin-1"))
    assert "\n" not in str(raised.value)


def check_document(document: ParsedDocument, text: str) -> None:
    """What a caller relies on when parsing succeeds, whatever the input."""
    last_line = text.count("\n") + 1
    assert document.kind in DOCUMENT_KINDS
    for speech in document.speeches:
        assert speech.role in SPEAKER_ROLES
        assert 1 <= speech.start_line <= speech.end_line <= last_line
        assert speech.text
        offsets = [offset for offset, _ in speech.line_starts]
        assert offsets == sorted(offsets) and offsets[0] == 0
        assert speech.item_index is None or 0 <= speech.item_index < len(document.items)
    numbers = {item.number for item in document.items}
    for item in document.items:
        assert item.state in ITEM_STATES
        assert 1 <= item.start_line <= item.end_line <= last_line
        if item.state == "joined":
            assert item.joined_with in numbers


def parse_or_refuse(text: str) -> None:
    try:
        document = parse_document(text)
    except ParseError as error:
        assert str(error) and "\n" not in str(error)
        return
    check_document(document, text)


@PROPERTY_SETTINGS
@given(st.text(max_size=3000))
def test_random_text_raises_nothing_but_parse_error(text):
    parse_or_refuse(text)


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(SEED_TEXTS["000"].split("\n")), max_size=400))
def test_seed_lines_in_random_order_raise_nothing_but_parse_error(lines):
    parse_or_refuse("\n".join(lines))


@st.composite
def mutated_seed(draw) -> str:
    """A seed with a slice of lines deleted, duplicated or shuffled, or the text truncated."""
    text = SEED_TEXTS[draw(st.sampled_from(sorted(SEED_TEXTS)))]
    lines = text.split("\n")
    start = draw(st.integers(0, len(lines) - 1))
    end = draw(st.integers(start, min(len(lines), start + 300)))
    operation = draw(st.sampled_from(["delete", "duplicate", "shuffle", "truncate", "cut-characters"]))
    if operation == "delete":
        lines = lines[:start] + lines[end:]
    elif operation == "duplicate":
        lines = lines[:end] + lines[start:end] * draw(st.integers(1, 3)) + lines[end:]
    elif operation == "shuffle":
        middle = draw(st.permutations(lines[start:end]))
        lines = lines[:start] + list(middle) + lines[end:]
    elif operation == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    else:
        cut_from = draw(st.integers(0, len(text)))
        cut_to = draw(st.integers(cut_from, min(len(text), cut_from + 5000)))
        return text[:cut_from] + text[cut_to:]
    return "\n".join(lines)


@PROPERTY_SETTINGS
@given(mutated_seed())
def test_mutated_seeds_raise_nothing_but_parse_error(text):
    parse_or_refuse(text)


@PROPERTY_SETTINGS
@given(mutated_seed(), st.text(min_size=1, max_size=200))
def test_seed_with_noise_inserted_raises_nothing_but_parse_error(text, noise):
    middle = len(text) // 2
    parse_or_refuse(text[:middle] + noise + text[middle:])

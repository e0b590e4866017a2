"""The iCalendar writer follows RFC 5545: CRLF, 75-octet folding, TEXT escaping."""

import datetime

import pytest

from following import ical

STAMP = datetime.datetime(2021, 1, 5, 9, 30, tzinfo=datetime.timezone.utc)


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1: remove every CRLF followed by one space or tab, then split the lines."""
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


@pytest.mark.parametrize("raw, escaped", [
    ("a,b", "a\\,b"),
    ("a;b", "a\\;b"),
    ("a\\b", "a\\\\b"),
    ("a\nb", "a\\nb"),
    ("a\r\nb", "a\\nb"),
    ("\\n", "\\\\n"),  # a literal backslash-n stays two characters
    ("tegen Pasen, 2021; of later", "tegen Pasen\\, 2021\\; of later"),
])
def test_text_values_are_escaped(raw, escaped):
    assert ical.escape_text(raw) == escaped


def test_short_lines_are_not_folded():
    assert ical.fold("SUMMARY:kort") == "SUMMARY:kort"


def test_long_lines_fold_at_75_octets_with_a_leading_space():
    line = "DESCRIPTION:" + "x" * 200
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert len(parts[0].encode()) == 75
    assert all(p.startswith(" ") for p in parts[1:])
    assert unfold(folded) == [line]


def test_folding_never_splits_a_utf8_character():
    line = "SUMMARY:" + "é€" * 60  # 2- and 3-octet characters
    folded = ical.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")  # each piece is whole characters
    assert unfold(folded) == [line]


def test_a_calendar_has_crlf_line_ends_and_all_day_entries():
    entry = ical.Entry(uid="commitment-7@example.org", day=datetime.date(2020, 12, 31), summary="Omzendbrief, eindelijk",
                       stamp=STAMP, description="Regel één\nRegel twee", url="https://example.org/commitments/7/")
    text = ical.calendar([entry], name="Deadlines")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert "DTSTART;VALUE=DATE:20201231" in lines
    assert "DTEND;VALUE=DATE:20210101" in lines
    assert "DTSTAMP:20210105T093000Z" in lines
    assert "UID:commitment-7@example.org" in lines
    assert "SUMMARY:Omzendbrief\\, eindelijk" in lines
    assert "DESCRIPTION:Regel één\\nRegel twee" in lines
    assert "URL:https://example.org/commitments/7/" in lines
    assert lines.index("BEGIN:VEVENT") < lines.index("END:VEVENT")


def test_the_stamp_is_written_in_utc():
    brussels = datetime.timezone(datetime.timedelta(hours=1))
    entry = ical.Entry(uid="u", day=datetime.date(2021, 1, 1), summary="s",
                       stamp=datetime.datetime(2021, 1, 5, 10, 30, tzinfo=brussels))
    assert "DTSTAMP:20210105T093000Z" in unfold(ical.calendar([entry], name="n"))

"""The transcript viewer's lines, and where a quote sits in a speech."""

from dashboard.transcript import Marker, excerpt, quote_in_context, quote_lines, readable_paragraphs
from transcripts.text import clean_and_join, number_lines

RAW = "\n".join([
    "Minister: Eind 2020 zullen we via een om-",  # 1
    "zendbrief een nieuw kader klaarstomen. Dat",  # 2
    "beloof ik.",  # 3
    "",  # 4
    "6 Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020",  # 5
    "",  # 6
    "Vlaams Parlement",  # 7
    "Tweede alinea.",  # 8
])


def speech_text():
    return clean_and_join(number_lines(RAW)[0:3])


def test_a_quote_spanning_lines_covers_them_all():
    text, starts = speech_text()
    assert "omzendbrief" in text  # the line-break hyphen is undone in the speech's text
    assert quote_lines(text, starts, "via een omzendbrief een nieuw kader klaarstomen.", 1) == (1, 2)
    assert quote_lines(text, starts, "Dat beloof ik.", 2) == (2, 3)


def test_a_quote_that_is_not_in_the_speech_marks_its_own_line():
    text, starts = speech_text()
    assert quote_lines(text, starts, "iets anders", 2) == (2, 2)


def test_quote_in_context_allows_for_white_space():
    text, _ = speech_text()
    context = quote_in_context(text, "nieuw  kader\nklaarstomen.")
    assert context.found and context.quote == "nieuw kader klaarstomen."
    assert context.before.endswith("omzendbrief een ") and context.after == " Dat beloof ik."


def test_quote_in_context_cuts_long_context_at_words():
    text = "woord " * 200 + "BELOFTE" + " woord" * 200
    context = quote_in_context(text, "BELOFTE", around=50)
    assert context.before.startswith("… woord") and context.after.endswith("woord …")


def test_readable_paragraphs_drop_furniture_and_keep_line_numbers():
    paragraphs = readable_paragraphs(RAW, [])
    assert [[line.number for line in p] for p in paragraphs] == [[1, 2, 3], [8]]


def test_markers_start_on_their_line_and_mark_their_span():
    marker = Marker("commitment", "/c/1/", "Toezegging", 1, 2)
    paragraphs = readable_paragraphs(RAW, [marker])
    lines = {line.number: line for p in paragraphs for line in p}
    assert lines[1].markers == [marker] and lines[1].css == "hl-commitment"
    assert lines[2].css == "hl-commitment" and lines[3].css == ""


def test_a_marker_on_a_removed_line_moves_to_the_next_text_line():
    marker = Marker("mention", "/c/1/#mentions", "Vermelding", 5, 5)
    lines = {line.number: line for p in readable_paragraphs(RAW, [marker]) for line in p}
    assert lines[8].markers == [marker]


def test_excerpt_centres_on_the_first_word_found():
    text = "a " * 300 + "omzendbrief" + " b" * 300
    assert "omzendbrief" in excerpt(text, ["omzendbrief"], around=40)
    assert excerpt("kort", ["niets"]) == "kort"

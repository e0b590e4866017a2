"""The web form of a transcript, free text (kind "other"), and transcripts cut off mid-speech."""

from datetime import date
from pathlib import Path

from transcripts.parsing import detect_kind, parse_document

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"

# The web page of the first question of seed 000, as copied from a browser: no page furniture, no
# hyphenation, the speaker's name alone on a line above what was said, one paragraph per line,
# and the chair's "De heer X heeft het woord." sometimes printed without "De voorzitter" above it.
WEB_TRANSCRIPT = """\
Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020
Commissie voor Binnenlands Bestuur, Gelijke Kansen en Inburgering
Vraag om uitleg van Brecht Warnez aan Bart Somers, viceminister-president van de Vlaamse Regering, Vlaams minister van Binnenlands Bestuur, Bestuurszaken, Inburgering en Gelijke Kansen, over telewerk bij Vlaamse ambtenaren
15 (2020-2021)
Voorzitter: de heer Kris Van Dijck
De voorzitter
De heer Warnez heeft het woord.
Brecht Warnez (CD&V)
Minister, op 22 september 2020 hebt u de resultaten gepubliceerd van een bevraging bij 5500 Vlaamse ambtenaren waarin gepeild werd naar hun welbevinden rond thuiswerken in coronatijden.
Zult u, minister, bijkomende maatregelen nemen om de Vlaamse ambtenaren tot meer telewerk aan te moedigen? Zo ja, welke?
Ik dank u.
De voorzitter
Minister Somers heeft het woord.
Minister Bart Somers
Mijnheer Warnez, ik dank u voor uw vraagstelling.
Eind 2020 zullen we via een omzendbrief een nieuw kader inzake anders werken klaarstomen. Er zal hierin rekening worden gehouden met zowel de individuele als de organisatorische noden.
De heer Warnez heeft het woord.
Brecht Warnez (CD&V)
Minister, ik dank u voor uw antwoord. Ik kijk uit naar de omzendbrief.
De voorzitter
De vraag om uitleg is afgehandeld.
"""

# The same page copied from the middle of the minister's answer.
WEB_FROM_MID_SPEECH = """\
Mijnheer Warnez, lokale besturen zijn autonome werkgevers. We kunnen daar niet ingrijpen.
Het Agentschap Binnenlands Bestuur (ABB) zal ondersteuning bieden aan lokale besturen die daarom vragen.
De voorzitter
De heer Warnez heeft het woord.
Brecht Warnez (CD&V)
Minister, ik dank u voor uw antwoord. Ik kijk uit naar de omzendbrief.
De voorzitter
De vraag om uitleg is afgehandeld.
"""

PRESS_NOTE = """\
Nieuwe omzendbrief over anders werken bij de Vlaamse overheid

Brussel, 4 februari 2021 – De Vlaamse Regering heeft de omzendbrief over hybride werken goedgekeurd.
Ambtenaren kunnen voortaan een deel van hun tijd van thuis uit werken, in overleg met hun
leidinggevende. De vakbonden werden bij de voorbereiding betrokken.

De minister verwacht dat de nieuwe regels ook de mobiliteit ten goede komen.
"""


def test_web_form_is_recognised():
    assert detect_kind(WEB_TRANSCRIPT) == "web_transcript"


def test_web_form_reads_meeting_and_item_from_the_page_header():
    document = parse_document(WEB_TRANSCRIPT)
    assert document.kind == "transcript"
    (meeting,) = document.meetings
    assert meeting.committee == "Commissie voor Binnenlands Bestuur, Gelijke Kansen en Inburgering"
    assert (meeting.number, meeting.date) == ("C20 (2020-2021)", date(2020, 10, 13))
    (item,) = document.items
    assert (item.number, item.asker, item.asker_party, item.minister, item.chair) == (
        "15 (2020-2021)", "Brecht Warnez", "CD&V", "Bart Somers", "Kris Van Dijck",
    )
    assert (item.title, item.state, item.start_line, item.end_line) == ("telewerk bij Vlaamse ambtenaren", "handled", 3, 21)
    assert document.warnings == []


def test_web_form_speaker_on_its_own_line_gets_the_text_below():
    speeches = parse_document(WEB_TRANSCRIPT).speeches
    assert [(speech.speaker, speech.role, speech.party, speech.start_line, speech.end_line) for speech in speeches] == [
        ("Kris Van Dijck", "chair", "", 6, 7),
        ("Brecht Warnez", "mp", "CD&V", 8, 11),
        ("Kris Van Dijck", "chair", "", 12, 13),
        ("Bart Somers", "minister", "", 14, 16),
        ("Kris Van Dijck", "chair", "", 17, 17),  # "De heer Warnez heeft het woord." without a label
        ("Brecht Warnez", "mp", "CD&V", 18, 19),
        ("Kris Van Dijck", "chair", "", 20, 21),
    ]
    minister = speeches[3]
    assert minister.text.startswith("Mijnheer Warnez, ik dank u voor uw vraagstelling.\n\nEind 2020 zullen we")
    assert minister.line_at(minister.text.index("Eind 2020")) == 16
    assert {speech.item_index for speech in speeches} == {0}


def test_web_form_starting_mid_speech_keeps_the_orphan_text_with_a_warning():
    document = parse_document(WEB_FROM_MID_SPEECH)
    first = document.speeches[0]
    assert (first.speaker, first.role, first.start_line, first.end_line) == ("", "", 1, 2)
    assert first.text.startswith("Mijnheer Warnez, lokale besturen zijn autonome werkgevers.")
    assert [(speech.speaker, speech.role) for speech in document.speeches[1:]] == [
        ("", "chair"), ("Brecht Warnez", "mp"), ("", "chair"),
    ]
    assert "Lines 1-2 come before the first speaker: the text seems to start in the middle of a speech." in document.warnings


def test_press_note_is_one_passage_titled_by_its_first_line():
    document = parse_document(PRESS_NOTE)
    assert document.kind == "other"
    assert document.title == "Nieuwe omzendbrief over anders werken bij de Vlaamse overheid"
    assert document.date == date(2021, 2, 4)
    (passage,) = document.speeches
    assert (passage.speaker, passage.role, passage.start_line, passage.end_line) == ("", "", 1, 7)
    assert passage.text.split("\n\n") == [
        "Nieuwe omzendbrief over anders werken bij de Vlaamse overheid",
        "Brussel, 4 februari 2021 – De Vlaamse Regering heeft de omzendbrief over hybride werken goedgekeurd. "
        "Ambtenaren kunnen voortaan een deel van hun tijd van thuis uit werken, in overleg met hun "
        "leidinggevende. De vakbonden werden bij de voorbereiding betrokken.",
        "De minister verwacht dat de nieuwe regels ook de mobiliteit ten goede komen.",
    ]
    assert passage.line_at(passage.text.index("leidinggevende")) == 5
    assert document.items == [] and document.meetings == []


def test_single_quoted_statement_does_not_make_a_note_a_transcript():
    note = "Reactie van de minister\n\nMinister Bart Somers: 'We maken werk van de omzendbrief.'\n\nMeer nieuws volgt later deze week."
    assert parse_document(note).kind == "other"


def test_transcript_cut_off_mid_speech_parses_what_is_there_with_warnings():
    (path,) = SEEDS.glob("000_*.txt")
    # Line 100 reads "... De belangrijkste daarvan betreft de": the minister's answer stops mid-sentence.
    cut = "\n".join(path.read_text(encoding="utf-8").split("\n")[:100])
    document = parse_document(cut)
    assert [speech.start_line for speech in document.speeches] == [10, 12, 67, 69]
    assert document.speeches[-1].end_line == 100
    assert document.speeches[-1].text.endswith("maatschappelijke voordelen. De belangrijkste daarvan betreft de")
    assert document.warnings == [
        "The text seems cut off after line 100: item 15 (2020-2021) is never closed (no 'afgehandeld').",
        "The text is cut off mid-speech after line 100: the speech by Bart Somers stops in the middle of a sentence.",
        "No meeting number or date found (no running header or title page).",
    ]
    (item,) = document.items
    assert (item.start_line, item.end_line) == (1, 100)


def test_transcript_cut_right_after_a_speaker_tag_drops_the_empty_speech():
    text = "De voorzitter: De heer Warnez heeft het woord.\n\nBrecht Warnez (CD&V): Minister, ik dank u.\n\nMinister Bart Somers:"
    document = parse_document(text)
    assert [speech.speaker for speech in document.speeches] == ["", "Brecht Warnez"]


def test_withdrawn_question_is_marked_withdrawn():
    text = """\
VRAAG OM UITLEG van Brecht Warnez aan Bart Somers, Vlaams minister van Binnenlands Bestuur, over telewerk

– 15 (2020-2021)

– Deze vraag om uitleg wordt ingetrokken.

VRAAG OM UITLEG van Katrien Partyka aan Bart Somers, Vlaams minister van Binnenlands Bestuur, over racisme

– 23 (2020-2021)

Voorzitter: de heer Kris Van Dijck

De voorzitter: Mevrouw Partyka heeft het woord.

Katrien Partyka (CD&V): Minister, wat is er afgesproken?

Minister Bart Somers: Dat zal ik u zeggen.

De voorzitter: De vraag om uitleg is afgehandeld.
"""
    items = parse_document(text).items
    assert [(item.number, item.state, item.joined_with) for item in items] == [
        ("15 (2020-2021)", "withdrawn", ""),
        ("23 (2020-2021)", "handled", ""),
    ]


def test_withdrawn_question_announced_by_the_chair():
    text = """\
VRAAG OM UITLEG van Brecht Warnez aan Bart Somers, Vlaams minister van Binnenlands Bestuur, over telewerk

– 15 (2020-2021)

Voorzitter: de heer Kris Van Dijck

De voorzitter: De vraag om uitleg van de heer Warnez is ingetrokken.

VRAAG OM UITLEG van Katrien Partyka aan Bart Somers, Vlaams minister van Binnenlands Bestuur, over racisme

– 23 (2020-2021)

De voorzitter: Mevrouw Partyka heeft het woord.

Katrien Partyka (CD&V): Minister, wat is er afgesproken?

De voorzitter: De vraag om uitleg is afgehandeld.
"""
    document = parse_document(text)
    assert [item.state for item in document.items] == ["withdrawn", "handled"]
    assert "no 'afgehandeld'" not in " ".join(document.warnings)


def test_windows_line_endings_parse_like_unix_ones():
    document = parse_document(WEB_TRANSCRIPT.replace("\n", "\r\n"))
    assert [(speech.speaker, speech.start_line, speech.end_line, speech.text) for speech in document.speeches] == [
        (speech.speaker, speech.start_line, speech.end_line, speech.text) for speech in parse_document(WEB_TRANSCRIPT).speeches
    ]

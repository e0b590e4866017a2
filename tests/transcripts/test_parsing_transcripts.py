"""Committee transcripts in their PDF form: seeds 000, 002 and 004.

Every number pinned here was checked by reading the seed, not by running the parser:
- items: `grep -n 'VRAAG OM UITLEG' <seed>` and reading each heading with its "– N (session)" line
  and the "Voorzitter:" line under it;
- speeches: `grep -cP '^\\s*(De voorzitter:|Minister [A-Z]\\w+ [A-Z]\\w+:|[A-Z][\\w ]+ \\([^)]+\\):)'`
  (one speaking turn per tag line), split by role with `grep -c` on each tag form;
- spans: `sed -n 'A,Bp'` around each start and end line named below.
"""

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from transcripts.parsed import ParsedDocument
from transcripts.parsing import parse_document

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


@cache
def parsed(prefix: str) -> ParsedDocument:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_document(path.read_text(encoding="utf-8"), filename=path.name)


def speech_at(document: ParsedDocument, start_line: int):
    (speech,) = [speech for speech in document.speeches if speech.start_line == start_line]
    return speech


# --- Seed 000: C20 (2020-2021), 13 October 2020 --------------------------------------------------


def test_000_is_a_transcript_of_meeting_c20():
    document = parsed("000")
    assert document.kind == "transcript"
    assert document.title == "Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020"
    assert document.date == date(2020, 10, 13)
    (meeting,) = document.meetings
    # The running headers (lines 181, 1478) give number and date; no page names the committee.
    assert (meeting.number, meeting.date, meeting.committee) == ("C20 (2020-2021)", date(2020, 10, 13), "")
    assert document.warnings == [
        "The committee is not named in the text (no title page): only its meeting number and date are known."
    ]


def test_000_has_six_questions_to_bart_somers():
    items = parsed("000").items
    # Headings at lines 1, 357, 534, 786, 1023, 1320; numbers on lines 6, 362, 540, 791, 1028, 1325.
    assert [item.number.split(" ")[0] for item in items] == ["15", "23", "27", "37", "112", "49"]
    assert {item.number.split(" ")[1] for item in items} == {"(2020-2021)"}
    assert [item.asker for item in items] == [
        "Brecht Warnez", "Katrien Partyka", "Katrien Partyka", "Katrien Partyka", "Sam Van Rooy", "Maaike De Rudder",
    ]
    assert {item.minister for item in items} == {"Bart Somers"}
    assert {item.kind for item in items} == {"vraag om uitleg"}
    assert {item.state for item in items} == {"handled"}
    # "Voorzitter: de heer Sam Van Rooy" at line 793 for item 37; Kris Van Dijck everywhere else.
    assert [item.chair for item in items] == ["Kris Van Dijck"] * 3 + ["Sam Van Rooy"] + ["Kris Van Dijck"] * 2


def test_000_first_item_spans_heading_to_closing_line():
    first = parsed("000").items[0]
    assert (first.start_line, first.end_line) == (1, 356)  # line 356: "De vraag om uitleg is afgehandeld."
    assert first.title == "telewerk bij Vlaamse ambtenaren"
    assert (first.asker, first.asker_party) == ("Brecht Warnez", "CD&V")
    assert (parsed("000").items[1].start_line, parsed("000").items[1].end_line) == (357, 533)
    assert (parsed("000").items[-1].start_line, parsed("000").items[-1].end_line) == (1320, 1684)


def test_000_has_87_speeches_by_role():
    speeches = parsed("000").speeches
    assert len(speeches) == 87
    roles = [speech.role for speech in speeches]
    # 44 "De voorzitter:", 16 "Minister Bart Somers:", 27 "Name (Party):" tag lines.
    assert (roles.count("chair"), roles.count("minister"), roles.count("mp")) == (44, 16, 27)
    per_item = [sum(1 for speech in speeches if speech.item_index == index) for index in range(6)]
    assert per_item == [15, 17, 13, 11, 17, 14]


def test_000_mp_speech_keeps_name_party_and_exact_lines():
    speech = speech_at(parsed("000"), 12)
    assert (speech.speaker, speech.role, speech.party) == ("Brecht Warnez", "mp", "CD&V")
    assert speech.end_line == 65  # "Ik dank u." before "De voorzitter: Minister Somers heeft het woord."
    assert speech.item_index == 0
    assert speech.text.startswith("Minister, op 22 september 2020 hebt u de resultaten gepubliceerd")
    assert speech.text.endswith("binnen lokale besturen te faciliteren?\n\nIk dank u.")
    assert "80 procent van de bevraagden aan werk" in speech.text  # "be-" / "vraagden" (lines 19-20)
    assert "het privé- en werkleven?" in speech.text


def test_000_minister_speech_runs_across_the_page_break():
    speech = speech_at(parsed("000"), 69)
    assert (speech.speaker, speech.role, speech.party) == ("Bart Somers", "minister", "")
    assert speech.end_line == 203
    # Lines 181 and 183 are the running header and footer of page 6.
    assert "Commissievergadering" not in speech.text and "Vlaams Parlement" not in speech.text
    assert "de gebouwen aanpassen.\n\nIk wil de lokale besturen hierbij verder ondersteunen." in speech.text
    assert speech.line_at(speech.text.index("Eind 2020 zullen we via een omzendbrief")) == 139
    assert speech.line_at(speech.text.index("Ik wil de lokale besturen hierbij")) == 187


def test_000_chair_speech_is_named_after_the_sitting_chair():
    document = parsed("000")
    first = document.speeches[0]
    assert (first.speaker, first.role, first.start_line, first.end_line) == ("Kris Van Dijck", "chair", 10, 10)
    assert first.text == "De heer Warnez heeft het woord."
    # "– Sam Van Rooy treedt als voorzitter op." (line 692), "– Kris Van Dijck ..." (line 922).
    assert speech_at(document, 694).speaker == "Sam Van Rooy"
    assert speech_at(document, 948).speaker == "Kris Van Dijck"
    # The note at line 922 sits inside Katrien Partyka's speech and is not part of its text.
    partyka = speech_at(document, 917)
    assert partyka.end_line == 946 and "treedt als voorzitter op" not in partyka.text


def test_000_chair_speaking_from_the_floor_is_an_mp():
    speech = speech_at(parsed("000"), 1675)
    assert (speech.speaker, speech.role, speech.party, speech.end_line) == ("Kris Van Dijck", "mp", "N-VA", 1682)


def test_000_keeps_real_hyphens_in_compounds():
    speech = speech_at(parsed("000"), 280)
    assert "een vernieuwing van de omzendbrief-Bourgeois" in speech.text  # "om-" / "zendbrief-Bourgeois"


# --- Seed 002: C50 (2021-2022), 26 October 2021 --------------------------------------------------


def test_002_is_meeting_c50():
    document = parsed("002")
    (meeting,) = document.meetings
    assert (meeting.number, meeting.date) == ("C50 (2021-2022)", date(2021, 10, 26))
    assert document.title == "Commissievergadering nr. C50 (2021-2022) – 26 oktober 2021"


def test_002_four_questions_on_plan_samenleven_are_joined():
    items = parsed("002").items
    assert [item.number for item in items] == [
        "281 (2021-2022)", "356 (2021-2022)", "417 (2021-2022)", "453 (2021-2022)", "454 (2021-2022)", "473 (2021-2022)",
    ]
    # Lines 631-657 list four headings before one "Voorzitter:" line and one discussion.
    assert [item.state for item in items] == ["handled", "handled", "handled", "joined", "joined", "joined"]
    assert [item.joined_with for item in items[3:]] == ["417 (2021-2022)"] * 3
    assert [(item.asker, item.asker_party) for item in items[2:]] == [
        ("Katrien Partyka", "CD&V"), ("Chris Janssens", "Vlaams Belang"), ("An Moerenhout", "Groen"), ("Tom Ongena", "Open Vld"),
    ]
    assert [item.start_line for item in items[2:]] == [631, 638, 645, 652]
    # The joined discussion runs to "De vragen om uitleg zijn afgehandeld." at line 1763.
    assert {item.end_line for item in items[2:]} == {1763}


def test_002_item_titles_keep_place_names():
    items = parsed("002").items
    assert items[0].title == "de Sultan Ahmetmoskee in Heusden-Zolder"
    assert (items[0].start_line, items[0].end_line) == (1, 246)
    assert items[1].title == "de regiovorming in Limburg"


def test_002_has_62_speeches_linked_to_the_first_of_the_joined_items():
    speeches = parsed("002").speeches
    assert len(speeches) == 62
    roles = [speech.role for speech in speeches]
    assert (roles.count("chair"), roles.count("minister"), roles.count("mp")) == (32, 7, 23)
    # Nothing points at a joined item: the discussion belongs to item 417 (index 2).
    assert {speech.item_index for speech in speeches} == {0, 1, 2}
    janssens = speech_at(parsed("002"), 695)
    assert (janssens.speaker, janssens.party, janssens.end_line, janssens.item_index) == ("Chris Janssens", "Vlaams Belang", 771, 2)


def test_002_speech_after_text_without_blank_line_is_found():
    # Line 693 " De voorzitter: ..." follows line 692 directly, with a leading space.
    speech = speech_at(parsed("002"), 693)
    assert (speech.role, speech.text) == ("chair", "De heer Janssens heeft het woord.")
    partyka = speech_at(parsed("002"), 663)
    assert partyka.end_line == 692


def test_002_party_split_across_lines_is_rejoined():
    speech = speech_at(parsed("002"), 1676)
    assert "wat de N-VA betreft en haar houding" in speech.text  # "N-" / "VA betreft" (lines 1680-1681)
    assert speech.line_at(speech.text.index("VA betreft")) == 1681


def test_002_short_interjections_are_their_own_speeches():
    document = parsed("002")
    assert speech_at(document, 1717).text == "Kunt u hier afronden, mevrouw? (Gelach)"
    assert speech_at(document, 1719).role == "chair"


def test_bart_somers_is_spelled_identically_in_000_and_002():
    for prefix in ("000", "002"):
        document = parsed(prefix)
        assert {speech.speaker for speech in document.speeches if speech.role == "minister"} == {"Bart Somers"}
        assert {item.minister for item in document.items} == {"Bart Somers"}


# --- Seed 004: C190 (2023-2024), 28 March 2024 ---------------------------------------------------


def test_004_odd_page_header_gives_meeting_and_title():
    document = parsed("004")
    (meeting,) = document.meetings
    # Line 1292: "Commissievergadering nr. C190 (2023-2024) – 28 maart 2024 25" (page number last).
    assert (meeting.number, meeting.date) == ("C190 (2023-2024)", date(2024, 3, 28))
    assert document.title == "Commissievergadering nr. C190 (2023-2024) – 28 maart 2024"


def test_004_has_eleven_questions_to_jo_brouns():
    items = parsed("004").items
    assert [item.number.split(" ")[0] for item in items] == [
        "1395", "1438", "1437", "1512", "1513", "275", "1410", "1401", "1480", "1502", "1503",
    ]
    assert {item.minister for item in items} == {"Jo Brouns"}
    # Lines 1126-1138: two headings, then one discussion.
    assert [item.state for item in items].count("joined") == 1
    assert (items[9].state, items[9].joined_with, items[9].asker) == ("joined", "1480 (2023-2024)", "Axel Ronse")
    assert items[8].title == "de discriminatie op de arbeidsmarkt van personen met een migratieachtergrond"
    assert (items[8].start_line, items[8].end_line) == (1126, 1474)
    # "Voorzitter: de heer Robrecht Bothuyne" (line 1481) for the last one only.
    assert [item.chair for item in items] == ["Björn Rzoska"] * 10 + ["Robrecht Bothuyne"]
    assert items[0].title == (
        "de extra inspanningen die volgens het rapport van de Sociaal-Economische Raad van Vlaanderen "
        "nodig zijn om Vlaanderen bij de innovatieve topregio's te houden"
    )
    assert (items[-1].start_line, items[-1].end_line) == (1475, 1562)


def test_004_has_100_speeches_and_keeps_the_party_as_printed():
    document = parsed("004")
    assert len(document.speeches) == 100
    roles = [speech.role for speech in document.speeches]
    assert (roles.count("chair"), roles.count("minister"), roles.count("mp")) == (55, 16, 29)
    de_roo = speech_at(document, 13)
    assert (de_roo.speaker, de_roo.party, de_roo.end_line) == ("Stijn De Roo", "cd&v", 46)


def test_004_tag_with_leading_space_starts_a_speech():
    # Lines 640 and 816 start with a space before the speaker's name.
    assert speech_at(parsed("004"), 640).speaker == "Stijn De Roo"
    assert speech_at(parsed("004"), 816).speaker == "Axel Ronse"


def test_004_chair_change_note_changes_the_chair_and_ends_no_speech():
    document = parsed("004")
    brouns = speech_at(document, 1179)
    # "– Robrecht Bothuyne treedt als voorzitter op." (line 1288) follows the answer ending at 1286.
    assert (brouns.speaker, brouns.end_line) == ("Jo Brouns", 1286)
    assert speech_at(document, 1298).speaker == "Robrecht Bothuyne"
    closing = speech_at(document, 1472)
    assert closing.text == "Complimentendag.\n\nDe vragen om uitleg zijn afgehandeld."
    assert closing.end_line == 1474


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_every_speech_has_text_and_ordered_lines(prefix):
    document = parsed(prefix)
    previous_end = 0
    for speech in document.speeches:
        assert speech.text and speech.text == speech.text.strip()
        assert previous_end < speech.start_line <= speech.end_line
        assert speech.line_starts[0][1] in (speech.start_line, speech.start_line + 1)
        previous_end = speech.end_line


# --- Item kinds the seeds do not show ------------------------------------------------------------


def test_interpellation_and_topical_question_are_items():
    text = """\
INTERPELLATIE van mevrouw Katrien Partyka tot Bart Somers, viceminister-president van de Vlaamse
Regering, over het Plan Samenleven

– 12 (2021-2022)

Voorzitter: mevrouw Nadia Sminate

De voorzitter: Mevrouw Partyka heeft het woord.

Katrien Partyka (CD&V): Minister, wanneer komt het plan?

Minister Bart Somers: Voor de zomer.

De voorzitter: De interpellatie is afgehandeld.

ACTUELE VRAAG van Chris Janssens aan minister Bart Somers over de moskee

– 5 (2021-2022)

De voorzitter: De heer Janssens heeft het woord.

Chris Janssens (Vlaams Belang): Minister, wat gebeurt er?

Minister Bart Somers: We onderzoeken het.

De voorzitter: De actuele vraag is afgehandeld.
"""
    items = parse_document(text).items
    assert [(item.kind, item.number, item.asker, item.minister, item.title, item.chair) for item in items] == [
        ("interpellatie", "12 (2021-2022)", "Katrien Partyka", "Bart Somers", "het Plan Samenleven", "Nadia Sminate"),
        ("actuele vraag", "5 (2021-2022)", "Chris Janssens", "Bart Somers", "de moskee", "Nadia Sminate"),
    ]
    assert [(item.start_line, item.end_line) for item in items] == [(1, 14), (16, 26)]

"""The committee report on the 2020 accounts (seed 001): passages under headings, no speaking turns.

Verified by reading the seed (`cat -n`): headings at lines 29-33 ("1. Toelichting door Bart
Somers, ..." over three lines), 57 (1.1.), 99 (1.2.), 140 (1.3.), 156 (2. Bespreking) and 296
(3. Indicatieve stemming); in "Bespreking" the paragraphs open with "Jeremie Vaneeckhout stelt
vast" (158), "Minister Bart Somers bevestigt" (178), "Maaike De Vreese brengt in herinnering"
(196) and "De minister antwoordt" (227); the text ends with the signatures at lines 314-322.
"""

from datetime import date
from functools import cache
from pathlib import Path

from transcripts.parsed import ParsedDocument
from transcripts.parsing import parse_document, parse_report

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


@cache
def report() -> ParsedDocument:
    (path,) = SEEDS.glob("001_*.txt")
    return parse_document(path.read_text(encoding="utf-8"))


def test_report_is_recognised_and_dated_by_its_discussion():
    document = report()
    assert document.kind == "report"
    assert document.date == date(2021, 9, 21)  # "besprak op 21 september 2021" (line 3)
    (meeting,) = document.meetings
    assert meeting.committee == "Commissie voor Binnenlands Bestuur, Gelijke Kansen en Inburgering"
    assert meeting.date == date(2021, 9, 21)
    assert document.title.startswith("De Commissie voor Binnenlands Bestuur, Gelijke Kansen en Inburgering besprak op 21 september 2021")
    assert document.title.endswith("voor het begrotingsjaar 2020.")
    assert document.items == [] and document.warnings == []


def test_report_passages_follow_headings_and_named_speakers():
    passages = report().speeches
    assert [(passage.speaker, passage.role, passage.start_line, passage.end_line) for passage in passages] == [
        ("", "", 1, 27),  # the opening paragraphs name nobody
        ("Bart Somers", "minister", 35, 55),  # "1. Toelichting door Bart Somers ..."
        ("Bart Somers", "minister", 59, 97),  # 1.1., no speaker named: the section's speaker
        ("Bart Somers", "minister", 101, 138),  # 1.2.
        ("Bart Somers", "minister", 142, 154),  # 1.3.
        ("Jeremie Vaneeckhout", "", 158, 174),  # two paragraphs, the second names nobody
        ("Bart Somers", "minister", 178, 192),
        ("Maaike De Vreese", "", 196, 223),
        ("Bart Somers", "minister", 227, 295),  # "De minister antwoordt", "zegt de minister", ...
        ("", "", 298, 308),  # 3. Indicatieve stemming: the vote, nobody speaks
    ]


def test_report_headings_are_joined_over_lines():
    passages = report().speeches
    assert passages[1].heading == (
        "1. Toelichting door Bart Somers, viceminister-president van de Vlaamse Regering en Vlaams minister "
        "van Binnenlands Bestuur, Bestuurszaken, Inburgering en Gelijke Kansen"
    )
    assert passages[4].heading == "1.3. Hr en Audit van de Vlaamse overheid"
    assert {passage.heading for passage in passages[5:9]} == {"2. Bespreking"}
    assert passages[9].heading == "3. Indicatieve stemming"
    assert passages[0].heading == ""


def test_report_passage_text_is_cleaned_and_mentions_the_circular():
    hr = report().speeches[4]
    # 000 promised the circular "Anders werken" for the end of 2020; the report says it was done.
    assert "De onderhandelingen rond de omzendbrief met betrekking tot het hybride werken werden afgerond." in hr.text
    assert "goedgekeurd en verspreid binnen de Vlaamse overheid." in hr.text  # "ver-" / blank / "spreid"
    assert hr.line_at(hr.text.index("De onderhandelingen")) == 150


def test_report_runs_of_paragraphs_by_one_speaker_form_one_passage():
    minister = report().speeches[8]
    paragraphs = minister.text.split("\n\n")
    assert paragraphs[0].startswith("De minister antwoordt dat het onderzoek")
    assert paragraphs[-1].startswith("Wat tot slot de sociale-impactobligaties betreft")
    assert len(paragraphs) == 5  # 227, 235, 265, 279, 289: separated by the " " lines


def test_report_signatures_are_not_a_passage():
    assert all("VAN DIJCK" not in passage.text and "verslaggever" not in passage.text for passage in report().speeches)


def test_report_list_items_stay_on_their_own_lines():
    intro = report().speeches[0].text
    assert "De rekening 2020 werd besproken samen met:\n− de beleids- en begrotingstoelichting Binnenlands Bestuur" in intro


def test_report_paragraph_naming_a_minister_outside_a_toelichting():
    text = (
        "De commissie besprak op 3 mei 2022 het ontwerp.\n\n"
        "1. Bespreking\n\n"
        "Minister Jan Jambon zegt dat het ontwerp klaar is.\n\n"
        "Het wordt volgende week voorgelegd.\n\n"
        "Audit Vlaanderen stelt vast dat dit laat is.\n"
    )
    passages = parse_report(text).speeches
    assert [(passage.speaker, passage.role) for passage in passages] == [("", ""), ("Jan Jambon", "minister")]
    # An institution is no speaker: its paragraph stays with the minister's passage.
    assert "Audit Vlaanderen stelt vast" in passages[1].text
    assert parse_report(text).date == date(2022, 5, 3)

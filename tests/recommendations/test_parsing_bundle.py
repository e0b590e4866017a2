"""The ABB recommendation bundle (seed 003) parsed into recommendations.

Every pinned number below was checked by reading the seed itself (`sed -n A,Bp` on the file);
the comment next to it says where. Line numbers are the file's own, 1-based.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from recommendations import parsing
from recommendations.parsing import parse_bundle
from transcripts.parsed import RECOMMENDATION_KINDS, ParsedDocument, ParseError

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
BUNDLE = SEEDS / "003_6d442a7006f0c48f.txt"

PARTS = [
    "Binnenlands bestuur",  # line 19, before " Inleiding" on line 20
    "Stedenbeleid",  # line 2124
    "Brussel",  # line 3290 " Beleid Brussel"
    "Vlaamse Rand",  # line 3592 " Beleid Vlaamse Rand"
    "Samenleven - gelijke kansen, integratie en inburgering",  # lines 4166-4168
]
SAMENLEVEN = PARTS[4]


@pytest.fixture(scope="module")
def text() -> str:
    return BUNDLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def document(text: str) -> ParsedDocument:
    return parse_bundle(text)


@pytest.fixture(scope="module")
def by_number(document: ParsedDocument) -> dict:
    return {rec.number: rec for rec in document.recommendations}


# --- The document as a whole -------------------------------------------------------------------


def test_bundle_is_a_bundle_without_a_date(document: ParsedDocument) -> None:
    assert document.kind == "bundle"
    # The foreword names "een regeerakkoord 2024-2029" (line 6-7); the bundle prints no date.
    assert document.title == "Inspiratiebundel van het Agentschap Binnenlands Bestuur (2024-2029)"
    assert document.date is None
    assert document.warnings == []


def test_five_parts_in_document_order(document: ParsedDocument) -> None:
    fields = list(dict.fromkeys(rec.policy_field for rec in document.recommendations))
    assert fields == PARTS


def test_counts_per_part_and_kind(document: ParsedDocument) -> None:
    counts = Counter((rec.policy_field, rec.kind) for rec in document.recommendations)
    assert counts == {
        # 13 numbered items under "5. Beleidsaanbevelingen binnenlands bestuur", lines 226-300.
        ("Binnenlands bestuur", "priority"): 13,
        # 6.1.4 "Conclusies" (lines 449-465): 1 lead-in with its 4 bullets folded + 3 paragraphs;
        # 6.2.4 "Conclusies uit het debat" (671-697): 6 paragraphs; 6.4.4 (1312-1363): 7
        # paragraphs; 6.5.4 (1576-1611): 9 bullets under three "Conclusies over ..." labels.
        ("Binnenlands bestuur", "debate_conclusion"): 4 + 6 + 7 + 9,
        # 6.3.4 (1018-1071): 14 bullets; 6.6.4 (1888-1931): 1 sentence before the lead-in, 4
        # bullets, 7 paragraphs; 6.7.4 (2074-2123): 7 bullets and 2 paragraphs.
        ("Binnenlands bestuur", "debate_recommendation"): 14 + 12 + 9,
        # 6.1.4 "Beleidsaanbevelingen ABB" 1-3 (467-483); 6.2.4 (699-719): 1 sentence + 5
        # bullets; 6.3.4 "Aanbevelingen van ABB" 4 bullets (1073-1093); 6.4.4 5 paragraphs
        # (1365-1395); 6.5.4 "Beleidsaanbevelingen ABB" 1-4 (1613-1632).
        ("Binnenlands bestuur", "abb_recommendation"): 3 + 6 + 4 + 5 + 4,
        # "4. Aanbevelingen stedenbeleid" (2287-2413): 10 bullets in 4.1, 6 in 4.2, and after
        # "Aanbevelingen:" in 4.3 one paragraph and the 3 bullets after "We maken werk van:".
        ("Stedenbeleid", "priority"): 10 + 6 + 1 + 3,
        # 5.1.4 "Aanbevelingen vanuit het stakeholdersdebat" 1-6 (2526-2621).
        ("Stedenbeleid", "debate_recommendation"): 6,
        # 5.1.4 "Aanbevelingen van ABB" (2623-2851): 18 paragraphs (quotes and topic lines left
        # out), 4 numbered options and 17 bullets of the city themes (lines 2763-2813, "…" left
        # out); 5.2.4: 1 paragraph + 5 numbered headlines; 5.3.4: 10 paragraphs.
        ("Stedenbeleid", "abb_recommendation"): 18 + 21 + 6 + 10,
        # "9. Beleidsaanbevelingen - Overzicht" (3559-3587): 6 top-level bullets minus the
        # "Zie ook ..." pointer; the 7 lowercase sub-bullets fold into "Pas het Vlaams
        # Brusselfonds bij ...".
        ("Brussel", "priority"): 5,
        # "9. beleidsaanbevelingen - overzicht" (3861-3877): 6 bullets.
        ("Vlaamse Rand", "priority"): 6,
        # 10.3: bullets under "1. Generieke uitdagingen en aanbevelingen" (11) ... "5. ... over
        # onderwijs" (4), lines 3950-4106: 11 + 4 + 2 + 4 + 4.
        ("Vlaamse Rand", "debate_recommendation"): 25,
        # 10.4 (4108-4165): 2 bullets to the Vlaamse Regering, 5 to the minister(s).
        ("Vlaamse Rand", "abb_recommendation"): 7,
        # 5.2.3: bullets under three "Conclusies bij de stelling ..." labels (5321-5411): 8+2+6.
        (SAMENLEVEN, "debate_conclusion"): 16,
        # 5.4.3: the Mentimeter paragraph at line 5751.
        (SAMENLEVEN, "debate_recommendation"): 1,
        # 5.1.4 (5208-5266): 5 paragraphs + 6 bullets; 5.2.4: 3 paragraphs; 5.3.4: 3 numbered
        # headlines with 2, 3 and 3 bullets (5583-5649); 5.4.4: 1 paragraph + 7 numbered items.
        (SAMENLEVEN, "abb_recommendation"): 11 + 3 + 11 + 8,
    }
    assert len(document.recommendations) == 270


def test_numbers_are_unique_and_kinds_known(document: ParsedDocument) -> None:
    numbers = [rec.number for rec in document.recommendations]
    assert len(numbers) == len(set(numbers))
    assert all(len(number) <= 50 for number in numbers)
    assert {rec.kind for rec in document.recommendations} == set(RECOMMENDATION_KINDS)


def test_recommendations_come_in_file_order(document: ParsedDocument) -> None:
    lines = [rec.line for rec in document.recommendations]
    assert lines == sorted(lines)


# --- Numbers, first lines and texts, read in the file ------------------------------------------


def test_binnenlands_bestuur_priority_numbers_are_the_printed_ones(document: ParsedDocument) -> None:
    priority = [rec for rec in document.recommendations if rec.kind == "priority" and rec.line < 2124]
    # "1.\t We hebben ..." on line 230 up to "13. Bouw het Loket ..." on line 298.
    assert [(rec.number, rec.line) for rec in priority] == [
        ("1.5-P1", 230), ("1.5-P2", 238), ("1.5-P3", 241), ("1.5-P4", 247), ("1.5-P5", 252),
        ("1.5-P6", 258), ("1.5-P7", 261), ("1.5-P8", 267), ("1.5-P9", 272), ("1.5-P10", 275),
        ("1.5-P11", 288), ("1.5-P12", 293), ("1.5-P13", 298),
    ]  # fmt: skip
    assert {rec.section for rec in priority} == {"Beleidsaanbevelingen binnenlands bestuur"}


def test_priority_recommendation_seven(by_number: dict) -> None:
    rec = by_number["1.5-P7"]
    assert rec.line == 261
    assert rec.policy_field == "Binnenlands bestuur"
    assert rec.text == (
        "Versterk de lokale administraties om een excellente dienstverlening aan de burgers te "
        "verzekeren. Evalueer het vernieuwde rechtspositiebesluit om te verifiëren of het lokale "
        "besturen daadwerkelijk wapent op de erg concurrentiële arbeidsmarkt."
    )


def test_abb_recommendations_of_the_territorialiteit_debate(by_number: dict) -> None:
    # "Beleidsaanbevelingen ABB" (line 467), "We komen tot volgende beleidsaanbevelingen:", 1-3.
    assert [(by_number[n].line, by_number[n].kind) for n in ("1.6.1.4-A1", "1.6.1.4-A2", "1.6.1.4-A3")] == [
        (470, "abb_recommendation"),
        (478, "abb_recommendation"),
        (481, "abb_recommendation"),
    ]
    assert "1.6.1.4-A4" not in by_number
    assert by_number["1.6.1.4-A2"].section == "Debatfiche: Debat over bestuurskracht en territorialiteit"
    assert by_number["1.6.1.4-A2"].text.startswith("Bouw voort op de referentieregio’s als intermediair platform")


def test_lowercase_bullets_fold_into_their_lead_in(by_number: dict) -> None:
    # Lines 451-456: "... versterken door in te zetten op volgende zaken:" and four fragments.
    rec = by_number["1.6.1.4-Cp1"]
    assert rec.kind == "debate_conclusion"
    assert rec.line == 451
    assert rec.text.endswith(
        "volgende zaken:\n· schaalvergroting door fusies\n· transparante en rechtvaardige financiering"
        "\n· vermindering van de regeldruk\n· een beter werkende Vlaamse overheid."
    )


def test_brusselfonds_recommendation_keeps_its_sub_bullets(by_number: dict) -> None:
    # Lines 3564-3585: the bullet, five lowercase sub-bullets, a lead-in line and two more.
    rec = by_number["3.9-P4"]
    assert rec.line == 3564
    assert rec.section == "Beleidsaanbevelingen - Overzicht"
    lines = rec.text.split("\n")
    assert lines[0] == (
        "Pas het Vlaams Brusselfonds bij tot 31.738.000 euro, om vernieuwende beleidsinitiatieven "
        "van het Vlaamse Brusselbeleid te kunnen financieren:"
    )
    assert lines[1] == (
        "· de integratie van het concept ‘Broedplekken’ in het reguliere kader van het Vlaams "
        "Brusselfonds met bredere omkadering"
    )
    assert lines[6] == "De bijkomende middelen kunnen ook aangewend worden ter compensatie van:"
    assert len(lines) == 9
    # "· Zie ook de aanbevelingen vanuit het stakeholdersdebat ..." (line 3587) points elsewhere.
    assert not any(r.text.startswith("Zie ook") for r in by_number.values())


def test_headline_list_takes_its_explanations(by_number: dict) -> None:
    # 5.1.4 Stedenbeleid, line 2545: a headline without full stop, then its paragraphs up to "3.".
    rec = by_number["2.5.1.4-D2"]
    assert rec.kind == "debate_recommendation"
    assert rec.line == 2545
    paragraphs = rec.text.split("\n\n")
    assert paragraphs[0] == "Er is nood aan langetermijnkaders, met daarbinnen oog voor wendbaarheid en flexibiliteit"
    assert len(paragraphs) == 4
    assert paragraphs[2].startswith("Er is nood aan meer strategische overkoepelende werven")


def test_bullets_under_numbered_headlines_are_numbered_below_them(by_number: dict) -> None:
    # 5.3.4 Samenleven, lines 5601-5620: "2.\tEen evidencebased beleid." and three bullets.
    assert by_number["5.5.3.4-A2"].text == "Een evidencebased beleid."
    assert by_number["5.5.3.4-A2"].line == 5601
    assert [by_number[f"5.5.3.4-A2.{k}"].line for k in (1, 2, 3)] == [5602, 5608, 5615]
    assert "5.5.3.4-A2.4" not in by_number


def test_addressee_from_a_label(by_number: dict) -> None:
    # Line 4130: "Aanbevelingen aan de Vlaamse minister(s) bevoegd voor Brussel en de Vlaamse Rand".
    assert by_number["4.10.4-A3"].addressee == "Vlaamse minister(s) bevoegd voor Brussel en de Vlaamse Rand"
    # Line 4112: "Aanbevelingen aan de Vlaamse Regering".
    assert by_number["4.10.4-A1"].addressee == "Vlaamse Regering"


def test_addressee_from_the_text(by_number: dict) -> None:
    # Line 1062: "De Vlaamse overheid moet optreden bij melding van draaideurconstructies."
    assert by_number["1.6.3.4-D11"].addressee == "Vlaamse overheid"
    # Line 3252: "We vragen de voltallige Vlaamse Regering om de krachten te bundelen ..."
    assert by_number["2.5.3.4-Ap4"].addressee == "Vlaamse Regering"
    # An imperative names nobody.
    assert by_number["1.5-P9"].addressee == ""


def test_lead_in_sentence_before_a_list_is_dropped_but_its_first_sentence_kept(by_number: dict) -> None:
    # Lines 701-702: "Een goede balans ... belang. Het lokale publieke zorgaanbod verdient volgend
    # flankerend beleid van de Vlaamse Regering:" and the bullets that inherit that addressee.
    assert by_number["1.6.2.4-Ap1"].text == (
        "Een goede balans tussen een publiek, non-profit- en commercieel zorgaanbod is van maatschappelijk belang."
    )
    assert by_number["1.6.2.4-A1"].addressee == "Vlaamse Regering"


def test_intro_sentence_sets_the_kind(by_number: dict) -> None:
    # 6.7.4 is headed "... van ABB" but opens with "Hierna volgende de aanbevelingen en conclusies
    # uit het debat die ABB onderschrijft." (line 2074).
    assert by_number["1.6.7.4-D1"].kind == "debate_recommendation"
    # 5.2.4 Stedenbeleid is headed "Conclusie en aanbevelingen" but says "De aanbevelingen van ABB ...".
    assert by_number["2.5.2.4-A1"].kind == "abb_recommendation"


def test_mentimeter_paragraph_in_the_debate_is_a_debate_recommendation(by_number: dict) -> None:
    rec = by_number["5.5.4.3-Dp1"]
    assert rec.line == 5751
    assert rec.text.endswith("code of conduct voor politici (bewustwording van rol en impact), dialoog met de burger.")


# --- Text cleaning ------------------------------------------------------------------------------


def test_footnote_markers_are_removed(by_number: dict) -> None:
    # Line 231 "... 30.000 inwo-" / "ners4 volgens ABB ...": hyphen joined, marker 4 gone.
    assert "schaal van 30.000 inwoners volgens ABB een absoluut minimum" in by_number["1.5-P1"].text
    # Line 2635 "... is geslopen.30 Met de middelen ...": a marker after the full stop.
    assert "in de initiatieven is geslopen. Met de middelen" in by_number["2.5.1.4-Ap2"].text
    # Line 5760 "... schadelijke polarisatie1." and line 5606 "tolkdiensten…100".
    assert by_number["5.5.4.4-Ap1"].text.endswith("terrorisme en schadelijke polarisatie.")
    assert by_number["5.5.3.4-A2.1"].text.endswith("kunnen inzetten in taalverwerving, tolkdiensten…")


def test_names_with_digits_are_not_footnote_markers(document: ParsedDocument) -> None:
    texts = "\n".join(rec.text for rec in document.recommendations)
    assert "NT2-aanbod" in texts  # line 5638


def test_footnotes_and_links_between_lines_are_page_furniture(by_number: dict) -> None:
    # Item 2 at line 2651 runs over footnote 30 (lines 2655-2661, itself a list) to line 2662.
    text = by_number["2.5.1.4-Ap3"].text
    assert "verscherpte uitdagingen zoals drugscriminaliteit, cybersecurity enz." in text
    assert "19,2 miljoen" not in text and "Kenniscentrum Vlaamse Steden" not in text
    # Footnotes 31-32 and two URLs (lines 3038-3043) end the page after "2. Dicht de lokale kenniskloof".
    kenniskloof = by_number["2.5.2.4-A2"].text
    assert kenniskloof.endswith("bij de opmaak van referentie-architecturen vanuit VLOCA binnen ABB.")
    assert "https://" not in kenniskloof


def test_page_start_indent_inside_a_bullet_is_not_a_break(by_number: dict) -> None:
    # Line 4149 " Het coördinatieplatform ..." starts a page inside the bullet of line 4144.
    assert "tot de mogelijkheden. Het coördinatieplatform Stand van de Rand" in by_number["4.10.4-A5"].text


def test_page_number_inside_a_recommendation_is_dropped(text: str, by_number: dict) -> None:
    lines = text.split("\n")
    # Break the page after line 232, in the middle of recommendation 1, as the PDF does elsewhere.
    damaged = "\n".join(lines[:232] + ["", "", "12", ""] + lines[232:])
    recs = {rec.number: rec for rec in parse_bundle(damaged).recommendations}
    assert recs["1.5-P1"].text == by_number["1.5-P1"].text


def test_hyphenation_is_joined_and_real_hyphens_kept(by_number: dict) -> None:
    # Lines 277-278 "geïn-" / "tegreerd": a line-break hyphen.
    assert "beleidsuitdagingen geïntegreerd en gecoördineerd" in by_number["1.5-P10"].text
    # Line 4021 "‘meerderheids-ge-" / "meenschap’": the first hyphen is part of the word.
    assert "geen ‘meerderheids-gemeenschap’ is" in by_number["4.10.3-D12"].text
    # Lines 2399-2400 "ICT-systemen en" / "-oplossingen": an elided compound keeps its hyphen.
    assert by_number["2.4-Pp1"].text.endswith("robuuste ICT-systemen en -oplossingen.")
    # Lines 2747-2748 "ex-" / "tra": "extra" is spelled unbroken elsewhere in the bundle.
    assert "(inzet van extra wijkwerker(s)" in by_number["2.5.1.4-A4"].text


def test_soft_hyphens_lost_by_the_extraction_are_joined(by_number: dict) -> None:
    # Line 681 "pensioen" / "problematiek" (no hyphen, no trailing space).
    assert "de pensioenproblematiek, de taxshift" in by_number["1.6.2.4-Cp3"].text
    # Line 2597 "beleids" / "domeinen".
    assert "vanuit diverse beleidsdomeinen." in by_number["2.5.1.4-D5"].text


def test_last_page_without_trailing_spaces_keeps_its_word_breaks(by_number: dict) -> None:
    # Lines 5764-5772 end without a trailing space: "voor een" / "democratische", "Investeer" / "verder".
    text = by_number["5.5.4.4-A1"].text
    assert "gezond voor een democratische samenleving" in text
    assert "Investeer verder in de uitwisseling" in text


def test_windows_line_endings_parse_the_same(text: str, document: ParsedDocument) -> None:
    crlf = parse_bundle(text.replace("\n", "\r\n"))
    assert [rec.to_json() for rec in crlf.recommendations] == [rec.to_json() for rec in document.recommendations]


def test_priority_list_after_a_lead_in_stays_a_list(by_number: dict) -> None:
    # 4.3 Cybersecurity, lines 2402-2409: "We maken werk van:" and three lowercase bullets.
    assert [(by_number[n].line, by_number[n].text[:40]) for n in ("2.4-P17", "2.4-P18", "2.4-P19")] == [
        (2403, "een beleidskader met een eenduidig ambit"),
        (2404, "een gecoördineerd ondersteuningsaanbod m"),
        (2407, "een duidelijke governance, met rollen en"),
    ]
    assert not any(rec.text.startswith("We maken werk van") for rec in by_number.values())


def test_quotations_are_not_recommendations(document: ParsedDocument) -> None:
    # Lines 2687-2690 and 2704-2706 quote De Rynck and Janssens and Gert Peersman.
    assert not any(rec.text.startswith("“") for rec in document.recommendations)


def test_texts_carry_no_tabs_or_double_spaces(document: ParsedDocument) -> None:
    for rec in document.recommendations:
        assert "\t" not in rec.text and "  " not in rec.text, rec.number
        assert rec.text == rec.text.strip(), rec.number


# --- Speeches: who took part in each debate -------------------------------------------------------


def test_each_debate_setting_is_a_passage(document: ParsedDocument) -> None:
    # 7 debates in Binnenlands bestuur, 3 in Stedenbeleid, 1 in Vlaamse Rand, 4 in Samenleven.
    assert len(document.speeches) == 15
    first = document.speeches[0]
    assert first.heading == "Debat over bestuurskracht en territorialiteit – 6.1.2. Setting en samenstelling"
    assert (first.start_line, first.end_line) == (345, 364)
    assert first.speaker == "" and first.role == ""
    offset = first.text.index("Het panel bestond uit Cathy Berx")
    assert first.line_at(offset) == 349


# --- Not a bundle --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seed",
    [
        "000_3c00e0bf18620a5e.txt",
        "001_b1e5877a9e236a43.txt",
        "002_b45f7c7e78c0df18.txt",
        "004_cd4edd4e60a63e40.txt",
    ],
)
def test_committee_documents_are_not_a_bundle(seed: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_bundle((SEEDS / seed).read_text(encoding="utf-8"))
    assert str(error.value) == (
        "This is not an ABB recommendation bundle: found no part (a title followed by 'Inleiding') "
        "and no 'Beleidsaanbevelingen' or 'Conclusie en aanbevelingen' section."
    )


def test_empty_text_is_not_a_bundle() -> None:
    with pytest.raises(ParseError, match="^The text is empty: expected the ABB recommendation bundle"):
        parse_bundle(" \n\t\n")


# --- Rule tables: one example per row, taken from the bundle -----------------------------------


def _row(rows: tuple, text: str) -> int | None:
    """Index of the first compiled row that matches `text`."""
    for index, (pattern, _value) in enumerate(rows):
        if pattern.search(text):
            return index
    return None


SECTION_EXAMPLES = [
    ("Beleidsaanbevelingen binnenlands bestuur", "priority"),  # line 226
    ("Debat over bestuurskracht en territorialiteit", "debate"),  # line 304
    ("Conclusie en aanbevelingen van ABB", "conclusions"),  # line 2072
    ("Samenstelling en setting", "setting"),  # line 2878
    ("Het stakeholderbat", "debate_body"),  # line 366, sic
]


@pytest.mark.parametrize(("title", "role"), SECTION_EXAMPLES)
def test_section_roles(title: str, role: str) -> None:
    index = _row(parsing._SECTION_ROLES, title)
    assert index is not None and parsing.SECTION_ROLES[index][1] == role
    assert len(SECTION_EXAMPLES) == len(parsing.SECTION_ROLES)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("conclusie en aanbevelingen van abb", "abb_recommendation"),  # line 5208
        ("conclusie en beleidsaanbevelingen", "debate_recommendation"),  # line 4108
    ],
)
def test_conclusion_heading_kinds(title: str, kind: str) -> None:
    assert parsing._first_match(parsing._CONCLUSION_HEADING_KINDS, title) == kind


@pytest.mark.parametrize(
    ("row", "paragraph"),
    [
        (0, "De aanbevelingen en conclusies vanuit het debat, die ABB onderschrijft, zijn de volgende:"),  # 1888
        (1, "In deze sectie presenteren we de aanbevelingen van ABB, die ook tijdens het debat werden ondersteund."),
    ],
)
def test_intro_kinds(row: int, paragraph: str) -> None:
    assert _row(parsing._INTRO_KINDS, paragraph) == row


@pytest.mark.parametrize(
    ("row", "label"),
    [
        (0, "conclusies uit het debat"),  # line 671
        (1, "conclusies over het statuut van de raadsleden"),  # line 1589
        (2, "aanbevelingen vanuit het stakeholdersdebat voor een vlaams beleid 2024-2029"),  # line 2526
        (3, "uitdagingen en aanbevelingen over zorg"),  # line 4059
        (4, "beleidsaanbevelingen van abb"),  # line 699
        (5, "aanbevelingen van de administratie op basis van de insteken van keynotesprekers"),  # line 4110
    ],
)
def test_label_kinds(row: int, label: str) -> None:
    assert _row(parsing._LABEL_KINDS, label) == row


def test_lead_in_addressee() -> None:
    # Lines 4114-4115 and 702.
    lead_in = "Op basis van de inbreng ... doet ABB de volgende aanbevelingen aan de Vlaamse Regering:"
    assert parsing._lead_in_addressee(lead_in) == "Vlaamse Regering"
    assert parsing._lead_in_addressee("verdient volgend flankerend beleid van de Vlaamse Regering:") == "Vlaamse Regering"
    assert parsing._lead_in_addressee("We komen tot volgende beleidsaanbevelingen:") == ""


def test_addressee_label_and_paragraphs_label() -> None:
    match = parsing._ADDRESSEE_LABEL.search("Aanbevelingen aan de Vlaamse Regering")  # line 4112
    assert match is not None and match["who"] == "Vlaamse Regering"
    assert parsing._PARAGRAPHS_LABEL.search("aanbevelingen")  # "Aanbevelingen:", line 2397


def test_body_paragraph_kinds() -> None:
    paragraph = "deden de meeste aanwezigen volgende beleidsaanbevelingen: aanpakken van de jongerenproblematiek"
    assert parsing._first_match(parsing._BODY_PARAGRAPH_KINDS, paragraph) == "debate_recommendation"
    # A lead-in that ends at its colon is not such a paragraph.
    assert parsing._first_match(parsing._BODY_PARAGRAPH_KINDS, "We komen tot volgende beleidsaanbevelingen:") is None


@pytest.mark.parametrize(
    ("row", "text"),
    [
        (0, "Hieronder vind je onze prioritaire beleidsaanbevelingen ..."),  # line 2289
        (1, "In deze sectie presenteren we de aanbevelingen van ABB ..."),  # line 3217
        (2, "Hierna volgende de aanbevelingen en conclusies uit het debat ..."),  # line 2074
        (3, "Over het Brusselbeleid organiseerden we een stakeholdersdebat."),  # line 3589
        (4, "Zie ook de aanbevelingen vanuit het stakeholdersdebat ..."),  # line 3587
    ],
)
def test_not_recommendations(row: int, text: str) -> None:
    pattern = parsing.NOT_RECOMMENDATIONS[row]
    assert re.search(pattern, text, re.IGNORECASE)
    assert parsing._NOT_RECOMMENDATIONS.search(text)


@pytest.mark.parametrize(
    ("sentence", "addressee"),
    [
        ("De Vlaamse Regering moet een aangepast opleidingsaanbod laten uitwerken.", "Vlaamse Regering"),
        ("De Vlaamse overheid moet optreden bij melding van draaideurconstructies.", "Vlaamse overheid"),
        ("De Vlaamse regelgever moet veel meer de reflex hebben ...", "Vlaamse regelgever"),
        ("De federale overheid moet de fiscale ongelijkheden wegwerken.", "federale overheid"),
        ("De bovenlokale overheden moeten de pensioenfinanciering aanhouden ...", "bovenlokale overheden"),
        ("Lokale besturen moeten investeren in een gediversifieerd personeelsbeleid.", "lokale besturen"),
        ("Steden en gemeenten kunnen elkaar ondersteunen.", "steden en gemeenten"),
        ("Ook gemeenten kunnen elkaar daarin ondersteunen.", "gemeenten"),
        ("Bij verzelfstandiging moet het OCMW weloverwogen keuzes maken; het OCMW moet dat doen.", "OCMW"),
        ("ABB moet ook verder inzetten op de ondersteuning van de lokale besturen.", "ABB"),
        ("Vlaanderen moet er sterk op toezien dat ...", "Vlaanderen"),
    ],
)
def test_addressees(sentence: str, addressee: str) -> None:
    assert parsing._addressee(sentence) == addressee


def test_every_addressee_row_has_an_example() -> None:
    assert len(parsing.ADDRESSEES) == 11


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Beleid Brussel", "Brussel"),  # line 3290
        ("Stedenbeleid", "Stedenbeleid"),  # line 2124: "beleid" only as a prefix
    ],
)
def test_policy_field_prefixes(title: str, field: str) -> None:
    assert parsing._policy_field(title) == field


def test_units_with_digits_are_kept() -> None:
    # "(7.528 per km2)" on line 3306 is a unit, not footnote 2.
    tokenizer = parsing._Tokenizer([], set())
    assert tokenizer._strip_markers("(7.528 per km2) meer dan dubbel") == "(7.528 per km2) meer dan dubbel"
    assert tokenizer._strip_markers("in Brussel33 wonen") == "in Brussel wonen"

"""Text cleaning shared by the parsers: furniture, blank lines, hyphenation, line numbers."""

from pathlib import Path

import pytest

from transcripts.parsed import ParsedSpeech
from transcripts.text import (
    Line,
    clean_and_join,
    clean_lines,
    dehyphenate,
    ends_sentence,
    is_double_spaced,
    is_page_furniture,
    join_lines,
    normalize_line,
    number_lines,
)

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- Hyphenation --------------------------------------------------------------------------------


def test_hyphen_at_line_end_is_joined():
    assert dehyphenate("via een om-", "zendbrief") == "via een omzendbrief"


def test_real_hyphen_in_place_name_is_kept():
    assert dehyphenate("de Sultan Ahmetmoskee in Heusden-", "Zolder") == "de Sultan Ahmetmoskee in Heusden-Zolder"


def test_elided_compound_keeps_hyphen_and_space():
    assert dehyphenate("werk en privé-", "en werkleven") == "werk en privé- en werkleven"
    assert dehyphenate("werk-", "of gezinsuren") == "werk- of gezinsuren"


def test_hyphen_after_acronym_is_kept():
    assert dehyphenate("de EU-", "onderdanen") == "de EU-onderdanen"
    assert dehyphenate("nieuwe AI-", "toepassingen") == "nieuwe AI-toepassingen"
    assert dehyphenate("van niet-EU-", "burgers") == "van niet-EU-burgers"


def test_hyphen_between_numbers_is_kept():
    assert dehyphenate("de zittingsperiode 2020-", "2021") == "de zittingsperiode 2020-2021"


def test_known_hyphenated_compound_is_kept():
    assert dehyphenate("Bart Somers, viceminister-", "president van") == "Bart Somers, viceminister-president van"
    assert dehyphenate("onze Vlaamse scale-", "ups zijn") == "onze Vlaamse scale-ups zijn"


def test_prefix_that_takes_a_hyphen_is_kept():
    assert dehyphenate("een niet-", "bindende afspraak") == "een niet-bindende afspraak"
    assert dehyphenate("op het vlak van non-", "discriminatie") == "op het vlak van non-discriminatie"


def test_hyphen_between_clashing_vowels_is_kept():
    # Dutch spelling: "bio-economie", "data-arsenaal" (the vowels would otherwise read as one).
    assert dehyphenate("het bio-", "economiebeleidsplan") == "het bio-economiebeleidsplan"
    assert dehyphenate("een data-", "arsenaal") == "een data-arsenaal"


def test_vowels_that_do_not_clash_are_joined():
    assert dehyphenate("met een migratie-", "achtergrond") == "met een migratieachtergrond"


def test_diaeresis_dropped_at_the_break_is_restored():
    assert dehyphenate("ge-", "engageerd") == "geëngageerd"
    assert dehyphenate("be-", "eindigd") == "beëindigd"
    assert dehyphenate("ge-", "investeerd") == "geïnvesteerd"


def test_short_part_inside_a_compound_keeps_its_hyphen():
    assert dehyphenate("een-op-", "een gesprekken") == "een-op-een gesprekken"


def test_dash_with_spaces_is_not_a_break_hyphen():
    assert dehyphenate("Bijna 2500 personeelsleden –", "toch niet niks") == "Bijna 2500 personeelsleden – toch niet niks"
    assert dehyphenate("aanwezig -", "zeker") == "aanwezig - zeker"


def test_line_without_hyphen_is_joined_with_a_space():
    assert dehyphenate("Ik dank u voor uw ", " vraagstelling.") == "Ik dank u voor uw vraagstelling."


# Every line-end hyphen pair below was read in the seeds (grep -n -- '-$'); the expected form is
# the one the same documents print on a single line elsewhere (e.g. "N-VA" 29 times in 002).
SEED_HYPHENS = [
    ("000", 19, "be-", "vraagden", "bevraagden"),
    ("000", 331, "om-", "zendbrief-Bourgeois,", "omzendbrief-Bourgeois,"),
    ("002", 1680, "N-", "VA betreft", "N-VA betreft"),
    ("002", 727, "niet-", "Europese", "niet-Europese"),
    ("004", 1268, "non-", "discriminatie", "non-discriminatie"),
    ("004", 1391, "Sociaal-", "Economische", "Sociaal-Economische"),
    ("004", 1128, "migratie-", "achtergrond", "migratieachtergrond"),
]


@pytest.mark.parametrize(("document", "line", "left", "right", "joined"), SEED_HYPHENS)
def test_seed_line_break_hyphens_join_as_printed_elsewhere(document, line, left, right, joined):
    raw = seed(document).split("\n")
    assert raw[line - 1].rstrip().endswith(left)
    assert dehyphenate(left, right) == joined


# --- Single lines -------------------------------------------------------------------------------


def test_tabs_odd_spaces_and_edges_are_normalised():
    assert normalize_line("\t De  heer\u00a0Warnez\theeft het woord.  ") == "De heer Warnez heeft het woord."


def test_control_characters_are_removed_and_soft_hyphen_becomes_a_hyphen():
    assert normalize_line("\x0c6 Commissievergadering") == "6 Commissievergadering"
    assert normalize_line("om\u00ad") == "om-"


def test_number_lines_counts_like_an_editor():
    # A form feed is not a line break for grep or an editor, so it must not shift the numbering.
    assert number_lines("a\r\nb\x0cc\nd") == [(1, "a"), (2, "b\x0cc"), (3, "d")]


def test_ends_sentence_looks_past_quotes_and_brackets():
    assert ends_sentence("Dat is mijn slotvraag.")
    assert ends_sentence("(Deze vergadering werd als hybride vergadering georganiseerd.)")
    assert ends_sentence("‘Gemeente zonder Gemeentehuis?’")
    assert not ends_sentence("moeten toeleiden naar")


# --- Page furniture -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "6 Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020 ",  # even page, 000 line 181
        "Commissievergadering nr. C190 (2023-2024) – 28 maart 2024 25 ",  # odd page, 004 line 1292
        "32 Commissievergadering nr. C50 (2021-2022) – 26 oktober 2021",  # 002 line 1708
        "Plenaire vergadering nr. 5 (2020-2021) – 14 oktober 2020 3",
        "Stuk 23-I (2020-2021) – Nr. 2 7",
        "Vlaams Parlement – 1011 Brussel – 02/552.11.11 – www.vlaamsparlement.be",
        "  17 ",
    ],
)
def test_running_headers_and_page_numbers_are_furniture(line):
    assert is_page_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "goed te keuren. Ik dank het Vlaams Parlement hiervoor. Ik dank ook de Vlaamse ",
        "Vlaams Parlement grote eensgezindheid. ",
        "– 15 (2020-2021) ",
        "2020, bevoegdheden Binnenlands Bestuur, Bestuurszaken, Inburgering en Gelijke ",
    ],
)
def test_text_mentioning_parliament_or_numbers_is_not_furniture(line):
    assert not is_page_furniture(line)


@pytest.mark.parametrize(
    ("document", "furniture_lines"),
    [
        # grep -n -E 'Commissievergadering|^Vlaams Parlement *$' on each seed, read one by one.
        ("000", [181, 183, 1478, 1480]),
        ("002", [755, 757, 882, 884, 1708, 1710]),
        ("004", [1292, 1294]),
        ("001", []),
    ],
)
def test_clean_lines_removes_exactly_the_seed_furniture(document, furniture_lines):
    removed: list[Line] = []
    clean_lines(seed(document), removed=removed)
    assert [line.number for line in removed] == furniture_lines


def test_footer_words_far_from_a_header_are_kept():
    text = "Dit werd goedgekeurd door het\nVlaams Parlement\nvorige week.\nEn dan nog dit."
    joined, _ = clean_and_join(text)
    assert joined == "Dit werd goedgekeurd door het Vlaams Parlement vorige week. En dan nog dit."


def test_sentence_running_across_a_page_break_stays_one_paragraph():
    # 002 lines 751-761: "toeleiden naar" / page furniture / "werk. Er worden dus ..."
    text = "\n".join(seed("002").split("\n")[750:761])
    joined, line_starts = clean_and_join(text)
    assert "moeten toeleiden naar werk. Er worden dus" in joined
    assert "\n\n" not in joined
    assert "Commissievergadering" not in joined and "Vlaams Parlement" not in joined
    assert [number for _, number in line_starts] == [1, 11]  # 002 lines 751 and 761


def test_page_break_after_a_finished_sentence_is_a_paragraph_break():
    # 000 lines 176-190: "... de gebouwen aanpassen." / furniture / "Ik wil de lokale besturen ..."
    text = "\n".join(seed("000").split("\n")[175:190])
    joined, _ = clean_and_join(text)
    assert "de infrastructuur van de gebouwen aanpassen.\n\nIk wil de lokale besturen" in joined


# --- Blank lines and paragraphs -----------------------------------------------------------------


def test_runs_of_blank_lines_collapse_to_one_paragraph_break():
    joined, line_starts = clean_and_join("Eerste alinea.\n\n\n \n\t\nTweede alinea.\n\n")
    assert joined == "Eerste alinea.\n\nTweede alinea."
    assert line_starts == [(0, 1), (16, 6)]


def test_blank_lines_never_open_or_close_the_text():
    lines = clean_lines("\n\n  \nEen regel.\n\n")
    assert lines == [Line(4, "Een regel.")]


def test_double_spaced_report_joins_lines_across_single_blank_lines():
    # 001 prints an empty line after every line; a paragraph break is a longer run of blanks.
    raw = seed("001")
    assert is_double_spaced(number_lines(raw))
    joined, line_starts = clean_and_join("\n".join(raw.split("\n")[:24]))
    first, second = joined.split("\n\n")
    assert first.startswith("De Commissie voor Binnenlands Bestuur") and first.endswith("begrotingsjaar 2020.")
    assert "Hr-beleid en Audit Vlaamse Overheid. Begrotingsuitvoering 2020" in second  # "Be-" / blank / "grotings..."
    assert [number for _, number in line_starts][:5] == [1, 3, 5, 7, 11]


def test_transcript_is_not_double_spaced():
    assert not is_double_spaced(number_lines(seed("000")))


def test_web_page_with_one_paragraph_per_line_is_not_double_spaced():
    paragraphs = [f"Dit is alinea nummer {n}, een volledige zin die eindigt met een punt." for n in range(8)]
    assert not is_double_spaced(number_lines("\n\n".join(paragraphs)))


def test_bullet_starts_a_new_line_within_the_paragraph():
    joined, _ = join_lines([(1, "De rekening werd besproken samen met:"), (2, "− de eerste toelichting;"), (3, "− de tweede.")])
    assert joined == "De rekening werd besproken samen met:\n− de eerste toelichting;\n− de tweede."


# --- Offsets back to lines ----------------------------------------------------------------------


def test_line_starts_point_at_each_original_line_after_dehyphenation():
    text, line_starts = join_lines([(12, "Zo geeft 80 procent van de be-"), (13, "vraagden aan"), (14, ""), (15, "Ik dank u.")])
    assert text == "Zo geeft 80 procent van de bevraagden aan\n\nIk dank u."
    assert line_starts == [(0, 12), (29, 13), (43, 15)]
    assert text[29:37] == "vraagden"
    speech = ParsedSpeech("", "", "", 12, 15, text, line_starts)
    assert speech.line_at(text.index("bevraagden")) == 12
    assert speech.line_at(text.index("aan")) == 13
    assert speech.line_at(text.index("Ik dank")) == 15


def test_join_lines_treats_each_line_as_a_paragraph_when_asked():
    text, _ = join_lines([(1, "Eerste zin."), (2, "Tweede zin.")], line_is_paragraph=True)
    assert text == "Eerste zin.\n\nTweede zin."

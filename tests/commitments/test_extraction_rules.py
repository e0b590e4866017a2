"""The extractor's tables, row by row, and the rules around them, on invented sentences.

No sentence here comes from the seed documents: these tests guard that the rules are general Dutch
patterns, not fitted to the benchmark (tests/commitments/test_extraction_seeds.py).
"""

from datetime import date

import pytest

from commitments import extraction
from commitments.extraction import (
    ABBREVIATIONS,
    BOOSTERS,
    CONDITIONALS,
    FINAL_ABBREVIATIONS,
    HEDGES,
    NEGATIONS,
    NOT_A_DEADLINE,
    OBLIGATIONS,
    OPINIONS,
    PAST_MARKERS,
    PREDICTIONS,
    PROMISE_PHRASES,
    REPORTED_QUESTIONS,
    SPEECH_ACTS,
    Candidate,
    auto_title,
    extract_candidates,
    split_sentences,
)
from transcripts.parsed import ParsedDocument, ParsedMeeting, ParsedSpeech

SAID_ON = date(2021, 10, 26)


def speech(text: str, role: str = "minister", speaker: str = "Minister Voorbeeld", line_starts=None) -> ParsedSpeech:
    return ParsedSpeech(
        speaker=speaker, role=role, party="", start_line=10, end_line=20, text=text,
        line_starts=line_starts if line_starts is not None else [(0, 10)],
    )


def extract(text: str, *, said_on: date | None = SAID_ON, role: str = "minister", kind: str = "transcript") -> list[Candidate]:
    document = ParsedDocument(kind=kind, title="", date=said_on, speeches=[speech(text, role=role)])
    return extract_candidates(document)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# --- One test per row of the promise table --------------------------------------------------------


@pytest.mark.parametrize("row", PROMISE_PHRASES, ids=lambda row: row.name)
def test_each_promise_phrase_proposes_its_example(row):
    kind = "report" if row.reports_only else "transcript"
    (candidate,) = extract(row.example, kind=kind)
    assert candidate.reasons[0] == f"promise phrase '{row.name}'"
    assert candidate.quote == row.example


@pytest.mark.parametrize("row", [r for r in PROMISE_PHRASES if r.needs_date], ids=lambda row: row.name)
def test_weak_promise_phrase_needs_a_date(row):
    without_date = " ".join(
        w for w in row.example.split() if w not in {"dit", "najaar", "in", "juni", "2022"}
    )
    assert extract(without_date) == []


@pytest.mark.parametrize("row", [r for r in PROMISE_PHRASES if r.reports_only], ids=lambda row: row.name)
def test_third_person_minister_counts_only_in_reports(row):
    reason = f"promise phrase '{row.name}'"
    assert all(reason not in c.reasons for c in extract(row.example, kind="transcript"))
    assert [c.reasons[0] for c in extract(row.example, kind="report")] == [reason]


@pytest.mark.parametrize("row", [r for r in PROMISE_PHRASES if r.keywords], ids=lambda row: row.name)
def test_each_promise_phrase_example_holds_one_of_its_keywords(row):
    words = set(extraction._WORD_RE.findall(row.example.lower()))
    assert words & row.keywords


# --- Markers: hedges, boosters, disqualifiers --------------------------------------------------------


@pytest.mark.parametrize("row", HEDGES, ids=lambda row: row.name)
def test_each_hedge_weakens_the_promise(row):
    (candidate,) = extract(row.example)
    assert f"hedge '{row.name}'" in candidate.reasons
    assert candidate.strength != "firm"


@pytest.mark.parametrize("row", BOOSTERS, ids=lambda row: row.name)
def test_each_booster_makes_the_promise_firmer(row):
    (candidate,) = extract(row.example)
    assert any(reason.startswith("insists") for reason in candidate.reasons)
    assert candidate.strength == "firm"


@pytest.mark.parametrize(
    "table",
    [CONDITIONALS, SPEECH_ACTS, OPINIONS, REPORTED_QUESTIONS, PREDICTIONS, OBLIGATIONS, PAST_MARKERS],
    ids=["conditionals", "speech-acts", "opinions", "reported-questions", "predictions", "obligations", "past"],
)
def test_each_disqualifier_matches_its_example_and_rules_it_out(table):
    compiled = dict(extraction._compile(table))
    for row in table:
        regex = next(r for m, r in compiled.items() if m is row)
        flat = " ".join(row.example.split())
        assert regex.search(flat), row.name
        said_on = date(2024, 3, 28) if row.name == "simple past" else SAID_ON
        if row.name == "hebben":
            said_on = date(2020, 10, 13)
        assert extract(row.example, said_on=said_on) == [], row.name


@pytest.mark.parametrize("word", NEGATIONS)
def test_negated_promise_is_not_a_commitment(word):
    assert extract(f"We zullen {word} nieuwe structuren op het regionale niveau creëren.") == []
    assert len(extract("We zullen nieuwe structuren op het regionale niveau creëren.")) == 1


def test_negation_before_the_phrase_is_not_a_commitment():
    assert extract("Het is niet de bedoeling om de lokale besturen iets op te leggen.") == []


@pytest.mark.parametrize("row", NOT_A_DEADLINE, ids=lambda row: row.name)
def test_time_phrases_of_pace_are_no_deadline(row):
    (candidate,) = extract(f"We zullen de nieuwe regeling {row.example} invoeren.")
    assert candidate.deadline_end is None
    assert candidate.deadline_text == ""


# --- Questions, past actions, opinions, conditions, speakers -------------------------------------


def test_question_is_not_a_commitment():
    assert extract("Zult u, minister, bijkomende maatregelen nemen om de wachtlijsten weg te werken?") == []


def test_past_action_is_not_a_commitment():
    assert extract("We hebben vorig jaar tweehonderd extra plaatsen in de opvang gecreëerd.") == []


def test_condition_without_promise_is_not_a_commitment():
    assert extract("Als de federale regering meewerkt, dan zullen we sneller kunnen gaan.") == []


def test_members_of_parliament_make_no_commitments():
    assert extract("We zullen dat in de volgende legislatuur zeker opvolgen.", role="mp") == []
    assert extract("We zullen dat in de volgende legislatuur zeker opvolgen.", role="chair") == []


def test_government_official_can_commit():
    (candidate,) = extract("We zullen de handleiding tegen het einde van het jaar publiceren.", role="official")
    assert "government official speaking" in candidate.reasons


def test_report_passage_of_a_member_of_parliament_is_skipped():
    text = (
        "De minister antwoordt dat de nota binnenkort klaar is. Het is de ambitie om de wachtlijsten "
        "tegen het einde van dit jaar weg te werken.\n\n"
        "Jan Peeters merkt op dat de digitalisering een belangrijke rol zal spelen. Hij wil die cijfers "
        "tegen de zomer zien.\n\n"
        "De minister bevestigt dat hij de cijfers voor de zomer zal bezorgen."
    )
    document = ParsedDocument(kind="report", title="", date=SAID_ON, speeches=[speech(text)])
    quotes = [c.quote for c in extract_candidates(document)]
    assert any("wachtlijsten" in q for q in quotes)
    assert any("cijfers voor de zomer zal bezorgen" in q for q in quotes)
    assert not any("Jan Peeters" in q or "Hij wil die cijfers" in q for q in quotes)


# --- Invented sentences: general Dutch, not the seeds ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "said_on", "deadline_text", "latest"),
    [
        ("Tegen het einde van volgend jaar zullen we alle loketten van de stad digitaliseren.", date(2023, 5, 10),
         "Tegen het einde van volgend jaar", date(2024, 12, 31)),
        ("Ik zal de evaluatie van het decreet nog voor de zomer aan het parlement bezorgen.", date(2023, 2, 1),
         "nog voor de zomer", date(2023, 6, 21)),
        ("De bedoeling is om het nieuwe subsidiereglement in het voorjaar van 2024 goed te keuren.", date(2023, 11, 20),
         "in het voorjaar van 2024", date(2024, 6, 20)),
        ("We gaan de wachtlijsten in de kinderopvang binnen de zes maanden halveren.", date(2022, 3, 15),
         "binnen de zes maanden", date(2022, 9, 15)),
        ("Ik verwacht het ontwerp van decreet tegen Pasen voor te leggen aan de regering.", date(2022, 1, 10),
         "tegen Pasen", date(2022, 4, 17)),
        ("Er komt tegen 1 januari een nieuw meldpunt voor discriminatie op de huurmarkt.", date(2022, 9, 1),
         "tegen 1 januari", date(2023, 1, 1)),
        ("Het departement publiceert de nieuwe richtlijnen begin volgend jaar.", date(2022, 9, 1),
         "begin volgend jaar", date(2023, 4, 30)),
    ],
)
def test_invented_dated_promise_is_found_with_its_deadline(sentence, said_on, deadline_text, latest):
    (candidate,) = extract(sentence, said_on=said_on)
    assert candidate.deadline_text == deadline_text
    assert candidate.deadline_end == latest
    assert candidate.deadline_start <= candidate.deadline_end


@pytest.mark.parametrize(
    "sentence",
    [
        "Zult u de subsidies voor jeugdhuizen verhogen?",
        "We hebben vorig jaar tweehonderd extra plaatsen in de opvang gecreëerd.",
        "We zullen niet raken aan de kinderbijslag.",
        "Ik wil u danken voor uw terechte vraag.",
        "Ik denk dat de vraag naar kinderopvang de komende jaren nog zal stijgen.",
        "Het Europees Parlement stemt in april over de richtlijn.",
        "De gemeenten moeten tegen 2025 een klimaatplan indienen.",
        "U vraagt mij of ik de premie zal verhogen.",
        "De premie werd in 2021 verhoogd en blijft in 2023 behouden.",
        "Mocht de Europese Commissie dat vragen, dan zullen we de regels aanpassen.",
    ],
)
def test_invented_non_commitment_is_not_proposed(sentence):
    assert extract(sentence, said_on=date(2022, 9, 1)) == []


def test_undated_promise_has_no_deadline():
    (candidate,) = extract("Ik kom daarop terug in de commissie zodra de cijfers binnen zijn.")
    assert (candidate.deadline_text, candidate.deadline_start, candidate.deadline_end) == ("", None, None)


# --- Deadlines -------------------------------------------------------------------------------------


def test_past_date_in_the_sentence_is_not_the_deadline():
    (candidate,) = extract(
        "We zullen de nota, die in 2019 werd besproken, tegen het einde van 2022 herwerken.", said_on=date(2021, 3, 1)
    )
    assert candidate.deadline_text == "tegen het einde van 2022"
    assert "past date 'in 2019' is not a deadline" in candidate.reasons


def test_precise_deadline_is_preferred_over_a_vague_one():
    (candidate,) = extract(
        "We zullen binnenkort starten en de nieuwe regeling uiterlijk in juni 2022 invoeren.", said_on=date(2021, 9, 1)
    )
    assert candidate.deadline_text == "uiterlijk in juni 2022"
    assert candidate.deadline_end == date(2022, 6, 30)


def test_without_a_meeting_date_no_deadline_is_resolved():
    (candidate,) = extract("We zullen de omzendbrief eind 2020 klaarstomen.", said_on=None)
    assert candidate.deadline_end is None


def test_meeting_date_comes_from_the_document_then_its_meeting_then_the_argument():
    text = "We zullen de omzendbrief tegen het einde van het jaar klaarstomen."
    from_meeting = ParsedDocument(
        kind="transcript", title="", date=None, meetings=[ParsedMeeting("Commissie", "C1", date(2020, 10, 13))],
        speeches=[speech(text)],
    )
    assert extract_candidates(from_meeting)[0].deadline_end == date(2020, 12, 31)
    assert extract_candidates(from_meeting, date(2022, 5, 1))[0].deadline_end == date(2022, 12, 31)


def test_future_deadline_raises_the_confidence():
    (dated,) = extract("We zullen de omzendbrief tegen het einde van het jaar klaarstomen.")
    (undated,) = extract("We zullen de omzendbrief klaarstomen.")
    assert dated.confidence > undated.confidence
    assert "future deadline 'tegen het einde van het jaar'" in dated.reasons
    assert 0 <= undated.confidence <= dated.confidence <= 1


# --- Sentence splitting ----------------------------------------------------------------------------


@pytest.mark.parametrize("abbreviation", ABBREVIATIONS)
def test_abbreviation_does_not_end_a_sentence(abbreviation):
    text = f"Dat staat {abbreviation} Vlaanderen 23 in de nota. De minister antwoordt."
    assert sentences(text) == [f"Dat staat {abbreviation} Vlaanderen 23 in de nota.", "De minister antwoordt."]


@pytest.mark.parametrize("abbreviation", FINAL_ABBREVIATIONS)
def test_final_abbreviation_ends_a_sentence_only_before_a_capital(abbreviation):
    assert len(sentences(f"We steunen musea, bibliotheken {abbreviation} De regering beslist.")) == 2
    assert len(sentences(f"We steunen musea, bibliotheken {abbreviation} en de regering beslist.")) == 1


def test_numbered_heading_and_initial_do_not_end_a_sentence():
    assert len(sentences("Zie punt 1.3. Hr en Audit staat daar.")) == 1
    assert len(sentences("Dat zei J. Brouns gisteren. Daarna volgde het debat.")) == 2


def test_numbers_with_a_dot_do_not_end_a_sentence_but_a_year_at_the_end_does():
    assert sentences("Dat kost 25.000 euro per jaar. Het geld wordt doorgeschoven naar 2021. Dat is zo.") == [
        "Dat kost 25.000 euro per jaar.", "Het geld wordt doorgeschoven naar 2021.", "Dat is zo.",
    ]


def test_list_items_after_a_semicolon_are_sentences_of_their_own():
    text = "Er werden stappen gezet: − de basis werd gelegd; − het ontwerp komt binnenkort naar de commissie."
    assert sentences(text) == ["Er werden stappen gezet:", "− de basis werd gelegd;", "− het ontwerp komt binnenkort naar de commissie."]


def test_question_and_exclamation_end_a_sentence_and_paragraphs_always_do():
    assert sentences("Komt dat er? Ja! Dat komt er\n\nnieuwe paragraaf") == ["Komt dat er?", "Ja!", "Dat komt er", "nieuwe paragraaf"]


def test_lower_case_after_a_full_stop_continues_the_sentence():
    assert len(sentences("Het gaat om ca. twee miljoen euro. Dat is veel.")) == 2


# --- Quote and line ------------------------------------------------------------------------------


def test_quote_names_the_original_line_it_starts_on():
    text = "Eerste zin over iets anders.\n\nWe zullen de omzendbrief klaarstomen en publiceren."
    document = ParsedDocument(
        kind="transcript", title="", date=SAID_ON,
        speeches=[speech(text, line_starts=[(0, 10), (30, 12), (50, 13)])],
    )
    (candidate,) = extract_candidates(document)
    assert candidate.line == 12
    assert candidate.quote == "We zullen de omzendbrief klaarstomen en publiceren."
    assert candidate.speech_index == 0
    assert candidate.speaker == "Minister Voorbeeld"


def test_promise_starting_mid_line_names_that_line():
    text = "Dat is de context. We zullen de omzendbrief klaarstomen."
    document = ParsedDocument(
        kind="transcript", title="", date=SAID_ON, speeches=[speech(text, line_starts=[(0, 7), (25, 8)])]
    )
    assert extract_candidates(document)[0].line == 7


def test_two_promises_starting_on_one_line_become_one_candidate():
    text = "We zullen het kader herzien. We zullen het daarna publiceren."
    (candidate,) = extract(text)
    assert candidate.quote == text


def test_quote_joins_the_lines_of_a_sentence():
    (candidate,) = extract("We zullen de\nomzendbrief   klaarstomen.")
    assert candidate.quote == "We zullen de omzendbrief klaarstomen."


# --- Output -----------------------------------------------------------------------------------------


def test_to_json_gives_exactly_the_documented_fields():
    (candidate,) = extract("Eind 2021 zullen we een nieuw kader klaarstomen.")
    assert candidate.to_json() == {
        "line": 10,
        "speaker": "Minister Voorbeeld",
        "quote": "Eind 2021 zullen we een nieuw kader klaarstomen.",
        "deadline_text": "Eind 2021",
        "deadline_start": "2021-09-01",
        "deadline_end": "2021-12-31",
        "strength": "firm",
        "confidence": candidate.confidence,
    }
    (undated,) = extract("We zullen een nieuw kader klaarstomen.")
    assert undated.to_json()["deadline_text"] is None
    assert undated.to_json()["deadline_end"] is None


def test_auto_title_takes_the_object_of_the_promise_within_80_characters():
    (candidate,) = extract("Eind 2021 zullen we via een omzendbrief een nieuw kader inzake anders werken klaarstomen.")
    assert candidate.title == "Via een omzendbrief een nieuw kader inzake anders werken klaarstomen"
    long = "We zullen " + " ".join(["de zeer uitgebreide regeling"] * 10) + " herzien."
    title = auto_title(long, len("We zullen "))
    assert len(title) <= 80
    assert title.endswith("…")


@pytest.mark.parametrize("row", PAST_MARKERS, ids=lambda row: row.name)
def test_past_marker_alone_is_what_rules_out_its_example(row):
    """Without its past marker the example would be proposed: the marker does the work."""
    said_on = {"simple past": date(2024, 3, 28), "hebben": date(2020, 10, 13)}.get(row.name, SAID_ON)
    sentence = row.example
    candidate_without_marker = extraction._compile((row,))[0][1].sub("", sentence)
    neutral = " ".join(candidate_without_marker.split())
    assert extract(sentence, said_on=said_on) == []
    assert [c.reasons[0] for c in extract(neutral, said_on=said_on)] == [
        "promise phrase 'present tense with a future date'"
    ]

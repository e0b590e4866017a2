"""`manage.py extract PATH [--date YYYY-MM-DD] --json`: a dry run that prints candidates, writes nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Commitment
from tests.conftest import seed_path
from transcripts.models import Document

pytestmark = pytest.mark.django_db

FIELDS = {"line", "speaker", "quote", "deadline_text", "deadline_start", "deadline_end", "strength", "confidence"}


def run_extract(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("extract", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_extract_prints_candidates_as_json_with_exactly_the_documented_fields():
    code, out, _err = run_extract(seed_path("004"), "--json")
    assert code == 0
    candidates = json.loads(out)
    assert candidates
    assert all(set(c) == FIELDS for c in candidates)
    evaluation = next(c for c in candidates if c["quote"].startswith("Die evaluatie zal volgende maand"))
    assert evaluation == {
        "line": 453,
        "speaker": "Jo Brouns",
        "quote": "Die evaluatie zal volgende maand al beschikbaar zijn.",
        "deadline_text": "volgende maand",
        "deadline_start": "2024-04-01",
        "deadline_end": "2024-04-30",
        "strength": evaluation["strength"],
        "confidence": evaluation["confidence"],
    }
    assert evaluation["strength"] in ("firm", "intent", "vague")
    assert 0 <= evaluation["confidence"] <= 1


def test_extract_line_is_the_line_in_the_given_file():
    path = seed_path("000")
    lines = path.read_text(encoding="utf-8").split("\n")
    _code, out, _err = run_extract(path, "--json")
    for candidate in json.loads(out):
        first_word = candidate["quote"].split()[0]
        assert first_word in lines[candidate["line"] - 1], candidate


def test_extract_undated_candidate_has_null_deadline_fields():
    _code, out, _err = run_extract(seed_path("004"), "--json")
    undated = next(c for c in json.loads(out) if c["quote"] == "We zullen u daar verder over informeren.")
    assert (undated["deadline_text"], undated["deadline_start"], undated["deadline_end"]) == (None, None, None)


def test_extract_date_option_replaces_the_meeting_date_of_the_document():
    _code, out, _err = run_extract(seed_path("004"), "--date", "2023-03-28", "--json")
    evaluation = next(c for c in json.loads(out) if c["quote"].startswith("Die evaluatie zal volgende maand"))
    assert (evaluation["deadline_start"], evaluation["deadline_end"]) == ("2023-04-01", "2023-04-30")


def test_extract_writes_nothing():
    run_extract(seed_path("002"), "--json")
    assert Document.objects.count() == 0
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "file is empty"),
        (b"Vraag om uitleg\x00\x00\x01 over telewerk", "file is binary (it contains NUL bytes), not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj", "file is binary: a PDF file (extract its text first)"),
    ],
    ids=["empty", "nul-bytes", "pdf"],
)
def test_extract_of_an_unusable_file_exits_2_with_the_reason(tmp_path, content, reason):
    path = tmp_path / "document.txt"
    path.write_bytes(content)
    code, out, err = run_extract(path, "--json")
    assert code == 2
    assert f"{path}: {reason}" in err
    assert out == ""


def test_extract_of_a_missing_file_exits_2(tmp_path):
    code, _out, err = run_extract(tmp_path / "nothing.txt", "--json")
    assert code == 2
    assert "no such file" in err


def test_extract_with_a_malformed_date_exits_2():
    code, _out, err = run_extract(seed_path("004"), "--date", "28-03-2024", "--json")
    assert code == 2
    assert "'28-03-2024' is not a date: use YYYY-MM-DD." in err

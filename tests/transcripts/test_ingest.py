"""`manage.py ingest`: bad files get one clear line and exit code 2, and nothing is written."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from recommendations.models import Recommendation
from tests.conftest import seed_path
from transcripts import ingest
from transcripts.models import Document, Person, Speech

pytestmark = pytest.mark.django_db


def run_ingest(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def assert_nothing_written():
    assert Document.objects.count() == 0
    assert Speech.objects.count() == 0
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "file is empty"),
        (b"   \n\t\n  ", "file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj", "file is binary: a PDF file (extract its text first)"),
        (b"Vraag om uitleg\x00\x00\x01 over telewerk", "file is binary (it contains NUL bytes), not text"),
        ("Minister Bart Somers: de omzendbrief wordt geëvalueerd.".encode("latin-1"),
         "file is not UTF-8 text (byte 0xeb at position 45); convert it to UTF-8 first"),
    ],
    ids=["empty", "whitespace", "pdf", "nul-bytes", "latin-1"],
)
def test_unusable_file_is_rejected_with_its_reason_and_exit_code_2(tmp_path, content, reason):
    path = tmp_path / "document.txt"
    path.write_bytes(content)
    code, _out, err = run_ingest(path)
    assert code == 2
    assert f"ingest: {path}: {reason}" in err
    assert_nothing_written()


def test_missing_file_is_named_in_the_message(tmp_path):
    code, _out, err = run_ingest(tmp_path / "nowhere.txt")
    assert code == 2
    assert f"ingest: {tmp_path / 'nowhere.txt'}: no such file" in err
    assert_nothing_written()


def test_file_over_20_mb_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: costs no disk
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("the file was read"))
    code, _out, err = run_ingest(path)
    assert code == 2
    assert "file is too large (20,971,521 bytes; the limit is 20,971,520)" in err
    assert_nothing_written()


def test_text_with_nothing_usable_is_rejected(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_text("qzx vbnm 7#@! kkkk ppppp zzzz " * 40, encoding="utf-8")
    code, _out, err = run_ingest(path)
    assert code == 2
    assert f"ingest: {path}: " in err
    assert_nothing_written()


def test_good_files_are_stored_even_when_another_is_rejected(tmp_path):
    good = tmp_path / "001.txt"
    shutil.copy(seed_path("001"), good)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = run_ingest(good, bad)
    assert code == 2
    assert "1 of 2 file(s) rejected" in err
    assert Document.objects.get().filename == "001.txt"


def test_the_same_file_twice_stores_nothing_new(tmp_path):
    path = seed_path("001")
    assert run_ingest(path)[0] == 0
    counts = (Document.objects.count(), Speech.objects.count(), Person.objects.count())
    code, out, _err = run_ingest(path)
    assert code == 0
    assert "already stored" in out
    assert (Document.objects.count(), Speech.objects.count(), Person.objects.count()) == counts


def test_a_failure_while_storing_leaves_the_database_as_it_was(monkeypatch):
    def store_then_fail(document, parsed):
        ingest.PeopleCache().get("Bart Somers", role="minister")
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest, "store_parsed", store_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest.ingest_file(seed_path("001"))
    assert_nothing_written()


def test_json_output_describes_what_was_stored():
    code, out, _err = run_ingest(seed_path("001"), "--json")
    assert code == 0
    report = json.loads(out)
    document = Document.objects.get()
    assert report["document"] == document.pk
    assert report["kind"] == "report"
    assert report["counts"]["speeches"] == Speech.objects.count() > 0


def test_all_seeds_ingest_and_people_are_shared_across_documents():
    code, _out, err = run_ingest(*(seed_path(p) for p in ("000", "001", "002", "003", "004")))
    assert code == 0, err
    assert Document.objects.count() == 5
    assert set(Document.objects.values_list("kind", flat=True)) == {"transcript", "report", "bundle"}
    somers = Person.objects.get(name__iexact="Bart Somers")
    assert set(somers.speeches.values_list("document__filename", flat=True)) >= {
        seed_path("000").name, seed_path("002").name,
    }
    assert Recommendation.objects.count() > 0


def test_date_option_sets_the_document_date(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(
        "Persbericht. De minister zegt dat de omzendbrief over hybride werken tegen de zomer klaar is. "
        "De lokale besturen krijgen meer ruimte om zelf te beslissen over telewerk.\n",
        encoding="utf-8",
    )
    code, _out, err = run_ingest(path, "--date", "2021-03-01")
    assert code == 0, err
    assert Document.objects.get().date.isoformat() == "2021-03-01"


def test_a_bad_date_option_is_refused_with_exit_code_2():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(seed_path("001")), "--date", "21/09/2021"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "'21/09/2021' is not a date: use YYYY-MM-DD." in result.stderr
    assert "Traceback" not in result.stderr

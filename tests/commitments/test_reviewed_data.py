"""The reviewed demo data: fixtures/reviewed_commitments.json loaded over the ingested seeds."""

import copy
import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commitments.models import Commitment, CommitmentRecommendation, Deadline, Event, Mention, ReviewState
from commitments.reviewed_data import DEFAULT_PATH, load_reviewed, read_file
from tests.conftest import SEEDS
from tracker.pipeline import after_ingest
from transcripts.ingest import ingest_file

TODAY = datetime.date(2026, 11, 23)
SEED_000 = "000_3c00e0bf18620a5e.txt"
SEED_002 = "002_b45f7c7e78c0df18.txt"


def ingest_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        after_ingest(ingest_file(path))


def counts() -> dict[str, int]:
    return {
        "commitments": Commitment.objects.count(),
        "deadlines": Deadline.objects.count(),
        "links": CommitmentRecommendation.objects.count(),
        "mentions": Mention.objects.count(),
        "events": Event.objects.count(),
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The five seeds ingested and the reviewed data loaded once for the module's tests."""
    with django_db_blocker.unblock():
        ingest_seeds()
        report = load_reviewed(read_file(), today=TODAY)
    yield report
    with django_db_blocker.unblock():
        from recommendations.models import PolicyField
        from transcripts.models import Document, Person

        Document.objects.all().delete()  # cascades to speeches, commitments and what hangs on them
        Person.objects.all().delete()
        PolicyField.objects.all().delete()


@pytest.fixture
def data():
    return read_file(DEFAULT_PATH)


@pytest.mark.django_db
def test_listed_commitments_are_confirmed_and_public(loaded, data):
    for entry in data["commitments"]:
        commitment = Commitment.objects.get(speech__document__filename=entry["file"], line=entry["line"])
        assert commitment.review_state == ReviewState.CONFIRMED
        assert commitment.title == entry["title"]
        assert commitment.policy_field.name == entry["policy_field"]
        assert commitment.reviewed_by is None and commitment.reviewed_at is not None
        assert commitment.review_note.startswith("Reviewed against")
    assert Commitment.objects.public().count() == len(data["commitments"])
    assert loaded.commitments_created == 1  # 002 line 1638, which the extractor misses
    # The other suggestions wait in the review queue.
    assert Commitment.objects.review_queue().exists()


@pytest.mark.django_db
def test_circular_of_000_is_fulfilled_by_a_confirmed_mention_from_001(loaded):
    circular = Commitment.objects.get(speech__document__filename=SEED_000, line=139)
    assert circular.status == Commitment.Status.FULFILLED
    mention = circular.mentions.public().get()
    assert mention.speech.document.filename.startswith("001_")
    assert mention.signal == Mention.Signal.FULFILLED
    assert circular.events.filter(kind=Event.Kind.FULFILLED).count() == 1


@pytest.mark.django_db
def test_limburg_decision_has_both_deadlines_and_is_delayed(loaded):
    limburg = Commitment.objects.get(speech__document__filename=SEED_002, line=439)
    assert limburg.status == Commitment.Status.DELAYED
    assert sorted(d.text for d in limburg.deadlines.public()) == ["Pasen 2021", "binnen een paar weken"]
    assert limburg.current_deadline.text == "binnen een paar weken"
    assert limburg.current_deadline_latest == datetime.date(2021, 11, 16)
    assert limburg.recommendation_links.public().get().recommendation.number == "1.6.1.4-A2"


@pytest.mark.django_db
def test_recommendation_links_are_confirmed_with_a_reason(loaded, data):
    listed = sum(len(entry["recommendations"]) for entry in data["commitments"])
    public = CommitmentRecommendation.objects.public()
    assert public.count() == listed >= 8
    assert all(link.reason for link in public)


@pytest.mark.django_db
def test_loading_twice_and_ingesting_again_changes_nothing(loaded):
    before = counts()
    again = load_reviewed(read_file(), today=TODAY)
    assert not again.changed
    call_command("ingest", *[str(p) for p in sorted(SEEDS.glob("*.txt"))])
    call_command("load_reviewed", "--today", TODAY.isoformat())
    assert counts() == before
    assert Commitment.objects.filter(speech__document__filename=SEED_002, line=439).count() == 1


@pytest.mark.django_db
def test_a_bad_entry_exits_2_naming_it_and_writes_nothing(loaded, data, tmp_path):
    bad = copy.deepcopy(data)
    bad["commitments"][0]["title"] = "A title that must not be written"
    bad["commitments"][3]["recommendations"] = [{"number": "9.9.9-X1", "reason": "does not exist"}]
    bad["commitments"].append({"file": SEED_002, "line": 99999, "title": "Op een regel die niet bestaat"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError) as error:
        call_command("load_reviewed", str(path), "--today", TODAY.isoformat())
    assert error.value.returncode == 2
    assert "entry 4" in str(error.value) and "'9.9.9-X1'" in str(error.value)
    assert counts() == before
    first = data["commitments"][0]
    assert Commitment.objects.get(speech__document__filename=first["file"], line=first["line"]).title == first["title"]


@pytest.mark.django_db
def test_documents_not_ingested_exit_2_naming_them(loaded, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({
        "reviewed_at": "2026-11-20T10:00:00+01:00",
        "commitments": [{"file": "999_not_ingested.txt", "line": 5, "title": "Nergens"}],
    }), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_reviewed", str(path))
    assert error.value.returncode == 2
    assert "not ingested: 999_not_ingested.txt" in str(error.value)

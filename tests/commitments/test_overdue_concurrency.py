"""Two workers flagging at once: every commitment is flipped once and gets exactly one event."""

import datetime
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.models import Count

from commitments import overdue
from commitments.models import Commitment, Event, ReviewState
from tests.factories import SpeechFactory

DEC_31 = datetime.date(2020, 12, 31)
JAN_1 = datetime.date(2021, 1, 1)


def many_due(n: int) -> None:
    speech = SpeechFactory()
    Commitment.objects.bulk_create(
        Commitment(
            speech=speech, made_by=speech.speaker, quote="q", line=i + 1, title=f"c{i}",
            review_state=ReviewState.CONFIRMED, current_deadline_latest=DEC_31,
        )
        for i in range(n)
    )


def run_in_threads(work, count: int = 2) -> list:
    """Run `work()` in `count` threads started together; return their results (or raise theirs)."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def worker(slot: int) -> None:
        try:
            barrier.wait()
            results[slot] = work()
        except Exception as error:  # noqa: BLE001 - re-raised in the main thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_flag_each_commitment_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks per range are PostgreSQL's; run with DATABASE_URL=postgres://...")
    many_due(3000)

    counts = run_in_threads(lambda: overdue.flag_overdue(JAN_1, batch_size=100))

    assert sum(counts) == 3000
    assert Commitment.objects.filter(overdue_flag__since=JAN_1).count() == 3000
    per_commitment = (
        Event.objects.filter(kind=Event.Kind.BECAME_OVERDUE).values("commitment").annotate(n=Count("id"))
    )
    assert len(per_commitment) == 3000
    assert {row["n"] for row in per_commitment} == {1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_clear_each_commitment_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks per range are PostgreSQL's; run with DATABASE_URL=postgres://...")
    many_due(2000)
    overdue.flag_overdue(JAN_1)
    Commitment.objects.update(status=Commitment.Status.FULFILLED)

    counts = run_in_threads(lambda: overdue.clear_overdue(JAN_1, batch_size=100))

    assert sum(counts) == 2000
    assert Event.objects.filter(kind=Event.Kind.NO_LONGER_OVERDUE).count() == 2000
    assert Event.objects.filter(kind=Event.Kind.NO_LONGER_OVERDUE).values("commitment").distinct().count() == 2000


SEED_SCRIPT = """
import datetime
from commitments.models import Commitment
from tests.factories import SpeechFactory
speech = SpeechFactory()
Commitment.objects.bulk_create(
    Commitment(speech=speech, made_by=speech.speaker, quote="q", line=i + 1, title=f"c{i}",
               review_state="confirmed", current_deadline_latest=datetime.date(2020, 12, 31))
    for i in range(%d)
)
"""


def test_two_processes_at_once_on_a_sqlite_file_flag_each_commitment_exactly_once(tmp_path):
    """SQLite has no row locks: a batch takes the write lock first, so the other process waits.

    Runs on its own SQLite file in subprocesses (pytest-django's in-memory test database cannot
    be shared between processes), whichever database the rest of the suite uses.
    """
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}", "PYTHONPATH": str(root)}
    env.pop("TEST_DATABASE_NAME", None)
    manage = [sys.executable, str(root / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=root, check=True, timeout=120)
    subprocess.run([*manage, "shell", "-c", SEED_SCRIPT % 5000], env=env, cwd=root, check=True, timeout=120)

    # Both start at the same moment, after Django's start-up; small batches make them take turns.
    start = time.time() + 4
    flag = [*manage, "shell", "-c",
            f"import datetime, time; time.sleep(max(0, {start} - time.time())); "
            "from commitments.overdue import flag_overdue; "
            "print(flag_overdue(datetime.date(2021, 1, 1), batch_size=50))"]
    workers = [subprocess.Popen(flag, env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for _ in range(2)]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    assert sum(int(out.strip().splitlines()[-1]) for out, _err in outputs) == 5000

    with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
        per_commitment = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT commitment_id) FROM commitments_event WHERE kind = 'became_overdue'"
        ).fetchone()
        flagged = db.execute(
            "SELECT COUNT(*) FROM commitments_overdueflag WHERE since = '2021-01-01'"
        ).fetchone()[0]
    assert per_commitment == (5000, 5000)
    assert flagged == 5000

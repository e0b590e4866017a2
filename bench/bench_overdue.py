"""Time the overdue job: flag 1,000,000 commitments on PostgreSQL, 100,000 on SQLite.

    .venv/bin/python bench/bench_overdue.py                      # both, with the budgets below
    .venv/bin/python bench/bench_overdue.py --engine postgres [--rows 1000000] [--server URL]
    .venv/bin/python bench/bench_overdue.py --engine sqlite [--rows 100000]

Builds a throwaway database, never one in use: on PostgreSQL it (re)creates the database
`tracker_bench_overdue` on the server (default postgres://postgres@127.0.0.1:5432) and drops it
afterwards; on SQLite a temporary file. DATABASE_URL is set before Django starts, then it migrates,
loads `rows` commitments whose deadline has passed plus 10% that must not be flagged (a deadline
still to come, fulfilled, rejected) with COPY (PostgreSQL) or executemany (SQLite), and times:

- floor: the same flip as two hand-written statements on one connection (INSERT ... SELECT of the
  flags, then of their events), rolled back: what one connection of this machine does at best at
  this moment, for judging the job's own overhead;
- flag: `update_overdue(today)` as the daily task runs it (on PostgreSQL `overdue.WORKERS`
  connections side by side), flipping every due commitment and writing its event;
- again: the same call a second time (idempotent: must change nothing);
- clear: after the due commitments are marked fulfilled, `update_overdue` clearing every flag.

Prints the machine, the date, the command and the figures; exits 1 when `flag` is over budget or
any count is wrong.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2021, 1, 1)
BUDGETS = {"postgres": (1_000_000, 10.0), "sqlite": (100_000, 2.0)}  # rows, seconds for `flag`
BENCH_DATABASE = "tracker_bench_overdue"
NOW = "2020-10-13 10:00:00+00"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()}: {cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def configure(database_url: str) -> None:
    """Point Django at the throwaway database before anything imports the settings."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "false")  # no query log: measure what production runs
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.pop("TEST_DATABASE_NAME", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def rows_for(count: int, speech_id: int, person_id: int):
    """(line, status, review_state, current_deadline_latest) rows: `count` due, 10% more not due."""
    statuses = ("open", "partly_fulfilled", "delayed")
    for i in range(count):
        latest = datetime.date(2019, 1, 1) + datetime.timedelta(days=i % 730)
        yield i + 1, statuses[i % 3], "confirmed" if i % 5 else "suggested", latest
    for j in range(count // 10):
        kind = j % 3
        latest = datetime.date(2021, 6, 30) if kind == 0 else datetime.date(2020, 6, 30)
        status = "fulfilled" if kind == 1 else "open"
        review = "rejected" if kind == 2 else "confirmed"
        yield count + j + 1, status, review, latest


def load(count: int) -> None:
    from django.db import connection, transaction

    from transcripts.models import Document, Person, Speech

    person = Person.objects.create(name="Bench Minister", slug="bench-minister", role="minister")
    document = Document.objects.create(title="bench", raw_text="bench", sha256="0" * 64)
    speech = Speech.objects.create(document=document, order=1, speaker=person, speaker_name=person.name,
                                   role="minister", text="bench", start_line=1, end_line=1)
    columns = ("speech_id", "made_by_id", "quote", "line", "title", "strength", "status", "review_state",
               "confidence", "reasons", "review_note", "created_at", "updated_at", "current_deadline_latest")
    rows = (
        (speech.pk, person.pk, "q", line, f"c{line}", "firm", status, review, 0.8, "[]", "", NOW, NOW, latest)
        for line, status, review, latest in rows_for(count, speech.pk, person.pk)
    )
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(str(v) for v in row) + "\n")
        buffer.seek(0)
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            with cursor.copy(f"COPY commitments_commitment ({', '.join(columns)}) FROM STDIN") as copy:
                while chunk := buffer.read(1 << 20):
                    copy.write(chunk)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE commitments_commitment")
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO commitments_commitment ({', '.join(columns)}) VALUES ({placeholders})",
                [tuple(v.isoformat() if isinstance(v, datetime.date) else v for v in row) for row in rows],
            )
            cursor.execute("ANALYZE")


FLOOR_SQL = {
    "postgresql": (
        "INSERT INTO commitments_overdueflag (commitment_id, since) "
        "SELECT id, current_deadline_latest + 1 FROM commitments_commitment c WHERE {due}",
        "INSERT INTO commitments_event (commitment_id, kind, happened_on, detail, created_at) "
        "SELECT commitment_id, 'became_overdue', since, jsonb_build_object('deadline', since - 1), now() "
        "FROM commitments_overdueflag",
    ),
    "sqlite": (
        "INSERT INTO commitments_overdueflag (commitment_id, since) "
        "SELECT id, date(current_deadline_latest, '+1 day') FROM commitments_commitment c WHERE {due}",
        "INSERT INTO commitments_event (commitment_id, kind, happened_on, detail, created_at) "
        "SELECT commitment_id, 'became_overdue', since, json_object('deadline', date(since, '-1 day')), "
        "'2021-01-01 00:00:00' FROM commitments_overdueflag",
    ),
}
DUE = ("status IN ('open', 'partly_fulfilled', 'delayed') AND review_state <> 'rejected' "
       "AND current_deadline_latest < '2021-01-01' "
       "AND NOT EXISTS (SELECT 1 FROM commitments_overdueflag f WHERE f.commitment_id = c.id)")


def floor(server: str | None) -> float:
    """Seconds for the flip as two plain statements, in a transaction that is rolled back.

    On PostgreSQL it runs on a copy of the loaded database: a rolled-back million rows stay behind
    as dead tuples and index entries, and their gigabyte of WAL starts a checkpoint, both of which
    would slow the job timed next, on a table no real database would leave that way.
    """
    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in FLOOR_SQL[connection.vendor]:
                cursor.execute(statement.format(due=DUE))
            seconds = time.perf_counter() - start
            transaction.set_rollback(True)
    else:
        import psycopg

        copy = f"{BENCH_DATABASE}_floor"
        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {copy} TEMPLATE {BENCH_DATABASE}")
            try:
                with psycopg.connect(f"{server}/{copy}") as database:
                    database.execute("CHECKPOINT")
                    start = time.perf_counter()
                    for statement in FLOOR_SQL["postgresql"]:
                        database.execute(statement.format(due=DUE))
                    seconds = time.perf_counter() - start
                    database.rollback()
            finally:
                admin.execute(f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)")
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")  # the copy's WAL, written to disk before the job starts
    print(f"  {'floor':<6} {seconds:7.2f} s  (two plain INSERT ... SELECT on one connection, rolled back)")
    return seconds


def timed(label: str, function):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    print(f"  {label:<6} {seconds:7.2f} s  {result.as_dict()}")
    return seconds, result


def run_one(engine: str, count: int, server: str) -> int:
    """Build the database, time the job, print the figures. The exit code: 0 within budget."""
    budget = BUDGETS[engine][1] * count / BUDGETS[engine][0]
    cleanup = None
    if engine == "postgres":
        import psycopg

        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
            version = admin.execute("SHOW server_version").fetchone()[0]
        database_url = f"{server}/{BENCH_DATABASE}"

        def cleanup():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        label = f"PostgreSQL {version}"
    else:
        import sqlite3

        directory = tempfile.TemporaryDirectory(prefix="bench_overdue_")
        database_url = f"sqlite:///{Path(directory.name) / 'bench.sqlite3'}"
        cleanup = directory.cleanup
        label = f"SQLite {sqlite3.sqlite_version}"

    try:
        configure(database_url)
        from commitments.models import Commitment, Event
        from commitments.overdue import update_overdue

        start = time.perf_counter()
        load(count)
        total = Commitment.objects.count()
        print(f"{label}: loaded {total:,} commitments ({count:,} due) in {time.perf_counter() - start:.1f} s")

        print(f"  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        floor(server if engine == "postgres" else None)
        flag_seconds, flagged = timed("flag", lambda: update_overdue(TODAY))
        _, again = timed("again", lambda: update_overdue(TODAY))
        Commitment.objects.flagged_overdue().update(status="fulfilled")
        _, cleared = timed("clear", lambda: update_overdue(TODAY))

        events = Event.objects.count()
        right = (
            flagged.flagged == count
            and again.as_dict() == {"flagged": 0, "cleared": 0, "realigned": 0}
            and cleared.cleared == count
            and events == 2 * count
        )
        verdict = "within" if flag_seconds <= budget else "OVER"
        print(f"  => {count:,} flagged in {flag_seconds:.2f} s ({count / flag_seconds:,.0f} rows/s), "
              f"{verdict} the {budget:.1f} s budget; {events:,} events; counts {'right' if right else 'WRONG'}")
        return 0 if right and flag_seconds <= budget else 1
    finally:
        if cleanup:
            cleanup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=sorted(BUDGETS), help="One engine; default both, each in its own process.")
    parser.add_argument("--rows", type=int, help="Due commitments (default 1,000,000 on PostgreSQL, 100,000 on SQLite).")
    parser.add_argument("--server", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
                        help="PostgreSQL server URL without a database name.")
    args = parser.parse_args()

    if args.engine:
        return run_one(args.engine, args.rows or BUDGETS[args.engine][0], args.server.rstrip("/"))

    print(f"bench_overdue: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {machine()}")
    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    # Django is set up once per process, so each engine runs in a child process.
    codes = []
    for engine in ("postgres", "sqlite"):
        command = [sys.executable, __file__, "--engine", engine, "--server", args.server]
        if args.rows:
            command += ["--rows", str(args.rows)]
        codes.append(subprocess.call(command))
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())

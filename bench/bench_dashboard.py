"""Time the public dashboard's overview with 100,000 commitments.

    .venv/bin/python bench/bench_dashboard.py [--commitments 100000] [--runs 30] [--database-url URL]

Builds a throwaway database (a temporary SQLite file unless --database-url names another scratch
database; never the checkout's db.sqlite3), fills it with bulk_create — a realistic spread of
statuses, review states, deadlines, ministers and policy fields — and requests the overview
through Django's test client. Prints the machine, the date, the number of queries and the median
and 95th percentile server time of each page. The target: the overview under 100 ms.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = datetime.date(2024, 9, 1)
FIRST_DAY = datetime.date(2019, 10, 1)
LAST_DAY = datetime.date(2024, 6, 30)
MINISTERS = 12
FIELDS = 8
DOCUMENTS = 150
SPEECHES_PER_DOCUMENT = 40
# (value, weight): how commitments are spread over statuses and review states.
STATUSES = [("open", 45), ("delayed", 10), ("partly_fulfilled", 10), ("fulfilled", 25), ("abandoned", 10)]
REVIEW_STATES = [("confirmed", 85), ("suggested", 12), ("rejected", 3)]
NO_DEADLINE_SHARE = 0.1
EXTRA_DEADLINE_SHARE = 0.3  # commitments whose deadline was stated again (a slip)
MENTION_SHARE = 0.3
BATCH = 5000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", help="A scratch database to fill (default: a temporary SQLite file).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true",
                        help="With --database-url: use the data already there (from an earlier run) as it is.")
    return parser.parse_args()


def setup_django(database_url: str | None) -> Path | None:
    """Point Django at a throwaway database before anything imports the settings."""
    tmpdir = None
    if database_url is None:
        tmpdir = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
        database_url = f"sqlite:///{tmpdir / 'bench.sqlite3'}"
    if "db.sqlite3" in database_url:
        raise SystemExit("refusing to fill the checkout's db.sqlite3: pass a scratch database")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    return tmpdir


def weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in table], weights=[weight for _, weight in table])[0]


def fill(n: int, rng: random.Random) -> None:
    from django.core.management import call_command

    from commitments.models import Commitment, Deadline, Mention, OverdueFlag
    from recommendations.models import PolicyField, Recommendation
    from transcripts.models import Document, Person, Speech

    call_command("migrate", verbosity=0)
    people = Person.objects.bulk_create(
        Person(name=f"Minister {i:02d}", slug=f"minister-{i:02d}", role="minister") for i in range(MINISTERS)
    )
    fields = PolicyField.objects.bulk_create(
        PolicyField(name=f"Beleidsveld {i}", slug=f"beleidsveld-{i}") for i in range(FIELDS)
    )
    span = (LAST_DAY - FIRST_DAY).days
    documents = Document.objects.bulk_create(
        Document(kind="transcript", title=f"Commissievergadering nr. C{i}", date=FIRST_DAY + datetime.timedelta(
            days=rng.randrange(span)), raw_text="regel\n" * 200, sha256=f"{i:064d}", size=1200)
        for i in range(DOCUMENTS)
    )
    speeches = Speech.objects.bulk_create(
        (Speech(document=doc, order=j, speaker=rng.choice(people), speaker_name="Minister", role="minister",
                text="Tegen eind 2020 zullen we een omzendbrief klaarstomen.", start_line=j * 5 + 1,
                end_line=j * 5 + 4)
         for doc in documents for j in range(SPEECHES_PER_DOCUMENT)),
        batch_size=BATCH,
    )
    bundle = Document.objects.create(kind="bundle", title="Inspiratiebundel", raw_text="x", sha256="b" * 64)
    Recommendation.objects.bulk_create(
        Recommendation(document=bundle, policy_field=fields[i % FIELDS], section="Aanbevelingen", kind="priority",
                       number=str(i + 1), text=f"Aanbeveling {i + 1}", line=i + 1)
        for i in range(300)
    )

    commitments, overdue_since = [], []
    for i in range(n):
        speech = speeches[i % len(speeches)]
        made_on = speech.document.date
        status = weighted(rng, STATUSES)
        latest = None if rng.random() < NO_DEADLINE_SHARE else made_on + datetime.timedelta(days=rng.randint(30, 900))
        overdue = latest is not None and latest < TODAY and status in ("open", "delayed", "partly_fulfilled")
        commitments.append(Commitment(
            speech=speech, made_by=speech.speaker, made_on=made_on, quote="Tegen eind 2020 zullen we ...",
            line=speech.start_line + i // len(speeches), title=f"Toezegging {i}",
            policy_field=None if rng.random() < 0.05 else rng.choice(fields), status=status,
            review_state=weighted(rng, REVIEW_STATES), confidence=rng.random(), current_deadline_latest=latest,
        ))
        overdue_since.append(latest + datetime.timedelta(days=1) if overdue else None)
    commitments = Commitment.objects.bulk_create(commitments, batch_size=BATCH)
    OverdueFlag.objects.bulk_create(
        (OverdueFlag(commitment=c, since=since) for c, since in zip(commitments, overdue_since) if since),
        batch_size=BATCH,
    )

    deadlines, mentions = [], []
    for c in commitments:
        if c.current_deadline_latest is None:
            continue
        if rng.random() < EXTRA_DEADLINE_SHARE:
            first = c.current_deadline_latest - datetime.timedelta(days=rng.randint(30, 300))
            deadlines.append(Deadline(commitment=c, text="eerder", earliest=min(first, c.made_on), latest=first,
                                      stated_in=c.speech, stated_on=c.made_on, line=c.line))
        deadlines.append(Deadline(commitment=c, text="later", earliest=c.made_on, latest=c.current_deadline_latest,
                                  stated_in=c.speech, stated_on=c.made_on + datetime.timedelta(days=1), line=c.line,
                                  is_current=True))
        if rng.random() < MENTION_SHARE:
            mentions.append(Mention(speech=speeches[(c.speech_id * 7 + 3) % len(speeches)], commitment=c, line=1,
                                    signal="in_progress", review_state="confirmed", quote="..."))
    Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
    Mention.objects.bulk_create(mentions, batch_size=BATCH, ignore_conflicts=True)


def time_page(client, url: str, runs: int, *, cold: bool = False) -> tuple[float, float, int]:
    """Median and 95th percentile in ms, and the number of queries, of `runs` requests of `url`.

    `cold` empties the cache before each request, so every request counts the figures itself.
    """
    from django.core.cache import cache
    from django.db import connection

    for _ in range(3):  # warm up: template loading, the first connection
        assert client.get(url).status_code == 200, url
    queries = []
    if cold:
        cache.clear()
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url)
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, len(queries)


def main() -> None:
    args = parse_args()
    tmpdir = setup_django(args.database_url)
    try:
        import time_machine
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from commitments.models import Commitment

        rng = random.Random(args.seed)
        started = time.perf_counter()
        if not (args.reuse and args.database_url):
            fill(args.commitments, rng)
        filled = time.perf_counter() - started
        with connection.cursor() as cursor:
            # Fresh statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE would keep them.
            cursor.execute("ANALYZE")
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        db_version = sqlite3.sqlite_version if engine == "sqlite3" else ".".join(
            str(part) for part in divmod(connection.pg_version, 10000))
        print(f"machine:  {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
              f"{platform.system()} {platform.release()}, Python {platform.python_version()}")
        print(f"date:     {datetime.datetime.now().isoformat(timespec='seconds')}")
        print(f"database: {engine} {db_version}; {Commitment.objects.count():,} commitments "
              f"({Commitment.objects.public().count():,} public), filled in {filled:.1f} s")
        print(f"today:    {TODAY} (frozen); {args.runs} runs per page after 3 warm-up requests")
        client = Client()
        # (page, cold): cold pages count their figures on every request, warm ones reuse the
        # figures counted for the same data (dashboard.overview.cached_figures).
        pages = [("/", False), ("/", True), ("/commitments/", False),
                 ("/commitments/?deadline=overdue&sort=deadline", False), ("/ministers/", False),
                 ("/ministers/", True), ("/ministers/minister-03/", False), ("/fields/", False),
                 ("/recommendations/", False), ("/search/?q=omzendbrief", False)]
        print(f"{'page':52} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        with time_machine.travel(datetime.datetime.combine(TODAY, datetime.time(12)), tick=True):
            for url, cold in pages:
                median, p95, queries = time_page(client, url, args.runs, cold=cold)
                label = f"{url} (cold: counting every time)" if cold else url
                print(f"{label:52} {median:10.1f} {p95:8.1f} {queries:8d}")
        if os.environ.get("BENCH_LOAD") is None:
            print(f"load:     {os.getloadavg()[0]:.2f} (1-minute load average after the runs, {os.cpu_count()} cores)")
    finally:
        if tmpdir is not None:
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()

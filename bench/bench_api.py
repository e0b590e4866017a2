"""Benchmark a filtered page of the commitments API over 100,000 commitments.

    .venv/bin/python bench/bench_api.py [--rows 100000] [--runs 50] [--db PATH] [--keep]

Builds a throwaway SQLite database (never the dev server's db.sqlite3: DATABASE_URL is pointed at a
temporary file before Django starts), migrates it, bulk-creates commitments with their deadlines,
mentions and recommendation links, then times a page of 50 through Django's test client, the whole
stack included (authentication, throttle, filters, serializers, ETag). Prints the machine, the
date, the command, the median and the 95th percentile, and exits 1 when the median is over budget.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 50.0

# Not in the migrations (the models are the lead's): the index this benchmark suggests, as Django
# would write it. It holds every column the budget query filters and sorts on, so counting the
# matches and finding the page's ids read the index alone. (The default order, -made_on, is served
# by the migrations' commitment_public_by_date.)
SUGGESTED_INDEXES = [
    # models.Index(fields=["policy_field", "status", "review_state", "current_deadline_latest"],
    #              name="commitment_field_status_deadline")
    "CREATE INDEX IF NOT EXISTS commitment_field_status_deadline ON commitments_commitment "
    "(policy_field_id, status, review_state, current_deadline_latest)",
]
PAGE = 50
TODAY = datetime.date(2024, 6, 1)


def configure(db_path: Path) -> None:
    """Point Django at the throwaway database before anything imports the settings."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DEBUG", "false")  # no query log: measure what production runs
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")  # the test client speaks plain HTTP
    os.environ["API_ANON_RATE"] = "1000000/minute"  # measure the page, not the throttle's refusals
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()


def build(rows: int, seed: int = 2024) -> dict:
    """Bulk-create `rows` commitments and what hangs off them; return what the query filters on."""
    from commitments.models import (
        Commitment, CommitmentRecommendation, Deadline, Mention, OverdueFlag, ReviewState,
    )
    from recommendations.models import PolicyField, Recommendation
    from transcripts.models import Document, Person, Speech

    rng = random.Random(seed)
    fields = PolicyField.objects.bulk_create(
        PolicyField(name=f"Beleidsveld {i}", slug=f"beleidsveld-{i}") for i in range(12)
    )
    ministers = Person.objects.bulk_create(
        Person(name=f"Minister {i}", slug=f"minister-{i}", role=Person.Role.MINISTER, party="Partij")
        for i in range(20)
    )
    # Realistic documents: their text is large, which is why lists must never load it.
    filler = "\n".join(f"regel {i}: de minister antwoordt over het lokaal bestuur." for i in range(400))
    documents = Document.objects.bulk_create(
        Document(
            kind=Document.Kind.TRANSCRIPT, title=f"Commissievergadering C{i}",
            date=datetime.date(2019, 9, 1) + datetime.timedelta(days=3 * i), raw_text=filler,
            sha256=f"{i:064x}", size=len(filler), parse_state=Document.ParseState.PARSED,
        )
        for i in range(500)
    )
    bundle = documents[0]
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            document=bundle, policy_field=fields[i % len(fields)], section="Aanbevelingen",
            kind=Recommendation.Kind.PRIORITY, number=str(i + 1), text=f"Aanbeveling {i + 1}", line=i + 1,
        )
        for i in range(300)
    )
    speeches = Speech.objects.bulk_create(
        (
            Speech(
                document=document, order=order, speaker=rng.choice(ministers), speaker_name="Minister",
                role=Person.Role.MINISTER, text="Eind 2020 zullen we via een omzendbrief een kader klaarstomen. " * 8,
                start_line=order * 10 + 1, end_line=order * 10 + 9,
            )
            for document in documents
            for order in range(40)
        ),
        batch_size=5000,
    )
    statuses = (
        [Commitment.Status.OPEN] * 12 + [Commitment.Status.FULFILLED] * 3 + [Commitment.Status.PARTLY_FULFILLED] * 2
        + [Commitment.Status.DELAYED] * 2 + [Commitment.Status.ABANDONED]
    )
    states = [ReviewState.CONFIRMED] * 17 + [ReviewState.SUGGESTED] * 2 + [ReviewState.REJECTED]
    commitments, overdue_since = [], []
    for i in range(rows):
        speech = speeches[i % len(speeches)]
        latest = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365))
        status = rng.choice(statuses)
        state = rng.choice(states)
        overdue = latest < TODAY and status in Commitment.ACTIVE_STATUSES and state != ReviewState.REJECTED
        commitments.append(
            Commitment(
                speech=speech, made_by_id=speech.speaker_id, made_on=speech.document.date,
                quote="We zullen tegen eind 2020 een nieuwe omzendbrief over anders werken uitwerken.",
                line=speech.start_line + i // len(speeches), title=f"Toezegging {i}",
                policy_field=rng.choice(fields), status=status, review_state=state,
                confidence=rng.random(), current_deadline_latest=latest,
            )
        )
        overdue_since.append(latest + datetime.timedelta(days=1) if overdue else None)
    commitments = Commitment.objects.bulk_create(commitments, batch_size=5000)
    OverdueFlag.objects.bulk_create(
        (OverdueFlag(commitment=c, since=since) for c, since in zip(commitments, overdue_since) if since),
        batch_size=5000,
    )
    deadlines, mentions, links = [], [], []
    for i, commitment in enumerate(commitments):
        latest = commitment.current_deadline_latest
        if i % 5 == 0:  # a fifth slipped once: an older, non-current statement
            deadlines.append(Deadline(
                commitment=commitment, text="tegen de zomer", earliest=latest - datetime.timedelta(days=400),
                latest=latest - datetime.timedelta(days=300), stated_on=commitment.made_on,
                review_state=ReviewState.CONFIRMED,
            ))
        deadlines.append(Deadline(
            commitment=commitment, text=f"tegen {latest:%d-%m-%Y}", earliest=latest - datetime.timedelta(days=30),
            latest=latest, stated_on=commitment.made_on, review_state=ReviewState.CONFIRMED, is_current=True,
        ))
        if i % 3 == 0:
            for n in range(1 + i % 2):
                mentions.append(Mention(
                    speech=speeches[(i + 1 + n) % len(speeches)], commitment=commitment, line=10,
                    review_state=ReviewState.CONFIRMED if n == 0 else ReviewState.SUGGESTED,
                ))
        if i % 4 == 0:
            links.append(CommitmentRecommendation(
                commitment=commitment, recommendation=recommendations[i % len(recommendations)],
                review_state=ReviewState.CONFIRMED,
            ))
    Deadline.objects.bulk_create(deadlines, batch_size=5000)
    Mention.objects.bulk_create(mentions, batch_size=5000)
    CommitmentRecommendation.objects.bulk_create(links, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"policy_field": fields[3].slug, "deadlines": len(deadlines), "mentions": len(mentions), "links": len(links)}


def time_requests(client, url: str, runs: int, warmup: int = 3) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run. The CPU time says what the request costs when
    other processes compete for the machine; the budget is on the wall clock."""
    for _ in range(warmup):
        assert client.get(url).status_code == 200
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.content[:500]
    return wall, cpu


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlite3

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--db", type=Path, help="SQLite file to use (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="Keep the database file afterwards")
    parser.add_argument(
        "--suggested-indexes", action="store_true",
        help="Add the indexes proposed to the lead (SUGGESTED_INDEXES) to the throwaway database first",
    )
    args = parser.parse_args()

    workdir = None
    if args.db is None:
        workdir = tempfile.TemporaryDirectory(prefix="bench_api_")
        db_path = Path(workdir.name) / "bench.sqlite3"
    else:
        db_path = args.db.resolve()
    if db_path == (ROOT / "db.sqlite3").resolve():
        parser.error("refusing to benchmark on the dev server's db.sqlite3")
    reuse = db_path.exists() and db_path.stat().st_size > 0
    configure(db_path)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from commitments.models import Commitment

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if reuse and Commitment.objects.exists():
        from recommendations.models import PolicyField

        facts = {"policy_field": PolicyField.objects.order_by("id")[3].slug}
    else:
        facts = build(args.rows)
    built_in = time.perf_counter() - started
    if args.suggested_indexes:
        with connection.cursor() as cursor:
            for statement in SUGGESTED_INDEXES:
                cursor.execute(statement)
            cursor.execute("ANALYZE")

    import time_machine

    client = Client()
    cases = [
        ("filtered page (the budget)",
         f"/api/v1/commitments/?status=open&overdue=true&policy_field={facts['policy_field']}"
         "&ordering=-current_deadline_latest&page_size=50"),
        ("first page, no filter", "/api/v1/commitments/?page_size=50"),
        ("filtered page as CSV",
         f"/api/v1/commitments/?status=open&overdue=true&policy_field={facts['policy_field']}"
         "&ordering=-current_deadline_latest&page_size=50&format=csv"),
        ("updated_since sync, page 2", "/api/v1/commitments/?updated_since=2000-01-01&ordering=updated_at&page=2"),
    ]
    print("# bench_api: a page of the commitments API")
    print(f"date:     {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine:  {machine()}; load average {os.getloadavg()[0]:.2f} at the start")
    print(f"command:  {' '.join(shlex.quote(a) for a in [sys.executable, *sys.argv])}")
    print(f"database: {db_path} ({Commitment.objects.count():,} commitments; built in {built_in:.1f} s)")
    print(f"runs:     {args.runs} per case after 3 warm-up requests; page size {PAGE}")
    suggested = "; ".join(SUGGESTED_INDEXES) if args.suggested_indexes else "none"
    print(f"indexes:  the migrations', plus suggested: {suggested}")
    print()
    verdict = 0
    with time_machine.travel(datetime.datetime.combine(TODAY, datetime.time(12)), tick=True):
        for name, url in cases:
            queries = []
            with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
                response = client.get(url)
            matched = response.json()["count"] if "format=csv" not in url else "-"
            timings, cpu = time_requests(client, url, args.runs)
            median = statistics.median(timings)
            print(f"{name}: {url}")
            print(
                f"  matches {matched}, {len(queries)} queries; median {median:.1f} ms, p95 {p95(timings):.1f} ms, "
                f"min {min(timings):.1f} ms, max {max(timings):.1f} ms; CPU median {statistics.median(cpu):.1f} ms"
            )
            if name.endswith("(the budget)"):
                ok = median < BUDGET_MS
                verdict = 0 if ok else 1
                print(f"  budget: median under {BUDGET_MS:.0f} ms: {'PASS' if ok else 'FAIL'}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    if args.keep or args.db:
        print(f"\nkept {db_path}")
    elif workdir is not None:
        workdir.cleanup()
    return verdict


if __name__ == "__main__":
    sys.exit(main())

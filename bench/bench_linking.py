"""Benchmark linking: one ~100 KB transcript (seed 000) against 1,000 to 20,000 commitments.

Run from the project root:  .venv/bin/python bench/bench_linking.py [--sizes 1000,5000,20000] [--profile]

The commitments are the real promises the extractor finds in the seeds, plus synthetic promises
on other subjects: "We zullen ..." followed by words drawn from the ABB bundle's vocabulary, so
each is about something of its own, as 20,000 real promises would be. All are indexed with
`index_commitments` and dated before the transcript. The budget:
20,000 commitments in under 2 s, and time growing far slower than the number of commitments
(retrieval goes through the term index; nothing compares every speech with every commitment).
Uses a throwaway SQLite file, never the development database.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp()) / "bench_linking.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from commitments.extraction import extract_candidates  # noqa: E402
from commitments.linking import index_commitments, link_document  # noqa: E402
from commitments.models import Commitment  # noqa: E402
from transcripts.ingest import ingest_bytes  # noqa: E402
from transcripts.models import Speech  # noqa: E402
from transcripts.parsing import parse_document  # noqa: E402

SEEDS = ROOT / "fixtures" / "seeds"


class Rollback(Exception):
    pass


def promise_sentences() -> list[str]:
    sentences = []
    for path in sorted(SEEDS.glob("00[0124]_*.txt")):
        parsed = parse_document(path.read_text(encoding="utf-8"))
        sentences += [c.quote for c in extract_candidates(parsed)]
    return sentences


def vocabulary() -> list[str]:
    text = (SEEDS / "003_6d442a7006f0c48f.txt").read_text(encoding="utf-8").lower()
    return sorted({w for w in re.findall(r"[a-zë]{6,}", text)})


def synthetic_promise(words: list[str], rng: random.Random) -> str:
    return "We zullen " + " ".join(rng.sample(words, 10)) + "."


def grow_to(size: int, sentences: list[str], speech: Speech, rng: random.Random) -> None:
    have = Commitment.objects.count()
    words = vocabulary()
    quotes = [sentences[n] if n < len(sentences) else synthetic_promise(words, rng) for n in range(have, size)]
    rows = [
        Commitment(
            speech=speech, made_by_id=speech.speaker_id, made_on=datetime.date(2019, 1, 1),
            quote=quote, line=1_000_000 + n, title=quote[:80], review_state="confirmed",
        )
        for n, quote in zip(range(have, size), quotes)
    ]
    created = Commitment.objects.bulk_create(rows, batch_size=2000)
    index_commitments(created)


def time_linking(document, repeat: int) -> tuple[float, int]:
    timings, mentions = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                mentions = len(link_document(document).mentions)
                raise Rollback  # leave the database as it was for the next run
        except Rollback:
            pass
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), mentions


def print_profile(document) -> None:
    # A separate run, so the profiler's overhead never shows in the timings above.
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    time_linking(document, 1)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000,20000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="after timing, print a cProfile of one more linking run at each size")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]

    call_command("migrate", verbosity=0)
    source = ingest_bytes(b"Minister Bart Somers: We zullen dat doen.\n" * 3, "source.txt").document
    anchor = source.speeches.first()
    transcript = (SEEDS / "000_3c00e0bf18620a5e.txt").read_bytes()
    document = ingest_bytes(transcript, "000.txt").document
    sentences = promise_sentences()
    rng = random.Random(2026)

    print(f"{datetime.datetime.now():%Y-%m-%d %H:%M}  {platform.python_implementation()} "
          f"{platform.python_version()}  {platform.machine()}  {os.cpu_count()} cores")
    print(f"transcript: {len(transcript) / 1024:.0f} KiB, {document.speeches.count()} speeches; "
          f"{len(sentences)} distinct promise sentences as material")
    print(f"{'commitments':>11} {'median s':>9} {'mentions':>9} {'s per 1k':>9}")
    results = []
    for size in sizes:
        grow_to(size, sentences, anchor, rng)
        seconds, mentions = time_linking(document, options.repeat)
        results.append((size, seconds))
        print(f"{size:11,} {seconds:9.3f} {mentions:9} {seconds / size * 1000:9.4f}")
        if options.profile:
            print_profile(document)
    (small, t_small), (large, t_large) = results[0], results[-1]
    print(f"growth: {large / small:.0f}x the commitments took {t_large / t_small:.1f}x the time")
    print("within budget" if t_large < 2.0 else "OVER BUDGET (2 s at the largest size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

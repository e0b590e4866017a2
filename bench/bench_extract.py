"""Benchmark the commitment extractor: precision and recall per seed, and its speed.

Run from the project root:  .venv/bin/python bench/bench_extract.py [--repeat N] [--verbose]

Quality: the extractor's proposals on the seed transcripts (000, 002, 004) and the committee
report (001) against the gold list in tests/commitments/gold_commitments.json, scored as the
tests score them (tests/commitments/test_extraction_gold.py): recall = dated gold commitments
proposed with the right latest date; precision = proposals that are gold commitments, dated or not.
Speed: `extract_candidates` over the four pre-parsed documents (parsing excluded), the median of
N runs, against one plain `re.finditer(r"\\w+", text)` pass over the same four texts.
The budget: recall >= 0.9, precision >= 0.7, all four in under 1 s. Needs no Django.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commitments.extraction import extract_candidates  # noqa: E402  (needs the path set above)
from tests.commitments.test_extraction_gold import GOLD_SEEDS, parsed_seed, score, seed_file, total  # noqa: E402

MIN_RECALL, MIN_PRECISION = 0.9, 0.7
BUDGET_SECONDS = 1.0
WORD_RE = re.compile(r"\w+")


def median_seconds(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="repetitions; the median is reported")
    parser.add_argument("--verbose", action="store_true", help="list wrong proposals and missed commitments")
    options = parser.parse_args()

    documents = [parsed_seed(seed) for seed in GOLD_SEEDS]
    texts = [seed_file(seed).read_text(encoding="utf-8") for seed in GOLD_SEEDS]
    scores = [score(seed, extract_candidates(doc)) for seed, doc in zip(GOLD_SEEDS, documents)]
    overall = total(scores)

    print(f"{datetime.now():%Y-%m-%d %H:%M}  {platform.python_implementation()} {platform.python_version()}  "
          f"{platform.machine()}  {platform.processor() or platform.system()}")
    print(f"{'seed':6} {'proposed':>8} {'real':>5} {'precision':>9}   {'dated':>5} {'found':>5} {'recall':>6}")
    for s in [*scores, overall]:
        print(f"{s.seed:6} {s.proposed:8} {s.real:5} {s.precision:9.2f}   {s.dated:5} {s.dated_found:5} {s.recall:6.2f}")
        if options.verbose and s is not overall:
            for c in s.wrong:
                print(f"         not a commitment, line {c.line}: {c.quote[:100]}")
            for m in s.missed:
                print(f"         missed, line {m['line']}: {m['quote'][:100]} ({m['deadline_text']} -> {m['latest']})")

    def extract_all() -> int:
        return sum(len(extract_candidates(document)) for document in documents)

    def word_pass() -> int:
        return sum(sum(1 for _ in WORD_RE.finditer(text)) for text in texts)

    extract_seconds = median_seconds(extract_all, options.repeat)
    regex_seconds = median_seconds(word_pass, options.repeat)
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(f"\n{len(documents)} documents, {size / 1024:.0f} KiB, median of {options.repeat} runs (parsing excluded)")
    print(f"extract_candidates: {extract_seconds * 1000:8.1f} ms")
    print(f"regex \\w+ pass:     {regex_seconds * 1000:8.1f} ms")
    print(f"ratio:              {extract_seconds / regex_seconds:8.1f}x")
    within = overall.recall >= MIN_RECALL and overall.precision >= MIN_PRECISION and extract_seconds < BUDGET_SECONDS
    print("within budget" if within else "OVER BUDGET",
          f"(recall >= {MIN_RECALL}, precision >= {MIN_PRECISION}, under {BUDGET_SECONDS:.0f} s)")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())

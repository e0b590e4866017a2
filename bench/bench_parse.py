"""Benchmark: parse every seed document and compare with one plain regex pass over the same text.

Run from the project root:  .venv/bin/python bench/bench_parse.py [--repeat N]

The budget (see the parser brief): all seeds together parse in under 0.5 s and within 15 times
the time of `sum(1 for _ in re.finditer(r"\\w+", text))` over the same texts. The parsers need no
Django, so neither does this script. When the bundle parser (recommendations.parsing) cannot be
loaded yet, the bundle is left out and the script says so.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
BUDGET_SECONDS = 0.5
BUDGET_RATIO = 15.0

sys.path.insert(0, str(ROOT))

from transcripts.parsed import ParseError  # noqa: E402  (needs the path set above)
from transcripts.parsing import detect_kind, parse_document  # noqa: E402


def prepare_bundle_parser() -> None:
    """Set Django up only if the bundle parser turns out to need it (ours does not)."""
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured

    try:
        importlib.import_module("recommendations.parsing")
    except ImportError:
        return  # not written yet: load_seeds leaves the bundle out and says so
    except (AppRegistryNotReady, ImproperlyConfigured):
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
        django.setup()


WORD_RE = re.compile(r"\w+")


def word_pass(texts: list[str]) -> int:
    return sum(sum(1 for _ in WORD_RE.finditer(text)) for text in texts)


def parse_all(texts: list[str]) -> int:
    return sum(len(parse_document(text).speeches) for text in texts)


def median_seconds(function: Callable[[list[str]], int], texts: list[str], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(texts)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def load_seeds() -> tuple[list[str], list[str]]:
    """The seed texts the parsers can read now, and the names of those left out (with why)."""
    texts, skipped = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            parse_document(text, filename=path.name)
        except ParseError as error:
            if detect_kind(text) != "bundle":
                raise
            skipped.append(f"{path.name} ({error})")
            continue
        texts.append(text)
    return texts, skipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="repetitions; the median is reported")
    options = parser.parse_args()

    prepare_bundle_parser()
    texts, skipped = load_seeds()
    for name in skipped:
        print(f"left out: {name}")
    size = sum(len(text.encode("utf-8")) for text in texts)
    parse_seconds = median_seconds(parse_all, texts, options.repeat)
    regex_seconds = median_seconds(word_pass, texts, options.repeat)
    ratio = parse_seconds / regex_seconds

    print(f"{len(texts)} documents, {size / 1024:.0f} KiB, median of {options.repeat} runs")
    print(f"parse_document: {parse_seconds * 1000:8.1f} ms")
    print(f"regex \\w+ pass: {regex_seconds * 1000:8.1f} ms")
    print(f"ratio:          {ratio:8.1f}x  (budget {BUDGET_RATIO:.0f}x and {BUDGET_SECONDS * 1000:.0f} ms)")
    within = parse_seconds < BUDGET_SECONDS and ratio < BUDGET_RATIO
    print("within budget" if within else "OVER BUDGET")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())

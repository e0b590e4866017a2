"""The gold list of commitments in the seed documents, how proposals are scored against it, and
tests that the list itself is sound (every excerpt is in its seed, on the line it names).

How a proposal is judged: it is a real commitment when its quote contains the excerpt of a 'dated'
or 'undated' gold entry of the same seed (text compared without regard to case or line breaks).
A dated gold entry is found when such a proposal also carries its latest date. Everything else a
proposal says counts against precision, whether the gold lists it under 'not_commitments' or not.
`bench/bench_extract.py` prints the same figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from commitments.extraction import Candidate, split_sentences
from transcripts.parsed import ParsedDocument
from transcripts.parsing import parse_document

GOLD_PATH = Path(__file__).with_name("gold_commitments.json")
SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
GOLD_SEEDS = ("000", "001", "002", "004")  # the transcripts and the committee report


def load_gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


def seed_file(seed: str) -> Path:
    (path,) = SEEDS_DIR.glob(f"{seed}_*.txt")
    return path


@cache
def parsed_seed(seed: str) -> ParsedDocument:
    path = seed_file(seed)
    return parse_document(path.read_text(encoding="utf-8"), filename=str(path))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Score:
    seed: str
    proposed: int = 0
    real: int = 0
    dated: int = 0
    dated_found: int = 0
    wrong: list[Candidate] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.real / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.dated_found / self.dated if self.dated else 1.0


def score(seed: str, candidates: list[Candidate], gold: dict | None = None) -> Score:
    gold = gold or load_gold()
    real = [_norm(r["quote"]) for r in gold["dated"] + gold["undated"] if r["seed"] == seed]
    result = Score(seed, proposed=len(candidates))
    for candidate in candidates:
        if any(excerpt in _norm(candidate.quote) for excerpt in real):
            result.real += 1
        else:
            result.wrong.append(candidate)
    for entry in (r for r in gold["dated"] if r["seed"] == seed):
        result.dated += 1
        excerpt = _norm(entry["quote"])
        if any(
            excerpt in _norm(c.quote) and c.deadline_end is not None and c.deadline_end.isoformat() == entry["latest"]
            for c in candidates
        ):
            result.dated_found += 1
        else:
            result.missed.append(entry)
    return result


def total(scores: list[Score]) -> Score:
    result = Score("all")
    for s in scores:
        result.proposed += s.proposed
        result.real += s.real
        result.dated += s.dated
        result.dated_found += s.dated_found
        result.wrong += s.wrong
        result.missed += s.missed
    return result


# --- The gold list is sound -----------------------------------------------------------------------

ALL_ENTRIES = [
    (section, entry) for section in ("dated", "undated", "not_commitments") for entry in load_gold()[section]
]


@pytest.mark.parametrize(("section", "entry"), ALL_ENTRIES, ids=lambda v: v if isinstance(v, str) else f"{v['seed']}:{v['line']}")
def test_gold_excerpt_is_one_sentence_of_its_seed_starting_on_its_line(section, entry):
    hits = []
    for speech in parsed_seed(entry["seed"]).speeches:
        offset = speech.text.find(entry["quote"])
        if offset < 0:
            continue
        start = next(a for a, b in split_sentences(speech.text) if a <= offset < b)
        hits.append(speech.line_at(start))
    assert hits == [entry["line"]]


def test_gold_line_holds_the_start_of_its_sentence_in_the_original_file():
    for entry in load_gold()["dated"]:
        raw_line = seed_file(entry["seed"]).read_text(encoding="utf-8").split("\n")[entry["line"] - 1]
        first_words = " ".join(entry["quote"].split()[:2])
        sentence_start = next(
            speech.text[a:b] for speech in parsed_seed(entry["seed"]).speeches
            for a, b in split_sentences(speech.text) if entry["quote"] in speech.text[a:b]
        )
        assert sentence_start.split()[0].rstrip(",") in raw_line, (entry["line"], first_words)


def test_gold_dated_entries_name_a_deadline_as_said_and_an_iso_latest_date():
    from datetime import date

    gold = load_gold()
    assert len(gold["dated"]) >= 25
    for entry in gold["dated"]:
        assert entry["seed"] in GOLD_SEEDS
        assert entry["deadline_text"]
        date.fromisoformat(entry["latest"])
        assert entry["speaker"] in ("Bart Somers", "Jo Brouns")


def test_gold_sections_do_not_overlap():
    gold = load_gold()
    keys = [(r["seed"], _norm(r["quote"])) for s in ("dated", "undated", "not_commitments") for r in gold[s]]
    assert len(keys) == len(set(keys))

"""Scoring extraction against the gold set in annotations/gold/.

A predicted claim matches a gold claim when their spans overlap, their predicates are
the same and their normalised values agree (both empty; or the same number, range
and unit; or the same ISO date; or, for places, the same folded text). Matching is
one-to-one. Scores: precision, recall and F1 overall, per kind, and for empty facts.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .normalize import fold
from .vocabulary import PREDICATES

GOLD_DIR = Path(__file__).resolve().parent.parent / "annotations" / "gold"


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, list[dict]]:
    """Gold claims by file name (`annotations/gold/<file>.jsonl`)."""
    out = {}
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        out[path.name[: -len(".jsonl")]] = [json.loads(line) for line in path.read_text("utf-8").splitlines()
                                             if line.strip()]
    return out


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-4)


def values_agree(pred: dict, gold: dict) -> bool:
    """Whether two claims state the same normalised value."""
    if bool(pred.get("empty")) or bool(gold.get("empty")):
        return bool(pred.get("empty")) == bool(gold.get("empty"))
    if gold.get("kind") == "date":
        return (pred.get("date") or "") == (gold.get("date") or "") or (
            not gold.get("date") and _close(pred.get("number"), gold.get("number")))
    if gold.get("kind") == "place" or gold.get("number") is None:
        return fold(str(pred.get("value") or "")).strip() == fold(str(gold.get("value") or "")).strip()
    return _close(pred.get("number"), gold.get("number")) and _close(pred.get("number_max"), gold.get("number_max"))


#: Fields compared on matched claims, reported beside the scores.
FIELDS = ("subject", "unit", "qualifier", "as_of")


def _same(a, b) -> bool:
    return (a or None) == (b or None)


def matches(pred: dict, gold: dict) -> bool:
    """Spans overlap and values agree; canonical predicates (vocabulary.py) must be the same one,
    open predicates are the clause's own words and are not compared."""
    overlap = pred["start"] < gold["end"] and gold["start"] < pred["end"]
    if not overlap or not values_agree(pred, gold):
        return False
    canonical = pred["predicate"] in PREDICATES or gold["predicate"] in PREDICATES
    return pred["predicate"] == gold["predicate"] if canonical else True


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (f"{name:<20} P {self.precision:6.3f}  R {self.recall:6.3f}  F1 {self.f1:6.3f}"
                f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})")


@dataclass
class Report:
    overall: Score = field(default_factory=Score)
    by_kind: dict = field(default_factory=lambda: defaultdict(Score))
    empty: Score = field(default_factory=Score)
    fields: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # field -> [agree, compared]
    misses: list = field(default_factory=list)  # (file, gold claim)
    false_alarms: list = field(default_factory=list)  # (file, predicted claim)

    def text(self, verbose: bool = False) -> str:
        lines = [self.overall.line("overall"), self.empty.line("empty facts"), ""]
        lines += [score.line(kind) for kind, score in sorted(self.by_kind.items())]
        if self.fields:
            lines += ["", "fields of matched claims (agree / compared):"]
            lines += [f"  {name:<10} {a / n:6.3f}  ({a}/{n})" for name, (a, n) in sorted(self.fields.items())]
        if verbose:
            lines += ["", "missed:"] + [f"  {f} {g['start']}-{g['end']} {g['predicate']} {g.get('value')!r}"
                                        for f, g in self.misses]
            lines += ["", "false alarms:"] + [f"  {f} {p['start']}-{p['end']} {p['predicate']} {p.get('value')!r}"
                                              f" {p.get('number')}" for f, p in self.false_alarms]
        return "\n".join(lines)


def score(predicted: dict[str, list[dict]], gold: dict[str, list[dict]]) -> Report:
    """predicted, gold: claims (dicts) by file name. RETURNS (Report)."""
    report = Report()
    for name in sorted(gold):
        preds = list(predicted.get(name, []))
        used = set()
        for g in gold[name]:
            hit = next((i for i, p in enumerate(preds) if i not in used and matches(p, g)), None)
            kind = g.get("kind", "?")
            if hit is None:
                report.overall.fn += 1
                report.by_kind[kind].fn += 1
                report.misses.append((name, g))
            else:
                used.add(hit)
                report.overall.tp += 1
                report.by_kind[kind].tp += 1
                for fld in FIELDS:
                    if fld in g:
                        report.fields[fld][0] += _same(preds[hit].get(fld), g.get(fld))
                        report.fields[fld][1] += 1
            if g.get("empty"):
                if hit is None:
                    report.empty.fn += 1
                else:
                    report.empty.tp += 1
        for i, p in enumerate(preds):
            if i in used:
                continue
            report.overall.fp += 1
            report.by_kind[p.get("kind", "?")].fp += 1
            report.false_alarms.append((name, p))
            if p.get("empty"):
                report.empty.fp += 1
    return report


def evaluate(nlp, data_dir: Path, gold_dir: Path = GOLD_DIR) -> Report:
    """Extract every gold file from `data_dir` and score it."""
    from .extract import extract
    from .ingest import read_paths

    from .errors import CheckerError

    gold = load_gold(gold_dir)
    if not gold:
        raise CheckerError(f"no gold files (*.jsonl) in {gold_dir}")
    missing = [name for name in gold if not (Path(data_dir) / name).is_file()]
    if missing:
        raise CheckerError(f"gold files without their article in {data_dir}: {', '.join(missing)}")
    predicted = {}
    for item in read_paths([Path(data_dir) / name for name in gold]):
        if hasattr(item, "text"):
            name = Path(item.name).name
            predicted[name] = [c.to_dict() for c in extract(nlp, item.text, name, item.encoding).claims]
    return score(predicted, gold)

"""Extraction speed against bare spaCy, and where the time goes.

1. `extract` and bare `spacy.blank("zh")` + sentencizer on the same ~1,000-character archive articles,
   in CPU time and in alternating blocks of 50 (on a shared machine, load then slows both alike).
2. CPU ms per article in each stage of the claim component (a stage called inside another is
   counted in both: the publication line's value scan is in scan_values and _publication_claim).

    python scripts/bench_extraction.py [--articles 1000]
"""
from __future__ import annotations

import argparse
import functools
import importlib
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.fixtures import archive_article  # noqa: E402

X = importlib.import_module("checker.extract")  # (checker.extract is also the name of a function)
STAGES = ("normalize", "_make_doc", "analyse", "find_dropped", "find_damage", "find_entities", "table_cells",
          "scan_values", "_empty_claims", "_sentence_claims", "_place_claims", "find_roles", "_gap_claims",
          "_as_of", "_event", "_make_claim", "_publication_claim", "content_id", "_scopes", "_holds_at", "find_court",
          "find_profile", "report_period", "yearless_period")


def ratio(texts: list[str]) -> None:
    import spacy

    nlp, bare = X.build_pipeline(), spacy.blank("zh")
    bare.add_pipe("sentencizer")
    for t in texts[:20]:
        X.extract(nlp, t, "w.txt")
        bare(t)
    ours = base = 0.0
    for k in range(0, len(texts), 50):
        block = texts[k:k + 50]
        t0 = time.process_time()
        for i, t in enumerate(block):
            X.extract(nlp, t, f"{i}.txt")
        ours += time.process_time() - t0
        t0 = time.process_time()
        for t in block:
            bare(t)
        base += time.process_time() - t0
    n = len(texts)
    print(f"extraction, CPU time: {ours / n * 1000:.2f} ms per article; bare spacy.blank('zh') + sentencizer "
          f"{base / n * 1000:.2f} ms; ratio {base / ours:.2f}")


def stages(texts: list[str]) -> None:
    spent: Counter = Counter()

    def timed(name, f):
        @functools.wraps(f)
        def g(*a, **k):
            t0 = time.process_time()
            try:
                return f(*a, **k)
            finally:
                spent[name] += time.process_time() - t0
        return g

    nlp = X.build_pipeline()
    X.extract(nlp, texts[0])
    for name in STAGES:
        if hasattr(X, name):
            setattr(X, name, timed(name, getattr(X, name)))
    t0 = time.process_time()
    for t in texts:
        X.extract(nlp, t)
    total = time.process_time() - t0
    n = len(texts)
    print(f"CPU ms per article: {total / n * 1000:.2f} in all")
    for name, s in spent.most_common():
        print(f"  {name:<20} {s / n * 1000:.3f}")
    print(f"  {'(the rest)':<20} {(total - sum(spent.values())) / n * 1000:.3f}  (the claim component's sentence loop, "
          "the Doc and the Article)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    texts = [archive_article(i) for i in range(args.articles)]
    ratio(texts)
    stages(texts[:400])


if __name__ == "__main__":
    main()

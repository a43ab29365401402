"""Benchmark at a desk's scale: prints figures, asserts nothing.

    python scripts/bench_scale.py [--articles 100000] [--claims-per-article 10] [--db PATH]

1. Real ingestion (decode, extract, store, near-duplicate search, fact groups) of the sample
   articles repeated with small changes: articles per second.
2. A synthetic database of N articles and N×k claims written in bulk (no extraction), then the
   queries the pages and the CLI run: review queue, progress, article list, fact groups, one
   group's members, and `facts --refresh` over everything, plus a full CSV export.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import build_pipeline, export, facts, storage  # noqa: E402
from checker.batch import DATA_DIR, ingest_items  # noqa: E402
from checker.ingest import Item, read_paths  # noqa: E402
from checker.models import Verdict  # noqa: E402
from checker.vocabulary import PREDICATES  # noqa: E402


def timed(label: str, fn, repeat: int = 1):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    print(f"  {label:<62} {best * 1000:10.2f} ms")
    return out


def real_ingest(db_path: Path, copies: int) -> None:
    nlp = build_pipeline()
    samples = [i for i in read_paths([DATA_DIR]) if isinstance(i, Item)]
    items = []
    for n in range(copies):
        for s in samples:
            items.append(Item(f"{n}-{s.name}", s.text.replace("2024", str(2000 + n % 25)) + f"\n编号{n}", s.encoding))
    db = storage.open_db(db_path)
    t = time.perf_counter()
    outcomes = ingest_items(db, nlp, items)
    dt = time.perf_counter() - t
    claims = sum(o.claims for o in outcomes)
    print(f"real ingestion: {len(items)} articles, {claims} claims in {dt:.1f} s "
          f"= {len(items) / dt:.1f} articles/s, {claims / dt:.0f} claims/s")


def synthesize(db_path: Path, n_articles: int, per_article: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    db = storage.open_db(db_path)
    companies = [f"公司{i:04d}金融" for i in range(max(50, n_articles // 50))]
    preds = [p for p in PREDICATES.values() if p.name not in ("event_time", "publication_time")]
    units = {"money": "元", "percent": "%", "duration": "年", "count": "人", "date": "year", "place": None}
    t = time.perf_counter()
    conn = db.conn
    batch_a, batch_c = [], []
    values: dict[tuple[str, str], list] = {}
    now = storage.now()
    for a in range(n_articles):
        aid = f"a{a:09d}"
        main = rng.choice(companies)
        batch_a.append((aid, f"article-{a}.txt", f"{main}逾期", f"{main}逾期……" * 40, "utf_8", "2024-01-01", None,
                        main, 400, "[]", "{}", per_article, now, aid))
        for k in range(per_article):
            p = rng.choice(preds)
            empty = rng.random() < 0.03
            # articles about one company mostly repeat one to three values of each fact
            stated = values.setdefault((main, p.name), [
                rng.choice([2014, 2015, 2016]) if p.kind == "date" else round(rng.lognormvariate(15, 2), 2)
                for _ in range(rng.choice([1, 1, 1, 2, 3]))])
            number = None if empty else rng.choice(stated)
            batch_c.append((f"{aid}-{k}", aid, a + 1, k, main, main, p.name, p.label, "" if empty else str(number),
                            number, None, units.get(p.kind), None if empty else "exact",
                            str(number) if p.kind == "date" and number else None, None, p.kind, int(empty),
                            k * 20, k * 20 + 8, f"{main} {p.label} {number}", k * 20, k * 20 + 30, "[]"))
        if len(batch_c) >= 50000 or a == n_articles - 1:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO articles (id, name, title, text, encoding, published, source, main_entity, "
                             "chars, damage, meta, n_claims, ingested_at, source_group) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch_a)
            conn.executemany('INSERT INTO claims (id, article_id, article_seq, position, subject, entity, predicate, '
                             'predicate_text, value, number, number_max, unit, qualifier, date, as_of, kind, empty, start, '
                             '"end", text, sentence_start, sentence_end, flags) '
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             batch_c)
            conn.execute("COMMIT")
            batch_a, batch_c = [], []
    print(f"synthetic database: {n_articles} articles, {n_articles * per_article} claims written in "
          f"{time.perf_counter() - t:.1f} s ({db_path.stat().st_size / 1e6:.0f} MB)")


def queries(db_path: Path) -> None:
    db = storage.open_db(db_path)
    print("queries (best of 3):")
    first = timed("review: next open claim", lambda: storage.next_claim(db), 3)
    storage.add_verdicts(db, [Verdict(r["id"], "verified", "bench") for r in
                              db.query("SELECT id FROM claims ORDER BY article_id, position LIMIT 5000")])
    timed("review: next open claim after 5,000 verdicts", lambda: storage.next_claim(db), 3)
    timed("review: next claim after the current one",
          lambda: storage.next_claim(db, after=(first["article_seq"], first["position"])), 3)
    timed("review: progress (reviewed / total)", lambda: storage.progress(db), 3)
    timed("review: progress for one predicate", lambda: storage.progress(db, predicate="founded"), 3)
    timed("review: one claim's history", lambda: storage.history(db, first["id"]), 3)
    timed("articles: first page of 50", lambda: storage.list_articles(db, limit=50), 3)
    timed("articles: page 1,000", lambda: storage.list_articles(db, limit=50, offset=50000), 3)
    timed("articles: search by company", lambda: storage.list_articles(db, "公司0042", limit=50), 3)
    timed("facts: refresh every group (python -m checker facts --refresh)",
          lambda: storage.write_retrying(db, lambda d: facts.refresh(d)))
    print(f"  fact groups: {json.dumps(facts.status_counts(db))}")
    timed("facts: first page, conflicts first", lambda: facts.groups(db, limit=100), 3)
    timed("facts: conflicts for one company", lambda: facts.groups(db, status="conflict", entity="公司0042"), 3)
    timed("facts: every group, as `python -m checker facts` lists them", lambda: sum(1 for _ in facts.iter_groups(db)))
    g = facts.groups(db, limit=1)[0]
    timed(f"facts: members of one group ({g['n_claims']} claims)",
          lambda: facts.members(db, g["entity"], g["predicate"]), 3)
    timed("export: full CSV (streamed)", lambda: export.write_csv(db, io.BytesIO()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100000)
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--real-copies", type=int, default=20, help="copies of data/ for real ingestion")
    parser.add_argument("--db", help="where to build the synthetic database (default: a temp file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        real_ingest(Path(tmp) / "real.db", args.real_copies)
        path = Path(args.db) if args.db else Path(tmp) / "synthetic.db"
        if path.exists():
            path.unlink()
        synthesize(path, args.articles, args.claims_per_article)
        queries(path)


if __name__ == "__main__":
    main()

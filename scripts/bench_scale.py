"""Benchmark at a desk's scale: prints figures, asserts nothing.

    python scripts/bench_scale.py [--articles 100000] [--checkpoints 1000,10000] [--claims 1000000] [--db PATH]

1. Ingestion, end to end (read files, decode, extract on every core, store, near-duplicate search,
   fact groups, search index) of a synthetic archive (`checker.fixtures.archive_article`: a few
   hundred companies, ~1,000 characters each, Traditional and pinyin glosses mixed in, re-posts)
   grown to --articles in one database: the rate at each checkpoint, over the whole run and over
   the last 1,000 articles, and the ratio of the per-article cost at the end to that at the start;
   also the CPU time per article of the writing process and of the extraction workers (on a machine
   shared with other work, elapsed time says more about the others than about the ingest).
2. Extraction alone against bare spaCy (`spacy.blank("zh")` + sentencizer) on the same texts.
3. A synthetic database of --claims claims written in bulk (no extraction), then the queries the
   pages and the CLI run: review queue, progress, article list and search, fact groups, one
   group's members, `facts --refresh` over everything, and a full CSV export.
4. Peak memory of the ingesting process and of its extraction workers, and of all of them together
   (proportional set size, sampled).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import build_pipeline, export, extract, facts, storage  # noqa: E402
from checker.batch import default_workers, ingest_paths  # noqa: E402
from checker.fixtures import archive_article  # noqa: E402
from checker.models import Verdict  # noqa: E402
from checker.vocabulary import PREDICATES  # noqa: E402

WINDOW = 1000


def timed(label: str, fn, repeat: int = 1):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    print(f"  {label:<66} {best * 1000:10.2f} ms", flush=True)
    return out


def write_archive(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = folder / f"{i // 10000:02d}"  # folders of 10,000 files, as an archive export would have
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:06d}.txt").write_text(archive_article(i), encoding="utf-8")


def ingestion(folder: Path, db_path: Path, n: int, checkpoints: list[int], workers: int) -> None:
    nlp = build_pipeline()
    db = storage.open_db(db_path)
    marks = sorted({c for c in checkpoints if c <= n} | {n})
    times: list[float] = []
    cpu: list[float] = []  # this process's CPU time (storing, fact groups, search index): what a busy machine leaves alone
    failed = 0

    def seen(o):
        nonlocal failed
        times.append(time.perf_counter())
        cpu.append(time.process_time())
        failed += not o.ok

    children = os.times()
    start, cpu_start = time.perf_counter(), time.process_time()
    ingest_paths(db, nlp, [folder], workers=workers, on_outcome=seen)
    total = time.perf_counter() - start
    children = [b - a for a, b in zip(children, os.times())]
    claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    groups = db.execute("SELECT count(*) FROM fact_groups").fetchone()[0]
    sources = db.execute("SELECT count(DISTINCT coalesce(source_group, id)) FROM articles").fetchone()[0]
    print(f"ingestion, end to end ({workers} extraction processes): {n} articles, {claims} claims, {groups} fact "
          f"groups, {sources} independent sources, {failed} failed, in {total:.1f} s ({db_path.stat().st_size / 1e6:.0f} "
          f"MB + WAL)")
    print(f"  {'articles':>9} {'elapsed s':>10} {'articles/s (whole run)':>23} {'articles/s (last 1,000)':>24}"
          f" {'ms/article (last 1,000)':>24} {'writer CPU ms/article (last 1,000)':>35}")
    per_article, per_cpu = {}, {}
    for m in marks:
        elapsed = times[m - 1] - start
        lo = max(0, m - WINDOW)
        window = times[m - 1] - (times[lo - 1] if lo else start)
        per_article[m] = window / (m - lo)
        per_cpu[m] = (cpu[m - 1] - (cpu[lo - 1] if lo else cpu_start)) / (m - lo)
        print(f"  {m:>9,} {elapsed:>10.1f} {m / elapsed:>23.1f} {(m - lo) / window:>24.1f} "
              f"{per_article[m] * 1000:>24.2f} {per_cpu[m] * 1000:>35.2f}")
    first, last = marks[0], marks[-1]
    print(f"  per-article cost at {last:,} / at {first:,}: {per_article[last] / per_article[first]:.2f}x elapsed, "
          f"{per_cpu[last] / per_cpu[first]:.2f}x writer CPU")
    print(f"  CPU per article over the run: writer (this process: storing, fact groups, search index) "
          f"{(cpu[-1] - cpu_start) / n * 1000:.2f} ms; extraction workers (reading, decoding, extracting, signing) "
          f"{(children[2] + children[3]) / n * 1000:.2f} ms in all; load average {os.getloadavg()[0]:.1f}")
    db.conn.close()


def extraction_speed(n: int) -> None:
    import spacy

    texts = [archive_article(i) for i in range(n)]
    nlp = build_pipeline()
    bare = spacy.blank("zh")
    bare.add_pipe("sentencizer")
    for t in texts[:20]:  # warm both up
        extract(nlp, t, "w.txt")
        bare(t)
    t0 = time.perf_counter()
    for i, t in enumerate(texts):
        extract(nlp, t, f"{i}.txt")
    ours = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for t in texts:
        bare(t)
    base = n / (time.perf_counter() - t0)
    print(f"extraction, one process, {n} articles: {ours:.0f} articles/s; bare spacy.blank('zh') + sentencizer "
          f"{base:.0f} articles/s; ratio {ours / base:.2f}")


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
    timed("search: a company (full-text index)", lambda: storage.list_articles(db, "公司0042", limit=50), 3)
    timed("search: a phrase in every article, first page", lambda: storage.list_articles(db, "逾期……", limit=50), 3)
    timed("search: two characters (recent titles)", lambda: storage.list_articles(db, "公司", limit=50), 3)
    timed("search: one character, no match (recent titles)", lambda: storage.list_articles(db, "無", limit=50), 3)
    timed("search: claims of a company", lambda: storage.search_claims(db, "公司0042金融", limit=50), 3)
    timed("facts: refresh every group (python -m checker facts --refresh)",
          lambda: storage.write_retrying(db, lambda d: facts.refresh(d)))
    print(f"  fact groups: {json.dumps(facts.status_counts(db))}")
    timed("facts: first page, conflicts first", lambda: facts.groups(db, limit=100), 3)
    timed("facts: conflicts for one company", lambda: facts.groups(db, status="conflict", entity="公司0042"), 3)
    timed("facts: every group, as `python -m checker facts` lists them", lambda: sum(1 for _ in facts.iter_groups(db)))
    g = facts.groups(db, limit=1, entity="公司0042")[0]
    timed(f"facts: members of one group, first 100 ({g['n_claims']} claims)",
          lambda: facts.members(db, g["entity"], g["predicate"], limit=100), 3)
    timed("export: full CSV (streamed)", lambda: export.write_csv(db, io.BytesIO()))


def peak_memory(together: float | None = None) -> None:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max resident): this process {me:.0f} MB; largest extraction worker {children:.0f} MB"
          + (f"; the ingest's processes together {together:.0f} MB (proportional set size: pages the forked "
             f"workers share with this process counted once)" if together is not None else ""))


class MemorySampler(threading.Thread):
    """Samples, every half second, the proportional set size (PSS, Linux) of this process and its
    children together: what an ingest costs the machine (the forked workers share the pipeline's pages
    with this process, which max resident sizes count in each)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0.0
        self.done = threading.Event()

    @staticmethod
    def _pss(pid: int) -> float:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def run(self):
        me = os.getpid()
        while not self.done.wait(0.5):
            kids = []
            for d in Path("/proc").iterdir():
                if d.name.isdigit():
                    try:
                        if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == me:
                            kids.append(int(d.name))
                    except (OSError, IndexError, ValueError):
                        pass
            self.peak = max(self.peak, self._pss(me) + sum(self._pss(k) for k in kids))

    def stop(self) -> float | None:
        self.done.set()
        self.join()
        return self.peak or None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100000, help="archive size for the ingestion run")
    parser.add_argument("--checkpoints", default="1000,10000", help="also report the rate at these sizes")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--extraction-sample", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=1000000, help="claims in the synthetic query database")
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--db", help="where to build the synthetic query database (default: a temp file)")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--keep", help="build the archive and databases in this folder and keep them (default: a "
                        "temp folder, removed after; an archive of the same size found there is reused)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        if args.keep:
            Path(tmp).mkdir(parents=True, exist_ok=True)
            for stale in ("ingest.db", "ingest.db-wal", "ingest.db-shm"):
                (Path(tmp) / stale).unlink(missing_ok=True)
        t = time.perf_counter()
        archive = Path(tmp) / f"archive-{args.articles}"
        if archive.exists():  # kept from an earlier run with --keep
            print(f"archive of {args.articles} files reused from {archive}", flush=True)
        else:
            write_archive(archive, args.articles)
            print(f"archive of {args.articles} files written in {time.perf_counter() - t:.1f} s", flush=True)
        sampler = MemorySampler()
        sampler.start()
        ingestion(archive, Path(tmp) / "ingest.db", args.articles,
                  [int(c) for c in args.checkpoints.split(",") if c], args.workers)
        peak_memory(sampler.stop())
        extraction_speed(args.extraction_sample)
        if not args.skip_queries:
            path = Path(args.db) if args.db else Path(tmp) / "synthetic.db"
            if path.exists():
                path.unlink()
            synthesize(path, args.claims // args.claims_per_article, args.claims_per_article)
            queries(path)
        peak_memory()


if __name__ == "__main__":
    main()

"""The review desk's queries at scale: prints figures, asserts nothing.

    python scripts/bench_desk.py [--articles 100000] [--db PATH]

On a synthetic database (bench_scale.synthesize: N articles, 10 claims each), after verdicts by two
reviewers that disagree on some claims: the queues (by article, by company, conflicts first, second
opinion, disagreements), undo, a lead's verdict, the group-verdict summary, and the dashboard's
aggregates (which the page caches for a minute).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_scale import synthesize  # noqa: E402
from checker import Verdict, dashboard, facts, review, storage  # noqa: E402


def timed(label: str, fn, repeat: int = 3):
    best, out = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    print(f"  {label:<66} {best * 1000:10.2f} ms")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", help="an existing synthetic database (built by bench_scale.synthesize)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "desk.db"
        if not args.db:
            synthesize(path, args.articles, 10)
        db = storage.open_db(path)
        total = storage.progress(db)["total"]
        t = time.perf_counter()
        storage.write_retrying(db, lambda d: facts.refresh(d))
        print(f"{total:,} claims; fact groups built in {time.perf_counter() - t:.1f} s: {facts.status_counts(db)}")
        ids = [r[0] for r in db.execute("SELECT id FROM claims ORDER BY article_seq, position LIMIT 2000")]
        storage.add_verdicts(db, [Verdict(i, "verified", "甲") for i in ids])
        storage.add_verdicts(db, [Verdict(i, "contradictory" if n % 10 == 0 else "verified", "乙")
                                  for n, i in enumerate(ids[:1000])])
        print("queries (best of 3):")
        first = timed("queue by article: next open claim", lambda: storage.next_claim(db))
        timed("queue by article: the claim after the current one",
              lambda: storage.next_claim(db, after=storage.queue_key(first, "article")))
        timed("queue by company: the claim after the current one",
              lambda: storage.next_claim(db, order="company", after=storage.queue_key(first, "company")))
        c = timed("queue conflicts and empty facts first: first claim", lambda: review.next_in_conflicts(db))
        if c:
            timed("queue conflicts and empty facts first: the claim after it", lambda: review.next_in_conflicts(db, c))
        timed("second opinion for 丙 (2,000 claims judged by others)", lambda: review.next_second_opinion(db, "丙"))
        timed("second opinion for 乙 (1,000 of them already judged by 乙)", lambda: review.next_second_opinion(db, "乙"))
        d = timed("disagreements: next disputed claim (100 disputed)", lambda: review.next_disputed(db))
        timed("disagreements: count", lambda: review.count_disputed(db))
        timed("a lead's verdict (history row, claim, dispute settled)",
              lambda: review.settle(db, d["id"], "verified", "组长"), repeat=1)
        timed("undo my last verdict", lambda: review.undo_last(db, "组长"), repeat=1)
        g = facts.groups(db, limit=1)[0]
        timed(f"group verdict summary ({g['n_claims']} claims)",
              lambda: review.summary(db, review.group_targets(db, g["entity"], g["predicate"], "all"), "甲"))
        print("dashboard (cached by the page for a minute):")
        timed("verdicts by reviewer", lambda: dashboard.by_reviewer(db), 1)
        timed("progress by company (top 20)", lambda: dashboard.by_company(db), 1)
        timed("progress by article (latest 20)", lambda: dashboard.by_article(db), 1)
        timed("verdicts by fact status", lambda: dashboard.by_status(db), 1)
        db.conn.close()


if __name__ == "__main__":
    main()

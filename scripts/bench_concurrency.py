"""Concurrent writers, measured: threads (as Streamlit runs sessions) and processes append
verdicts to one database at the same time; every verdict must be found afterwards.

    python scripts/bench_concurrency.py [--threads 8] [--processes 4] [--verdicts 500]

Prints, for threads and for processes: writers x verdicts written, verdicts found, lost (must
be 0), errors ("database is locked" or anything else escaping add_verdict), elapsed, verdicts/s.
Exits 1 if any verdict was lost or any write raised.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import Verdict, storage  # noqa: E402
from checker.fixtures import article_text  # noqa: E402


def prepare(path: Path) -> None:
    """A database holding a few articles and their claims."""
    from checker import build_pipeline
    from checker.batch import ingest_items
    from checker.ingest import Item

    db = storage.open_db(path)
    outcomes = ingest_items(db, build_pipeline(), [Item(f"article_{i}.txt", article_text(i), "utf_8")
                                                   for i in range(4)])
    assert all(o.ok for o in outcomes), outcomes
    db.conn.close()


def claim_ids(db) -> list[str]:
    return [r["id"] for r in db.query("SELECT id FROM claims ORDER BY article_id, position")]


def write_verdicts(db, label: str, n: int, ids: list[str]) -> list[str]:
    """Append n verdicts signed `label`; RETURNS the error messages (one per verdict that raised)."""
    errors = []
    for j in range(n):
        try:
            storage.add_verdict(db, Verdict(ids[j % len(ids)], "verified", label, f"{label}/{j}"))
        except Exception as exc:  # counted, so the figures say what escaped
            errors.append(f"{type(exc).__name__}: {exc}")
    return errors


def found(path: Path, prefix: str) -> int:
    db = storage.open_db(path)
    n = db.execute("SELECT count(*) FROM verdicts WHERE reviewer LIKE ?", [prefix + "%"]).fetchone()[0]
    ok = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.conn.close()
    if ok != "ok":
        raise SystemExit(f"integrity_check: {ok}")
    return n


def bench_threads(path: Path, n_threads: int, n: int) -> dict:
    barrier = threading.Barrier(n_threads + 1)
    errors: list[str] = []

    def work(i: int):
        try:
            db = storage.open_db(path)  # one connection per thread, opened in it
            ids = claim_ids(db)
        finally:
            barrier.wait()
        errors.extend(write_verdicts(db, f"thread-{i}", n, ids))
        db.conn.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return {"elapsed": time.perf_counter() - started, "errors": errors, "found": found(path, "thread-")}


def bench_processes(path: Path, n_processes: int, n: int) -> dict:
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(path), f"process-{i}", str(n)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for i in range(n_processes)]
    for p in procs:  # every worker has imported and opened the database
        if p.stdout.readline().strip() != "ready":
            raise SystemExit("a worker failed to start")
    started = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    errors: list[str] = []
    for p in procs:
        out, _ = p.communicate()
        errors.extend(line for line in out.splitlines() if line.strip() and line.strip() != "done")
        if p.returncode:
            errors.append(f"worker exited with {p.returncode}")
    return {"elapsed": time.perf_counter() - started, "errors": errors, "found": found(path, "process-")}


def worker(path: str, label: str, n: int) -> None:
    db = storage.open_db(path)
    ids = claim_ids(db)
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for message in write_verdicts(db, label, n, ids):
        print(message, flush=True)
    db.conn.close()
    print("done", flush=True)


def report(kind: str, writers: int, n: int, r: dict) -> bool:
    written = writers * n - len(r["errors"])
    lost = written - r["found"]
    locked = sum("locked" in e for e in r["errors"])
    print(f"{kind:<9} {writers} x {n} = {writers * n} verdicts written; found {r['found']}; lost {lost}; "
          f"errors {len(r['errors'])} ({locked} 'database is locked'); elapsed {r['elapsed']:.2f} s; "
          f"{r['found'] / r['elapsed']:.0f} verdicts/s")
    for e in sorted(set(r["errors"]))[:5]:
        print(f"          error: {e}")
    return lost == 0 and not r["errors"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--verdicts", type=int, default=500, help="verdicts per writer")
    parser.add_argument("--worker", nargs=3, metavar=("DB", "LABEL", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], args.worker[1], int(args.worker[2]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        prepare(path)
        ok = report("threads", args.threads, args.verdicts, bench_threads(path, args.threads, args.verdicts))
        ok &= report("processes", args.processes, args.verdicts,
                     bench_processes(path, args.processes, args.verdicts))
    print(f"journal_mode wal, busy_timeout {storage.BUSY_TIMEOUT_MS} ms, writes BEGIN IMMEDIATE; "
          f"{'no verdict lost, no error' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Concurrent writers: many threads (as Streamlit runs sessions) and many processes
append verdicts to one database at once; every verdict lands, none sees "database is locked".
"""
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from checker import Verdict, extract, storage
from checker.batch import ingest_items
from checker.fixtures import article_text
from checker.ingest import Item

ROOT = Path(__file__).resolve().parent.parent
N_THREADS = 8
N_PROCESSES = 4
PER_WRITER = 500


@pytest.fixture(scope="module")
def prepared_db(tmp_path_factory, nlp):
    """A database with a few articles; returns the path and the claim ids."""
    path = tmp_path_factory.mktemp("concurrency") / "checker.db"
    db = storage.open_db(path)
    items = [Item(f"article_{i}.txt", article_text(i), "utf_8") for i in range(4)]
    outcomes = ingest_items(db, nlp, items)
    assert all(o.ok for o in outcomes), outcomes
    claim_ids = [r["id"] for r in db.query("SELECT id FROM claims ORDER BY article_id, position")]
    db.conn.close()
    assert len(claim_ids) >= 12
    return path, claim_ids


def writer_rows(db, label: str) -> set[str]:
    return {r["note"] for r in db.query("SELECT note FROM verdicts WHERE reviewer = ?", [label])}


def expected_notes(label: str) -> set[str]:
    return {f"{label}/{j}" for j in range(PER_WRITER)}


def assert_mirror_consistent(db):
    """Each claim's mirrored verdict is its latest history row (both were written in one transaction)."""
    bad = list(db.query(
        """SELECT c.id FROM claims c JOIN verdicts v ON v.id = (SELECT max(id) FROM verdicts WHERE claim_id = c.id)
           WHERE c.verdict IS NOT v.verdict OR c.verdict_by IS NOT v.reviewer OR c.verdict_at IS NOT v.created_at"""))
    assert not bad


def fresh_copy(tmp_path, prepared_db) -> tuple[Path, list[str]]:
    """A private copy of the prepared database (so each test counts only its own verdicts)."""
    path, claim_ids = prepared_db
    src = sqlite3.connect(path)
    dst = sqlite3.connect(tmp_path / "checker.db")
    src.backup(dst)
    src.close()
    dst.close()
    return tmp_path / "checker.db", claim_ids


def test_concurrency_connection_is_wal_with_busy_timeout(tmp_path):
    db = storage.open_db(tmp_path / "checker.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    db.conn.close()


def test_concurrency_connection_does_not_cross_threads(tmp_path):
    db = storage.open_db(tmp_path / "checker.db")
    errors = []

    def use():
        try:
            db.execute("SELECT 1")
        except sqlite3.ProgrammingError as exc:
            errors.append(exc)

    t = threading.Thread(target=use)
    t.start()
    t.join()
    db.conn.close()
    assert len(errors) == 1 and "thread" in str(errors[0])


def test_concurrency_threads_each_write_all_verdicts(tmp_path, prepared_db):
    path, claim_ids = fresh_copy(tmp_path, prepared_db)
    barrier = threading.Barrier(N_THREADS)
    errors: list[BaseException] = []

    def work(i: int):
        try:
            db = storage.open_db(path)  # one connection per thread, opened in it
            try:
                label = f"thread-{i}"
                barrier.wait(timeout=30)
                for j in range(PER_WRITER):
                    cid = claim_ids[(i * 7 + j) % len(claim_ids)]
                    assert storage.get_claim(db, cid) is not None  # a reviewer reads, then decides
                    storage.add_verdict(db, Verdict(cid, ("verified", "unsupported", "contradictory")[j % 3],
                                                    label, f"{label}/{j}"))
            finally:
                db.conn.close()
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert not errors, errors

    db = storage.open_db(path)
    assert db["verdicts"].count == N_THREADS * PER_WRITER
    for i in range(N_THREADS):
        assert writer_rows(db, f"thread-{i}") == expected_notes(f"thread-{i}")
    assert_mirror_consistent(db)
    db.conn.close()


WORKER = """
import sys
from checker import Verdict, extract, storage
path, label, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = storage.open_db(path)
ids = [r["id"] for r in db.query("SELECT id FROM claims ORDER BY article_id, position")]
print("ready", flush=True)
sys.stdin.readline()  # start together
for j in range(n):
    storage.add_verdict(db, Verdict(ids[j % len(ids)], "verified", label, f"{label}/{j}"))
db.conn.close()
print("done", flush=True)
"""


def test_concurrency_processes_each_write_all_verdicts(tmp_path, prepared_db):
    path, _ = fresh_copy(tmp_path, prepared_db)
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), f"process-{i}", str(PER_WRITER)],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
             for i in range(N_PROCESSES)]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (out, err) in zip(procs, results):
        assert "locked" not in err.lower(), err
        assert p.returncode == 0 and out.strip() == "done", err

    db = storage.open_db(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db["verdicts"].count == N_PROCESSES * PER_WRITER
    for i in range(N_PROCESSES):
        assert writer_rows(db, f"process-{i}") == expected_notes(f"process-{i}")
    assert_mirror_consistent(db)
    db.conn.close()


class HeldWriteLock:
    """Another connection, in its own thread, holds a write transaction (BEGIN IMMEDIATE)
    from `__enter__` until `seconds` after `release()`."""

    def __init__(self, path: Path, claim_id: str, seconds: float):
        self.path, self.claim_id, self.seconds = path, claim_id, seconds
        self.holding, self.released = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        conn = sqlite3.connect(self.path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE claims SET verdict_by = 'holder' WHERE id = ?", [self.claim_id])
        self.holding.set()
        self.released.wait(timeout=10)
        time.sleep(self.seconds)
        conn.execute("COMMIT")
        conn.close()

    def __enter__(self):
        self.thread.start()
        assert self.holding.wait(timeout=10)
        return self

    def release(self) -> float:
        self.released.set()
        return time.monotonic()

    def __exit__(self, *exc):
        self.released.set()
        self.thread.join()


HOLD = 0.5


def test_concurrency_deferred_read_then_write_fails_at_once(tmp_path, prepared_db):
    """The trap the workbench avoids: a deferred BEGIN that has read cannot wait for the writer."""
    path, claim_ids = fresh_copy(tmp_path, prepared_db)
    with HeldWriteLock(path, claim_ids[0], HOLD):
        trap = sqlite3.connect(path, isolation_level=None, timeout=5)
        trap.execute("BEGIN")
        trap.execute("SELECT count(*) FROM claims").fetchone()
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            trap.execute("UPDATE claims SET verdict_by = 'trap' WHERE id = ?", [claim_ids[1]])
        assert time.monotonic() - started < 1.0  # the 5 s timeout did not help
        trap.execute("ROLLBACK")
        trap.close()


def test_concurrency_verdict_waits_for_a_held_write_lock(tmp_path, prepared_db):
    """add_verdict while another connection holds the write lock for 0.5 s: it waits and succeeds."""
    path, claim_ids = fresh_copy(tmp_path, prepared_db)
    db = storage.open_db(path)
    with HeldWriteLock(path, claim_ids[0], HOLD) as lock:
        started = lock.release()
        row_id = storage.add_verdict(db, Verdict(claim_ids[1], "verified", "王小明", "waited"))
        waited = time.monotonic() - started
    assert waited >= HOLD * 0.8
    assert storage.history(db, claim_ids[1])[-1]["id"] == row_id
    assert storage.get_claim(db, claim_ids[1])["verdict"] == "verified"
    assert storage.get_claim(db, claim_ids[0])["verdict_by"] == "holder"
    db.conn.close()


def test_concurrency_ingest_reads_then_writes_under_a_held_write_lock(tmp_path, prepared_db, nlp):
    """save_extraction reads (does the article exist?) before it writes: the trap's shape. Under a
    held write lock it must wait and succeed, which only BEGIN IMMEDIATE (or a retry) gives."""
    path, claim_ids = fresh_copy(tmp_path, prepared_db)
    db = storage.open_db(path)
    ex = extract(nlp, article_text(0), "article_0.txt")
    with HeldWriteLock(path, claim_ids[0], HOLD) as lock:
        started = lock.release()
        saved = storage.save_extraction(db, ex)
        waited = time.monotonic() - started
    assert waited >= HOLD * 0.8
    assert saved["existed"] and saved["new"] == 0
    assert db["claims"].count == len(claim_ids)
    db.conn.close()

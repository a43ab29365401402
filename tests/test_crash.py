"""Crash safety: `python -m checker ingest` killed with SIGKILL in the middle of a large batch
leaves a sound database holding whole articles only, and re-running the command finishes the
batch without duplicates."""
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker import extract
from checker.batch import display_name
from checker.errors import InputError
from checker.ingest import read_paths

ROOT = Path(__file__).resolve().parent.parent
N_ARTICLES = 300
SYLLABLES = "利信众达宏安恒鑫融汇普惠华泰金通"
KINDS = ("金融", "小贷", "普惠", "科技", "网贷", "财富")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def article_text(i: int) -> str:
    """A distinct article of eight sentences, five facts each."""
    name = f"{SYLLABLES[i % 14]}{SYLLABLES[i // 14 % 14]}{KINDS[i % 6]}{i}号"
    lines = [f"{name}逾期风波调查（第{i}期）", "发布时间:2024-05-01 | 来源:网络", ""]
    for k in range(8):
        lines.append(f"{name}成立于{2005 + i % 15}年，逾期贷款余额超过{i % 9 + 1}亿元，"
                     f"逾期率为{(i * 7 + k) % 50 / 10 + 1:.1f}%。截至{2015 + k % 9}年，"
                     f"该平台注册用户达到{i * 3 + k + 10}万人，累计借贷金额为{i + k + 5}亿元。")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def batch(tmp_path_factory, nlp):
    """The folder of articles and, per article id, the claim ids a fresh extraction gives."""
    folder = tmp_path_factory.mktemp("crash") / "articles"
    folder.mkdir()
    for i in range(N_ARTICLES):
        (folder / f"article_{i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    expected = {}
    for item in read_paths([folder]):  # as batch.ingest_paths reads them
        assert not isinstance(item, InputError), item
        ex = extract(nlp, item.text, display_name(item.name), item.encoding)
        expected[ex.article.id] = {c.claim_id for c in ex.claims}
    assert len(expected) == N_ARTICLES and all(expected.values())
    return folder, expected


def ingest(folder: Path, db: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "checker", "ingest", str(folder), "--db", str(db)],
                            cwd=ROOT, **kw)


class Poller:
    """A separate connection watching the ingest: how many articles, and is a write under way?"""

    def __init__(self, db: Path):
        self.db, self.conn = db, None

    def articles(self) -> int:
        try:
            if self.conn is None:
                if not self.db.exists():
                    return 0
                self.conn = sqlite3.connect(self.db, timeout=0, isolation_level=None)
            return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            return 0

    def writing(self) -> bool:
        """True when another connection holds the write lock (an article is being stored)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        self.conn.execute("ROLLBACK")
        return False

    def close(self):
        if self.conn is not None:
            self.conn.close()


def left_behind(db: Path, wait: float = 10.0) -> list[int]:
    """Processes still running for this database's ingest (its workers, once it was killed)."""
    deadline = time.monotonic() + wait
    while True:
        pids = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and str(db).encode() in (proc / "cmdline").read_bytes():
                    pids.append(int(proc.name))
            except OSError:
                continue
        if not pids or time.monotonic() > deadline:
            return pids
        time.sleep(0.1)


def stored(db: Path) -> tuple[dict, dict, list]:
    """(article id -> n_claims, article id -> claim ids, orphan claims) as the database holds them."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        articles = dict(conn.execute("SELECT id, n_claims FROM articles"))
        claims: dict[str, set] = {a: set() for a in articles}
        orphans = []
        for cid, aid in conn.execute("SELECT id, article_id FROM claims"):
            if aid in claims:
                claims[aid].add(cid)
            else:
                orphans.append(cid)
        (n, distinct), = conn.execute("SELECT count(*), count(DISTINCT id) FROM claims")
        assert n == distinct
        dup_positions = conn.execute(
            "SELECT article_id, position FROM claims GROUP BY article_id, position HAVING count(*) > 1").fetchall()
        assert dup_positions == []
        return articles, claims, orphans
    finally:
        conn.close()


def assert_whole_articles(db: Path, expected: dict) -> int:
    articles, claims, orphans = stored(db)
    assert orphans == []
    assert set(articles) <= set(expected)
    for aid, n_claims in articles.items():
        assert n_claims == len(claims[aid]) == len(expected[aid]), aid
        assert claims[aid] == expected[aid], aid
    return len(articles)


def test_crash_sigkill_mid_batch_then_rerun(tmp_path, batch):
    folder, expected = batch
    db = tmp_path / "checker.db"
    log = tmp_path / "ingest.log"
    with open(log, "wb") as out:
        proc = ingest(folder, db, stdout=out, stderr=subprocess.STDOUT)
    poller = Poller(db)
    try:
        # once a fifth of the batch is in, kill the ingest the moment it is seen storing an article
        deadline = time.monotonic() + 60
        seen = 0
        while proc.poll() is None and time.monotonic() < deadline:
            seen = poller.articles()
            if seen >= N_ARTICLES // 5 and (poller.writing() or seen >= N_ARTICLES // 3):
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        poller.close()
    assert proc.returncode == -signal.SIGKILL, f"ingest ended before it was killed: {log.read_text()[-2000:]}"
    assert left_behind(db) == [], "the ingest's extraction workers outlived it"

    survived = assert_whole_articles(db, expected)
    assert N_ARTICLES // 5 <= survived < N_ARTICLES, "killed in the middle: some articles, not all"

    rerun = ingest(folder, db, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err

    assert assert_whole_articles(db, expected) == N_ARTICLES
    conn = sqlite3.connect(db)
    (n_claims,), = conn.execute("SELECT count(*) FROM claims")
    conn.close()
    assert n_claims == sum(len(ids) for ids in expected.values())

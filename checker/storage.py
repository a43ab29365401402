"""The SQLite database: articles, claims and the append-only verdict history.

Every connection runs in WAL mode with a busy timeout; every write is one short
`BEGIN IMMEDIATE` transaction, retried while another writer holds the lock, so a
reviewer never sees "database is locked". A connection belongs to the thread
that opened it: open one per Streamlit run or per worker (`open_db` is cheap).
The current verdict of a claim is the latest history row, mirrored on the claim
row in the same transaction so that queues and progress are index look-ups.
"""
from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import sqlite_utils

from .entities import clean_entity
from .extract import Extraction
from .models import VERDICTS, Verdict
from .normalize import fold

DEFAULT_DB = Path(__file__).resolve().parent.parent / "annotations" / "checker.db"
BUSY_TIMEOUT_MS = 5000
RETRY_SECONDS = 120.0


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The database path: the argument, else $CHECKER_DB, else annotations/checker.db."""
    return Path(path or os.environ.get("CHECKER_DB") or DEFAULT_DB)


def now() -> str:
    """UTC now, ISO 8601 with seconds and a Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


MIGRATIONS = [
    # 1: the first schema
    """
    CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT, text TEXT NOT NULL, encoding TEXT,
        published TEXT, source TEXT, main_entity TEXT, chars INTEGER, damage TEXT, meta TEXT,
        n_claims INTEGER DEFAULT 0, ingested_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS articles_name ON articles(name);
    CREATE TABLE IF NOT EXISTS claims (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), position INTEGER NOT NULL,
        subject TEXT, entity TEXT, predicate TEXT NOT NULL, predicate_text TEXT, value TEXT,
        number REAL, number_max REAL, unit TEXT, qualifier TEXT, date TEXT, as_of TEXT, kind TEXT,
        empty INTEGER NOT NULL DEFAULT 0, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT,
        sentence_start INTEGER, sentence_end INTEGER, flags TEXT DEFAULT '[]', stale INTEGER NOT NULL DEFAULT 0,
        verdict TEXT, verdict_by TEXT, verdict_at TEXT
    );
    CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id, position);
    CREATE INDEX IF NOT EXISTS claims_queue ON claims(verdict, article_id, position);
    CREATE INDEX IF NOT EXISTS claims_fact ON claims(entity, predicate);
    CREATE INDEX IF NOT EXISTS claims_predicate ON claims(predicate);
    CREATE TABLE IF NOT EXISTS verdicts (
        id INTEGER PRIMARY KEY, claim_id TEXT NOT NULL REFERENCES claims(id), verdict TEXT NOT NULL,
        note TEXT, evidence TEXT, reviewer TEXT NOT NULL, created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS verdicts_claim ON verdicts(claim_id, id);
    CREATE TABLE IF NOT EXISTS aliases (
        alias TEXT PRIMARY KEY, entity TEXT NOT NULL, created_by TEXT, created_at TEXT
    );
    CREATE INDEX IF NOT EXISTS aliases_entity ON aliases(entity);
    CREATE TABLE IF NOT EXISTS ingest_log (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, ok INTEGER NOT NULL, message TEXT, at TEXT NOT NULL
    );
    """,
    # 2: near-duplicate sources and the fact-group table
    """
    ALTER TABLE articles ADD COLUMN minhash BLOB;
    ALTER TABLE articles ADD COLUMN source_group TEXT;
    CREATE INDEX IF NOT EXISTS articles_source ON articles(source_group);
    CREATE TABLE IF NOT EXISTS article_bands (key TEXT NOT NULL, article_id TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS article_bands_key ON article_bands(key);
    CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands(article_id);
    CREATE TABLE IF NOT EXISTS fact_groups (
        entity TEXT NOT NULL, predicate TEXT NOT NULL, status TEXT NOT NULL, rank INTEGER NOT NULL,
        n_claims INTEGER, n_articles INTEGER, n_sources INTEGER, n_empty INTEGER, n_conflicting INTEGER,
        summary TEXT, updated_at TEXT, PRIMARY KEY (entity, predicate)
    );
    CREATE INDEX IF NOT EXISTS fact_groups_rank ON fact_groups(rank, n_sources DESC, entity, predicate);
    CREATE INDEX IF NOT EXISTS fact_groups_status ON fact_groups(status, rank);
    CREATE INDEX IF NOT EXISTS claims_entity_text ON claims(entity, predicate, number);
    """,
    # 3: review progress kept by triggers (O(1) instead of a scan of a million claims), recent articles
    """
    CREATE TABLE IF NOT EXISTS claim_counts (
        predicate TEXT NOT NULL, verdict TEXT NOT NULL, stale INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (predicate, verdict, stale)
    );
    INSERT INTO claim_counts (predicate, verdict, stale, n)
        SELECT predicate, coalesce(verdict, ''), stale, count(*) FROM claims GROUP BY 1, 2, 3;
    CREATE TRIGGER IF NOT EXISTS claim_counts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claim_counts (predicate, verdict, stale, n) VALUES (new.predicate, coalesce(new.verdict, ''), new.stale, 1)
        ON CONFLICT (predicate, verdict, stale) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS claim_counts_delete AFTER DELETE ON claims BEGIN
        UPDATE claim_counts SET n = n - 1
        WHERE predicate = old.predicate AND verdict = coalesce(old.verdict, '') AND stale = old.stale;
    END;
    CREATE TRIGGER IF NOT EXISTS claim_counts_update AFTER UPDATE OF predicate, verdict, stale ON claims BEGIN
        UPDATE claim_counts SET n = n - 1
        WHERE predicate = old.predicate AND verdict = coalesce(old.verdict, '') AND stale = old.stale;
        INSERT INTO claim_counts (predicate, verdict, stale, n) VALUES (new.predicate, coalesce(new.verdict, ''), new.stale, 1)
        ON CONFLICT (predicate, verdict, stale) DO UPDATE SET n = n + 1;
    END;
    CREATE INDEX IF NOT EXISTS articles_recent ON articles(ingested_at DESC, name);
    """,
    # 4: the review queue in the order articles arrived (not by hash)
    """
    ALTER TABLE claims ADD COLUMN article_seq INTEGER;
    UPDATE claims SET article_seq = (SELECT rowid FROM articles WHERE articles.id = claims.article_id);
    DROP INDEX IF EXISTS claims_queue;
    CREATE INDEX IF NOT EXISTS claims_queue ON claims(verdict, article_seq, position);
    CREATE INDEX IF NOT EXISTS claims_order ON claims(article_seq, position);
    """,
    # 5: claims_entity_text (entity, predicate, number) serves every claims_fact look-up
    """
    DROP INDEX IF EXISTS claims_fact;
    """,
    # 6: fact groups kept by deltas (fact_values.py): tallies per group, value and pool; the tallies of an
    # existing database are built by the next ingest or `facts --refresh` (fact_rebuild says so)
    """
    CREATE TABLE IF NOT EXISTS fact_values (
        id INTEGER PRIMARY KEY, entity TEXT NOT NULL, predicate TEXT NOT NULL, level INTEGER NOT NULL,
        vkey TEXT NOT NULL, as_of TEXT NOT NULL, fields TEXT, n_claims INTEGER NOT NULL, n_sources INTEGER NOT NULL,
        n_articles INTEGER NOT NULL, n_empty INTEGER NOT NULL, shown TEXT, rep_order TEXT, sentence TEXT,
        n_sentence INTEGER NOT NULL,
        UNIQUE (entity, predicate, level, vkey, as_of)
    );
    CREATE TABLE IF NOT EXISTS fact_sources (
        value_id INTEGER NOT NULL, source TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (value_id, source)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS fact_rebuild (reason TEXT);
    INSERT INTO fact_rebuild (reason) SELECT 'tallies not built yet' WHERE EXISTS (SELECT 1 FROM claims);
    """,
    # 7: the review desk: undo is a history row that retracts an earlier one; a reviewer's verdicts by
    # time (undo, second opinions); the queue by company
    """
    ALTER TABLE verdicts ADD COLUMN retracts INTEGER;
    CREATE INDEX IF NOT EXISTS verdicts_retracts ON verdicts(retracts) WHERE retracts IS NOT NULL;
    CREATE INDEX IF NOT EXISTS verdicts_reviewer ON verdicts(reviewer, id);
    CREATE INDEX IF NOT EXISTS claims_company ON claims(entity, article_seq, position);
    CREATE INDEX IF NOT EXISTS claims_company_queue ON claims(verdict, entity, article_seq, position);
    """,
    # 8: two reviewers and a lead: a claim is disputed while the latest verdicts of two reviewers differ
    # (kept with each verdict write, so the disagreement queue is an index range); a lead's verdict settles it
    """
    ALTER TABLE verdicts ADD COLUMN role TEXT;
    ALTER TABLE claims ADD COLUMN disputed INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX IF NOT EXISTS claims_disputed ON claims(article_seq, position) WHERE disputed = 1;
    """,
    # 9: each fact_values row's count of sources kept by triggers on fact_sources
    """
    CREATE TRIGGER IF NOT EXISTS fact_sources_insert AFTER INSERT ON fact_sources BEGIN
        UPDATE fact_values SET n_sources = n_sources + 1 WHERE id = new.value_id;
    END;
    CREATE TRIGGER IF NOT EXISTS fact_sources_delete AFTER DELETE ON fact_sources BEGIN
        UPDATE fact_values SET n_sources = n_sources - 1 WHERE id = old.value_id;
    END;
    INSERT INTO fact_rebuild (reason) SELECT 'source counts by trigger' WHERE EXISTS (SELECT 1 FROM claims);
    """,
    # 10: article versions (versions.py): an article is its source (file name, record id), its text a version
    """
    ALTER TABLE articles ADD COLUMN source_key TEXT;
    ALTER TABLE articles ADD COLUMN version INTEGER;
    ALTER TABLE articles ADD COLUMN superseded_by TEXT;
    UPDATE articles SET source_key = name, version = 1;
    CREATE INDEX IF NOT EXISTS articles_source_key ON articles(source_key, superseded_by);
    """,
    # 11: full-text search (FTS5, trigram: any substring of 3 characters or more, Chinese included) over
    # articles and claims, kept in step by triggers; both index their table's rowid (as article_seq does)
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        name, title, main_entity, text, content='articles', content_rowid='rowid', tokenize='trigram');
    CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, name, title, main_entity, text)
        VALUES (new.rowid, new.name, new.title, new.main_entity, new.text);
    END;
    CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, name, title, main_entity, text)
        VALUES ('delete', old.rowid, old.name, old.title, old.main_entity, old.text);
    END;
    CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF name, title, main_entity, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, name, title, main_entity, text)
        VALUES ('delete', old.rowid, old.name, old.title, old.main_entity, old.text);
        INSERT INTO articles_fts (rowid, name, title, main_entity, text)
        VALUES (new.rowid, new.name, new.title, new.main_entity, new.text);
    END;
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
        text, content='claims', content_rowid='rowid', tokenize='trigram');
    CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO claims_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
    """,
    # 12: reviewers' corrections of the extraction (corrections.py), kept apart from it: no ingest touches them
    """
    CREATE TABLE IF NOT EXISTS corrections (
        id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, claim_id TEXT, action TEXT NOT NULL, fields TEXT NOT NULL,
        original TEXT, reviewer TEXT NOT NULL, created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS corrections_article ON corrections(article_id, id);
    CREATE INDEX IF NOT EXISTS corrections_claim ON corrections(claim_id, id);
    """,
    # 13: fact groups brought forward pool by pool (fact_values._advance): whether each pool is in conflict
    # with another, whether a group changed over time or is corroborated; summaries list the first values;
    # each row keeps its one source (when it has one) by trigger
    """
    ALTER TABLE fact_values ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE fact_values ADD COLUMN changed INTEGER;
    ALTER TABLE fact_values ADD COLUMN corroborated INTEGER;
    CREATE INDEX IF NOT EXISTS fact_values_time ON fact_values(entity, predicate, level, as_of);
    CREATE INDEX IF NOT EXISTS fact_values_order ON fact_values(entity, predicate, level, rep_order);
    CREATE INDEX IF NOT EXISTS fact_values_sentence ON fact_values(sentence) WHERE level = 2;
    ALTER TABLE fact_groups ADD COLUMN n_values INTEGER;
    ALTER TABLE fact_values ADD COLUMN source TEXT;
    DROP TRIGGER IF EXISTS fact_sources_insert;
    DROP TRIGGER IF EXISTS fact_sources_delete;
    CREATE TRIGGER IF NOT EXISTS fact_sources_insert AFTER INSERT ON fact_sources BEGIN
        UPDATE fact_values SET source = CASE WHEN n_sources = 0 THEN new.source END, n_sources = n_sources + 1
        WHERE id = new.value_id;
    END;
    CREATE TRIGGER IF NOT EXISTS fact_sources_delete AFTER DELETE ON fact_sources BEGIN
        UPDATE fact_values SET n_sources = n_sources - 1,
            source = CASE WHEN n_sources = 2 THEN (SELECT source FROM fact_sources WHERE value_id = old.value_id) END
        WHERE id = old.value_id;
    END;
    INSERT INTO fact_rebuild (reason) SELECT 'pool conflicts' WHERE EXISTS (SELECT 1 FROM claims);
    """,
    # 14: an ingest's cost that does not grow with the archive: a group keeps its count of values and of pools
    # (and their claims) in conflict, so its summary reads no range of rows; the pools about one time are
    # read by conflict flag from the index; each index holds only the level it serves (an unused one goes);
    # an article's band keys are deleted by key (from its stored signature), which drops the second index
    # that every band row paid for; `fact_sources` ordered by source, so that one article's tallies of
    # sources are a page or two, not one page per row it counts in (a pool's one source, when a removal
    # leaves one, is read back from its claims: `fact_values._repair`)
    """
    ALTER TABLE fact_values ADD COLUMN n_values INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE fact_values ADD COLUMN n_conflict_pools INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE fact_values ADD COLUMN n_conflicting INTEGER NOT NULL DEFAULT 0;
    DROP INDEX IF EXISTS fact_values_time;
    CREATE INDEX IF NOT EXISTS fact_values_time ON fact_values(entity, predicate, conflicts, as_of) WHERE level = 2;
    DROP INDEX IF EXISTS fact_values_order;
    CREATE INDEX IF NOT EXISTS fact_values_order ON fact_values(entity, predicate, rep_order) WHERE level = 1;
    DROP INDEX IF EXISTS fact_values_sentence;
    UPDATE fact_values SET
        n_values = (SELECT count(*) FROM fact_values v WHERE v.entity = fact_values.entity
                    AND v.predicate = fact_values.predicate AND v.level = 1 AND v.n_claims > 0),
        n_conflict_pools = (SELECT count(*) FROM fact_values v WHERE v.entity = fact_values.entity
                            AND v.predicate = fact_values.predicate AND v.level = 2 AND v.conflicts = 1 AND v.n_claims > 0),
        n_conflicting = (SELECT coalesce(sum(n_claims), 0) FROM fact_values v WHERE v.entity = fact_values.entity
                         AND v.predicate = fact_values.predicate AND v.level = 2 AND v.conflicts = 1 AND v.n_claims > 0)
    WHERE level = 0;
    DROP INDEX IF EXISTS article_bands_article;
    CREATE TABLE fact_sources_by_source (
        source TEXT NOT NULL, value_id INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (source, value_id)
    ) WITHOUT ROWID;
    INSERT INTO fact_sources_by_source (source, value_id, n) SELECT source, value_id, n FROM fact_sources;
    DROP TABLE fact_sources;
    ALTER TABLE fact_sources_by_source RENAME TO fact_sources;
    CREATE TRIGGER IF NOT EXISTS fact_sources_insert AFTER INSERT ON fact_sources BEGIN
        UPDATE fact_values SET source = CASE WHEN n_sources = 0 AND level = 2 THEN new.source END,
            n_sources = n_sources + 1
        WHERE id = new.value_id;
    END;
    CREATE TRIGGER IF NOT EXISTS fact_sources_delete AFTER DELETE ON fact_sources BEGIN
        UPDATE fact_values SET n_sources = n_sources - 1, source = NULL WHERE id = old.value_id;
    END;
    UPDATE fact_values SET source = NULL WHERE level != 2 AND source IS NOT NULL;
    """,
]


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    # a page cache that holds the indexes an ingest touches (filled as used, so a page view costs nothing)
    conn.execute("PRAGMA cache_size = -131072")
    conn.execute("PRAGMA temp_store = MEMORY")
    # a checkpoint (which ends with an fsync) every 40 MB of log rather than 4 MB; the log file is cut back after
    conn.execute("PRAGMA wal_autocheckpoint = 10000")
    conn.execute("PRAGMA journal_size_limit = 67108864")
    return conn


#: While an ingest writes: a page cache (256 MiB) that holds more of a large archive's indexes (fewer reads from the
#: file), and a checkpoint every 200 MB of log (a page changed by several transactions is copied into the
#: database once). Both return to the defaults above when the ingest ends.
INGEST_CACHE_KIB = 262144
INGEST_CHECKPOINT_PAGES = 50000


@contextmanager
def ingesting(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Settings for a connection that stores a batch of articles (`batch.ingest_items`)."""
    conn = db.conn
    cache, checkpoint = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("cache_size", "wal_autocheckpoint"))
    conn.execute(f"PRAGMA cache_size = -{INGEST_CACHE_KIB}")
    conn.execute(f"PRAGMA wal_autocheckpoint = {INGEST_CHECKPOINT_PAGES}")
    try:
        yield db
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {checkpoint}")


def _is_locked(exc: BaseException) -> bool:
    msg = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in msg or "busy" in msg)


def open_db(path: str | os.PathLike | None = None) -> sqlite_utils.Database:
    """Open (creating and migrating as needed) the database.

    path (str): the file; default `db_path()`. RETURNS (Database): a sqlite-utils database
    on a connection for this thread only.
    """
    p = db_path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(p)
    _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
    db = sqlite_utils.Database(conn)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < len(MIGRATIONS):
        with write(db):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for i, sql in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {i}")
    return db


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping each trigger body (BEGIN … END;) whole."""
    out, current = [], []
    for line in sql.splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and sqlite3.complete_statement(text):
            out.append(text)
            current = []
    if "\n".join(current).strip():
        out.append("\n".join(current))
    return out


def _retry(fn, seconds: float = RETRY_SECONDS):
    deadline = time.monotonic() + seconds
    delay = 0.01
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.5)


@contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction, started with BEGIN IMMEDIATE (so it never fails half-way on a
    lock), retried while the database is busy. Commits on success, rolls back on error."""
    conn = db.conn
    _retry(lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        yield db
    except BaseException:
        if conn.in_transaction:  # SQLite may already have rolled back (e.g. on a full disk)
            conn.execute("ROLLBACK")
        raise
    else:
        _retry(lambda: conn.execute("COMMIT"))


def write_retrying(db: sqlite_utils.Database, fn, seconds: float = RETRY_SECONDS):
    """Run fn(db) in a write transaction, the whole transaction retried if the lock is lost."""
    def attempt():
        with write(db):
            return fn(db)
    return _retry(attempt, seconds)


# --- articles and claims ------------------------------------------------------------

def entity_key(name: str) -> str:
    """The form an entity name is compared in: Simplified, descriptors dropped."""
    return clean_entity(fold(name.strip())) if name else ""


def canonical_entity(db: sqlite_utils.Database, name: str) -> str:
    """The canonical entity for a name, through the alias list (掌眾金融 -> 掌众金融)."""
    key = entity_key(name)
    if not key:
        return key
    row = db.execute("SELECT entity FROM aliases WHERE alias = ?", [key]).fetchone()
    return row[0] if row else key


def store_extraction(db: sqlite_utils.Database, ex: Extraction) -> dict:
    """Store an article and its claims, inside the caller's transaction.

    Re-ingesting the same text neither duplicates claims nor loses verdicts: claim ids
    are content hashes; claims no longer extracted keep their row (marked stale) if
    they have a verdict and are dropped otherwise; the same text under another name keeps
    its first name. A changed text from a known source (its name) is that article's next
    version (`versions.supersede`: unchanged claims keep their verdicts). Fact groups are not
    touched here (`facts.record` does that, after).
    RETURNS (dict): article_id, claims (count), new (claims not seen before), existed, version, and
    old_claims: the claim rows the fact groups counted before, with `published` and `source`;
    for a new version also previous (the earlier version's id), carried, unchanged and gone.
    """
    from . import versions

    art = ex.article
    conn = db.conn
    found = conn.execute("SELECT superseded_by, coalesce(version, 1) FROM articles WHERE id = ?", [art.id]).fetchone()
    existed = found is not None
    if existed and found[0]:  # an earlier version's text again: the current version stays current
        return {"article_id": art.id, "name": art.name, "claims": len(ex.claims), "new": 0, "existed": True,
                "old_claims": [], "version": found[1], "superseded_by": found[0]}
    row = art.to_row() | {"n_claims": len(ex.claims)}
    old_claims = []
    prev = None
    if existed:
        old_claims = [dict(r) for r in db.query(
            "SELECT c.*, a.published, coalesce(a.source_group, a.id) AS source FROM claims c "
            "JOIN articles a ON a.id = c.article_id WHERE c.article_id = ?", [art.id])]
        row.pop("name")  # the same text under another file name is the same article, not a rename
        conn.execute(f"UPDATE articles SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?", [*row.values(), art.id])
        version = found[1]
    else:
        prev = versions.previous(db, art.name, art.id, ex.body or art.text)
        version = prev["version"] + 1 if prev else 1
        row |= {"ingested_at": now(), "source_key": art.name, "version": version}
        conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    old = {r["id"]: r["verdict"] for r in old_claims}
    seq = conn.execute("SELECT rowid FROM articles WHERE id = ?", [art.id]).fetchone()[0]
    entity = {subject: canonical_entity(db, subject) for subject in {c.subject for c in ex.claims}}
    rows = []
    for i, c in enumerate(ex.claims):
        r = c.to_row(art.id, i)
        r["article_seq"] = seq
        r["entity"] = entity[c.subject]
        r["stale"] = 0
        rows.append(r)
    new_ids = {r["id"] for r in rows}
    if rows:  # update extraction fields, never the verdict columns
        cols = list(rows[0])
        quoted = [f'"{k}"' for k in cols]
        conn.executemany(
            f"INSERT INTO claims ({', '.join(quoted)}) VALUES ({', '.join('?' * len(cols))}) ON CONFLICT (id) DO UPDATE "
            f"SET {', '.join(f'{q} = excluded.{q}' for q, k in zip(quoted, cols) if k != 'id')}",
            [[r[k] for k in cols] for r in rows])
    for cid in (cid for cid in old if cid not in new_ids):
        if old[cid]:
            conn.execute("UPDATE claims SET stale = 1 WHERE id = ?", [cid])
        else:
            conn.execute("DELETE FROM claims WHERE id = ?", [cid])
    saved = {"article_id": art.id, "name": art.name, "claims": len(rows), "new": len(new_ids - set(old)),
             "existed": existed, "old_claims": old_claims, "version": version}
    if prev:
        done = versions.supersede(db, prev, art.id, now())
        saved |= {"previous": prev["id"], "old_claims": old_claims + done.pop("old_claims"), **done}
    return saved


def save_extraction(db: sqlite_utils.Database, ex: Extraction) -> dict:
    """`store_extraction` in its own transaction (all or nothing); fact groups are left to the
    ingest pipeline (`batch.py`). RETURNS (dict): as `store_extraction`."""
    return write_retrying(db, lambda d: store_extraction(d, ex))


def add_ingest_log(db: sqlite_utils.Database, outcomes: list[tuple[str, bool, str]]) -> None:
    """Record (name, ok, message) outcomes inside the caller's transaction."""
    at = now()
    db.conn.executemany("INSERT INTO ingest_log (name, ok, message, at) VALUES (?, ?, ?, ?)",
                        [(name, int(ok), message, at) for name, ok, message in outcomes])


def add_verdict(db: sqlite_utils.Database, verdict: Verdict) -> int:
    """Append a verdict to the history and make it the claim's current one.

    RETURNS (int): the history row id. RAISES KeyError: unknown claim.
    """
    return add_verdicts(db, [verdict])[0]


def add_verdicts(db: sqlite_utils.Database, verdicts: list[Verdict]) -> list[int]:
    """Append verdicts in one transaction (a group verdict is all or nothing); each claim gets
    its own history row. RETURNS (list[int]): the history row ids. RAISES KeyError: unknown claim."""

    def run(db):
        at = now()  # taken inside the write transaction: history times follow commit order
        ids = []
        for v in verdicts:
            cur = db.execute("UPDATE claims SET verdict = ?, verdict_by = ?, verdict_at = ? WHERE id = ?",
                             [v.verdict, v.reviewer.strip(), at, v.claim_id])
            if cur.rowcount == 0:
                raise KeyError(f"no claim with id {v.claim_id}")
            cur = db.execute(
                "INSERT INTO verdicts (claim_id, verdict, note, evidence, reviewer, created_at, role) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [v.claim_id, v.verdict, v.note, v.evidence, v.reviewer.strip(), at, v.role or None])
            ids.append(cur.lastrowid)
            refresh_disputed(db, v.claim_id)
        return ids

    return write_retrying(db, run)


#: a history row that stands: not a retraction, not retracted (see review.undo_last)
STANDING = "retracts IS NULL AND NOT EXISTS (SELECT 1 FROM verdicts r WHERE r.retracts = verdicts.id)"


def standing_verdicts(db: sqlite_utils.Database, claim_id: str) -> dict[str, dict]:
    """reviewer -> their latest standing verdict row on a claim, since the last lead's verdict."""
    latest: dict[str, dict] = {}
    for row in db.query(f"SELECT id, verdict, reviewer, note, evidence, created_at, role FROM verdicts "
                        f"WHERE claim_id = ? AND {STANDING} ORDER BY id", [claim_id]):
        if row["role"] == "lead":
            latest = {}
        else:
            latest[row["reviewer"]] = row
    return latest


def refresh_disputed(db: sqlite_utils.Database, claim_id: str) -> bool:
    """Mark a claim disputed when the latest standing verdicts of two reviewers differ (and no lead
    has settled it since). Runs inside the caller's write transaction. RETURNS disputed."""
    disputed = len({r["verdict"] for r in standing_verdicts(db, claim_id).values()}) > 1
    db.execute("UPDATE claims SET disputed = ? WHERE id = ? AND disputed != ?", [int(disputed), claim_id, int(disputed)])
    return disputed


# --- reading ------------------------------------------------------------------------

CLAIM_COLUMNS = ("id, article_id, article_seq, position, subject, entity, predicate, predicate_text, value, number, number_max, "
                 "unit, qualifier, date, as_of, kind, empty, start, \"end\", text, sentence_start, sentence_end, "
                 "flags, stale, verdict, verdict_by, verdict_at, disputed")


def _claim(row: dict | None) -> dict | None:
    if row is None:
        return None
    row = dict(row)
    row["flags"] = json.loads(row.get("flags") or "[]")
    row["empty"] = bool(row["empty"])
    return row


def _filters(article_id: str | None, predicate: str | None, only_open: bool, flagged: bool = False) -> tuple[str, list]:
    # (a claim whose article is gone, say deleted by hand, is never shown)
    where, args = ["stale = 0", "EXISTS (SELECT 1 FROM articles a WHERE a.id = claims.article_id)"], []
    if article_id:
        where.append("article_id = ?")
        args.append(article_id)
    if predicate:
        where.append("predicate = ?")
        args.append(predicate)
    if only_open:
        where.append("verdict IS NULL")
    if flagged:
        where.append("(empty = 1 OR flags != '[]')")
    return " AND ".join(where), args


def get_claim(db: sqlite_utils.Database, claim_id: str) -> dict | None:
    """One claim as a dict (flags decoded), or None."""
    return _claim(next(db.query(f"SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?", [claim_id]), None))


#: review orders: (sort columns, what a claim's place is)
ORDERS = {"article": ("article_seq", "position"), "company": ("entity", "article_seq", "position")}


def queue_key(claim: dict, order: str = "article") -> tuple:
    """A claim's place in the queue for `order` (what `next_claim(after=...)` takes)."""
    return tuple(claim[c] for c in ORDERS[order])


def next_claim(db: sqlite_utils.Database, article_id: str | None = None, predicate: str | None = None,
               after: tuple | None = None, only_open: bool = True, flagged: bool = False,
               order: str = "article") -> dict | None:
    """The next claim to review: by article (articles in the order they arrived, claims in text
    order) or by company (then by article); after `after` = `queue_key(claim, order)` if given.

    Wraps around to the start when nothing follows `after`. Each look-up is one index range read.
    """
    where, args = _filters(article_id, predicate, only_open, flagged)
    cols = ", ".join(ORDERS[order])
    if after:
        marks = ", ".join("?" * len(ORDERS[order]))
        row = next(db.query(
            f"SELECT {CLAIM_COLUMNS} FROM claims WHERE {where} AND ({cols}) > ({marks}) "
            f"ORDER BY {cols} LIMIT 1", [*args, *after]), None)
        if row:
            return _claim(row)
    return _claim(next(db.query(
        f"SELECT {CLAIM_COLUMNS} FROM claims WHERE {where} ORDER BY {cols} LIMIT 1", args), None))


def claim_filter(article_id: str | None = None, predicate: str | None = None, only_open: bool = True,
                 flagged: bool = False) -> tuple[str, list]:
    """The WHERE clause (and its arguments) of the review filters, for queues built elsewhere."""
    return _filters(article_id, predicate, only_open, flagged)


def previous_claim(db: sqlite_utils.Database, before: tuple[int, int], article_id: str | None = None,
                   predicate: str | None = None, flagged: bool = False) -> dict | None:
    """The claim just before `before` in review order (reviewed or not)."""
    where, args = _filters(article_id, predicate, False, flagged)
    return _claim(next(db.query(
        f"SELECT {CLAIM_COLUMNS} FROM claims WHERE {where} AND (article_seq, position) < (?, ?) "
        "ORDER BY article_seq DESC, position DESC LIMIT 1", [*args, *before]), None))


def progress(db: sqlite_utils.Database, article_id: str | None = None, predicate: str | None = None) -> dict:
    """reviewed, total and per-verdict counts for the current filters.

    Without an article filter this reads the trigger-kept `claim_counts` table (a few rows),
    not the claims themselves."""
    if article_id:
        where, args = _filters(article_id, predicate, False)
        rows = db.query(f"SELECT coalesce(verdict, '') AS verdict, count(*) AS n FROM claims WHERE {where} "
                        "GROUP BY 1", args)
    else:
        rows = db.query("SELECT verdict, sum(n) AS n FROM claim_counts WHERE stale = 0"
                        + (" AND predicate = ?" if predicate else "") + " GROUP BY verdict",
                        [predicate] if predicate else [])
    counts = {r["verdict"]: r["n"] for r in rows}
    total = sum(counts.values())
    return {"total": total, "reviewed": total - counts.get("", 0),
            **{v: counts.get(v, 0) for v in VERDICTS}}


def get_article(db: sqlite_utils.Database, article_id: str) -> dict | None:
    """One article with its text and metadata, or None."""
    row = next(db.query("SELECT * FROM articles WHERE id = ?", [article_id]), None)
    if row:
        row["damage"] = json.loads(row["damage"] or "[]")
        row["meta"] = json.loads(row["meta"] or "{}")
    return row


#: Full-text search needs three characters; shorter queries scan the titles of this many recent articles.
SHORT_QUERY_SCAN = 20000
_ARTICLE_ROW = """SELECT a.id, a.name, a.title, a.published, a.source, a.main_entity, a.encoding, a.chars, a.n_claims,
       a.ingested_at, coalesce(a.version, 1) AS version, a.superseded_by, json_array_length(a.damage) AS damaged_spans,
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.verdict IS NOT NULL) AS reviewed
    FROM articles a"""


def fts_query(search: str) -> str | None:
    """A MATCH expression: every word of three characters or more as a literal phrase (AND), or
    None when no word is long enough for the trigram index."""
    words = [w for w in search.split() if len(w) >= 3]
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words) if words else None


def _short_words(search: str) -> list[str]:
    return [w for w in search.split() if len(w) < 3]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def list_articles(db: sqlite_utils.Database, search: str = "", limit: int = 50, offset: int = 0) -> list[dict]:
    """A page of articles (no text), with claim and review counts, newest first.

    search (str): words that must all appear in the title, file name, company or text (full-text
    index, any substring of three characters or more). With no word that long, words of one or
    two characters are looked for in the title, file name and company of the SHORT_QUERY_SCAN most
    recent articles (the index cannot look up fewer than three characters)."""
    if not search.strip():
        return list(db.query(f"{_ARTICLE_ROW} ORDER BY a.ingested_at DESC, a.name LIMIT ? OFFSET ?",
                             [limit, offset]))
    where, args = [], []
    match = fts_query(search)
    if match:
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(match)
    for word in _short_words(search):
        if match:  # among the articles the index found, anywhere
            where.append("instr(coalesce(a.title, '') || ' ' || a.name || ' ' || coalesce(a.main_entity, '') || ' ' "
                         "|| a.text, ?) > 0")
            args.append(word)
        else:
            where.append("(a.title LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\' "
                         "OR a.main_entity LIKE ? ESCAPE '\\')")
            args += [_like(word)] * 3
    if not match:
        where.append(f"a.rowid IN (SELECT rowid FROM articles ORDER BY rowid DESC LIMIT {SHORT_QUERY_SCAN})")
    return list(db.query(f"{_ARTICLE_ROW} WHERE {' AND '.join(where)} ORDER BY a.rowid DESC LIMIT ? OFFSET ?",
                         [*args, limit, offset]))


def search_claims(db: sqlite_utils.Database, search: str, limit: int = 50) -> list[dict]:
    """Current claims whose text (`subject predicate value`) holds every word, newest articles first.
    Needs a word of three characters or more (the trigram index); shorter words narrow that down."""
    match = fts_query(search)
    if not match:
        return []
    short = _short_words(search)
    rows = db.query(
        f"SELECT {', '.join('c.' + c.strip() for c in CLAIM_COLUMNS.split(','))}, a.name AS article FROM claims c "
        "JOIN articles a ON a.id = c.article_id WHERE c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?) "
        + "".join(" AND instr(c.text, ?) > 0" for _ in short)
        + " AND c.stale = 0 ORDER BY c.article_seq DESC, c.position LIMIT ?", [match, *short, limit])
    return [_claim(r) for r in rows]


def count_articles(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def claims_for_article(db: sqlite_utils.Database, article_id: str, limit: int = 500) -> list[dict]:
    """An article's claims in text order."""
    return [_claim(r) for r in db.query(
        f"SELECT {CLAIM_COLUMNS} FROM claims WHERE article_id = ? AND stale = 0 ORDER BY position LIMIT ?",
        [article_id, limit])]


def history(db: sqlite_utils.Database, claim_id: str) -> list[dict]:
    """Every verdict ever given on a claim, oldest first."""
    return list(db.query("SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", [claim_id]))


def predicates_in_use(db: sqlite_utils.Database) -> list[str]:
    """Predicates with at least one current claim (from the trigger-kept counts: no scan)."""
    return [r["predicate"] for r in db.query(
        "SELECT predicate FROM claim_counts WHERE stale = 0 GROUP BY predicate HAVING sum(n) > 0 ORDER BY predicate")]


def recent_ingest_log(db: sqlite_utils.Database, limit: int = 50) -> list[dict]:
    return list(db.query("SELECT * FROM ingest_log ORDER BY id DESC LIMIT ?", [limit]))

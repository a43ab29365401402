"""Facts across articles: claims grouped by (entity, predicate), compared, and kept in the
`fact_groups` table so that pages and the CLI query a few rows, not a million claims.

Entities are resolved through folding (掌眾金融 = 掌众金融), descriptor stripping
(利信金融平台 = 利信金融) and the editable alias list. Near-duplicate articles share a
`source_group`, so five copies of one article count as one independent source.
The comparison rules live in `compare.py`.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Iterator

import numpy as np
import sqlite_utils

from . import dedup, fact_values
from .compare import STATUSES, Statement, value_key
from .fact_values import NOT_COMPARED, Changes, Contribution, compared, contributions, display_value  # noqa: F401
from .storage import canonical_entity, entity_key, now, write_retrying  # noqa: F401


# --- near-duplicate sources ----------------------------------------------------------

def assign_source(db: sqlite_utils.Database, article_id: str, sig: np.ndarray, changes: Changes) -> str:
    """Store the article's MinHash, find near-duplicates through the band index, and give it
    (and them) one source group; articles whose group merges into another are recorded in
    `changes`. Runs inside the caller's transaction. RETURNS the group."""
    keys = dedup.bands(sig)
    marks = ",".join("?" * len(keys))
    candidates = [r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM article_bands WHERE key IN ({marks}) AND article_id != ? "
        f"LIMIT {dedup.MAX_CANDIDATES}", [*keys, article_id])]
    groups = set()
    for cid in candidates:
        row = db.execute("SELECT minhash, source_group FROM articles WHERE id = ?", [cid]).fetchone()
        if row and row[0] and dedup.similarity(sig, dedup.from_blob(row[0])) >= dedup.THRESHOLD:
            groups.add(row[1] or cid)
    group = min(groups) if groups else article_id  # an existing group keeps its id
    if len(groups) > 1:
        others = sorted(groups - {group})
        marks2 = ",".join("?" * len(others))
        moved = [r[0] for r in db.execute(f"SELECT id FROM articles WHERE source_group IN ({marks2}) AND id != ?",
                                          [*others, article_id])]
        before = contributions(db, moved)
        db.execute(f"UPDATE articles SET source_group = ? WHERE source_group IN ({marks2})", [group, *others])
        changes.diff(before, contributions(db, moved))
    old = db.execute("SELECT minhash FROM articles WHERE id = ?", [article_id]).fetchone()
    if old and old[0]:  # re-ingested: its band keys, found by key (the only index the band table has)
        db.conn.executemany("DELETE FROM article_bands WHERE key = ? AND article_id = ?",
                            [(k, article_id) for k in dedup.bands(dedup.from_blob(old[0]))])
    db.execute("UPDATE articles SET minhash = ?, source_group = ? WHERE id = ?", [dedup.to_blob(sig), group, article_id])
    db.conn.executemany("INSERT INTO article_bands (key, article_id) VALUES (?, ?)", [(k, article_id) for k in keys])
    return group


def record(db: sqlite_utils.Database, saved: dict, sig: np.ndarray, changes: Changes) -> str:
    """After `storage.store_extraction` stored an article: its source group, and what it changed in
    the fact groups (added to `changes`, applied by `update`). RETURNS the article's source group."""
    article_id = saved["article_id"]
    before = Counter(Contribution.of(r) for r in saved["old_claims"] if compared(r) and not r["stale"])
    group = assign_source(db, article_id, sig, changes)
    changes.diff(before, contributions(db, [article_id]))
    return group


def needs_rebuild(db: sqlite_utils.Database) -> bool:
    """True when the tallies were never built (a database from before they existed)."""
    return db.execute("SELECT 1 FROM fact_rebuild LIMIT 1").fetchone() is not None


def update(db: sqlite_utils.Database, changes: Changes) -> int:
    """Apply recorded changes to the fact groups they touch. Runs inside the caller's transaction.
    RETURNS groups rewritten."""
    if needs_rebuild(db):
        return refresh(db)
    return len(fact_values.apply(db, changes))


# --- fact groups -----------------------------------------------------------------------

_MEMBER_SQL = """
    SELECT c.id, c.article_id, c.position, c.kind, c.empty, c.number, c.number_max, c.unit, c.qualifier, c.date,
           c.value, c.as_of, c.text, c.subject, c.start, c."end", c.sentence_start, c.sentence_end, c.verdict, c.flags,
           c.entity, c.predicate, a.name AS article, a.title, a.published, coalesce(a.source_group, a.id) AS source
    FROM claims c JOIN articles a ON a.id = c.article_id
    WHERE c.entity = ? AND c.predicate = ? AND c.stale = 0
    ORDER BY coalesce(c.as_of, ''), a.published, c.article_id, c.position"""


def members(db: sqlite_utils.Database, entity: str, predicate: str, limit: int | None = None) -> list[dict]:
    """The claims of one fact group with their article, oldest as_of first, each marked `conflict`
    when it disagrees with another statement about the same time (read from the group's pools,
    not by comparing every claim). With `limit`, only the first claims are returned, each with its
    `sentence` text (for display, without the article's text)."""
    sql = _MEMBER_SQL + (" LIMIT ?" if limit is not None else "")
    rows = [dict(r) for r in db.query(sql, [entity, predicate] + ([limit] if limit is not None else []))]
    conflicting = fact_values.conflicting_values(db, entity, predicate) if predicate not in NOT_COMPARED else set()
    for r in rows:
        c = Contribution.of(r)
        r["conflict"] = (c.vkey, c.as_of) in conflicting
        r["empty"] = bool(r["empty"])
        r["flags"] = json.loads(r["flags"] or "[]")
        if limit is not None:
            r["sentence"] = db.execute("SELECT substr(text, ? + 1, ? - ?) FROM articles WHERE id = ?",
                                       [r["sentence_start"], r["sentence_end"], r["sentence_start"],
                                        r["article_id"]]).fetchone()[0]
    return rows


def refresh(db: sqlite_utils.Database) -> int:
    """Recompute every fact group from the claims (a repair: ingests keep them up to date).
    Runs inside the caller's transaction. RETURNS groups written."""
    return fact_values.rebuild(db)


def _group_query(status: str | None, entity: str | None, predicate: str | None) -> tuple[str, list]:
    where, args = [], []
    for col, val in (("status", status), ("predicate", predicate)):
        if val:
            where.append(f"{col} = ?")
            args.append(val)
    if entity:
        where.append("entity LIKE ? ESCAPE '\\'")
        key = entity_key(entity) or entity
        args.append("%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    sql = "SELECT * FROM fact_groups" + (" WHERE " + " AND ".join(where) if where else "")
    return sql + " ORDER BY rank, n_sources DESC, entity, predicate", args


def _group(row) -> dict:
    row = dict(row)
    row["summary"] = json.loads(row["summary"])
    return row


def groups(db: sqlite_utils.Database, status: str | None = None, entity: str | None = None,
           predicate: str | None = None, limit: int = 200, offset: int = 0) -> list[dict]:
    """A page of fact groups, conflicts and empties first."""
    sql, args = _group_query(status, entity, predicate)
    return [_group(r) for r in db.query(sql + " LIMIT ? OFFSET ?", [*args, limit, offset])]


def status_counts(db: sqlite_utils.Database) -> dict[str, int]:
    counts = {r["status"]: r["n"] for r in db.query("SELECT status, count(*) AS n FROM fact_groups GROUP BY status")}
    return {s: counts.get(s, 0) for s in STATUSES}


def iter_groups(db: sqlite_utils.Database, status: str | None = None, entity: str | None = None,
                predicate: str | None = None) -> Iterator[dict]:
    """Every fact group matching the filters (for the CLI and exports), streamed from one query."""
    sql, args = _group_query(status, entity, predicate)
    for row in db.query(sql, args):
        yield _group(row)


# --- aliases ---------------------------------------------------------------------------

def _moving(db: sqlite_utils.Database, claim_ids: list[str], move) -> None:
    """Run `move()` (which re-points these claims) and record what it changes in the fact groups."""
    arts = set()
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        arts |= {r[0] for r in db.execute(f"SELECT DISTINCT article_id FROM claims WHERE id IN "
                                          f"({','.join('?' * len(chunk))})", chunk)}
    changes = Changes()
    before = contributions(db, arts)
    move()
    changes.diff(before, contributions(db, arts))
    update(db, changes)


def merge(db: sqlite_utils.Database, alias: str, into: str, by: str = "") -> int:
    """Treat `alias` as the same entity as `into` from now on. RETURNS claims moved."""
    alias_key, target = entity_key(alias), canonical_entity(db, into)
    if not alias_key or not target or alias_key == target:
        raise ValueError("merge needs two different entity names")

    def run(db):
        db.execute("INSERT OR REPLACE INTO aliases (alias, entity, created_by, created_at) VALUES (?, ?, ?, ?)",
                   [alias_key, target, by, now()])
        db.execute("UPDATE aliases SET entity = ? WHERE entity = ?", [target, alias_key])
        # the alias's own claims, and those an earlier merge of the same alias sent elsewhere
        ids = [r[0] for r in db.execute("SELECT id FROM claims WHERE (entity = ? OR subject = ?) AND entity != ?",
                                        [alias_key, alias_key, target])]
        _moving(db, ids, lambda: db.conn.executemany("UPDATE claims SET entity = ? WHERE id = ?",
                                                     [(target, cid) for cid in ids]))
        return len(ids)

    return write_retrying(db, run)


def split(db: sqlite_utils.Database, alias: str) -> int:
    """Undo a merge: claims whose subject is `alias` become their own entity again. RETURNS claims moved."""
    alias_key = entity_key(alias)

    def run(db):
        row = db.execute("SELECT entity FROM aliases WHERE alias = ?", [alias_key]).fetchone()
        if not row:
            raise KeyError(f"{alias_key} is not an alias")
        target = row[0]
        db.execute("DELETE FROM aliases WHERE alias = ?", [alias_key])
        ids = [cid for cid, subject in db.execute("SELECT id, subject FROM claims WHERE entity = ?", [target])
               if entity_key(subject) == alias_key]
        _moving(db, ids, lambda: db.conn.executemany("UPDATE claims SET entity = ? WHERE id = ?",
                                                     [(alias_key, cid) for cid in ids]))
        return len(ids)

    return write_retrying(db, run)


def aliases(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT alias, entity, created_by, created_at FROM aliases ORDER BY entity, alias"))


def entities(db: sqlite_utils.Database, search: str = "", limit: int = 50) -> list[dict]:
    """Entities with their claim counts (for pickers)."""
    return list(db.query(
        "SELECT entity, count(*) AS claims FROM claims WHERE entity LIKE ? AND stale = 0 "
        "GROUP BY entity ORDER BY claims DESC LIMIT ?", [f"%{entity_key(search) or search}%", limit]))


def same_statement(db: sqlite_utils.Database, claim_id: str) -> list[str]:
    """Ids of the claims across articles that state the same thing as this one (same entity and
    predicate, same value by `compare.value_key`): the targets of 'apply to every claim with the
    same text'."""
    c = next(db.query("SELECT entity, predicate FROM claims WHERE id = ?", [claim_id]), None)
    if c is None:
        return []
    rows = [dict(r) for r in db.query(_MEMBER_SQL, [c["entity"], c["predicate"]])]
    keys = {r["id"]: value_key(Statement.from_row(r)) for r in rows}
    return [cid for cid, key in keys.items() if key == keys.get(claim_id)]


# --- verdicts on many claims at once -----------------------------------------------------

def suggestion(group_members: list[dict]) -> dict:
    """Verdict help for a group: which claims look contradictory, and, for empty claims,
    what the other articles say (never a value from an empty claim's own article or its
    reposts). RETURNS {"contradictory": [ids], "fill": [values]}."""
    filled = {}
    empty_sources = {m["source"] for m in group_members if m["empty"]}
    for m in group_members:
        if not m["empty"] and m["source"] not in empty_sources:
            filled.setdefault(display_value(m["value"], m["qualifier"]), set()).add(m["source"])
    return {"contradictory": [m["id"] for m in group_members if m["conflict"]],
            "fill": [{"value": v, "sources": len(s)} for v, s in filled.items()]}


def apply_verdict(db: sqlite_utils.Database, claim_ids: list[str], verdict: str, reviewer: str,
                  note: str = "", evidence: str = "") -> int:
    """One verdict on many claims, in one transaction; each claim gets its own history row."""
    from .models import Verdict
    from .storage import add_verdicts

    return len(add_verdicts(db, [Verdict(cid, verdict, reviewer, note, evidence) for cid in claim_ids]))


def group_claim_ids(db: sqlite_utils.Database, entity: str, predicate: str) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM claims WHERE entity = ? AND predicate = ? AND stale = 0",
                                     [entity, predicate])]

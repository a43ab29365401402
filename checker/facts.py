"""Facts across articles: claims grouped by (entity, predicate), compared, and kept in the
`fact_groups` table so that pages and the CLI query a few rows, not a million claims.

Entities are resolved through folding (掌眾金融 = 掌众金融), descriptor stripping
(利信金融平台 = 利信金融) and the editable alias list. Near-duplicate articles share a
`source_group`, so five copies of one article count as one independent source.
The comparison rules live in `compare.py`.
"""
from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

import sqlite_utils

from . import dedup
from .compare import STATUSES, Statement, status, value_key
from .entities import clean_entity
from .normalize import fold

#: Predicates that are not compared across articles: every article has its own.
NOT_COMPARED = ("publication_time", "event_time")


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


# --- near-duplicate sources ----------------------------------------------------------

def assign_source(db: sqlite_utils.Database, article_id: str, body: str) -> str:
    """Store the article's MinHash, find near-duplicates through the band index, and give it
    (and them) one source group. Runs inside the caller's transaction. RETURNS the group."""
    sig = dedup.signature(body)
    keys = dedup.bands(sig)
    marks = ",".join("?" * len(keys))
    candidates = [r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM article_bands WHERE key IN ({marks}) AND article_id != ?",
        [*keys, article_id])]
    groups = set()
    for cid in candidates:
        row = db.execute("SELECT minhash, source_group FROM articles WHERE id = ?", [cid]).fetchone()
        if row and row[0] and dedup.similarity(sig, dedup.from_blob(row[0])) >= dedup.THRESHOLD:
            groups.add(row[1] or cid)
    group = min(groups) if groups else article_id  # an existing group keeps its id
    if len(groups) > 1:
        marks2 = ",".join("?" * len(groups))
        db.execute(f"UPDATE articles SET source_group = ? WHERE source_group IN ({marks2})", [group, *groups])
    db.execute("UPDATE articles SET minhash = ?, source_group = ? WHERE id = ?", [dedup.to_blob(sig), group, article_id])
    db.execute("DELETE FROM article_bands WHERE article_id = ?", [article_id])
    db.conn.executemany("INSERT INTO article_bands (key, article_id) VALUES (?, ?)", [(k, article_id) for k in keys])
    return group


# --- fact groups -----------------------------------------------------------------------

_MEMBER_SQL = """
    SELECT c.id, c.article_id, c.kind, c.empty, c.number, c.number_max, c.unit, c.qualifier, c.date, c.value,
           c.as_of, c.text, c.subject, c.start, c."end", c.sentence_start, c.sentence_end, c.verdict, c.flags,
           a.name AS article, a.title, a.published, coalesce(a.source_group, a.id) AS source
    FROM claims c JOIN articles a ON a.id = c.article_id
    WHERE c.entity = ? AND c.predicate = ? AND c.stale = 0
    ORDER BY coalesce(c.as_of, ''), a.published, c.article_id, c.position"""


def members(db: sqlite_utils.Database, entity: str, predicate: str, limit: int | None = None) -> list[dict]:
    """The claims of one fact group with their article, oldest as_of first, each marked `conflict`
    when it disagrees with another statement about the same time. With `limit`, only the first
    claims are returned, each with its `sentence` text (for display, without the article's text)."""
    rows = [dict(r) for r in db.query(_MEMBER_SQL, [entity, predicate])]
    _, conflicting = status([Statement.from_row(r) for r in rows])
    if limit is not None:
        rows = rows[:limit]
        for r in rows:
            r["sentence"] = db.execute("SELECT substr(text, ? + 1, ? - ?) FROM articles WHERE id = ?",
                                       [r["sentence_start"], r["sentence_end"], r["sentence_start"],
                                        r["article_id"]]).fetchone()[0]
    for r in rows:
        r["conflict"] = r["id"] in conflicting
        r["empty"] = bool(r["empty"])
        r["flags"] = json.loads(r["flags"] or "[]")
    return rows


_QUALIFIER_SHOWN = {"over": "超过", "under": "不到", "about": "约"}
_QUALIFIER_WRITTEN = re.compile(r"^(超|逾|近|约|大约|将近|接近|不到|不足|高达|至少|突破|快)|(多|余|以上|以下|左右|上下)")


def display_value(value: str, qualifier: str | None, empty: bool = False) -> str:
    """A value as a reviewer reads it: `1億元` stated as 已经超过了1億元 shows as `超过1億元`."""
    if empty:
        return "(empty)"
    shown = _QUALIFIER_SHOWN.get(qualifier or "")
    if shown and not _QUALIFIER_WRITTEN.search(fold(value or "")):
        return shown + value
    return value


def _summary(rows: list[dict]) -> list[dict]:
    """Distinct values of a group with how many independent sources state each."""
    by_value: dict[tuple, dict] = {}
    for r in rows:
        key = value_key(Statement.from_row(r))
        v = by_value.setdefault(key, {"value": display_value(r["value"], r["qualifier"], r["empty"]), "as_of": set(),
                                      "sources": set(), "claims": 0})
        v["sources"].add(r["source"])
        v["claims"] += 1
        if r["as_of"]:
            v["as_of"].add(r["as_of"])
    return [{"value": v["value"], "as_of": sorted(v["as_of"]), "sources": len(v["sources"]), "claims": v["claims"]}
            for v in by_value.values()]


def refresh(db: sqlite_utils.Database, keys: Iterable[tuple[str, str]] | None = None) -> int:
    """Recompute the fact groups for (entity, predicate) keys, or all of them.

    Runs inside the caller's transaction when there is one. RETURNS groups written.
    """
    marks = ",".join("?" * len(NOT_COMPARED))
    if keys is None:
        db.execute("DELETE FROM fact_groups")
        keys = [(r[0], r[1]) for r in db.execute(
            f"SELECT DISTINCT entity, predicate FROM claims WHERE stale = 0 AND predicate NOT IN ({marks}) "
            "AND entity IS NOT NULL AND entity != ''", list(NOT_COMPARED))]
    n = 0
    from .storage import now

    for entity, predicate in set(keys):
        if predicate in NOT_COMPARED or not entity:
            continue
        rows = [dict(r) for r in db.query(_MEMBER_SQL, [entity, predicate])]
        if not rows:
            db.execute("DELETE FROM fact_groups WHERE entity = ? AND predicate = ?", [entity, predicate])
            continue
        st, conflicting = status([Statement.from_row(r) for r in rows])
        db.execute(
            """INSERT OR REPLACE INTO fact_groups (entity, predicate, status, rank, n_claims, n_articles, n_sources,
                   n_empty, n_conflicting, summary, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [entity, predicate, st, STATUSES.index(st), len(rows), len({r["article_id"] for r in rows}),
             len({r["source"] for r in rows}), sum(bool(r["empty"]) for r in rows), len(conflicting),
             json.dumps(_summary(rows), ensure_ascii=False), now()])
        n += 1
    return n


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

def _keys_of(db: sqlite_utils.Database, entity: str) -> list[tuple[str, str]]:
    return [(entity, r[0]) for r in db.execute("SELECT DISTINCT predicate FROM claims WHERE entity = ?", [entity])]


def merge(db: sqlite_utils.Database, alias: str, into: str, by: str = "") -> int:
    """Treat `alias` as the same entity as `into` from now on. RETURNS claims moved."""
    from .storage import now, write_retrying

    alias_key, target = entity_key(alias), canonical_entity(db, into)
    if not alias_key or not target or alias_key == target:
        raise ValueError("merge needs two different entity names")

    def run(db):
        db.execute("INSERT OR REPLACE INTO aliases (alias, entity, created_by, created_at) VALUES (?, ?, ?, ?)",
                   [alias_key, target, by, now()])
        db.execute("UPDATE aliases SET entity = ? WHERE entity = ?", [target, alias_key])
        # the alias's own claims, and those an earlier merge of the same alias sent elsewhere
        rows = db.execute("SELECT id, entity, predicate FROM claims WHERE (entity = ? OR subject = ?) AND entity != ?",
                          [alias_key, alias_key, target]).fetchall()
        db.conn.executemany("UPDATE claims SET entity = ? WHERE id = ?", [(target, r[0]) for r in rows])
        refresh(db, [(r[1], r[2]) for r in rows] + _keys_of(db, target))
        return len(rows)

    return write_retrying(db, run)


def split(db: sqlite_utils.Database, alias: str) -> int:
    """Undo a merge: claims whose subject is `alias` become their own entity again. RETURNS claims moved."""
    from .storage import write_retrying

    alias_key = entity_key(alias)

    def run(db):
        row = db.execute("SELECT entity FROM aliases WHERE alias = ?", [alias_key]).fetchone()
        if not row:
            raise KeyError(f"{alias_key} is not an alias")
        target = row[0]
        db.execute("DELETE FROM aliases WHERE alias = ?", [alias_key])
        moved = 0
        for cid, subject in db.execute("SELECT id, subject FROM claims WHERE entity = ?", [target]).fetchall():
            if entity_key(subject) == alias_key:
                db.execute("UPDATE claims SET entity = ? WHERE id = ?", [alias_key, cid])
                moved += 1
        refresh(db, _keys_of(db, target) + _keys_of(db, alias_key))
        return moved

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
    what the other articles say. RETURNS {"contradictory": [ids], "fill": [values]}."""
    filled = {}
    for m in group_members:
        if not m["empty"]:
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

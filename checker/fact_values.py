"""Fact groups kept up to date by deltas: what each claim adds to its group is tallied in
`fact_values`, so an ingest touches a few rows per claim whatever the size of the group.

Three levels of rows per (entity, predicate):

- level 0, the group: claims, independent sources, articles, empty claims;
- level 1, a value whatever the time (`compare.value_key`): claims, sources, and the value
  as the first statement in review order writes it (the `summary` of the group);
- level 2, a pool, a value at one `as_of` (`compare.signature`): claims, sources, the one
  source when there is one, and whether every claim comes from one sentence. The status
  rules (`compare.pool_status`) read only these.

Sources are counted exactly through `fact_sources` (claims per row and source). A claim is
described by a `Contribution`; applying the difference between an article's contributions
before and after a change keeps every count exact. The two things a removal cannot undo (the
first statement of a value, the one sentence of a pool) are re-read from the claims of that
value only, which happens when an article changes or moves, never when one is added.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Iterable, Iterator, NamedTuple

import sqlite_utils

from .compare import STATUSES, Pool, Statement, pool_status, value_key
from .normalize import fold
from .storage import now

#: Predicates that are not compared across articles: every article has its own.
NOT_COMPARED = ("publication_time", "event_time")
GROUP, VALUE, POOL = 0, 1, 2

_CLAIM_SQL = """
    SELECT c.id, c.article_id, c.position, c.entity, c.predicate, c.kind, c.empty, c.number, c.number_max, c.unit,
           c.qualifier, c.date, c.value, c.as_of, c.sentence_start, a.published,
           coalesce(a.source_group, a.id) AS source
    FROM claims c JOIN articles a ON a.id = c.article_id
    WHERE c.stale = 0 AND c.entity IS NOT NULL AND c.entity != ''
      AND c.predicate NOT IN ('publication_time', 'event_time')"""


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


class Contribution(NamedTuple):
    """What one claim adds to its fact group."""

    entity: str
    predicate: str
    vkey: str      # compare.value_key, as JSON
    as_of: str
    source: str
    article_id: str
    sentence: str  # article:sentence start
    order: str     # where the claim stands in review order (as_of, published, article, position)
    shown: str     # the value as a reviewer reads it
    fields: str    # the statement's fields, as JSON (a pool's representative)
    empty: bool

    @classmethod
    def of(cls, row: dict) -> Contribution:
        s = Statement.from_row(row)
        published = row.get("published")
        order = "\x1f".join([row.get("as_of") or "", "0" if published is None else "1" + published,
                             row["article_id"], f"{row['position']:08d}"])
        fields = [s.kind, s.empty, s.number, s.number_max, s.unit, s.qualifier, s.date, s.value]
        return cls(row["entity"], row["predicate"], json.dumps(value_key(s), ensure_ascii=False), s.as_of or "",
                   s.source, row["article_id"], s.sentence, order,
                   display_value(row["value"] or "", row.get("qualifier"), bool(row["empty"])),
                   json.dumps(fields, ensure_ascii=False), s.empty)


def compared(row: dict) -> bool:
    return bool(row.get("entity")) and row["predicate"] not in NOT_COMPARED


def _dicts(db: sqlite_utils.Database, sql: str, args: list) -> Iterator[dict]:
    cur = db.conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return (dict(zip(names, r)) for r in cur)


def contributions(db: sqlite_utils.Database, article_ids: Iterable[str]) -> Counter:
    """The contributions of these articles' current claims, as the database holds them."""
    ids = list(dict.fromkeys(article_ids))
    out: Counter = Counter()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = _CLAIM_SQL + f" AND c.article_id IN ({','.join('?' * len(chunk))})"
        out.update(Contribution.of(r) for r in _dicts(db, sql, chunk))
    return out


class Changes:
    """Contributions removed and added by one write transaction, applied together, and the
    articles that join or leave each group (an article counts once however many claims it has)."""

    def __init__(self):
        self.removed: Counter = Counter()
        self.added: Counter = Counter()
        self.articles: Counter = Counter()  # (entity, predicate) -> articles gained (negative: lost)

    def diff(self, before: Counter, after: Counter) -> None:
        """Record a change of some articles' contributions: only what differs is applied."""
        self.removed.update(before - after)
        self.added.update(after - before)
        had = {(c.entity, c.predicate, c.article_id) for c in before}
        has = {(c.entity, c.predicate, c.article_id) for c in after}
        self.articles.update((e, p) for e, p, _ in has - had)
        self.articles.subtract((e, p) for e, p, _ in had - has)

    def extend(self, other: Changes) -> None:
        self.removed.update(other.removed)
        self.added.update(other.added)
        self.articles.update(other.articles)

    def __bool__(self):
        return bool(self.removed or self.added)


def apply(db: sqlite_utils.Database, changes: Changes) -> set[tuple[str, str]]:
    """Apply the changes to the tallies and rewrite the status of every group they touch.
    Runs inside the caller's transaction. RETURNS the (entity, predicate) keys touched."""
    removed, added = changes.removed - changes.added, changes.added - changes.removed
    dirty: set[int] = set()
    seen: set[int] = set()
    _apply(db, removed, -1, dirty, seen)
    _apply(db, added, +1, dirty, seen)
    for (entity, predicate), n in changes.articles.items():
        if n:
            db.execute("UPDATE fact_values SET n_articles = n_articles + ? WHERE entity = ? AND predicate = ? "
                       "AND level = 0", [n, entity, predicate])
    for value_id in dirty:
        _repair(db, value_id)
    for ids in _chunks(sorted(seen)):  # rows left with no claim go
        db.execute(f"DELETE FROM fact_values WHERE n_claims <= 0 AND id IN ({','.join('?' * len(ids))})", ids)
    touched = {(c.entity, c.predicate) for c in (removed + added)}
    at = now()
    for entity, predicate in touched:
        write_group(db, entity, predicate, at)
    return touched


def _keys(c: Contribution) -> tuple[tuple, tuple, tuple]:
    return ((c.entity, c.predicate, GROUP, "", ""), (c.entity, c.predicate, VALUE, c.vkey, ""),
            (c.entity, c.predicate, POOL, c.vkey, c.as_of))


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_BUMP = """UPDATE fact_values SET n_claims = n_claims + ?, n_empty = n_empty + ?,
        n_sentence = n_sentence + (CASE WHEN sentence = ? THEN ? ELSE 0 END),
        shown = CASE WHEN ? < rep_order THEN ? ELSE shown END, rep_order = min(rep_order, ?)
    WHERE entity = ? AND predicate = ? AND level = ? AND vkey = ? AND as_of = ?
    RETURNING id, n_claims, rep_order, n_sentence"""
_COUNT_SOURCE = """INSERT INTO fact_sources (value_id, source, n) VALUES (?, ?, ?)
    ON CONFLICT (value_id, source) DO UPDATE SET n = n + excluded.n RETURNING n"""


def _apply(db: sqlite_utils.Database, contribs: Counter, sign: int, dirty: set[int], seen: set[int]) -> None:
    """Add (sign 1) or take away (-1) contributions: one statement per row touched and one per
    (row, source); `fact_sources` triggers keep each row's count of sources. A row left with no
    claim stays (at 0) until the end of `apply`, so that a value removed and added again in one
    transaction keeps its row."""
    conn = db.conn
    rows: dict[tuple, list[Contribution]] = {}
    for c, k in contribs.items():
        for key in _keys(c):
            rows.setdefault(key, []).extend([c] * k)
    for key, cs in rows.items():
        entity, predicate, level, vkey, as_of = key
        first = min(cs, key=lambda c: c.order)
        n_empty = sum(1 for c in cs if c.empty) if level == GROUP else 0
        sentences = Counter(c.sentence for c in cs)
        if level == GROUP:
            sentence, same = "", 0
        elif len(sentences) == 1:
            sentence, same = first.sentence, len(cs)
        else:  # claims of several sentences: count those of the row's anchor
            anchor = conn.execute("SELECT sentence FROM fact_values WHERE entity = ? AND predicate = ? AND level = ? "
                                  "AND vkey = ? AND as_of = ?", list(key)).fetchone()
            sentence = anchor[0] if anchor else first.sentence
            same = sentences[sentence]
        rep_order = first.order if sign > 0 and level != GROUP else "\uffff"
        row = conn.execute(_BUMP, [sign * len(cs), sign * n_empty, sentence, sign * same, rep_order, first.shown,
                                   rep_order, *key]).fetchone()
        if row is None:
            if sign < 0:
                raise RuntimeError(f"fact tallies out of step for {entity} {predicate}: run facts --refresh")
            rep = (None, None, None, None) if level == GROUP else (first.fields, first.shown, first.order, first.sentence)
            cur = conn.execute(
                "INSERT INTO fact_values (entity, predicate, level, vkey, as_of, fields, n_claims, n_sources, "
                "n_articles, n_empty, shown, rep_order, sentence, n_sentence) VALUES (?,?,?,?,?,?,?,0,0,?,?,?,?,?)",
                [*key, rep[0], len(cs), n_empty, *rep[1:], sentences[first.sentence] if level != GROUP else 0])
            row = (cur.lastrowid, len(cs), first.order, 1)
        value_id, n_claims, row_order, n_sentence = row
        seen.add(value_id)
        for source, k in Counter(c.source for c in cs).items():
            n = conn.execute(_COUNT_SOURCE, [value_id, source, sign * k]).fetchone()[0]
            if n < 0:
                raise RuntimeError(f"fact tallies out of step for {entity} {predicate}: run facts --refresh")
            if n == 0:
                conn.execute("DELETE FROM fact_sources WHERE value_id = ? AND source = ?", [value_id, source])
        if level != GROUP and sign < 0 and (n_sentence <= 0 or any(c.order == row_order for c in cs)):
            dirty.add(value_id)  # the first statement or the anchor sentence went: read the claims again


def claims_of(db: sqlite_utils.Database, entity: str, predicate: str, vkey: str | None = None,
              as_of: str | None = None) -> list[Contribution]:
    """The contributions of a group's current claims, optionally of one value (and time)."""
    number = json.loads(vkey)[2] if vkey else None
    sql = _CLAIM_SQL + " AND c.entity = ? AND c.predicate = ?"
    args: list = [entity, predicate]
    if vkey:
        sql += " AND c.number IS ?"
        args.append(number)
    out = [Contribution.of(r) for r in db.query(sql, args)]
    return [c for c in out if (vkey is None or c.vkey == vkey) and (as_of is None or c.as_of == as_of)]


def level_claims(db: sqlite_utils.Database, value_id: int) -> int:
    return db.execute("SELECT n_claims FROM fact_values WHERE id = ?", [value_id]).fetchone()[0]


def _repair(db: sqlite_utils.Database, value_id: int) -> None:
    row = db.execute("SELECT entity, predicate, level, vkey, as_of FROM fact_values WHERE id = ?",
                     [value_id]).fetchone()
    if row is None or level_claims(db, value_id) == 0:
        return
    entity, predicate, level, vkey, as_of = row
    cs = claims_of(db, entity, predicate, vkey, as_of if level == POOL else None)
    if not cs:
        return
    first = min(cs, key=lambda c: c.order)
    sentences = Counter(c.sentence for c in cs)
    anchor = first.sentence
    db.execute("UPDATE fact_values SET shown = ?, rep_order = ?, sentence = ?, n_sentence = ? WHERE id = ?",
               [first.shown, first.order, anchor, sentences[anchor], value_id])


def _group_rows(db: sqlite_utils.Database, entity: str, predicate: str) -> list[dict]:
    cur = db.conn.execute("SELECT * FROM fact_values WHERE entity = ? AND predicate = ? ORDER BY level, id",
                          [entity, predicate])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def pools(db: sqlite_utils.Database, entity: str, predicate: str, rows: list[dict] | None = None
          ) -> list[tuple[dict, Pool]]:
    """A group's pools, each with its row, as `compare.pool_status` reads them."""
    out = []
    for r in rows if rows is not None else _group_rows(db, entity, predicate):
        if r["level"] != POOL or r["n_claims"] <= 0:
            continue
        kind, empty, number, number_max, unit, qualifier, date, value = json.loads(r["fields"])
        rep = Statement("", "", kind, bool(empty), number, number_max, unit, qualifier, date, value,
                        r["as_of"] or None)
        source = None
        if r["n_sources"] == 1:
            source = db.conn.execute("SELECT source FROM fact_sources WHERE value_id = ? LIMIT 1",
                                     [r["id"]]).fetchone()[0]
        one_sentence = r["sentence"] if r["n_sentence"] == r["n_claims"] else None
        out.append((r, Pool(rep, r["n_sources"], source, one_sentence)))
    return out


def write_group(db: sqlite_utils.Database, entity: str, predicate: str, at: str = "") -> None:
    """Rewrite one group's row in `fact_groups` from its tallies (a few rows)."""
    rows = [r for r in _group_rows(db, entity, predicate) if r["n_claims"] > 0]
    if not rows or rows[0]["level"] != GROUP:
        db.conn.execute("DELETE FROM fact_groups WHERE entity = ? AND predicate = ?", [entity, predicate])
        return
    group = rows[0]
    ps = pools(db, entity, predicate, rows)
    st, conflicting = pool_status([p for _, p in ps])
    times: dict[str, set] = {}
    for r, _ in ps:
        if r["as_of"]:
            times.setdefault(r["vkey"], set()).add(r["as_of"])
    values = sorted((r for r in rows if r["level"] == VALUE), key=lambda r: r["rep_order"])
    summary = [{"value": v["shown"], "as_of": sorted(times.get(v["vkey"], ())), "sources": v["n_sources"],
                "claims": v["n_claims"]} for v in values]
    db.conn.execute(
        """INSERT OR REPLACE INTO fact_groups (entity, predicate, status, rank, n_claims, n_articles, n_sources,
               n_empty, n_conflicting, summary, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [entity, predicate, st, STATUSES.index(st), group["n_claims"], group["n_articles"], group["n_sources"],
         group["n_empty"], sum(ps[i][0]["n_claims"] for i in conflicting), json.dumps(summary, ensure_ascii=False),
         at or now()])


def conflicting_values(db: sqlite_utils.Database, entity: str, predicate: str) -> set[tuple[str, str]]:
    """(value key, as_of) of the pools in conflict: a member is in conflict when its pool is."""
    ps = pools(db, entity, predicate)
    _, conflicting = pool_status([p for _, p in ps])
    return {(ps[i][0]["vkey"], ps[i][0]["as_of"]) for i in conflicting}


def rebuild(db: sqlite_utils.Database) -> int:
    """Recompute every tally and group from the claims (the repair behind `facts --refresh`).
    RETURNS groups written."""
    db.execute("DELETE FROM fact_values")
    db.execute("DELETE FROM fact_sources")
    db.execute("DELETE FROM fact_groups")
    db.execute("DELETE FROM fact_rebuild")
    changes = Changes()
    changes.diff(Counter(), Counter(Contribution.of(r) for r in db.query(_CLAIM_SQL)))
    return len(apply(db, changes))

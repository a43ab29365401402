"""Fact groups kept up to date by deltas: what each claim adds to its group is tallied in
`fact_values`, so an ingest touches a few rows per claim whatever the size of the group.

Three levels of rows per (entity, predicate):

- level 0, the group: claims, independent sources, articles, empty claims;
- level 1, a value whatever the time (`compare.value_key`): claims, sources, and the value
  as the first statement in review order writes it (the `summary` of the group);
- level 2, a pool, a value at one `as_of` (`compare.signature`): claims, sources, the one
  source when there is one, and whether every claim comes from one sentence. The status
  rules (`compare.pool_status`) read only these.

Sources are counted exactly through `fact_sources` (claims per source and row, ordered by source: an
article's are together). A claim is
described by a `Contribution`; applying the difference between an article's contributions
before and after a change keeps every count exact. The two things a removal cannot undo (the
first statement of a value, the one sentence of a pool) are re-read from the claims of that
value only, which happens when an article changes or moves, never when one is added.
"""
from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from dataclasses import replace
from typing import Iterable, Iterator, NamedTuple

import sqlite_utils

from .compare import STATUSES, Pool, Statement, compare_pools, corroborated, group_status, relation, value_key
from .normalize import fold
from .predicates import GENERIC
from .storage import now

#: Predicates that are not compared across articles: every article has its own, or they are too
#: generic to name one fact (`predicates.GENERIC`).
NOT_COMPARED = ("publication_time", "event_time", *sorted(GENERIC))
GROUP, VALUE, POOL = 0, 1, 2

_CLAIM_SQL = """
    SELECT c.id, c.article_id, c.position, c.entity, c.predicate, c.kind, c.empty, c.number, c.number_max, c.unit,
           c.qualifier, c.date, c.value, c.as_of, c.sentence_start, a.published,
           coalesce(a.source_group, a.id) AS source
    FROM claims c JOIN articles a ON a.id = c.article_id
    WHERE c.stale = 0 AND c.entity IS NOT NULL AND c.entity != ''
      AND c.predicate NOT IN (""" + ", ".join(f"'{p}'" for p in NOT_COMPARED) + ")"


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
    events: dict[tuple[str, str], list[tuple[int, str]]] = {}
    articles = {k: n for k, n in changes.articles.items() if n}  # counted with the group row when it grows
    group_ids: dict[tuple[str, str], int] = {}
    counts: dict[tuple[str, str], list[int]] = {}
    _apply(db, removed, -1, dirty, seen, events, group_ids, counts)
    _apply(db, added, +1, dirty, seen, events, group_ids, counts, articles)
    for (entity, predicate), n in articles.items():
        db.execute("UPDATE fact_values SET n_articles = n_articles + ? WHERE entity = ? AND predicate = ? "
                   "AND level = 0", [n, entity, predicate])
    db.conn.executemany("UPDATE fact_values SET n_values = n_values + ?, n_conflicting = n_conflicting + ? WHERE id = ?",
                        [(values, claims, group_ids[key]) for key, (values, claims) in counts.items()
                         if (values or claims) and key in group_ids])
    for value_id in dirty:
        _repair(db, value_id)
    for ids in _chunks(sorted(seen)):  # rows left with no claim go
        db.execute(f"DELETE FROM fact_values WHERE n_claims <= 0 AND id IN ({','.join('?' * len(ids))})", ids)
    shrunk = {(c.entity, c.predicate) for c in removed}
    touched = shrunk | {(c.entity, c.predicate) for c in added}
    # the rows every group's status is read from, in a few statements for the whole transaction
    rows = _by_id(db, [*group_ids.values(), *(v for evs in events.values() for v, _ in evs)])
    at = now()
    for key in touched:
        group = rows.get(group_ids.get(key))
        if group is None or group["n_claims"] <= 0:
            group = None
        if key in shrunk or not _advance(db, *key, events.get(key, []), group, rows):
            settle(db, *key, group)
        write_group(db, *key, at, group)
    return touched


def _by_id(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, dict]:
    """fact_values rows by id."""
    out: dict[int, dict] = {}
    for chunk in _chunks(sorted(set(ids))):
        out.update((r["id"], r) for r in _dicts(db, f"SELECT * FROM fact_values WHERE id IN ({','.join('?' * len(chunk))})",
                                                chunk))
    return out


def _keys(c: Contribution) -> tuple[tuple, tuple, tuple]:
    return ((c.entity, c.predicate, GROUP, "", ""), (c.entity, c.predicate, VALUE, c.vkey, ""),
            (c.entity, c.predicate, POOL, c.vkey, c.as_of))


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_BUMP = """UPDATE fact_values SET n_claims = n_claims + ?, n_empty = n_empty + ?,
        n_sentence = n_sentence + (CASE WHEN sentence = ? THEN ? ELSE 0 END)
    WHERE entity = ? AND predicate = ? AND level = ? AND vkey = ? AND as_of = ?
    RETURNING id, n_claims, rep_order, n_sentence, sentence, n_sources, source, conflicts"""
_ADD = """INSERT INTO fact_values (entity, predicate, level, vkey, as_of, fields, n_claims, n_sources, n_articles,
        n_empty, shown, rep_order, sentence, n_sentence) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (entity, predicate, level, vkey, as_of) DO UPDATE SET n_claims = n_claims + excluded.n_claims,
        n_articles = n_articles + excluded.n_articles, n_empty = n_empty + excluded.n_empty,
        n_sentence = n_sentence + (CASE WHEN sentence = ? THEN ? ELSE 0 END)
    RETURNING id, n_claims, rep_order, n_sentence, sentence, n_sources, source, conflicts"""
#: A value's first statement, set apart from the upsert: an UPDATE that names an indexed column rewrites
#: its index entry even when the value stays (here `fact_values_order`, on every claim counted).
_FIRST = "UPDATE fact_values SET rep_order = ?, shown = ? WHERE id = ?"
_ADD_SOURCE = """INSERT INTO fact_sources (value_id, source, n) VALUES (?, ?, ?)
    ON CONFLICT (value_id, source) DO UPDATE SET n = n + excluded.n"""
_TAKE_SOURCE = _ADD_SOURCE + " RETURNING n"  # (a negative n) what the count is left at


def _apply(db: sqlite_utils.Database, contribs: Counter, sign: int, dirty: set[int], seen: set[int],
           events: dict, group_ids: dict, counts: dict, articles: dict | None = None) -> None:
    """Add (sign 1) or take away (-1) contributions: one statement per row touched, and the counts per
    (row, source) in one statement (adding) or one each (taking away, to see a count reach 0);
    `fact_sources` triggers keep each row's count of sources. A row left with no
    claim stays (at 0) until the end of `apply`, so that a value removed and added again in one
    transaction keeps its row. `events` gets, per group, the pools that are new ("new"), that lost
    their one sentence ("mixed") or that grew ("grew"), for `_advance`; `group_ids` each group's row id;
    `counts` per group the change of its values with claims and of the claims in pools in conflict (kept
    on the group's row, so that its summary never counts the group's rows).
    Adding, a row is one upsert, and a group row takes its change of `articles` (popped) with it."""
    conn = db.conn
    added: list[tuple[int, str, int]] = []  # (row, source, claims) counted when adding
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
        if sign > 0:  # a new row as the first claims make it, or the existing one bumped
            rep = ((None, None, None, None) if level == GROUP else (first.fields, None, None, first.sentence)
                   if level == POOL else (first.fields, first.shown, first.order, first.sentence))
            n_articles = articles.pop((entity, predicate), 0) if level == GROUP and articles else 0
            row = conn.execute(_ADD, [*key, rep[0], len(cs), n_articles, n_empty, *rep[1:],
                                      sentences[first.sentence] if level != GROUP else 0,
                                      sentence, same]).fetchone()
            if level == VALUE and row[2] is not None and rep_order < row[2]:  # an earlier first statement
                conn.execute(_FIRST, [rep_order, first.shown, row[0]])
                row = (*row[:2], rep_order, *row[3:])
        else:
            row = conn.execute(_BUMP, [-len(cs), -n_empty, sentence, -same, *key]).fetchone()
            if row is None:
                raise RuntimeError(f"fact tallies out of step for {entity} {predicate}: run facts --refresh")
        value_id, n_claims, row_order, n_sentence, anchor, old_sources, old_source, conflicts = row
        if level == GROUP:
            group_ids[(entity, predicate)] = value_id
        elif level == VALUE and (n_claims <= 0) != (n_claims - sign * len(cs) <= 0):  # a value appears or goes
            counts.setdefault((entity, predicate), [0, 0])[0] += 1 if n_claims > 0 else -1
        elif level == POOL and conflicts:
            counts.setdefault((entity, predicate), [0, 0])[1] += sign * len(cs)
        same = sentences.get(anchor, 0) if level != GROUP else 0  # what the row's own anchor counted
        seen.add(value_id)
        gone = 0  # sources this row no longer has
        sources = Counter(c.source for c in cs)
        if sign > 0:  # adding never empties a count: all in one statement, after
            added.extend((value_id, source, k) for source, k in sources.items())
        else:
            for source, k in sources.items():
                n = conn.execute(_TAKE_SOURCE, [value_id, source, -k]).fetchone()[0]
                if n < 0:
                    raise RuntimeError(f"fact tallies out of step for {entity} {predicate}: run facts --refresh")
                if n == 0:
                    conn.execute("DELETE FROM fact_sources WHERE value_id = ? AND source = ?", [value_id, source])
                    gone += 1
        if level != GROUP and sign < 0 and (n_sentence <= 0 or any(c.order == row_order for c in cs) or (
                level == POOL and old_sources - gone == 1)):
            dirty.add(value_id)  # the first statement, the anchor sentence or a pool's one source: read the claims again
        if level == POOL and sign > 0:  # what the pool was before, for _advance (sources: counted after this)
            before = n_claims - len(cs)
            was = None if before <= 0 else {"n_sources": old_sources, "source": old_source,
                                              "sentence": anchor if n_sentence - same == before else None}
            events.setdefault((entity, predicate), []).append((value_id, was))
    conn.executemany(_ADD_SOURCE, added)


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
    shown = (first.shown, first.order) if level == VALUE else (None, None)  # only a value shows its first statement
    sources = {c.source for c in cs}
    source = next(iter(sources)) if level == POOL and len(sources) == 1 else None  # a pool's one source
    db.execute("UPDATE fact_values SET shown = ?, rep_order = ?, sentence = ?, n_sentence = ?, source = ? WHERE id = ?",
               [*shown, anchor, sentences[anchor], source, value_id])


def _pool(db: sqlite_utils.Database, r: dict) -> Pool:
    kind, empty, number, number_max, unit, qualifier, date, value = json.loads(r["fields"])
    rep = Statement("", "", kind, bool(empty), number, number_max, unit, qualifier, date, value, r["as_of"] or None)
    return Pool(rep, r["n_sources"], r["source"] if r["n_sources"] == 1 else None, r["sentence"] if r["n_sentence"] == r["n_claims"] else None)


def _pools(db: sqlite_utils.Database, entity: str, predicate: str, where: str = "", args: Iterable = ()) -> list[dict]:
    return list(_dicts(db, "SELECT * FROM fact_values WHERE entity = ? AND predicate = ? AND level = 2 "
                           f"AND n_claims > 0 {where} ORDER BY id", [entity, predicate, *args]))


def settle(db: sqlite_utils.Database, entity: str, predicate: str, group: dict | None = None) -> None:
    """Compare every pair of a group's pools: which are in conflict with another, and whether any
    pair changed over time or corroborates. For a group that lost claims (adding never needs it).
    group (dict): the group's row, if read already (kept in step)."""
    rows = _pools(db, entity, predicate)
    conflicting, changed, corroboration = compare_pools([_pool(db, r) for r in rows])
    for i, r in enumerate(rows):
        if r["conflicts"] != int(i in conflicting):
            db.conn.execute("UPDATE fact_values SET conflicts = ? WHERE id = ?", [int(i in conflicting), r["id"]])
    kept = {"changed": int(changed), "corroborated": int(corroboration), "n_conflict_pools": len(conflicting),
            "n_conflicting": sum(rows[i]["n_claims"] for i in conflicting)}
    db.conn.execute(f"UPDATE fact_values SET {', '.join(f'{k} = ?' for k in kept)} WHERE entity = ? AND predicate = ? "
                    "AND level = 0", [*kept.values(), entity, predicate])
    if group is not None:
        group.update(kept)


def _same_time(db: sqlite_utils.Database, entity: str, predicate: str, as_of: str, conflicts: int) -> Iterator[dict]:
    """The pools of a group about the same time as `as_of` (no time, a prefix of it, or within it)
    that are in conflict (1) or not (0): an index range (`fact_values_time`), read lazily (a caller
    may stop at the first that answers its question)."""
    sql = "SELECT * FROM fact_values WHERE entity = ? AND predicate = ? AND level = 2 AND conflicts = ? AND n_claims > 0"
    if not as_of:
        return _dicts(db, sql, [entity, predicate, conflicts])
    prefixes = ["", *(as_of[:k] for k in range(1, len(as_of) + 1))]  # no time, or one that holds as_of
    return itertools.chain(  # two index ranges (SQLite would scan the group's pools for the OR of both)
        _dicts(db, sql + f" AND as_of IN ({','.join('?' * len(prefixes))})", [entity, predicate, conflicts, *prefixes]),
        _dicts(db, sql + " AND as_of > ? AND as_of < ?", [entity, predicate, conflicts, as_of, as_of + "\uffff"]))


def _advance(db: sqlite_utils.Database, entity: str, predicate: str, events: list[tuple[int, dict | None]],
             group: dict | None, rows: dict[int, dict]) -> bool:
    """Bring a group's status forward after claims were only added. Each new pool, and each pool whose
    sources or sentences changed what it can say, is compared with the pools about the same time (an
    index range, not the whole group) for conflicts; whether a pair changed over time or corroborates
    is looked for only while no conflict or empty claim outranks it (adding claims never removes
    one). group (dict): the group's row (None: it has no claims left); rows: fact_values rows by id,
    the events' pools among them (their `conflicts` kept in step). RETURNS False when the group needs
    `settle` instead."""
    conn = db.conn
    if group is None:
        return True
    changed, corroboration, n_empty = group["changed"], group["corroborated"], group["n_empty"]
    was = dict(events)  # value id -> what it was (None: new)
    now_ = {v: _pool(db, rows[v]) for v in was}
    before = {v: replace(now_[v], sources=w["n_sources"], source=w["source"] if w["n_sources"] == 1 else None,
                         sentence=w["sentence"]) for v, w in was.items() if w is not None}
    moved = [v for v in before if before[v] != now_[v]]  # pools that can now say something new
    new = [v for v, w in was.items() if w is None]
    flagged = 0, 0  # pools newly in conflict, and their claims

    def mark(row: dict) -> None:
        nonlocal flagged
        if not row["conflicts"]:
            conn.execute("UPDATE fact_values SET conflicts = 1 WHERE id = ?", [row["id"]])
            row["conflicts"] = 1
            flagged = flagged[0] + 1, flagged[1] + row["n_claims"]

    for v in new + moved:  # in conflict stays in conflict while claims are only added: mark, never unmark
        mine = rows[v]["conflicts"] > 0 if v in before else False
        found = []
        for q in _same_time(db, entity, predicate, rows[v]["as_of"], 0):
            if q["id"] != v and relation(now_[v], now_.get(q["id"]) or _pool(db, q)) == "conflict":
                found.append(rows.get(q["id"], q))
        if not mine and not found:  # is it in conflict with a pool that already is?
            mine = any(q["id"] != v and relation(now_[v], now_.get(q["id"]) or _pool(db, q)) == "conflict"
                       for q in _same_time(db, entity, predicate, rows[v]["as_of"], 1))
        for u in found:
            mark(u)
        if mine or found:
            mark(rows[v])
    if flagged != (0, 0):
        group["n_conflict_pools"] += flagged[0]
        group["n_conflicting"] += flagged[1]
        conn.execute("UPDATE fact_values SET n_conflict_pools = ?, n_conflicting = ? WHERE id = ?",
                     [group["n_conflict_pools"], group["n_conflicting"], group["id"]])
    outranked = n_empty > 0 or group["n_conflict_pools"] > 0
    if outranked:  # conflict and empty claims stay while claims are only added: the rest can wait
        changed = corroboration = None
    elif changed is None or corroboration is None:
        return False
    else:
        touched = [(v, now_[v]) for v in new + moved]
        others: list = []
        if touched and not changed:
            others = [(r["id"], _pool(db, r)) for r in _pools(db, entity, predicate)]
            changed = any(relation(p, q) == "changed" for v, p in touched for u, q in others if u != v)
        if not changed and not corroboration:
            grown = [(v, now_[v]) for v in was]
            others = others or [(r["id"], _pool(db, r)) for r in _pools(db, entity, predicate)]
            corroboration = any(corroborated(p) for _, p in grown) or any(
                relation(p, q) == "corroborate" for v, p in grown for u, q in others if u != v)
        changed, corroboration = int(bool(changed)), int(bool(corroboration))
    if (changed, corroboration) != (group["changed"], group["corroborated"]):
        conn.execute("UPDATE fact_values SET changed = ?, corroborated = ? WHERE id = ?",
                     [changed, corroboration, group["id"]])
        group.update(changed=changed, corroborated=corroboration)
    return True


#: A group's summary lists its first values (in review order; `n_values` says how many there are), each
#: with its first times (`more_as_of` when it was stated about more).
SUMMARY_VALUES = 20
SUMMARY_TIMES = 5
_SUMMARY = """
    SELECT v.shown, v.n_sources, v.n_claims, (
        SELECT json_group_array(as_of) FROM (
            SELECT p.as_of FROM fact_values p WHERE p.entity = v.entity AND p.predicate = v.predicate AND p.level = 2
                AND p.vkey = v.vkey AND p.as_of != '' AND p.n_claims > 0 ORDER BY p.as_of LIMIT :times)) AS times
    FROM fact_values v WHERE v.entity = :entity AND v.predicate = :predicate AND v.level = 1 AND v.n_claims > 0
    ORDER BY v.rep_order LIMIT :values"""


_READ = object()


def write_group(db: sqlite_utils.Database, entity: str, predicate: str, at: str = "", group=_READ) -> None:
    """Rewrite one group's row in `fact_groups` from its tallies and flags (a few rows).
    group (dict | None): the group's level-0 row as it stands, if read already (None: no claims)."""
    conn = db.conn
    if group is _READ:
        group = next(_dicts(db, "SELECT * FROM fact_values WHERE entity = ? AND predicate = ? AND level = 0 "
                                "AND n_claims > 0", [entity, predicate]), None)
    if group is None:
        conn.execute("DELETE FROM fact_groups WHERE entity = ? AND predicate = ?", [entity, predicate])
        return
    st = group_status(group["n_conflict_pools"] > 0, group["n_empty"] > 0, bool(group["changed"]), bool(group["corroborated"]))
    summary = []
    for v in _dicts(db, _SUMMARY, {"entity": entity, "predicate": predicate, "times": SUMMARY_TIMES + 1,
                                     "values": SUMMARY_VALUES}):
        times = json.loads(v["times"])
        summary.append({"value": v["shown"], "as_of": times[:SUMMARY_TIMES], "sources": v["n_sources"],
                        "claims": v["n_claims"]} | ({"more_as_of": True} if len(times) > SUMMARY_TIMES else {}))
    conn.execute(
        """INSERT OR REPLACE INTO fact_groups (entity, predicate, status, rank, n_claims, n_articles, n_sources,
               n_empty, n_conflicting, summary, updated_at, n_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [entity, predicate, st, STATUSES.index(st), group["n_claims"], group["n_articles"], group["n_sources"],
         group["n_empty"], group["n_conflicting"], json.dumps(summary, ensure_ascii=False), at or now(),
         group["n_values"]])


def conflicting_values(db: sqlite_utils.Database, entity: str, predicate: str) -> set[tuple[str, str]]:
    """(value key, as_of) of the pools in conflict: a member is in conflict when its pool is."""
    return {(r[0], r[1]) for r in db.conn.execute(
        "SELECT vkey, as_of FROM fact_values WHERE entity = ? AND predicate = ? AND level = 2 AND conflicts = 1 "
        "AND n_claims > 0", [entity, predicate])}


def rebuild(db: sqlite_utils.Database) -> int:
    """Recompute every tally and group from the claims (the repair behind `facts --refresh`).
    RETURNS groups written."""
    db.execute("DELETE FROM fact_values")
    db.execute("DELETE FROM fact_sources")
    db.execute("DELETE FROM fact_groups")
    db.execute("DELETE FROM fact_rebuild")
    keys = db.conn.execute("SELECT DISTINCT entity, predicate FROM claims WHERE stale = 0 AND entity IS NOT NULL "
                           "AND entity != '' ORDER BY entity, predicate").fetchall()
    n = 0
    for chunk in _chunks(keys, 200):  # a few groups at a time: memory stays flat at a million claims
        changes = Changes()
        for entity, predicate in chunk:
            changes.diff(Counter(), Counter(
                Contribution.of(r) for r in _dicts(db, _CLAIM_SQL + " AND c.entity = ? AND c.predicate = ?",
                                                   [entity, predicate])))
        n += len(apply(db, changes))
    return n

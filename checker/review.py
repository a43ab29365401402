"""The review desk's rules: which claims a group verdict acts on, what they already carry, and
that a group verdict never replaces another reviewer's verdict unless asked to.

Every action names its claims by id. Queries read one fact group or a list of ids, never the
whole claims table.
"""
from __future__ import annotations

import sqlite_utils

from . import facts
from .models import Verdict
from .storage import STANDING, add_verdicts, refresh_disputed

#: what a group verdict applies to
SCOPES = ("all", "conflicting", "same_value")
_CHUNK = 500


def group_targets(db: sqlite_utils.Database, entity: str, predicate: str, scope: str,
                  same_as: str | None = None) -> list[str]:
    """Claim ids of the group (entity, predicate) that a group verdict with `scope` acts on:
    every claim, the claims that disagree with another, or those stating `same_as`'s value."""
    if scope == "all":
        return facts.group_claim_ids(db, entity, predicate)
    if scope == "conflicting":
        return [m["id"] for m in facts.members(db, entity, predicate) if m["conflict"]]
    if scope == "same_value":
        if not same_as:
            return []
        c = db.execute("SELECT entity, predicate FROM claims WHERE id = ?", [same_as]).fetchone()
        if c is None or tuple(c) != (entity, predicate):
            return []  # a claim of another group: never act across groups
        return facts.same_statement(db, same_as)
    raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")


def current_verdicts(db: sqlite_utils.Database, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """claim id -> (current verdict, its reviewer), for a list of ids (read in chunks)."""
    out = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for cid, verdict, by in db.execute(f"SELECT id, verdict, verdict_by FROM claims WHERE id IN ({marks})", chunk):
            out[cid] = (verdict, by)
    return out


def summary(db: sqlite_utils.Database, ids: list[str], reviewer: str) -> dict:
    """What a verdict on `ids` by `reviewer` meets: how many claims are open, judged by the
    reviewer, judged by others (and by whom). RETURNS dict total, open, mine, others {name: n}."""
    me = reviewer.strip()
    out = {"total": len(ids), "open": 0, "mine": 0, "others": {}}
    for verdict, by in current_verdicts(db, ids).values():
        if verdict is None:
            out["open"] += 1
        elif (by or "") == me:
            out["mine"] += 1
        else:
            out["others"][by or "?"] = out["others"].get(by or "?", 0) + 1
    return out


def apply_group_verdict(db: sqlite_utils.Database, ids: list[str], verdict: str, reviewer: str, note: str = "",
                        evidence: str = "", overwrite_others: bool = False) -> dict:
    """One verdict on many claims in one transaction, each claim with its own history row.
    Claims whose current verdict is another reviewer's are left alone unless `overwrite_others`.
    RETURNS dict saved (count), kept {reviewer: count of their verdicts left in place}."""
    me = reviewer.strip()
    if not me:
        raise ValueError("a verdict needs the reviewer's name")
    current = current_verdicts(db, ids)
    kept: dict[str, int] = {}
    targets = []
    for cid in ids:
        verdict_now, by = current.get(cid, (None, None))
        if verdict_now is not None and (by or "") != me and not overwrite_others:
            kept[by or "?"] = kept.get(by or "?", 0) + 1
            continue
        targets.append(cid)
    saved = add_verdicts(db, [Verdict(cid, verdict, me, note, evidence) for cid in targets]) if targets else []
    return {"saved": len(saved), "kept": kept}


def names_text(counts: dict[str, int]) -> str:
    """{"张三": 2, "李四": 1} as `张三 2、李四 1`."""
    return "、".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --- undo ------------------------------------------------------------------------------------

#: the `verdict` of a history row that retracts an earlier row (its `retracts` column names it)
RETRACTED = "retracted"
_STANDING = STANDING


def undo_last(db: sqlite_utils.Database, reviewer: str) -> dict | None:
    """Retract the reviewer's latest verdict that still stands: a new history row (verdict
    `retracted`) names it, and the claim's current verdict becomes the one standing before it
    (or none). Nothing is deleted. RETURNS dict claim_id, verdict (the one undone), now (the
    claim's verdict after), or None when the reviewer has nothing to undo."""
    from .storage import now, write_retrying

    me = reviewer.strip()

    def run(db):
        row = db.execute(f"SELECT id, claim_id, verdict FROM verdicts WHERE reviewer = ? AND {_STANDING} "
                         "ORDER BY id DESC LIMIT 1", [me]).fetchone()
        if row is None:
            return None
        vid, claim_id, verdict = row
        at = now()
        db.execute("INSERT INTO verdicts (claim_id, verdict, note, evidence, reviewer, created_at, retracts) "
                   "VALUES (?, ?, ?, '', ?, ?, ?)", [claim_id, RETRACTED, f"#{vid}", me, at, vid])
        before = db.execute(f"SELECT verdict, reviewer, created_at FROM verdicts WHERE claim_id = ? AND {_STANDING} "
                            "ORDER BY id DESC LIMIT 1", [claim_id]).fetchone() or (None, None, None)
        db.execute("UPDATE claims SET verdict = ?, verdict_by = ?, verdict_at = ? WHERE id = ?", [*before, claim_id])
        refresh_disputed(db, claim_id)
        return {"claim_id": claim_id, "verdict": verdict, "now": before[0]}

    return write_retrying(db, run)


# --- the queue with conflicts and empty facts first -------------------------------------------

_GROUP_ORDER = "rank, n_sources DESC, entity, predicate"


def next_in_conflicts(db: sqlite_utils.Database, after: dict | None = None, article_id: str | None = None,
                      predicate: str | None = None, only_open: bool = True, flagged: bool = False,
                      batch: int = 100) -> dict | None:
    """The next claim of a fact group in conflict or with an empty fact, groups in the facts page's
    order (conflicts, then empties, most sources first), claims by article within a group; after the
    claim `after` if given, wrapping around once. Reads groups a batch at a time, one index look-up each."""
    from .storage import _claim, CLAIM_COLUMNS, claim_filter

    where, args = claim_filter(article_id, predicate, only_open, flagged)

    def first_in(entity, pred, after_key=None):
        extra, more = ("AND (article_seq, position) > (?, ?)", list(after_key)) if after_key else ("", [])
        return next(db.query(f"SELECT {CLAIM_COLUMNS} FROM claims WHERE entity = ? AND predicate = ? AND {where} "
                             f"{extra} ORDER BY article_seq, position LIMIT 1", [entity, pred, *args, *more]), None)

    def walk(start):
        cond, cargs = ["rank <= 1"], []
        if predicate:
            cond.append("predicate = ?")
            cargs.append(predicate)
        if start:
            rank, n_sources, entity, pred = start
            cond.append("(rank > ? OR (rank = ? AND (n_sources < ? OR (n_sources = ? AND (entity, predicate) > (?, ?)))))")
            cargs += [rank, rank, n_sources, n_sources, entity, pred]
        offset = 0
        while True:
            groups = db.execute(f"SELECT rank, n_sources, entity, predicate FROM fact_groups WHERE {' AND '.join(cond)} "
                                f"ORDER BY {_GROUP_ORDER} LIMIT ? OFFSET ?", [*cargs, batch, offset]).fetchall()
            for g in groups:
                row = first_in(g[2], g[3])
                if row:
                    return row
            if len(groups) < batch:
                return None
            offset += batch

    if after:
        row = first_in(after["entity"], after["predicate"], (after["article_seq"], after["position"]))
        if row:
            return _claim(row)
        here = db.execute("SELECT rank, n_sources, entity, predicate FROM fact_groups WHERE entity = ? AND predicate = ?",
                          [after["entity"], after["predicate"]]).fetchone()
        if here and here[0] <= 1:
            row = walk(tuple(here))
            if row:
                return _claim(row)
    return _claim(walk(None))


# --- two reviewers and a lead -----------------------------------------------------------------

def next_second_opinion(db: sqlite_utils.Database, reviewer: str, after_verdict: int = 0,
                        article_id: str | None = None, predicate: str | None = None,
                        flagged: bool = False) -> tuple[dict, int] | None:
    """The next claim someone else has judged and `reviewer` has not, oldest verdict first, after the
    history row `after_verdict`. RETURNS (claim, the history row it was found by) or None. A walk
    along the verdicts' primary key: each step is one index range read."""
    from .storage import _claim, CLAIM_COLUMNS, claim_filter

    me = reviewer.strip()
    where, args = claim_filter(article_id, predicate, False, flagged)
    row = db.execute(
        f"""SELECT v.id, v.claim_id FROM verdicts v
            WHERE v.id > ? AND v.reviewer != ? AND v.retracts IS NULL
              AND EXISTS (SELECT 1 FROM claims WHERE claims.id = v.claim_id AND claims.verdict IS NOT NULL AND {where})
              AND NOT EXISTS (SELECT 1 FROM verdicts m INDEXED BY verdicts_claim
                              WHERE m.claim_id = v.claim_id AND m.reviewer = ?
                              AND m.retracts IS NULL)
            ORDER BY v.id LIMIT 1""", [after_verdict, me, *args, me]).fetchone()
    if row is None:
        return None
    claim = _claim(next(db.query(f"SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?", [row[1]]), None))
    return (claim, row[0]) if claim else None


def next_disputed(db: sqlite_utils.Database, after: tuple[int, int] | None = None, article_id: str | None = None,
                  predicate: str | None = None) -> dict | None:
    """The next claim on which two reviewers' latest verdicts differ (the lead's queue), by article;
    wraps around. Reads the partial index of disputed claims."""
    from .storage import _claim, CLAIM_COLUMNS, claim_filter

    where, args = claim_filter(article_id, predicate, False, False)
    base = f"SELECT {CLAIM_COLUMNS} FROM claims WHERE disputed = 1 AND {where}"
    if after:
        row = next(db.query(base + " AND (article_seq, position) > (?, ?) ORDER BY article_seq, position LIMIT 1",
                            [*args, *after]), None)
        if row:
            return _claim(row)
    return _claim(next(db.query(base + " ORDER BY article_seq, position LIMIT 1", args), None))


def count_disputed(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM claims WHERE disputed = 1").fetchone()[0]


def settle(db: sqlite_utils.Database, claim_id: str, verdict: str, lead: str, note: str = "", evidence: str = "") -> int:
    """The lead's final verdict on a disputed claim: a history row with role `lead`, the claim's
    verdict from now on; the dispute is settled. RETURNS the history row id."""
    return add_verdicts(db, [Verdict(claim_id, verdict, lead, note, evidence, role="lead")])[0]

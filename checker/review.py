"""The review desk's rules: which claims a group verdict acts on, what they already carry, and
that a group verdict never replaces another reviewer's verdict unless asked to.

Every action names its claims by id. Queries read one fact group or a list of ids, never the
whole claims table.
"""
from __future__ import annotations

import sqlite_utils

from . import facts
from .models import Verdict
from .storage import add_verdicts

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

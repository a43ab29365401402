"""Article versions: an article is identified by its source (the file name, or `file#id` for a
CSV/JSONL record: its id or URL column), its text by a hash (the article row's id).

Ingesting a changed text under a source already known (a near-duplicate of it: an edit, not
another page that happens to share a file name) makes the new text the next version:
its claims whose subject, predicate and value are unchanged keep their verdicts (a history row
says they were carried from the earlier version), changed and new claims enter the queue, and
the earlier version's claims leave the review queue and the fact groups (`stale` 2: carried to a
newer version, 1: no longer in the article), so two versions never conflict nor count twice.
Reviewers' corrections of unchanged claims, and the claims they added, move to the new version.
Runs inside the caller's transaction; nothing here commits.
"""
from __future__ import annotations

from collections import defaultdict

import sqlite_utils

from . import corrections

#: claims.stale values: 0 current, 1 no longer in the article, 2 superseded by the same claim in a newer version
STALE_GONE = 1
STALE_CARRIED = 2


def previous(db: sqlite_utils.Database, source_key: str, article_id: str, body: str) -> dict | None:
    """The current version of the article from `source_key` that the new text (`body`: its
    normalised title and body, as `dedup` signs it) is an edit of, or None. Two texts under one
    name are versions only when they are near-duplicates (`dedup.THRESHOLD`): scraped pages
    called index.html in different folders stay different articles."""
    from . import dedup

    rows = db.execute("SELECT id, name, coalesce(version, 1), minhash, CASE WHEN minhash IS NULL THEN text END "
                      "FROM articles WHERE source_key = ? AND superseded_by IS NULL AND id != ? "
                      "ORDER BY rowid DESC LIMIT 20", [source_key, article_id]).fetchall()
    if not rows:
        return None
    sig = dedup.signature(body)
    best, best_sim = None, dedup.THRESHOLD
    for rid, name, version, blob, text in rows:
        other = dedup.from_blob(blob) if blob else dedup.signature(text or "")
        if (sim := dedup.similarity(sig, other)) >= best_sim:
            best, best_sim = {"id": rid, "name": name, "version": version}, sim
    return best


def _key(claim: dict) -> tuple:
    return claim["subject"], claim["predicate"], claim["value"]


def supersede(db: sqlite_utils.Database, prev: dict, article_id: str, at: str) -> dict:
    """Make `article_id` (stored, with its claims) the version after `prev`.

    Unchanged claims (same subject, predicate and value, matched in text order) get the earlier
    claim's current verdict with a history row saying so; the earlier version's current claims are
    marked stale; the reviewers' corrections follow (`corrections.carry`). RETURNS (dict): old_claims (the earlier version's current claim rows as they were,
    with `published` and `source`, for the fact groups), carried, unchanged, gone, corrections (counts)."""
    old_claims = [dict(r) for r in db.query(
        "SELECT c.*, a.published, coalesce(a.source_group, a.id) AS source FROM claims c "
        "JOIN articles a ON a.id = c.article_id WHERE c.article_id = ? AND c.stale = 0 ORDER BY c.position",
        [prev["id"]])]
    pool: dict[tuple, list[str]] = defaultdict(list)
    for r in db.query("SELECT id, subject, predicate, value FROM claims WHERE article_id = ? AND stale = 0 "
                      "ORDER BY position", [article_id]):
        pool[_key(r)].append(r["id"])
    carried = unchanged = 0
    pairs: dict[str, str] = {}
    for old in old_claims:
        same = pool.get(_key(old))
        if not same:
            db.execute("UPDATE claims SET stale = ? WHERE id = ?", [STALE_GONE, old["id"]])
            continue
        new_id = pairs[old["id"]] = same.pop(0)
        unchanged += 1
        # its verdicts and any dispute move to the new claim
        db.execute("UPDATE claims SET stale = ?, disputed = 0 WHERE id = ?", [STALE_CARRIED, old["id"]])
        if old["verdict"]:
            _carry(db, old, new_id, prev["version"], at)
            carried += 1
    db.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", [article_id, prev["id"]])
    fixes = corrections.carry(db, prev["id"], article_id, pairs, at)
    return {"old_claims": old_claims, "carried": carried, "unchanged": unchanged,
            "gone": len(old_claims) - unchanged, "corrections": fixes}


def _carry(db: sqlite_utils.Database, old: dict, new_id: str, version: int, at: str) -> None:
    """Give the new claim the old claim's standing verdicts (the last lead's, then each reviewer's
    latest since), each as a history row saying where it came from; the current verdict and the
    disputed mark follow."""
    from .storage import STANDING, refresh_disputed

    rows = [dict(r) for r in db.query(f"SELECT verdict, note, evidence, reviewer, role FROM verdicts "
                                      f"WHERE claim_id = ? AND {STANDING} ORDER BY id", [old["id"]])]
    lead = max((i for i, r in enumerate(rows) if r["role"] == "lead"), default=-1)
    latest = {r["reviewer"]: r for r in rows[lead + 1:]}  # each reviewer's latest since the lead
    keep = ([rows[lead]] if lead >= 0 else []) + sorted(latest.values(), key=rows.index)
    if not keep:  # no standing row (history from before roles): the current verdict alone
        keep = [{"verdict": old["verdict"], "note": "", "evidence": "", "reviewer": old["verdict_by"] or "",
                 "role": None}]
    for r in keep:
        note = f"carried from the earlier version (v{version}, claim {old['id']})" + (f": {r['note']}" if r["note"] else "")
        db.execute("INSERT INTO verdicts (claim_id, verdict, note, evidence, reviewer, created_at, role) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", [new_id, r["verdict"], note, r["evidence"] or "", r["reviewer"], at,
                                                    r["role"]])
    db.execute("UPDATE claims SET verdict = ?, verdict_by = ?, verdict_at = ? WHERE id = ?",
               [old["verdict"], old["verdict_by"], old["verdict_at"], new_id])
    refresh_disputed(db, new_id)


def versions(db: sqlite_utils.Database, article_id: str) -> list[dict]:
    """Every version of the article `article_id` belongs to, oldest first: id, name, version,
    ingested_at, n_claims, superseded_by."""
    key = db.execute("SELECT source_key FROM articles WHERE id = ?", [article_id]).fetchone()
    if not key or key[0] is None:
        return []
    return [dict(r) for r in db.query(
        "SELECT id, name, coalesce(version, 1) AS version, ingested_at, n_claims, superseded_by FROM articles "
        "WHERE source_key = ? ORDER BY coalesce(version, 1), rowid", [key[0]])]


def changes(db: sqlite_utils.Database, old_id: str, new_id: str) -> dict[str, list[str]]:
    """What changed between two versions, as claim lines: added, removed (and kept)."""
    def lines(article_id: str, current: bool) -> list[str]:
        where = "stale = 0" if current else "stale IN (1, 2)"
        return [r[0] for r in db.execute(
            f"SELECT text FROM claims WHERE article_id = ? AND {where} ORDER BY position", [article_id])]

    old, new = lines(old_id, False), lines(new_id, True)
    left = list(old)
    kept = []
    for line in new:
        if line in left:
            left.remove(line)
            kept.append(line)
    added = list(new)
    for line in kept:
        added.remove(line)
    return {"added": added, "removed": left, "kept": kept}

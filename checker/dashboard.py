"""Figures for the review dashboard: progress by company, article and reviewer, verdicts by the
status of their fact group. Totals come from the fact groups (a row per group), verdicts from the
reviewed claims only (an index range), so the cost follows the work done, not the million claims;
the page also caches them for a minute."""
from __future__ import annotations

import sqlite_utils

from .models import VERDICTS


_REVIEWED = "verdict IN ('verified', 'unsupported', 'contradictory')"  # an index range on claims_queue


def by_reviewer(db: sqlite_utils.Database) -> list[dict]:
    """reviewer, and how many claims carry their verdict now, per verdict (most active first).
    Reads the reviewed claims only."""
    rows: dict[str, dict] = {}
    for r in db.query(f"SELECT verdict_by AS reviewer, verdict, count(*) AS n FROM claims "
                      f"WHERE {_REVIEWED} AND stale = 0 GROUP BY 1, 2"):
        row = rows.setdefault(r["reviewer"] or "?", {"reviewer": r["reviewer"] or "?", **{v: 0 for v in VERDICTS}})
        row[r["verdict"]] = r["n"]
    return sorted(rows.values(), key=lambda r: -sum(r[v] for v in VERDICTS))


def by_company(db: sqlite_utils.Database, limit: int = 20) -> list[dict]:
    """The companies with most claims (counted in their fact groups): claims, reviewed, and per verdict."""
    top = list(db.query("SELECT entity AS company, sum(n_claims) AS claims FROM fact_groups GROUP BY entity "
                         "ORDER BY claims DESC, entity LIMIT ?", [limit]))
    for row in top:
        counts = dict(db.execute(f"SELECT verdict, count(*) FROM claims WHERE {_REVIEWED} AND entity = ? "
                                 "AND stale = 0 GROUP BY verdict", [row["company"]]).fetchall())
        row.update({v: counts.get(v, 0) for v in VERDICTS})
        row["reviewed"] = sum(counts.values())
    return top


def by_article(db: sqlite_utils.Database, limit: int = 20) -> list[dict]:
    """The most recent articles: claims and reviewed (through the article index, one count each)."""
    return list(db.query(
        """SELECT a.name AS article, a.n_claims AS claims,
                  (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.verdict IS NOT NULL) AS reviewed
           FROM articles a ORDER BY a.ingested_at DESC, a.name LIMIT ?""", [limit]))


def by_status(db: sqlite_utils.Database) -> list[dict]:
    """For each fact-group status (conflict, empty, …): claims, and how many carry each verdict.
    Claims per status come from the fact groups; verdicts from the reviewed claims only."""
    out = {r["status"]: {**r, "reviewed": 0, **{v: 0 for v in VERDICTS}} for r in db.query(
        "SELECT status, rank, sum(n_claims) AS claims FROM fact_groups GROUP BY status ORDER BY rank")}
    for status, verdict, n in db.execute(
            f"""SELECT g.status, c.verdict, count(*) FROM claims c
                JOIN fact_groups g ON g.entity = c.entity AND g.predicate = c.predicate
                WHERE c.{_REVIEWED} AND c.stale = 0 GROUP BY 1, 2"""):
        if status in out:
            out[status][verdict] = n
            out[status]["reviewed"] += n
    return list(out.values())

"""Figures for the review dashboard: progress by company, article and reviewer, verdicts by the
status of their fact group. Each is one aggregate query; the page caches them for a minute, so a
desk of a million claims pays for them once a minute, not on every click."""
from __future__ import annotations

import sqlite_utils

from .models import VERDICTS


def by_reviewer(db: sqlite_utils.Database) -> list[dict]:
    """reviewer, and how many claims carry their verdict now, per verdict (most active first)."""
    rows: dict[str, dict] = {}
    for r in db.query("SELECT verdict_by AS reviewer, verdict, count(*) AS n FROM claims "
                      "WHERE verdict IS NOT NULL AND stale = 0 GROUP BY 1, 2"):
        row = rows.setdefault(r["reviewer"] or "?", {"reviewer": r["reviewer"] or "?", **{v: 0 for v in VERDICTS}})
        row[r["verdict"]] = r["n"]
    return sorted(rows.values(), key=lambda r: -sum(r[v] for v in VERDICTS))


def by_company(db: sqlite_utils.Database, limit: int = 20) -> list[dict]:
    """The companies with most claims: claims, reviewed, and per verdict."""
    verdict_cols = ", ".join(f"sum(verdict = '{v}') AS {v}" for v in VERDICTS)
    return list(db.query(
        f"SELECT entity AS company, count(*) AS claims, count(verdict) AS reviewed, {verdict_cols} FROM claims "
        "WHERE stale = 0 AND entity != '' GROUP BY entity ORDER BY claims DESC LIMIT ?", [limit]))


def by_article(db: sqlite_utils.Database, limit: int = 20) -> list[dict]:
    """The most recent articles: claims and reviewed (through the article index, one count each)."""
    return list(db.query(
        """SELECT a.name AS article, a.n_claims AS claims,
                  (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.verdict IS NOT NULL) AS reviewed
           FROM articles a ORDER BY a.ingested_at DESC, a.name LIMIT ?""", [limit]))


def by_status(db: sqlite_utils.Database) -> list[dict]:
    """For each fact-group status (conflict, empty, …): claims, and how many carry each verdict."""
    verdict_cols = ", ".join(f"sum(c.verdict = '{v}') AS {v}" for v in VERDICTS)
    return list(db.query(
        f"""SELECT g.status, g.rank, count(*) AS claims, count(c.verdict) AS reviewed, {verdict_cols}
            FROM fact_groups g JOIN claims c ON c.entity = g.entity AND c.predicate = g.predicate AND c.stale = 0
            GROUP BY g.status ORDER BY g.rank"""))

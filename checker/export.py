"""Exports of claims and verdicts: CSV for Excel, JSONL, and schema.org ClaimReview.

The CSV is UTF-8 with a BOM (Excel otherwise reads Chinese as mojibake) and every
text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is
prefixed with an apostrophe. Rows are streamed from SQLite, never loaded whole, and written
to a stream (a file, or `to_file`'s temporary file for the app's download buttons).
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from typing import IO, BinaryIO, Callable, Iterator

import sqlite_utils

from .labels import flag_label, t, verdict_label
from .vocabulary import label

CSV_COLUMNS = ("article", "title", "claim_id", "claim", "subject", "predicate", "predicate_label", "value", "number",
               "number_max", "unit", "qualifier", "as_of", "empty", "flags", "start", "end", "verdict", "verdict_label",
               "reviewer", "note", "evidence", "timestamp", "stale")
VERDICT_RATING = {"contradictory": 1, "unsupported": 2, "verified": 3}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(db: sqlite_utils.Database, reviewed_only: bool = False, batch: int = 1000) -> Iterator[dict]:
    """One dict per claim with its current verdict and that verdict's note and evidence, in review
    order (streamed through the claims_order index). A claim the extractor no longer finds (stale)
    is still exported when it has a verdict, marked stale: no verdict is ever dropped (a claim carried
    to a newer version of its article, stale 2, is exported there, once)."""
    where = "WHERE (c.stale = 0 OR (c.stale = 1 AND c.verdict IS NOT NULL))" + (" AND c.verdict IS NOT NULL" if reviewed_only else "")
    sql = f"""
        SELECT a.name AS article, a.title, a.published, c.id AS claim_id, c.text AS claim, c.subject, c.predicate,
               c.value, c.number, c.number_max, c.unit, c.qualifier, c.as_of, c.empty, c.flags, c.start, c."end",
               c.verdict, c.verdict_by AS reviewer, c.verdict_at AS timestamp, v.note, v.evidence, c.stale
        FROM claims c JOIN articles a ON a.id = c.article_id
        LEFT JOIN verdicts v ON c.verdict IS NOT NULL AND v.id = (
            SELECT max(w.id) FROM verdicts w WHERE w.claim_id = c.id AND w.retracts IS NULL
            AND NOT EXISTS (SELECT 1 FROM verdicts r WHERE r.retracts = w.id))  -- the verdict standing, not an undone one
        {where} ORDER BY c.article_seq, c.position"""
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(batch):
        for r in chunk:
            row = dict(zip(names, r))
            row["predicate_label"] = label(row["predicate"])
            for key in ("number", "number_max"):
                if isinstance(row[key], float) and row[key].is_integer():
                    row[key] = int(row[key])
            row["empty"] = bool(row["empty"])
            row["stale"] = bool(row["stale"])
            row["flags"] = ",".join(json.loads(row["flags"] or "[]"))
            yield row


def safe_cell(value):
    """A cell a spreadsheet shows as text: formulas neutralised with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(row: dict) -> dict:
    """A row as a journalist reads it in Excel: 是/否 for `empty`, 文章已更新 in `stale` when a re-ingested
    article no longer contains the claim, the verdict's Chinese label beside its id, flags in Chinese."""
    out = {k: row.get(k) for k in CSV_COLUMNS}
    out["empty"] = t("yes") if row["empty"] else t("no")
    out["stale"] = t("stale") if row["stale"] else ""
    out["verdict_label"] = verdict_label(row["verdict"]) if row.get("verdict") else ""
    out["flags"] = "、".join(flag_label(f) for f in row["flags"].split(",")) if row["flags"] else ""
    return out


def write_csv(db: sqlite_utils.Database, out: IO[bytes], reviewed_only: bool = False) -> int:
    """Write the CSV (UTF-8 with BOM) to a binary stream. RETURNS (int): rows written."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows(db, reviewed_only):
        writer.writerow({k: safe_cell(v) for k, v in csv_row(row).items()})
        n += 1
    text.flush()
    text.detach()
    return n


def to_file(write: Callable[..., int], *args) -> BinaryIO:
    """Run `write(out, *args)` into a temporary file and return it open for reading from the start
    (for a download button: the export goes to disk row by row, never into one string). The file
    has no name on disk any more; it is gone once closed."""
    with tempfile.NamedTemporaryFile("wb", suffix=".export", delete=False) as out:
        path = out.name
        try:
            write(out, *args)
        except BaseException:
            os.unlink(path)
            raise
    f = open(path, "rb")
    os.unlink(path)
    return f


def csv_bytes(db: sqlite_utils.Database, reviewed_only: bool = False) -> bytes:
    """The CSV as bytes, BOM included (for a download button)."""
    buf = io.BytesIO()
    write_csv(db, buf, reviewed_only)
    return buf.getvalue()


def jsonl_lines(db: sqlite_utils.Database, reviewed_only: bool = False) -> Iterator[str]:
    """One JSON object per claim, as a line."""
    for row in rows(db, reviewed_only):
        row["flags"] = row["flags"].split(",") if row["flags"] else []
        yield json.dumps(row, ensure_ascii=False)


def write_jsonl(db: sqlite_utils.Database, out: IO[bytes], reviewed_only: bool = False) -> int:
    """Write the JSON lines (UTF-8) to a binary stream. RETURNS (int): rows written."""
    n = 0
    for line in jsonl_lines(db, reviewed_only):
        out.write(line.encode("utf-8") + b"\n")
        n += 1
    return n


def claim_review(row: dict, publisher: str = "") -> dict:
    """A schema.org ClaimReview for one reviewed claim (verdict verified, unsupported or contradictory)."""
    verdict = row["verdict"]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": row["claim"],
        "datePublished": (row["timestamp"] or "")[:10],
        "author": {"@type": "Person", "name": row["reviewer"]},
        "reviewRating": {
            "@type": "Rating", "ratingValue": VERDICT_RATING[verdict], "worstRating": 1, "bestRating": 3,
            "alternateName": verdict_label(verdict),
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {"@type": "CreativeWork", "headline": row["title"] or row["article"],
                           **({"datePublished": row["published"]} if row.get("published") else {})},
        },
    }
    if row.get("note"):
        review["reviewBody"] = row["note"]
    if row.get("evidence"):
        review["citation"] = row["evidence"]
    if publisher:
        review["publisher"] = {"@type": "Organization", "name": publisher}
    return review


def iter_claim_reviews(db: sqlite_utils.Database, publisher: str = "") -> Iterator[dict]:
    """ClaimReview records for every claim with a publishable verdict (skips are left out), streamed."""
    return (claim_review(r, publisher) for r in rows(db, reviewed_only=True) if r["verdict"] in VERDICT_RATING)


def claim_reviews(db: sqlite_utils.Database, publisher: str = "") -> list[dict]:
    return list(iter_claim_reviews(db, publisher))


def write_claim_reviews(db: sqlite_utils.Database, out: IO[bytes], publisher: str = "") -> int:
    """Write the ClaimReview records as one JSON array (UTF-8, indented), a record at a time.
    RETURNS (int): records written."""
    n = 0
    out.write(b"[")
    for review in iter_claim_reviews(db, publisher):
        item = json.dumps(review, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write((",\n  " if n else "\n  ").encode("utf-8") + item.encode("utf-8"))
        n += 1
    out.write(b"\n]" if n else b"]")
    return n

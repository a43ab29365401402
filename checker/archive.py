"""The whole desk as one JSON-lines file, and back: articles, claims, the full verdict history,
corrections, aliases and the ingest log.

`write_archive` streams one line per row, `{"table": …, "row": {…}}`, tables in a fixed order and
rows in key order, keys sorted, so the same database always gives the same bytes. `read_archive`
loads such a file into an empty database in one transaction and rebuilds what is derived (review
counts and search by triggers, fact groups by `facts.refresh`): export, import, export gives the
same file byte for byte.
"""
from __future__ import annotations

import base64
import json
from typing import IO, Iterator

import sqlite_utils

from .errors import CheckerError

#: tables derived from the others (rebuilt on import, never written)
DERIVED_PREFIXES = ("sqlite_", "claim_counts", "fact_groups", "fact_values", "fact_sources", "fact_rebuild")
FIRST = ("articles", "claims", "verdicts", "corrections")
FORMAT = "checker-archive/1"


def tables(db: sqlite_utils.Database) -> list[str]:
    """The tables an archive holds: every table but the derived ones and the search index."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    kept = [n for n in names if not n.startswith(DERIVED_PREFIXES) and "_fts" not in n]
    return [n for n in FIRST if n in kept] + [n for n in kept if n not in FIRST]


def _order(db: sqlite_utils.Database, table: str) -> str:
    pks = [r[1] for r in sorted(db.execute(f"PRAGMA table_info([{table}])"), key=lambda r: r[5]) if r[5]]
    return "rowid" if table == "articles" or not pks else ", ".join(f"[{c}]" for c in pks)


def _cell(value):
    return {"$b64": base64.b64encode(value).decode("ascii")} if isinstance(value, (bytes, memoryview)) else value


def _uncell(value):
    return base64.b64decode(value["$b64"]) if isinstance(value, dict) and "$b64" in value else value


def lines(db: sqlite_utils.Database) -> Iterator[str]:
    """The archive, line by line (a header line first)."""
    yield json.dumps({"format": FORMAT, "tables": tables(db)}, ensure_ascii=False, sort_keys=True)
    for table in tables(db):
        cur = db.execute(f"SELECT * FROM [{table}] ORDER BY {_order(db, table)}")
        names = [d[0] for d in cur.description]
        while chunk := cur.fetchmany(1000):
            for r in chunk:
                row = {k: _cell(v) for k, v in zip(names, r)}
                yield json.dumps({"table": table, "row": row}, ensure_ascii=False, sort_keys=True)


def write_archive(db: sqlite_utils.Database, out: IO[str]) -> int:
    """Write the archive to a text stream. RETURNS rows written."""
    n = -1
    for n, line in enumerate(lines(db)):
        out.write(line + "\n")
    return n


def read_archive(db: sqlite_utils.Database, stream: IO[str]) -> dict[str, int]:
    """Load an archive into an empty database (all or nothing), then rebuild the fact groups.
    RETURNS rows per table. RAISES CheckerError: not an archive, a bad line (by number), or a
    database that already holds articles."""
    from . import facts
    from .storage import write_retrying

    if db.execute("SELECT count(*) FROM articles").fetchone()[0]:
        raise CheckerError("import needs an empty database: this one already holds articles")
    known = set(tables(db))

    def run(db):
        counts: dict[str, int] = {}
        db.execute("PRAGMA defer_foreign_keys = ON")
        pending: dict[str, list] = {}
        first = stream.readline()
        try:
            header = json.loads(first)
        except json.JSONDecodeError:
            header = None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise CheckerError(f"not a checker archive (the first line should say format {FORMAT})")

        def flush(table):
            rows = pending.pop(table, [])
            if rows:
                cols = list(rows[0])
                db.conn.executemany(f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
                                    f"VALUES ({', '.join('?' * len(cols))})", [[r[c] for c in cols] for r in rows])

        for number, line in enumerate(stream, start=2):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                table, row = record["table"], record["row"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise CheckerError(f"line {number}: not an archive record ({exc})") from None
            if table not in known:
                raise CheckerError(f"line {number}: unknown table {table!r}")
            row = {k: _uncell(v) for k, v in row.items()}
            if pending.get(table) and list(pending[table][0]) != list(row):
                flush(table)
            pending.setdefault(table, []).append(row)
            counts[table] = counts.get(table, 0) + 1
            if len(pending[table]) >= 1000:
                flush(table)
        for table in list(pending):
            flush(table)
        facts.refresh(db)
        return counts

    return write_retrying(db, run)

"""Ingesting a batch: read files, extract claims, store each article in its own
transaction, and report what happened to every file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import sqlite_utils
from spacy.language import Language

from . import storage
from .errors import InputError
from .extract import extract
from .ingest import Item, read_bytes, read_paths

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Outcome:
    """What happened to one file or row: ok, the name, and a message for people."""

    name: str
    ok: bool
    message: str
    article_id: str | None = None
    claims: int = 0


def display_name(name: str) -> str:
    """`data/x/01.txt` -> `01.txt`; `a/b.csv#3` -> `b.csv#3` (the row label is kept whole)."""
    base, sep, label = name.partition("#")
    return Path(base).name + sep + label


def ingest_items(db: sqlite_utils.Database, nlp: Language, items: Iterable[Item | InputError]) -> list[Outcome]:
    """Extract and store every item; errors are reported, never raised, and logged in the database."""
    out = []
    for item in items:
        if isinstance(item, InputError):
            outcome = Outcome(item.name, False, item.reason)
        else:
            try:
                ex = extract(nlp, item.text, display_name(item.name), item.encoding)
                saved = storage.save_extraction(db, ex)
            except Exception as exc:  # one article's failure never stops the batch
                outcome = Outcome(item.name, False, f"could not be processed: {exc}")
            else:
                verb = "re-ingested" if saved["existed"] else "ingested"
                outcome = Outcome(item.name, True, f"{verb}: {saved['claims']} claims ({saved['new']} new), "
                                                   f"encoding {item.encoding}" + (f"; {item.note}" if item.note else ""),
                                  saved["article_id"], saved["claims"])
        storage.log_ingest(db, outcome.name, outcome.ok, outcome.message)
        out.append(outcome)
    return out


def ingest_paths(db: sqlite_utils.Database, nlp: Language, paths: Iterable[str | Path],
                 invalid_bytes: str = "refuse") -> list[Outcome]:
    """Ingest files and folders. RETURNS (list[Outcome]): one per file or row.
    invalid_bytes (str): "refuse" or "replace" UTF-8 files' few invalid bytes (`decode_bytes`)."""
    return ingest_items(db, nlp, read_paths(paths, invalid_bytes))


def ingest_upload(db: sqlite_utils.Database, nlp: Language, name: str, data: bytes,
                  invalid_bytes: str = "refuse") -> list[Outcome]:
    """Ingest an uploaded file's bytes (the name decides the format)."""
    return ingest_items(db, nlp, read_bytes(name, data, invalid_bytes))


def bootstrap(db: sqlite_utils.Database, nlp: Language, data_dir: Path = DATA_DIR) -> list[Outcome]:
    """On a database with no articles, ingest the bundled sample articles. RETURNS the outcomes."""
    if storage.count_articles(db) or not data_dir.is_dir():
        return []
    return ingest_paths(db, nlp, [data_dir])

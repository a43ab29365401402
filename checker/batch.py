"""Ingesting a batch: read files, extract claims (on every core), store the articles in batched
transactions, then bring the fact groups they touch up to date; report what happened to every file.

The pipeline runs in this order: `ingest` lists the files (a worker reads and decodes a file of
one article; collections are read here), `extract` (in worker processes, the spaCy pipeline
loaded once per process) finds the claims and `dedup` signs the text, `storage` writes
the article and its claims, `facts` records its source group and its change to the fact groups,
applied once per transaction. A transaction holds up to BATCH articles, each in its own
savepoint: a crash leaves whole articles only, and one article's failure never stops the others.
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import sqlite_utils
from spacy.language import Language

from . import dedup, facts, storage
from .errors import InputError
from .extract import Extraction, extract
from .ingest import FileRef, Item, read_bytes, read_later, read_ref

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: Articles per write transaction (more share fact-group rows and pages), and the longest a finished
#: extraction waits to be stored.
BATCH = 256
BATCH_SECONDS = 2.0
#: A write transaction takes no more articles after this long: on a busy machine a batch is stored in
#: several, and a reviewer's verdict never waits long for the write lock.
TRANSACTION_SECONDS = 1.0
#: Below this many items a batch is extracted in this process (a worker pool costs a second).
POOL_MIN_ITEMS = 24
#: Items sent to a worker process at a time.
CHUNK = 8
#: Items extracted ahead of the one being stored: more than a transaction holds, so that the workers go on
#: extracting while this process stores a batch (with fewer, they stop and this process waits for them).
IN_FLIGHT = 2 * BATCH
#: Extraction workers yield the CPU to this process (which stores) and to the app's server: an ingest never
#: makes a reviewer's page wait, and the writer, the one step that cannot run in parallel, is never slowed.
WORKER_NICE = 10


@dataclass(frozen=True)
class Outcome:
    """What happened to one file or row: ok, the name, and a message for people."""

    name: str
    ok: bool
    message: str
    article_id: str | None = None
    claims: int = 0


@dataclass(frozen=True)
class Extracted:
    """One item after extraction: the claims and the near-duplicate signature, or why it failed."""

    name: str
    encoding: str = ""
    ex: Extraction | None = None
    sig: np.ndarray | None = None
    error: str = ""
    note: str = ""


def display_name(name: str) -> str:
    """`data/x/01.txt` -> `01.txt`; `a/b.csv#3` -> `b.csv#3` (the row label is kept whole)."""
    base, sep, label = name.partition("#")
    return Path(base).name + sep + label


def default_workers() -> int:
    """Extraction processes: one per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


# --- extraction, in this process or in a pool -------------------------------------------

_nlp: Language | None = None


def _die_with(parent: int) -> None:
    """End this worker when the ingest that started it ends, even by SIGKILL (Linux: the kernel's
    parent-death signal); a worker must never outlive its ingest, holding memory."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent was gone before the signal was armed
        os._exit(1)


def _init_worker(nlp: Language | None, parent: int = 0) -> None:
    global _nlp
    if parent:
        _die_with(parent)
    try:
        os.nice(WORKER_NICE)
    except (OSError, AttributeError):  # not allowed, or no such call on this system: run as we are
        pass
    if nlp is not None:
        _nlp = nlp
    elif _nlp is None:  # a spawned process: load the pipeline once
        from .extract import build_pipeline

        _nlp = build_pipeline()


def _failed(item: Item | InputError) -> Item | Extracted:
    """An input error as a plain record (an exception may not survive the trip to a worker)."""
    return Extracted(item.name, error=item.reason) if isinstance(item, InputError) else item


def _extract(task: Item | InputError | Extracted | FileRef, nlp: Language | None = None) -> list[Extracted]:
    """A task's extractions: a file listed by `read_later` is read and decoded here (in a worker)."""
    if isinstance(task, FileRef):
        return [_extract_one(item, nlp) for item in read_ref(task)]
    return [_extract_one(task, nlp)]


def _extract_one(item: Item | InputError | Extracted, nlp: Language | None = None) -> Extracted:
    if isinstance(item, (InputError, Extracted)):
        return _failed(item)
    try:
        ex = extract(nlp or _nlp, item.text, display_name(item.name), item.encoding)
        return Extracted(item.name, item.encoding, ex, dedup.signature(ex.body or ex.article.text),
                         note=item.note)
    except Exception as exc:  # one article's failure never stops the batch
        return Extracted(item.name, item.encoding, error=f"could not be processed: {exc}")


def _extract_chunk(chunk: list) -> list[Extracted]:
    return [e for task in chunk for e in _extract(task)]


def extracted(nlp: Language, items: Iterable[Item | InputError | FileRef], workers: int = 1) -> Iterator[Extracted]:
    """Extract every item, in order (a `FileRef` is read and decoded where it is extracted). With
    workers > 1, in a pool of processes (the pipeline loaded once in each), at most IN_FLIGHT
    items in flight: an archive is never held in memory whole. RAISES BrokenProcessPool: a worker
    process died (say, killed for memory)."""
    items = iter(items)
    head = list(itertools.islice(items, POOL_MIN_ITEMS)) if workers > 1 else []
    if workers <= 1 or len(head) < POOL_MIN_ITEMS:  # a small batch is not worth starting processes for
        for item in itertools.chain(head, items):
            yield from _extract(item, nlp)
        return
    if "fork" in multiprocessing.get_all_start_methods():  # the children share the parent's loaded pipeline
        ctx, init = multiprocessing.get_context("fork"), nlp
    else:
        ctx, init = multiprocessing.get_context("spawn"), None
    chunks = (list(map(_failed, chunk)) for chunk in _chunked(itertools.chain(head, items), CHUNK))
    # the objects alive now (the pipeline) are left out of every garbage collection, here and in the
    # forked workers: collections stay short and never write to (and so copy) the pages they share
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                 initargs=(init, os.getpid())) as pool:
            pending: deque = deque()
            for chunk in chunks:
                pending.append(pool.submit(_extract_chunk, chunk))
                if len(pending) >= max(workers * 4, IN_FLIGHT // CHUNK):
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        gc.unfreeze()


def _chunked(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


# --- storing -------------------------------------------------------------------------

def _store_one(db: sqlite_utils.Database, e: Extracted, changes: facts.Changes) -> Outcome:
    if e.ex is None:
        return Outcome(e.name, False, e.error)
    db.execute("SAVEPOINT article")
    try:
        saved = storage.store_extraction(db, e.ex)
        facts.record(db, saved, e.sig, mine := facts.Changes())
    except Exception as exc:  # the article is rolled back whole; the batch goes on
        db.execute("ROLLBACK TO article")
        db.execute("RELEASE article")
        return Outcome(e.name, False, f"could not be stored: {exc}")
    db.execute("RELEASE article")
    changes.extend(mine)
    verb = "re-ingested" if saved["existed"] else "ingested"
    return Outcome(e.name, True, f"{verb}: {saved['claims']} claims ({saved['new']} new), encoding {e.encoding}"
                   + (f"; {e.note}" if e.note else "") + _version_note(saved), saved["article_id"], saved["claims"])


def _version_note(saved: dict) -> str:
    """What a new version of a known article did to its claims (empty for anything else)."""
    if saved.get("superseded_by"):
        return f"; an earlier version (v{saved['version']}) of an article whose current version is newer: nothing changed"
    if not saved.get("previous"):
        return ""
    return (f"; version {saved['version']} of this article: {saved['unchanged']} claims unchanged "
            f"({saved['carried']} verdict{'' if saved['carried'] == 1 else 's'} carried over), {saved['claims'] - saved['unchanged']} new or changed "
            f"to review, {saved['gone']} no longer in the text"
            + (f", {saved['corrections']} correction{'' if saved['corrections'] == 1 else 's'} carried over"
               if saved.get("corrections") else ""))


def store(db: sqlite_utils.Database, batch: list[Extracted]) -> list[Outcome]:
    """Store extracted items, each article whole or not at all, in one transaction, or in several
    when storing them takes longer than TRANSACTION_SECONDS (a busy machine): each transaction then
    applies its articles' change to the fact groups. RETURNS one outcome per item, logged in `ingest_log`."""
    out: list[Outcome] = []

    def run(d):
        changes = facts.Changes()
        deadline = time.monotonic() + TRANSACTION_SECONDS
        outcomes = []
        for e in batch[len(out):]:
            outcomes.append(_store_one(d, e, changes))
            if time.monotonic() > deadline:  # the rest in the next transaction: reviewers wait for this one
                break
        facts.update(d, changes)
        storage.add_ingest_log(d, [(o.name, o.ok, o.message) for o in outcomes])
        return outcomes

    while len(out) < len(batch):
        out += storage.write_retrying(db, run)
    return out


def ingest_items(db: sqlite_utils.Database, nlp: Language, items: Iterable[Item | InputError | FileRef], workers: int = 1,
                 on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract and store every item; errors are reported, never raised, and logged in the database.

    workers (int): extraction processes. on_outcome: called with each outcome once it is stored.
    RETURNS (list[Outcome]): one per item, in order."""
    out: list[Outcome] = []
    pending: list[Extracted] = []
    started = time.monotonic()

    def flush():
        for o in store(db, pending):
            out.append(o)
            if on_outcome:
                on_outcome(o)
        pending.clear()

    with storage.ingesting(db):
        for e in extracted(nlp, items, workers):
            pending.append(e)
            if len(pending) >= BATCH or time.monotonic() - started >= BATCH_SECONDS:
                flush()
                started = time.monotonic()
        if pending:
            flush()
    return out


def ingest_paths(db: sqlite_utils.Database, nlp: Language, paths: Iterable[str | Path],
                 invalid_bytes: str = "refuse", workers: int = 1,
                 on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Ingest files and folders. RETURNS (list[Outcome]): one per file or row.
    invalid_bytes (str): "refuse" or "replace" UTF-8 files' few invalid bytes (`decode_bytes`)."""
    return ingest_items(db, nlp, read_later(paths, invalid_bytes), workers, on_outcome)


def ingest_upload(db: sqlite_utils.Database, nlp: Language, name: str, data: bytes,
                  invalid_bytes: str = "refuse") -> list[Outcome]:
    """Ingest an uploaded file's bytes (the name decides the format)."""
    return ingest_items(db, nlp, read_bytes(name, data, invalid_bytes))


def bootstrap(db: sqlite_utils.Database, nlp: Language, data_dir: Path = DATA_DIR) -> list[Outcome]:
    """On a database with no articles, ingest the bundled sample articles. RETURNS the outcomes."""
    if storage.count_articles(db) or not data_dir.is_dir():
        return []
    return ingest_paths(db, nlp, [data_dir])

"""The ingest pipeline: extraction in worker processes gives what one process gives, in order."""
import sqlite3

from checker import open_db
from checker.batch import POOL_MIN_ITEMS, extracted, ingest_items
from checker.errors import InputError
from checker.fixtures import archive_article
from checker.ingest import Item


def items(n):
    out = [Item(f"a{i:03d}.txt", archive_article(i), "utf_8") for i in range(n)]
    out.insert(3, InputError("broken.txt", "the file is empty"))
    return out


def table(db, sql):
    return [tuple(r) for r in db.execute(sql).fetchall()]


def test_batch_workers_extract_in_order_and_store_the_same(tmp_path, nlp):
    n = POOL_MIN_ITEMS + 16  # enough to start the pool
    one = [e.ex.claims if e.ex else e.error for e in extracted(nlp, items(n), workers=1)]
    two = [e.ex.claims if e.ex else e.error for e in extracted(nlp, items(n), workers=2)]
    assert one == two and "the file is empty" in one
    dbs = []
    for workers in (1, 2):
        db = open_db(tmp_path / f"w{workers}.db")
        outcomes = ingest_items(db, nlp, items(n), workers=workers)
        assert [o.ok for o in outcomes].count(False) == 1
        dbs.append(db)
    for sql in ("SELECT rowid, id, name, source_group FROM articles ORDER BY rowid",
                "SELECT id, article_seq, position, entity, predicate, number FROM claims ORDER BY id",
                "SELECT entity, predicate, status, n_claims, n_sources, summary FROM fact_groups ORDER BY 1, 2"):
        assert table(dbs[0], sql) == table(dbs[1], sql)


def test_batch_files_are_read_in_the_workers_with_the_same_outcomes(tmp_path, nlp):
    """Files of one article are read and decoded by the extraction workers (`read_later`): the
    outcomes, their order and the stored rows are those of reading everything in this process."""
    from pathlib import Path

    from checker.batch import ingest_paths
    from checker.ingest import FileRef, read_later, read_paths

    bad = Path(__file__).parent / "bad_inputs"
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(POOL_MIN_ITEMS + 8):
        (folder / f"a{i:03d}.txt").write_text(archive_article(i), encoding="utf-8")
    (folder / "a005.html").write_text(f"<html><title>t</title><p>{archive_article(900)}</p></html>", encoding="utf-8")
    (folder / "a010.txt").write_bytes(b"")  # empty: a failure, in its place
    (folder / "a020.txt").write_bytes((bad / "big5_plain.txt").read_bytes())
    (folder / "rows.jsonl").write_bytes((bad / "one_broken_line.jsonl").read_bytes())
    listed = list(read_later([folder]))
    refs = [Path(e.path).name for e in listed if isinstance(e, FileRef)]
    assert len(refs) == POOL_MIN_ITEMS + 9 and "a005.html" in refs and "a010.txt" in refs
    assert all("rows.jsonl" in e.name for e in listed if not isinstance(e, FileRef))  # read where listed
    expected = [(i.name, isinstance(i, InputError)) for i in read_paths([folder])]
    dbs = []
    for workers in (1, 2):
        db = open_db(tmp_path / f"f{workers}.db")
        outcomes = ingest_paths(db, nlp, [folder], workers=workers)
        assert [(o.name, not o.ok) for o in outcomes] == expected
        assert "encoding big5" in next(o.message for o in outcomes if o.name.endswith("a020.txt"))
        dbs.append(db)
    for sql in ("SELECT rowid, id, name, encoding, source_group FROM articles ORDER BY rowid",
                "SELECT id, article_seq, position, entity, predicate, number FROM claims ORDER BY id",
                "SELECT name, ok, message FROM ingest_log ORDER BY id"):
        assert table(dbs[0], sql) == table(dbs[1], sql)


def test_batch_an_article_that_fails_to_store_leaves_nothing_and_the_others_whole(tmp_path, nlp, monkeypatch):
    """One transaction holds many articles, each in its own savepoint: an article whose storing fails
    half-way (its row written, its claims not) is rolled back whole, reported by name, and the
    articles before and after it in the same transaction are stored with their fact groups."""
    from checker import facts, storage

    real = storage.store_extraction

    def failing(db, ex):
        saved = real(db, ex)
        if ex.article.name == "a007.txt":
            raise sqlite3.IntegrityError("disk says no")
        return saved

    monkeypatch.setattr(storage, "store_extraction", failing)
    db = open_db(tmp_path / "x.db")
    outcomes = ingest_items(db, nlp, [Item(f"a{i:03d}.txt", archive_article(i), "utf_8") for i in range(12)])
    assert [o.ok for o in outcomes] == [i != 7 for i in range(12)]
    assert "could not be stored: disk says no" in outcomes[7].message
    names = [r[0] for r in db.execute("SELECT name FROM articles ORDER BY rowid")]
    assert names == [f"a{i:03d}.txt" for i in range(12) if i != 7]
    assert db.execute("SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == sum(o.claims for o in outcomes)
    groups = table(db, "SELECT entity, predicate, status, n_claims, n_sources, summary FROM fact_groups ORDER BY 1, 2")
    storage.write_retrying(db, lambda d: facts.refresh(d))  # the tallies count exactly what was stored
    assert groups == table(db, "SELECT entity, predicate, status, n_claims, n_sources, summary FROM fact_groups "
                               "ORDER BY 1, 2")


def test_batch_split_into_short_transactions_stores_the_same(tmp_path, nlp, monkeypatch):
    """A batch that takes longer than TRANSACTION_SECONDS to store goes in several transactions
    (here one per article): the same articles, claims, fact groups and log as in one."""
    import checker.batch as batch

    dbs = []
    for limit in (3600.0, 0.0):
        monkeypatch.setattr(batch, "TRANSACTION_SECONDS", limit)
        db = open_db(tmp_path / f"t{limit}.db")
        outcomes = ingest_items(db, nlp, items(12))
        assert len(outcomes) == 13 and sum(not o.ok for o in outcomes) == 1
        dbs.append(db)
    assert dbs[1].execute("SELECT count(DISTINCT at) FROM ingest_log").fetchone()[0] == 13  # one per transaction
    for sql in ("SELECT rowid, id, name, source_group FROM articles ORDER BY rowid",
                "SELECT id, article_seq, position, entity, predicate, number FROM claims ORDER BY id",
                "SELECT entity, predicate, status, n_claims, n_articles, n_sources, n_values, summary FROM fact_groups "
                "ORDER BY 1, 2",
                "SELECT name, ok, message FROM ingest_log ORDER BY id"):
        assert table(dbs[0], sql) == table(dbs[1], sql)


def test_batch_ingest_settings_apply_while_storing_and_are_restored(tmp_path, nlp):
    """An ingest stores with a larger page cache and rarer checkpoints; the connection gets its own back."""
    from checker import storage

    db = open_db(tmp_path / "s.db")
    before = [db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("cache_size", "wal_autocheckpoint")]
    during = []
    ingest_items(db, nlp, [Item("a.txt", archive_article(1), "utf_8")],
                 on_outcome=lambda o: during.append([db.execute(f"PRAGMA {p}").fetchone()[0]
                                                     for p in ("cache_size", "wal_autocheckpoint")]))
    assert during == [[-storage.INGEST_CACHE_KIB, storage.INGEST_CHECKPOINT_PAGES]]
    assert [db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("cache_size", "wal_autocheckpoint")] == before


def test_batch_extraction_workers_yield_the_cpu_to_the_writer_and_the_app():
    """Workers run at a lower priority than the process that stores (and than the app's server)."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from checker import batch

    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=ctx, initializer=batch._init_worker, initargs=("nlp", 0)) as pool:
        worker = pool.submit(os.nice, 0).result()
    assert worker == min(19, os.nice(0) + batch.WORKER_NICE)

"""The ingest pipeline: extraction in worker processes gives what one process gives, in order."""
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

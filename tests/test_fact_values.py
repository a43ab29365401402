"""Fact groups kept by deltas: after any sequence of ingests, re-ingests, source merges and alias
changes, the incremental tallies equal a full `facts --refresh`, and both equal the comparison
rules applied to every claim of every group."""
import json
import random
from dataclasses import replace

import numpy as np
import pytest

from checker import extract, facts, storage
from checker.batch import Extracted, store
from checker.compare import Statement, status, value_key

COMPANIES = ("众信普惠", "眾信普惠", "利信金融", "宏达小贷")


def random_text(rng: random.Random, i: int) -> str:
    name = rng.choice(COMPANIES)
    other = rng.choice(COMPANIES)
    year = rng.choice(["2014", "2015", "2015", ""])
    over = rng.choice(["超过", "", "约"])
    as_of = rng.choice(["2023", "2024", "2023"])
    sentences = [f"{name}成立于{year}年，逾期贷款余额{over}{rng.choice([1, 1.2, 3])}亿元，逾期率为{rng.choice([3.5, 4])}%。",
                 f"截至{as_of}年，该平台注册用户达到{rng.choice([120, 150])}万人。",
                 f"{name}截至{as_of}年的借款人数为{ {'2023': 30, '2024': 45}[as_of] }万人。",
                 f"{other}逾期贷款余额为{rng.choice([8000, 12000])}万元，逾期率从{rng.choice([2.4, 3.5])}%上升到11.6%。"]
    rng.shuffle(sentences)
    return f"{name}逾期调查（第{i}期）\n发布时间:2024-0{rng.randint(1, 9)}-01 | 来源:网络\n\n" + "".join(sentences) + "\n"


def signature(rng: random.Random) -> np.ndarray:
    """A MinHash signature from a palette of four: halves of two palettes bridge their groups."""
    a, b = rng.sample(range(1, 5), 2)
    if rng.random() < 0.3:
        return np.array([a] * 32 + [b] * 32, dtype=np.uint32)
    return np.array([a] * 64, dtype=np.uint32) if rng.random() < 0.5 else \
        np.arange(64, dtype=np.uint32) * 1000 + rng.randint(10, 10 ** 6)


def snapshot(db) -> dict:
    groups = {(r["entity"], r["predicate"]): {k: r[k] for k in ("status", "rank", "n_claims", "n_articles", "n_sources",
                                                                "n_empty", "n_conflicting", "n_values")}
              | {"summary": json.loads(r["summary"])} for r in db.query("SELECT * FROM fact_groups")}
    values = {(r["entity"], r["predicate"], r["level"], r["vkey"], r["as_of"]):
              (r["n_claims"], r["n_sources"], r["n_articles"], r["n_empty"], r["shown"], r["rep_order"],
               r["n_sentence"] == r["n_claims"], r["sentence"] if r["n_sentence"] == r["n_claims"] else None,
               r["conflicts"], r["source"],
               tuple(sorted(db.execute("SELECT source, n FROM fact_sources WHERE value_id = ?", [r["id"]]).fetchall())))
              for r in db.query("SELECT * FROM fact_values")}
    return {"groups": groups, "values": values}


def by_rules(db) -> dict:
    """Every group computed the old way: every claim read, compared by `compare.status`."""
    out = {}
    keys = db.execute("SELECT DISTINCT entity, predicate FROM claims WHERE stale = 0 AND entity != '' "
                      "AND predicate NOT IN ('publication_time', 'event_time')").fetchall()
    for entity, predicate in keys:
        rows = [dict(r) for r in db.query(facts._MEMBER_SQL, [entity, predicate])]
        if not rows:
            continue
        st, conflicting = status([Statement.from_row(r) for r in rows])
        summary: dict = {}
        for r in rows:
            v = summary.setdefault(value_key(Statement.from_row(r)), {
                "value": facts.display_value(r["value"], r["qualifier"], r["empty"]), "as_of": set(), "sources": set(),
                "claims": 0})
            v["sources"].add(r["source"])
            v["claims"] += 1
            if r["as_of"]:
                v["as_of"].add(r["as_of"])
        out[(entity, predicate)] = {
            "status": st, "rank": ["conflict", "empty", "changed", "agree", "single"].index(st), "n_claims": len(rows),
            "n_articles": len({r["article_id"] for r in rows}), "n_sources": len({r["source"] for r in rows}),
            "n_empty": sum(bool(r["empty"]) for r in rows), "n_conflicting": len(conflicting), "n_values": len(summary),
            "summary": [{"value": v["value"], "as_of": sorted(v["as_of"])[:5], "sources": len(v["sources"]),
                         "claims": v["claims"]} | ({"more_as_of": True} if len(v["as_of"]) > 5 else {})
                        for v in list(summary.values())[:20]]}
    return out


def refreshed(db) -> dict:
    storage.write_retrying(db, lambda d: facts.refresh(d))
    return snapshot(db)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_fact_values_incremental_equals_full_refresh(fresh_db, nlp, seed):
    rng = random.Random(seed)
    stored: list = []  # extractions stored so far
    n = 0
    seen = set()
    for step in range(14):
        batch = []
        for _ in range(rng.randint(1, 5)):
            op = rng.random()
            if stored and op < 0.15:  # the same article again, identical
                batch.append(Extracted("again.txt", "utf_8", *rng.choice(stored)))
            elif stored and op < 0.3:  # the same article, fewer claims (a changed extractor)
                ex, sig = rng.choice(stored)
                fewer = replace(ex, claims=tuple(c for c in ex.claims if rng.random() < 0.6))
                batch.append(Extracted("fewer.txt", "utf_8", fewer, sig))
            else:
                n += 1
                ex = extract(nlp, random_text(rng, n), f"a{n}.txt")
                stored.append((ex, signature(rng)))
                batch.append(Extracted(f"a{n}.txt", "utf_8", *stored[-1]))
        assert all(o.ok for o in store(fresh_db, batch))
        if step % 5 == 4:
            facts.merge(fresh_db, "宏达小贷", "利信金融")
        if step % 5 == 2 and facts.aliases(fresh_db):
            facts.split(fresh_db, "宏达小贷")
        incremental = snapshot(fresh_db)
        assert incremental["groups"] == by_rules(fresh_db)
        full = refreshed(fresh_db)
        diff = {k: (v, full["values"].get(k)) for k, v in incremental["values"].items() if full["values"].get(k) != v}
        assert not diff
        assert incremental == full
        seen |= {g["status"] for g in incremental["groups"].values()}
    if seed <= 3:  # these sequences exercise every rule
        assert seen == {"conflict", "empty", "changed", "agree", "single"}
    merged = fresh_db.execute("SELECT count(*) FROM articles WHERE source_group != id").fetchone()[0]
    assert merged > 0


def test_fact_values_old_database_is_rebuilt_on_next_ingest(fresh_db, nlp):
    ex = extract(nlp, random_text(random.Random(5), 1), "a.txt")
    store(fresh_db, [Extracted("a.txt", "utf_8", ex, signature(random.Random(5)))])
    expected = snapshot(fresh_db)
    fresh_db.execute("DELETE FROM fact_values")  # as a database from before the tallies
    fresh_db.execute("DELETE FROM fact_sources")
    fresh_db.execute("INSERT INTO fact_rebuild (reason) VALUES ('test')")
    assert facts.needs_rebuild(fresh_db)
    store(fresh_db, [Extracted("a.txt", "utf_8", ex, signature(random.Random(5)))])
    assert not facts.needs_rebuild(fresh_db)
    assert snapshot(fresh_db) == expected


def test_fact_values_storage_does_not_touch_fact_groups(fresh_db, nlp):
    """storage stores; facts keeps the groups (the pipeline calls one, then the other)."""
    ex = extract(nlp, random_text(random.Random(6), 1), "a.txt")
    storage.save_extraction(fresh_db, ex)
    assert fresh_db["claims"].count > 0 and fresh_db["fact_groups"].count == 0


def test_fact_values_counts_kept_on_a_database_from_before_them(tmp_path, nlp):
    """A database from before the groups kept their counts of values and conflicts (schema 13) gets
    them from its rows when opened, and the next ingests keep them as a refresh would."""
    before = next(i for i, sql in enumerate(storage.MIGRATIONS) if "n_conflict_pools" in sql)
    path = tmp_path / "old.db"
    rng = random.Random(2)
    texts = [random_text(rng, i) for i in range(12)]
    old = storage.open_db(path)
    for i, text in enumerate(texts[:8]):
        store(old, [Extracted(f"a{i}.txt", "utf_8", extract(nlp, text, f"a{i}.txt"), signature(rng))])
    for column in ("n_values", "n_conflict_pools", "n_conflicting"):  # back to schema 13
        old.execute(f"ALTER TABLE fact_values DROP COLUMN {column}")
    old.execute(f"PRAGMA user_version = {before}")
    old.conn.close()
    db = storage.open_db(path)
    assert snapshot(db)["groups"] == by_rules(db)
    assert any(g["n_conflicting"] for g in snapshot(db)["groups"].values())
    for i, text in enumerate(texts[8:], start=8):
        store(db, [Extracted(f"a{i}.txt", "utf_8", extract(nlp, text, f"a{i}.txt"), signature(rng))])
    assert snapshot(db)["groups"] == by_rules(db)
    db.conn.close()


def test_fact_values_reingest_replaces_band_keys(fresh_db, nlp):
    """An article stored again with another signature is found by its new band keys only."""
    from checker import dedup

    ex = extract(nlp, random_text(random.Random(3), 1), "a.txt")
    first, second = (np.arange(64, dtype=np.uint32) * 7 + k for k in (1, 5))
    store(fresh_db, [Extracted("a.txt", "utf_8", ex, first)])
    store(fresh_db, [Extracted("a.txt", "utf_8", ex, second)])
    keys = sorted(r[0] for r in fresh_db.execute("SELECT key FROM article_bands WHERE article_id = ?", [ex.article.id]))
    assert keys == sorted(dedup.bands(second))


def test_fact_values_summary_lists_a_values_first_times(fresh_db, nlp):
    """A value stated about many times shows its first five and says there are more (the summary
    reads a few rows per value, however long the desk has reported it)."""
    rng = random.Random(4)
    for i, year in enumerate(range(2015, 2022)):
        text = f"众信普惠用户调查\n\n截至{year}年，众信普惠注册用户达到120万人。\n"
        store(fresh_db, [Extracted(f"u{i}.txt", "utf_8", extract(nlp, text, f"u{i}.txt"), signature(rng))])
    group = next(g for g in facts.groups(fresh_db) if g["entity"] == "众信普惠" and g["summary"][0]["claims"] == 7)
    assert group["summary"][0]["as_of"] == ["2015", "2016", "2017", "2018", "2019"]
    assert group["summary"][0]["more_as_of"] is True
    assert snapshot(fresh_db)["groups"] == by_rules(fresh_db)

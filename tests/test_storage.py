import pytest

from checker import Verdict, add_verdict, extract, storage
from checker.storage import save_extraction

ARTICLE = """宏达小贷逾期事件
发布时间:2025-03-01 | 来源:网络
宏达小贷成立于2016年，总部位于深圳。截至2024年，宏达小贷的逾期贷款余额超过2亿元，逾期率为3.5%。
"""


def test_storage_round_trip(fresh_db, nlp):
    ex = extract(nlp, ARTICLE, "hongda.txt")
    saved = save_extraction(fresh_db, ex)
    assert saved["claims"] == len(ex.claims) > 0
    claims = storage.claims_for_article(fresh_db, ex.article.id)
    assert [(c["predicate"], c["number"]) for c in claims] == [(c.predicate, c.number) for c in ex.claims]
    art = storage.get_article(fresh_db, ex.article.id)
    assert art["text"] == ARTICLE and art["published"] == "2025-03-01" and art["main_entity"] == "宏达小贷"
    for c in claims:
        assert c["empty"] or c["value"] in ARTICLE[c["start"]:c["end"]]
    assert ARTICLE[claims[0]["start"]:claims[0]["end"]] == "成立于2016年"


def test_storage_reingest_keeps_claims_and_verdicts(fresh_db, nlp):
    ex = extract(nlp, ARTICLE, "hongda.txt")
    save_extraction(fresh_db, ex)
    cid = ex.claims[0].claim_id
    add_verdict(fresh_db, Verdict(cid, "verified", "王小明", "checked the registry"))
    again = save_extraction(fresh_db, extract(nlp, ARTICLE, "hongda.txt"))
    assert again["existed"] and again["new"] == 0
    assert fresh_db["claims"].count == len(ex.claims)
    assert fresh_db["articles"].count == 1
    assert storage.get_claim(fresh_db, cid)["verdict"] == "verified"
    assert len(storage.history(fresh_db, cid)) == 1


def test_storage_verdict_history_is_append_only(fresh_db, nlp):
    ex = extract(nlp, ARTICLE, "hongda.txt")
    save_extraction(fresh_db, ex)
    cid = ex.claims[1].claim_id
    add_verdict(fresh_db, Verdict(cid, "unsupported", "王小明"))
    add_verdict(fresh_db, Verdict(cid, "contradictory", "李华", "annual report says otherwise"))
    hist = storage.history(fresh_db, cid)
    assert [(h["verdict"], h["reviewer"]) for h in hist] == [("unsupported", "王小明"), ("contradictory", "李华")]
    assert all(h["created_at"].endswith("Z") for h in hist)
    claim = storage.get_claim(fresh_db, cid)
    assert (claim["verdict"], claim["verdict_by"]) == ("contradictory", "李华")
    assert storage.progress(fresh_db)["reviewed"] == 1


def test_storage_next_claim_walks_the_queue(fresh_db, nlp):
    ex = extract(nlp, ARTICLE, "hongda.txt")
    save_extraction(fresh_db, ex)
    first = storage.next_claim(fresh_db)
    add_verdict(fresh_db, Verdict(first["id"], "verified", "王小明"))
    second = storage.next_claim(fresh_db)
    assert second["id"] != first["id"] and second["position"] == first["position"] + 1


def test_storage_unknown_claim_or_bad_verdict(fresh_db):
    with pytest.raises(KeyError):
        add_verdict(fresh_db, Verdict("nope", "verified", "王小明"))
    with pytest.raises(ValueError, match="reviewer"):
        Verdict("x", "verified", "  ")
    with pytest.raises(ValueError, match="verdict must be"):
        Verdict("x", "maybe", "王小明")


def test_storage_progress_counters_match_a_full_count(fresh_db, nlp):
    ex = extract(nlp, ARTICLE, "hongda.txt")
    save_extraction(fresh_db, ex)
    ids = [c.claim_id for c in ex.claims]
    add_verdict(fresh_db, Verdict(ids[0], "verified", "王小明"))
    add_verdict(fresh_db, Verdict(ids[0], "contradictory", "王小明"))  # a change of mind
    add_verdict(fresh_db, Verdict(ids[1], "unsupported", "李华"))
    # the article changes: one reviewed claim goes stale, unreviewed ones are dropped
    save_extraction(fresh_db, extract(nlp, ARTICLE.replace("逾期率为3.5%", "逾期率为4%"), "hongda.txt"))

    def direct(predicate=None):
        rows = fresh_db.query("SELECT coalesce(verdict, '') AS v, count(*) AS n FROM claims WHERE stale = 0"
                              + (" AND predicate = ?" if predicate else "") + " GROUP BY v",
                              [predicate] if predicate else [])
        counts = {r["v"]: r["n"] for r in rows}
        return sum(counts.values()), sum(n for v, n in counts.items() if v)

    for predicate in (None, "overdue_rate", "founded"):
        p = storage.progress(fresh_db, predicate=predicate)
        assert (p["total"], p["reviewed"]) == direct(predicate)
    assert storage.progress(fresh_db)["contradictory"] == 1


def test_storage_claims_the_extractor_drops(fresh_db, nlp):
    """A re-ingest that no longer finds a claim keeps it (stale) if it has a verdict, drops it if not."""
    from dataclasses import replace

    ex = extract(nlp, ARTICLE, "hongda.txt")
    save_extraction(fresh_db, ex)
    reviewed, unreviewed = ex.claims[1], ex.claims[2]
    add_verdict(fresh_db, Verdict(reviewed.claim_id, "verified", "王小明"))
    fewer = replace(ex, claims=[c for c in ex.claims if c not in (reviewed, unreviewed)])
    save_extraction(fresh_db, fewer)
    assert storage.get_claim(fresh_db, reviewed.claim_id)["stale"] == 1
    assert storage.get_claim(fresh_db, unreviewed.claim_id) is None
    assert storage.history(fresh_db, reviewed.claim_id)[0]["verdict"] == "verified"
    p = storage.progress(fresh_db)
    assert (p["total"], p["reviewed"]) == (len(ex.claims) - 2, 0)
    from checker import export

    exported = {r["claim_id"]: r for r in export.rows(fresh_db)}
    assert exported[reviewed.claim_id]["stale"] is True and exported[reviewed.claim_id]["verdict"] == "verified"
    assert unreviewed.claim_id not in exported


def test_storage_article_search_is_literal(fresh_db, nlp):
    save_extraction(fresh_db, extract(nlp, ARTICLE, "hongda_100%.txt"))
    assert [a["name"] for a in storage.list_articles(fresh_db, "100%")] == ["hongda_100%.txt"]
    assert storage.list_articles(fresh_db, "%逾期%x") == []
    assert len(storage.list_articles(fresh_db, "宏达")) == 1


def test_storage_verdict_time_is_taken_inside_the_write_transaction(fresh_db, nlp, monkeypatch):
    """A time taken before BEGIN IMMEDIATE lets a writer that waited for the lock record an earlier
    time than the verdict committed before it (7 of 2,000 out of order under contention)."""
    save_extraction(fresh_db, extract(nlp, ARTICLE, "a.txt"))
    claim = storage.next_claim(fresh_db)
    taken_in = []
    real_now = storage.now

    def now():
        taken_in.append(fresh_db.conn.in_transaction)
        return real_now()

    monkeypatch.setattr(storage, "now", now)
    add_verdict(fresh_db, Verdict(claim["id"], "verified", "王小明"))
    storage.add_verdicts(fresh_db, [Verdict(claim["id"], "unsupported", "李华")])
    assert taken_in == [True, True]
    times = [r["created_at"] for r in fresh_db["verdicts"].rows_where(order_by="id")]
    assert times == sorted(times) and len(times) == 2

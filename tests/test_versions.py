"""Article versions (issue 9): an edited article re-ingested under its name is its next version."""
from __future__ import annotations

import csv
import io

from checker import Verdict, add_verdict, facts, storage
from checker.batch import ingest_upload
from checker.export import csv_bytes
from checker.versions import changes, versions

V1 = """宏达小贷逾期事件
发布时间:2025-03-01 | 来源:网络
宏达小贷成立于2016年，总部位于深圳。截至2024年，宏达小贷的逾期贷款余额超过2亿元，逾期率为3.5%。
"""
V2 = V1.replace("逾期率为3.5%", "逾期率为4.1%")


def _claim(db, article_id, predicate):
    [row] = [c for c in storage.claims_for_article(db, article_id) if c["predicate"] == predicate]
    return row


def test_edited_article_is_a_new_version_that_keeps_unchanged_verdicts(fresh_db, nlp):
    [first] = ingest_upload(fresh_db, nlp, "hongda.txt", V1.encode())
    founded, rate = _claim(fresh_db, first.article_id, "founded"), _claim(fresh_db, first.article_id, "overdue_rate")
    add_verdict(fresh_db, Verdict(founded["id"], "verified", "王小明", note="工商登记", evidence="http://e/1"))
    add_verdict(fresh_db, Verdict(rate["id"], "contradictory", "王小明"))

    [second] = ingest_upload(fresh_db, nlp, "hongda.txt", V2.encode())

    assert second.ok and second.article_id != first.article_id
    assert f"{second.claims - 1} claims unchanged (1 verdict carried over), 1 new or changed to review, " \
           "1 no longer in the text" in second.message
    old, new = storage.get_article(fresh_db, first.article_id), storage.get_article(fresh_db, second.article_id)
    assert (old["version"], old["superseded_by"], new["version"], new["superseded_by"]) == (1, new["id"], 2, None)
    # the unchanged claim keeps its verdict, and its history says where it came from
    kept = _claim(fresh_db, second.article_id, "founded")
    assert (kept["verdict"], kept["verdict_by"]) == ("verified", "王小明")
    [carried] = storage.history(fresh_db, kept["id"])
    assert carried["note"] == f"carried from the earlier version (v1, claim {founded['id']}): 工商登记"
    assert carried["evidence"] == "http://e/1" and carried["reviewer"] == "王小明"
    # the changed claim is new, unreviewed, in the queue; the earlier claims are out of it
    changed = _claim(fresh_db, second.article_id, "overdue_rate")
    assert changed["value"] == "4.1%" and changed["verdict"] is None
    queue = []
    claim = storage.next_claim(fresh_db, only_open=False)
    while claim and claim["id"] not in queue:
        queue.append(claim["id"])
        claim = storage.next_claim(fresh_db, after=storage.queue_key(claim, "article"), only_open=False)
    assert set(queue) == {c["id"] for c in storage.claims_for_article(fresh_db, second.article_id)}
    assert storage.claims_for_article(fresh_db, first.article_id) == []
    # the vanished claim keeps its verdict (stale, 1); the carried one is marked 2
    stale = {r["id"]: r["stale"] for r in fresh_db.query("SELECT id, stale FROM claims WHERE article_id = ?",
                                                         [first.article_id])}
    assert stale[rate["id"]] == 1 and stale[founded["id"]] == 2
    # versions never conflict nor count as two sources
    [group] = facts.groups(fresh_db, entity="宏达小贷", predicate="overdue_rate")
    assert (group["status"], group["n_sources"], group["n_articles"]) == ("single", 1, 1)
    assert all(g["n_sources"] == 1 and g["status"] != "conflict" for g in facts.groups(fresh_db))
    # exported once each: the carried verdict on the new claim, the vanished one marked stale
    rows = list(csv.DictReader(io.StringIO(csv_bytes(fresh_db).decode("utf-8-sig"))))
    assert len(rows) == second.claims + 1
    assert [v["id"] for v in versions(fresh_db, second.article_id)] == [first.article_id, second.article_id]
    assert changes(fresh_db, first.article_id, second.article_id)["removed"] == [rate["text"]]
    assert changes(fresh_db, first.article_id, second.article_id)["added"] == [changed["text"]]


def test_same_text_under_another_name_is_not_renamed_and_old_text_changes_nothing(fresh_db, nlp):
    [first] = ingest_upload(fresh_db, nlp, "hongda.txt", V1.encode())
    [again] = ingest_upload(fresh_db, nlp, "copy of hongda.txt", V1.encode())
    assert again.article_id == first.article_id and again.message.startswith("re-ingested")
    assert storage.get_article(fresh_db, first.article_id)["name"] == "hongda.txt"
    [second] = ingest_upload(fresh_db, nlp, "hongda.txt", V2.encode())
    [old] = ingest_upload(fresh_db, nlp, "hongda.txt", V1.encode())  # the earlier text once more
    assert old.ok and "an earlier version (v1)" in old.message
    assert storage.get_article(fresh_db, second.article_id)["superseded_by"] is None
    assert storage.claims_for_article(fresh_db, first.article_id) == []
    assert fresh_db["articles"].count == 2


def test_articles_page_shows_versions(fresh_db, nlp, db_file, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    ingest_upload(fresh_db, nlp, "hongda.txt", V1.encode())
    ingest_upload(fresh_db, nlp, "hongda.txt", V2.encode())
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("app_pages/articles.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert sorted(table["版本"]) == ["v1（旧）", "v2"]


def test_a_dispute_between_two_reviewers_is_carried_to_the_new_version(fresh_db, nlp):
    [first] = ingest_upload(fresh_db, nlp, "hongda.txt", V1.encode())
    founded = _claim(fresh_db, first.article_id, "founded")
    add_verdict(fresh_db, Verdict(founded["id"], "verified", "王小明"))
    add_verdict(fresh_db, Verdict(founded["id"], "unsupported", "李华"))
    assert storage.get_claim(fresh_db, founded["id"])["disputed"]
    [second] = ingest_upload(fresh_db, nlp, "hongda.txt", V2.encode())
    kept = _claim(fresh_db, second.article_id, "founded")
    assert kept["disputed"] and (kept["verdict"], kept["verdict_by"]) == ("unsupported", "李华")
    assert [(h["reviewer"], h["verdict"]) for h in storage.history(fresh_db, kept["id"])] == [
        ("王小明", "verified"), ("李华", "unsupported")]
    assert not storage.get_claim(fresh_db, founded["id"])["disputed"]  # the dispute moved with the verdicts


def test_another_article_under_the_same_file_name_is_not_a_version(fresh_db, nlp):
    """index.html from two folders: the same name, unrelated texts: two current articles."""
    other = ("众信普惠逾期调查\n众信普惠成立于2016年，总部位于杭州。截至2024年9月，众信普惠逾期贷款余额为1.2亿元，"
             "借款人超过2万名。\n")
    [first] = ingest_upload(fresh_db, nlp, "index.html.txt", V1.encode())
    [second] = ingest_upload(fresh_db, nlp, "index.html.txt", other.encode())
    assert "version" not in second.message
    for outcome in (first, second):
        article = storage.get_article(fresh_db, outcome.article_id)
        assert (article["version"], article["superseded_by"]) == (1, None)
        assert storage.claims_for_article(fresh_db, outcome.article_id)


def test_corrections_follow_unchanged_claims_and_added_claims_to_the_new_version(fresh_db, nlp):
    """A reviewer's fixes, not-a-claim marks and added claims are not lost when the article is
    re-ingested with an edit: they move to the new version, offsets shifted with the text."""
    from checker import corrections

    [first] = ingest_upload(fresh_db, nlp, "hongda.txt", V1.encode())
    founded = _claim(fresh_db, first.article_id, "founded")
    place = next(c for c in storage.claims_for_article(fresh_db, first.article_id) if c["value"] == "深圳")
    corrections.fix(fresh_db, founded["id"], "王小明", subject="宏达小额贷款公司")
    corrections.not_a_claim(fresh_db, place["id"], "王小明")
    old_text = storage.get_article(fresh_db, first.article_id)["text"]
    corrections.add(fresh_db, first.article_id, "王小明", "来源:网络", "来源", "宏达小贷")

    # an edit that inserts words near the top moves every later offset
    edited = V2.replace("宏达小贷逾期事件\n", "宏达小贷逾期事件（更新）\n")
    [second] = ingest_upload(fresh_db, nlp, "hongda.txt", edited.encode())

    assert "3 corrections carried over" in second.message
    new_text = storage.get_article(fresh_db, second.article_id)["text"]
    gold = corrections.gold_claims(fresh_db, second.article_id)
    fixed = [g for g in gold if g["predicate"] == "founded"]
    assert [g["subject"] for g in fixed] == ["宏达小额贷款公司"]
    assert new_text[fixed[0]["start"]:fixed[0]["end"]] == old_text[founded["start"]:founded["end"]]
    assert not any(g["value"] == "深圳" for g in gold)  # still not a claim
    [added] = [g for g in gold if g["predicate"] == "来源"]
    assert new_text[added["start"]:added["end"]] == "来源:网络"
    # the earlier version keeps its own corrections untouched
    assert len(corrections.for_article(fresh_db, first.article_id)) == 3

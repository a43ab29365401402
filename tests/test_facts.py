"""Fact groups on the sample articles, near-duplicate sources, aliases, group verdicts."""
import pytest

from checker import facts, open_db, storage
from checker.cli import main


@pytest.fixture
def db(sample_db, tmp_path):
    """A private copy of the sample database (tests here write to it)."""
    import shutil

    path = tmp_path / "facts.db"
    src = open_db(sample_db)
    src.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.conn.close()
    shutil.copy(sample_db, path)
    d = open_db(path)
    yield d
    d.conn.close()


def group(db, entity, predicate):
    [g] = [g for g in facts.groups(db, entity=entity, predicate=predicate, limit=1000) if g["entity"] == entity]
    return g


@pytest.mark.parametrize("entity,predicate,expected,values", [
    ("利信金融", "founded", "conflict", {"2015年", "2014年", "(empty)"}),
    ("众信普惠", "overdue_balance", "conflict", {"超過1億元", "1.2亿元", "8000万元"}),
    ("宏达小贷", "registered_capital", "changed", {"38.69亿元", "100亿元"}),
    ("掌众金融", "founded", "single", {"2013年"}),  # two copies of one article: one source
    ("众信普惠", "founded", "agree", {"2016年"}),
    ("利信金融", "headquarters", "agree", {"深圳"}),
    ("小米金融", "overdue_amount", "single", {"13萬"}),
    ("众信普惠", "bad_debt_rate", "empty", {"(empty)", "约为6.5%"}),
])
def test_facts_group_status(db, entity, predicate, expected, values):
    g = group(db, entity, predicate)
    assert g["status"] == expected
    assert {v["value"] for v in g["summary"]} == values


def test_facts_conflict_members_are_marked(db):
    members = facts.members(db, "众信普惠", "overdue_balance")
    by_value = {m["value"]: m for m in members}
    assert by_value["8000万元"]["conflict"] and by_value["超過1億元"]["conflict"]
    assert by_value["超過1億元"]["article"] == "04_zhongxin_over_1yi_trad.txt"
    help_ = facts.suggestion(members)
    assert set(help_["contradictory"]) == {m["id"] for m in members if m["conflict"]}


def test_facts_repost_is_one_source(db):
    rows = {r["name"]: r["source_group"] for r in db.query("SELECT name, source_group FROM articles")}
    assert rows["09_zhangzhong_2013_simp.txt"] == rows["10_zhangzhong_repost_trad.txt"]
    assert len(set(rows.values())) == len(rows) - 1
    g = group(db, "掌众金融", "founded")
    assert (g["n_articles"], g["n_sources"]) == (2, 1)


def test_facts_traditional_and_simplified_are_one_entity(db):
    names = {r["entity"] for r in db.query("SELECT DISTINCT entity FROM claims")}
    assert "掌众金融" in names and "掌眾金融" not in names and "眾信普惠" not in names


def test_facts_alias_merge_and_split(db):
    before = group(db, "宏达小贷", "loan_amount")["n_claims"]
    of_group = sum(g["n_claims"] for g in facts.groups(db, entity="宏达集团", limit=1000) if g["entity"] == "宏达集团")
    moved = facts.merge(db, "宏达集团", "宏达小贷", by="王小明")
    assert moved == of_group >= 1  # the group's lending figure (the chairman is 宏达小贷's, as the gold says)
    assert group(db, "宏达小贷", "loan_amount")["n_claims"] == before + 1
    assert facts.canonical_entity(db, "宏达集团") == "宏达小贷"
    assert [a["alias"] for a in facts.aliases(db)] == ["宏达集团"]
    assert facts.split(db, "宏达集团") == of_group
    assert group(db, "宏达小贷", "loan_amount")["n_claims"] == before
    assert group(db, "宏达集团", "loan_amount")["n_claims"] == 1
    with pytest.raises(KeyError):
        facts.split(db, "宏达集团")


def test_facts_group_verdict_writes_one_history_row_per_claim(db):
    ids = facts.group_claim_ids(db, "利信金融", "founded")
    assert facts.apply_verdict(db, ids, "contradictory", "李华", "三篇报道年份不一") == len(ids) == 3
    for cid in ids:
        [h] = storage.history(db, cid)
        assert (h["verdict"], h["reviewer"], h["note"]) == ("contradictory", "李华", "三篇报道年份不一")


def test_facts_same_statement_across_articles(db):
    founded = facts.members(db, "掌众金融", "founded")
    assert len(facts.same_statement(db, founded[0]["id"])) == 2


def test_facts_cli(db, capsys):
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    assert main(["facts", "--status", "conflict", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "利信金融" in out and "众信普惠" in out and out.splitlines()[0].startswith("conflict")
    assert main(["facts", "--format", "jsonl", "--entity", "宏達小貸", "--db", path]) == 0
    assert '"registered_capital"' in capsys.readouterr().out
    assert main(["alias", "merge", "宏达集团", "宏达小贷", "--db", path]) == 0
    assert main(["alias", "split", "宏达集团", "--db", path]) == 0
    assert main(["alias", "merge", "only-one", "--db", path]) == 2


def test_facts_alias_can_be_pointed_elsewhere(db):
    before = group(db, "利信金融", "loan_amount")["n_claims"]
    moved = facts.merge(db, "宏达集团", "宏达小贷")
    assert facts.merge(db, "宏达集团", "利信金融") == moved >= 1
    assert group(db, "利信金融", "loan_amount")["n_claims"] == before + 1
    assert all(g["entity"] != "宏达集团" for g in facts.groups(db, predicate="loan_amount", limit=100))
    assert facts.canonical_entity(db, "宏达集团") == "利信金融"


def test_facts_generic_predicates_make_no_group(tmp_path):
    """A bare 比例 or 金额 names no one fact: two articles' different values under it are no conflict."""
    from checker import fact_values

    assert not fact_values.compared({"entity": "甲乙金融", "predicate": "比例"})
    assert not fact_values.compared({"entity": "甲乙金融", "predicate": "倍数"})
    assert fact_values.compared({"entity": "甲乙金融", "predicate": "逾期率"})
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("甲乙金融公布了季度数据。其中，比例为12.5%。", encoding="utf-8")
    (d / "b.txt").write_text("甲乙金融发布年报。其中，比例为48.3%。", encoding="utf-8")
    assert main(["ingest", str(d), "--db", str(tmp_path / "g.db")]) == 0
    db = open_db(tmp_path / "g.db")
    assert not [g for g in facts.groups(db, limit=1000) if g["predicate"] in fact_values.NOT_COMPARED]
    assert not facts.groups(db, status="conflict")


def test_facts_periods_events_and_buckets_across_articles(tmp_path):
    """Across two articles: a launch date stated twice agrees; a balance at two quarters' ends is a
    change; two buckets of the overdue rate, and results of different quarters, are no conflict."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(
        "青松贷为白桦金融信息服务公司旗下网贷平台，于2015年11月上线运营。\n"
        "截至2025年三季度末，青松贷在贷余额为628.27亿元。青松贷在2025年第三季度实现净营收19.61亿元。\n"
        "青松贷贷款31-60天的逾期率已升至1.85%。", encoding="utf-8")
    (d / "b.txt").write_text(
        "“青松贷”网贷平台2015年11月上线运营，总部位于杭州。\n"
        "2025年第一季度末，青松贷在贷余额为584.03亿元。2025年前三季度，青松贷实现营业收入61.72亿元。\n"
        "青松贷贷款91-180天的逾期率更是攀升至3.52%。", encoding="utf-8")
    assert main(["ingest", str(d), "--db", str(tmp_path / "g.db")]) == 0
    db = open_db(tmp_path / "g.db")
    assert group(db, "青松贷", "launched")["status"] == "agree"
    assert group(db, "青松贷", "loan_balance")["status"] == "changed"
    assert not facts.groups(db, status="conflict")

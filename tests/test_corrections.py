"""Corrections of the extraction: kept apart, surviving re-ingestion, exported as gold that
`checker eval` scores the extractor against."""
import json
import subprocess
import sys

import pytest

from checker import Verdict, add_verdicts, corrections, open_db, storage
from checker.cli import main
from checker.evaluate import evaluate
from conftest import ROOT

ARTICLE = "测试贷平台调查\n\n测试贷成立于2016年，总部位于上海，逾期金额超过3亿元。\n"


@pytest.fixture
def desk(tmp_path):
    src = tmp_path / "in" / "测试贷.txt"
    src.parent.mkdir()
    src.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "c.db"
    assert main(["ingest", str(src), "--db", str(db)]) == 0
    conn = open_db(db)
    yield conn, db, src
    conn.conn.close()


def claim(conn, predicate):
    return next(c for c in storage.claims_for_article(conn, storage.next_claim(conn, only_open=False)["article_id"])
                if c["predicate"] == predicate)


def test_corrections_become_gold_that_eval_scores(desk, tmp_path, nlp, capsys):
    conn, db, src = desk
    aid = claim(conn, "founded")["article_id"]
    ids = [c["id"] for c in storage.claims_for_article(conn, aid)]
    add_verdicts(conn, [Verdict(i, "verified", "甲") for i in ids])  # a fully reviewed article is gold as it is
    out = tmp_path / "gold0"
    assert main(["export", "--gold", str(out), "--db", str(db)]) == 0
    report = evaluate(nlp, out / "data", out / "gold")
    assert (report.overall.fp, report.overall.fn) == (0, 0) and report.overall.tp == len(ids)

    corrections.not_a_claim(conn, claim(conn, "headquarters")["id"], "甲")
    corrections.fix(conn, claim(conn, "overdue_amount")["id"], "甲", value="3亿元")
    corrections.add(conn, aid, "甲", "逾期金额超过3亿元", "overdue_balance", "测试贷")
    with pytest.raises(ValueError):
        corrections.fix(conn, claim(conn, "founded")["id"], "甲", value="2017年")  # not what the text says
    with pytest.raises(ValueError):
        corrections.add(conn, aid, "甲", "成立于2016年", "founded", "测试贷")  # the extractor has it already
    before = corrections.gold_claims(conn, aid)

    # re-ingesting the article touches neither the corrections nor the gold they make
    assert main(["ingest", str(src), "--db", str(db)]) == 0
    assert conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 3
    assert corrections.gold_claims(conn, aid) == before

    out = tmp_path / "gold1"
    assert main(["export", "--gold", str(out), "--db", str(db)]) == 0
    [gold_file] = list((out / "gold").glob("*.jsonl"))
    gold = [json.loads(line) for line in gold_file.read_text("utf-8").splitlines()]
    assert {g["predicate"] for g in gold} == {"founded", "overdue_amount", "overdue_balance"} | (
        {g["predicate"] for g in gold} & {"publication_time", "event_time"})
    amount = next(g for g in gold if g["predicate"] == "overdue_amount")
    assert (amount["value"], amount["number"], amount["qualifier"]) == ("3亿元", 300000000, "exact")
    added = next(g for g in gold if g["predicate"] == "overdue_balance")
    text = (out / "data" / gold_file.name[:-len(".jsonl")]).read_text("utf-8")
    assert text[added["start"]:added["end"]] == "逾期金额超过3亿元" and added["number"] == 300000000
    checked = subprocess.run([sys.executable, str(ROOT / "annotations" / "gold" / "check_gold.py"), str(out / "data"),
                              str(out / "gold")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    report = evaluate(nlp, out / "data", out / "gold")
    assert report.overall.fp == 1 and report.false_alarms[0][1]["predicate"] == "headquarters"
    assert report.overall.fn == 1 and report.misses[0][1]["predicate"] == "overdue_balance"
    assert report.fields["qualifier"][0] < report.fields["qualifier"][1]  # 超过 read where the desk says exact


def test_corrections_need_a_name_and_a_predicate(desk):
    conn, _, _ = desk
    c = claim(conn, "founded")
    with pytest.raises(ValueError):
        corrections.not_a_claim(conn, c["id"], " ")
    with pytest.raises(ValueError):
        corrections.add(conn, c["article_id"], "甲", "3亿元", " ", "测试贷")
    with pytest.raises(KeyError):
        corrections.fix(conn, "nope", "甲", value="1")
    assert conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_corrections_take_open_predicates(desk):
    """A predicate may be the text's own words, as open extraction makes them: a fix keeps the
    claim's kind, an added claim takes its value's kind."""
    conn, _, _ = desk
    c = claim(conn, "overdue_amount")
    corrections.fix(conn, c["id"], "甲", predicate="逾期未还金额")
    assert (corrections.current(conn, c["id"])["predicate"], corrections.current(conn, c["id"])["kind"]) == (
        "逾期未还金额", "money")
    corrections.add(conn, c["article_id"], "甲", "总部位于上海", "总部所在地", "测试贷")
    [added] = [json.loads(r[0]) for r in conn.execute("SELECT fields FROM corrections WHERE action = 'add'")]
    assert (added["predicate"], added["kind"], added["value"]) == ("总部所在地", "text", "")

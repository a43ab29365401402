"""Value-first extraction: every stated quantity, name in a role and place is a claim, with the
clause's own predicate, the right subject, and empty facts where a value is missing. Sentences are
written for these tests (no third-party text)."""
import pytest

from checker import extract


def claims(nlp, text):
    return extract(nlp, text).claims


def one(nlp, text, value):
    found = [c for c in claims(nlp, text) if c.value == value]
    assert found, [(c.predicate, c.value) for c in claims(nlp, text)]
    return found[0]


@pytest.mark.parametrize("text,value,kind,number,unit", [
    ("青松贷的放款审核通常在2个工作日内完成。", "2个工作日内", "duration", 2, "天"),
    ("青松贷今年的融资次数达到3轮。", "3轮", "count", 3, "轮"),
    ("青松贷罚息为正常利率的1.5倍。", "1.5倍", "multiple", 1.5, "倍"),
    ("青松贷在行业排名第7名。", "排名第7名", "rank", 7, "名"),
    ("青松贷近八成借款人来自三线城市。", "近八成", "percent", 80, "%"),
    ("青松贷单笔借款金额在5000-5万元之间。", "5000-5万元", "money", 5000, "元"),
])
def test_open_extraction_every_quantity_is_a_claim(nlp, text, value, kind, number, unit):
    c = one(nlp, text, value)
    assert (c.kind, c.number, c.unit, c.subject) == (kind, number, unit, "青松贷")


def test_open_extraction_predicate_is_the_clause_phrase(nlp):
    c = one(nlp, "截至2024年末，青松贷的出借人规模达到12万人。", "12万人")
    assert c.predicate == "出借人规模" and c.as_of == "2024-12"
    assert one(nlp, "青松贷成立于2016年。", "2016年").predicate == "founded"  # canonical when a trigger says so


def test_open_extraction_thresholds_are_named_by_what_happens(nlp):
    text = "青松贷规定：逾期第3天起系统自动上报征信，逾期90天以上将提起诉讼。"
    third, ninety = one(nlp, text, "第3天"), one(nlp, text, "90天以上")
    assert "上报征信" in third.predicate and "提起诉讼" in ninety.predicate
    assert (third.number, third.unit, ninety.qualifier) == (3, "天", "over")


@pytest.mark.parametrize("text", [
    "比如某平台借款1万元，分12期还款。",  # a hypothetical
    "逾期一年会怎样？",  # a question
    "青松贷计划明年放款100亿元。",  # a plan
    "记者采访了一名借款人。",  # an indefinite article
    "本文整理了6个常见问题。",  # the article's own parts
])
def test_open_extraction_not_claims(nlp, text):
    assert [c for c in claims(nlp, text) if c.predicate != "event_time"] == []


def test_open_extraction_respectively_pairs_names_and_values(nlp):
    text = "青松贷、白桦金融和红杉小贷的逾期率分别为3.2%、4.5%、6.1%。"
    assert [(c.subject, c.number) for c in claims(nlp, text) if c.kind == "percent"] == [
        ("青松贷", 3.2), ("白桦金融", 4.5), ("红杉小贷", 6.1)]


def test_open_extraction_roles_and_places(nlp):
    text = "青松贷(运营方青松科技)的实际控制人为周立新。青松贷2016年成立于杭州。"
    got = {(c.predicate, c.value, c.kind) for c in claims(nlp, text)}
    assert ("运营方", "青松科技", "name") in got
    assert ("实际控制人", "周立新", "name") in got
    assert ("成立地", "杭州", "place") in got


@pytest.mark.parametrize("text,fragment,kind", [
    ("行业累计成交量已达[X]万亿元，平台数量众多。", "[X]万亿元", "money"),
    ("数据截至[具体时间]，仅供参考。", "[具体时间]", "date"),
    ("从市场情况来看，的放款效率较高。", "的放款", "name"),
    ("平台通过短信、 等多种方式催收。", "、 等", "text"),
])
def test_open_extraction_empty_facts(nlp, text, fragment, kind):
    empty = [c for c in claims(nlp, text) if c.empty]
    assert any(fragment in text[c.start:c.end] and c.kind == kind for c in empty), empty


def test_open_extraction_values_of_one_article_never_conflict(tmp_path, nlp):
    """Different thresholds in one article are different facts (no conflict), while the same
    fact stated differently by two independent articles is one."""
    from checker import facts, open_db
    from checker.batch import ingest_paths

    a = tmp_path / "a.txt"
    a.write_text("青松贷逾期规则\n青松贷逾期1天开始罚息，逾期30天上报征信。青松贷成立于2016年。\n", "utf-8")
    b = tmp_path / "b.txt"
    b.write_text("白桦金融调查\n另据报道，青松贷成立于2015年，总部位于杭州。白桦金融成立于2018年。\n", "utf-8")
    db = open_db(tmp_path / "t.db")
    ingest_paths(db, nlp, [a, b])
    statuses = {(g["entity"], g["predicate"]): g["status"] for g in facts.groups(db, limit=100)}
    assert statuses[("青松贷", "founded")] == "conflict"
    assert "conflict" not in {s for (e, p), s in statuses.items() if p != "founded"}

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


@pytest.mark.parametrize("text,value,predicate", [
    # a gross or net margin is no interest rate; 实现 and the verb of a change are not the predicate
    ("青松科技的毛利率更是飙升至88.5%。", "88.5%", "毛利率"),
    ("青松科技实现营收12亿元。", "12亿元", "营收"),
    # a bucket of days overdue makes the rate a fact of its own (two buckets never conflict)
    ("青松科技贷款31-60天的逾期率已升至1.85%，91-180天的逾期率更是攀升至3.52%。", "1.85%", "31-60天逾期率"),
    ("青松科技贷款31-60天的逾期率已升至1.85%，91-180天的逾期率更是攀升至3.52%。", "3.52%", "91-180天逾期率"),
    ("青松科技的逾期率为2%。", "2%", "overdue_rate"),
    # 分别 pairs a list of predicates with the values after it
    ("2024年，青松科技实现的营业收入、净利润分别为58.72亿元、15.40亿元。", "58.72亿元", "营收"),
    ("2024年，青松科技实现的营业收入、净利润分别为58.72亿元、15.40亿元。", "15.40亿元", "净利润"),
    ("青松科技和白桦科技的放款额分别为2亿元、3亿元。", "2亿元", "放款额"),
    # a date (a footnote's digit glued to it) and 为人民币 between the noun and the value are not the predicate
    ("青松科技未偿还贷款余额共计22025年第一季度末为人民币584.03亿元。", "584.03亿元", "loan_balance"),
    ("青松科技的拨备余额2025年6月底为人民币3.3亿元。", "3.3亿元", "拨备余额"),
    ("| · | 青松科技未偿还贷款余额共计为人民币584.03亿元。 |", "584.03亿元", "loan_balance"),  # a table's bullet
    # the sector and a total are not part of what the figure is
    ("2018年11月网贷平台总成交量为904.66亿元。", "904.66亿元", "成交量"),
])
def test_open_extraction_predicate_words(nlp, text, value, predicate):
    assert one(nlp, text, value).predicate == predicate


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


@pytest.mark.parametrize("text,value,as_of", [
    # a quarter, a quarter's end, a half and the first three quarters are the times their figures hold at
    ("青松科技在2025年第三季度实现净营收19.61亿元。", "19.61亿元", "2025-Q3"),
    ("截至2025年三季度末，青松科技在贷余额为628.27亿元。", "628.27亿元", "2025-09"),
    ("2024年上半年，青松科技营收为3亿元。", "3亿元", "2024-H1"),
    ("2025年前三季度，青松科技实现营业收入61.72亿元。", "61.72亿元", "2025-Q1~Q3"),
    # a period's report dates the figures after it, over the date the report came out
    ("2025年10月，青松(NYSE:QS)2025年第三季度财报发布，单季营收仅850万元。", "850万元", "2025-Q3"),
    # 截至… written after the value in its clause dates it; a period between trigger and value too
    ("青松科技累计活跃借款人数量已达到17.4百万截至2025年3月31日，增长27.6%。", "17.4百万", "2025-03-31"),
    ("青松科技累计交易额达到100亿元（截至2019年6月）。", "100亿元", "2019-06"),
    ("青松科技活跃借款人数量2025年第一季度为243万。", "243万", "2025-Q1"),
    # a period written without its year is in the year the text last named; 去年… is not
    ("2025年前三季度，青松科技营收61.72亿元。第二季度，青松科技实现的营业收入、净利润分别为22.73亿元、5.28亿元。",
     "5.28亿元", "2025-Q2"),
    ("2025年前三季度，青松科技营收61.72亿元。去年第三季度中，青松科技的营收环比下降了13.7%。", "13.7%", None),
    # an article about one period's report: its figures that state no time hold then (not another period's)
    ("青松科技发布2025年第三季度财报。\n更关键的是，青松科技活跃借款人数量为244万。", "244万", "2025-Q3"),
    ("青松科技发布2025年第三季度财报。\n青松科技的拨备从同期的5000万元增至3.32亿元。", "3.32亿元", None),
    ("青松科技发布2025年第三季度财报和2024年年报。\n青松科技活跃借款人数量为244万。", "244万", None),
    # some sites space their dates
    ("青松科技在 2025 年第三季度实现净营收 19.61 亿元人民币。", "19.61 亿元人民币", "2025-Q3"),
    # a year right before the figure's noun is the year the figure is for
    ("青松科技2024年营收为3亿元。", "3亿元", "2024"),
])
def test_open_extraction_periods_are_as_of(nlp, text, value, as_of):
    c = one(nlp, text, value)
    assert c.as_of == as_of and c.subject.startswith("青松") and "年" not in c.predicate and "季度" not in c.predicate


@pytest.mark.parametrize("text,value,predicate,subject", [
    # the verb after a date names the event: launched, renamed, founded (the one who did it is the subject)
    ("青松贷为白桦金融信息服务公司旗下网贷平台，于2015年11月上线运营。", "2015年11月", "launched", "青松贷"),
    ("2025年1月，青松贷悄然更名为“青松资产管理有限公司”。", "2025年1月", "renamed", "青松贷"),
    ("青松中心成立于2012年。时间倒回2012年，青松中心诞生于金融改革的浪潮中。", "2012年", "founded", "青松中心"),
    # the new name after 更名 is what the company became, not who acted
    ("青松中心成立于2013年。平台未停止发新，反而在2025年1月悄然更名“青松资产管理股份有限公司”。", "2025年1月", "renamed",
     "青松中心"),
    # a founding right after the date stays the company's, not the place's after 于
    ("青松贷2007年成立于上海，注册资本10亿元。", "2007年", "founded", "青松贷"),
    # a verb that goes on to an object names no event of the subject's own
    ("2019年，青松贷上线了新功能。", "2019年", "event_time", "青松贷"),
    ("2020年，青松贷设立分公司。", "2020年", "event_time", "青松贷"),
])
def test_open_extraction_named_events(nlp, text, value, predicate, subject):
    c = [c for c in claims(nlp, text) if c.value == value][-1]
    assert (c.predicate, c.subject) == (predicate, subject)


def test_open_extraction_sector_figures_hold_at_the_date_the_data_give(nlp):
    """The lending sector is one subject however a text names it, and a date after 数据显示 dates all the
    data of its paragraph, so two monthly reports make a timeline, not a conflict."""
    text = ("青松研究院数据显示2019年7月P2P网贷行业的成交量为900.28亿元，环比上升0.72%。"
            "P2P网贷行业的贷款余额为6669.94亿元。\n2018年11月网贷平台总成交量为904.66亿元。")
    july, balance, november = one(nlp, text, "900.28亿元"), one(nlp, text, "6669.94亿元"), one(nlp, text, "904.66亿元")
    assert {c.subject for c in (july, balance, november)} == {"网贷行业"}
    assert (july.predicate, july.as_of, balance.as_of) == ("成交量", "2019-07", "2019-07")
    assert (november.predicate, november.as_of) == ("成交量", "2018-11")
    # the sector is no topic for a later 平台, nor the article's main entity
    assert one(nlp, "网贷行业整体下滑。平台逾期率为5%。", "5%").subject != "网贷行业"

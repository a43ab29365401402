"""Rules drawn from real pages (issue 8), each on sentences written for these tests: dates that
head a story, names in roles, full names, places, value patterns and page chrome."""
from checker import extract


def claims(nlp, text):
    return extract(nlp, text).claims


def events(nlp, text):
    return [c.value for c in claims(nlp, text) if c.predicate == "event_time"]


def test_a_date_opening_a_sentence_is_when_it_happened(nlp):
    assert events(nlp, "2017年7月底，一位工程师这样认识了青松贷。") == ["2017年7月底"]
    assert events(nlp, "据报道，7月13日早上，员工们照常上班。") == ["7月13日"]


def test_a_date_heading_a_story_is_an_event_and_dates_its_figures(nlp):
    cs = claims(nlp, "2014年12月27日，她经朋友介绍，向青松贷借款150万元。")
    assert [c.value for c in cs if c.predicate == "event_time"] == ["2014年12月27日"]
    assert [c.as_of for c in cs if c.value == "150万元"] == ["2014-12-27"]


def test_a_year_that_only_dates_a_figure_is_no_event(nlp):
    assert events(nlp, "2022年，青松贷全年放款规模达到96亿元。") == []
    assert events(nlp, "2022年，受行业影响，青松贷的不良率上升至2.35%。") == []


def test_a_date_with_nothing_after_it_is_no_event(nlp):
    assert events(nlp, "截至三个月\n十二月三十一日，\n总收入") == []


def test_spaces_that_separate_words_are_no_dropped_word():
    from checker.damage import find_dropped

    for text in ("人民币 人民币 美元 人民币", "民 事 判 决 书", "青松贷暂停发标 平台称将尽快兑付\n", "行业动态 网站公告"):
        assert find_dropped(text) == [], text
    assert find_dropped("受全 经济放缓影响，平台逾期上升") != []  # a word dropped inside a clause


def test_a_year_before_a_scope_noun_is_no_mid_year_and_no_event(nlp):
    from checker.numbers import scan_values

    assert [v.text for v in scan_values("2016年中国网贷行业报告")] == ["2016年"]
    assert [v.date for v in scan_values("2016年中，平台开始转型") if v.kind == "date"] == ["2016"]
    assert events(nlp, "2016年中国网贷行业投资人流失状况") == []


def test_thousands_set_apart_by_a_space(nlp):
    from checker.numbers import scan_values

    assert [(v.kind, v.number) for v in scan_values("运营平台数增至2 935家，成交规模突破6 000亿元")] == [
        ("count", 2935), ("money", 6e11)]
    assert [v.number for v in scan_values("2020 2021 同比 19.2 %")] == [19.2]  # years in a table heading stay apart


def test_page_counters_after_a_figure_are_no_claims(nlp):
    assert [c.value for c in claims(nlp, "青松贷 发表了文章 • 0 个评论 • 30 次浏览") if c.kind == "count"] == []


def test_a_balance_is_not_the_volume_lent_nor_an_average(nlp):
    cs = {c.value: c.predicate for c in claims(nlp, "截至今年3月，青松贷累计借贷金额1200亿，借贷余额45亿，人均累计出借金额12.5万。")}
    assert cs["1200亿"] == "loan_amount" and cs["45亿"] == "loan_balance"
    assert cs["12.5万"] == "人均累计出借金额"  # an average per lender: its own fact

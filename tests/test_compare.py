"""The comparison rules of checker/compare.py, one behaviour each."""
import pytest

from checker.compare import Statement, agree, comparable, same_time, status


def money(cid, number, qualifier="exact", source=None, as_of=None, sentence=None, number_max=None):
    return Statement(cid, source or cid, "money", False, number, number_max, "元", qualifier, None, "", as_of,
                     sentence or f"s-{cid}")


def date(cid, iso, qualifier="exact", source=None):
    return Statement(cid, source or cid, "date", False, int(iso[:4]), None, "year", qualifier, iso, "", None,
                     f"s-{cid}")


def empty(cid, kind="money"):
    return Statement(cid, cid, kind, True, sentence=f"s-{cid}")


@pytest.mark.parametrize("a,b,expected", [
    (money("a", 1e8, "over"), money("b", 1.2e8), True),  # 超过1亿元 vs 1.2亿元
    (money("a", 1e8, "over"), money("b", 8e7), False),  # 超过1亿元 vs 8000万元
    (money("a", 3e7, "about"), money("b", 3.2e7), True),  # 约3000万 vs 3200万
    (money("a", 3e7), money("b", 3.2e7), False),
    (money("a", 9, "range", number_max=14), money("b", 12), True),
    (money("a", 8000, "under"), money("b", 7999), True),
    (date("a", "2015"), date("b", "2014"), False),
    (date("a", "2024", "early"), date("b", "2024"), True),  # 2024年初 vs 2024年
    (date("a", "2019-03"), date("b", "2019-03-27"), True),
])
def test_compare_agree(a, b, expected):
    assert comparable(a, b)
    assert agree(a, b) is expected


def test_compare_time():
    assert same_time(money("a", 1, as_of="2024"), money("b", 1, as_of="2024-09"))
    assert same_time(money("a", 1), money("b", 1, as_of="2022"))
    assert not same_time(money("a", 1, as_of="2021-12"), money("b", 1, as_of="2022"))


def test_compare_units_and_empties_are_not_compared():
    people = Statement("a", "a", "count", False, 5000, None, "人", "exact", sentence="x")
    loans = Statement("b", "b", "count", False, 41260, None, "笔", "exact", sentence="y")
    assert not comparable(people, loans)
    assert not comparable(money("a", 1), empty("b"))
    items = Statement("c", "c", "count", False, 486, None, "件", "exact", sentence="z")
    posts = Statement("d", "d", "count", False, 486, None, "条", "exact", sentence="w")
    assert comparable(items, posts)


@pytest.mark.parametrize("statements,expected", [
    ([money("a", 1e8, "over"), money("b", 1.2e8), money("c", 8e7)], "conflict"),
    ([date("a", "2015"), date("b", "2014"), empty("c", "date")], "conflict"),
    ([date("a", "2015"), empty("b", "date")], "empty"),
    ([money("a", 3.869e9, as_of="2021-12"), money("b", 1e10, as_of="2022")], "changed"),
    ([money("a", 1e8, "over"), money("b", 1.2e8)], "agree"),
    ([money("a", 1e8), money("b", 1e8, source="a")], "single"),  # two copies of one article
    ([money("a", 1e8)], "single"),
    # one sentence, two values: a change (从2.4%上升到11.6%), not a conflict
    ([money("a", 2.4, sentence="s"), money("b", 11.6, source="a", sentence="s")], "single"),
])
def test_compare_status(statements, expected):
    assert status(statements)[0] == expected


def test_compare_conflicting_ids():
    st, ids = status([money("a", 1e8, "over"), money("b", 1.2e8), money("c", 8e7)])
    assert st == "conflict" and ids == {"a", "b", "c"}  # 8000万 disagrees with both others


def test_compare_many_claims_pool_by_value():
    many = [money(f"x{i}", 1e8, source=f"s{i % 7}") for i in range(3000)] + [money("odd", 5e7)]
    st, ids = status(many)
    assert st == "conflict" and "odd" in ids and len(ids) == 3001


def _stmt(cid, kind, number=None, unit=None, value="", date_=None, source=None):
    return Statement(cid, source or cid, kind, False, number, None, unit, "exact", date_, value, None, f"s-{cid}")


def test_compare_durations_in_days():
    """3个月 and 90天 state about the same length; 7天 and 3个月 do not."""
    assert comparable(_stmt("a", "duration", 3, "月"), _stmt("b", "duration", 90, "天"))
    assert not agree(_stmt("a", "duration", 3, "月"), _stmt("b", "duration", 7, "天"))
    assert status([_stmt("a", "duration", 1, "年"), _stmt("b", "duration", 12, "月")])[0] == "agree"


@pytest.mark.parametrize("kind,a,b,expected", [
    ("name", "姚宏", "姚宏", "agree"), ("name", "姚宏", "张三", "conflict"),
    ("code", "002417.SZ", "002417.SZ", "agree"), ("multiple", 4, 4, "agree"), ("rank", 1, 2, "conflict"),
])
def test_compare_names_codes_and_numbers_without_money(kind, a, b, expected):
    """Names and codes compare by their words (never as numbers: this crashed an ingest)."""
    if isinstance(a, str):
        sa, sb = _stmt("a", kind, value=a), _stmt("b", kind, value=b)
    else:
        sa, sb = _stmt("a", kind, a, "倍"), _stmt("b", kind, b, "倍")
    assert status([sa, sb])[0] == expected


def test_compare_dates_without_a_year_are_not_compared():
    """7月2日 says nothing against 2021-07-02 or 2020-07-02: no conflict, no agreement."""
    a = _stmt("a", "date", None, "year", date_="--07-02")
    b = _stmt("b", "date", 2021, "year", date_="2021-07-02")
    assert not comparable(a, b)
    assert status([a, b])[0] == "single"


def test_compare_one_source_two_values_is_no_conflict():
    """An article's thresholds (逾期1天, 3天, 30天) are different facts, never a conflict."""
    a = _stmt("a", "duration", 1, "天", source="art")
    b = _stmt("b", "duration", 30, "天", source="art")
    assert status([a, b])[0] == "single"
    c = _stmt("c", "duration", 30, "天", source="other")
    assert status([a, c])[0] == "conflict"


def test_compare_anonymised_name_agrees_with_the_full_name():
    assert agree(_stmt("a", "name", value="贺某"), _stmt("b", "name", value="贺鑫"))
    assert not agree(_stmt("a", "name", value="贺某"), _stmt("b", "name", value="张鑫"))


def test_open_predicate_keeps_the_period():
    """A figure's period (Q3, 前三季度) stays in its open predicate while it is not the claim's time:
    cut, it would set one quarter's figure against the nine months' and make a false conflict."""
    from checker.predicates import open_predicate

    for text, value in (("甲乙金融Q3净利润3.1亿元", "3.1亿元"), ("甲乙金融前三季度净利润9.4亿元", "9.4亿元")):
        start = text.index(value)
        assert open_predicate(text, 0, start, start + len(value), len(text), ("甲乙金融",)) != "净利润"


def test_company_results_are_one_fact_whatever_the_name():
    from checker.vocabulary import open_name

    assert open_name("营业收入") == open_name("净营收") == open_name("营收") == "营收"
    assert open_name("净利") == open_name("净利润") == "净利润"
    assert open_name("毛利率") == "毛利率"


def test_compare_company_name_with_or_without_limited():
    """有限 is often left out of a company's name; 股份 names another legal form."""
    assert agree(_stmt("a", "text", value="青松金融信息服务有限公司"), _stmt("b", "text", value="青松金融信息服务公司"))
    assert not agree(_stmt("a", "text", value="青松资产运营有限公司"), _stmt("b", "text", value="青松资产运营股份有限公司"))

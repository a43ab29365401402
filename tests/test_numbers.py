import pytest

from checker.numbers import parse_number, scan_values


@pytest.mark.parametrize("text,number", [
    ("63,700,186.28", 63700186.28), ("1.2万亿", 1.2e12), ("两千万", 2e7), ("十三", 13), ("13万", 130000),
    ("1亿", 1e8), ("3.5", 3.5), ("二〇一五", 2015),
])
def test_numbers_parse_number(text, number):
    assert parse_number(text) == pytest.approx(number)


@pytest.mark.parametrize("text,kind,number,number_max,unit,qualifier", [
    ("超过1亿元", "money", 100000000, None, "元", "over"),
    ("63,700,186.28元", "money", 63700186.28, None, "元", "exact"),
    ("两千万元", "money", 20000000, None, "元", "exact"),
    ("1.2万亿元", "money", 1.2e12, None, "元", "exact"),
    ("约3000万元", "money", 30000000, None, "元", "about"),
    ("3.5%", "percent", 3.5, None, "%", "exact"),
    ("百分之五", "percent", 5, None, "%", "exact"),
    ("9%至14%", "percent", 9, 14, "%", "range"),
    ("一年多", "duration", 1, None, "年", "over"),
    ("3个月", "duration", 3, None, "月", "exact"),
    ("90天", "duration", 90, None, "天", "exact"),
    ("90天以上", "duration", 90, None, "天", "over"),
    ("30天内", "duration", 30, None, "天", "under"),
    ("第3天", "duration", 3, None, "天", "exact"),
    ("半小时", "duration", 0.5, None, "小时", "exact"),
    ("两三个月", "duration", 2, 3, "月", "range"),
    ("7-30天", "duration", 7, 30, "天", "range"),
    ("5000-5万元", "money", 5000, 50000, "元", "range"),
    ("1-3万元", "money", 10000, 30000, "元", "range"),
    ("10.9港元", "money", 10.9, None, "港元", "exact"),
    ("超百万", "quantity", 1000000, None, None, "over"),
    ("近八成", "percent", 80, None, "%", "about"),
    ("三成", "percent", 30, None, "%", "exact"),
    ("9%14%", "percent", 9, 14, "%", "range"),
    ("约2,850家", "count", 2850, None, "家", "about"),
    ("超过数千家", "count", 1000, None, "家", "over"),
    ("36万余份", "count", 360000, None, "份", "over"),
    ("3-12期", "count", 3, 12, "期", "range"),
    ("24岁", "count", 24, None, "岁", "exact"),
    ("1.5倍", "multiple", 1.5, None, "倍", "exact"),
    ("排名第7", "rank", 7, None, "名", "exact"),
    ("近5000人", "count", 5000, None, "人", "about"),
    ("超过2万名", "count", 20000, None, "人", "over"),
    ("13万", "quantity", 130000, None, None, "exact"),
])
def test_numbers_scan_values(text, kind, number, number_max, unit, qualifier):
    [v] = scan_values(text)
    assert (v.kind, v.unit, v.qualifier) == (kind, unit, qualifier)
    assert v.number == pytest.approx(number)
    assert v.number_max == number_max
    assert (v.start, v.end) == (0, len(text))


@pytest.mark.parametrize("text,iso,qualifier", [
    ("2019年3月27日", "2019-03-27", "exact"), ("2024年初", "2024", "early"), ("2021年末", "2021-12", "late"),
    ("2025-08-17", "2025-08-17", "exact"), ("2024-11-06 19:15:32", "2024-11-06T19:15:32", "exact"),
    ("2024年6月", "2024-06", "exact"), ("二〇一五年", "2015", "exact"),
    ("7月2日", "--07-02", "exact"), ("2025年3·15", "2025-03-15", "exact"), ("20世纪90年代", "1990/1999", "range"),
    ("2012年以前", "2012", "under"), ("2013年后", "2013", "over"), ("2017以来", "2017", "over"),
    ("2014年6月至2015年12月", "2014-06/2015-12", "range"),
])
def test_numbers_dates(text, iso, qualifier):
    [v] = scan_values(text)
    assert (v.kind, v.date, v.qualifier) == ("date", iso, qualifier)


def test_numbers_year_is_not_a_duration():
    assert [v.kind for v in scan_values("成立于2015年，运营了3年")] == ["date", "duration"]


@pytest.mark.parametrize("text", [
    "为万元", "千万不要", "第27条", "一年期LPR", "P2P平台", "全文约1200字",
])
def test_numbers_not_values(text):
    """Words that look like numbers but state none: a gap (为万元), 千万 (never), a clause number,
    a loan term's name, P2P, a word count."""
    assert [v for v in scan_values(text) if v.kind not in ("date",)] == []


def test_numbers_codes():
    assert [(v.kind, v.text) for v in scan_values("童创童欣(837514)与深南股份(002417.SZ)")] == [
        ("code", "837514"), ("code", "002417.SZ")]


def test_dates_only_are_the_dates_of_the_full_scan():
    text = "青松科技(600001.SH)于2019年3月5日上市，2020年借款3万元，期限12个月，2021-06-30逾期率为2.5%，当年8月起停止。"
    dates = [v for v in scan_values(text, 7) if v.kind == "date"]
    assert len(dates) >= 3
    assert scan_values(text, 7, dates_only=True) == dates

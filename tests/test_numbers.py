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
    ("3个月", "duration", 0.25, None, "年", "exact"),
    ("90天", "duration", 0.2466, None, "年", "exact"),
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
    ("2019年3月27日", "2019-03-27", "exact"), ("2024年初", "2024", "early"), ("2021年末", "2021", "late"),
    ("2025-08-17", "2025-08-17", "exact"), ("2024-11-06 19:15:32", "2024-11-06T19:15:32", "exact"),
    ("2024年6月", "2024-06", "exact"), ("二〇一五年", "2015", "exact"),
])
def test_numbers_dates(text, iso, qualifier):
    [v] = scan_values(text)
    assert (v.kind, v.date, v.qualifier) == ("date", iso, qualifier)


def test_numbers_year_is_not_a_duration():
    assert [v.kind for v in scan_values("成立于2015年，运营了3年")] == ["date", "duration"]

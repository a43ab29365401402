"""Zones: a pattern searched only where values can be finds exactly what a search of the whole text finds."""
import random
import re

import pytest

from checker import numbers
from checker.zones import Zones

VALUE_PATTERNS = numbers._ZONES.patterns


def matches(found):
    return [(m.span(), m.groupdict()) for m in found]


def test_the_main_value_patterns_are_searched_in_zones_only():
    main = (numbers._DATE, numbers._PERCENT, numbers._MONEY, numbers._DURATION, numbers._COUNT, numbers._QUANTITY)
    assert all(numbers._ZONES.qualifies(p) for p in main)


@pytest.mark.parametrize("text", [
    "平台逾期率3.5%，较上年的2.1%上升。", "3.5%", "借款人民币5万元", "共有12人民警察", "人数达1,200人次以上",
    "截至2024年6月末，逾期1-3个月的借款约占两成。", "代码(600036)与纽交所: ABC", "第3名与排名第十", "3~5倍",
    "于2014年6月至2015年12月期间", "数千家平台，近百万人", "一半以上", "2019年以来", "  12   万元  ", "年化24%的上限",
])
def test_value_patterns_find_the_same_matches_in_zones(text):
    for p in VALUE_PATTERNS:
        assert matches(numbers._ZONES.finditer(p, text)) == matches(p.finditer(text)), p.pattern[:60]


def test_random_texts_of_value_characters_give_the_same_matches():
    rng = random.Random(8)
    alphabet = list("0123456789一二两三十百千万亿元人个月年日号天%.,-~至到超过约近不以上左右多余第名倍成半数分之 （(:：)）"
                    "SZHKNYSE纽交所世纪代来今的是为在，。\n\u2009排前稳居")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        for p in VALUE_PATTERNS:
            assert matches(numbers._ZONES.finditer(p, text)) == matches(p.finditer(text)), (text, p.pattern[:60])


def test_a_pattern_that_does_not_qualify_is_searched_everywhere():
    anchored, markless, digits = re.compile(r"^\d+"), re.compile(r"[元万]+"), re.compile(r"(?<!\d)\d+(?=元)")
    broad = re.compile(r"\d+[\u4e00-\u9fff]{2}")  # every Han character: the whole text would be one zone
    zones = Zones([anchored, markless, digits, broad], marks=r"\d")
    assert [zones.qualifies(p) for p in (anchored, markless, digits, broad)] == [False, False, True, False]
    text = "12元和万元，共345元"
    for p in (anchored, markless, digits, broad):
        assert matches(zones.finditer(p, text)) == matches(p.finditer(text))
    assert [m.group() for m in zones.finditer(digits, text)] == ["12", "345"]

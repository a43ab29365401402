import pytest

from checker.normalize import find_glosses, fold, normalize


@pytest.mark.parametrize("original,expected", [
    ("小編導(dǎo)語(yǔ)", "小编导语"),
    ("聯(lián)繫網(wǎng)站", "联系网站"),
    ("我們(men)的綠(lǜ)色", "我们的绿色"),
    ("綠（lǜ）色", "绿色"),
    ("問(wèn)題", "问题"),
])
def test_normalize_strips_glosses(original, expected):
    assert normalize(original).text == expected


@pytest.mark.parametrize("text", ["网贷平台(P2P)", "在(2024)年", "公司(APP)", "借款(app)"])
def test_normalize_keeps_real_parentheses(text):
    assert find_glosses(text) == []
    assert normalize(text).text == fold(text)


def test_normalize_offsets_map_back_to_original():
    original = "利信金融成立於(yú)2015年，總部位於(yú)北京。"
    norm = normalize(original)
    i = norm.text.index("成立于2015年")
    start, end = norm.to_original(i, i + len("成立于2015年"))
    assert original[start:end] == "成立於(yú)2015年"


def test_normalize_folds_traditional_and_fullwidth():
    assert fold("眾信普惠逾期貸款餘額１億元") == "众信普惠逾期贷款余额1亿元"
    assert len(fold("掌眾金融")) == 4


@pytest.mark.parametrize("text, folded", [
    ("縂计１０亿元（約）", "总计10亿元（约）"),  # a variant OpenCC keeps, full-width digits, wide brackets kept
    ("平台\u3000ＡＰＰ", "平台 APP"), ("縂", "总"), ("平台逾期率3%", "平台逾期率3%"), ("", ""),
])
def test_fold_changes_only_what_needs_it(text, folded):
    assert fold(text) == folded

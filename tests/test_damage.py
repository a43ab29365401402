"""Damaged text: mojibake, dropped words, machine-translation leftovers; and flags on claims."""
import pytest

from checker import extract
from checker.damage import find_damage
from checker.layout import analyse
from checker.normalize import normalize


def kinds(text):
    return [(d.kind, d.text) for d in find_damage(normalize(text))]


@pytest.mark.parametrize("text,kind,fragment", [
    ("平台的審核標準??梢?ㄟ^線上課程普及", "mojibake", "??梢?ㄟ^"),
    ("客服称\ufffd\ufffd需要等待", "mojibake", "\ufffd\ufffd"),
    ("æ°é»è²¸æ¬¾å¹³å°", "mojibake", "æ°é"),
    ("通過短信、 等多種方式聯繫", "dropped_word", "信、 等"),
    ("2024年，全 經濟形勢複雜", "dropped_word", "全 經"),
    ("包括 催收、上門催收", "dropped_word", "括 催"),
    ("逾期問也日益突出", "dropped_word", "期問也"),
    ("快速判斷借款人的信用worthiness，並做出決策", "mt_leftover", "worthiness"),
])
def test_damage_found(text, kind, fragment):
    found = kinds(text)
    assert any(k == kind and fragment in t for k, t in found), found


@pytest.mark.parametrize("text", [
    "请在app内查看更多详情。", "网贷平台(P2P)的逾期问题", "他还款了吗?我不知道。", "访问的用户很多", "小编导(dǎo)语(yǔ)",
])
def test_damage_not_found_in_clean_text(text):
    assert kinds(text) == []


def test_damage_flags_claims_that_touch_it(nlp):
    text = "某某金融成立于2015年。某某金融的逾期金额為??梢?ㄟ^1億元。"
    claims = extract(nlp, text).claims
    founded = next(c for c in claims if c.predicate == "founded")
    assert founded.flags == ()
    damaged = [c for c in claims if "mojibake" in c.flags]
    assert damaged


def test_layout_metadata_and_boilerplate():
    text = ("某某金融逾期\n發布時間:2025-08-17 | 來源:互聯網轉載和整理\n正文第一段。\n"
            "內容侵權、刪帖舉報聯繫方式:13800000000 10000@qq.com\n打開APP體驗更佳\n最新文章\n逾期5000元會怎樣\n")
    layout = analyse(normalize(text))
    assert (layout.title, layout.published, layout.source) == ("某某金融逾期", "2025-08-17", "互联网转载和整理")
    kinds_ = [line.kind for line in layout.lines]
    assert kinds_ == ["title", "meta", "body", "boilerplate", "boilerplate", "boilerplate", "boilerplate"]


def test_pipeline_segmenters_agree(nlp):
    from checker import build_pipeline

    text = "利信金融成立於2015年，總部位於深圳。截至2024年，逾期貸款餘額超過1億元。"
    jieba = build_pipeline("jieba")
    assert [(c.predicate, c.start, c.end, c.number) for c in extract(jieba, text).claims] == \
        [(c.predicate, c.start, c.end, c.number) for c in extract(nlp, text).claims]
    with pytest.raises(ValueError, match="model directory"):
        build_pipeline("pkuseg", pkuseg_model=None)

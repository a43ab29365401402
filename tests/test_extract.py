"""Claims extracted from the sample articles and from hand-built Docs: exact fields and offsets."""
import pytest

from checker import extract
from checker.evaluate import GOLD_DIR, evaluate
from checker.ingest import read_paths
from conftest import DATA


def claims_of(nlp, name):
    [item] = list(read_paths([DATA / name]))
    return item.text, extract(nlp, item.text, name, item.encoding).claims


def find(claims, predicate, **fields):
    hits = [c for c in claims if c.predicate == predicate and all(getattr(c, k) == v for k, v in fields.items())]
    assert hits, f"no {predicate} {fields} in {[(c.predicate, c.value, c.number) for c in claims]}"
    return hits[0]


def test_extract_founding_year_with_gloss_offsets(nlp):
    text, claims = claims_of(nlp, "01_lixin_2015_trad.txt")
    c = find(claims, "founded", subject="利信金融")
    assert (c.number, c.unit, c.date, c.empty) == (2015, "year", "2015", False)
    assert text[c.start:c.end] == "成立於(yú)2015年"
    assert c.value == "2015年" and c.text == "利信金融 成立於 2015年"


def test_extract_empty_founding_year_in_big5(nlp):
    text, claims = claims_of(nlp, "02_lixin_empty_year_trad.txt")
    c = find(claims, "founded", empty=True)
    assert text[c.start:c.end] == "成立於年"
    assert (c.number, c.value, c.subject) == (None, "", "利信金融")
    empties = {c.predicate for c in claims if c.empty}
    assert {"founded", "overdue_amount", "overdue_rate"} <= empties


def test_extract_gbk_money_forms(nlp):
    text, claims = claims_of(nlp, "03_lixin_2014_simp.txt")
    assert find(claims, "founded", subject="利信金融").number == 2014
    capital = find(claims, "registered_capital")
    assert (capital.number, capital.unit, capital.value) == (20000000, "元", "两千万元")


def test_extract_overdue_balance_over_one_yi(nlp):
    text, claims = claims_of(nlp, "04_zhongxin_over_1yi_trad.txt")
    c = find(claims, "overdue_balance")
    assert (c.number, c.unit, c.qualifier, c.subject) == (100000000, "元", "over", "众信普惠")
    assert "1億元" in text[c.start:c.end]
    title = find(claims, "overdue_duration", start=text.index("逾期一年多"))
    assert (title.number, title.qualifier) == (1, "over")
    ex = extract(nlp, text, "04_zhongxin_over_1yi_trad.txt")
    [leftover] = [d for d in ex.article.damage if d.kind == "mt_leftover"]
    assert text[leftover.start:leftover.end] == "worthiness"


def test_extract_rate_change_and_as_of(nlp):
    text, claims = claims_of(nlp, "04_zhongxin_over_1yi_trad.txt")
    rates = [c for c in claims if c.predicate == "overdue_rate" and not c.empty]
    assert [(c.number, c.as_of) for c in rates][:2] == [(2.4, "2022"), (11.6, None)]


def test_extract_capital_as_of_year_end(nlp):
    text, claims = claims_of(nlp, "08_hongda_capital_simp.txt")
    c = find(claims, "registered_capital", number=3869000000)
    assert c.as_of == "2021-12" and c.subject == "宏达小贷"


def test_extract_thirteen_wan_in_title(nlp):
    text, claims = claims_of(nlp, "07_xiaomi_13wan_trad.txt")
    c = find(claims, "overdue_amount", start=text.index("逾期13萬"))
    assert (c.number, c.unit, c.value, c.subject) == (130000, "元", "13萬", "小米金融")


def test_extract_boilerplate_yields_no_claims(nlp):
    text, claims = claims_of(nlp, "04_zhongxin_over_1yi_trad.txt")
    footer = text.index("最新文章")
    assert all(c.end <= footer for c in claims)


def test_extract_publication_time(nlp):
    text, claims = claims_of(nlp, "02_lixin_empty_year_trad.txt")
    c = find(claims, "publication_time")
    assert c.date == "2025-01-22T09:47:10"


@pytest.mark.parametrize("text,predicate,number,qualifier", [
    ("某某贷成立于二〇一五年。", "founded", 2015, "exact"),
    ("某某贷的逾期率从2.4%上升到11.6%。", "overdue_rate", 11.6, "exact"),
    ("某某贷年化利率为9%至14%。", "interest_rate", 9, "range"),
    ("某某贷累计放款1.2万亿元。", "loan_amount", 1.2e12, "exact"),
    ("某某贷注册用户近5000人。", "user_count", 5000, "about"),
    ("某某贷已逾期500余天。", "overdue_duration", 500, "over"),
    ("某某贷罚息为每日万分之五。", "penalty_rate", 0.05, "exact"),
])
def test_extract_phrasings(nlp, text, predicate, number, qualifier):
    claims = [c for c in extract(nlp, text).claims if c.predicate == predicate]
    assert claims, text
    assert claims[-1].number == pytest.approx(number, rel=1e-3)
    assert claims[-1].qualifier == qualifier


@pytest.mark.parametrize("text", [
    "年化利率超过24%的部分不受法律保护。",  # a legal threshold
    "平台力争将逾期率控制在2%以下。",  # a goal
    "记者采访了三位借款人。",  # narrative, not a statistic
    "逾期超过30天的借款人会被上报。",  # a condition
])
def test_extract_not_facts(nlp, text):
    assert [c for c in extract(nlp, text).claims if c.predicate != "event_time"] == []


def test_extract_pipeline_puts_claims_on_the_doc(nlp):
    from checker.normalize import normalize

    doc = nlp(normalize("利信金融成立於2015年。").text)
    [span] = doc.spans["claims"]
    assert span.label_ == "founded" and span._.claim.number == 2015


def test_extract_gold_scores_meet_the_bar(nlp):
    report = evaluate(nlp, DATA, GOLD_DIR)
    assert report.overall.precision >= 0.95 and report.overall.recall >= 0.95, report.text(verbose=True)
    assert report.empty.recall >= 0.95


@pytest.mark.parametrize("text", ["利信金融 成立于2015年", "  前导空格\n\n 两行\u3000全角 ", "a  b\n c \u3000d ",
                                  "末尾一个空格 ", "末尾换行\n", "", " ", "\t\t", "甲 \n 乙", "半角\xa0不换行空格"])
def test_char_doc_is_the_doc_spacy_makes(nlp, text):
    from checker.extract import _make_doc

    ours, spacys = _make_doc(nlp, text), nlp.make_doc(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in spacys]
    assert ours.text == text


@pytest.mark.parametrize("name", ["01_lixin_2015_trad.txt", "04_zhongxin_over_1yi_trad.txt", "08_hongda_capital_simp.txt"])
def test_extract_reads_the_claims_the_spans_carry(nlp, name):
    from checker.extract import _make_doc
    from checker.normalize import normalize

    text, claims = claims_of(nlp, name)
    norm = normalize(text)
    doc = _make_doc(nlp, norm.text)
    doc._.norm = norm
    doc = nlp.get_pipe("claim_extractor")(doc)  # spans built, as nlp(text) builds them
    assert [s._.claim for s in doc.spans["claims"]] == claims != []  # ids too


def test_extract_tokenises_the_doc_only_for_other_components(nlp):
    from checker import build_pipeline

    text, claims = claims_of(nlp, "04_zhongxin_over_1yi_trad.txt")
    with_sentencizer = build_pipeline()
    with_sentencizer.add_pipe("sentencizer", first=True)  # a component that needs tokens
    assert extract(with_sentencizer, text).claims == claims != []


def test_clause_start_is_just_after_the_last_break_before_a_position():
    from checker.extract import _clause_start

    text = "平台称，逾期率为3%；用户"
    assert _clause_start(text, text.index("3"), 0) == text.index("逾")
    assert _clause_start(text, text.index("用"), 0) == text.index("用")
    assert _clause_start(text, text.index("3"), text.index("率")) == text.index("率")  # never before the floor
    assert _clause_start(text, 2, 0) == 0

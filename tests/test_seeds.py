"""The five real scraped articles in ../shared/seeds (third-party text, read in place, never copied)."""
import pytest

from checker import extract
from checker.ingest import read_paths
from conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def run(nlp, prefix):
    [path] = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    [item] = list(read_paths([path]))
    ex = extract(nlp, item.text, path.name, item.encoding)
    return item.text, ex


def test_seeds_founding_years(nlp):
    years = {}
    for prefix in ("000", "001", "002", "003", "004"):
        _, ex = run(nlp, prefix)
        years[prefix] = [(c.subject, c.number, c.empty) for c in ex.claims if c.predicate == "founded"]
    assert years == {
        "000": [("利信金融", 2015, False)], "001": [("利信金融", None, True)], "002": [("众信普惠", 2014, False)],
        "003": [("小米金融", 2015, False)], "004": [("掌众金融", 2013, False)],
    }


def test_seeds_overdue_amounts(nlp):
    text, ex = run(nlp, "002")
    [balance] = [c for c in ex.claims if c.predicate == "overdue_balance"]
    assert (balance.number, balance.unit, balance.qualifier, balance.as_of) == (100000000, "元", "over", "2024")
    assert "1億元" in text[balance.start:balance.end]
    text, ex = run(nlp, "003")
    amounts = [c for c in ex.claims if c.predicate == "overdue_amount"]
    assert amounts and all((c.number, c.unit) == (130000, "元") for c in amounts)


def test_seeds_damage(nlp):
    kinds = {}
    for prefix in ("000", "001", "002", "003", "004"):
        text, ex = run(nlp, prefix)
        kinds[prefix] = {d.kind for d in ex.article.damage}
        for d in ex.article.damage:
            assert text[d.start:d.end] == d.text
    assert "dropped_word" in kinds["000"] and "dropped_word" in kinds["001"]
    assert {"mojibake", "mt_leftover", "dropped_word"} <= kinds["002"]
    assert "mojibake" in kinds["003"]
    text, ex = run(nlp, "001")
    dropped = [d for d in ex.article.damage if d.kind == "dropped_word" and "、" in d.text]
    assert dropped and "短信、 等" in text[dropped[0].start - 2:dropped[0].end + 2]


def test_seeds_boilerplate_and_metadata(nlp):
    text, ex = run(nlp, "002")
    assert ex.article.published == "2024-11-06T19:15:32"
    footer = text.index("特別聲明")
    assert all(c.end <= footer for c in ex.claims)
    text, ex = run(nlp, "001")
    assert ex.article.published == "2025-08-17" and ex.article.source == "互联网转载和整理"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_every_dropped_word_is_a_reviewable_claim(nlp, prefix):
    """Each dropped word is an empty claim or lies in a claim flagged dropped_word, so it reaches
    the review queue; and every claim has a company."""
    _, ex = run(nlp, prefix)
    for d in (d for d in ex.article.damage if d.kind == "dropped_word"):
        assert any(c.start < d.end and d.start < c.end and (c.empty or "dropped_word" in c.flags)
                   for c in ex.claims), d
    assert all(c.subject for c in ex.claims)

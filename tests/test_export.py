import codecs
import csv
import io
import json

from checker import Verdict, add_verdict, export, extract
from checker.storage import save_extraction

ARTICLE = """=HYPERLINK("http://evil.example","点我")逾期
众信普惠成立于2014年，逾期贷款余额超过1亿元，逾期率为3.5%。
"""


def _db(fresh_db, nlp):
    ex = extract(nlp, ARTICLE, "+cmd.txt")
    save_extraction(fresh_db, ex)
    return ex


def test_export_csv_opens_in_excel(fresh_db, nlp, tmp_path):
    ex = _db(fresh_db, nlp)
    add_verdict(fresh_db, Verdict(ex.claims[0].claim_id, "verified", "王小明", "=1+1 工商登记"))
    out = tmp_path / "v.csv"
    with open(out, "wb") as f:
        n = export.write_csv(fresh_db, f)
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert n == len(rows) == len(ex.claims)
    first = rows[0]
    assert first["claim"] == ex.claims[0].text and "众信普惠" in first["claim"]
    assert first["verdict"] == "verified" and first["reviewer"] == "王小明"
    # formulas neutralised, Chinese intact
    assert first["note"] == "'=1+1 工商登记"
    assert first["article"] == "'+cmd.txt"
    assert first["title"].startswith("'=HYPERLINK")
    assert export.csv_bytes(fresh_db).startswith(codecs.BOM_UTF8)


def test_export_jsonl_and_claimreview(fresh_db, nlp):
    ex = _db(fresh_db, nlp)
    add_verdict(fresh_db, Verdict(ex.claims[1].claim_id, "contradictory", "李华", "年报为8000万元"))
    lines = [json.loads(line) for line in export.jsonl_lines(fresh_db)]
    assert len(lines) == len(ex.claims)
    reviews = export.claim_reviews(fresh_db, "核查组")
    assert len(reviews) == 1
    r = reviews[0]
    assert r["@type"] == "ClaimReview" and r["reviewRating"]["alternateName"] == "与来源矛盾"
    assert r["reviewRating"]["ratingValue"] == 1 and r["author"]["name"] == "李华"
    assert r["claimReviewed"] == ex.claims[1].text and r["publisher"]["name"] == "核查组"


def test_export_csv_reads_as_a_journalist_reads(fresh_db, nlp):
    ex = extract(nlp, "某某金融成立于年，逾期金额超过1亿元。\n", "a.txt")
    save_extraction(fresh_db, ex)
    empty = next(c for c in ex.claims if c.empty)
    add_verdict(fresh_db, Verdict(empty.claim_id, "contradictory", "李华"))
    fresh_db.execute("UPDATE claims SET stale = 1 WHERE id = ?", [empty.claim_id])
    rows = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(export.csv_bytes(fresh_db).decode("utf-8-sig")))}
    assert (rows[empty.claim_id]["empty"], rows[empty.claim_id]["stale"]) == ("是", "文章已更新")
    assert (rows[empty.claim_id]["verdict"], rows[empty.claim_id]["verdict_label"]) == ("contradictory", "与来源矛盾")
    other = next(r for cid, r in rows.items() if cid != empty.claim_id)
    assert (other["empty"], other["stale"], other["verdict_label"]) == ("否", "", "")


def test_export_streams_to_a_temporary_file(fresh_db, nlp, tmp_path):
    """The app's downloads: written row by row to a file that is already gone from disk."""
    import os

    ex = _db(fresh_db, nlp)
    add_verdict(fresh_db, Verdict(ex.claims[1].claim_id, "contradictory", "李华", "年报为8000万元"))
    add_verdict(fresh_db, Verdict(ex.claims[0].claim_id, "verified", "王小明"))
    with export.to_file(lambda f: export.write_claim_reviews(fresh_db, f, "核查组")) as f:
        assert not os.path.exists(f.name)
        raw = f.read().decode("utf-8")
    reviews = export.claim_reviews(fresh_db, "核查组")
    assert len(reviews) == 2 and raw == json.dumps(reviews, ensure_ascii=False, indent=2)
    with export.to_file(lambda f: export.write_jsonl(fresh_db, f)) as f:
        assert f.read().decode("utf-8") == "".join(line + "\n" for line in export.jsonl_lines(fresh_db))
    with export.to_file(lambda f: export.write_csv(fresh_db, f)) as f:
        assert f.read() == export.csv_bytes(fresh_db)


def test_export_no_claim_reviews_is_an_empty_array(fresh_db):
    buf = io.BytesIO()
    assert export.write_claim_reviews(fresh_db, buf) == 0 and json.loads(buf.getvalue()) == []

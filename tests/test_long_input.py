"""Bounded work and memory: zip bombs, very long articles and very long sentences (issue 9)."""
from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import make_bad_inputs as corpus
from checker.batch import ingest_upload
from checker.errors import InputError
from checker.extract import extract, pieces
from checker.ingest import read_bytes

DATA = Path(__file__).resolve().parent.parent / "data"


def test_lying_zip_is_refused_without_unpacking_it(fresh_db, nlp):
    data = corpus.lying_zip(real=60_000_000, declared=1000)
    assert len(data) < 1_000_000 and zipfile.ZipFile(io.BytesIO(data)).infolist()[0].file_size == 1000
    tracemalloc.start()
    try:
        results = list(read_bytes("bomb.zip", data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, peak  # ZipFile.read unpacked all 60 MB (and more) before any size check
    [refusal] = results
    assert isinstance(refusal, InputError) and refusal.name == "bomb.zip/bomb.txt"
    assert refusal.reason == ("damaged archive member or zip bomb: its content does not match its header "
                              "(1,000 bytes declared); not unpacked")
    # the upload path reports it as one failed file and goes on
    [outcome] = ingest_upload(fresh_db, nlp, "bomb.zip", data)
    assert not outcome.ok and fresh_db["articles"].count == 0


def test_zip_member_declared_over_the_limit_is_refused_unread():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", b"\n" * 6_000_000)
        z.writestr("ok.txt", corpus.CHINESE_NAME_TEXT.encode())
    big, ok = read_bytes("two.zip", buf.getvalue())
    assert isinstance(big, InputError) and big.reason.startswith("too large (6.0 MB; the limit is 5 MB")
    assert ok.text == corpus.CHINESE_NAME_TEXT


def _long_article() -> str:
    art = (DATA / "09_zhangzhong_2013_simp.txt").read_text(encoding="utf-8")
    return art + "\n" + art.split("\n", 3)[3] * 3


def test_pieces_cover_the_text_at_line_ends():
    text = _long_article()
    cuts = pieces(text, 1500)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text) and len(cuts) > 1
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(end - start <= 1500 and text[end - 1] == "\n" for start, end in cuts[:-1])
    one_line = "逾期金额超过1亿元，" * 500
    assert all(one_line[end - 1] == "，" for _, end in pieces(one_line, 1000)[:-1])


def test_article_longer_than_max_length_is_read_in_pieces_with_offsets_kept(nlp, monkeypatch):
    """Over nlp.max_length spaCy raised E088; now the pieces give the claims the whole text gives."""
    text = _long_article()
    whole = extract(nlp, text, "a.txt")
    monkeypatch.setattr(nlp, "max_length", 1500)
    parts = extract(nlp, text, "a.txt")

    def key(c):
        return c.claim_id, c.predicate, c.start, c.end, c.value, c.subject, c.as_of, c.sentence_start, c.sentence_end

    assert len(parts.claims) > 40
    assert sorted(map(key, parts.claims)) == sorted(map(key, whole.claims))
    assert parts.article == whole.article


def test_one_long_sentence_is_linear_and_keeps_its_dates(nlp, monkeypatch):
    """A 20,000-character sentence: each claim's date found without rescanning the sentence per
    claim (the old scope check sliced the sentence for every date of every claim)."""
    import sys

    module = sys.modules["checker.extract"]
    scanned = []

    class CountingRe:
        def __getattr__(self, attr):
            import re

            fn = getattr(re, attr)
            if attr not in ("search", "finditer", "match"):
                return fn
            return lambda pattern, string, *a, **k: (scanned.append(len(string)), fn(pattern, string, *a, **k))[1]

    monkeypatch.setattr(module, "re", CountingRe())
    unit = "截至2024年6月，鑫融贷逾期金额超过1亿元，逾期率为6.2%，2023年末借款人约3000人，"
    text = "鑫融贷逾期调查\n" + unit * (20_000 // len(unit))
    claims = extract(nlp, text, "long.txt").claims
    amounts = [c for c in claims if c.predicate == "overdue_amount"]
    assert len(amounts) == 20_000 // len(unit)
    assert all(c.as_of == "2024-06" and text[c.start:c.end].startswith("逾期金额") for c in amounts)
    assert sum(scanned) < 10 * len(text), sum(scanned)


def test_decoding_a_large_gbk_file_holds_little_more_than_its_text():
    """A GBK file of over a megabyte: the readings are scored on a sample and only the winner is kept whole
    (the damaged-UTF-8 check listed every invalid byte's position: about 20 times the file)."""
    from checker.decode import decode_bytes

    text = (corpus.GBK_RARE * 3000)[:2_500_000]
    data = text.encode("gbk")
    tracemalloc.start()
    try:
        decoded = decode_bytes(data, "big.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert decoded.text == text and decoded.encoding == "gb18030"
    assert peak < 4 * len(data), (peak, len(data))

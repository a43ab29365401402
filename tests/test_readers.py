"""Readers accept what is valid (issue 9): HTML5 optional tags, JSON lines split on '\\n' only,
a single JSON object or array, CSV delimiters and large fields, typed JSON fields."""
from __future__ import annotations

import json

import pytest

import make_bad_inputs as corpus
from checker.errors import InputError
from checker.ingest import Item, read_bytes

ARTICLE = corpus.CHINESE_NAME_TEXT
OTHER = corpus.UTF8_BOM


def _read(name: str, text: str) -> list:
    return list(read_bytes(name, text.encode("utf-8")))


def test_html5_without_head_end_tag_keeps_its_body():
    html = ("<!DOCTYPE html><html><head><meta charset=utf-8><title>利信金融逾期问题追踪</title>"
            "<body><p>利信金融成立于2015年，总部位于深圳。<p>截至2024年12月，利信金融逾期率为3.9%。")
    [item] = _read("page.html", html)
    assert item.text == "利信金融逾期问题追踪\n利信金融成立于2015年，总部位于深圳。\n截至2024年12月，利信金融逾期率为3.9%。"


def test_jsonl_splits_on_newline_only():
    rows = [{"id": "a", "text": "利信金融成立于2015年，\u2028总部位于深圳。逾期\u0085率为3.9%。"},
            {"id": "b", "text": OTHER}, "broken", {"id": "d", "text": ARTICLE}]
    lines = [json.dumps(r, ensure_ascii=False) if isinstance(r, dict) else '{"id": "c", "text": "坏' for r in rows]
    a, b, c, d = _read("x.jsonl", "\n".join(lines) + "\n")
    assert (a.name, a.text) == ("x.jsonl#a", rows[0]["text"])  # U+2028 and U+0085 kept inside the string
    assert (b.name, d.name) == ("x.jsonl#b", "x.jsonl#d")
    assert isinstance(c, InputError) and c.name == "x.jsonl:3"  # line numbers do not shift


@pytest.mark.parametrize("value", [
    {"id": 7, "title": "利信金融逾期问题追踪", "text": ARTICLE},
    [{"id": 7, "title": "利信金融逾期问题追踪", "text": ARTICLE}],
])
def test_json_file_holding_one_pretty_printed_object_or_array(value):
    [item] = _read("one.json", json.dumps(value, ensure_ascii=False, indent=2))
    assert isinstance(item, Item) and item.name == "one.json#7" and item.text == ARTICLE


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_csv_delimiter_is_found(delimiter):
    text = f"id{delimiter}标题{delimiter}正文\n1{delimiter}利信金融逾期问题追踪{delimiter}\"{ARTICLE}\"\n"
    [item] = _read("rows.csv", text)
    assert isinstance(item, Item) and item.name == "rows.csv#1" and item.text == ARTICLE


def test_csv_field_over_131072_characters_and_the_rows_after_it():
    long = (ARTICLE * 2000)[:200_000]
    text = f'id,text\nbig,"{long}"\nnext,"{OTHER}"\n'
    big, after = _read("big.csv", text)
    assert (big.name, big.text) == ("big.csv#big", long)
    assert (after.name, after.text) == ("big.csv#next", OTHER)


@pytest.mark.parametrize("value,reason", [
    (12345, "field 'text' is a number, not text; this record was skipped"),
    ({"zh": "文章"}, "field 'text' is an object, not text; this record was skipped"),
    (["利信金融", 3], "field 'text' is a list with non-text items, not text; this record was skipped"),
    (True, "field 'text' is true/false, not text; this record was skipped"),
])
def test_jsonl_fields_of_the_wrong_type_are_refused_by_line(value, reason):
    lines = [json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False),
             json.dumps({"id": "bad", "text": value}, ensure_ascii=False)]
    ok, bad = _read("typed.jsonl", "\n".join(lines))
    assert ok.text == ARTICLE
    assert isinstance(bad, InputError) and (bad.name, bad.reason) == ("typed.jsonl:2", reason)


def test_jsonl_list_of_strings_is_joined_by_lines():
    paragraphs = ARTICLE.strip().split("\n")
    [item] = _read("list.jsonl", json.dumps({"id": 1, "title": ["利信金融逾期问题追踪"], "text": paragraphs},
                                            ensure_ascii=False))
    assert item.text == "\n".join(paragraphs) and item.name == "list.jsonl#1"

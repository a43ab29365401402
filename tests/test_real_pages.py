"""scripts/real_pages.py: a real-page gold set packs to offsets (no page text) and unpacks exactly."""
import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "real_pages", Path(__file__).resolve().parent.parent / "scripts" / "real_pages.py")
real_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_pages)

PAGE = "示例平台成立於(yú)2016年，逾期金额达3.2亿元。"


def _write_set(tmp_path, evidence):
    pages, gold = tmp_path / "pages", tmp_path / "gold"
    pages.mkdir(parents=True), gold.mkdir(parents=True)
    (pages / "01.txt").write_text("https://example.invalid/1\n" + PAGE, "utf-8")
    row = {"page": "01", "subject": "示例平台", "predicate": "逾期金额", "evidence": evidence}
    (gold / "gold.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    (gold / "groups.json").write_text('{"groups": []}', "utf-8")
    return pages, gold


def test_pack_keeps_offsets_not_text_and_unpack_restores_evidence(tmp_path):
    pages, gold = _write_set(tmp_path, "逾期金额达3.2亿元")
    packed = tmp_path / "packed"
    real_pages.pack(gold, pages, packed)
    row = json.loads((packed / "gold.jsonl").read_text("utf-8"))
    assert "evidence" not in row and PAGE[row["start"]:row["end"]] == "逾期金额达3.2亿元"
    assert real_pages.unpack(packed, pages, tmp_path / "out") == []
    back = json.loads((tmp_path / "out" / "gold.jsonl").read_text("utf-8"))
    assert back["evidence"] == "逾期金额达3.2亿元"


def test_evidence_written_without_the_gloss_is_found_across_it(tmp_path):
    pages, gold = _write_set(tmp_path, "成立於2016年")
    real_pages.pack(gold, pages, tmp_path / "packed")
    row = json.loads((tmp_path / "packed" / "gold.jsonl").read_text("utf-8"))
    assert PAGE[row["start"]:row["end"]] == "成立於(yú)2016年"


def test_a_changed_page_is_reported_and_missing_evidence_refused(tmp_path):
    pages, gold = _write_set(tmp_path, "逾期金额达3.2亿元")
    real_pages.pack(gold, pages, tmp_path / "packed")
    (pages / "01.txt").write_text("https://example.invalid/1\n" + PAGE.replace("3.2", "3.3"), "utf-8")
    assert real_pages.unpack(tmp_path / "packed", pages, tmp_path / "out") == ["01"]
    _, gold2 = _write_set(tmp_path / "b", "不在页面上的句子")
    with pytest.raises(SystemExit, match="evidence not found"):
        real_pages.pack(gold2, tmp_path / "b" / "pages", tmp_path / "b" / "packed")

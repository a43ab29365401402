import codecs
import csv
import io
import json

from checker import open_db, storage
from checker.cli import main
from conftest import DATA

ARTICLE = "小米金融逾期13萬\n小米金融成立於2015年，逾期金額為元。\n"


def test_cli_ingest_export_round_trip(tmp_path, capsys):
    db = tmp_path / "c.db"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(db)]) == 0
    assert "1 ingested, 0 failed" in capsys.readouterr().out
    claim = storage.next_claim(open_db(db))
    assert main(["verdict", claim["id"], "verified", "--reviewer", "王小明", "--db", str(db)]) == 0
    out = tmp_path / "v.csv"
    assert main(["export", "--csv", str(out), "--db", str(db)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["verdict"] for r in rows].count("verified") == 1
    assert any(r["claim"] == "小米金融 逾期 13萬" for r in rows)


def test_cli_claims_jsonl_contract(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["claims", str(f), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    keys = {"file", "claim_id", "subject", "predicate", "predicate_text", "value", "number", "number_max", "unit",
            "qualifier", "as_of", "kind", "empty", "start", "end", "text", "flags"}
    assert lines and all(keys <= set(line) for line in lines)
    amount = next(line for line in lines if line["predicate"] == "overdue_amount" and not line["empty"])
    assert amount["number"] == 130000 and amount["unit"] == "元"
    assert ARTICLE[amount["start"]:amount["end"]] == "逾期13萬"
    empty = next(line for line in lines if line["empty"])
    assert empty["predicate"] == "overdue_amount" and empty["number"] is None
    assert ARTICLE[empty["start"]:empty["end"]] == "逾期金額為元"


def test_cli_errors_name_the_file(tmp_path, capsys):
    db = tmp_path / "c.db"
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["ingest", str(tmp_path / "empty.txt"), str(tmp_path / "ok.txt"), "--db", str(db)])
    captured = capsys.readouterr()
    assert code == 1
    assert "empty.txt: the file is empty" in captured.err
    assert "1 ingested, 1 failed" in captured.out
    assert open_db(db)["articles"].count == 1
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", str(db)]) == 1
    assert "no such file" in capsys.readouterr().err


def test_cli_ingest_sample_folder(tmp_path, capsys):
    assert main(["ingest", str(DATA), "--db", str(tmp_path / "s.db")]) == 0
    assert open_db(tmp_path / "s.db")["articles"].count == len([p for p in DATA.glob("*.txt")])


def test_cli_ingest_invalid_utf8_bytes_refused_by_default_replaced_on_request(tmp_path, capsys):
    db = tmp_path / "c.db"
    data = bytearray(ARTICLE.encode("utf-8"))
    data[1] = 0xFF
    (tmp_path / "bad.txt").write_bytes(bytes(data))
    assert main(["ingest", str(tmp_path / "bad.txt"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt: UTF-8 with 3 invalid bytes at offsets 0, 1, 2;" in err and "--invalid-bytes replace" in err
    assert open_db(db)["articles"].count == 0
    assert main(["ingest", str(tmp_path / "bad.txt"), "--db", str(db), "--invalid-bytes", "replace", "--verbose"]) == 0
    assert "encoding utf_8; 3 invalid bytes at offsets 0, 1, 2 replaced by \ufffd" in capsys.readouterr().out
    [article] = open_db(db)["articles"].rows
    assert article["text"] == "\ufffd" * 3 + ARTICLE[1:]  # one per invalid byte


def _archive(folder, n, bad=()):
    from checker.fixtures import archive_article

    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_bytes(b"" if i in bad else archive_article(i).encode("utf-8"))
    return folder


def test_cli_ingest_prints_failures_and_a_summary_verbose_every_file(tmp_path, capsys):
    folder = _archive(tmp_path / "in", 5, bad={2})
    assert main(["ingest", str(folder), "--db", str(tmp_path / "c.db")]) == 1
    out, err = capsys.readouterr()
    assert "FAIL" in err and "a002.txt: the file is empty" in err
    assert "ok " not in out and out.strip().splitlines()[-1].startswith("4 ingested, 1 failed in ")
    assert "articles/s" in out
    assert main(["ingest", str(folder), "--db", str(tmp_path / "c.db"), "--verbose"]) == 1
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines() if line.startswith("ok ")] == \
        [f"{folder}/a{i:03d}.txt:" for i in (0, 1, 3, 4)]


def test_cli_ingest_progress_bar_on_a_terminal(tmp_path, monkeypatch, capsys):
    import sys

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    folder = _archive(tmp_path / "in", 3)
    assert main(["ingest", str(folder), "--db", str(tmp_path / "c.db")]) == 0
    bar = term.getvalue()
    assert "100%" in bar and "3/3" in bar and "articles/s" in bar and "<00:00" in bar  # rate and time left


def test_cli_ingest_failures_reported_as_they_happen(tmp_path, nlp):
    """A failure is reported once its batch is stored, while later articles are still to come."""
    from checker.batch import BATCH, ingest_paths

    folder = _archive(tmp_path / "in", BATCH + 10, bad={0})
    db = open_db(tmp_path / "c.db")
    stored_then = []
    outcomes = ingest_paths(db, nlp, [folder], on_outcome=lambda o: o.ok or stored_then.append(
        open_db(tmp_path / "c.db")["articles"].count))
    assert sum(not o.ok for o in outcomes) == 1 and stored_then and stored_then[0] < BATCH + 9

"""export --archive and import: the whole desk into an empty database and back, byte for byte."""
import json

import pytest

from checker import Verdict, add_verdict, corrections, facts, open_db, review, storage
from checker.cli import main
from conftest import DATA


def test_archive_round_trip_is_byte_identical(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert main(["ingest", str(DATA), "--db", str(db)]) == 0
    conn = open_db(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY article_seq, position LIMIT 4")]
    add_verdict(conn, Verdict(ids[0], "verified", "甲", "年报", "http://example.org"))
    add_verdict(conn, Verdict(ids[0], "contradictory", "乙"))
    review.settle(conn, ids[0], "verified", "组长")
    add_verdict(conn, Verdict(ids[1], "unsupported", "甲"))
    review.undo_last(conn, "甲")
    corrections.not_a_claim(conn, ids[2], "甲")
    facts.merge(conn, "宏达集团", "宏达小贷", "甲")
    first = tmp_path / "one.jsonl"
    assert main(["export", "--archive", str(first), "--db", str(db)]) == 0

    restored = tmp_path / "b.db"
    assert main(["import", str(first), "--db", str(restored)]) == 0
    again = open_db(restored)
    assert [dict(h) for h in storage.history(again, ids[0])] == [dict(h) for h in storage.history(conn, ids[0])]
    assert storage.get_claim(again, ids[1])["verdict"] is None
    assert corrections.current(again, ids[2]) == {}
    assert storage.progress(again) == storage.progress(conn)  # review counts rebuilt by the triggers
    assert facts.status_counts(again) == facts.status_counts(conn)  # fact groups rebuilt
    assert storage.search_claims(again, "注册资本") == storage.search_claims(conn, "注册资本")
    second = tmp_path / "two.jsonl"
    assert main(["export", "--archive", str(second), "--db", str(restored)]) == 0
    assert second.read_bytes() == first.read_bytes()
    tables = {json.loads(line).get("table") for line in first.read_text("utf-8").splitlines()[1:]}
    assert {"articles", "claims", "verdicts", "corrections", "aliases"} <= tables


def test_archive_import_refuses_a_database_with_articles_or_a_bad_file(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert main(["ingest", str(DATA / "01_lixin_2015_trad.txt"), "--db", str(db)]) == 0
    archive = tmp_path / "x.jsonl"
    assert main(["export", "--archive", str(archive), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["import", str(archive), "--db", str(db)]) == 2
    assert "empty database" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    lines = archive.read_text("utf-8").splitlines()
    bad.write_text("\n".join(lines[:3] + ["{not json"] + lines[3:]) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.db"
    assert main(["import", str(bad), "--db", str(empty)]) == 2
    assert "line 4" in capsys.readouterr().err
    assert open_db(empty).execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # all or nothing

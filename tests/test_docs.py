"""The README documents every command and every field of the claims contract."""
import json

from checker.cli import build_parser, main
from conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_docs_every_command_is_in_the_readme():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"python -m checker {name}" in README, name


def test_docs_every_jsonl_field_is_in_the_readme(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("某某金融成立于2015年，逾期金额超过1亿元。", encoding="utf-8")
    main(["claims", str(f), "--format", "jsonl"])
    fields = set(json.loads(capsys.readouterr().out.splitlines()[0]))
    table = README[README.index("### Claims as JSON lines"):]
    for field in fields:
        assert f"`{field}`" in table, field


def test_docs_scaling_plan_is_linked():
    assert "docs/scaling.md" in README and (ROOT / "docs" / "scaling.md").is_file()

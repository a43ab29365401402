"""Bad input: files that go wrong in the wild (tests/bad_inputs/, tests/make_bad_inputs.py).

Each file gets either a correct ingest (the exact original text, claims found) or a clear
message naming the file and the reason; nothing else in the same batch is lost, and nothing
is written outside the data folder.
"""
from __future__ import annotations

import codecs
import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import make_bad_inputs as corpus
from checker.batch import display_name, ingest_paths, ingest_upload
from checker.decode import plausibility
from checker.errors import InputError
from checker.export import csv_bytes
from checker.ingest import Item, read_bytes, read_paths

COULD_NOT = "the encoding could not be determined with confidence"
SAVE_AS = "; save the file as UTF-8 and try again"


@dataclass(frozen=True)
class Ok:
    """Ingested. label: the file (with #row or /member) relative to its folder."""

    label: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Refused:
    """Refused. label: the file (with :LINE or /member). reason: the exact reason, or its start
    and end when `end` is given."""

    label: str
    reason: str
    end: str | None = None

    def matches(self, reason: str) -> bool:
        if self.end is None:
            return reason == self.reason
        return reason.startswith(self.reason) and reason.endswith(self.end)


def _row(title: str, text: str) -> str:
    return f"{title}\n{text}"


#: fixture file -> exactly what reading it gives, in order.
EXPECTED: dict[str, list[Ok | Refused]] = {
    "gbk_rare.txt": [Ok("gbk_rare.txt", corpus.GBK_RARE, "gb18030")],
    "big5_plain.txt": [Ok("big5_plain.txt", corpus.BIG5_PLAIN, "big5")],
    "big5hkscs_rare.txt": [Ok("big5hkscs_rare.txt", corpus.BIG5HKSCS_RARE, "big5hkscs")],
    "utf16_bom.txt": [Ok("utf16_bom.txt", corpus.UTF16_BOM, "utf_16")],
    "utf16le_nobom.txt": [Ok("utf16le_nobom.txt", corpus.UTF16LE_NOBOM, "utf_16_le")],
    "utf8_bom.txt": [Ok("utf8_bom.txt", corpus.UTF8_BOM, "utf_8_sig")],
    corpus.CHINESE_NAME: [Ok(corpus.CHINESE_NAME, corpus.CHINESE_NAME_TEXT, "utf_8")],
    "empty.txt": [Refused("empty.txt", "the file is empty")],
    "whitespace.txt": [Refused("whitespace.txt", "the file is empty or has no article text")],
    "script.html": [Ok("script.html", "\n".join(corpus.HTML_VISIBLE), "utf_8")],
    "formulas.csv": [Ok(f"formulas.csv#{r['id']}", _row(r["title"], r["text"]), "utf_8") for r in corpus.CSV_ROWS],
    "one_broken_line.jsonl": [
        Ok("one_broken_line.jsonl#jl-1", _row(corpus.JSONL_ROWS[0]["title"], corpus.JSONL_ROWS[0]["text"]), "utf_8"),
        Refused("one_broken_line.jsonl:2", "broken JSON line (", "); the other lines were read"),
        Ok("one_broken_line.jsonl#jl-3", _row(corpus.JSONL_ROWS[2]["title"], corpus.JSONL_ROWS[2]["text"]), "utf_8"),
    ],
    # generated at test time
    corpus.BIG_NAME: [Refused(corpus.BIG_NAME, "too large (20.0 MB; the limit is 5 MB for this kind of file): "
                                               "split it into smaller files")],
    "screenshot.txt": [Refused("screenshot.txt", "this is not a text file (binary content)")],
    "evil.zip": [
        Refused("evil.zip/../../evil.txt", "unsafe path in the archive; member skipped"),
        Ok(f"evil.zip/{corpus.ZIP_GOOD_MEMBER}", corpus.ZIP_GOOD_TEXT, "utf_8"),
    ],
    "undecidable.txt": [Refused("undecidable.txt", COULD_NOT, SAVE_AS)],
    "word_salad.txt": [Refused("word_salad.txt", COULD_NOT, SAVE_AS)],
}
GENERATED = (corpus.BIG_NAME, *corpus.large_files())
assert set(EXPECTED) == set(corpus.small_files()) | set(GENERATED)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """The big and binary files, made once for this module (never committed)."""
    folder = tmp_path_factory.mktemp("generated")
    corpus.write_large(folder)
    return folder


def _source(name: str, generated: Path) -> Path:
    return generated / name if name in GENERATED else corpus.CORPUS / name


def _tree(root: Path) -> dict[str, int]:
    """Every file under root (relative path -> size), the test database left out."""
    return {str(p.relative_to(root)): p.stat().st_size for p in root.rglob("*")
            if p.is_file() and not p.name.startswith("checker.db")}


def _check(results: list, expected: list[Ok | Refused], prefix: str) -> None:
    """results from read_paths/read_bytes against the expectation; names are prefix + label."""
    assert len(results) == len(expected), results
    for got, want in zip(results, expected):
        name = prefix + want.label
        if isinstance(want, Ok):
            assert isinstance(got, Item), f"{name}: expected an article, got {got}"
            assert got.name == name
            assert got.text == want.text  # the exact original, rare characters included
            assert got.encoding == want.encoding
        else:
            assert isinstance(got, InputError), f"{name}: expected a refusal, got {got}"
            assert got.name == name
            assert want.matches(got.reason), got.reason
            assert str(got) == f"{name}: {got.reason}"  # the message names the file


# --- the corpus itself --------------------------------------------------------------------------


def test_committed_corpus_is_what_the_generator_writes():
    committed = {p.name: p.read_bytes() for p in corpus.CORPUS.iterdir() if p.name != "README.md"}
    assert committed == corpus.small_files()
    for name, (text, data) in corpus.TEXT_FIXTURES.items():
        assert 100 <= len(text) <= 600, name
    # the rare characters are really in the encoded fixtures
    assert {"喆", "堃", "恒"} <= set(corpus.GBK_RARE) & set(corpus.BIG5HKSCS_RARE) & set(corpus.UTF16LE_NOBOM)
    with pytest.raises(UnicodeEncodeError):
        "喆堃".encode("big5")
    assert "恆" in corpus.BIG5_PLAIN


# --- one fixture at a time ----------------------------------------------------------------------


def _ingest_alone(db, nlp, tmp_path, source):
    """Ingest a folder holding only `source` (as `ingest PATH` would). RETURNS (folder, outcomes)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(source, data / source.name)
    return data, ingest_paths(db, nlp, [data])


@pytest.mark.parametrize("name", list(EXPECTED))
def test_read_paths(name, generated):
    path = _source(name, generated)
    _check(list(read_paths([path])), EXPECTED[name], str(path.parent) + "/")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_read_bytes(name, generated):
    """The upload path: the same bytes under the bare file name give the same result."""
    _check(list(read_bytes(name, _source(name, generated).read_bytes())), EXPECTED[name], "")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_pipeline(name, generated, fresh_db, nlp, tmp_path):
    data, outcomes = _ingest_alone(fresh_db, nlp, tmp_path, _source(name, generated))
    expected = EXPECTED[name]
    assert [(o.name, o.ok) for o in outcomes] == [(f"{data}/{w.label}", isinstance(w, Ok)) for w in expected]
    articles = {r["name"]: r for r in fresh_db["articles"].rows}
    assert len(articles) == sum(isinstance(w, Ok) for w in expected)
    for o, want in zip(outcomes, expected):
        if isinstance(want, Ok):
            assert o.claims > 0, o
            assert o.message.startswith(f"ingested: {o.claims} claims") and o.message.endswith(want.encoding)
            row = articles[display_name(want.label)]
            assert row["text"] == want.text and row["encoding"] == want.encoding
            assert row["n_claims"] == o.claims == fresh_db["claims"].count_where("article_id = ?", [row["id"]])
        else:
            assert want.matches(o.message), o.message
            assert o.claims == 0 and o.article_id is None
    log = [(r["name"], bool(r["ok"]), r["message"]) for r in fresh_db["ingest_log"].rows]
    assert log == [(o.name, o.ok, o.message) for o in outcomes]


# --- the whole corpus in one batch --------------------------------------------------------------


def test_whole_corpus_in_one_batch(generated, fresh_db, nlp, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus.CORPUS, data)  # README.md included: it must be skipped, not reported
    for name in GENERATED:
        shutil.copyfile(generated / name, data / name)
    before = _tree(tmp_path.parent)

    outcomes = ingest_paths(fresh_db, nlp, [data])

    expected = {f"{data}/{w.label}": w for ws in EXPECTED.values() for w in ws}
    assert len(outcomes) == len(expected)
    assert {o.name for o in outcomes} == set(expected)
    for o in outcomes:
        want = expected[o.name]
        assert o.ok == isinstance(want, Ok), o
        if o.ok:
            assert o.claims > 0, o
        else:
            assert want.matches(o.message), o
    # every good article is in the database, with its exact text: none lost to a bad neighbour
    stored = {r["name"]: r for r in fresh_db["articles"].rows}
    good = [w for w in expected.values() if isinstance(w, Ok)]
    assert sorted(stored) == sorted(display_name(w.label) for w in good)
    for w in good:
        assert stored[display_name(w.label)]["text"] == w.text
    assert fresh_db["claims"].count == sum(o.claims for o in outcomes)
    # nothing written anywhere but the database
    assert _tree(tmp_path.parent) == before
    assert not list(tmp_path.parent.rglob("evil.txt"))


# --- specific hazards ---------------------------------------------------------------------------


def test_zip_path_traversal_writes_nothing_and_is_refused(generated, fresh_db, nlp, tmp_path):
    data = tmp_path / "work" / "in" / "data"  # ../../evil.txt from here is tmp_path/work/evil.txt
    data.mkdir(parents=True)
    shutil.copyfile(generated / "evil.zip", data / "evil.zip")
    before = _tree(tmp_path.parent)
    cwd_targets = [Path.cwd() / "evil.txt", (Path.cwd() / corpus.ZIP_EVIL_MEMBER).resolve()]

    outcomes = ingest_paths(fresh_db, nlp, [data]) + ingest_upload(fresh_db, nlp, "evil.zip",
                                                                   (data / "evil.zip").read_bytes())

    assert _tree(tmp_path.parent) == before
    assert not list(tmp_path.parent.rglob("evil.txt"))
    assert not (data / corpus.ZIP_EVIL_MEMBER).resolve().exists()
    assert not any(p.exists() for p in cwd_targets)
    refused = [o for o in outcomes if not o.ok]
    assert [(o.name, o.message) for o in refused] == [
        (f"{data}/evil.zip/../../evil.txt", "unsafe path in the archive; member skipped"),
        ("evil.zip/../../evil.txt", "unsafe path in the archive; member skipped"),
    ]
    # the good member beside it is ingested (once; the upload is a re-ingest)
    assert [o.ok for o in outcomes] == [False, True, False, True]
    assert [r["name"] for r in fresh_db["articles"].rows] == ["汇丰贷.txt"]
    assert "恶意文件" not in "".join(r["text"] for r in fresh_db["articles"].rows)


def test_html_scripts_and_handlers_are_dropped(fresh_db, nlp, tmp_path):
    _, [outcome] = _ingest_alone(fresh_db, nlp, tmp_path, corpus.CORPUS / "script.html")
    assert outcome.ok and outcome.claims > 0
    [article] = fresh_db["articles"].rows
    text = article["text"]
    for bad in ("alert", "<script", "</script", "onerror", "onmouseover", "document.cookie", "evil.example",
                "javascript:", "<img", "color: red", "<"):
        assert bad not in text, bad
    assert text.splitlines() == corpus.HTML_VISIBLE  # every visible line kept, in order
    assert article["title"] == corpus.HTML_VISIBLE[0]
    claims = [r["text"] for r in fresh_db["claims"].rows]
    assert not any("alert" in c or "script" in c for c in claims)


def test_csv_formula_cells_are_ingested_as_text_and_neutralised_on_export(fresh_db, nlp, tmp_path):
    _, outcomes = _ingest_alone(fresh_db, nlp, tmp_path, corpus.CORPUS / "formulas.csv")
    assert [(display_name(o.name), o.ok) for o in outcomes] == [
        ("formulas.csv#row-1", True), ("formulas.csv#row-2", True), ("formulas.csv#row-3", True)]
    assert all(o.claims > 0 for o in outcomes)
    titles = {r["name"]: r["title"] for r in fresh_db["articles"].rows}
    # stored as the text it is (it is evidence), never evaluated
    assert titles == {"formulas.csv#row-1": corpus.CSV_HYPERLINK, "formulas.csv#row-2": corpus.CSV_CMD,
                      "formulas.csv#row-3": "华瑞金融逾期情况通报"}

    raw = csv_bytes(fresh_db)
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == sum(o.claims for o in outcomes)
    by_article = {}
    for r in rows:
        by_article.setdefault(r["article"], set()).add(r["title"])
    assert by_article == {"formulas.csv#row-1": {"'" + corpus.CSV_HYPERLINK},
                          "formulas.csv#row-2": {"'" + corpus.CSV_CMD},
                          "formulas.csv#row-3": {"华瑞金融逾期情况通报"}}
    for r in rows:  # no cell anywhere that Excel would run
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (r, value)


def test_jsonl_broken_line_is_reported_and_the_rest_ingested(fresh_db, nlp, tmp_path):
    data, outcomes = _ingest_alone(fresh_db, nlp, tmp_path, corpus.CORPUS / "one_broken_line.jsonl")
    assert [(display_name(o.name), o.ok) for o in outcomes] == [
        ("one_broken_line.jsonl#jl-1", True), ("one_broken_line.jsonl:2", False), ("one_broken_line.jsonl#jl-3", True)]
    broken = outcomes[1]
    assert broken.name == f"{data}/one_broken_line.jsonl:2"
    assert broken.message.startswith("broken JSON line (Unterminated string")
    assert sorted(r["name"] for r in fresh_db["articles"].rows) == ["one_broken_line.jsonl#jl-1",
                                                                    "one_broken_line.jsonl#jl-3"]


def test_chinese_file_name_with_spaces_is_kept(fresh_db, nlp, tmp_path):
    data = tmp_path / "来稿 2025"
    data.mkdir()
    shutil.copyfile(corpus.CORPUS / corpus.CHINESE_NAME, data / corpus.CHINESE_NAME)
    [outcome] = ingest_paths(fresh_db, nlp, [data])
    assert outcome.ok and outcome.claims > 0 and outcome.name == str(data / corpus.CHINESE_NAME)
    [article] = fresh_db["articles"].rows
    assert article["name"] == "利信 金融 报道.txt"
    assert article["text"] == corpus.CHINESE_NAME_TEXT
    [upload] = ingest_upload(fresh_db, nlp, corpus.CHINESE_NAME, corpus.CHINESE_NAME_TEXT.encode("utf-8"))
    assert upload.ok and upload.name == "利信 金融 报道.txt" and upload.message.startswith("re-ingested")


def test_big5_is_not_taken_for_gb18030_garbage():
    data = corpus.TEXT_FIXTURES["big5_plain.txt"][1]
    trap = data.decode("gb18030")  # no error: the trap of "try codecs until one does not fail"
    assert trap != corpus.BIG5_PLAIN
    [item] = read_bytes("big5_plain.txt", data)
    assert item.text == corpus.BIG5_PLAIN and item.encoding == "big5"


@pytest.mark.parametrize("make,codecs_ok", [
    (corpus.undecidable_bytes, ("gb18030", "gbk", "utf_16_le", "utf_16_be")),
    (corpus.random_common_bytes, ("gb18030", "gbk")),
])
def test_undecidable_bytes_are_refused_not_ingested_as_garbage(make, codecs_ok):
    data = make()
    readings = [data.decode(enc) for enc in codecs_ok]  # all decode without an error...
    assert all(any("\u4e00" <= c <= "\u9fff" for c in text) for text in readings)  # ...to "Chinese"
    [result] = read_bytes("mystery.txt", data)
    assert isinstance(result, InputError), result
    assert result.name == "mystery.txt"
    assert result.reason.startswith(COULD_NOT) and result.reason.endswith(SAVE_AS)


def test_word_salad_of_common_characters_is_not_plausible():
    """Random GB2312 hanzi are each common, but together they are not Chinese text."""
    salad = corpus.random_common_bytes().decode("gb18030")
    assert plausibility(salad) < 0.5
    for text in (corpus.GBK_RARE, corpus.BIG5_PLAIN, corpus.BIG5HKSCS_RARE, corpus.UTF16LE_NOBOM):
        assert plausibility(text) > 0.95


# --- one bad file never stops the others (issue 9) ----------------------------------------------

NESTED = ("[" * 100_000 + "]" * 100_000).encode()  # valid JSON nested past the recursion limit


def test_deeply_nested_json_is_one_fail_line_and_the_batch_goes_on(tmp_path, capsys):
    from checker import open_db
    from checker.cli import main

    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text(corpus.CHINESE_NAME_TEXT, encoding="utf-8")
    (data / "b_nested.json").write_bytes(NESTED)
    (data / "c.txt").write_text(corpus.UTF8_BOM, encoding="utf-8")
    db = tmp_path / "c.db"
    assert main(["ingest", str(data), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert f"FAIL {data}/b_nested.json: could not be read: nested too deeply (RecursionError)" in captured.err
    assert "Traceback" not in captured.err and "2 ingested, 1 failed" in captured.out
    database = open_db(db)
    assert sorted(r["name"] for r in database["articles"].rows) == ["a.txt", "c.txt"]
    assert [(r["name"].rsplit("/", 1)[-1], r["ok"]) for r in database["ingest_log"].rows] == [
        ("a.txt", 1), ("b_nested.json", 0), ("c.txt", 1)]


def test_any_reader_failure_is_that_files_fail_line(fresh_db, nlp, monkeypatch):
    import checker.ingest

    def broken(html):
        raise ValueError("parser bug")

    monkeypatch.setattr(checker.ingest, "html_to_text", broken)
    outcomes = (ingest_upload(fresh_db, nlp, "page.html", corpus.HTML.encode())
                + ingest_upload(fresh_db, nlp, "nested.json", NESTED)
                + ingest_upload(fresh_db, nlp, "ok.txt", corpus.CHINESE_NAME_TEXT.encode()))
    assert [(o.name, o.ok, o.message) for o in outcomes[:2]] == [
        ("page.html", False, "could not be read (ValueError: parser bug); the file was skipped"),
        ("nested.json", False, "could not be read: nested too deeply (RecursionError); the file was skipped")]
    assert outcomes[2].ok and outcomes[2].claims > 0
    assert [r["ok"] for r in fresh_db["ingest_log"].rows] == [0, 0, 1]

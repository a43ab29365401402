"""Real web pages as a measure of extraction: pack a gold set without its page text, unpack it
for the scorer, and score both real sets in one table.

Page texts are third-party: they are never stored in the repository. `annotations/realweb/`
keeps the gold with each evidence stretch as offsets into its page (`start`, `end`) and the
SHA-1 of every page, so the set can be rebuilt on any machine that fetched the same pages.

  python scripts/real_pages.py pack GOLD_DIR PAGES OUT_DIR     gold with evidence -> offsets (for the repo)
  python scripts/real_pages.py unpack SET_DIR PAGES OUT_DIR    offsets -> gold with evidence (for score.py)
  python scripts/real_pages.py score [--realdev PAGES] [--realweb PAGES] [--set NAME=PAGES ...]   one table

PAGES is a folder of `NN.txt` files: line 1 the page's URL, then its text exactly as the `search`
tool (corpus `pages`) returns it for the row's query in `pages.tsv` (see ../shared/realdev/README.md).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "realdev" / "score.py"
REALDEV = ROOT.parent / "shared" / "realdev"
_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[\(（][a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]{1,7}[\)）]")
EVIDENCE_FILES = ("gold.jsonl", "neutral.jsonl", "nonclaims.jsonl")


def page_body(pages: Path, page: str) -> str:
    """The text of page NN (without its URL line)."""
    return (pages / f"{page}.txt").read_text("utf-8").split("\n", 1)[1]


def _locate(body: str, needle: str) -> tuple[int, int] | None:
    """Where `needle` is in `body`, glosses ignored on both sides (as the scorer locates it)."""
    at = body.find(needle)
    if at >= 0:
        return at, at + len(needle)
    kept = [i for i in range(len(body))]
    for m in reversed(list(_GLOSS.finditer(body))):
        del kept[m.start():m.end()]
    plain = "".join(body[i] for i in kept)
    at = plain.find(_GLOSS.sub("", needle))
    if at < 0:
        return None
    return kept[at], kept[at + len(_GLOSS.sub("", needle)) - 1] + 1


def pack(gold_dir: Path, pages: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    hashes = {}
    for name in EVIDENCE_FILES:
        src = gold_dir / name
        if not src.exists():
            continue
        rows = []
        for line in src.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            body = page_body(pages, row["page"])
            hashes[row["page"]] = hashlib.sha1(body.encode("utf-8")).hexdigest()
            span = _locate(body, row.pop("evidence"))
            if span is None:
                raise SystemExit(f"{name}: evidence not found on page {row['page']}")
            row["start"], row["end"] = span
            rows.append(row)
        (out / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    for name in ("groups.json", "pages.tsv"):
        if (gold_dir / name).exists():
            shutil.copy(gold_dir / name, out / name)
    (out / "page_sha1.json").write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", "utf-8")


def unpack(set_dir: Path, pages: Path, out: Path) -> list[str]:
    """Write the scorer's files to `out`; RETURNS the pages whose text differs from the annotated one."""
    out.mkdir(parents=True, exist_ok=True)
    hashes = json.loads((set_dir / "page_sha1.json").read_text("utf-8"))
    differ = sorted(p for p, h in hashes.items()
                    if hashlib.sha1(page_body(pages, p).encode("utf-8")).hexdigest() != h)
    for name in EVIDENCE_FILES:
        if not (set_dir / name).exists():
            continue
        rows = []
        for line in (set_dir / name).read_text("utf-8").splitlines():
            row = json.loads(line)
            row["evidence"] = page_body(pages, row["page"])[row.pop("start"):row.pop("end")]
            rows.append(row)
        (out / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    shutil.copy(set_dir / "groups.json", out / "groups.json")
    return differ


def _run(mode: str, pages: Path, gold: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), mode, str(pages), str(gold)], cwd=ROOT,
                         capture_output=True, text=True).stdout
    figures = {}
    if m := re.search(r"held-out precision ([\d.]+) recall ([\d.]+)", out):
        figures["precision"], figures["recall"] = float(m[1]), float(m[2])
    if m := re.search(r"right subject \(numeric kinds\): \d+/\d+ = ([\d.]+)", out):
        figures["subject"] = float(m[1])
    if m := re.search(r"empty found (\d+/\d+)", out):
        figures["empty"] = m[1]
    if m := re.search(r"groups found (\d+/\d+); conflicts reported \d+, false (\d+)", out):
        figures["groups"], figures["false conflicts"] = m[1], int(m[2])
    if m := re.search(r"recall by kind: (.*)", out):
        figures["by kind"] = m[1]
    return figures


def _score_set(set_dir: Path, pages: Path) -> dict:
    """Score one packed set (annotations/NAME) against its fetched pages."""
    with tempfile.TemporaryDirectory() as tmp:
        differ = unpack(set_dir, pages, Path(tmp))
        if differ:
            print(f"warning: {set_dir.name}: pages {', '.join(differ)} differ from the annotated text",
                  file=sys.stderr)
        return _run("pages", pages, Path(tmp) / "gold.jsonl") | _run("groups", pages, Path(tmp) / "groups.json")


def score(realdev: Path | None, sets: list[tuple[str, Path]]) -> None:
    """One table: realdev (gold in ../shared) and each packed set NAME under annotations/."""
    rows = []
    if realdev:
        f = _run("pages", realdev, REALDEV / "gold.jsonl") | _run("groups", realdev, REALDEV / "groups.json")
        rows.append(("realdev (../shared, 14 pages)", f))
    for name, pages in sets:
        rows.append((f"{name} (annotations/{name})", _score_set(ROOT / "annotations" / name, pages)))
    print("| set | precision | recall | right subject | empty | groups | false conflicts |")
    print("|---|---|---|---|---|---|---|")
    for name, f in rows:
        print(f"| {name} | {f.get('precision')} | {f.get('recall')} | {f.get('subject')} | {f.get('empty')} | "
              f"{f.get('groups')} | {f.get('false conflicts')} |")
    for name, f in rows:
        print(f"{name}: recall by kind: {f.get('by kind')}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("pack")
    a.add_argument("gold_dir", type=Path), a.add_argument("pages", type=Path), a.add_argument("out", type=Path)
    b = sub.add_parser("unpack")
    b.add_argument("set_dir", type=Path), b.add_argument("pages", type=Path), b.add_argument("out", type=Path)
    c = sub.add_parser("score")
    c.add_argument("--realdev", type=Path, metavar="PAGES")
    c.add_argument("--realweb", type=Path, metavar="PAGES", help="same as --set realweb=PAGES")
    c.add_argument("--set", action="append", default=[], metavar="NAME=PAGES",
                   help="a packed set annotations/NAME and its pages (repeatable), e.g. realweb2=~/pages/realweb2")
    args = p.parse_args(argv)
    if args.cmd == "pack":
        pack(args.gold_dir, args.pages, args.out)
    elif args.cmd == "unpack":
        differ = unpack(args.set_dir, args.pages, args.out)
        if differ:
            print(f"pages {', '.join(differ)} differ from the annotated text", file=sys.stderr)
    else:
        if not SCORER.exists():
            raise SystemExit(f"the scorer is not at {SCORER}")
        sets = [("realweb", args.realweb)] if args.realweb else []
        for item in args.set:
            name, sep, pages = item.partition("=")
            if not sep or not (ROOT / "annotations" / name / "page_sha1.json").exists():
                p.error(f"--set {item}: expected NAME=PAGES with a packed set annotations/NAME")
            sets.append((name, Path(pages).expanduser()))
        score(args.realdev, sets)
    return 0


if __name__ == "__main__":
    sys.exit(main())

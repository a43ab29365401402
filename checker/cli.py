"""Command line: `python -m checker COMMAND ...`. Each command is a thin wrapper over the library.

Exit codes: 0 success, 1 some input could not be processed (the rest was, and each failure
names its file and reason), 2 a usage error or a database or output file that cannot be used.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from . import export, storage
from .errors import CheckerError, InputError


def _db(args):
    return storage.open_db(args.db)


def _nlp():
    from .extract import build_pipeline

    return build_pipeline()


def cmd_ingest(args) -> int:
    import time

    from tqdm import tqdm

    from .batch import default_workers, ingest_paths
    from .ingest import count_files

    db = _db(args)
    nlp = _nlp()
    started = time.monotonic()
    # the bar goes to stderr, only on a terminal; failures (and with --verbose every file) print above it
    bar = tqdm(total=count_files(args.paths), unit=" articles", file=sys.stderr, disable=None, dynamic_ncols=True,
               bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]")

    def shown(o):
        if not o.ok:
            bar.write(f"FAIL {o.name}: {o.message}", file=sys.stderr)
        elif args.verbose:
            bar.write(f"ok   {o.name}: {o.message}", file=sys.stdout)
        if bar.n + 1 > bar.total:  # a .csv, .jsonl or .zip holds more than one article
            bar.total = bar.n + 1
        bar.update()

    try:
        outcomes = ingest_paths(db, nlp, args.paths, args.invalid_bytes, args.workers or default_workers(), shown)
    finally:
        bar.close()
    ok = sum(o.ok for o in outcomes)
    seconds = time.monotonic() - started
    print(f"{ok} ingested, {len(outcomes) - ok} failed in {seconds:.1f} s ({len(outcomes) / max(seconds, 1e-9):.1f} "
          f"articles/s); database {storage.db_path(args.db)}")
    return 0 if ok == len(outcomes) else 1


def cmd_claims(args) -> int:
    from .extract import extract
    from .ingest import read_paths

    nlp = _nlp()
    failed = 0
    for item in read_paths(args.files, args.invalid_bytes):
        if isinstance(item, InputError):
            print(f"FAIL {item}", file=sys.stderr)
            failed += 1
            continue
        ex = extract(nlp, item.text, item.name, item.encoding)
        for c in ex.claims:
            if args.format == "jsonl":
                print(json.dumps({"file": item.name, **c.to_dict()}, ensure_ascii=False))
            else:
                flags = f"  [{', '.join(c.flags)}]" if c.flags else ""
                empty = "  [EMPTY]" if c.empty else ""
                print(f"{item.name}\t{c.start}-{c.end}\t{c.predicate}\t{c.text}{empty}{flags}")
    return 1 if failed else 0


def cmd_export(args) -> int:
    db = _db(args)
    if not (args.csv or args.jsonl or args.claimreview or args.gold or args.archive):
        print("say what to write: --csv OUT, --jsonl OUT, --claimreview OUT, --gold DIR and/or --archive OUT",
              file=sys.stderr)
        return 2
    if args.archive:
        from .archive import write_archive

        with open(args.archive, "w", encoding="utf-8", newline="\n") as f:
            n = write_archive(db, f)
        print(f"{n} rows written to {args.archive} (restore with: python -m checker import {args.archive})")
    if args.gold:
        from .corrections import write_gold

        n = write_gold(db, args.gold)
        print(f"{n} articles written to {args.gold}/gold (claims) and {args.gold}/data (texts); score the "
              f"extractor with: python -m checker eval --data {args.gold}/data --gold {args.gold}/gold")
    if args.csv:
        with open(args.csv, "wb") as f:
            n = export.write_csv(db, f, args.reviewed_only)
        print(f"{n} rows written to {args.csv}")
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as f:
            n = sum(1 for line in export.jsonl_lines(db, args.reviewed_only) if f.write(line + "\n"))
        print(f"{n} rows written to {args.jsonl}")
    if args.claimreview:
        with open(args.claimreview, "wb") as f:
            n = export.write_claim_reviews(db, f, args.publisher)
        print(f"{n} ClaimReview records written to {args.claimreview}")
    return 0


def cmd_verdict(args) -> int:
    from . import facts, review
    from .labels import parse_predicate, parse_verdict
    from .models import Verdict

    db = _db(args)
    verdict = parse_verdict(args.verdict)
    if args.group:
        entity = facts.canonical_entity(db, args.group[0])
        ids = facts.group_claim_ids(db, entity, parse_predicate(args.group[1]))
    elif args.same_statement:
        ids = facts.same_statement(db, args.claim_id)
    elif not args.claim_id:
        print("say which claim: verdict CLAIM_ID VERDICT (or --group ENTITY PREDICATE)", file=sys.stderr)
        return 2
    else:
        row_id = storage.add_verdict(db, Verdict(args.claim_id, verdict, args.reviewer, args.note, args.evidence))
        print(f"verdict {verdict} on {args.claim_id} saved (history row {row_id})")
        return 0
    if not ids:
        print("no claims matched", file=sys.stderr)
        return 2
    done = review.apply_group_verdict(db, ids, verdict, args.reviewer, args.note, args.evidence, args.overwrite)
    print(f"verdict {verdict} saved on {done['saved']} claims")
    if done["kept"]:
        print(f"{sum(done['kept'].values())} claims keep another reviewer's verdict ({review.names_text(done['kept'])});"
              " add --overwrite to replace them")
    return 0


def cmd_import(args) -> int:
    from .archive import read_archive

    db = _db(args)
    with open(args.archive, encoding="utf-8") as f:
        counts = read_archive(db, f)
    print("imported " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    return 0


def cmd_undo(args) -> int:
    from . import review

    done = review.undo_last(_db(args), args.reviewer)
    if done is None:
        print(f"{args.reviewer} has no verdict to undo", file=sys.stderr)
        return 2
    print(f"verdict {done['verdict']} on {done['claim_id']} retracted; the claim's verdict is now {done['now'] or 'none'}")
    return 0


def cmd_eval(args) -> int:
    from .evaluate import GOLD_DIR, evaluate

    report = evaluate(_nlp(), Path(args.data), Path(args.gold) if args.gold else GOLD_DIR)
    print(report.text(verbose=args.verbose))
    return 0


FACT_COLUMNS = ("status", "entity", "predicate", "label", "values", "n_sources", "n_articles", "n_claims", "n_empty")


def _fact_row(g: dict) -> dict:
    from .vocabulary import label

    values = "; ".join(f"{v['value']}" + (f" @{','.join(v['as_of'])}" + ("…" if v.get("more_as_of") else "")
                                          if v["as_of"] else "") + f" ×{v['sources']}"
                       for v in g["summary"])
    return {**g, "label": label(g["predicate"]), "values": values}


def cmd_facts(args) -> int:
    import csv

    from . import facts
    from .labels import status_label

    db = _db(args)
    if args.refresh:
        from .storage import write_retrying

        write_retrying(db, lambda d: facts.refresh(d))
    rows = (_fact_row(g) for g in facts.iter_groups(db, args.status, args.entity, args.predicate))
    if args.format == "jsonl":
        for r in rows:
            print(json.dumps({k: r[k] for k in (*FACT_COLUMNS, "summary")}, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write("\ufeff")  # Excel reads the Chinese right only with a BOM
        writer = csv.DictWriter(sys.stdout, fieldnames=FACT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: export.safe_cell(r[k]) for k in FACT_COLUMNS})
    else:
        for r in rows:
            print(f"{r['status']:<9} {status_label(r['status'])}\t{r['entity']}\t{r['label']}\t{r['values']}\t"
                  f"({r['n_sources']} sources, {r['n_articles']} articles)")
    return 0


def cmd_alias(args) -> int:
    from . import facts

    need = {"merge": 2, "split": 1, "list": 0}[args.action]
    if len(args.names) != need:
        print(f"alias {args.action} takes {need} name(s): merge ALIAS ENTITY | split ALIAS | list", file=sys.stderr)
        return 2
    db = _db(args)
    if args.action == "merge":
        moved = facts.merge(db, args.names[0], args.names[1], args.by)
        print(f"{args.names[0]} is now {facts.canonical_entity(db, args.names[1])} ({moved} claims moved)")
    elif args.action == "split":
        moved = facts.split(db, args.names[0])
        print(f"{args.names[0]} is its own entity again ({moved} claims moved)")
    else:
        for a in facts.aliases(db):
            print(f"{a['alias']}\t-> {a['entity']}\t{a['created_by'] or ''}\t{a['created_at'] or ''}")
    return 0


def invalid_bytes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--invalid-bytes", choices=["refuse", "replace"], default="refuse",
                   help="UTF-8 with a few invalid bytes: refuse the file (default) or store them as U+FFFD")


def build_parser() -> argparse.ArgumentParser:
    from .models import VERDICTS

    parser = argparse.ArgumentParser(prog="python -m checker", description="Claim-checking workbench")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p):
        p.add_argument("--db", help="SQLite database (default: $CHECKER_DB or annotations/checker.db)")
        return p

    p = with_db(sub.add_parser("ingest", help="ingest articles from files and folders"))
    p.add_argument("paths", nargs="+", help=".txt .html .csv .jsonl .zip files or folders")
    invalid_bytes_option(p)
    p.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    p.add_argument("--verbose", "-v", action="store_true", help="a line for every file, not only failures")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("claims", help="print the claims of files (no database)")
    p.add_argument("files", nargs="+")
    invalid_bytes_option(p)
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.set_defaults(func=cmd_claims)

    p = with_db(sub.add_parser("export", help="export claims and verdicts"))
    p.add_argument("--csv", help="CSV for Excel (UTF-8 with BOM)")
    p.add_argument("--jsonl", help="one JSON object per claim")
    p.add_argument("--claimreview", help="schema.org ClaimReview JSON for the reviewed claims")
    p.add_argument("--publisher", default="", help="publisher name in ClaimReview records")
    p.add_argument("--reviewed-only", action="store_true", help="only claims with a verdict")
    p.add_argument("--archive", metavar="OUT", help="everything (articles, claims, verdict history, corrections) "
                                                   "as JSON lines, for `import`")
    p.add_argument("--gold", metavar="DIR", help="reviewers' corrected claims in the gold format (DIR/gold, DIR/data)")
    p.set_defaults(func=cmd_export)

    p = with_db(sub.add_parser("facts", help="facts across articles: conflicts and empties first"))
    p.add_argument("--status", choices=["conflict", "empty", "changed", "agree", "single"])
    p.add_argument("--entity", help="only entities containing this name")
    p.add_argument("--predicate", help="only this predicate (e.g. founded)")
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")
    p.add_argument("--refresh", action="store_true", help="recompute every group first")
    p.set_defaults(func=cmd_facts)

    p = with_db(sub.add_parser("alias", help="entity aliases: merge two names, split them again, list"))
    p.add_argument("action", choices=["merge", "split", "list"])
    p.add_argument("names", nargs="*", help="merge ALIAS ENTITY | split ALIAS")
    p.add_argument("--by", default="", help="who made the change")
    p.set_defaults(func=cmd_alias)

    p = sub.add_parser("eval", help="score extraction against the gold set")
    p.add_argument("--data", default=str(Path(__file__).resolve().parent.parent / "data"))
    p.add_argument("--gold", help="gold folder (default annotations/gold)")
    p.add_argument("--verbose", "-v", action="store_true", help="list misses and false alarms")
    p.set_defaults(func=cmd_eval)

    p = with_db(sub.add_parser("verdict", help="record a verdict on a claim (or on many)"))
    p.add_argument("claim_id", nargs="?", default="", help="the claim (not needed with --group)")
    p.add_argument("verdict", help=f"{' | '.join(VERDICTS)}, or 已核实 | 无依据 | 矛盾")
    p.add_argument("--same-statement", action="store_true",
                   help="also every claim across articles that states the same value")
    p.add_argument("--group", nargs=2, metavar=("ENTITY", "PREDICATE"),
                   help="every claim of a fact group (PREDICATE as printed by facts: 成立于 or founded)")
    p.add_argument("--overwrite", action="store_true",
                   help="with --group/--same-statement: also replace other reviewers' verdicts")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--note", default="")
    p.add_argument("--evidence", default="")
    p.set_defaults(func=cmd_verdict)

    p = with_db(sub.add_parser("import", help="restore an archive (export --archive) into an empty database"))
    p.add_argument("archive", help="the .jsonl written by export --archive")
    p.set_defaults(func=cmd_import)

    p = with_db(sub.add_parser("undo", help="retract your last verdict (a new history row; nothing is deleted)"))
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_undo)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the output was piped into head or a closed pager
        return 0
    except (CheckerError, KeyError, ValueError, OSError, sqlite3.Error) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"error: {message}", file=sys.stderr)
        return 2

"""Reviewers' corrections of the extraction, kept apart from it, and the gold set they make.

A correction fixes a claim's subject, predicate or value, says a claim is not a claim, or adds
a claim the extractor missed (a span of the sentence). Corrections live in their own table,
append-only (the latest for a claim wins) and keyed by claim id, which is a hash of the article
text, predicate and span: re-ingesting the article neither touches nor orphans them, and each
keeps a copy of the claim as extracted. `write_gold` writes the corrected claims of every article a
reviewer worked on in the format of annotations/gold, with the article texts, so that
`python -m checker eval --data DIR/data --gold DIR/gold` scores the extractor against the desk's work.
"""
from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from .numbers import scan_values
from .vocabulary import PREDICATES

GOLD_FIELDS = ("file", "subject", "predicate", "value", "number", "number_max", "unit", "qualifier", "date",
               "as_of", "kind", "empty", "start", "end")
ACTIONS = ("fix", "not_a_claim", "add")
_VALUE_FIELDS = ("number", "number_max", "unit", "qualifier", "date")


def _num(n):
    return int(n) if isinstance(n, float) and n.is_integer() else n


def gold_of(claim: dict) -> dict:
    """A claim row as a gold record (without `file`)."""
    out = {k: claim.get(k) for k in GOLD_FIELDS if k != "file"}
    out["empty"] = bool(out["empty"])
    out["number"], out["number_max"] = _num(out["number"]), _num(out["number_max"])
    return out


def _read_value(value: str, kind: str) -> dict:
    """number, unit, qualifier, date of a value as a reviewer typed it (`超过3亿元`), by the extractor's
    own value parser; nulls when it finds no value (a place, say)."""
    found = [v for v in scan_values(value or "") if v.kind in (kind, "quantity")]
    if not found:
        return {k: None for k in _VALUE_FIELDS}
    v = found[0].as_kind(kind) if found[0].kind == "quantity" else found[0]
    return {"number": _num(v.number), "number_max": _num(v.number_max), "unit": v.unit, "qualifier": v.qualifier,
            "date": v.date}


def _claim_row(db, claim_id: str) -> dict:
    row = next(db.query("SELECT * FROM claims WHERE id = ?", [claim_id]), None)
    if row is None:
        raise KeyError(f"no claim with id {claim_id}")
    return row


def _save(db, article_id, claim_id, action, fields, original, reviewer) -> int:
    from .storage import now, write_retrying

    if not reviewer.strip():
        raise ValueError("a correction needs the reviewer's name")
    return write_retrying(db, lambda d: d.execute(
        "INSERT INTO corrections (article_id, claim_id, action, fields, original, reviewer, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [article_id, claim_id, action, json.dumps(fields, ensure_ascii=False),
         json.dumps(original, ensure_ascii=False) if original else None, reviewer.strip(), now()]).lastrowid)


def fix(db: sqlite_utils.Database, claim_id: str, reviewer: str, subject: str | None = None,
        predicate: str | None = None, value: str | None = None) -> int:
    """Correct a claim's subject, predicate and/or value (the number, unit and date are read from the
    value as typed). RETURNS the correction's id. RAISES KeyError, ValueError."""
    claim = _claim_row(db, claim_id)
    original = gold_of(claim)
    fields = dict(current(db, claim_id) or original)
    if subject is not None and subject.strip():
        fields["subject"] = subject.strip()
    if predicate is not None and predicate.strip() and predicate != fields["predicate"]:
        # a canonical predicate brings its kind; an open one (the clause's words) keeps the claim's
        fields["predicate"] = predicate.strip()
        if predicate in PREDICATES:
            fields["kind"] = PREDICATES[predicate].kind
        if value is None:
            value = fields["value"]
    if value is not None and value.strip() and value.strip() != fields["value"]:
        # the gold value is the value as written: find it in the claim's sentence, the span grows to hold it
        text = db.execute("SELECT text FROM articles WHERE id = ?", [claim["article_id"]]).fetchone()[0]
        lo, hi = claim["sentence_start"] or 0, claim["sentence_end"] or len(text)
        at = text.find(value.strip(), lo, hi)
        if at < 0:
            raise ValueError(f"{value.strip()!r} is not in the sentence: type the value as the text writes it")
        fields["start"], fields["end"] = min(fields["start"], at), max(fields["end"], at + len(value.strip()))
    if value is not None:
        fields["value"] = value.strip()
        fields["empty"] = not fields["value"]
        fields.update(_read_value(fields["value"], fields["kind"]) if fields["value"] else
                      {k: None for k in _VALUE_FIELDS})
    return _save(db, claim["article_id"], claim_id, "fix", fields, original, reviewer)


def not_a_claim(db: sqlite_utils.Database, claim_id: str, reviewer: str) -> int:
    """Say that the extractor's claim is not a claim (it leaves the gold set)."""
    claim = _claim_row(db, claim_id)
    return _save(db, claim["article_id"], claim_id, "not_a_claim", {}, gold_of(claim), reviewer)


def add(db: sqlite_utils.Database, article_id: str, reviewer: str, text: str, predicate: str, subject: str,
        within: tuple[int, int] | None = None) -> int:
    """Add a claim the extractor missed: `text` is its evidence as it stands in the article (within
    the sentence `within` when given); its value is read from that text. RETURNS the correction's id.
    `predicate` is canonical (vocabulary.py) or the text's own words.
    RAISES ValueError: the text is not in the article, or no predicate is given."""
    row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        raise KeyError(f"no article with id {article_id}")
    predicate = (predicate or "").strip()
    if not predicate:
        raise ValueError("a missed claim needs a predicate: choose one or type the text's own words")
    text = (text or "").strip()
    lo, hi = within or (0, len(row[0]))
    start = row[0].find(text, lo, hi) if text else -1
    if start < 0:
        raise ValueError(f"{text!r} is not in the sentence: copy it from the text as it stands")
    end = start + len(text)
    if db.execute("SELECT 1 FROM claims WHERE article_id = ? AND predicate = ? AND stale = 0 AND start < ? AND \"end\" > ?",
                  [article_id, predicate, end, start]).fetchone():
        raise ValueError("the extractor already has this claim: correct it instead")
    if predicate in PREDICATES:
        kind = PREDICATES[predicate].kind
        found = [v for v in scan_values(text) if v.kind in (kind, "quantity")]
    else:  # an open predicate: the value's own kind (a bare 13万 reads as money)
        found = scan_values(text)
        kind = ("money" if found[0].kind == "quantity" else found[0].kind) if found else "text"
    value = found[0].text if found else ""
    fields = {"subject": subject.strip(), "predicate": predicate, "value": value,
              **_read_value(value, kind), "as_of": None, "kind": kind, "empty": not value,
              "start": start, "end": start + len(text)}
    return _save(db, article_id, None, "add", fields, None, reviewer)


def carry(db: sqlite_utils.Database, old_article: str, new_article: str, pairs: dict[str, str], at: str) -> int:
    """Bring a reviewer's corrections to the next version of an article (inside the caller's
    transaction). `pairs` maps each unchanged old claim to its new claim: its latest fix or
    not-a-claim is copied onto the new claim, offsets moved with it. A missed claim that was added
    moves when its words are still in the text (the occurrence nearest its old place); one whose
    words are gone stays with the earlier version. RETURNS the corrections carried."""
    texts = dict(db.execute("SELECT id, text FROM articles WHERE id IN (?, ?)", [old_article, new_article]).fetchall())
    old_text, new_text = texts.get(old_article, ""), texts.get(new_article, "")
    latest: dict[str, dict] = {}  # the latest correction of each claim, then the added claims
    added = []
    for c in for_article(db, old_article):
        if c["action"] == "add":
            added.append(c)
        else:
            latest[c["claim_id"]] = c
    carried = 0
    for c in list(latest.values()) + added:
        fields = dict(c["fields"])
        if c["action"] == "add":
            words = old_text[fields["start"]:fields["end"]]
            at_new = _nearest(new_text, words, fields["start"])
            if at_new is None:
                continue
            fields["start"], fields["end"] = at_new, at_new + len(words)
            claim_id = None
        else:
            claim_id = pairs.get(c["claim_id"])
            if claim_id is None:
                continue  # the claim changed or went: its correction stays with the earlier version
            if fields:
                (old_start,), (new_start,) = (db.execute("SELECT start FROM claims WHERE id = ?", [i]).fetchone()
                                              for i in (c["claim_id"], claim_id))
                fields["start"] += new_start - old_start
                fields["end"] += new_start - old_start
        db.execute("INSERT INTO corrections (article_id, claim_id, action, fields, original, reviewer, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [new_article, claim_id, c["action"], json.dumps(fields, ensure_ascii=False),
                    json.dumps(c["original"], ensure_ascii=False) if c["original"] else None, c["reviewer"], at])
        carried += 1
    return carried


def _nearest(text: str, words: str, near: int) -> int | None:
    """Where `words` occur in `text`, the occurrence nearest offset `near`; None when absent."""
    hits, at = [], text.find(words) if words else -1
    while at >= 0:
        hits.append(at)
        at = text.find(words, at + 1)
    return min(hits, key=lambda h: abs(h - near)) if hits else None


def current(db: sqlite_utils.Database, claim_id: str) -> dict | None:
    """The claim as corrected (gold fields), None when uncorrected; {} when it is not a claim."""
    row = db.execute("SELECT action, fields FROM corrections WHERE claim_id = ? ORDER BY id DESC LIMIT 1",
                     [claim_id]).fetchone()
    if row is None:
        return None
    return {} if row[0] == "not_a_claim" else json.loads(row[1])


def for_article(db: sqlite_utils.Database, article_id: str) -> list[dict]:
    """Every correction of an article, oldest first (id, claim_id, action, fields, reviewer, created_at)."""
    return [{**r, "fields": json.loads(r["fields"]), "original": json.loads(r["original"]) if r["original"] else None}
            for r in db.query("SELECT * FROM corrections WHERE article_id = ? ORDER BY id", [article_id])]


def gold_claims(db: sqlite_utils.Database, article_id: str) -> list[dict]:
    """The article's claims as the desk has it: the extraction with every correction applied,
    without the claims that are not claims, with the claims added; in text order."""
    latest: dict[str, dict] = {}
    added = []
    for c in for_article(db, article_id):
        if c["action"] == "add":
            added.append(c["fields"])
        else:
            latest[c["claim_id"]] = c
    out = []
    for claim in db.query("SELECT * FROM claims WHERE article_id = ? AND stale = 0 ORDER BY position", [article_id]):
        c = latest.pop(claim["id"], None)
        if c is None:
            out.append(gold_of(claim))
        elif c["action"] == "fix":
            out.append(c["fields"])
    # a corrected claim the extractor no longer finds keeps its correction
    out += [c["fields"] for c in latest.values() if c["action"] == "fix"]
    return sorted(out + added, key=lambda g: (g["start"], g["end"], g["predicate"]))


def _worked_on(db: sqlite_utils.Database) -> list[str]:
    """Articles with a correction, or whose every current claim has a verdict."""
    ids = [r[0] for r in db.execute("SELECT DISTINCT article_id FROM corrections ORDER BY article_id")]
    seen = set(ids)
    for (aid,) in db.execute("SELECT a.id FROM articles a WHERE a.n_claims > 0 AND NOT EXISTS "
                             "(SELECT 1 FROM claims c WHERE c.article_id = a.id AND c.stale = 0 AND c.verdict IS NULL)"):
        if aid not in seen:
            ids.append(aid)
    return ids


def write_gold(db: sqlite_utils.Database, out_dir: str | Path) -> int:
    """Write DIR/gold/<file>.jsonl (the corrected claims, format of annotations/gold) and DIR/data/<file>
    (the article text the offsets refer to, UTF-8) for every article worked on. RETURNS articles written."""
    out = Path(out_dir)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    n = 0
    for aid in _worked_on(db):
        art = db.execute("SELECT name, text FROM articles WHERE id = ?", [aid]).fetchone()
        if art is None:
            continue
        name = Path(art[0]).name or aid
        if not name.endswith(".txt"):
            name += ".txt"  # read back as plain text, so the offsets hold
        if name in used:
            name = f"{aid[:8]}-{name}"
        used.add(name)
        (out / "data" / name).write_text(art[1], encoding="utf-8")
        lines = [json.dumps({"file": name, **{k: g.get(k) for k in GOLD_FIELDS if k != "file"}}, ensure_ascii=False)
                 for g in gold_claims(db, aid)]
        (out / "gold" / f"{name}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        n += 1
    return n

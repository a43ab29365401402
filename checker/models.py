"""Article, Claim and Verdict: plain records, frozen, each with `to_row()` for SQLite."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields

#: What a reviewer can say of a claim. Skipping a claim records nothing.
VERDICTS = ("verified", "unsupported", "contradictory")


def content_id(*parts: object, length: int = 16) -> str:
    """A stable id: the start of the SHA-1 of the parts joined by '|'."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Claim:
    """One checkable fact. Offsets (`start`, `end`) index the decoded original text;
    `number` is in base units (元, %, years, people, the year of a date)."""

    claim_id: str
    subject: str
    predicate: str
    predicate_text: str
    value: str
    number: float | int | None
    number_max: float | int | None
    unit: str | None
    qualifier: str | None
    date: str | None
    as_of: str | None
    kind: str
    empty: bool
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}  # every field is flat: no deep copy
        d["flags"] = list(self.flags)
        return d

    def to_row(self, article_id: str, position: int) -> dict:
        row = self.to_dict()
        row["id"] = row.pop("claim_id")
        row["article_id"] = article_id
        row["position"] = position
        row["empty"] = int(self.empty)
        row["flags"] = json.dumps(list(self.flags), ensure_ascii=False)
        return row


@dataclass(frozen=True)
class Article:
    """A decoded article with its metadata. `id` is the content hash of `text`."""

    id: str
    name: str
    text: str
    encoding: str
    title: str = ""
    published: str | None = None
    source: str | None = None
    main_entity: str | None = None
    damage: tuple = ()
    meta: dict = field(default_factory=dict)

    def to_row(self) -> dict:
        return {
            "id": self.id, "name": self.name, "title": self.title, "text": self.text,
            "encoding": self.encoding, "published": self.published, "source": self.source,
            "main_entity": self.main_entity, "chars": len(self.text),
            "damage": json.dumps([d.to_row() for d in self.damage], ensure_ascii=False),
            "meta": json.dumps(self.meta, ensure_ascii=False),
        }


@dataclass(frozen=True)
class Verdict:
    """A reviewer's decision on a claim; verdicts are appended, never updated."""

    claim_id: str
    verdict: str
    reviewer: str
    note: str = ""
    evidence: str = ""
    role: str = ""  # "lead": a lead's verdict settling a disagreement between reviewers

    def __post_init__(self):
        if self.role not in ("", "lead"):
            raise ValueError(f"role must be '' or 'lead', not {self.role!r}")
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {self.verdict!r}")
        if not self.reviewer.strip():
            raise ValueError("a verdict needs the reviewer's name")

"""When two statements of the same fact agree: the comparison rules, in one place.

A statement is one claim's value read as a set of possible values:

- numbers: `exact` x is x (±0.5%); `about` x is ±10%; `over` x is (x, ∞); `under` x is
  [0, x); a `range` is [number, number_max]. Two numbers agree when their sets meet:
  超过1亿元 agrees with 1.2亿元 and conflicts with 8000万元.
- dates: compared at the precision both have: `2024年初` (2024, early) agrees with
  `2024年`; 2015 conflicts with 2014; 2019-03 agrees with 2019-03-27.
- places: the same place after folding (深圳 = 深圳市).
- names and other text: one contains the other after folding; a company written with or without
  有限 is one name (…服务有限公司 = …服务公司), while 股份有限公司 and 有限公司 are two.
- units must match (a count of 人 is not compared with a count of 笔; 条, 件, 起 and 次 are
  all counted items).
- one sentence that gives two values (从2.4%上升到11.6%; 成立时…，增资后…) describes a change,
  never a conflict; nor do two values from one source (an article's thresholds 逾期1天/3天/30天,
  or figures of its sub-entities): a conflict needs two independent sources.
- time: statements hold at their `as_of`. Two statements are about the same time when
  either has no `as_of` or one `as_of` is a prefix of the other (2024 and 2024-09).
  Different values at different times are a change over time, not a conflict.

Group status, in the order a reviewer needs them:
`conflict` (two statements about the same time disagree), `empty` (some article leaves
the value out), `changed` (values differ only across time: a timeline), `agree` (a second
independent source states a comparable value, and nothing disagrees), `single` (no second
independent source corroborates: one source, or values that cannot be compared).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import dataclass, replace

from .numbers import DAYS

STATUSES = ("conflict", "empty", "changed", "agree", "single")
EXACT_TOLERANCE = 0.005
ABOUT_TOLERANCE = 0.10


@dataclass(frozen=True)
class Statement:
    """One claim's value, as compared. source: the independent source (near-duplicate group)."""

    claim_id: str
    source: str
    kind: str
    empty: bool
    number: float | None = None
    number_max: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    date: str | None = None
    value: str = ""
    as_of: str | None = None
    sentence: str = ""

    @classmethod
    def from_row(cls, row: dict, source: str | None = None) -> Statement:
        return cls(row["id"], source or row.get("source") or row["article_id"], row["kind"], bool(row["empty"]),
                   row.get("number"), row.get("number_max"), row.get("unit"), row.get("qualifier"),
                   row.get("date"), row.get("value") or "", row.get("as_of"),
                   f"{row.get('article_id')}:{row.get('sentence_start')}")


def interval(s: Statement) -> tuple[float, float]:
    """The set of values a numeric statement allows, as a closed interval (durations in days)."""
    scale = DAYS.get(s.unit or "", 1.0) if s.kind == "duration" else 1.0
    x = float(s.number) * scale
    q = s.qualifier or "exact"
    if q == "range" and s.number_max is not None:
        y = float(s.number_max) * scale
        return min(x, y), max(x, y)
    if q == "over":
        return x, math.inf
    if q == "under":
        return 0.0, x
    tol = ABOUT_TOLERANCE if q == "about" else EXACT_TOLERANCE
    return x * (1 - tol), x * (1 + tol)


def same_time(a: Statement, b: Statement) -> bool:
    """Whether two statements hold at the same time (see module doc)."""
    if not a.as_of or not b.as_of:
        return True
    return a.as_of.startswith(b.as_of) or b.as_of.startswith(a.as_of)


_ITEMS = {"条": "item", "件": "item", "起": "item", "次": "item", "个": "item"}


#: Kinds compared by number; names, codes and other text by their folded words.
NUMERIC = ("money", "percent", "duration", "count", "multiple", "rank")
TEXTUAL = ("name", "code", "text")


def _unit(s: Statement) -> str:
    if s.kind == "duration":
        return "day" if (s.unit or "") in DAYS else s.unit or ""  # 3个月 and 90天 compare in days
    return _ITEMS.get(s.unit or "", s.unit or "")


def _dated(s: Statement) -> bool:
    """A date with its year: 7月2日 or 上月28日 cannot be compared with a dated statement."""
    return bool(s.date) and s.date[0].isdigit()


def comparable(a: Statement, b: Statement) -> bool:
    """Both have a value, of the same kind and unit, and they are not two values of one sentence."""
    if a.empty or b.empty or a.kind != b.kind or (a.sentence and a.sentence == b.sentence):
        return False
    if a.kind in NUMERIC:
        return a.number is not None and b.number is not None and _unit(a) == _unit(b)
    if a.kind == "date":
        return (_dated(a) and _dated(b)) or (a.date is None and b.date is None and a.number is not None
                                            and b.number is not None)
    if a.kind in TEXTUAL:
        return bool(a.value) and bool(b.value)
    return a.kind == "place"


@lru_cache(maxsize=65536)
def _fold_place(value: str) -> str:
    from .normalize import fold

    v = fold(value).strip()
    for suffix in ("市", "省", "区"):
        if v.endswith(suffix) and len(v) > 2:
            v = v[: -len(suffix)]
    return v


#: A company's name written with or without 有限 (…服务有限公司 = …服务公司); 股份 still tells two forms apart.
_LIMITED = re.compile(r"有限(?:责任)?公司")


def agree(a: Statement, b: Statement) -> bool:
    """Whether two comparable statements can both be true (ignoring time)."""
    if a.kind == "date":
        da, db = (a.date or str(int(a.number or 0))), (b.date or str(int(b.number or 0)))
        return da.startswith(db) or db.startswith(da)
    if a.kind == "place":
        pa, pb = _fold_place(a.value), _fold_place(b.value)
        return pa == pb or pa.startswith(pb) or pb.startswith(pa)
    if a.kind in TEXTUAL:
        ta, tb = (_LIMITED.sub("公司", _fold_place("".join(x.split()))) for x in (a.value, b.value))  # NYSE: WEI = NYSE:WEI
        if a.kind == "name" and (ta.endswith("某") or tb.endswith("某")):
            return ta[:1] == tb[:1]  # 贺某 is how the court or press writes 贺鑫
        return ta in tb or tb in ta
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    return lo_a <= hi_b and lo_b <= hi_a


def value_key(s: Statement) -> tuple:
    """What a statement says, whatever the time: two claims with the same key state the same value."""
    return (s.kind, s.empty, s.number, s.number_max, _unit(s), s.qualifier, s.date,
            _fold_place(s.value) if s.kind in ("place", *TEXTUAL) else "")


def signature(s: Statement) -> tuple:
    """A value at one time: statements with the same signature are one pool."""
    return (*value_key(s), s.as_of)


@dataclass(frozen=True)
class Pool:
    """The statements of one group that say the same value at the same time, summarised as the
    rules need them. rep: one of them (its sentence cleared). sources: how many independent sources;
    source: the one source when there is one; sentence: the one sentence when every statement
    comes from it, else None."""

    rep: Statement
    sources: int
    source: str | None
    sentence: str | None


def relation(a: Pool, b: Pool) -> str | None:
    """What two pools of one group say of each other: "conflict" (same time, values disagree),
    "changed" (values disagree at different times), "corroborate" (compatible values from more
    than one independent source), or None (not comparable, two values of one sentence, or
    compatible values from one source)."""
    if not comparable(a.rep, b.rep):
        return None
    if a.sentence is not None and a.sentence == b.sentence:
        return None  # two values of one sentence: a change, not a conflict
    one_source = a.sources == 1 and b.sources == 1 and a.source == b.source
    if agree(a.rep, b.rep):
        return None if one_source else "corroborate"
    if same_time(a.rep, b.rep):  # one source giving two values states two facts (thresholds, sub-entities)
        return None if one_source else "conflict"
    return "changed"


def corroborated(p: Pool) -> bool:
    """The same value from two independent sources."""
    return p.sources > 1 and not p.rep.empty


def group_status(conflict: bool, empty: bool, changed: bool, corroboration: bool) -> str:
    """The status of a group from what its pools say (in the order a reviewer needs them)."""
    return ("conflict" if conflict else "empty" if empty else "changed" if changed else
            "agree" if corroboration else "single")


def compare_pools(pools: list[Pool]) -> tuple[set[int], bool, bool]:
    """Every pair of a group's pools compared. RETURNS (tuple): indices of the pools in conflict,
    whether any pair changed over time, whether any value is corroborated."""
    conflicting: set[int] = set()
    changed = corroboration = False
    for i, pa in enumerate(pools):
        corroboration = corroboration or corroborated(pa)
        for j in range(i + 1, len(pools)):
            r = relation(pa, pools[j])
            if r == "conflict":
                conflicting |= {i, j}
            changed = changed or r == "changed"
            corroboration = corroboration or r == "corroborate"
    return conflicting, changed, corroboration


def pool_status(pools: list[Pool]) -> tuple[str, set[int]]:
    """The status of a fact group from its pools, comparing every pair.
    RETURNS (tuple): (one of STATUSES, indices of the pools in conflict)."""
    conflicting, changed, corroboration = compare_pools(pools)
    return group_status(bool(conflicting), any(p.rep.empty for p in pools), changed, corroboration), conflicting


def status(statements: list[Statement]) -> tuple[str, set[str]]:
    """The status of a fact group, and the claim ids in conflict.

    Statements are first pooled by value and time (a group of 5,000 claims usually states a
    handful of values), so the pairwise comparison is over pools, not claims.
    statements (list[Statement]): every claim of one (entity, predicate).
    RETURNS (tuple): (one of STATUSES, ids of claims that disagree with another at the same time).
    """
    by_signature: dict[tuple, list[Statement]] = {}
    for s in statements:
        by_signature.setdefault(signature(s), []).append(s)
    groups = list(by_signature.values())
    pools = []
    for p in groups:
        sources = {s.source for s in p}
        sentences = {s.sentence for s in p}
        pools.append(Pool(replace(p[0], sentence=""), len(sources), next(iter(sources)) if len(sources) == 1 else None,
                          (next(iter(sentences)) or None) if len(sentences) == 1 else None))
    st, conflicting = pool_status(pools)
    return st, {s.claim_id for i in conflicting for s in groups[i]}

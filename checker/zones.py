"""Where in a text a family of regex patterns can match, so that each is run over those places
only, with exactly the matches `pattern.finditer(text)` gives.

Python's `re` tries a pattern at every position of the text; value patterns with large
alternations are slow that way, yet values fill a small part of an article. `Zones` reads the
patterns' syntax once: the characters they consume, how far their look-arounds see, and a set
of characters every match consumes one of (a unit such as 元, %, 倍). A pattern qualifies when
every match also consumes a *mark* (a numeral). A match then lies inside a zone, a run of
consumable characters holding a mark; `Zones.finditer` runs the pattern over each zone that
holds one of the pattern's required characters, with the characters its look-arounds read
around it. Patterns that do not qualify (an anchor, a back-reference, an unbounded
look-around, no mark in some match) are run over the whole text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as C
from re import _parser

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_JOIN = 24  # zones this close are searched as one stretch (a call costs more than passing a few characters)


class _Unfit(Exception):
    """The pattern uses syntax the analysis does not follow."""


def _set_chars(items) -> tuple[frozenset[str], bool]:
    """The characters of a character class, and whether it holds \\d (negated classes unfit)."""
    chars: set[str] = set()
    digits = False
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            digits = True
        else:
            raise _Unfit(op)
    return frozenset(chars), digits


@dataclass
class _Syntax:
    chars: set  # characters the pattern can consume
    digits: bool = False  # whether it can consume \d
    behind: int = 0  # how far its look-behinds read before a match
    ahead: int = 0  # how far its look-aheads read after it


def _walk(seq, s: _Syntax) -> None:
    for op, av in seq:
        if op is C.LITERAL:
            s.chars.add(chr(av))
        elif op is C.IN:
            chars, digits = _set_chars(av)
            s.chars |= chars
            s.digits |= digits
        elif op is C.BRANCH:
            for alt in av[1]:
                _walk(alt, s)
        elif op is C.SUBPATTERN:
            _walk(av[3], s)
        elif op in _REPEATS:
            _walk(av[2], s)
        elif op is C.ATOMIC_GROUP:
            _walk(av, s)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            width = sub.getwidth()[1]
            if width >= C.MAXREPEAT or _has_assert(sub):
                raise _Unfit("unbounded or nested look-around")
            if direction < 0:
                s.behind = max(s.behind, width)
            else:
                s.ahead = max(s.ahead, width)
        else:  # anchors, back-references, any character, negated literals
            raise _Unfit(op)


def _has_assert(seq) -> bool:
    for op, av in seq:
        if op in (C.ASSERT, C.ASSERT_NOT):
            return True
        subs = (av[1] if op is C.BRANCH else [av[3]] if op is C.SUBPATTERN else [av[2]] if op in _REPEATS
                else [av] if op is C.ATOMIC_GROUP else [])
        if any(_has_assert(sub) for sub in subs):
            return True
    return False


def _required(seq, score) -> frozenset | None:
    """A set of characters every match of `seq` consumes one of (the lowest `score` found), or None."""
    best = None
    for op, av in seq:
        req = _required_item(op, av, score)
        if req is not None and (best is None or score(req) < score(best)):
            best = req
    return best


def _required_item(op, av, score) -> frozenset | None:
    if op is C.LITERAL:
        return frozenset(chr(av))
    if op is C.IN:
        chars, digits = _set_chars(av)
        return frozenset(chars | {"\\d"}) if digits else chars
    if op is C.BRANCH:
        alts = [_required(alt, score) for alt in av[1]]
        return None if any(a is None for a in alts) else frozenset().union(*alts)
    if op is C.SUBPATTERN:
        return _required(av[3], score)
    if op in _REPEATS and av[0] >= 1:
        return _required(av[2], score)
    return None


@dataclass(frozen=True)
class _Plan:
    required: frozenset | None  # one of these characters is in every match (None: no filter)
    behind: int
    ahead: int


class Zones:
    """patterns (iterable): the compiled patterns to analyse. marks (str): characters (and `\\d`
    for any decimal digit) of which every match of a qualifying pattern consumes one."""

    def __init__(self, patterns, marks: str):
        self.marks = frozenset(marks.replace("\\d", ""))
        if "\\d" in marks:  # any decimal digit (the ASCII ones written out too, for classes such as [1-9])
            self.marks |= {"\\d", *"0123456789"}
        self.patterns = tuple(patterns)
        syntax: dict[re.Pattern, _Syntax] = {}
        for p in self.patterns:
            s = _Syntax(set())
            try:
                if p.flags & (re.IGNORECASE | re.LOCALE | re.DOTALL) or not isinstance(p.pattern, str):
                    raise _Unfit("flags")
                seq = _parser.parse(p.pattern, p.flags)
                _walk(seq, s)
                marked = _required(seq, lambda r: 0 if r <= self.marks else 1)
                if marked is None or not marked <= self.marks:
                    raise _Unfit("a match without a mark")
            except _Unfit:
                continue
            syntax[p] = s
        chars = set().union(*(s.chars for s in syntax.values())) - {"\\d"}
        digits = any(s.digits for s in syntax.values()) or "\\d" in self.marks
        body = "".join(sorted(re.escape(c) for c in chars)) + ("\\d" if digits else "")
        mark = "".join(sorted(re.escape(c) for c in self.marks - {"\\d"})) + ("\\d" if "\\d" in self.marks else "")
        self._zone = re.compile(f"[{body}]*[{mark}][{body}]*") if syntax else None
        self._patterns = tuple(syntax)  # (kept alive: plans are found by the pattern's id, which hashes fast)
        self._plans: dict[int, _Plan] = {}
        for p, s in syntax.items():
            seq = _parser.parse(p.pattern, p.flags)
            req = _required(seq, lambda r: len(r) + 1000 * len(r & self.marks))
            useful = req is not None and not (req & self.marks)
            self._plans[id(p)] = _Plan(req if useful else None, s.behind, s.ahead)
        self._last: tuple[str, list, dict] | None = None  # the last text, its zones, its pieces by plan

    def _pieces(self, text: str, plan: _Plan) -> list[tuple[int, int]]:
        """The stretches of `text` to search for a pattern with this plan: its zones with the
        characters its look-arounds read, joined when little lies between them."""
        last = self._last
        if last is None or last[0] is not text:
            zones = [(m.start(), m.end(), frozenset(m.group())) for m in self._zone.finditer(text)]
            last = self._last = (text, zones, {})
        pieces = last[2].get(id(plan))
        if pieces is None:
            n, req, out = len(text), plan.required, []
            for a, b, chars in last[1]:
                if req is not None and req.isdisjoint(chars):
                    continue
                a, b = max(0, a - plan.behind), min(n, b + plan.ahead)
                if out and a - out[-1][1] <= _JOIN:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
            pieces = last[2][id(plan)] = out
        return pieces

    def finditer(self, pattern: re.Pattern, text: str):
        """The matches of `pattern.finditer(text)`, in order, searching only where they can be."""
        plan = self._plans.get(id(pattern))
        if plan is None:
            return pattern.finditer(text)
        return [m for a, b in self._pieces(text, plan) for m in pattern.finditer(text, a, b)]

    def qualifies(self, pattern: re.Pattern) -> bool:
        """Whether `finditer` searches only the zones for `pattern` (else the whole text)."""
        return id(pattern) in self._plans and pattern in self._patterns

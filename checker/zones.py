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
look-around, no mark in some match, a class as broad as [\u4e00-\u9fff]) are run over the whole text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as C
from re import _parser

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_BROAD = 1000  # a pattern consuming more characters than this is searched whole
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


def _chars(spec: str) -> frozenset:
    """The characters of `spec`, with `\\d` standing for any decimal digit (the ASCII ones written
    out too, for classes such as [1-9])."""
    out = frozenset(spec.replace("\\d", ""))
    return out | {"\\d", *"0123456789"} if "\\d" in spec else out


class Zones:
    """patterns (iterable): the compiled patterns to analyse. marks (str): characters (and `\\d`
    for any decimal digit) of which every match of a qualifying pattern consumes one.
    common (str): marks found in most zones, which do not narrow the search (the digits)."""

    def __init__(self, patterns, marks: str, common: str = "\\d"):
        self.marks, common = _chars(marks), _chars(common)
        self.patterns = tuple(patterns)
        syntax: dict[re.Pattern, _Syntax] = {}
        for p in self.patterns:
            s = _Syntax(set())
            try:
                if p.flags & (re.IGNORECASE | re.LOCALE | re.DOTALL) or not isinstance(p.pattern, str):
                    raise _Unfit("flags")
                seq = _parser.parse(p.pattern, p.flags)
                _walk(seq, s)
                if len(s.chars) > _BROAD:
                    raise _Unfit("a class as broad as all Han characters would make the whole text a zone")
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
        # every zone is searched with what the farthest-reaching look-around reads around it
        self._behind = max((s.behind for s in syntax.values()), default=0)
        self._ahead = max((s.ahead for s in syntax.values()), default=0)
        self._patterns = tuple(syntax)  # (kept alive: a pattern is found by its id, which hashes fast)
        self._required: list[frozenset | None] = []  # the distinct sets of required characters
        self._plan: dict[int, int] = {}  # id(pattern) -> index in _required
        for p in syntax:
            req = _required(_parser.parse(p.pattern, p.flags), lambda r: len(r) + 1000 * len(r & common))
            req = req if req is not None and not (req & common) else None
            if req not in self._required:
                self._required.append(req)
            self._plan[id(p)] = self._required.index(req)
        self._last: tuple[str, list, list] | None = None  # the last text, its zones, its pieces by plan

    def _pieces(self, text: str, plan: int) -> list[tuple[int, int]]:
        """The stretches of `text` to search for the patterns with this plan: the zones holding one of
        their required characters, with what look-arounds read, joined when little lies between."""
        last = self._last
        if last is None or last[0] is not text:
            n, behind, ahead = len(text), self._behind, self._ahead
            zones = [(max(0, m.start() - behind), min(n, m.end() + ahead), frozenset(m.group()))
                     for m in self._zone.finditer(text)]
            last = self._last = (text, zones, [None] * len(self._required))
        pieces = last[2][plan]
        if pieces is None:
            req, pieces = self._required[plan], []
            for a, b, chars in last[1]:
                if req is not None and req.isdisjoint(chars):
                    continue
                if pieces and a - pieces[-1][1] <= _JOIN:
                    pieces[-1] = (pieces[-1][0], b)
                else:
                    pieces.append((a, b))
            last[2][plan] = pieces
        return pieces

    def finditer(self, pattern: re.Pattern, text: str):
        """The matches of `pattern.finditer(text)`, in order, searching only where they can be."""
        plan = self._plan.get(id(pattern))
        if plan is None:
            return pattern.finditer(text)
        return [m for a, b in self._pieces(text, plan) for m in pattern.finditer(text, a, b)]

    def qualifies(self, pattern: re.Pattern) -> bool:
        """Whether `finditer` searches only the zones for `pattern` (else the whole text)."""
        return id(pattern) in self._plan and pattern in self._patterns

"""Figures in the tables of financial statements, as flattened into plain text: a unit line
(`以百万为单位`, `单位：人民币千元`), then rows whose cells are bare numbers, each row under the
line that names it:

    (以百万为单位)
    人民币 人民币 美元
    净利润
    2,847 2,896 454

Each cell is a money claim (2,896 -> 2,896,000,000 元, 454 -> 454,000,000 美元) named by its row.
Bracketed cells are amounts in cost rows (总费用 (9,106) is 9,106) and losses in net or profit rows
(净额 (132) is -132); percentage cells are left to the value
scanner, and a row of years (2020 2021) is a heading, not figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: 以百万为单位, 单位：人民币千元, （人民币百万元）
UNIT_LINE = re.compile(r"以(?P<a>千|万|百万|千万|亿)(?:元)?为单位|单位\s*[:：]\s*(?:人民币|美元|港元)?(?P<b>千|万|百万|千万|亿)?元"
                       r"|[(（](?:人民币|美元)(?P<c>千|万|百万|千万|亿)元[)）]")
_MULT = {"千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8}
_CELL = re.compile(r"\(\s*(?P<neg>[\d,]+(?:\.\d+)?)\s*\)|(?P<pos>-?[\d,]+(?:\.\d+)?)(?![\d.,])(?!\s*%)|"
                   r"\(?\s*-?[\d.]+\s*%\s*\)?")
_ROW = re.compile(r"[\s\d,.()%\-]+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CURRENCY_HEAD = re.compile(r"(?:人民币|美元|港元|RMB|US\$|HK\$)(?:\s+(?:人民币|美元|港元|RMB|US\$|HK\$))+")
_CURRENCY = {"人民币": "元", "RMB": "元", "美元": "美元", "US$": "美元", "港元": "港元", "HK$": "港元"}
_MAX_LABEL = 60
#: Rows where brackets are a sign (净额, 利润, 收益); elsewhere (总费用, 减值损失) they mark a deduction.
_SIGNED = re.compile(r"净额|净利|利润|收益|损益")


@dataclass(frozen=True)
class Cell:
    """One figure of a table row. start, end: the cell in the text. number: in base units (元).
    unit: the currency. label: (start, end) of the line naming the row."""

    start: int
    end: int
    number: float
    unit: str
    label: tuple[int, int]


def table_cells(text: str) -> list[Cell]:
    """Every money cell of the statement tables in `text` (normalised), earliest first."""
    units = list(UNIT_LINE.finditer(text))
    if not units:
        return []
    out: list[Cell] = []
    lines = _lines(text, units[0].start())
    currencies: list[str] = []
    label: tuple[int, int] | None = None
    for s, e in lines:
        line = text[s:e].strip()
        if not line:
            continue
        if _CURRENCY_HEAD.fullmatch(line):
            currencies = [_CURRENCY[w] for w in line.split()]
            continue
        if not _ROW.fullmatch(line) or not re.search(r"\d", line):
            label = (s, e) if len(line) <= _MAX_LABEL and "。" not in line else None
            continue
        cells = list(_CELL.finditer(text, s, e))
        if label is None or all(_YEAR.fullmatch(m.group().strip()) for m in cells):
            continue
        mult = _MULT[_unit_before(units, s)]
        money = [m for m in cells if m.group("neg") or m.group("pos")]
        for i, m in enumerate(money):
            figure = (m.group("neg") or m.group("pos")).replace(",", "")
            try:
                number = abs(float(figure)) * mult
            except ValueError:
                continue
            if m.group("neg") and _SIGNED.search(re.split(r"[,，]", text[label[0]:label[1]])[0]):
                number = -number  # a net amount or a profit in brackets is a loss; a cost in brackets a deduction
            unit = currencies[i] if len(currencies) == len(money) else "元"
            out.append(Cell(m.start(), m.end(), number, unit, label))
    return out


def _unit_before(units: list[re.Match], pos: int) -> str:
    m = [u for u in units if u.start() < pos][-1]
    return m.group("a") or m.group("b") or m.group("c") or "百万"


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    out, pos = [], text.rfind("\n", 0, start) + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        out.append((pos, end))
        pos = end + 1
    return out

"""Periods of a year that figures are given for (a quarter, a half, the first three quarters), as the
`as_of` their figures hold at: 2025年第三季度 -> 2025-Q3, 2025年三季度末 -> 2025-09, 2024年上半年 ->
2024-H1, 2025年前三季度 -> 2025-Q1~Q3.

A quarter's flow (营收 in Q3) and a balance at its end (余额 at 三季度末 = 2025-09) are different times;
neither is a prefix of the other, so their values never conflict (`compare.same_time`), while the
year alone (2025) still covers them all.
"""
from __future__ import annotations

import re

_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
#: What may follow a year to name a period of it (spaces allowed: 2025 年第三季度).
_PERIOD = re.compile(
    r"\s*(?:前(?P<first>[二两三2-3])(?:个)?季度"
    r"|第?(?P<q>[一二三四1-4])\s*季(?:度)?(?P<qend>末|底)?"
    r"|(?P<half>[上下])半年(?P<hend>末|底)?)"
)
_HALF_IN_DATE = re.compile(r"(?P<half>[上下])半年$")
#: What a period names when a report of it is meant: 2025年第三季度财报显示…
REPORT_AFTER = re.compile(r"\s*(?:未经审计的?)?(?:财报|业绩|财务业绩|报告|季报|半年报|财务报告)")


def period_after(text: str, year: str, end: int, written: str = "") -> tuple[str, int] | None:
    """The period a year (`year`, ISO, ending at `end` in `text`, written as `written`) names with the
    words after it, as (as_of, where those words end); None when it names none.

    `2024年上半年` may be one date already: `written` ending in 上半年/下半年 is its half."""
    if not re.fullmatch(r"\d{4}", year or ""):
        return None
    half = _HALF_IN_DATE.search(written)
    if half:
        return f"{year}-H{1 if half.group('half') == '上' else 2}", end
    m = _PERIOD.match(text, end)
    if m is None:
        return None
    if m.group("first"):
        n = _DIGIT[m.group("first")]
        return (f"{year}-H1" if n == 2 else f"{year}-Q1~Q{n}"), m.end()
    if m.group("q"):
        n = _DIGIT[m.group("q")]
        return (f"{year}-{3 * n:02d}" if m.group("qend") else f"{year}-Q{n}"), m.end()
    first = m.group("half") == "上"
    if m.group("hend"):
        return f"{year}-{'06' if first else '12'}", m.end()
    return f"{year}-H{1 if first else 2}", m.end()


#: A period written without its year (第二季度，…; 在第三季实现的营收…), and what must not precede it: a year
#: (period_after reads that), or a time relative to an unknown date (去年第三季度, 上一季度).
_YEARLESS = re.compile(r"第?(?P<q>[一二三四1-4])\s*季(?:度)?(?P<qend>末|底)?|(?P<half>[上下])半年|前(?P<first>[二两三])个?季度")
_NOT_BEFORE = re.compile(r"(?:\d\s*年|年|去|今|上|同|明|前|后|本|每|个)$")


def yearless_period(text: str, lo: int, hi: int, year: str | None) -> tuple[int, str] | None:
    """The first period of text[lo:hi] written without its year, read in `year` (the year the text
    last named), as (position, as_of); None when there is none or no year to read it in."""
    if not (year and re.fullmatch(r"\d{4}", year)):
        return None
    for m in _YEARLESS.finditer(text, lo, hi):
        if _NOT_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            continue
        if m.group("q"):
            n = _DIGIT[m.group("q")]
            return m.start(), f"{year}-{3 * n:02d}" if m.group("qend") else f"{year}-Q{n}"
        if m.group("half"):
            return m.start(), f"{year}-H{1 if m.group('half') == '上' else 2}"
        n = _DIGIT[m.group("first")]
        return m.start(), f"{year}-H1" if n == 2 else f"{year}-Q1~Q{n}"
    return None


#: A report of one period that an article is about: 2025年第三季度财报, 2025年第一季度未经审计的财务业绩, 2024年年报.
_REPORT = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:财年|年)\s*(?:度)?(?P<p>第?[一二三四1-4]\s*季度|[上下]半年|前[二两三]个?季度)?\s*"
    r"(?:未经审计的?)?(?:财报|财务业绩|业绩报告|季报|年报|半年报|季度报告|年度报告|财务报告)"
)


def report_period(text: str) -> str | None:
    """The one period whose report an article is about (2025年第三季度财报 -> 2025-Q3): the time of its
    figures that state none of their own. None when it names no report, or reports of several periods."""
    found = set()
    if "报" not in text and "业绩" not in text:
        return None
    for m in _REPORT.finditer(text):
        p = period_after(m.group("y") + "年" + (m.group("p") or ""), m.group("y"), len(m.group("y")) + 1)
        found.add(p[0] if p else m.group("y"))
    return found.pop() if len(found) == 1 else None

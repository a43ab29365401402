"""Values in Chinese text: numerals, money, percentages, durations, counts and dates.

`scan_values` finds every value mention in normalised (Simplified, half-width)
text and returns it parsed: `number` in base units (元, %, years, people or
items, the calendar year of a date), `unit`, `qualifier` and, for dates, an ISO
string at the precision written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = rf"[{CN_DIGITS}]+"
NUM = rf"(?:{_ARABIC}|{_CHINESE})"
MULT = r"万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千"
_MULT_VALUE = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7,
               "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3}

PRE_QUALIFIER = {
    "超过": "over", "超": "over", "逾": "over", "高达": "exact", "差不多": "about", "大概": "about", "快": "about", "至少": "over", "多达": "over", "达到": "exact",
    "达": "exact", "为": "exact", "是": "exact", "约": "about", "大约": "about", "近": "about", "将近": "about",
    "接近": "about", "约为": "about", "不到": "under", "不足": "under", "不超过": "under", "低于": "under",
    "少于": "under", "突破": "over", "仅": "exact", "共": "exact", "累计": "exact", "长达": "over", "已超过": "over",
}
POST_QUALIFIER = {"多": "over", "余": "over", "以上": "over", "有余": "over", "左右": "about", "上下": "about",
                  "以下": "under", "以内": "under", "不到": "under"}
# Only words that qualify the number belong to the value as written (超过1亿元); copulas such as
# 为, 达到 or 累计 do not, and stay outside the value's span.
_PRE = "|".join(sorted((w for w, q in PRE_QUALIFIER.items() if q != "exact" and not w.startswith("已")),
                       key=len, reverse=True))
_POST = "|".join(sorted(POST_QUALIFIER, key=len, reverse=True))

COUNT_UNITS = "人次|万人|人|名|户|位|笔|家|个|条|件|起|次"


def parse_number(text: str) -> float:
    """`63,700,186.28`, `1.2万亿`, `两千万`, `十三` -> the number it names.

    RAISES ValueError: not a number.
    """
    text = text.strip().replace(",", "")
    if not text:
        raise ValueError("empty number")
    m = re.fullmatch(rf"(\d+(?:\.\d+)?)({MULT})?", text)
    if m:
        return float(m.group(1)) * _MULT_VALUE.get(m.group(2) or "", 1)
    if text in ("十", "百", "千"):  # 千万 is 千 × 万; a bare 万 or 亿 (为万元) is an empty slot, not a number
        return {"十": 10.0, "百": 100.0, "千": 1000.0}[text]
    if text[0] in "十百千万亿" and len(text) > 1:  # 千万 = 一千万, 十三 = 一十三
        text = "一" + text
    # Chinese numerals; cn2an rejects a bare multiplier tail such as 1.2万亿, handled above.
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        pass
    m = re.fullmatch(rf"(.+?)({MULT})", text)
    if m:
        return parse_number(m.group(1)) * _MULT_VALUE[m.group(2)]
    raise ValueError(f"not a number: {text}")


def _clean(n: float) -> float | int:
    n = round(n, 4)
    return int(n) if n == int(n) and abs(n) < 1e15 else n


@dataclass(frozen=True)
class Value:
    """A value mention. start, end (int): span in the text scanned. kind (str): date, money,
    percent, duration, count, or quantity (a bare number with 万/亿, money or count by context).
    text (str): as written. number, number_max (float|None). unit, qualifier, date (str|None)."""

    kind: str
    start: int
    end: int
    text: str
    number: float | int | None
    number_max: float | int | None = None
    unit: str | None = None
    qualifier: str = "exact"
    date: str | None = None

    def as_kind(self, kind: str) -> Value:
        """A quantity read as money or as a count."""
        unit = "元" if kind == "money" else (self.unit or None)
        return replace(self, kind=kind, unit=unit)


_Q = rf"(?:(?P<pre>{_PRE})\s*)?"
_RANGE_SEP = r"\s*(?:至|到|~|～|-|—|－)\s*"
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})年(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?)?(?P<part>初|中|末|底|上半年|下半年|前后)?"
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d.])"
    r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)
_PERCENT_RANGE = re.compile(rf"{_Q}(?P<a>{NUM})%?{_RANGE_SEP}(?P<b>{NUM})\s*%")
_PERCENT = re.compile(rf"{_Q}(?:(?P<a>{_ARABIC})\s*%|(?P<per>百|千|万)分之(?P<c>{_CHINESE}|{_ARABIC}))(?P<post>{_POST})?")
_PER = {None: 1, "百": 1, "千": 0.1, "万": 0.01}  # 万分之五 = 0.05%
_MONEY = re.compile(
    rf"{_Q}(?P<a>{NUM})\s*(?P<mult>{MULT})?(?:(?P<postnum>多|余)(?P<mult2>{MULT})?)?\s*(?P<unit>元|块钱|块|人民币)(?P<post>{_POST})?"
)
_DURATION = re.compile(
    rf"{_Q}(?P<a>\d{{1,4}}(?:\.\d+)?|[一二两三四五六七八九十百半]{{1,4}})(?P<postnum>多|余)?\s*"
    rf"(?P<unit>个多月|个月|年|周|天|日)(?P<post>{_POST})?(?!\d)"
)
_COUNT = re.compile(
    rf"{_Q}(?P<a>{NUM})\s*(?P<mult>{MULT})?(?P<postnum>多|余)?\s*(?P<unit>{COUNT_UNITS})(?P<post>{_POST})?"
)
_QUANTITY = re.compile(rf"{_Q}(?P<a>{NUM})\s*(?P<mult>{MULT})(?P<postnum>多|余)?(?P<post>{_POST})?")

_DAYS = {"年": 1.0, "个月": 1 / 12, "个多月": 1 / 12, "月": 1 / 12, "周": 7 / 365, "天": 1 / 365, "日": 1 / 365}


def _qualifier(m: re.Match, *extra: str | None) -> str:
    for post in (m.groupdict().get("post"), *extra):
        if post:
            return POST_QUALIFIER.get(post, "over")
    pre = m.groupdict().get("pre")
    return PRE_QUALIFIER.get(pre, "exact") if pre else "exact"


def iso_date(y, mo, d, hh=None, mm=None, ss=None) -> str:
    """ISO 8601 at the precision written: 2024-11-06, 2024-11-06T19:15, 2024-11-06T19:15:32."""
    out = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if hh:
        out += f"T{int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
    return out


def parse_date(m: re.Match) -> tuple[str, int, str]:
    """A `_DATE` match to (ISO string at its precision, year, qualifier)."""
    if m["iy"]:
        return iso_date(m["iy"], m["im"], m["id"], m["H"], m["M"], m["S"]), int(m["iy"]), "exact"
    y = m["y"]
    year = int(y) if y.isdigit() else int(cn2an.cn2an(y.replace("〇", "零"), "direct"))
    iso = f"{year:04d}"
    if m["m"]:
        iso += f"-{int(parse_number(m['m'])):02d}"
        if m["d"]:
            iso += f"-{int(parse_number(m['d'])):02d}"
    part = {"初": "early", "中": "mid", "末": "late", "底": "late", "上半年": "early", "下半年": "late",
            "前后": "about"}.get(m["part"] or "", "exact")
    return iso, year, part


def _span(m: re.Match, offset: int) -> tuple[int, int]:
    start = m.start("pre") if m.groupdict().get("pre") else m.start("a") if "a" in m.groupdict() and m["a"] else m.start()
    return start + offset, m.end() + offset


def scan_values(text: str, offset: int = 0) -> list[Value]:
    """Every value mention in `text`, without overlaps, earliest first.

    text (str): normalised text. offset (int): added to every position.
    RETURNS (list[Value]): the values.
    """
    taken = [False] * (len(text) + 1)
    out: list[Value] = []

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def add(v: Value, s: int, e: int) -> None:
        for i in range(s, e):
            taken[i] = True
        out.append(v)

    for m in _DATE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        try:
            iso, year, part = parse_date(m)
        except ValueError:
            continue
        add(Value("date", m.start() + offset, m.end() + offset, m.group(), year, None, "year", part, iso),
            m.start(), m.end())
    for m in _PERCENT_RANGE.finditer(text):
        s, e = _span(m, 0)
        if free(s, e):
            try:
                a, b = parse_number(m["a"]), parse_number(m["b"])
            except ValueError:
                continue
            add(Value("percent", s + offset, e + offset, text[s:e], _clean(a), _clean(b), "%", "range"), s, e)
    for m in _PERCENT.finditer(text):
        s, e = m.start(), m.end()
        if free(s, e):
            try:
                n = parse_number(m["a"] or m["c"]) * _PER[m["per"]]
            except ValueError:
                continue
            add(Value("percent", s + offset, e + offset, m.group(), _clean(n), None, "%", _qualifier(m)), s, e)
    for pattern, kind in ((_MONEY, "money"), (_DURATION, "duration"), (_COUNT, "count"), (_QUANTITY, "quantity")):
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            g = m.groupdict()
            try:
                if g["a"] == "半":
                    n = 0.5
                else:
                    n = parse_number(g["a"])
            except ValueError:
                continue
            if kind in ("money", "count", "quantity"):
                n *= _MULT_VALUE.get(g.get("mult") or "", 1) * _MULT_VALUE.get(g.get("mult2") or "", 1)
            unit = g.get("unit")
            if kind == "money":
                unit = "元"
            elif kind == "duration":
                if unit == "年" and g["a"].isdigit() and len(g["a"]) >= 3:
                    continue  # 2015年 is a year, not a duration
                n *= _DAYS[unit]
                unit = "年"
            elif kind == "count" and unit == "万人":
                n *= 1e4
                unit = "人"
            elif kind == "count" and unit in ("名", "位", "户"):
                unit = "人"
            qualifier = _qualifier(m, g.get("postnum"))
            add(Value(kind, s + offset, e + offset, m.group(), _clean(n), None, unit, qualifier), s, e)
    out.sort(key=lambda v: v.start)
    return out

"""Values in Chinese text: numerals, money, percentages, durations, counts, dates, multiples,
ranks and securities codes.

Extract, then parse (as Duckling and Recognizers-Text do): `scan_values` finds every value
mention in normalised (Simplified, half-width) text and returns it parsed: `number` in base
units (元 for money, the figure for %, the written unit for durations, items for counts, the
calendar year of a date), `unit`, `qualifier` (exact, over, under, about, range) and, for dates,
an ISO string at the precision written (`2024`, `2019-03-27`, `--07-02` with no year,
`2014-06/2015-12` for a period). Overlaps are resolved by a fixed priority: codes, dates,
percentages, money, durations, counts, multiples, ranks, then bare quantities (13万).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import cn2an

from .zones import Zones

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d,.])\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?"  # 2 935: a thin space
_CHINESE = rf"[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟][{CN_DIGITS}]*"  # never a bare 万/亿 (为万元: a gap)
NUM = rf"(?:{_ARABIC}|{_CHINESE})"
MULT = r"万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千"
_MULT_VALUE = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7,
               "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3}

PRE_QUALIFIER = {
    "超过": "over", "超": "over", "逾": "over", "高达": "exact", "差不多": "about", "大概": "about", "快": "about",
    "至少": "over", "多达": "over", "达到": "exact", "达": "exact", "为": "exact", "是": "exact", "约": "about",
    "大约": "about", "近": "about", "将近": "about", "接近": "about", "约为": "about", "不到": "under",
    "不足": "under", "不超过": "under", "低于": "under", "少于": "under", "突破": "over", "仅": "exact",
    "共": "exact", "累计": "exact", "长达": "over", "已超过": "over", "不低于": "over", "不少于": "over",
    "最多": "under", "最高": "under", "最低": "over", "最少": "over", "上千": "over", "超出": "over",
}
POST_QUALIFIER = {"多": "over", "余": "over", "以上": "over", "有余": "over", "左右": "about", "上下": "about",
                  "以下": "under", "以内": "under", "不到": "under", "之内": "under", "内": "under",
                  "以前": "under", "之前": "under", "前": "under", "以后": "over", "之后": "over", "后": "over",
                  "以来": "over"}
# Only words that qualify the number belong to the value as written (超过1亿元); copulas such as
# 为, 达到 or 累计 do not, and stay outside the value's span.
_PRE = "|".join(sorted((w for w, q in PRE_QUALIFIER.items() if q != "exact" and not w.startswith("已")),
                       key=len, reverse=True))
_NUM_POST = "以上|有余|左右|上下|以下|以内|之内|不到|多|余"
_POST = "|".join(sorted(_NUM_POST.split("|"), key=len, reverse=True))

#: Classifiers a count takes, with what must not follow (个月 is a duration, 人民币 money).
COUNT_UNITS = ("人次|万人|人(?!民|员|士|群|口|均|们|工|为)|名(?!义|单|称|字|下|校|片|誉)|户(?!籍|口)|位(?!置|于|列)"
               "|笔(?!者|记)|家(?!庭|人|属|长|族|乡|里|中)|个(?!月|多月|季度|小时|工作日|百分点|人信息)|条(?!件|例|款|规)"
               "|件(?!事)|起(?!诉|来|到|步|因|草|源)|次(?!日|年|月|性|伤害)|期(?!间|限|待|货|刊|望|内)|款(?!项|式)|份(?!额|子)"
               "|岁|只(?!是|有|要|能|需)|张|项(?!目)|篇|所(?!以|有|谓|在|得)|台(?!湾|账|阶)|辆|宗|批(?!准|评|次)"
               "|轮(?!融资)|例(?!如)|单(?!位|独)|票|部委")
_COUNT_NORMAL = {"名": "人", "位": "人", "万人": "人", "人次": "人次"}

#: Duration units as written -> the unit kept on the claim.
_DURATION_UNIT = {"天": "天", "日": "天", "个工作日": "天", "工作日": "天", "周": "周", "星期": "周", "个星期": "周",
                  "个月": "月", "个多月": "月", "年": "年", "小时": "小时", "个小时": "小时", "个多小时": "小时",
                  "分钟": "分钟", "秒": "秒", "个季度": "季度", "季度": "季度", "个年头": "年"}
#: Length of one unit in days (for comparing durations written in different units).
DAYS = {"天": 1.0, "周": 7.0, "月": 30.4, "年": 365.25, "小时": 1 / 24, "分钟": 1 / 1440, "秒": 1 / 86400,
        "季度": 91.3}
_DUR_UNITS = "个工作日|工作日|个多小时|个小时|小时|分钟|个多月|个月|个季度|个星期|星期|个年头|周|天|年|秒|日"

_CURRENCY = {"元": "元", "块钱": "元", "块": "元", "人民币": "元", "元人民币": "元", "美元": "美元", "港元": "港元",
             "港币": "港元", "欧元": "欧元", "英镑": "英镑", "日元": "日元", "美金": "美元"}
_CUR = "元人民币|人民币|美元|美金|港元|港币|欧元|英镑|日元|块钱|元|块"


@lru_cache(maxsize=8192)  # (figures recur: 2024, 3.5, 一; cn2an is slow)
def parse_number(text: str) -> float:
    """`63,700,186.28`, `1.2万亿`, `两千万`, `十三` -> the number it names.

    RAISES ValueError: not a number.
    """
    text = re.sub(r"[, \u2009\u202f]", "", text.strip())
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
    except (ValueError, KeyError, TypeError, IndexError):
        pass
    m = re.fullmatch(rf"(.+?)({MULT})", text)
    if m:
        return parse_number(m.group(1)) * _MULT_VALUE[m.group(2)]
    raise ValueError(f"not a number: {text}")


def _clean(n: float | None) -> float | int | None:
    if n is None:
        return None
    n = round(n, 6)
    return int(n) if n == int(n) and abs(n) < 1e15 else n


@dataclass(frozen=True)
class Value:
    """A value mention. start, end (int): span in the text scanned. kind (str): date, money,
    percent, duration, count, multiple, rank, code, or quantity (a bare number with 万/亿: money
    or a count by context). text (str): as written. number, number_max (float|None). unit,
    qualifier, date (str|None)."""

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

    @property
    def days(self) -> float | None:
        """A duration's length in days (None for other kinds)."""
        if self.kind != "duration" or self.number is None or self.unit not in DAYS:
            return None
        return float(self.number) * DAYS[self.unit]


def days(number: float | None, unit: str | None) -> float | None:
    """A duration of `number` `unit`s in days (None when either is unknown)."""
    if number is None or unit not in DAYS:
        return None
    return float(number) * DAYS[unit]


#: Every value starts with a qualifier word or a numeral: a one-character look-ahead lets the regex
#: engine pass over the other positions at once instead of trying every qualifier there (2x faster).
_FIRST = "".join(sorted({w[0] for w in _PRE.split("|")} | set(CN_DIGITS) | set("0123456789数半第")))
_S = r"[ \t\u3000\xa0]*"  # spaces inside a value: never a line break (a value stays in its sentence)
_Q = rf"(?=[{_FIRST}])(?:(?P<pre>{_PRE}){_S})?"
_SEP = rf"{_S}(?:至|到|~|～|-|—|－|–){_S}"
_PAIR = r"(?:一两|两三|二三|三四|三五|四五|五六|六七|七八|八九)"  # 两三个月: a range
_SMALL = r"\d{1,4}(?:\.\d+)?|[一二两三四五六七八九十百半]{1,4}"

_YMD = (rf"(?P<y>(?:19|20)\d{{2}}|[一二〇零][〇零一二三四五六七八九]{{3}}){_S}年(?:{_S}(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_S}月"
        rf"(?:{_S}(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_S}[日号])?)?")  # (2025 年 11 月 21 日: spaced type)
_DATE = re.compile(
    r"(?=[0-9一二三四五六七八九十〇零上本当次今去同])"
    r"(?:(?P<sy>(?:19|20)\d{2})年(?P<sm>\d{1,2})[·.](?P<sd>\d{1,2})(?!\d)"  # 2025年3·15
    rf"|{_YMD}(?P<part>初|中旬|中(?![国华央部心外文小介信金])|末|底|岁末|上半年|下半年|前后|以前|之前|以后|之后|以来|前(?![{CN_DIGITS}\d])|后)?"
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d.])"
    rf"(?:{_S}(?P<H>\d{{1,2}})[:：](?P<M>\d{{2}})(?:[:：](?P<S>\d{{2}}))?)?"
    rf"|(?<!\d年)(?<![\d.])(?P<nm>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_S}月{_S}(?P<nd>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_S}[日号]"
    r"|(?P<rel>上月|本月|当月|次月)(?P<rd>\d{1,2})[日号]"
    r"|(?:(?P<ty>今年|去年|当年|同年)(?P<tm>\d{1,2}|[一二三四五六七八九十]{1,3})月份?|(?<![\d年])(?P<om>\d{1,2})月份)(?![\d日号])"
    r"|(?<![\d年.])(?P<pm>\d{1,2}|[一二三四五六七八九十]{1,3})月(?P<mpart>初|底|末|中旬)"  # 6月底: a month's part, its year unwritten
    r"|(?:(?P<cent>二十|十九|20|19)世纪)?(?P<decade>[1-9]0|[一二三四五六七八九]十)年代(?P<dpart>初|中|末)?"
    r"|(?<![\d.])(?P<by>(?:19|20)\d{2})(?=以来|至今))"
)
_DATE_RANGE_SEP = re.compile(_SEP)
_PERCENT_RANGE = re.compile(rf"{_Q}(?P<a>{NUM}){_S}%?(?:{_SEP}|(?<=%))(?P<b>{NUM}){_S}%")
_PERCENT = re.compile(
    rf"{_Q}(?:(?P<a>{_ARABIC}){_S}%|(?P<per>百|千|万|[二三四五六七八九十])分之(?P<c>{_CHINESE}|{_ARABIC})"
    rf"|(?P<cheng>[一二三四五六七八九]|十)成(?:[一二三四五六七八九])?(?![本员立功为交熟都年绩果就效品语])"
    rf"|(?P<half>一半|过半|半数)"
    rf"|(?:月息|月利息)?(?P<fen>[一二三四五六七八九]|\d(?:\.\d)?)分(?=利息|的利息|利|息)(?!利率|利润|利益))"  # 2分利息: 2% a month
    rf"(?P<post>{_POST})?"
)
_PER = {None: 1, "百": 1, "千": 0.1, "万": 0.01}  # 万分之五 = 0.05%
_MONEY_RANGE = re.compile(
    rf"{_Q}(?P<a>{NUM}){_S}(?P<amult>{MULT})?(?P<aunit>{_CUR})?{_SEP}(?P<b>{NUM}){_S}(?P<mult>{MULT})?"
    rf"{_S}(?P<unit>{_CUR})(?P<post>{_POST})?"
)
_MONEY = re.compile(
    rf"{_Q}(?P<a>{NUM}|(?<![多少大无])数|(?<=[近超逾过])[万亿](?![万亿])){_S}(?P<mult>{MULT})?(?:(?P<postnum>多|余)(?P<mult2>{MULT})?)?{_S}(?P<unit>{_CUR})"
    rf"(?P<post>{_POST})?"
    rf"|(?P<jiao>[一二两三四五六七八九])角钱?"
)
_DURATION_RANGE = re.compile(
    rf"{_Q}(?:(?P<a>{_SMALL}){_S}(?P<aunit>{_DUR_UNITS})?{_SEP}(?P<b>{_SMALL})|(?P<pair>{_PAIR})){_S}"
    rf"(?P<unit>{_DUR_UNITS})(?P<post>以上|以内|之内|左右|内)?(?![\d月期])"
)
_DURATION = re.compile(
    rf"{_Q}(?<!前)(?P<nth>第)?(?P<a>{_SMALL})(?P<postnum>多|余)?{_S}"
    rf"(?P<unit>{_DUR_UNITS})(?P<half>半)?(?P<post>{_POST}|之内|内(?!容|部|地|外|幕|涵|心|蒙))?(?![\d月号期])"
)
_COUNT_RANGE = re.compile(
    rf"{_Q}(?P<a>{NUM}){_S}(?:{_SEP})(?P<b>{NUM}){_S}(?P<mult>{MULT})?{_S}(?P<unit>{COUNT_UNITS})(?P<post>{_POST})?"
)
_COUNT = re.compile(
    rf"{_Q}(?P<a>{NUM}|(?<![多少大无])数|(?<=[近超逾过])[万亿](?![万亿])){_S}(?P<mult>{MULT})?(?P<postnum>多|余)?{_S}(?P<unit>{COUNT_UNITS})(?P<post>{_POST})?"
)
_MULTIPLE = re.compile(rf"{_Q}(?P<a>{NUM})(?P<postnum>多|余)?{_S}倍")
_RANK = re.compile(rf"(?:排名|位列|位居|名列|排在|排|稳居)(?:[\u4e00-\u9fff]{{2,4}}?)?第(?P<a>\d{{1,4}}|[一二三四五六七八九十百]{{1,4}})(?P<unit>名|位|大|)"
                   rf"|(?:排名|位列|位居|名列|稳居|跻身|进入|排在)(?P<top>前)(?P<c>\d{{1,3}}|[一二三四五六七八九十百]{{1,3}})(?P<unit3>名|位|强|)(?![季月年天周期个届次批\d])"
                   rf"|第(?P<b>\d{{1,4}}|[一二三四五六七八九十百]{{1,4}})(?P<unit2>名|大)(?![\d.条章节款])")
_CODE = re.compile(r"(?<![\d.])(?:\d{6}\.(?:SZ|SH|BJ|sz|sh|bj)|\d{4,5}\.(?:HK|hk))(?![\w])"
                   rf"|(?<=[(（])\d{{6}}(?=[)）])|(?:NYSE|NASDAQ|纽交所|纳斯达克){_S}[:：]{_S}[A-Z]{{2,5}}")
_QUANTITY = re.compile(rf"{_Q}(?P<a>{NUM}|(?<![多少大无])数){_S}(?P<mult>{MULT})(?P<postnum>多|余)?(?P<post>{_POST})?")

#: Each pattern is run only where values can be (see zones.py): every value holds a numeral (or names
#: an exchange: NYSE, NASDAQ, 纽交所, 纳斯达克). A pattern missing here is run over the whole text.
_ZONES = Zones((_CODE, _DATE, _PERCENT_RANGE, _PERCENT, _MONEY_RANGE, _MONEY, _DURATION_RANGE, _DURATION, _COUNT_RANGE,
                _COUNT, _MULTIPLE, _RANK, _QUANTITY), marks=rf"\d{CN_DIGITS}数半N纽纳", common=r"\d一二两三四五六七八九零〇")

_PARTS = {"初": "early", "中": "mid", "中旬": "mid", "末": "late", "底": "late", "岁末": "late", "上半年": "early",
          "下半年": "late", "前后": "about", "以前": "under", "之前": "under", "前": "under", "以后": "over",
          "之后": "over", "后": "over", "以来": "over"}


def _group(m: re.Match, name: str) -> str | None:
    """m.groupdict().get(name), without building the dict (patterns have dozens of groups)."""
    return m.group(name) if name in m.re.groupindex else None


def _qualifier(m: re.Match, *extra: str | None) -> str:
    for post in (_group(m, "post"), *extra):
        if post:
            return POST_QUALIFIER.get(post, "over")
    pre = _group(m, "pre")
    return PRE_QUALIFIER.get(pre, "exact") if pre else "exact"


def iso_date(y, mo, d, hh=None, mm=None, ss=None) -> str:
    """ISO 8601 at the precision written: 2024-11-06, 2024-11-06T19:15, 2024-11-06T19:15:32."""
    out = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if hh:
        out += f"T{int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
    return out


def _int(s: str) -> int:
    return int(s) if s.isdigit() else int(parse_number(s))


def parse_date(m: re.Match) -> tuple[str, int | None, str]:
    """A `_DATE` match to (ISO string at its precision, year or None, qualifier).

    RAISES ValueError: not a calendar date (13月, 32日).
    """
    g = m.groupdict()
    if g["iy"]:
        if not (1 <= int(g["im"]) <= 12 and 1 <= int(g["id"]) <= 31):
            raise ValueError("not a date")
        return iso_date(g["iy"], g["im"], g["id"], g["H"], g["M"], g["S"]), int(g["iy"]), "exact"
    if g["sy"]:
        return iso_date(g["sy"], g["sm"], g["sd"]), int(g["sy"]), "exact"
    if g["nm"]:
        mo, d = _int(g["nm"]), _int(g["nd"])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            raise ValueError("not a date")
        return f"--{mo:02d}-{d:02d}", None, "exact"
    if g["tm"] or g["om"] or g["pm"]:  # 今年2月份, 5月份, 6月底: a month of a year the text does not write
        mo = _int(g["tm"] or g["om"] or g["pm"])
        if not 1 <= mo <= 12:
            raise ValueError("not a date")
        return f"--{mo:02d}", None, _PARTS.get(g["mpart"] or "", "exact")
    if g["rel"]:
        return "", None, "exact"  # 上月28日: a day, with no month that can be written down
    if g["decade"]:
        decade = _int(g["decade"])
        century = {"二十": 1900, "20": 1900, "十九": 1800, "19": 1800}.get(g["cent"] or "", 1900)
        start = century + decade
        lo, hi = {"初": (0, 3), "中": (3, 7), "末": (7, 9)}.get(g["dpart"] or "", (0, 9))
        return f"{start + lo}/{start + hi}", start + lo, "range"
    if g["by"]:
        return g["by"], int(g["by"]), "over"
    y = g["y"]
    year = int(y) if y.isdigit() else int(cn2an.cn2an(y.replace("〇", "零"), "direct"))
    iso = f"{year:04d}"
    if g["m"]:
        mo = _int(g["m"])
        if not 1 <= mo <= 12:
            raise ValueError("not a date")
        iso += f"-{mo:02d}"
        if g["d"]:
            iso += f"-{_int(g['d']):02d}"
    if g["part"] in ("末", "底", "岁末") and not g["m"]:
        iso += "-12"  # 2019年底: December, as a reader dates it (qualifier late)
    return iso, year, _PARTS.get(g["part"] or "", "exact")


def _span(m: re.Match) -> tuple[int, int]:
    start = m.start("pre") if _group(m, "pre") else m.start()
    return start, m.end()


class _Taken:
    """Which characters of the scanned text already belong to a value."""

    def __init__(self, n: int):
        self.mask = bytearray(n + 1)

    def free(self, s: int, e: int) -> bool:
        return not any(self.mask[s:e])

    def take(self, s: int, e: int) -> None:
        self.mask[s:e] = b"\x01" * (e - s)


def _free(pattern: re.Pattern, text: str, taken: _Taken, run: bool = True):
    """(match, start, end) of each match of `pattern` that no earlier value has taken (none when
    `run` is false: the text lacks what the pattern needs)."""
    if not run:
        return
    for m in _ZONES.finditer(pattern, text):
        s, e = _span(m)
        if taken.free(s, e):
            yield m, s, e


def _scale(g: dict, n: float) -> float:
    return n * _MULT_VALUE.get(g.get("mult") or "", 1) * _MULT_VALUE.get(g.get("mult2") or "", 1)


def _num(g: dict, key: str = "a") -> float:
    s = g[key]
    if s == "半":
        return 0.5
    if s == "数":
        return 1.0  # 数千家: "several thousand", at least a thousand
    if s in ("万", "亿"):
        return _MULT_VALUE[s]  # 近万名, 超亿元: the order of magnitude
    return parse_number(s)


class _Present:
    """Which of a pattern's required characters the text holds (a pattern that needs 倍 is not run
    over a text without one)."""

    def __init__(self, text: str):
        self.text = text

    def __call__(self, needed: str) -> bool:
        return any(c in self.text for c in needed)  # (a few substring searches cost less than a set of the text)


_RANGE_CHARS = "至到~～-—－–"


def scan_values(text: str, offset: int = 0, dates_only: bool = False) -> list[Value]:
    """Every value mention in `text`, without overlaps, earliest first.

    text (str): normalised text. offset (int): added to every position. dates_only (bool): the
    dates alone (the same as those of the full scan: only securities codes are read before them).
    RETURNS (list[Value]): the values.
    """
    taken = _Taken(len(text))
    out: list[Value] = []

    def add(kind, s, e, number, number_max=None, unit=None, qualifier="exact", date=None) -> None:
        taken.take(s, e)
        out.append(Value(kind, s + offset, e + offset, text[s:e], _clean(number), _clean(number_max), unit,
                         qualifier, date))

    if not any(c.isdigit() or c in CN_DIGITS or c in "第半数成" for c in text):
        return out
    has = _Present(text)
    for m in (_ZONES.finditer(_CODE, text) if has("(（.:：") else ()):
        add("code", m.start(), m.end(), None, unit=None, qualifier=None)
    _scan_dates(text, taken, add)
    if dates_only:
        return sorted((v for v in out if v.kind == "date"), key=lambda v: v.start)
    for m, s, e in _free(_PERCENT_RANGE, text, taken, has("%")):
        try:
            a, b = parse_number(m["a"]), parse_number(m["b"])
        except ValueError:
            continue
        if b > a:
            add("percent", s, e, a, b, "%", "range")
    for m, s, e in _free(_PERCENT, text, taken, has("%分成半")):
        try:
            if m["half"]:
                n = 50.0
            elif m["cheng"]:
                n = parse_number(m["cheng"]) * 10
            elif m["fen"]:
                n = parse_number(m["fen"])
            elif m["per"] and m["per"] not in _PER:
                n = parse_number(m["c"]) / parse_number(m["per"]) * 100  # 三分之一: 33.3%
            else:
                n = parse_number(m["a"] or m["c"]) * _PER[m["per"]]
        except ValueError:
            continue
        q = "over" if m["half"] == "过半" else _qualifier(m)
        add("percent", s, e, n, None, "%", q)
    _scan_money(text, taken, add)
    _scan_durations(text, taken, add)
    _scan_counts(text, taken, add)
    for m, s, e in _free(_MULTIPLE, text, taken, has("倍")):
        try:
            n = parse_number(m["a"])
        except ValueError:
            continue
        add("multiple", s, e, n, None, "倍", _qualifier(m, m["postnum"]))
    for m in (_ZONES.finditer(_RANK, text) if has("第前") else ()):
        s, e = m.span()
        if taken.free(s, e):
            try:
                n = parse_number(m["a"] or m["b"] or m["c"])
            except ValueError:
                continue
            add("rank", s, e, n, None, "名", "under" if m["top"] else "exact")  # 稳居前十: 10th or better
    for m, s, e in _free(_QUANTITY, text, taken):
        g = m.groupdict()
        try:
            n = _scale(g, _num(g))
        except ValueError:
            continue
        if not any(c.isdigit() for c in g["a"]) and not g.get("pre") and g["a"] != "数":
            continue  # 千万 (never), 百万 alone: words, not figures; 超百万 is a figure
        q = "over" if g["a"] == "数" else _qualifier(m, g.get("postnum"))
        add("quantity", s, e, n, None, None, q)
    out.sort(key=lambda v: v.start)
    return out


def _scan_dates(text: str, taken: _Taken, add) -> None:
    found: list[tuple[int, int, str, int | None, str]] = []
    for m in _ZONES.finditer(_DATE, text):
        if not taken.free(m.start(), m.end()):
            continue
        try:
            iso, year, part = parse_date(m)
        except ValueError:
            continue
        found.append((m.start(), m.end(), iso, year, part))
    i = 0
    while i < len(found):
        s, e, iso, year, part = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and iso and nxt[2] and _DATE_RANGE_SEP.fullmatch(text, e, nxt[0]) and part == "exact":
            # 2014年6月至2015年12月: one period
            add("date", s, nxt[1], year, nxt[3], "year", "range", f"{iso}/{nxt[2]}")
            i += 2
            continue
        add("date", s, e, year, None, "year", part, iso or None)
        i += 1


def _scan_money(text: str, taken: _Taken, add) -> None:
    for m, s, e in _free(_MONEY_RANGE, text, taken, _Present(text)(_RANGE_CHARS)):
        g = m.groupdict()
        try:
            a, b = parse_number(g["a"]), _scale(g, parse_number(g["b"]))
        except ValueError:
            continue
        mult = _MULT_VALUE.get(g["amult"] or g["mult"] or "", 1)
        if g["amult"] or (not g["aunit"] and a * mult <= b):
            a *= mult  # 1-3万元 is 10,000 to 30,000; 5000-5万元 is 5,000 to 50,000
        if b > a:
            add("money", s, e, a, b, _CURRENCY[g["unit"]], "range")
    for m, s, e in _free(_MONEY, text, taken):
        g = m.groupdict()
        if g["jiao"]:
            add("money", s, e, parse_number(g["jiao"]) / 10, None, "元", "exact")
            continue
        try:
            n = _scale(g, _num(g))
        except ValueError:
            continue
        q = "over" if g["a"] == "数" or g["a"] in "万亿" and not g["pre"] else _qualifier(m, g.get("postnum"))  # 过亿元
        add("money", s, e, n, None, _CURRENCY[g["unit"]], q)


def _scan_durations(text: str, taken: _Taken, add) -> None:
    for m, s, e in _free(_DURATION_RANGE, text, taken):
        g = m.groupdict()
        try:
            if g["pair"]:
                a, b = (parse_number(c) for c in ("二" if g["pair"][0] == "两" else g["pair"][0], g["pair"][1]))
            else:
                a, b = parse_number(g["a"]), parse_number(g["b"])
        except ValueError:
            continue
        if g["aunit"] and _DURATION_UNIT[g["aunit"]] != _DURATION_UNIT[g["unit"]]:
            continue
        if b > a:
            add("duration", s, e, a, b, _DURATION_UNIT[g["unit"]], "range")
    for m, s, e in _free(_DURATION, text, taken):
        g = m.groupdict()
        unit = g["unit"]
        if unit == "年" and (len(g["a"]) >= 3 and g["a"].isdigit() or "." in g["a"]):
            continue  # 2015年 is a year, not a duration
        if unit == "日" and not g["nth"] and not g["post"] and text[max(0, s - 2):s] not in ("连续", "每隔"):
            continue  # 5日 is a day of the month unless it counts days (第5日, 3日内)
        try:
            n = _num(g)
        except ValueError:
            continue
        if g["half"]:
            n += 0.5
        add("duration", s, e, n, None, _DURATION_UNIT[unit], _qualifier(m, g.get("postnum")))


def _scan_counts(text: str, taken: _Taken, add) -> None:
    for m, s, e in _free(_COUNT_RANGE, text, taken, _Present(text)(_RANGE_CHARS)):
        g = m.groupdict()
        try:
            a, b = parse_number(g["a"]), _scale(g, parse_number(g["b"]))
        except ValueError:
            continue
        if b > a:
            add("count", s, e, a, b, _COUNT_NORMAL.get(g["unit"], g["unit"]), "range")
    for m in _ZONES.finditer(_COUNT, text):
        s, e = _span(m)
        if not taken.free(s, e) or text[max(0, m.start("a") - 1):m.start("a")] == "第":
            continue  # 第3条 is a reference, not a count
        g = m.groupdict()
        try:
            n = _scale(g, _num(g))
        except ValueError:
            continue
        if g["unit"] == "万人":
            n *= 1e4
        q = "over" if g["a"] == "数" or g["a"] in "万亿" and not g["pre"] else _qualifier(m, g.get("postnum"))
        add("count", s, e, n, None, _COUNT_NORMAL.get(g["unit"], g["unit"]), q)

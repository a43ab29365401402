"""Open predicates: what a sentence says a value is (逾期金额, 上线时间, 融资次数, 持股比例).

A value found in a clause is a claim whatever words introduce it. Its predicate is the
phrase the clause uses for it, in Simplified, with subject, fillers and qualifiers removed,
so that the same phrase groups across articles:

- the words before the value, after the subject (`红岭创投的投资人规模达到274万` -> 投资人规模);
- else the words after it (`2500名投资人遭殃` -> 投资人; `第3天起系统自动上报央行征信` ->
  上报央行征信);
- else a label for the kind of value (金额, 比例, 数量, 期限, 时间).

The canonical predicates of `vocabulary.py` map the common phrases (成立于/创立于 -> founded).
"""
from __future__ import annotations

import re

from .normalize import HAN

#: Words that open a clause without naming what the value is.
_LEAD = re.compile(
    r"^(?:[\s,，、:：;；]|通常为|通常|一般为|一般|系统自动|自动|系统|其中|其|该平台|该公司|该机构|该|公司|这家|此外|同时|据悉|据了解|据统计|数据显示|另外|而且|而|但是|但|"
    r"并处|并且|并|且|这起|这笔|这一|这些|此案|本案|和|与|及|以及|目前|当前|现在|如今|截至|截止|此前|随后|之后|其后|然后|如|若|在|从|对|就|也|还|又|则|已经|已|"
    r"均|都|共|仅|更是|更|一度|最终|最后|实现|共计|合计|总计|累计|平均|分别|大约|约|第|全国|全年|同比|环比|较|比)+"
)
#: Words between the predicate and its value (为, 达到, 超过, 上升至…).
_TRAIL = re.compile(
    r"(?:[\s,，、:：]|为|是|达到|达|约为|约|已经|已|累计|共计|共|总计|合计|高达|仅仅|仅|只有|只|超过|超|逾|将近|接近|近|"
    r"不低于|不少于|不足|不到|不超过|低于|高于|少于|多于|在|了|的|分别为|分别|则|也|更是|一度|上升至|下降至|升至|降至|"
    r"上升到|下降到|增至|减至|增长至|增长了?|下降了?|下滑了?|上升了?|提升了?|骤降|大幅|从|由|至|到|集中在|多在|有|"
    r"飙升至|飙升|攀升至|攀升|跃升至|跃升|回升至|回升|回落至|回落|跌至|涨至|暴涨|暴增|激增|大增|大涨|大跌|下跌|上涨|逆势|却|"
    r"长达|突破|即|就|之|仍|还|还有|已达|将|中|内|已超|最多|最高|最低|最快|最少|通常|一般|平均|合计约|总额|以|每笔|每月|"
    r"每年|每日|每天|每|首次|首|均|都|近|约合|折合|折算|相当于|占比?|占到|占据|占|人民币)+$"
)
#: Words that follow a value and open what is done with it (起, 即, 开始…): skipped to reach the predicate.
_AFTER_LEAD = re.compile(r"^(?:[\s]|的|之|起|即|就|后|开始|以上|以下|左右|以内|之内|内|内的|里|间|来|多|余|的时间|时间)+")
_VERBISH = re.compile(r"[|·•，,。；;！!？?、:：(（)）“”\"'「」【】\[\]]")
_KIND_LABEL = {"money": "金额", "percent": "比例", "count": "数量", "duration": "期限", "date": "时间",
               "multiple": "倍数", "rank": "排名", "code": "代码", "quantity": "数额"}
_MAX = 10
#: Predicates too generic to name one fact (the kind labels, 人数, 规模…): two values under them
#: are usually two different facts (a dozen percentages of one report), so they are never compared.
GENERIC = frozenset({*_KIND_LABEL.values(), "内容", "人数", "规模", "数字", "数据", "总额", "资金"})


def kind_label(kind: str) -> str:
    """The predicate of a value whose clause names nothing (金额, 比例…)."""
    return _KIND_LABEL.get(kind, "内容")


#: A quarter, a half or the first quarters of a year, as a phrase's date writes them (第三季度末, 上半年, 前三季度).
_PERIOD_WORDS = r"第?[一二三四1-4]\s*季度?[末底]?|[上下]半年[末底]?|前[二两三]个?季度"

#: A year (and its month, day or period) opening the phrase (2024年营收, 年第三季度净利润): when, not
#: what; the date is the claim's as_of. A period without its year stays (Q3净利润, 前三季度净利润): cut,
#: it would set one quarter's figure against nine months' with no time to tell them apart.
_PERIOD_LEAD = re.compile(
    r"^(?:\d{2,4}\s*年|年(?=第|[上下]半|前[二两三]|度|末|底|初|\s))\s*(?:\d{1,2}\s*月份?)?(?:\d{1,2}\s*日)?\s*"
    rf"(?:{_PERIOD_WORDS}|年度|年末|年底|年初)?\s*"
)


#: The sector or a total opening the phrase (网贷平台总成交量, P2P网贷行业的成交量): the figure is 成交量.
_SECTOR_TOTAL = re.compile(r"^(?:(?:P2P|p2p)?(?:网贷|网络借贷)(?:行业|平台)的?)?(?:总(?=\S{2,}[量额]$))?")


#: A date or period ending the phrase, with what joins it to the value (余额共计2025年第一季度末为人民币):
#: when, not what (a footnote's digit glued to the year included).
_PERIOD_TAIL = re.compile(
    rf"\d{{2,5}}\s*年\s*(?:\d{{1,2}}\s*月份?)?(?:\d{{1,2}}\s*日)?\s*(?:[初中末底]|{_PERIOD_WORDS}|年末|年底|年初)?\s*"
    r"(?:为|是|达到?|共计)?\s*(?:人民币)?$"
)


def _tidy(phrase: str) -> str:
    phrase = _PERIOD_TAIL.sub("", _VERBISH.split(phrase)[-1])
    for _ in range(3):
        phrase = _PERIOD_LEAD.sub("", phrase)
        phrase = _LEAD.sub("", phrase)
        phrase = _PERIOD_TAIL.sub("", _TRAIL.sub("", phrase))
    phrase = _SECTOR_TOTAL.sub("", phrase)  # 网贷平台总成交量 -> 成交量
    if "的" in phrase:  # 红岭创投的投资人规模 -> 投资人规模
        tail = phrase.rsplit("的", 1)[1]
        if len(tail) >= 2:
            phrase = tail
    return phrase[-_MAX:]


def open_predicate(text: str, lo: int, start: int, end: int, hi: int, names: tuple[str, ...] = ()) -> str:
    """The predicate of the value at text[start:end] in the clause text[lo:hi].

    names (tuple): entity names to cut off the front (the subject is not the predicate).
    RETURNS (str): a Simplified phrase, or "" when the clause names nothing.
    """
    left = text[lo:start]
    cut = 0
    for name in names:
        at = left.rfind(name)
        if at >= 0:
            cut = max(cut, at + len(name))
    phrase = _tidy(left[cut:])
    if len(phrase) >= 2 and re.search(f"[{HAN}]", phrase):
        return phrase
    right = _AFTER_LEAD.sub("", text[end:hi])
    right = re.split(r"\d", _VERBISH.split(right)[0])[0]
    for name in names:
        right = right.replace(name, "")
    right = _LEAD.sub("", right)[:_MAX].rstrip("的了着过是将")
    if len(right) >= 2 and re.search(f"[{HAN}]", right):
        return right
    return ""


#: The events a date can name by the verb after it (in its clause, or the next when the date stands
#: alone): 2015年11月上线运营, 2025年1月，公司更名为…, 2013年，X诞生于…. A verb that goes on to an
#: object (上线了新功能, 成立了专班, 设立分公司) names no event of the subject's own.
_NAMED_EVENT = re.compile(
    r"(?P<launched>上线(?:运营|运行)?)(?=[，,。；;！!\s）)]|$)|(?P<renamed>更名|改名)(?=为|[“「\"，,。；;])|"
    r"(?P<founded>成立|创立|创办|设立|诞生)(?=于|[，,。；;！!]|$)"
)
_OTHER_TIME = re.compile(r"[\d一二三四五六七八九十两]+[年月日]|此前|之后|随后|后来|[，,；;。]")
_ALONE = re.compile(r"[\s初中底末晚间上下午]*[，,]")


def event_name(text: str, end: int, stop: int) -> tuple[str, int, int] | None:
    """The event a date ending at `end` names (`launched`, `renamed`, `founded`) and where its verb is,
    looked for up to `stop` (the sentence end); None when its clause names none of them."""
    alone = _ALONE.match(text, end)
    lo = alone.end() if alone else end
    for m in _NAMED_EVENT.finditer(text, lo, min(stop, lo + 16)):
        if _OTHER_TIME.search(text, lo, m.start()):
            return None  # another time or clause between: the verb is not this date's
        return m.lastgroup, m.start(), m.end()
    return None


#: A bucket of days overdue right before 逾期率 (31-60天逾期率, 90天以上的逾期率, M3+逾期率): the rate of that
#: bucket, a fact of its own (an article's 1.85% and 3.52% are two buckets, not two readings of one rate).
_BUCKET = re.compile(r"(?:M\d\+?|\d{1,3}\s*(?:[-－~～至到]\s*\d{1,3}\s*)?天(?:以上|以内)?)\s*的?\s*$")


def bucket_before(text: str, lo: int, at: int) -> str:
    """The bucket of days overdue that ends right before `at` (not before `lo`), as written without
    spaces or 的 (31-60天); "" when there is none."""
    m = _BUCKET.search(text, max(lo, at - 16), at)
    return re.sub(r"[\s的]", "", m.group()).replace("－", "-").replace("～", "~") if m else ""


_LIST_SEP = re.compile(r"[、]|和|及|与")
_BREAK = re.compile(r"[，,；;。！!？?：:\n]")


def respective(text: str, start: int, names: tuple[str, ...] = ()) -> str:
    """The phrase a value is paired with by 分别 (营业收入、净利润分别为19.61亿元、4.21亿元 -> 净利润 for
    the second value); "" when the value is not in such a list."""
    at = text.rfind("分别", max(0, start - 40), start)
    if at < 0 or _BREAK.search(text, at, start):
        return ""
    index = len(re.findall(r"[、]", text[at:start]))
    lo = max((m.end() for m in _BREAK.finditer(text, max(0, at - 40), at)), default=max(0, at - 40))
    items = _LIST_SEP.split(text[lo:at])
    if len(items) < 2 or index >= len(items) or "的" in items[-1]:
        return ""  # (青松和白桦的放款额分别为…: names paired, one predicate)
    item = items[index]
    for name in names:
        cut = item.rfind(name)
        if cut >= 0:
            item = item[cut + len(name):]
    phrase = _tidy(item)
    return phrase if len(phrase) >= 2 and re.search(f"[{HAN}]", phrase) else ""

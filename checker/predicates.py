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
    r"^(?:[\s,，、:：;；]|通常为|通常|一般为|一般|系统自动|自动|系统|其中|其|该平台|该公司|该机构|该|这家|此外|同时|据悉|据了解|据统计|数据显示|另外|而且|而|但是|但|"
    r"并处|并且|并|且|这起|这笔|这一|这些|此案|本案|和|与|及|以及|目前|当前|现在|如今|截至|截止|此前|随后|之后|其后|然后|如|若|在|从|对|就|也|还|又|则|已经|已|"
    r"均|都|共|仅|更是|更|一度|最终|最后|共计|合计|总计|累计|平均|分别|大约|约|第|全国|全年|同比|环比|较|比)+"
)
#: Words between the predicate and its value (为, 达到, 超过, 上升至…).
_TRAIL = re.compile(
    r"(?:[\s,，、:：]|为|是|达到|达|约为|约|已经|已|累计|共计|共|总计|合计|高达|仅仅|仅|只有|只|超过|超|逾|将近|接近|近|"
    r"不低于|不少于|不足|不到|不超过|低于|高于|少于|多于|在|了|的|分别为|分别|则|也|更是|一度|上升至|下降至|升至|降至|"
    r"上升到|下降到|增至|减至|增长至|增长了?|下降了?|下滑了?|上升了?|提升了?|骤降|大幅|从|由|至|到|集中在|多在|有|"
    r"长达|突破|即|就|之|仍|还|还有|已达|将|中|内|已超|最多|最高|最低|最快|最少|通常|一般|平均|合计约|总额|以|每笔|每月|"
    r"每年|每日|每天|每|首次|首|均|都|近|约合|折合|折算|相当于|占比?|占到|占据|占)+$"
)
#: Words that follow a value and open what is done with it (起, 即, 开始…): skipped to reach the predicate.
_AFTER_LEAD = re.compile(r"^(?:[\s]|的|之|起|即|就|后|开始|以上|以下|左右|以内|之内|内|内的|里|间|来|多|余|的时间|时间)+")
_VERBISH = re.compile(r"[，,。；;！!？?、:：(（)）“”\"'「」【】\[\]]")
_KIND_LABEL = {"money": "金额", "percent": "比例", "count": "数量", "duration": "期限", "date": "时间",
               "multiple": "倍数", "rank": "排名", "code": "代码", "quantity": "数额"}
_MAX = 10
#: Predicates too generic to name one fact (the kind labels, 人数, 规模…): two values under them
#: are usually two different facts (a dozen percentages of one report), so they are never compared.
GENERIC = frozenset({*_KIND_LABEL.values(), "内容", "人数", "规模", "数字", "数据", "总额", "资金"})


def kind_label(kind: str) -> str:
    """The predicate of a value whose clause names nothing (金额, 比例…)."""
    return _KIND_LABEL.get(kind, "内容")


def _tidy(phrase: str) -> str:
    phrase = _VERBISH.split(phrase)[-1]
    for _ in range(3):
        phrase = _LEAD.sub("", phrase)
        phrase = _TRAIL.sub("", phrase)
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
    right = _VERBISH.split(right)[0]
    for name in names:
        right = right.replace(name, "")
    right = _LEAD.sub("", right)[:_MAX].rstrip("的了着过是将")
    if len(right) >= 2 and re.search(f"[{HAN}]", right):
        return right
    return ""

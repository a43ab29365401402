"""Claim extraction: a spaCy `zh` pipeline whose `claim_extractor` component puts
one span per checkable fact in `doc.spans["claims"]`, each carrying its `Claim`
record in `span._.claim` (and the claims, in order, in `doc.user_data["claims"]`).
`extract` asks for the claims only: no spans are built, and the Doc it passes is
tokenised only when the pipeline has components besides the claim extractor (the
extractor works on character offsets of the normalised text, `doc._.norm`).

The pipeline works offline from PyPI packages alone: `spacy.blank("zh")` with the
character segmenter (default), jieba, or spacy-pkuseg when a model directory is
configured (`CHECKER_PKUSEG_MODEL`). The extractor reads the normalised text
(glosses stripped, Simplified) and maps every span back to the original text.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .damage import Damage, find_damage, find_dropped, flags_for
from .entities import Entities, find_entities
from .layout import Layout, analyse
from .models import Article, Claim, content_id
from .normalize import HAN, Normalized, normalize
from .numbers import PRE_QUALIFIER, Value, scan_values
from .periods import REPORT_AFTER, period_after, report_period, yearless_period
from .predicates import bucket_before, event_name, kind_label, open_predicate, respective
from . import court, profile, roles as role_words
from .court import find_court
from .profile import find_profile
from .roles import Role, find_roles
from .tables import Cell, table_cells
from .vocabulary import NAMED_EVENTS, PREDICATES, canonical, label, open_name

SENTENCE_END = ["。", "！", "？", "!", "\n"]
EMPTY_MARK = "[空]"

if not Span.has_extension("claim"):
    Span.set_extension("claim", default=None)
if not Doc.has_extension("norm"):
    Doc.set_extension("norm", default=None)

# --- triggers -------------------------------------------------------------------

def _trigger_regex(pred) -> re.Pattern:
    return re.compile("|".join(sorted(pred.triggers, key=len, reverse=True)))


_TRIGGERS = {name: _trigger_regex(p) for name, p in PREDICATES.items() if p.triggers}
_LONGEST_TRIGGER = max(len(t) for p in PREDICATES.values() for t in p.triggers)
_ACCEPTS = {  # value kind -> predicate kinds it can fill
    "money": ("money",), "quantity": ("money", "count"), "percent": ("percent",),
    "duration": ("duration",), "count": ("count",), "date": ("date",),
}
#: For each value kind, the triggers of the predicates it can fill (in _TRIGGERS' order), and all of
#: them in one pattern: one search rules out a value with no trigger before it.
_TRIGGERS_FOR = {kind: [(name, pattern) for name, pattern in _TRIGGERS.items() if PREDICATES[name].kind in kinds]
                 for kind, kinds in _ACCEPTS.items()}
_ANY_TRIGGER = {kind: re.compile("|".join(p.pattern for _, p in triggers)) for kind, triggers in _TRIGGERS_FOR.items()}
_MAX_GAP = 12
#: The units a count predicate accepts (a count of people is not a count of text messages).
COUNT_UNITS_OF = {
    "user_count": ("人", "户", "人次"), "borrower_count": ("人", "户"), "overdue_count": ("人", "户", "笔", "个"),
    "complaint_count": ("条", "件", "起", "次"),
}
_BARE_OVERDUE = re.compile(r"逾期(了)?")
#: Short, common triggers that must sit right before their value (逾期13万, 借款8,000元).
_BARE = ("成立", "用户", "借款人", "年化", "借款", "借了", "贷款", "投诉", "出借", "出借了", "投了", "投资了", "待还",
         "尚欠", "维权")
_FILLER = r"(?:\s|[:：]|为|是|达|达到|约|约为|超过|高达|在|了|已|已经|仅|共|累计|于|则|也|只有|只|均|都|仍)*"
_EMPTY_SLOT = {
    "date": r"年(?!\d)(?:[，,。；;]|$|是|就|起)?|(?=[，,。；;])",
    "money": r"(?:万亿|亿|千万|百万|万)?元",
    "percent": r"[%％]",
    "count": r"(?:万)?(?:人|名|户|笔|家|件|条|起)(?![民员])",
    "duration": r"(?:个月|天|日)(?![0-9])",
    "place": r"(?=[，,。；;])",
}
_RATE_AFTER = re.compile(r"^\s*(?:的)?(?:收取|加收|计收|计算|征收)?(?P<noun>罚息|违约金|滞纳金)")
_COUNT_NOUN = re.compile(r"^\s*(?:名|位)?(?P<noun>借款人|借款用户|用户|投资人|出借人|客户)")
_FOUNDED_AFTER = re.compile(r"^\s*(?:正式)?(?:成立|创立|创办|设立)")
_FOUNDED_EMPTY = re.compile(r"于年(?:正式)?(?:成立|创立|创办|设立)")  # 运营公司于年设立
_EVENT_VERB = re.compile(
    r"出现|发生|爆发|开始|宣布|发布|发送|曝出|被|遭|陷入|停止|暂停|上线|下线|立案|约谈|处罚|起诉|暴雷|爆雷|违约|上调|下调|"
    r"推出|引入|启动|收到|接到|整改|清退|退出|关停|转型|更名|获得|取得|完成|上市|申请|冻结|查处|通报|"
    r"逾期(?!率|比例|金额|余额|笔数|人数|天数|时间)|到期|"
    r"结束|接受|借了|借钱|借款(?!人)|出借|借入|挂出|公布|披露|开庭|审理|判决|裁定|签署|签订|达成|发放|兑付|停业|罚款|受理|"
    r"提起|报案|突破"
)
_GOAL = re.compile(r"能否|力争|目标是|争取|希望|压回|控制在|有望|计划|预计|拟|是指|指逾期|将继续|就能")  # goals, definitions
_GOAL_AFTER = re.compile(r"[^，,。；;]{0,3}(的目标|为目标)")
#: A value followed by these is a limit or a yardstick, not a fact: 年利率24%的上限, “逾期超过90天”口径
_BUCKET_AFTER = re.compile(r"\s*的?\s*(?:逾期率|逾期贷款率|不良率|迁徙率)")
_LIMIT_AFTER = re.compile(r"[”\"」]?(?:的)?(?:司法保护)?(?:上限|下限|红线|口径|标准线|部分)")
#: A question is not a claim: 逾期一年会怎样？ (not 该如何处理: that presupposes it). Each alternative starts with a plain character
#: (？$|\?$ rather than [？?]$), so that re can skip other characters fast.
_QUESTION = re.compile(r"会怎样|会怎么样|会不会|吗[？?]?$|？$|\?$")
_CHANGE = re.compile(
    r"\s*(?:上升|下降|增加|减少|提高|提升|降低|增长|回落|攀升|升|降|增|减|涨|跌|扩大|缩小|飙升|骤降)?(?:到|至|为)了?\s*"
    r"|[，,]?\s*(?:较|比|相比|相较于?|对比|高于|低于)[^，,。；;]{0,12}?的?\s*"  # 较2023年末的3.8%
)
_PLACE_FIRST = re.compile(rf"(?:坐落于|位于|设在)(?P<place>[{HAN}]{{2,8}}?)的(?P<trigger>总部)")
_PLACE = re.compile(
    rf"(?P<trigger>{'|'.join(PREDICATES['headquarters'].triggers)})(?P<place>[{HAN}][{HAN}0-9]{{1,20}}?)"
    r"(?=[，,。；;、\s]|的|是|，|并|和|以|$)"
)
#: Every headquarters phrase (_PLACE, _PLACE_FIRST) holds one of these: a sentence without one is not searched.
_PLACE_HINT = re.compile(f"{'|'.join(PREDICATES['headquarters'].triggers)}|总部")
_LABELLED = re.compile(r"(?:日期|时间)\s*[:：]\s*$")
_PLANNED = re.compile(r"应在|应于|应当|将在|将于|预计|计划|拟于|拟在|力争|争取|目标")
#: A date heading its clause (2020年5月，…; 7月4日晚，…): the time of what the sentence tells, and of its figures.
_HEADS_CLAUSE = re.compile(r"(?:晚间|晚上|上午|下午|早间|早上|凌晨|中午|傍晚|夜间|晚|深夜)?[，,]\s*")
_CIRCUMSTANCE = re.compile(r"受|因为|因|由于|随着|鉴于")
_REPORTED = re.compile(r"(?:年报|报告|的?(?:披露|公布|发布)的(?:数据|年报|报告))")  # 2022年披露的数据，…
_AS_OF_BEFORE = re.compile(r"(截至|截止到|截止|(?<![溯直等回来提])到|至)\s*$")  # not 追溯到, 直到: events
_DATA_SHOW = re.compile(r"数据(?:显示|表明)")
_OWN_TIME = re.compile(r"[年月季]|此前|当时|之前|以前|同期")  # a sentence with a time of its own keeps it
_SHOWN = re.compile(r"(?:显示|表明)[:：]?$")  # 数据显示2019年7月…: the date opens what the data say
_SINCE_BEFORE = re.compile(r"(?:自|从)\s*$")
#: A sentence whose time is the last one written before it: 当月运营数据显示，… (当年, 同年, 当时)
_ANAPHOR = re.compile(r"\s*(?P<month>当月|同月)|\s*(?P<year>当年|同年)|\s*(?:当时|此时)")
_QUALIFIER_WORDS = re.compile("(?:" + "|".join(sorted(PRE_QUALIFIER, key=len, reverse=True)) + ")(?!期)")  # not 逾期
_CLAUSE_BREAK = re.compile(r"[，,；;。！!？\n]")  # not the colon (成立时间：2018年), not a stray ASCII ? (mojibake)


@dataclass
class _Found:
    predicate: str  # canonical (vocabulary.PREDICATES) or open (the clause's phrase)
    start: int  # normalised span of the evidence
    end: int
    trigger: tuple[int, int]
    value: Value | None
    kind: str | None = None  # the value's kind for open predicates (canonical ones carry their own)
    subject: str | None = None  # whom it is about, when the sentence's structure says so

    @property
    def claim_kind(self) -> str:
        if self.predicate in PREDICATES:
            return PREDICATES[self.predicate].kind
        return self.kind or (self.value.kind if self.value else "text")


def _best_trigger(text: str, lo: int, hi: int, kind: str) -> tuple[str, re.Match] | None:
    """The trigger closest before `hi` in text[lo:hi] for a value of `kind`."""
    best = None
    lo = max(lo, hi - _MAX_GAP - _LONGEST_TRIGGER)
    if kind not in _ANY_TRIGGER or _ANY_TRIGGER[kind].search(text, lo, hi) is None:
        return None
    for name, pattern in _TRIGGERS_FOR[kind]:
        for m in pattern.finditer(text, lo, hi):
            gap = hi - m.end()
            if gap > _MAX_GAP:
                continue
            bare = _BARE_OVERDUE.fullmatch(m.group()) is not None or m.group() in _BARE
            if bare and gap > 4:
                continue
            if name == "founded" and gap > 5:
                continue
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[0]:
                best = (key, name, m)
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=2)  # (the article being read: its hash is kept by the string, so a look-up is cheap)
def _clause_breaks(text: str) -> list[int]:
    return [m.start() for m in _CLAUSE_BREAK.finditer(text)]


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Just after the last clause break in text[floor:pos], else `floor`."""
    breaks = _clause_breaks(text)
    i = bisect.bisect_left(breaks, pos) - 1
    return breaks[i] + 1 if i >= 0 and breaks[i] >= floor else floor


def _reading(text: str, name: str, m: re.Match, v: Value) -> Value:
    """The value as the predicate reads it: a bare quantity as money or a count, the
    qualifier from the words between trigger and value (已经超过了1亿元)."""
    kind = PREDICATES[name].kind
    value = v.as_kind(kind) if v.kind == "quantity" else v
    if value.kind == "count" and name in ("user_count", "borrower_count", "overdue_count") and not value.unit:
        value = replace(value, unit="人")
    if value.qualifier == "exact":
        q = [w for w in _QUALIFIER_WORDS.findall(text, m.end(), v.start) if PRE_QUALIFIER[w] != "exact"]
        if q:  # 已经超过了1亿元, 差不多是23.8%
            value = replace(value, qualifier=PRE_QUALIFIER[q[-1]])
    return value


def _not_a_fact(text: str, v: Value, clause_lo: int) -> bool:
    """Limits, goals and questions are not facts: 超过24%的部分, 压回2%以下 (but 超8%的高息产品 and a promised
    承诺10%的收益 are: what a page says a product offers)."""
    if _LIMIT_AFTER.match(text, v.end) or (v.kind == "duration" and _BUCKET_AFTER.match(text, v.end)):
        return True  # (31-60天的逾期率: the days name a bucket of the rate, see predicates.bucket_before)
    clause_end = _CLAUSE_BREAK.search(text, v.end)
    clause = text[clause_lo:clause_end.end() if clause_end else len(text)]
    if _QUESTION.search(clause):
        return True
    return bool(_GOAL.search(text, clause_lo, v.start)) or bool(_GOAL_AFTER.match(text, v.end))


#: A value that is an indefinite article, not a count: 一名女孩, 一款软件, 一位.
_INDEFINITE = re.compile(r"一(?:名|款|位|家|个|笔|条|件|起|次|份|只|张|项|篇|所|台|辆|部|宗|批|例|单|期|轮)|二次")
#: Counters of a web page, not facts: 阅读 10万, 浏览0次.
_COUNTER_BEFORE = re.compile(r"(?:阅读|浏览|点击|点赞|评论|转发|收藏|播放)(?:量|数)?\s*[:：]?\s*$")
#: ... and after the figure: 0 个评论 • 30 次浏览.
_COUNTER_AFTER = re.compile(r"\s*(?:阅读|浏览|点击|点赞|评论|转发|收藏|播放|回复|回答|关注|围观)")
_PER_HEAD = re.compile(r"(?:人均|平均|户均|笔均|单笔|每笔|每人|每户)[\u4e00-\u9fff]{0,2}$")
#: Words that make the rest of a sentence hypothetical (比如某平台…, 假设…, 有人借1万元…).
_HYPOTHETICAL = re.compile(r"比如|例如|譬如|假如|假设|假若|如果|举例|打个比方|举个例子|有人借|某人|设想")
#: After a threshold duration, what happens then (逾期第3天起系统自动上报征信): the predicate is that.
_THEN = re.compile(r"(?:的时候|时)?(?:(?:起|即|就|开始|以内|之内|内)\s*(?:系统|平台)?|(?:后|以上)?\s*(?:将|会|可能|则|即可|便|系统|平台))"
                   r"[\u4e00-\u9fff]")
#: Nouns after a bare quantity that make it a count of people: 274万网贷出借人.
_PEOPLE_AFTER = re.compile(r"^\s*(?:名|位)?[\u4e00-\u9fff]{0,4}?(?:借款人|借款用户|用户|投资人|投资者|出借人|客户|会员|债权人|"
                           r"受害人|受害者|网民|居民|员工|人)")


#: A duration that frames a time rather than measures something: 近两年的数据, 此后两年里, 一年前.
_FRAME_AFTER = re.compile(r"(?:的|里|来|前|中|间)(?![0-9])")
_FRAME_BEFORE = re.compile(r"(?:此后|此前|之后|之前|过去|未来|最近|同|上|下|今年|去年|明年)$")
#: Counts of an article's own parts: 6个问题, 5条实用建议, 两个数字都是空的, 四家都强调.
_PARTS_AFTER = re.compile(r"(?:实用|常见|主要)?(?:问题|建议|方面|焦点|原因|数字|步骤|方法|特点|要点|技巧|误区|都)")


def _frame(text: str, v: Value) -> bool:
    """Durations and counts that are no checkable fact (see _FRAME_AFTER, _PARTS_AFTER)."""
    if v.kind == "duration" and v.qualifier != "range":
        if _FRAME_AFTER.match(text, v.end) or _FRAME_BEFORE.search(text, max(0, v.start - 2), v.start):
            return True
        return v.text in ("一天", "一日")  # 一天能接到十几个电话: a rate, not a duration
    if v.kind == "count" and (v.number or 0) < 10:
        return _PARTS_AFTER.match(text, v.end) is not None
    return False


def _indefinite(v: Value) -> bool:
    """一名女孩, 一款软件 (an article, not a count); 三位借款人 (people in a story, not a statistic)."""
    if v.kind != "count":
        return False
    if _INDEFINITE.fullmatch(v.text):
        return True
    return v.unit == "人" and v.text[-1] in "位名" and not any(c.isdigit() for c in v.text) and (v.number or 0) < 10


def _hypothetical(text: str, s0: int, pos: int) -> bool:
    return _HYPOTHETICAL.search(text, s0, pos) is not None


def _sentence_claims(text: str, s0: int, s1: int, names: tuple[str, ...] = (), values: list[Value] | None = None
                     ) -> tuple[list[_Found], list[Value], list[Value]]:
    """Claims of one sentence (normalised offsets), the dates no claim used, and every date.

    Value first: every stated quantity is a claim unless it is a threshold, a goal, a question,
    a hypothetical or an indefinite article. Its predicate is the canonical one when a trigger
    of `vocabulary.py` introduces it, else the phrase the clause uses (`predicates.py`)."""
    if values is None:
        values = scan_values(text[s0:s1], offset=s0)
    found: list[_Found] = []
    spare_dates: list[Value] = []
    prev_end = s0
    last_value_end = s0
    for v in values:
        clause_lo = _clause_start(text, v.start, s0)
        lo = max(clause_lo, prev_end)
        if found and found[-1].value is not None:
            last_value_end = max(last_value_end, found[-1].value.end)
        if v.kind == "date":
            after = text[v.end:min(s1, v.end + 8)]
            if (f := _FOUNDED_AFTER.match(after)) and not _hypothetical(text, s0, v.start):
                found.append(_Found("founded", v.start, v.end + f.end(), (v.end, v.end + f.end()), v))
                prev_end = v.end + f.end()
                continue
            hit = _best_trigger(text, lo, v.start, v.kind)
            if hit and not _hypothetical(text, s0, v.start):
                name, m = hit
                found.append(_Found(name, m.start(), v.end, (m.start(), m.end()), v))
                prev_end = v.end
                continue
            spare_dates.append(v)
            continue
        if _indefinite(v):
            continue  # 又借了一笔8,500元: the trigger before 一笔 still serves the amount
        if _not_a_fact(text, v, clause_lo) or _hypothetical(text, s0, v.start) or _frame(text, v) or \
                _COUNTER_BEFORE.search(text, max(s0, v.start - 8), v.start) or \
                v.kind == "count" and _COUNTER_AFTER.match(text, v.end):
            prev_end = v.end
            continue
        hit = _best_trigger(text, lo, v.start, v.kind)
        if hit and v.kind == "count" and (v.unit not in COUNT_UNITS_OF.get(hit[0], (v.unit,)) or not _is_figure(v)):
            hit = None  # 借款人收到一条短信, 三位借款人: not a statistic
        if hit and v.kind in ("money", "quantity") and _PER_HEAD.search(text, max(lo, hit[1].start() - 4), hit[1].start()):
            hit = None  # 人均累计出借金额26.4万: an average per person, not the total the trigger names
        if hit and v.kind == "duration" and hit[1].group() == "逾期" and _then(text, v, s1):
            hit = None  # 逾期第3天起上报征信: a threshold, named by what happens then
        if hit:
            name, m = hit
            value = _reading(text, name, m, v)
            if name == "overdue_rate" and (bucket := bucket_before(text, clause_lo, m.start())):
                name = bucket + "逾期率"  # 31-60天逾期率: one bucket's rate, a fact of its own
            found.append(_Found(name, m.start(), v.end, (m.start(), m.end()), value, v.kind))
            prev_end = v.end
            continue
        last = found[-1] if found else None
        if last and last.value and _CHANGE.fullmatch(text, last.end, v.start) and \
                last.value.kind in _ACCEPTS.get(v.kind, ()) + (v.kind,):
            # 逾期率从2.4%上升到11.6%: the second value has the same predicate
            m = re.compile(".*", re.S).match(text, last.trigger[0], last.trigger[1])
            value = _reading(text, last.predicate, m, v) if last.predicate in PREDICATES else v
            found.append(_Found(last.predicate, v.start, v.end, last.trigger, value, last.kind))
            prev_end = v.end
            continue
        after = text[v.end:min(s1, v.end + 8)]
        if v.kind in ("count", "quantity") and (n := _COUNT_NOUN.match(after)) and _is_figure(v):
            pred = "user_count" if "用户" in n.group("noun") or "客户" in n.group("noun") else "borrower_count"
            value = replace(v.as_kind("count"), unit="人")
            end = v.end + n.end()
            found.append(_Found(pred, v.start, end, (v.end + n.start("noun"), end), value))
            prev_end = end
            continue
        if v.kind == "percent" and (r := _RATE_AFTER.match(after)):
            end = v.end + r.end()
            found.append(_Found("penalty_rate", v.start, end, (v.end + r.start("noun"), end), v))
            prev_end = end
            continue
        # (a trigger before an open value may still serve the next value: prev_end stays)
        found.append(_open_claim(text, v, max(lo, last_value_end), s1, names))
    return found, spare_dates, [v for v in values if v.kind == "date"]


#: A template slot left unfilled: [具体时间], [X]万亿元.
_SLOT = re.compile(r"[\[【](?:[A-Za-z]{1,2}|具体[^\]】]{0,6}|[^\]】\s]{1,6}?(?:时间|日期|金额|数量|名称|人数|比例))[\]】]"
                   r"(?P<unit>(?:万亿|亿|千万|百万|万)?元|%|(?:万)?(?:人|家|笔|个|条))?")
#: A value destroyed by mojibake: ?001年, 20?年.
_BROKEN_YEAR = re.compile(r"(?<![\d?])(?:\?{1,3}\d{0,3}|\d{1,3}\?{1,3}\d{0,2})年")
#: A name dropped before 的: `，的放款机制`; an opening 作为… with nobody it is said of.
_NAMELESS_HINT = re.compile(r"[，,。；;]\s*的")  # what _NAMELESS's first branch needs within the sentence
_NAMELESS = re.compile(r"(?<=[，,。；;])\s*的(?=[\u4e00-\u9fff]{2})|^作为[^，,。]{2,20}[，,](?=主要|是|已|将|一直|目前|专注|致力|提供|主营)")


def _gap_claims(text: str, s0: int, s1: int, dropped: list[tuple[int, int]], names: tuple[str, ...]) -> list[_Found]:
    """Empty facts that no predicate trigger announces: unfilled template slots, values destroyed
    by mojibake, a name dropped before 的, a word dropped from a list (通过短信、 等)."""
    out = []
    slots = text.find("[", s0, s1) >= 0 or text.find("【", s0, s1) >= 0
    for m in (_SLOT.finditer(text, s0, s1) if slots else ()):
        unit = m.group("unit") or ""
        kind = ("money" if unit.endswith("元") else "percent" if unit == "%" else "count" if unit else
                "date" if re.search("时间|日期", m.group()) else "text")
        out.append(_Found(kind_label(kind), m.start(), m.end(), (m.start(), m.start()), None, kind))
    for m in (_BROKEN_YEAR.finditer(text, s0, s1) if text.find("?", s0, s1) >= 0 else ()):
        out.append(_Found("年份", m.start(), m.end(), (m.start(), m.start()), None, "date"))
    nameless = _NAMELESS_HINT.search(text, s0, s1) is not None or text.startswith("作为", s0)
    for m in (_NAMELESS.finditer(text[s0:s1]) if nameless else ()):
        a, b = s0 + m.start(), s0 + m.end()
        if m.group().lstrip().startswith("的") or not any(n in text[a:b] for n in names):
            out.append(_Found("名称", a, min(s1, b + 4), (a, a), None, "name"))
    for a, b in dropped:
        if s0 <= a < s1:
            out.append(_Found("缺字", a, b, (a, a), None, "text"))
    return out


def _role_found(text: str, r: Role) -> _Found:
    v0, v1 = r.value
    value = Value(r.kind, v0, v1, text[v0:v1], None, qualifier=None)
    return _Found(r.predicate, min(r.start, v0), max(r.end, v1), (r.start, r.start), value, r.kind, r.subject)


def _new_cells(cells: list[Cell], values: list[Value]) -> list[Cell]:
    """Table cells that state a figure the text does not already state (净利润 2,896 restates 28.96亿元)."""
    if not cells:
        return cells
    stated = {round(v.number, -5) for v in values if v.kind in ("money", "quantity") and v.number}
    return [c for c in cells if round(c.number, -5) not in stated]


def _resolve_years(text: str, values: list[Value], last: str | None) -> list[Value]:
    """Dates whose year is the one written last (同年11月11日, 当年8月) take that year."""
    if not any(v.kind == "date" and (v.date or "").startswith("--") for v in values):
        return values
    year = last[:4] if last and last[:4].isdigit() else None
    out = []
    for v in values:
        if v.kind == "date" and v.date:
            if v.date[:4].isdigit():
                year = v.date[:4]
            elif year and v.date.startswith("--") and (v.text.startswith(("同年", "当年")) or
                                                       text[v.start - 2:v.start] in ("同年", "当年")):
                v = replace(v, date=year + v.date[1:], number=int(year))
        out.append(v)
    return out


def _cell_found(text: str, c: Cell) -> _Found:
    """A figure of a statement table, named by its row (净利润, 总收入…)."""
    label = re.split(r"[,，(（]", text[c.label[0]:c.label[1]].strip())[0][:20]
    value = Value("money", c.start, c.end, text[c.start:c.end].strip(), c.number, unit=c.unit)
    return _Found(canonical(label, "money") or label, c.start, c.end, c.label, value, "money")


def _then(text: str, v: Value, s1: int) -> bool:
    """Whether something happens after a duration (第3天起系统自动上报…), making it a threshold."""
    end = _CLAUSE_BREAK.search(text, v.end, s1)
    rest = text[v.end:end.start() if end else s1]
    return len(rest) >= 2 and _THEN.match(rest) is not None


_OVERDUE_AMOUNT_WORDS = {"涉及金额", "金额", "涉及", "总计", "共计", "合计", "累计"}
_OVERDUE_BEFORE = re.compile(r"逾期(?!率|比例|天|日|时间)")


def _open_claim(text: str, v: Value, lo: int, s1: int, names: tuple[str, ...]) -> _Found:
    """A value no canonical trigger introduces: its predicate is the clause's own phrase."""
    if v.kind == "quantity":
        v = replace(v.as_kind("count"), unit="人") if _PEOPLE_AFTER.match(text, v.end) else v.as_kind("money")
    end_m = _CLAUSE_BREAK.search(text, v.end, s1)
    hi = end_m.start() if end_m else s1
    if v.kind == "duration" and _then(text, v, s1):
        phrase = open_predicate(text, v.end, v.end, v.end, hi, names)  # what happens after the threshold
    else:  # (营业收入、净利润分别为x、y: the list pairs them)
        phrase = respective(text, v.start, names) or open_predicate(text, lo, v.start, v.end, hi, names)
    predicate = canonical(phrase, v.kind) or open_name(phrase) or kind_label(v.kind)
    if v.kind == "money" and predicate in _OVERDUE_AMOUNT_WORDS and _OVERDUE_BEFORE.search(text, lo - 40 if lo > 40 else 0, v.start):
        predicate = "overdue_amount"  # 项目逾期，涉及金额90万元
    if predicate in PREDICATES and PREDICATES[predicate].kind not in _ACCEPTS.get(v.kind, (v.kind,)):
        predicate = phrase or kind_label(v.kind)
    at = text.find(phrase, lo, hi) if phrase else -1
    trigger = (at, at + len(phrase)) if at >= 0 else (v.start, v.start)
    start = min(v.start, at) if 0 <= at < v.start and v.start - (at + len(phrase)) <= 6 else v.start
    end = max(v.end, at + len(phrase)) if at >= v.end and at - v.end <= 4 else v.end
    return _Found(predicate, start, end, trigger, v, v.kind)


def _place_claims(text: str, s0: int, s1: int) -> list[_Found]:
    """总部位于深圳 -> headquarters 深圳 (the place runs to the next punctuation or 的/是)."""
    out = []
    for m in _PLACE.finditer(text, s0, s1):
        p0, p1 = m.span("place")
        value = Value("place", p0, p1, m.group("place"), None, qualifier=None)
        out.append(_Found("headquarters", m.start(), p1, (m.start(), m.end("trigger")), value))
    for m in _PLACE_FIRST.finditer(text, s0, s1):  # 坐落于成都的总部
        p0, p1 = m.span("place")
        value = Value("place", p0, p1, m.group("place"), None, qualifier=None)
        out.append(_Found("headquarters", m.start(), m.end(), m.span("trigger"), value))
    return out


def _heads_story(text: str, d: Value, s0: int, s1: int, figures: list[int]) -> bool:
    """Whether the date `d` heads a clause that tells what happened (2014年12月27日，她经朋友介绍…, a
    figure later on): it opens its clause, a comma closes it, and the next clause states no figure
    (2022年，平台放款96亿元: the year only dates the figure) nor a circumstance (2022年，受…影响，…)."""
    if text[_clause_start(text, d.start, s0):d.start].strip():
        return False
    m = _HEADS_CLAUSE.match(text, d.end)
    if m is None or _CIRCUMSTANCE.match(text, m.end()):
        return False
    end = _CLAUSE_BREAK.search(text, m.end(), s1)
    k = bisect.bisect_left(figures, m.end())
    return k == len(figures) or figures[k] >= (end.start() if end else s1)


def _clause_has_event(text: str, pos: int, s0: int, s1: int) -> bool:
    """Whether the clause after a date (the next one when the date stands alone) has an event verb."""
    if _AS_OF_BEFORE.search(text[max(s0, pos - 4):pos]):
        return False  # 截至…: a state, never an event
    end = _CLAUSE_BREAK.search(text, pos, s1)
    if end and not text[pos:end.start()].strip("0123456789年月日初中末底起以来自从 "):
        end = _CLAUSE_BREAK.search(text, end.end(), s1)
    return bool(_EVENT_VERB.search(text, pos, end.start() if end else s1))


_HAN_CHAR = re.compile(f"[{HAN}]")
_PERIOD_OR_DATELINE = re.compile(r"第?[一二三四1-4]季度|全年|年度|讯|电(?![话视商子力影脑器池])")


def _event(text: str, d: Value, s0: int, s1: int, names: tuple[str, ...] = ()) -> _Found | None:
    """A date at which something happened: it opens the sentence (2024年4月，平台公布了…; 2024年初以来…)
    or its clause has an event verb. Dates that qualify a noun (2022年的2.4%) or a goal (2025年内) are not."""
    follow = text[d.end:d.end + 2]
    if _PERIOD_OR_DATELINE.match(text, d.end):
        return None  # 2021年第四季度财务业绩, 2020年全年: a period named; 2020年7月5日讯: a dateline
    if text.startswith(("今年", "去年"), d.start):
        return None  # a time relative to an unknown date frames the story (去年12月平台突然说…); it may date figures
    if follow[:1] in ("的", "内", "前", "度", "报") or follow in ("年报", "中国", "全国", "全球", "国内", "我国"):
        return None  # 2024年度报告, 2024年报, 2016年中国网贷行业报告 (a period named in a title): not events
    clause_lo = _clause_start(text, d.start, s0)
    own_end = _CLAUSE_BREAK.search(text, d.end, s1)
    if _PLANNED.search(text, clause_lo, own_end.start() if own_end else s1):
        return None  # 按合同应在2024年2月到期, 2024年力争…: what should happen is not an event
    if _LABELLED.search(text, clause_lo, d.start):
        return _Found("event_time", d.start, d.end, (d.start, d.start), d)  # 裁判日期：2024年6月19日
    if len(_HAN_CHAR.findall(text, s0, d.start)) + len(_HAN_CHAR.findall(text, d.end, s1)) < 2:
        return None  # 十二月三十一日, (a table's heading), a sentence cut off after its date
    if named := event_name(text, d.end, s1):  # 2015年11月上线运营: launched
        return _Found(named[0], d.start, d.end, (named[1], named[2]), d)
    return _Found("event_time", d.start, d.end, (d.start, d.start), d)


def _is_figure(v: Value) -> bool:
    """A statistic rather than a narrative number: 2万名借款人 yes, 三位借款人 no."""
    return any(c.isdigit() for c in v.text) and (v.number or 0) >= 10


_SLOT_AFTER = {kind: re.compile(_FILLER + f"(?:{slot})") for kind, slot in _EMPTY_SLOT.items()}


#: A bare zero after a trigger (逾期金额为0, 逾期率为零): the value, with the kind's unit.
_ZERO = re.compile(r"(?:为|是|:|：)\s*(?P<zero>0|零)(?![\d.,%％元万亿个人笔家])")
_ZERO_UNIT = {"money": "元", "percent": "%", "count": None}


def _empty_claims(text: str, s0: int, s1: int) -> list[_Found]:
    """Empty facts that a canonical trigger announces (成立于年, 逾期金额为元), in text[s0:s1]:
    the whole article at once (each trigger pattern runs once); the slot never crosses a sentence end."""
    out = []
    for name, pattern in _TRIGGERS.items():
        pred = PREDICATES[name]
        if pred.kind not in _SLOT_AFTER:
            continue
        for m in pattern.finditer(text, s0, s1):
            if m.group() in ("逾期", "逾期了", "逾期贷款", "逾期借款") or m.group() in _BARE:
                continue
            stop = _SENTENCE_END.search(text, m.end(), s1)
            rest = _SLOT_AFTER[pred.kind].match(text, m.end(), stop.start() if stop else s1)
            if not rest:
                if pred.kind in _ZERO_UNIT and (z := _ZERO.match(text, m.end(), stop.start() if stop else s1)):
                    zero = Value(pred.kind, z.start("zero"), z.end(), text[z.start("zero"):z.end()], 0,
                                 unit=_ZERO_UNIT[pred.kind])  # 逾期金额为0: a figure, nothing overdue
                    out.append(_Found(name, m.start(), z.end(), (m.start(), m.end()), zero))
                continue
            before_slot = text[rest.start():rest.end()]
            if pred.kind == "date" and not before_slot.strip("为是在于 ") and not re.match(r"\s*(年|[，,。；;])", before_slot):
                continue
            end = rest.end()
            # the slot itself, without trailing punctuation
            while end > m.end() and text[end - 1] in "，,。；;是就起":
                end -= 1
            out.append(_Found(name, m.start(), end, (m.start(), m.end()), None))
    for m in _FOUNDED_EMPTY.finditer(text, s0, s1):  # 于年设立
        out.append(_Found("founded", m.start(), m.end(), (m.start() + 2, m.end()), None))
    # keep the longest trigger per position (逾期金额 over 逾期)
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for f in out:
        if not any(k.start <= f.start < k.end for k in kept):
            kept.append(f)
    return kept


def _as_of(text: str, dates: list[Value], s0: int, found: list[_Found]) -> list[tuple[int, str, str]]:
    """Dates that say when a sentence's values hold, as (position, ISO): 截至2024年6月,
    2021年末，…, 2022年的2.4%, and a date opening a sentence that states figures (2022年，平台放款96亿元).
    Linear in the sentence: each date looks up the first figure after it by bisection."""
    out = []
    figures = sorted(f.value.start for f in found if f.value is not None and f.value.kind != "date")
    for d in dates:
        period = period_after(text, d.date, d.end, d.text)  # 2025年第三季度, 2024年上半年: the period's figures
        end = period[1] if period else d.end
        before = text[max(s0, d.start - 4):d.start]
        after = text[end:end + 1]
        i = d.start
        while i > s0 and text[i - 1].isspace() and not _CLAUSE_BREAK.match(text[i - 1]):
            i -= 1
        shown = bool(_SHOWN.search(text, max(s0, i - 4), i))  # 数据显示2019年7月…: the date of all the data say
        clause_opening = i == s0 or bool(_CLAUSE_BREAK.match(text[i - 1]))
        k = bisect.bisect_left(figures, end)
        figures_follow = k < len(figures)
        # a figure in the same clause: no clause break between the date and the first figure after it
        in_clause = figures_follow and _CLAUSE_BREAK.search(text, end, figures[k]) is None
        heads = after in "，,）)" or text.startswith(("全年", "年度"), end) or bool(_REPORTED.match(text, end))
        iso = period[0] if period else d.date if d.qualifier != "late" or "-" in (d.date or "") else f"{d.date}-12"
        since = _SINCE_BEFORE.search(before) and text.startswith(("起", "以来"), end)  # 自2020年9月起，…
        own = _clause_start(text, d.start, s0)
        k0 = bisect.bisect_left(figures, own)
        if _AS_OF_BEFORE.search(before) and k0 < len(figures) and figures[k0] < d.start and not in_clause:
            out.append((d.start, iso, "back"))  # 已达到1740万截至2025年3月31日: the clause's figures before it
            if not figures_follow:
                continue
        if _AS_OF_BEFORE.search(before) or (d.qualifier == "late" and after in "，,") or (since and figures_follow) or (
                figures_follow and (clause_opening or period or _REPORTED.match(text, end)) and heads) or (
                period and figures_follow and REPORT_AFTER.match(text, end)) or (shown and figures_follow):
            out.append((d.start, iso, "rest"))  # 截至2024年，…; 2022年，平台放款96亿元，…; 2025年第三季度财报…
        elif figures_follow and after == "的":
            out.append((d.start, iso, "next"))  # 较2023年末的3.8%
        elif figures_follow and (((clause_opening or period) and in_clause) or (text[d.start - 1:d.start] in "（(" and after in "）)")
                                 or (in_clause and _names_figure(text, end, found))):
            out.append((d.start, iso, "segment"))  # 2024年涉及X的投诉量为3,218件，…; 信披（2022年11月），…
    return out


_REPORTED_KINDS = ("money", "percent", "count", "multiple")
#: A clause with a time of its own, or another period's, is not the report's: 去年同期为5000万.
_OTHER_PERIOD = re.compile(r"去年|上年|同期|上一|上季|此前|当时|之前|以前|年初|今年|以来|历史|[年月日]")


def _reported(text: str, f: _Found, s0: int) -> bool:
    """Whether a figure stating no time of its own is one of the article's report: a figure (not a date,
    a name or a threshold) whose clause names no other time."""
    if f.value is None or f.value.kind not in _REPORTED_KINDS or f.predicate in PREDICATES and \
            PREDICATES[f.predicate].kind not in _REPORTED_KINDS:
        return False
    lo = _clause_start(text, f.value.start, s0)
    end = _CLAUSE_BREAK.search(text, f.value.end)
    return not _OTHER_PERIOD.search(text, lo, end.start() if end else len(text))


def _names_figure(text: str, end: int, found: list[_Found]) -> bool:
    """Whether a date ending at `end` is followed, within a few words and no event verb, by a figure:
    青松科技2024年营收为3亿元 (the year the figure is for, not the time of an event)."""
    at = min((f.value.start for f in found if f.value is not None and f.value.kind != "date" and f.value.start >= end),
             default=-1)
    return 0 <= at - end <= 8 and not _EVENT_VERB.search(text, end, at)


@dataclass(frozen=True)
class _Scopes:
    """A sentence's as_of dates (sorted), the starts of its non-date values and its semicolons,
    for `_holds_at` to answer each claim by bisection."""

    as_of: list[tuple[int, str, str]]
    positions: list[int]
    values: list[int]
    semicolons: list[int]


def _scopes(as_of: list[tuple[int, str, str]], found: list[_Found], text: str) -> _Scopes:
    ordered = sorted(as_of, key=lambda a: a[0])
    values = sorted(g.value.start for g in found if g.value is not None and g.value.kind != "date")
    lo = ordered[0][0] if ordered else 0
    hi = max((f.value.start if f.value is not None else f.start for f in found), default=lo)
    semicolons = [m.start() for m in re.finditer(r"[；;]", text[lo:hi])] if ordered else []
    return _Scopes(ordered, [a[0] for a in ordered], values, [lo + p for p in semicolons])


def _holds_at(as_of: list[tuple[int, str, str]], found: list[_Found], f: _Found, text: str = "",
              scopes: _Scopes | None = None) -> str | None:
    """The as_of of one claim: the last date before its value whose scope reaches it
    (`rest` of the sentence, the `segment` up to a semicolon, or the `next` value only).
    scopes: `_scopes(as_of, found, text)`, made once per sentence (else made here)."""
    if f.predicate in ("founded", "event_time", "headquarters", "launched", "renamed"):
        return None
    scopes = scopes or _scopes(as_of, found, text)
    at = f.value.start if f.value is not None else f.start
    for j in range(bisect.bisect_left(scopes.positions, at), len(scopes.positions)):
        pos, iso, scope = scopes.as_of[j]  # a date after the value, in its clause (…1740万截至2025年3月31日)
        if scope == "back" and _clause_start(text, pos, 0) <= at:
            return iso
    for j in range(bisect.bisect_left(scopes.positions, at) - 1, -1, -1):
        pos, iso, scope = scopes.as_of[j]
        if scope == "back":
            continue
        if scope == "next":
            k = bisect.bisect_right(scopes.values, pos)
            if k == len(scopes.values) or scopes.values[k] != at:
                continue
        if scope == "segment":
            k = bisect.bisect_left(scopes.semicolons, pos)
            if k < len(scopes.semicolons) and scopes.semicolons[k] < at:
                continue  # a segment ends at a semicolon
        return iso
    return None


class ClaimExtractor:
    """The `claim_extractor` component: finds claims and stores them on the Doc."""

    def __init__(self, nlp: Language, name: str = "claim_extractor"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norm: Normalized = doc._.norm or normalize(doc.text)
        layout = analyse(norm)
        dropped = find_dropped(norm.text)
        damage = find_damage(norm, dropped)
        entities = find_entities(norm.text, _title_text(norm.text, layout))
        doc.user_data["layout"] = layout
        doc.user_data["damage"] = damage
        doc.user_data["entities"] = entities
        text = norm.text
        article_id = content_id(norm.original)  # each claim's id: content_id(article_id, predicate, start, end)
        names = tuple(sorted({m[2] for m in entities.mentions} | set(entities.orgs), key=len, reverse=True))
        spans: list[Span] = []
        claims: list[Claim] = []  # each span's claim, in order (for `extract`: no extension look-ups)
        with_spans = doc.user_data.get("claim_spans", True)  # `extract` needs the claims only
        all_values = scan_values(text)
        value_starts = [v.start for v in all_values]
        relative = any(v.date and v.date.startswith("--") for v in all_values)  # 同年11月: _resolve_years
        all_empty = _empty_claims(text, 0, len(text))
        # where a role, court or profile claim can be (their cue words; a short line can be a field's label)
        name_cues = sorted(m.start() for cue in (role_words.HINT, court.CUE, profile.CUE) for m in cue.finditer(text))
        cells = _new_cells(table_cells(text), all_values)
        empty_starts = [f.start for f in all_empty]
        gappy = bool(dropped) or any(c in text for c in "[【?") or "作为" in text or _NAMELESS_HINT.search(text)
        last_date = None  # the last dated time written, for 当月/当年 in a later sentence
        report = report_period(text)  # the one period whose report the article is about (2025年第三季度财报)
        held = None  # (line, as_of) of the previous sentence, when a date held for all of it
        for s0, s1 in _sentences(text):
            line = layout.line_index(s0)  # (layout.kind_at, with the line kept for below)
            if line is None or s0 >= layout.lines[line].end or layout.lines[line].kind not in ("body", "title"):
                continue
            i0, i1 = bisect.bisect_left(value_starts, s0), bisect.bisect_left(value_starts, s1)
            values = [v for v in all_values[i0:i1] if v.end <= s1] if i1 > i0 else []
            if relative and values:
                values = _resolve_years(text, values, last_date)
            found, spare, dates = _sentence_claims(text, s0, s1, names, values) if values else ([], [], [])
            if _PLACE_HINT.search(text, s0, s1):
                found += _place_claims(text, s0, s1)
            if cells:
                found += [_cell_found(text, c) for c in cells if s0 <= c.start < s1]
            k = bisect.bisect_left(name_cues, s0)
            roles = find_roles(text, s0, s1, entities) + find_court(text, s0, s1) + \
                find_profile(text, s0, s1, entities) if s1 - s0 <= 9 or k < len(name_cues) and name_cues[k] < s1 else ()
            if roles:
                places = [(f.start, f.end) for f in found if f.predicate == "headquarters"]
                found += [_role_found(text, r) for r in roles if not any(a < r.end and r.start < b for a, b in places)]
            j0, j1 = bisect.bisect_left(empty_starts, s0), bisect.bisect_left(empty_starts, s1)
            empties = [f for f in all_empty[j0:j1] if f.end <= s1]
            if empties:
                taken = [(f.start, f.end) for f in found]
                found += [f for f in empties if not any(a < f.end and f.start < b for a, b in taken)]
            gaps = _gap_claims(text, s0, s1, dropped, names) if gappy else ()
            if gaps:
                taken = [(f.start, f.end) for f in found]
                found += [f for f in gaps if not any(a < f.end and f.start < b for a, b in taken)]
            as_of = _as_of(text, dates, s0, found) if dates else []
            if not as_of and last_date and (a := _ANAPHOR.match(text, s0)):
                at = last_date[:7] if a.group("month") else last_date[:4] if a.group("year") else last_date
                if not a.group("month") or len(last_date) >= 7:
                    as_of = [(s0, at, "rest")]
            if not as_of and last_date and found and (text.find("季", s0, s1) >= 0 or text.find("半年", s0, s1) >= 0) and \
                    (p := yearless_period(text, s0, min(f.start for f in found), last_date[:4])):
                as_of = [(p[0], p[1], "rest")]  # 第二季度，公司营收…: the year the text last named
            if not as_of and held and held[0] == line and (_DATA_SHOW.search(text, s0, s1) or not (
                    dates or _OWN_TIME.search(text, s0, s1))):  # (a paragraph of one report's figures)
                as_of = [(s0, held[1], "rest")]  # 截至6月，逾期率为4.1%。贷后数据显示，逾期金额为0。: the same data
            rest = [iso for _, iso, scope in as_of if scope == "rest" and iso]
            held = (line, rest[-1]) if rest else None
            if dates:
                last_date = next((d.date for d in reversed(dates) if d.date and d.date[0] != "-" and "/" not in d.date),
                                 last_date)
            if spare:
                # a date that says when figures hold can also be when something happened (2020年6月，公司完成增资，…)
                figures = sorted(f.value.start for f in found
                                 if f.value is not None and f.value.kind not in ("date", "name", "place", "text"))
                heads = {d.start for d in dates if _heads_story(text, d, s0, s1, figures)
                         or _SINCE_BEFORE.search(text, max(s0, d.start - 2), d.start)}  # 自2022年8月起未再还款
                state_only = {pos for pos, _, _ in as_of
                              if not _clause_has_event(text, pos, s0, s1) and pos not in heads}
                state_only -= {d.start for d in spare if d.qualifier == "range"}  # a period is a fact of its own
                found += [f for d in spare if d.start not in state_only and (f := _event(text, d, s0, s1, names))]
            if not found:
                continue
            lines = _lines_around(layout, line)
            scopes = _scopes(as_of, found, text)
            carry = None
            for f in sorted(found, key=lambda f: f.start):
                held_at = _holds_at(as_of, found, f, text, scopes) or (
                    report if report and not dates and _reported(text, f, s0) else None)
                claim = _make_claim(doc, norm, entities, damage, f, (s0, s1), held_at, lines, carry, article_id)
                carry = claim.subject or carry
                if not with_spans:  # (char_span below finds a span for every claim that starts in the text)
                    if f.start < len(text):
                        claims.append(claim)
                    continue
                span = doc.char_span(f.start, f.end, label=f.predicate, alignment_mode="expand")
                if span is not None:
                    span._.claim = claim
                    spans.append(span)
                    claims.append(claim)
        if layout.published_span and (claim := _publication_claim(norm, layout, entities, article_id)):
            p0, p1 = layout.published_span
            if not with_spans:
                if p0 < len(text):
                    claims.append(claim)
            elif (span := doc.char_span(p0, p1, label="publication_time", alignment_mode="expand")) is not None:
                span._.claim = claim
                spans.append(span)
                claims.append(claim)
        doc.spans["claims"] = spans
        doc.user_data["claims"] = claims
        return doc


#: A sentence ends at SENTENCE_END's punctuation (closing quotes and brackets stay with it) or a line break.
_SENTENCE_END = re.compile("[" + "".join(c for c in SENTENCE_END if c != "\n") + "]+[”’」』）)\\]】\"'》]*|\n")


def _sentences(text: str):
    """Sentence spans (normalised offsets): a sentence ends at 。！？! (closing quotes and brackets
    stay with it) and never crosses a line break; leading whitespace trimmed; an opening bracket
    or quote stays with the sentence it opens. (The same split as spaCy's sentencizer with these
    punctuation characters, done once on the text rather than token by token.)"""
    pos = 0
    bounds = []
    for m in _SENTENCE_END.finditer(text):
        bounds.append((pos, m.end()))
        pos = m.end()
    bounds.append((pos, len(text)))
    for s0, s1 in bounds:
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        while s1 > s0 and text[s1 - 1] in "\n\r":
            s1 -= 1
        if s0 < s1:
            yield s0, s1


def _title_text(text: str, layout: Layout) -> str:
    for line in layout.lines:
        if line.kind == "title":
            return text[line.start:line.end].strip()
    return ""


def _lines_around(layout: Layout, i: int) -> tuple[int, tuple[int, int] | None]:
    """The start of line `i` (of `layout.lines`), and the previous non-empty line's span."""
    prev = layout.lines[i - 1] if i > 0 else None
    return layout.lines[i].start, (prev.start, prev.end) if prev else None


def _make_claim(doc: Doc, norm: Normalized, entities: Entities, damage: list[Damage], f: _Found,
                sentence: tuple[int, int], as_of: str | None, lines: tuple[int, tuple[int, int] | None],
                carry: str | None = None, article_id: str = "") -> Claim:
    text = norm.text  # (Doc.text is rebuilt from the tokens at every call: never in a loop)
    s0, s1 = sentence
    at = f.value.start if f.value is not None else f.start
    # a date named by the event after it (2015年11月上线运营; 2013年，X诞生于…): whoever did it, as for event_time
    told = "event_time" if f.predicate in NAMED_EVENTS and f.value is not None and (
        f.trigger[0] > f.value.end or (f.predicate != "founded" and f.trigger[0] >= at)) else f.predicate
    subject = f.subject or entities.subject(text, told, text[f.trigger[0]:f.trigger[1]], at, sentence, *lines, carry)
    start, end = norm.to_original(f.start, f.end)
    t0, t1 = norm.to_original(*f.trigger) if f.trigger[1] > f.trigger[0] else (start, start)
    predicate_text = norm.unglossed(t0, t1) if t1 > t0 else label(f.predicate)
    v = f.value
    if v is not None:
        v0, v1 = norm.to_original(v.start, v.end)
        value = norm.unglossed(v0, v1)
    else:
        value = ""
    o0, o1 = norm.to_original(s0, s1)
    return Claim(
        claim_id=content_id(article_id, f.predicate, start, end) if article_id else "",
        subject=subject,
        predicate=f.predicate,
        predicate_text=predicate_text,
        value=value,
        number=v.number if v else None,
        number_max=v.number_max if v else None,
        unit=v.unit if v else None,
        qualifier=v.qualifier if v else None,
        date=v.date if v and v.kind == "date" else None,
        as_of=as_of,
        kind=f.claim_kind,
        empty=v is None,
        start=start,
        end=end,
        text=" ".join(part for part in (
            subject, predicate_text, f"{_qualifier_word(norm, f, t1) if v else ''}{value or EMPTY_MARK}") if part),
        sentence_start=o0,
        sentence_end=o1,
        flags=tuple(flags_for((start, end), damage)) if damage else (),
    )


def _qualifier_word(norm: Normalized, f: _Found, trigger_end: int) -> str:
    """The qualifier written between trigger and value (超過 of 已經超過了1億元), for the claim's text,
    when the value itself does not carry it."""
    v = f.value
    if v.qualifier in (None, "exact", "range") or f.trigger[1] > v.start:
        return ""
    words = [m for m in _QUALIFIER_WORDS.finditer(norm.text, f.trigger[1], v.start)
             if PRE_QUALIFIER[m.group()] == v.qualifier]
    if not words:
        return ""
    w0, w1 = norm.to_original(words[-1].start(), words[-1].end())
    return norm.original[w0:w1]


def _publication_claim(norm: Normalized, layout: Layout, entities: Entities, article_id: str = "") -> Claim | None:
    p0, p1 = layout.published_span
    v = next(iter(scan_values(norm.text[p0:p1], p0, dates_only=True)), None)
    if v is None:
        return None
    start, end = norm.to_original(p0, p1)
    line = next(line for line in layout.lines if line.start <= p0 < line.end)
    o0, o1 = norm.to_original(line.start, line.end)
    return Claim(content_id(article_id, "publication_time", start, end) if article_id else "",
                 entities.main or "", "publication_time", "发布时间", norm.original[start:end], v.number, None,
                 "year", "exact", layout.published, None, "date", False, start, end,
                 f"{entities.main or '文章'} 发布时间 {norm.original[start:end]}", o0, o1, ())


@Language.factory("claim_extractor")
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    """Factory of the claim extractor. RETURNS (ClaimExtractor)."""
    return ClaimExtractor(nlp, name)


def build_pipeline(segmenter: str | None = None, pkuseg_model: str | None = None) -> Language:
    """A `zh` pipeline: tokenizer, claim_extractor (which splits sentences itself).

    segmenter (str): "char" (default), "jieba", or "pkuseg". pkuseg_model (str): a
    spacy-pkuseg model directory; defaults to $CHECKER_PKUSEG_MODEL. Setting a
    model selects pkuseg. RETURNS (Language): the pipeline.
    """
    pkuseg_model = pkuseg_model or os.environ.get("CHECKER_PKUSEG_MODEL") or None
    segmenter = segmenter or os.environ.get("CHECKER_SEGMENTER") or ("pkuseg" if pkuseg_model else "char")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    if segmenter == "pkuseg":
        if not pkuseg_model:
            raise ValueError("the pkuseg segmenter needs a model directory (CHECKER_PKUSEG_MODEL)")
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
    nlp.add_pipe("claim_extractor")
    return nlp


@dataclass(frozen=True)
class Extraction:
    """An article and the claims found in it."""

    article: Article
    claims: list[Claim]
    body: str = ""  # normalised title and body lines, boilerplate left out (for near-duplicate search)


#: Articles longer than this (characters) are processed in pieces cut at line, sentence or clause
#: ends: spaCy refuses texts over `nlp.max_length` (E088), and a piece bounds the work per sentence.
PIECE_CHARS = 100_000


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) offsets cutting `text` into consecutive pieces of at most `size` characters,
    each ending at a line end if the last half of the window has one, else a sentence end, else a
    clause break, else anywhere. RETURNS (list): they cover the text exactly, in order."""
    out, start = [], 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        cut = text.rfind("\n", lo, hi) + 1
        for ends in (SENTENCE_END, "，,；;、"):
            if cut:
                break
            cut = max(text.rfind(ch, lo, hi) for ch in ends) + 1
        cut = cut or hi
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def extract(nlp: Language, text: str, name: str = "", encoding: str = "utf_8") -> Extraction:
    """Run the pipeline on an article's decoded text (in `pieces` when it is long; offsets are
    always into the whole text, and the title, date and main entity come from the first piece).

    nlp (Language): from `build_pipeline`. text (str): decoded original text. name (str): file name.
    RETURNS (Extraction): the article (with metadata and damage) and its claims, ids filled in.
    """
    if len(text) <= min(PIECE_CHARS, nlp.max_length):
        return _extract_whole(nlp, text, name, encoding)
    article_id = content_id(text)
    claims, damage, bodies, first = [], [], [], None
    for start, end in pieces(text, min(PIECE_CHARS, nlp.max_length)):
        part = _extract_whole(nlp, text[start:end], name, encoding)
        first = first or part
        for c in part.claims:
            shifted = {"start": c.start + start, "end": c.end + start,
                       "sentence_start": c.sentence_start + start, "sentence_end": c.sentence_end + start}
            cid = content_id(article_id, c.predicate, shifted["start"], shifted["end"])
            claims.append(Claim(**{**c.__dict__, **shifted, "claim_id": cid}))
        damage += [replace(d, start=d.start + start, end=d.end + start) for d in part.article.damage]
        bodies.append(part.body)
    article = replace(first.article, id=article_id, text=text, damage=tuple(damage))
    return Extraction(article, claims, "\n".join(bodies))


_WHITESPACE = re.compile(r"\s+")


def _make_doc(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`; for the character segmenter the same Doc built in one pass (spaCy's
    `get_words_and_spaces` re-slices the text for every character: quadratic in its length)."""
    if getattr(nlp.tokenizer, "segmenter", None) != "char" or len(text) > nlp.max_length:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in _WHITESPACE.finditer(text):
        s, e = m.span()
        words.extend(text[pos:s])  # every other character is a token of its own
        spaces.extend([False] * (s - pos))
        if s > pos and text[s] == " ":  # one space after a token is its trailing whitespace
            spaces[-1] = True
            s += 1
        if s < e:  # the rest of the run is a token
            words.append(text[s:e])
            spaces.append(False)
        pos = e
    words.extend(text[pos:])
    spaces.extend([False] * (len(text) - pos))
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _extract_whole(nlp: Language, text: str, name: str = "", encoding: str = "utf_8") -> Extraction:
    """`extract` for a text that fits in one Doc."""
    norm = normalize(text)
    # the claim component reads the normalised text (doc._.norm) and, asked for claims only, needs no
    # tokens: a Doc is tokenised only for other components
    doc = Doc(nlp.vocab) if nlp.pipe_names == ["claim_extractor"] else _make_doc(nlp, norm.text)
    doc._.norm = norm
    doc.user_data["claim_spans"] = False  # the claims are read from user_data: no spans to build
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    layout: Layout = doc.user_data["layout"]
    entities: Entities = doc.user_data["entities"]
    article_id = content_id(text)
    claims = list(doc.user_data["claims"])  # (their ids made from the same article_id)
    article = Article(article_id, name, text, encoding, title=layout.title, published=layout.published,
                      source=layout.source, main_entity=entities.main, damage=tuple(doc.user_data["damage"]),
                      meta=layout.meta)
    body = "\n".join(norm.text[line.start:line.end] for line in layout.lines if line.kind in ("title", "body"))
    return Extraction(article, claims, body)

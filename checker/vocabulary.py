"""The canonical predicates: what a claim can say about an entity.

Each predicate has a Chinese label, the kind of value it takes, and the trigger
phrases (in Simplified, as the extractor sees text) that introduce it. See
annotations/gold/GUIDELINES.md for the annotation rules built on this table.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Predicate:
    """name (str): canonical id. label (str): Chinese label. kind (str): value kind.
    triggers (tuple[str]): regex alternatives that introduce the value."""

    name: str
    label: str
    kind: str
    triggers: tuple[str, ...]


PREDICATES: dict[str, Predicate] = {p.name: p for p in [
    Predicate("founded", "成立于", "date",
              ("成立于", "成立在", "成立时间为", "成立时间是", "成立时间", "创立于", "创办于", "创建于", "设立于",
               "始创于", "注册成立于", "成立")),
    Predicate("headquarters", "总部位于", "place",
              ("总部位于", "总部设在", "总部设于", "总部坐落于", "总部在", "注册地为", "注册地在", "注册地", "住所地")),
    Predicate("registered_capital", "注册资本", "money", ("注册资本", "注册资金", "实缴资本")),
    Predicate("overdue_balance", "逾期余额", "money",
              ("逾期贷款余额", "逾期借款余额", "逾期本金余额", "逾期余额", "逾期贷款的余额", "逾期未还余额")),
    Predicate("overdue_amount", "逾期金额", "money",
              ("逾期金额", "逾期款项", "逾期本金", "逾期欠款", "逾期贷款金额", "逾期借款金额", "逾期总额",
               "逾期贷款", "逾期未还金额", "逾期未还本金", "逾期未还", "欠款总额", "欠款金额", "欠款", "逾期待还金额",
               "待还金额", "待还本金", "待还", "尚欠本金", "尚欠", "未兑付的本金", "未兑付本金", "逾期了", "逾期")),
    Predicate("overdue_rate", "逾期率", "percent", ("逾期率", "逾期比例", "逾期占比")),
    Predicate("overdue_duration", "逾期时长", "duration",
              ("逾期时间", "逾期时长", "逾期天数", "逾期期限", "逾期了", "逾期")),
    Predicate("overdue_count", "逾期笔数", "count",
              ("逾期笔数", "逾期人数", "逾期借款人数", "逾期用户", "逾期借款人", "逾期客户", "逾期账户", "逾期订单", "逾期借款",
               "逾期贷款")),
    Predicate("loan_amount", "放款规模", "money",
              ("累计放款", "累计借贷", "累计撮合", "放款金额", "放款规模", "放款总额", "贷款规模",
               "借款金额", "借贷总额", "累计借贷金额", "交易额", "成交额", "交易规模", "累计交易", "放款量",
               "撮合", "借款", "借了", "贷款", "出借了", "出借", "投了", "投资了")),
    # what is lent and not yet repaid at a time: not the volume lent (a platform's 86亿 balance and 2986亿 lent agree)
    Predicate("loan_balance", "贷款余额", "money",
              ("贷款余额", "借贷余额", "在贷余额", "放款余额", "借款余额", "信贷余额", "未偿余额", "未偿还贷款余额",
               "未偿贷款余额", "在贷规模")),
    Predicate("user_count", "用户数", "count",
              ("注册用户", "用户数", "用户规模", "用户总数", "服务用户", "累计用户", "活跃用户", "用户")),
    Predicate("borrower_count", "借款人数", "count",
              ("借款人数", "借款人总数", "累计服务借款人", "服务借款人", "借款用户", "借款人")),
    Predicate("interest_rate", "年化利率", "percent",
              ("年化利率", "年利率", "综合年化", "综合费率", "年化费率", "年化收益率", "日利率", "月利率", "(?<![毛净])利率", "年化",
               "IRR", "irr")),
    Predicate("penalty_rate", "罚息", "percent",
              ("罚息比例", "罚息利率", "罚息", "违约金比例", "违约金", "滞纳金")),
    Predicate("complaint_count", "投诉量", "count", ("投诉量", "投诉数", "投诉", "维权帖", "维权")),
    Predicate("bad_debt_rate", "坏账率", "percent", ("坏账率", "不良率", "不良贷款率")),
    # the events a platform has once, named by the clause after their date (2015年11月上线运营)
    Predicate("launched", "上线时间", "date", ("上线时间为", "上线时间是", "上线时间", "上线于")),
    Predicate("renamed", "更名时间", "date", ("更名时间为", "更名时间", "更名于")),
    Predicate("event_time", "事件时间", "date", ()),
    Predicate("publication_time", "发布时间", "date", ()),
]}

#: Dates named by what happened then (vocabulary of `predicates.event_name`): whoever did it is the subject.
NAMED_EVENTS = ("launched", "renamed", "founded")


def label(predicate: str) -> str:
    """The Chinese label of a predicate, or the id itself when unknown."""
    p = PREDICATES.get(predicate)
    return p.label if p else predicate


_BY_PHRASE: dict[str, str] = {}
for _p in PREDICATES.values():
    for _t in (_p.label, *_p.triggers):
        if len(_t) >= 3 or _t == _p.label:
            _BY_PHRASE.setdefault(_t, _p.name)
_ACCEPTS = {"quantity": ("money", "count")}


def canonical(phrase: str, kind: str | None = None) -> str | None:
    """The canonical predicate an open phrase names (成立时间 -> founded, 逾期金额 -> overdue_amount),
    if its value kind fits; None when the phrase is its own predicate."""
    name = _BY_PHRASE.get(phrase)
    if name is None:
        return None
    if kind and PREDICATES[name].kind not in _ACCEPTS.get(kind, (kind,)):
        return None
    return name


#: Open phrases that name one fact in other words, so that articles phrasing it differently group:
#: a court's sentence (获刑10年 = 被判处有期徒刑十年), fine (处罚金 = 罚金) and a company's results.
SAME_FACT = {
    "获刑": "有期徒刑", "被判有期徒刑": "有期徒刑", "被判处有期徒刑": "有期徒刑", "判处有期徒刑": "有期徒刑",
    "判有期徒刑": "有期徒刑", "处有期徒刑": "有期徒刑",
    "处罚金": "罚金", "并处罚金": "罚金", "判处罚金": "罚金", "被处罚金": "罚金",
    # a company's results as the press names them: 营业收入 = 营收 = 净营收, 净利 = 净利润
    "营业收入": "营收", "净营收": "营收", "总营收": "营收", "营业总收入": "营收", "净利": "净利润",
}


def open_name(phrase: str) -> str:
    """The one name of an open phrase that `SAME_FACT` knows under another (获刑 -> 有期徒刑)."""
    return SAME_FACT.get(phrase, phrase)

"""Descriptive facts of company and person profiles that a checker can verify: a standing (是中国最大的X,
某省首家X) or a record (创下…最低纪录), a new registered name (更名为“X有限公司”), an English name (青松科技(Pine Tech)),
a stock code (纽约证券交易所代码:ABC), a licence held (持有“X牌照”), a
person's credentials (某大学法学教授, 某公司法人), an accused's schooling (汉族，初中文化) and where a
company is (……，位于某省某市某区。).

`find_profile` reads one sentence of normalised text and returns `Role` records, like `roles.find_roles`.
"""
from __future__ import annotations

import re

from .entities import REGIONS, Entities
from .normalize import HAN
from .roles import Role

_SCOPE = rf"中国|国内|全国|全球|世界|亚洲|美国|(?:{REGIONS})(?:省|市)?"
#: 是中国最大的X, 原美国最大网贷平台, 是某省首家X, 是首家X: a standing (with its scope; without one only a
#: first or only one, not 是最大的风险; "之一" is no standing); 创下上市以来单季营收最低纪录: a record
_STANDING = re.compile(rf"(?:(?P<is>是|为|成为|系|曾是|原)?(?P<scope>{_SCOPE})(?:规模|目前|当时)?(?P<value>最大|最早|首家|第一家|唯一一家|最大一家)"
                       rf"|(?:是|为|成为|系|曾是)(?:目前|当时)?(?P<value2>首家|第一家|唯一一家))"
                       rf"(?P<what>的?[{HAN}A-Za-z0-9]{{0,14}}?)(?=[，,。；;!！?？\s]|$|[A-Za-z])"
                       rf"|创(?:下|出|造)了?(?P<record>[^，,。；;]{{2,20}}?(?:新高|新低|最高纪录|最低纪录|纪录|记录))")
_NEGATED = re.compile(r"未|没有|没|无|不|尚未")
_STANDING_CUE = re.compile(r"最大|最早|首家|第一家|唯一一家|创下|创出|创造")
_ONE_OF = re.compile(r"[^，,。；;]{0,20}?之一")
#: 更名为“X有限公司”: a registered name (a brand's new name is left: pages call many things renamed)
_RENAMED = re.compile(rf"更名(?:为)?\s*[“\"「]?\s*(?P<value>[{HAN}A-Za-z()（）]{{2,30}}?(?:有限责任公司|有限公司))")
#: 青松科技(Pine Tech): an English name in brackets after a name (a word with small letters, not CEO or P2P)
_ENGLISH = re.compile(r"(?<=[\u4e00-\u9fff])[(（](?P<value>[A-Z][A-Za-z&.\-]*(?: [A-Za-z&.\-]+){0,4})[)）]")
#: 纽约证券交易所代码:ABC, 港交所股票代码为1234
_LATIN_BRACKET = re.compile(r"\([A-Z]|（[A-Z]")
_TICKER = re.compile(r"(?:纽约证券交易所|纽交所|纳斯达克|港交所|香港联交所|联交所|上交所|深交所|北交所)(?:股票)?代码\s*(?:为|是|[:：])?\s*"
                     r"(?P<value>[A-Z]{2,5}|\d{4,6})(?![A-Za-z\d])")
#: 持有“全国性小额贷款牌照”, 获得了支付牌照
_LICENCE = re.compile(rf"(?:持有|获得|取得|拿到|获批|拥有|具备)了?[^，,。；;“\"「]{{0,8}}?"
                      rf"(?P<value>[“\"「][^”\"」]{{2,20}}?牌照[”\"」]|[{HAN}A-Za-z0-9]{{2,16}}?牌照)")
#: 王某，某大学法学博士，某律师事务所律师: credentials opening a clause (an institution, then a title)
_CREDENTIAL = re.compile(
    rf"(?:(?<=[，,、；;])|^)\s*(?P<value>[{HAN}]{{2,20}}?(?:大学|学院|律师事务所|研究院|研究所|研究中心|有限公司|有限责任公司)"
    rf"[{HAN}]{{0,4}}?(?:博士|硕士|教授|副教授|讲师|研究员|律师|合伙人|主任|院长|所长|法人|法定代表人|董事长|总经理|股东))(?=[，,。；;、\s]|$)")
#: 被告人王某，男，汉族，初中文化，无业: an accused's schooling
_SCHOOLING = re.compile(r"族[，,]\s*(?P<value>(?:小学|初中|高中|中专|中技|大专|大学|本科|研究生|硕士|博士)(?:文化|学历|肄业|毕业)?)(?=[，,。；;])")
#: ……，位于某省某市某区。: where the subject of the sentence is
_LOCATED = re.compile(rf"(?:(?<=[，,。])|^)位于(?P<place>(?:{REGIONS})[^，,。；;\s]{{0,14}}?)(?=[，,。；;]|$)")
#: 赶赴杭州总部, 杭州网贷平台“青松贷”: where a company is based, said before it
_BASED = re.compile(rf"(?<![位于在设落坐])(?P<place>(?:{REGIONS})(?:省|市)?)(?:的)?(?:(?P<hq>总部)|(?:P2P|网贷|网络借贷|互联网金融|互金|理财)+平台(?=[“\"「]))")
#: 由某省政府批复设立: the authority that approved a company's founding
_APPROVED = re.compile(rf"由(?P<value>[{HAN}]{{2,16}}?(?:人民政府|政府|国务院|办公厅|金融办|金融局|监管局|银保监会|银监会|证监会|人民银行|央行))"
                       rf"(?:批复|批准|核准)(?:设立|成立)")
CUE = re.compile(r"最大|最早|首家|第一家|唯一一家|创下|创出|创造|更名|\([A-Z]|（[A-Z]|代码|牌照|有限|大学|学院|事务所|研究|族[，,]\s*[小初高中大本研硕博]|位于|总部|平台[“\"「]|批复|批准|核准")


def find_profile(text: str, s0: int, s1: int, entities: Entities) -> list[Role]:
    """The profile claims of the sentence text[s0:s1] (normalised offsets)."""
    if not CUE.search(text, s0, s1):
        return []
    sentence = text[s0:s1]
    out: list[Role] = []
    for m in _STANDING.finditer(text, s0, s1) if _STANDING_CUE.search(sentence) else ():
        if m.group("record"):
            out.append(Role("纪录", m.start(), m.end(), m.span("record"), "text"))
        elif not (m.group("what") or "").endswith("之一") and not _ONE_OF.match(text, m.end(), s1) and \
                text.find(text[m.start():m.end()]) == m.start():  # a sentence repeated states it once
            start = m.start("scope") if m.group("scope") else m.start("value2")
            out.append(Role("排名", m.start(), m.end(), (start, m.end()), "text"))
    simple = ((_RENAMED, "现名", "更名"), (_TICKER, "股票代码", "代码"), (_LICENCE, "牌照", "牌照"),
              (_SCHOOLING, "文化程度", "族"))
    for pattern, predicate, cue in simple:
        for m in pattern.finditer(text, s0, s1) if cue in sentence else ():
            if _NEGATED.search(text, max(s0, m.start() - 3), m.start()):
                continue  # 未取得…牌照: not held
            out.append(Role(predicate, m.start(), m.end(), m.span("value"), "text"))
    for m in _ENGLISH.finditer(text, s0, s1) if _LATIN_BRACKET.search(sentence) else ():
        if any(c.islower() for c in m.group("value")):
            name, at = entities.mention_before(m.start(), max(s0, m.start() - 16))
            out.append(Role("英文名", m.start(), m.end(), m.span("value"), "text",
                            subject=name if name and at + len(name) == m.start() else None))
    for m in _CREDENTIAL.finditer(text, s0, s1) if any(w in sentence for w in ("大学", "学院", "事务所", "研究", "有限")) else ():
        out.append(Role("身份", m.start("value"), m.end(), m.span("value"), "text"))
    for m in _BASED.finditer(text, s0, s1) if "总部" in sentence or "平台" in sentence else ():
        out.append(Role("headquarters" if m.group("hq") else "所在地", m.start(), m.end(), m.span("place"), "place"))
    for m in _APPROVED.finditer(text, s0, s1) if "由" in sentence and ("设立" in sentence or "成立" in sentence) else ():
        out.append(Role("批准机关", m.start(), m.end(), m.span("value")))
    for m in _LOCATED.finditer(text, s0, s1) if "位于" in sentence else ():
        out.append(Role("所在地", m.start(), m.end(), m.span("place"), "place"))
    return out

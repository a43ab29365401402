"""Details of court reports and judgments: case and document numbers, charges, the court or
prosecutor in its role, and the ruling's outcome.

`find_court` reads one sentence of normalised text and returns `Role` records (kind `text` for
numbers, charges and outcomes, `name` for authorities), like `roles.find_roles`: (2019)京0105民初12345号 -> 案号, 犯集资诈骗罪 -> 罪名, 某市中级人民法院审理
-> 审理法院, 某市人民检察院提出抗诉 -> 抗诉机关, 撤销原判，发回重审 -> 裁判结果.
"""
from __future__ import annotations

import re

from .normalize import HAN
from .roles import Role

#: A case or document number: (2019)京0105民初12345号, (2014)某刑初字第20号, 某检公诉刑诉[2014]605号:
#: its year in brackets, then its court's code and serial (or, before the brackets, its issuer's code)
_YEAR = re.compile(r"[(〔\[](?:19|20)\d\d[)〕\]]")
_SERIAL = re.compile(rf"[{HAN}\d]{{0,12}}?第?\d{{1,6}}号")
_HAN_CHAR = re.compile(f"[{HAN}]")
_ISSUER = re.compile(rf"[{HAN}]{{2,12}}$")
#: 检察院以某检公诉刑诉[2014]605号: the number starts after the last linking word before its bracket
_CASE_LEAD = re.compile(r".*(?:以|依|据|按|的|作出|出具|院|局)(?=.{2})")
#: 犯集资诈骗罪, 被告人甲、乙犯非法吸收公众存款罪、集资诈骗罪, 改判为集资诈骗罪: a charge in a verdict or an
#: indictment. (涉嫌… alone is left: news repeats the suspicion in every report.)
_CHARGE = re.compile(rf"(?:(?<![侵触冒进再主从嫌共要案正首])犯|改判为|认定为|罪名为)"
                     rf"(?P<charge>[{HAN}]{{2,14}}?罪)")
_MORE = re.compile(rf"[、和及](?:部分(?:被告人)?犯)?(?P<charge>[{HAN}]{{2,14}}?罪)")  # …罪、集资诈骗罪
_CASE_TITLE = re.compile(r"一审|二审|再审|刑事|判决|裁定")  # 某甲犯诈骗罪一审刑事判决书: a case's title
_NOT_A_CHARGE = re.compile(r"^(?:犯|违法|刑事|经济|网络|其他|其它|前款|本款|上述|下列|[该此本各多数])|犯罪|罪.")
#: 以涉嫌非法吸收公众存款案对某公司立案侦查: the charge a case was opened on (a police notice's words; news
#: retelling a suspicion, 涉嫌…被立案, is left)
_FILED = re.compile(rf"涉嫌(?P<charge>[{HAN}、]{{2,16}}?)案(?:[^，,。；;]{{0,20}}?)立案")
#: A court or procuratorate: 某省高级人民法院, 某市某区人民检察院, 某省高院
_AUTHORITY = rf"[{HAN}]{{2,20}}?(?:人民法院|人民检察院|高院|中院)"
#: The authority acting at a clause's start (某市中级人民法院审理…, 宣判后，某市人民检察院提出抗诉),
#: after 公诉机关, or after the instance (二审某高院)
_ACTING = re.compile(rf"(?:(?<=[，,。；;：:\n])|^)\s*(?P<auth>{_AUTHORITY})(?:依法)?(?P<act>审理|重新审理|提出抗诉|提起公诉)"
                     rf"|(?:原)?公诉机关\s*(?P<auth2>{_AUTHORITY})"
                     rf"|(?:一审|二审|再审|终审)(?:法院)?(?P<auth3>[{HAN}]{{2,12}}?(?:高级人民法院|中级人民法院|人民法院|高院|中院))")
#: A judgment's heading: a line that is only the court's name
_HEADING = re.compile(rf"\s*(?P<auth>[{HAN}]{{2,20}}(?:人民法院|人民检察院))\s*")
#: The outcome of an appeal or a retrial
_OUTCOME = re.compile(r"撤销原判[，,]\s*发回重审|驳回上诉[，,]\s*维持原判|准许撤回上诉|改判无罪|不开庭审理")
CUE = re.compile(r"号|罪|院|上诉|原判|开庭|立案")


def find_court(text: str, s0: int, s1: int) -> list[Role]:
    """The court-report claims of the sentence text[s0:s1] (normalised offsets)."""
    if not CUE.search(text, s0, s1):
        return []
    out: list[Role] = []
    sentence = text[s0:s1]
    for m in _YEAR.finditer(text, s0, s1) if "号" in sentence else ():
        serial = _SERIAL.match(text, m.end(), s1)
        if serial is None:
            continue
        start = m.start()
        if not _HAN_CHAR.search(serial.group()[:-1]):  # 某检公诉刑诉[2014]605号
            issuer = _ISSUER.search(text, max(s0, start - 12), start)
            if issuer is None:
                continue
            lead = _CASE_LEAD.match(issuer.group())
            start = issuer.start() + (lead.end() if lead else 0)
        if text.find(text[start:serial.end()]) < start:
            continue  # a number repeated (a judgment's heading, then its text) is one claim
        out.append(Role("案号", start, serial.end(), (start, serial.end()), "text"))
    done = s0
    for m in _CHARGE.finditer(text, s0, s1) if "罪" in sentence else ():
        if m.start() < done or _NOT_A_CHARGE.search(m.group("charge")) or _CASE_TITLE.match(text, m.end()) or text.find(m.group()) < m.start():
            continue
        while m:
            out.append(Role("罪名", m.start(), m.end(), m.span("charge"), "text"))
            done = m.end()
            m = _MORE.match(text, m.end(), s1)
            m = m if m and not _NOT_A_CHARGE.search(m.group("charge")) else None
    for m in _FILED.finditer(text, s0, s1) if "立案" in sentence else ():
        if not _NOT_A_CHARGE.search(m.group("charge")):
            out.append(Role("罪名", m.start(), m.end("charge") + 1, m.span("charge"), "text"))
    if s1 - s0 < 30 and (h := _HEADING.fullmatch(text, s0, s1)):
        out.append(Role("审理法院", h.start("auth"), h.end("auth"), h.span("auth")))
    for m in _ACTING.finditer(text, s0, s1) if "院" in sentence else ():
        key = next(k for k in ("auth", "auth2", "auth3") if m.group(k))
        act = m.group("act") or ""
        predicate = ("公诉机关" if key == "auth2" or act == "提起公诉" else "抗诉机关" if act == "提出抗诉" else "审理法院")
        out.append(Role(predicate, m.start(key), m.end(), m.span(key)))
    for m in _OUTCOME.finditer(text, s0, s1) if any(w in sentence for w in ("原判", "上诉", "无罪", "开庭")) else ():
        out.append(Role("裁判结果", m.start(), m.end(), m.span(), "text"))
    return out

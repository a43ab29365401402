"""Names and places in checkable roles: who founded, controls or runs an entity, who it belongs
to, what else it is called, where it was founded, registered, listed or born.

`find_roles` reads one sentence of normalised text and returns `Role` records; the extractor
turns each into a claim whose value is a name or a place (kind `name` or `place`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import REGIONS, SURNAMES, Entities
from .normalize import HAN

ROLE_WORDS = ("联合创始人|创始人|创办人|实际控制人|实控人|董事长|总经理|法定代表人|法人代表|首席执行官|CEO|总裁|副总裁|"
              "董事|负责人|行长|主席|大股东|控股股东")
_PERSON = rf"[{SURNAMES}](?:某某|某|[{HAN}]{{1,2}}?)"
#: 实际控制人丁宁, 法定代表人为余军, 创始人：唐军
_ROLE_NAME = re.compile(rf"(?P<role>{ROLE_WORDS})(?:为|是|[:：]\s*)?(?P<name>{_PERSON})"
                        rf"(?=等|与|和|及|在|于|的|曾|是|为|称|表示|说|因|被|已|涉嫌|将|已经|，|,|。|、|（|\(|$|\d|早|一|先生|女士|自)")
#: X的创始人 (the name given elsewhere in the sentence): 周世平…就是红岭创投的创始人
_ORG_ROLE = re.compile(rf"的(?P<role>{ROLE_WORDS})(?![{SURNAMES}][{HAN}])")
#: 周世平与其夫人一起建立了…: the person who founded it
_FOUNDER = re.compile(rf"(?P<name>{_PERSON})(?:与[^，,。]{{1,8}}?)?(?:一起|共同)?(?:创立|创办|建立|创建|成立)了?")
#: 微粒贷(微众银行), 拍拍贷(上市主体信也科技), 360借条(奇富借条)
_PAREN = re.compile(rf"[(（](?P<label>上市主体|运营主体|运营方|运营公司|前身|原名|现名|母公司|主体)?(?:为|是|:|：)?"
                    rf"(?P<value>[{HAN}A-Za-z0-9]{{2,20}})[)）]")
#: 清华大学旗下P2P网贷平台道口贷; 是红岭创投电子商务股份有限公司旗下的
_UNDER = re.compile(rf"(?P<owner>[{HAN}A-Za-z0-9]{{2,24}}?)旗下")
_RUN_BY = re.compile(rf"由(?P<value>[{HAN}A-Za-z0-9]{{2,24}}?(?:公司|集团|银行|金融|科技))(?:负责)?(?:运营|主办|控股|发起)")
_PLACE = rf"(?:(?:{REGIONS})(?:省|市|自治区|县|区)?){{1,3}}"
_PLACED = re.compile(
    rf"(?P<trigger>成立于|创立于|创办于|注册于|注册地(?:为|在|是)?|生于|出生于|出生在|落户于?|落户在)(?P<place>{_PLACE})"
    rf"|(?P<place2>{_PLACE})的注册(?:企业|公司)"
    rf"|(?:在|于|登陆|登录)?(?P<exchange>纽交所|港交所|纳斯达克|上交所|深交所|北交所|新三板|科创板|创业板|纽约证券交易所|"
    rf"香港联交所)(?:挂牌)?上市|挂牌(?P<exchange2>新三板|科创板|创业板)"
)
_PLACE_PREDICATE = {"成立于": "成立地", "创立于": "成立地", "创办于": "成立地", "注册于": "注册地", "生于": "出生地",
                    "出生于": "出生地", "出生在": "出生地"}
_NOT_A_NAME = re.compile(r"^(?:以下简称|简称|下称|化名|注|图|见|含|不含|约|即|包括|下同|同比|环比)")


@dataclass(frozen=True)
class Role:
    """predicate (str): the role (创始人, 运营方, 成立地…). start, end (int): the evidence.
    value (tuple[int, int]): the name or place. kind (str): name or place.
    subject (str|None): whom it is about when the sentence says so (the name before the brackets)."""

    predicate: str
    start: int
    end: int
    value: tuple[int, int]
    kind: str = "name"
    subject: str | None = None


#: Any of these makes a role claim possible; a sentence without one is skipped at once.
_HINT = re.compile(rf"[(（]|旗下|由|一起|共同|创立|创办|建立|创建|成立于|注册|生于|出生|落户|上市|挂牌|{ROLE_WORDS}")


def find_roles(text: str, s0: int, s1: int, entities: Entities) -> list[Role]:
    """The role claims of the sentence text[s0:s1] (normalised offsets)."""
    out: list[Role] = []
    if not _HINT.search(text, s0, s1):
        return out
    for m in _ROLE_NAME.finditer(text, s0, s1):
        out.append(Role(m.group("role"), m.start(), m.end("name"), m.span("name")))
    for m in _ORG_ROLE.finditer(text, s0, s1):
        person, at = entities.person_before(m.start(), s0)
        if person:
            owner, owner_at = entities.mention_before(m.start(), s0)
            out.append(Role(m.group("role"), owner_at if owner_at > at else m.start(), m.end(), (at, at + len(person)),
                            subject=owner if owner and owner != person else None))
    for m in _FOUNDER.finditer(text, s0, s1):
        if any(s <= m.start("name") < e for s, e, _ in entities.people):
            owner = next((n for a, _, n in entities.mentions if m.end() <= a < s1), None)
            out.append(Role("创始人", m.start(), m.end(), m.span("name"), subject=owner))
    for m in _PAREN.finditer(text, s0, s1):
        before, at = entities.mention_before(m.start(), max(s0, m.start() - 24))
        value = m.group("value")
        if not before or at + len(before) != m.start() or _NOT_A_NAME.match(value) or value.isdigit():
            continue
        label = m.group("label")
        if label:
            predicate = label
        elif any(value.endswith(x) for x in ("银行", "金融", "公司", "集团", "科技", "控股", "消费金融")):
            predicate = "运营方"
        elif any(value.endswith(x) for x in ("借条", "贷", "花", "呗", "宝", "金条")):
            predicate = "别名"
        else:
            continue
        out.append(Role(predicate, at, m.end(), m.span("value"), subject=before))
    for m in _UNDER.finditer(text, s0, s1):
        owner, at = entities.mention_before(m.end() - 2, m.start())
        if owner and at + len(owner) == m.end() - 2:
            out.append(Role("所属机构", at, m.end(), (at, at + len(owner))))
    for m in _RUN_BY.finditer(text, s0, s1):
        out.append(Role("运营方", m.start(), m.end(), m.span("value")))
    for m in _PLACED.finditer(text, s0, s1):
        if m.group("place"):
            out.append(Role(_PLACE_PREDICATE.get(m.group("trigger"), "注册地"), m.start(), m.end(), m.span("place"),
                            "place"))
        elif m.group("place2"):
            out.append(Role("注册地", m.start(), m.end(), m.span("place2"), "place"))
        else:
            key = "exchange" if m.group("exchange") else "exchange2"
            out.append(Role("上市地点", m.start(), m.end(), m.span(key), "place"))
    return out

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
              "首席财务官|首席运营官|首席技术官|首席风险官|CFO|COO|CTO|"
              "董事|负责人|行长|主席|大股东|控股股东|唯一股东|第一大股东|代言人|审判长|审判员|人民陪审员|书记员|检察员|"
              "检察官|公诉人|分析师|研究员|首席经济学家|经济学家")
_PERSON = rf"[{SURNAMES}](?:某某|某|[{HAN}]{{1,2}}?)"
_ROLES = rf"(?:{ROLE_WORDS})(?:兼(?:{ROLE_WORDS}))*"  # 董事长兼CEO
_NAME_END = r"(?=等|与|和|及|在|于|的|曾|是|为|称|表示|说|认为|指出|介绍|透露|坦言|告诉|向|对|也|还|则|如|因|被|已|涉嫌|将|已经|，|,|。|、|（|\(|\s|$|\d|早|一|先生|女士|自)"
#: 实际控制人丁宁, 法定代表人为余军, 创始人：唐军, 董事长兼CEO郭某
_ROLE_NAME = re.compile(rf"(?P<role>{_ROLES})(?:为|是|[:：]\s*)?(?P<name>{_PERSON}){_NAME_END}")
#: 董事长郑林国腾挪…: no word marks the name's end, so a full three-character name is read
_ROLE_NAME3 = re.compile(rf"(?P<role>{_ROLES})(?:为|是|[:：]\s*)?(?P<name>[{SURNAMES}][{HAN}]{{2}})")
#: 、李某、赵某: more names after a role's first one (董事王某、李某)
_MORE_NAMES = re.compile(rf"(?:[、和及与]{_PERSON}(?=[、和及与等，,。；;\s均都也被已将在于的（(]|分别|共同|$))+")
#: 高管王某、李某, 出借人代表赵某、孙某: words that take a role only before a list of names
_LIST_ROLE = re.compile(rf"(?P<role>高管|高级管理人员|股东|合伙人|(?:参与人|投资人|出借人|债权人|受害人)代表)(?:为|是|包括|[:：])?"
                        rf"(?P<name>{_PERSON})(?=[、和及与])")
#: 王某、李某等人作为代言人: the names before the role
_NAMES_AS_ROLE = re.compile(rf"(?P<name>{_PERSON}(?:、{_PERSON})+)等?人?(?:作为|担任)(?:[^，,。]{{0,10}}的)?(?P<role>{ROLE_WORDS})")
#: 主要股东包括甲有限公司、乙有限公司; 大股东已变更为丙投资有限公司: organisations as shareholders
_ORG_ITEM = rf"[{HAN}A-Za-z0-9()（）]{{2,30}}?(?:有限责任公司|有限公司|公司|集团|企业|银行|基金|合伙企业)(?:[(（][^)）]{{1,12}}[)）])?"
_HOLDERS = re.compile(rf"股东(?:已|现已)?(?:包括|包含|为|是|有|变更为)(?:[{HAN}]{{1,4}}的)?(?P<value>{_ORG_ITEM}(?:[、和及与]{_ORG_ITEM})*)")
_HOLDER_KIND = re.compile(r"(?:主要|初期|原|新|第一大|控股|唯一|大)$")
#: 甲有限公司(以下简称“甲”)是其唯一股东: the role after the company that holds it
_HOLDER_ROLE = re.compile(r"唯一股东|控股股东|第一大股东|大股东|母公司|实际控制人")
_HOLDER_LEAD = re.compile(rf"(?:是|为|系)(?:其|该公司|[{HAN}]{{2,8}}的)$")
#: 法人为王某 (a company's legal representative, said short)
_LEGAL = re.compile(rf"法人(?:为|是|[:：]\s*)(?P<name>{_PERSON}){_NAME_END}")
#: 作为青松贷实控人，王某…: the role, then the name after a comma
_AS_ROLE = re.compile(rf"作为(?P<org>[^，,。；;、]{{2,20}}?)的?(?P<role>{ROLE_WORDS})[，,]\s*(?P<name>{_PERSON}){_NAME_END}")
#: 王某作为某公司的法定代表人
_NAME_AS_ROLE = re.compile(rf"(?P<name>{_PERSON})作为(?P<org>[^，,。；;、]{{2,24}}?)的(?P<role>{ROLE_WORDS})")
#: X的创始人 (the name given elsewhere in the sentence): 周世平…就是红岭创投的创始人
_ORG_ROLE = re.compile(rf"的(?P<role>{ROLE_WORDS})(?![{SURNAMES}][{HAN}])")
#: 周世平与其夫人一起建立了…: the person who founded it
_FOUNDER = re.compile(rf"(?P<name>{_PERSON})(?:与[^，,。]{{1,8}}?)?(?:一起|共同)?(?:创立|创办|建立|创建|成立)了?")
#: 微粒贷(微众银行), 拍拍贷(上市主体信也科技), 360借条(奇富借条)
_PAREN = re.compile(rf"[(（](?P<label>上市主体|运营主体|运营方|运营公司|前身|原名|现名|母公司|主体)?(?:为|是|:|：)?"
                    rf"(?P<value>[{HAN}A-Za-z0-9]{{2,20}})[)）]")
#: X旗下Y when X is no known entity: a short name after a clause mark, when Y is typed (旗下P2P网贷平台Y)
#: or named in full (旗下Y(Y有限公司)); a title repeating "X旗下Y出现逾期" says neither
_OWNER_NAME = re.compile(rf"(?:(?<=[。、，,；;:：(（“\s])|^)[{HAN}A-Za-z]{{2,8}}$")
_OWNED = re.compile(rf"(?:的)?(?:(?:P2P|网贷|网络借贷|互联网金融|理财|借贷|信贷|消费金融|金融)+(?:平台|产品)"
                    rf"|[{HAN}A-Za-z0-9]{{2,8}}[(（][{HAN}A-Za-z()（）]{{2,30}}?(?:有限责任公司|有限公司)[)）])")
_NOTHING_OWNED = re.compile(r"(?:拥有|有|共有|包括|设有)(?:多|几|数|若干|众多|不少|[一二三四五六七八九十两\d]+)")
_RUN_BY = re.compile(rf"由(?P<value>[{HAN}A-Za-z0-9]{{2,24}}?(?:公司|集团|银行|金融|科技))(?:负责)?(?:运营|主办|控股|发起)")
_PLACE = rf"(?:(?:{REGIONS})(?:省|市|自治区|县|区)?){{1,3}}|开曼群岛|英属维尔京群岛|维尔京群岛|百慕大|新加坡|美国|英国"
_PLACED = re.compile(
    rf"(?P<trigger>成立于|创立于|创办于|注册于|注册地(?:为|在|是)?|生于|出生于|出生在|落户于?|落户在)(?P<place>{_PLACE})"
    rf"|(?P<place2>{_PLACE})的注册(?:企业|公司)"
    rf"|(?:在|于|登陆|登录)?(?P<exchange>纽交所|港交所|纳斯达克|上交所|深交所|北交所|新三板|科创板|创业板|纽约证券交易所|"
    rf"香港联交所)(?:挂牌)?上市|挂牌(?P<exchange2>新三板|科创板|创业板)"
    rf"|在(?P<exchange3>美国|美|香港|港|纽约|新加坡|英国|伦敦)(?:挂牌)?上市"  # 在美上市的: a country (美股 is a market)
)
#: 办公地位于…, 营业场所设在…, 地址：…, 户籍地…, 现押于…: an address, up to the clause's end
_ADDRESS = re.compile(
    r"(?P<trigger>办公地点|办公地址|办公地|办公室|经营地址|经营场所|营业场所|营业地址|注册地址|地址|户籍所在地|户籍地|户籍|"
    r"羁押于|押于|关押于|羁押在|关押在)(?:目前|现)?(?:位于|设在|设于|隐藏在|搬到|迁至|在|为|是)?\s*[:：]?\s*"
    r"(?P<place>[^，,。；;！!？?\s“”\"]{2,40}?)(?=[，,。；;！!？?\s“”\"]|$)")
#: Court records introduce each accused by native place and residence: 被告人王某，浙江省温州市人，现住温州市鹿城区
_NATIVE = re.compile(rf"[，,]\s*(?P<place>(?:{REGIONS})[{HAN}]{{0,10}}?(?:省|市|县|区|旗|州))人(?=[，,。；;]|$)")
_RESIDENCE = re.compile(rf"[，,]\s*(?:现)?住(?:址|所)?(?:在|于)?[:：]?\s*(?P<place>(?:{REGIONS})[^，,。；;\s]{{1,30}}?)(?=[，,。；;\s]|$)")
_ADDRESS_MARK = re.compile(rf"^(?:{REGIONS})|省|市|区|县|镇|乡|村|路|街|道|号|大厦|大楼|中心|广场|看守所|监狱|室|层|楼|群岛")
_ADDRESS_PREDICATE = {"办公": "办公地", "经营": "经营场所", "营业": "经营场所", "注册": "注册地", "地址": "地址",
                      "户籍": "户籍地", "羁押": "羁押地", "押于": "羁押地", "关押": "羁押地"}
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


#: Labelled fields of court-record and company-registry pages, the value on the next line:
#: 法院 / 佛山市某区人民法院, 案由 / 非法吸收公众存款. label -> (predicate, kind)
FIELDS = {"法院": ("审理法院", "name"), "审理法院": ("审理法院", "name"), "所属地区": ("所属地区", "place"),
          "审理程序": ("审理程序", "name"), "案由": ("案由", "name"), "公诉机关": ("公诉机关", "name"),
          "登记机关": ("登记机关", "name"),
          "经营状态": ("经营状态", "name"), "企业类型": ("企业类型", "name"), "注册地址": ("注册地", "place"),
          "统一社会信用代码": ("统一社会信用代码", "name")}
_FIELD_VALUE = re.compile(r"\s*\n\s*(?P<value>[^\n。]{2,40}?)\s*(?=\n|$)")


def _field(text: str, s0: int, s1: int) -> Role | None:
    """A labelled field: the sentence is a label of `FIELDS` alone, its value the next line."""
    label = text[s0:s1].strip().rstrip(":：")
    if label not in FIELDS:
        return None
    m = _FIELD_VALUE.match(text, s1)
    if m is None:
        return None
    predicate, kind = FIELDS[label]
    return Role(predicate, s0, m.end("value"), m.span("value"), kind)


#: Any of these makes a role claim possible; a sentence without one is skipped at once. (Every
#: alternative starts with a plain character, so the search skips other characters quickly.)
HINT = re.compile(rf"\(|（|旗下|母公司|股东(?:已|现已)?(?:包括|包含|为|是|有|变更)|股东[^，,。；;]{{0,6}}?[、和及与]|"
                   rf"高管[^，,。；;]{{0,6}}?[、和及与]|"
                   rf"高级管理人员|合伙人|人代表|法人|判处|由|一起|共同|创立|创办|建立|创建|成立于|注册|生于|出生|落户|上市|挂牌|全称|全名|子公司|附属公司|"
                   rf"办公|经营|营业|地址|户籍|押于|押在|住|人[，,]|"
                   rf"{ROLE_WORDS}")

#: The words each family of patterns needs (a pattern whose words are missing is not run): any of
#: them present -> the family's name in `_cued`'s answer.
_ROLE_CUE = re.compile(ROLE_WORDS)
_CUES = {"(": ("(", "（"), "全": ("全称", "全名"), "子": ("子公司", "附属公司"),
         "founder": ("创立", "创办", "建立", "创建", "成立"), "旗下": ("旗下",), "法人": ("法人为", "法人是", "法人:", "法人："), "判处": ("判处",), "由": ("由",),
         "placed": ("成立于", "创立于", "创办于", "注册", "生于", "出生", "落户", "上市", "挂牌"),
         "address": ("办公", "经营", "营业", "地址", "户籍", "押于", "押在"),
         "native": ("人，", "人,", "住")}


#: A list after a role word, shareholders or a holder (高管甲、乙; 股东包括…; 是其唯一股东)
_LIST_CUE = re.compile(r"高管[^，,。；;]{0,6}?[、和及与]|高级管理人员|股东[^，,。；;]{0,6}?[、和及与]|合伙人|人代表|"
                       r"股东(?:已|现已)?(?:包括|包含|为|是|有|变更)|唯一股东|控股股东|大股东|母公司|实际控制人")
_CUE_SEARCH = tuple((name, re.compile("|".join(map(re.escape, words))).search) for name, words in _CUES.items()) + \
    (("role", _ROLE_CUE.search), ("list", _LIST_CUE.search))


def _cued(sentence: str) -> set[str]:
    """The pattern families whose cue words occur in the sentence ("role": a word of ROLE_WORDS)."""
    return {name for name, search in _CUE_SEARCH if search(sentence)}


#: A company's registered name: words, an optional (place), more words, a company suffix.
_COMPANY = rf"[{HAN}A-Za-z]{{2,14}}(?:[(（][{HAN}]{{2,6}}[)）])?[{HAN}A-Za-z]{{0,20}}?(?:有限责任公司|有限公司|公司|集团|银行|合伙企业)"
_COMPANY_AT_END = re.compile(rf"{_COMPANY}$")
#: Words that join a company's name to what comes before it (对X公司, 凤新科技为X公司的全资附属公司).
_JOINER = re.compile(r".*?(?:对|据|由|向|与|为|是|被|将|把|从|即|系|及|和|的|因|其)(?=[^对据由向与为是被将把从即系及和的因其]{6})")
#: X有限公司(以下简称“青松贷”), X有限公司（“青松贷”平台）
_SHORT_NAME = re.compile(r"[(（]\s*(?P<label>以下简称|下文简称|以下称|下称|简称)?[:：为]?\s*[“\"「『]"
                         r"(?P<short>[^”\"」』)）]{2,16})[”\"」』]\s*(?P<site>平台|网站|网|APP|App)?\s*[)）]")
#: X有限公司(以下称青松): a short name given without quotes
_LABELLED = re.compile(r"[(（]\s*(?:以下简称|下文简称|以下称|下称|简称)[:：为]?\s*[^)）“”\"]{2,16}[)）]")
_COMPANY_NEXT = re.compile(_COMPANY)
#: 青松贷(青松(杭州)金融信息服务有限公司): a site, its operator's registered name in brackets
_OPERATOR_PAREN = re.compile(rf"(?<=[{HAN}A-Za-z0-9])[(（](?P<full>{_COMPANY})[)）]")
_NAME_BEFORE = re.compile(rf"[{HAN}A-Za-z]{{2,12}}$")
#: 旗下“青松贷”“松果”等平台: the products an owner runs
_PRODUCTS = re.compile(r"旗下(?:的)?(?P<value>(?:[“\"「][^”\"」]{2,12}[”\"」][、和及与]?){1,6})等?")
#: 被判处无期徒刑, 判处死刑缓期二年执行: a sentence with no number in it
_PENALTY = re.compile(r"判处(?P<value>无期徒刑|死刑(?:缓期[二两]年执行)?)")
#: 全称为X有限公司
_FULL_NAME = re.compile(rf"(?:全称|全名)(?:为|是|叫|[:：])\s*(?P<full>{_COMPANY})")
#: X公司的全资子公司Y, Y为X公司全资附属公司
_SUBSIDIARY = re.compile(r"(?P<of>的)?(?:全资|控股)?(?:子公司|附属公司)")


def _company_before(text: str, pos: int, floor: int) -> tuple[int, int] | None:
    """The span of a company's registered name ending at `pos` (within the clause), or None."""
    lo = max(floor, pos - 48)
    for ch in "，,。；;：:、 \n“”\"「」":
        lo = max(lo, text.rfind(ch, lo, pos) + 1)
    m = _COMPANY_AT_END.search(text, lo, pos)
    if m is None:
        return None
    start = m.start()
    j = _JOINER.match(text, start, pos)
    return (j.end(), pos) if j else (start, pos)


def _company_names(text: str, s0: int, s1: int, main: str = "", entities: Entities | None = None) -> list[Role]:
    """Full names of the article's main entity (X有限公司(以下简称“青松贷”), 全称为X有限公司; other
    companies' full names only introduce them) and parents (X公司的全资子公司Y)."""
    out = []
    for m in _SHORT_NAME.finditer(text, s0, s1):
        full = _company_before(text, m.start(), s0)
        short = m.group("short")
        if full and main and (short in main or main in short):
            predicate = "运营主体" if m.group("site") or not m.group("label") else "公司全称"
            out.append(Role(predicate, full[0], m.end(), full, subject=short))
    for m in _OPERATOR_PAREN.finditer(text, s0, s1):
        if _NOT_A_NAME.match(m.group("full")) or m.group("full").startswith("下简称"):
            continue  # (下简称某分公司): a short name introduced, no operator
        site, at = entities.mention_before(m.start(), max(s0, m.start() - 16)) if entities else (None, 0)
        site = site if site and at + len(site) == m.start() else None
        out.append(Role("运营主体", at if site else m.start(), m.end(), m.span("full"), subject=site))
    for m in _FULL_NAME.finditer(text, s0, s1):
        out.append(Role("公司全称", m.start(), m.end(), m.span("full")))
    for m in _SUBSIDIARY.finditer(text, s0, s1):
        parent = _company_before(text, m.start(), s0)
        if parent is None:  # X公司(以下简称“Y”)全资附属公司
            at = text.rfind("(", s0, m.start()), text.rfind("（", s0, m.start())
            at = max(at)
            if at > s0 and text[m.start() - 1] in ")）" and (_SHORT_NAME.match(text, at) or _LABELLED.match(text, at)):
                parent = _company_before(text, at, s0)
        if parent:
            child = _COMPANY_NEXT.match(text, m.end(), s1)
            if child is None and text[parent[0] - 1:parent[0]] in ("为", "是"):
                child = _NAME_BEFORE.search(text, max(s0, parent[0] - 13), parent[0] - 1)
            out.append(Role("母公司", parent[0], m.end(), parent, subject=child.group() if child else None))
    return out


def _company_ending(text: str, at: int, s0: int) -> tuple[int, int] | None:
    """The span of a registered company name that ends at `at`, or before a bracket that does
    (甲有限公司(简称“甲”)旗下)."""
    if text[at - 1:at] in ")）":
        return _company_before(text, max(text.rfind("(", s0, at), text.rfind("（", s0, at)), s0)
    return _company_before(text, at, s0)


def _unknown_owner(text: str, at: int, s0: int) -> list[Role]:
    """X旗下 at `at` when X is no known entity: a registered company (甲有限公司(简称“甲”)旗下), or a
    short name whose holding is typed or named in full (see _OWNED)."""
    full = _company_ending(text, at, s0)
    if full is None and (u := _OWNER_NAME.search(text, max(s0, at - 8), at)) and _OWNED.match(text, at + 2):
        full = u.span()
    return [Role("所属机构", full[0], at + 2, full)] if full else []


def find_roles(text: str, s0: int, s1: int, entities: Entities) -> list[Role]:
    """The role claims of the sentence text[s0:s1] (normalised offsets)."""
    out: list[Role] = []
    if s1 - s0 <= 9 and (field := _field(text, s0, s1)):
        return [field]
    if not HINT.search(text, s0, s1):
        return out
    sentence = text[s0:s1]
    cued = _cued(sentence)
    named = set()
    for m in _ROLE_NAME.finditer(text, s0, s1) if "role" in cued else ():
        more = _MORE_NAMES.match(text, m.end("name"), s1)
        end = more.end() if more else m.end("name")
        out.append(Role(m.group("role").split("兼")[-1], m.start(), end, (m.start("name"), end)))
        named.add(m.start())
    for m in _LIST_ROLE.finditer(text, s0, s1) if "list" in cued else ():
        if (more := _MORE_NAMES.match(text, m.end("name"), s1)) and not any(r.start <= m.start() < r.end for r in out):
            out.append(Role(m.group("role"), m.start(), more.end(), (m.start("name"), more.end())))
    for m in _NAMES_AS_ROLE.finditer(text, s0, s1) if "role" in cued and ("作为" in sentence or "担任" in sentence) else ():
        out.append(Role(m.group("role"), m.start(), m.end(), m.span("name")))
    for m in _HOLDERS.finditer(text, s0, s1) if "list" in cued else ():
        kind = _HOLDER_KIND.search(text, max(s0, m.start() - 3), m.start())
        start = kind.start() if kind else m.start()
        out.append(Role(text[start:m.start() + 2], start, m.end(), m.span("value")))
    for m in _HOLDER_ROLE.finditer(text, s0, s1) if "list" in cued else ():
        lead = _HOLDER_LEAD.search(text, max(s0, m.start() - 11), m.start())  # 甲公司是其唯一股东
        if lead and (holder := _company_ending(text, lead.start(), s0)):
            out.append(Role(m.group(), holder[0], m.end(), holder))
    for m in _ROLE_NAME3.finditer(text, s0, s1) if "role" in cued else ():
        if m.start() not in named and not any(r.start <= m.start() < r.end for r in out):
            out.append(Role(m.group("role").split("兼")[-1], m.start(), m.end("name"), m.span("name")))
    for pattern in (_AS_ROLE, _NAME_AS_ROLE) if "role" in cued and "作为" in sentence else ():
        for m in pattern.finditer(text, s0, s1):
            org = m.group("org").strip()
            out.append(Role(m.group("role"), m.start(), m.end(), m.span("name"), subject=org or None))
    if cued & {"(", "全", "子"}:
        out += _company_names(text, s0, s1, entities.main or "", entities)
    for m in _ORG_ROLE.finditer(text, s0, s1) if "role" in cued else ():
        person, at = entities.person_before(m.start(), s0)
        if person:
            owner, owner_at = entities.mention_before(m.start(), s0)
            out.append(Role(m.group("role"), owner_at if owner_at > at else m.start(), m.end(), (at, at + len(person)),
                            subject=owner if owner and owner != person else None))
    for m in _FOUNDER.finditer(text, s0, s1) if "founder" in cued else ():
        if any(s <= m.start("name") < e for s, e, _ in entities.people):
            owner = next((n for a, _, n in entities.mentions if m.end() <= a < s1), None)
            out.append(Role("创始人", m.start(), m.end(), m.span("name"), subject=owner))
    for m in _PAREN.finditer(text, s0, s1) if "(" in cued else ():
        before, at = entities.mention_before(m.start(), max(s0, m.start() - 24))
        value = m.group("value")
        if not before or at + len(before) != m.start() or _NOT_A_NAME.match(value) or value.isdigit() or \
                any(r.value == m.span("value") for r in out):
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
    under = text.find("旗下", s0, s1) if "旗下" in cued else -1
    while under >= 0:
        owner, at = entities.mention_before(under, max(s0, under - 24))
        if _NOTHING_OWNED.match(text, under + 2):
            pass  # 旗下有多款产品: what it holds is not named here
        elif owner and at + len(owner) == under:
            out.append(Role("所属机构", at, under + 2, (at, under)))
        elif not _PRODUCTS.match(text, under):  # (旗下“A”“B”等平台: the products' claim says it)
            out += _unknown_owner(text, under, s0)
        under = text.find("旗下", under + 2, s1)
    for m in _LEGAL.finditer(text, s0, s1) if "法人" in cued else ():
        out.append(Role("法定代表人", m.start(), m.end("name"), m.span("name")))
    for m in _PRODUCTS.finditer(text, s0, s1) if "旗下" in cued else ():
        out.append(Role("旗下平台", m.start(), m.end("value"), m.span("value")))
    for m in _PENALTY.finditer(text, s0, s1) if "判处" in cued else ():
        out.append(Role("刑罚", m.start(), m.end(), m.span("value")))
    for m in _RUN_BY.finditer(text, s0, s1) if "由" in cued else ():
        out.append(Role("运营方", m.start(), m.end(), m.span("value")))
    for m in _PLACED.finditer(text, s0, s1) if "placed" in cued else ():
        if m.group("place"):
            out.append(Role(_PLACE_PREDICATE.get(m.group("trigger"), "注册地"), m.start(), m.end(), m.span("place"),
                            "place"))
        elif m.group("place2"):
            out.append(Role("注册地", m.start(), m.end(), m.span("place2"), "place"))
        else:
            key = next(k for k in ("exchange", "exchange2", "exchange3") if m.group(k))
            out.append(Role("上市地点", m.start(), m.end(), m.span(key), "place"))
    for m in _ADDRESS.finditer(text, s0, s1) if "address" in cued else ():
        if _ADDRESS_MARK.search(m.group("place")) and text.find(m.group()) == m.start():  # (a repeat: once)
            key = next(k for k in _ADDRESS_PREDICATE if k in m.group("trigger"))
            out.append(Role(_ADDRESS_PREDICATE[key], m.start(), m.end(), m.span("place"), "place"))
    for pattern, predicate in ((_NATIVE, "籍贯"), (_RESIDENCE, "住所")) if "native" in cued else ():
        for m in pattern.finditer(text, s0, s1):
            out.append(Role(predicate, m.start() + 1, m.end(), m.span("place"), "place"))
    return out

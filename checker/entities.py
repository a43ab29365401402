"""Who a claim is about: the organisations and people an article mentions.

Organisations are found from the title (`利信金融群发…` -> 利信金融), from the phrases that
introduce a company (`X成立于`, `X的逾期率`), and from names with a company suffix
(`宏达小贷`, `宏达集团`) met at least twice. People are borrowers and readers named in
the text (`借款人周恒`, `小周（化名）`, `林女士`). `Entities.subject` picks the subject
of one claim: a person for personal facts (their loan, their overdue amount), else the
organisation mentioned last, else the article's main entity (what 平台/公司/其 mean).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import HAN

ORG_SUFFIX = ("消费金融", "小额贷款", "金融", "普惠", "小贷", "科技", "银行", "集团", "控股", "数科", "财富", "信贷",
              "网贷", "借贷", "金服", "钱包", "分期", "钱庄")
GENERIC = {"互联网金融", "消费金融", "金融科技", "普惠金融", "网络金融", "数字金融", "传统金融", "科技金融",
           "供应链金融", "金融", "平台", "公司", "该公司", "该平台", "其", "小额贷款", "网贷", "信贷", "本站", "本文",
           "金融机构", "一家", "银行", "该机构", "借款人", "用户", "投资者", "监管部门", "其他平台"}
#: Words that end like a company name but are not one (互联网金融 contains 联网金融).
NOT_A_NAME_START = set("互联网络数字消费普惠科技传统应链供金其这该一多各旗相大小头部我中全本此某两几整行业地民正合持商城农")
DESCRIPTOR = re.compile(r"(股份有限公司|有限责任公司|有限公司|平台|公司|官方|app|APP)$")
_SUFFIX = "|".join(ORG_SUFFIX)
_ORG = re.compile(rf"(?=([{HAN}]{{2}}(?:{_SUFFIX})))")  # overlapping: every start position
_INTRO = re.compile(
    rf"(?:^|[，,。；;：:、\s“”\"（(])(?:近期|目前|此外|同时|据悉|据了解|数据显示|其中|担保方|被告|原告)?"
    rf"(?P<name>[{HAN}A-Za-z0-9]{{2,8}}?)(?:平台|公司)?"
    rf"(?=成立于|成立时间|创立于|创办于|总部|作为一家|是一家|的逾期|逾期率|的注册资本|注册资本|于\d{{4}}年成立)"
)
_TITLE_CUT = re.compile(
    r"逾期|违约|群发|发短信|短信|事件|催收|成立|如何|怎么|暴雷|爆雷|被|的|是|最新|回应|起诉|上征信|还款|借款|利率|注册资本|"
    r"因|遭|涉|经营|数据|[，,。：:！!？?\s|｜(（“”\"]"
)
PRONOUN = re.compile(r"该公司|该平台|公司|平台|其")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_PERSON = re.compile(
    rf"(?P<a>[{SURNAMES}][{HAN}]?(?:女士|先生|小姐|阿姨|大爷))"
    rf"|(?P<b>(?:[小阿老][{HAN}]|[{SURNAMES}][{HAN}]{{1,2}}))[（(]化名[）)]"
    rf"|(?:借款人|读者|出借人|投资人|网友|市民|当事人)(?P<c>[{SURNAMES}][{HAN}]{{1,2}}?)"
    rf"(?=告诉|表示|称|说|的|在|通过|借|是|向|于|从|曾|今年|去年|，|,|。|（|\()"
)
_HE_SHE = re.compile(r"[他她]")
#: Facts about a borrower's own loan rather than the platform.
PERSONAL = {"loan_amount", "overdue_amount", "overdue_duration", "event_time"}
_PERSONAL_LOAN_TRIGGERS = ("借款", "借了", "贷款")


def clean_entity(name: str) -> str:
    """`利信金融平台` -> `利信金融`: drop descriptors and surrounding quotes."""
    name = name.strip(" 《》“”\"'「」")
    while True:
        stripped = DESCRIPTOR.sub("", name)
        if stripped == name or len(stripped) < 2:
            return name
        name = stripped


def _is_org_name(name: str) -> bool:
    return (len(name) >= 3 and name not in GENERIC and name[0] not in NOT_A_NAME_START
            and any(name.endswith(s) for s in ORG_SUFFIX))


@dataclass(frozen=True)
class Entities:
    """main (str|None): the article's main entity. orgs (tuple): organisations, longest first.
    people (tuple): (start, end, name) of each person mention."""

    main: str | None
    orgs: tuple[str, ...]
    people: tuple[tuple[int, int, str], ...] = ()

    def org_before(self, text: str, pos: int, floor: int) -> tuple[str | None, int]:
        """The organisation mentioned last in text[floor:pos], and where (-1 if none)."""
        best, best_at = None, -1
        for name in self.orgs:
            at = text.rfind(name, floor, pos)
            if at > best_at:
                best, best_at = name, at
        return best, best_at

    def person_before(self, pos: int, floor: int) -> tuple[str | None, int]:
        """The person mentioned last in [floor, pos), and where (-1 if none)."""
        best = (None, -1)
        for s, _, name in self.people:
            if floor <= s < pos:
                best = (name, s)
        return best

    def subject(self, text: str, predicate: str, trigger: str, start: int, sentence: tuple[int, int],
                line_start: int, prev_line: tuple[int, int] | None) -> str:
        """The subject of a claim whose evidence starts at `start` in `sentence`."""
        s0, s1 = sentence
        org, org_at = self.org_before(text, start, s0)
        if predicate == "event_time":
            # the actor is whoever the clause after the date names first
            clause_end = min([i for i in (text.find("，", start, s1), text.find(",", start, s1)) if i >= 0] or [s1])
            actor_org, actor_at = self.org_before(text, clause_end, start)
            actor_person, person_at = self.person_before(clause_end, start)
            if actor_person and (actor_at < 0 or person_at < text.find(actor_org, start, clause_end)):
                return actor_person
            if actor_org:
                return actor_org
        personal = predicate in PERSONAL and (predicate != "loan_amount" or trigger in _PERSONAL_LOAN_TRIGGERS)
        if personal:
            person, person_at = self.person_before(start, line_start)
            if person and (person_at >= s0 or _HE_SHE.search(text, s0, start) or org_at < 0
                           or person_at > org_at):
                return person
        if org:
            return org
        if prev_line and not PRONOUN.search(text, s0, start) and prev_line[1] - prev_line[0] <= 24:
            heading_org, _ = self.org_before(text, prev_line[1], prev_line[0])
            if heading_org:  # 三、担保方宏达小贷 / 成立于2012年
                return heading_org
        return self.main or ""


def _title_entity(title: str, known: set[str]) -> str | None:
    for name in sorted(known, key=len, reverse=True):
        if title.startswith(name):
            return name
    m = re.match(rf"[{HAN}]{{2,6}}?(?:{_SUFFIX})", title)
    if m and _is_org_name(m.group()):
        return m.group()
    head = clean_entity(_TITLE_CUT.split(title, maxsplit=1)[0])
    if 2 <= len(head) <= 8 and head not in GENERIC and not PRONOUN.fullmatch(head):
        return head
    return None


def find_entities(text: str, title: str) -> Entities:
    """text (str): normalised article. title (str): its normalised title line. RETURNS (Entities)."""
    counts: dict[str, int] = {}
    for m in _INTRO.finditer(text):
        name = clean_entity(m.group("name"))
        if _is_org_name(name):
            counts[name] = text.count(name)
    for m in _ORG.finditer(text):
        name = m.group(1)
        if _is_org_name(name) and name not in counts and text.count(name) >= 2:
            counts[name] = text.count(name)
    main = _title_entity(title, set(counts)) if title else None
    if main is None and counts:
        main = max(counts, key=counts.get)
    names = set(counts) | ({main} if main else set())
    people = []
    for m in _PERSON.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        people.append((m.start(group), m.end(group), m.group(group)))
    # a person's later mentions by name alone (周恒 after 借款人周恒)
    for name in {p[2] for p in people if len(p[2]) >= 2}:
        for m in re.finditer(re.escape(name), text):
            if not any(s <= m.start() < e for s, e, _ in people):
                people.append((m.start(), m.end(), name))
    return Entities(main, tuple(sorted(names, key=len, reverse=True)), tuple(sorted(people)))

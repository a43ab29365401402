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
              "网贷", "借贷", "金服", "钱包", "分期", "钱庄", "贷")
GENERIC = {"互联网金融", "消费金融", "金融科技", "普惠金融", "网络金融", "数字金融", "传统金融", "科技金融",
           "供应链金融", "金融", "平台", "公司", "该公司", "该平台", "其", "小额贷款", "网贷", "信贷", "本站", "本文",
           "金融机构", "一家", "银行", "该机构", "借款人", "用户", "投资者", "监管部门", "其他平台", "消费贷", "经营贷",
           "信用贷", "抵押贷", "网络贷", "助贷", "房贷", "车贷", "小额贷", "现金贷", "校园贷", "套路贷", "民间借贷",
           "地方金融", "正规金融", "持牌金融", "商业银行", "大型银行", "中小银行", "小额信贷", "大数据科技"}
#: Words that end like a company name but are not one (互联网金融 contains 联网金融).
NOT_A_NAME_START = set("互联网络数字消费普惠科技传统应链供其这该一多各旗相头部我全本此某两几整行业在从向于对和与及或的了是逾")
DESCRIPTOR = re.compile(r"(股份有限公司|有限责任公司|有限公司|平台|公司|官方|app|APP)$")
_SUFFIX = "|".join(ORG_SUFFIX)
_SUFFIX2 = "|".join(x for x in ORG_SUFFIX if x != "贷")
# A brand of two characters and a company suffix (利信金融, 众信普惠), or two or three and 贷 (禾苗贷, 金桥易贷,
# 鼎盛e贷); overlapping, so every start position is tried.
_ORG = re.compile(rf"(?=([{HAN}][{HAN}A-Za-z](?:{_SUFFIX2})|[{HAN}][{HAN}A-Za-z]{{1,2}}贷|[{HAN}]{{2}}[A-Za-z]借))")  # …, 瑞丰e借
#: A name met once counts when the text goes on to describe it: 还有顺达普惠。这家成立于2017年的平台…
_INTRODUCED = re.compile(r"[。，,]?(?:这家|该平台|该公司|是一家|成立于|创立于|的前身|总部)")
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
    rf"|(?:借款人|读者|出借人|投资人|网友|市民|当事人|粉丝)(?P<c>[{SURNAMES}][{HAN}]{{1,2}}?|[小老阿][{HAN}])"
    rf"(?=告诉|表示|称|说|则|的|在|通过|借|是|向|于|从|曾|今年|去年|前年|，|,|。|（|\()"
    rf"|(?:读者|网友|粉丝)(?P<h>[{HAN}]{{2}})(?=告诉|表示|说|在|通过|借了|去年|前年|今年|曾经|从)"  # 读者大伟去年借了
    rf"|(?:被告|原告|被告人|申请人|被申请人)[：:]\s*(?P<g>[{HAN}×*]{{2,4}}?)(?=[，,。；;（(\s]|$)"  # 被告：王某某
    rf"|(?:网友|读者|发帖人|楼主|用户)[：:]?[“\"「](?P<d>[^”\"」\s]{{1,8}})[”\"」]"  # 网友“晴天”
    rf"|(?:发帖人|楼主)[：:]\s*(?P<e>[{HAN}A-Za-z0-9]{{1,8}})"  # 发帖人：小吴
    rf"|(?m:^\s*【?\d+楼】?\s*(?P<f>[{HAN}A-Za-z0-9]{{1,8}})[：:])"  # 3楼 橙子：, 【2楼】老K：
)
_FIRST_PERSON = re.compile(r"[我他她]|自己")
_THIS_ONE = re.compile(r"这家|该平台|该公司|其")
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
            and (any(name.endswith(s) for s in ORG_SUFFIX) or bool(re.fullmatch(r"..[A-Za-z]借", name))))


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
        """The subject of a claim whose evidence starts at `start` in `sentence`.

        1. event times: whoever the clause of the date names (张某于2021年11月…借款; 2024年9月，林女士与…).
        2. personal facts (a borrower's loan, overdue amount or duration): the person named in the
           paragraph, or the last person named before when the sentence says 我/他/她/自己.
        3. the organisation named last in the sentence; else, in the paragraph (这家…, 其…);
           else in a short heading just above (三、担保方宏达小贷 / 成立于2012年).
        4. the article's main entity (平台, 公司).
        """
        s0, s1 = sentence
        org, org_at = self.org_before(text, start, s0)
        if predicate == "event_time":
            clause_lo = max([text.rfind(p, s0, start) + 1 for p in "，,；;"] + [s0])
            clause_hi = min([i for i in (text.find("，", start, s1), text.find(",", start, s1)) if i >= 0] or [s1])
            actor_org, actor_at = self.org_before(text, clause_hi, clause_lo)
            actor_person, person_at = self.person_before(clause_hi, clause_lo)
            me = _FIRST_PERSON.search(text, clause_lo, clause_hi)
            if me and not actor_person and (actor_at < 0 or me.start() < actor_at):  # 我是2022年10月在禾苗贷借钱的
                actor_person, _ = self.person_before(start, max(0, start - 600))
                person_at = me.start()
            if actor_person and (actor_at < 0 or person_at < text.find(actor_org, clause_lo, clause_hi)):
                return actor_person
            if actor_org:
                return actor_org
            if _FIRST_PERSON.search(text, clause_lo, clause_hi):  # 2023年8月我被公司裁员
                person, _ = self.person_before(start, max(0, start - 600))
                if person:
                    return person
        personal = predicate in PERSONAL and (predicate != "loan_amount" or trigger in _PERSONAL_LOAN_TRIGGERS
                                               or "借" in trigger)
        if personal:
            person, person_at = self.person_before(start, line_start)
            if person and (person_at >= s0 or _FIRST_PERSON.search(text, s0, start) or org_at < 0
                           or person_at > org_at):
                return person
            if _FIRST_PERSON.search(text, s0, start):
                person, _ = self.person_before(start, max(0, start - 600))
                if person:
                    return person
        if org:
            return org
        para_org, _ = self.org_before(text, s0, line_start)
        if para_org and _THIS_ONE.search(text, s0, start):
            return para_org
        if prev_line and not PRONOUN.search(text, s0, start) and prev_line[1] - prev_line[0] <= 24:
            heading_org, _ = self.org_before(text, prev_line[1], prev_line[0])
            if heading_org:
                return heading_org
        if para_org and para_org != self.main and not PRONOUN.search(text, s0, start):
            return para_org
        return self.main or ""


def _title_entity(title: str, known: set[str]) -> str | None:
    """The company a headline is about; None when the headline names none we can tell."""
    placed = [(title.find(n), -len(n), n) for n in known if n in title]
    if placed:
        return min(placed)[2]  # the first company the title names (关于鼎盛e贷等三家机构…)
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
    occurrences: dict[str, int] = {}

    def count(name: str) -> int:  # each name counted once: a long article names its company thousands of times
        if name not in occurrences:
            occurrences[name] = text.count(name)
        return occurrences[name]

    for m in _INTRO.finditer(text):
        name = clean_entity(m.group("name"))
        if _is_org_name(name):
            counts[name] = count(name)
    for m in _ORG.finditer(text):
        name = m.group(1)
        if name.endswith("贷") and text.startswith("款", m.end(1)):
            continue  # 逾期贷款 is no company
        if _is_org_name(name) and name not in counts and (count(name) >= 2 or _INTRODUCED.match(text, m.end(1))):
            counts[name] = count(name)
    # 桥易贷 inside every 金桥易贷 is no name of its own
    counts = {n: c for n, c in counts.items()
              if not any(n != o and n in o and counts[o] >= c for o in counts)}
    main = _title_entity(title, set(counts)) if title else None
    if main is None and counts:
        main = max(counts, key=counts.get)
    names = set(counts) | ({main} if main else set())
    people = []
    for m in _PERSON.finditer(text):
        group = next(g for g in ("a", "b", "c", "d", "e", "f", "g", "h") if m.group(g))
        people.append((m.start(group), m.end(group), m.group(group)))
    # a person's later mentions by name alone (周恒 after 借款人周恒), and a party by its role (被告)
    for name in {p[2] for p in people if len(p[2]) >= 2}:
        for m in re.finditer(re.escape(name), text):
            if not any(s <= m.start() < e for s, e, _ in people):
                people.append((m.start(), m.end(), name))
    for m in _PERSON.finditer(text):
        if m.group("g"):
            role = text[m.start():m.start("g")].rstrip("：: ")
            for r in re.finditer(re.escape(role) + r"(?![：:人])", text):
                if not any(s <= r.start() < e for s, e, _ in people):
                    people.append((r.start(), r.end(), m.group("g")))
    return Entities(main, tuple(sorted(names, key=len, reverse=True)), tuple(sorted(people)))

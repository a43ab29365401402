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
import bisect
from functools import lru_cache

import jieba

jieba.setLogLevel(60)  # no "Building prefix dict" chatter on stderr
from dataclasses import dataclass, field

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
_INTRO_CUE = re.compile(r"成立于|成立时间|创立于|创办于|总部|作为一家|是一家|的逾期|逾期率|的注册资本|注册资本|于\d{4}年成立")
_ORG_TAIL = re.compile("|".join(sorted(set(ORG_SUFFIX) | {"借"}, key=len, reverse=True)))
_ORG_SUFFIX2 = re.compile("|".join(x for x in ORG_SUFFIX if x != "贷"))  # (the first in ORG_SUFFIX's order, as next() would)
_NAME_CHAR = re.compile(rf"[{HAN}A-Za-z]")
_HAN_CHAR = re.compile(rf"[{HAN}]")


#: Institutions that the phrases introducing a company name just as well (青松中心成立于2013年).
_INSTITUTION = re.compile(r"(?:中心|交易所|协会)$")


def _intro_matches(text: str):
    """What `_INTRO.finditer(text)` finds, searched only in windows before its cue words."""
    windows: list[list[int]] = []
    for m in _INTRO_CUE.finditer(text):
        lo, hi = max(0, m.start() - 18), m.end() + 9
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from _INTRO.finditer(text, lo, hi)


def _org_spans(text: str) -> list[tuple[int, int]]:
    """What `_ORG.finditer` finds at every start position (as spans), found from the suffixes:
    a brand of two characters before a company suffix, two or three before 贷, 瑞丰e借."""
    starts = set()
    for m in _ORG_TAIL.finditer(text):
        for q in range(m.start(), m.end()):
            if q == m.start() or _ORG_TAIL.match(text, q):
                c = text[q]
                starts.add(q - 2)
                if c in "贷借":
                    starts.add(q - 3)
    out = []
    for i in sorted(starts):
        if i < 0 or not (_HAN_CHAR.match(text, i) and _NAME_CHAR.match(text, i + 1)):
            continue
        tail = _ORG_SUFFIX2.match(text, i + 2)
        tail = tail and tail.group()
        if tail:
            out.append((i, i + 2 + len(tail)))
        elif _NAME_CHAR.match(text, i + 2) and text.startswith("贷", i + 3):
            out.append((i, i + 4))
        elif text.startswith("贷", i + 2):
            out.append((i, i + 3))
        elif _HAN_CHAR.match(text, i + 1) and re.match("[A-Za-z]借", text[i + 2:i + 4]):
            out.append((i, i + 4))
    return out


_TITLE_CUT = re.compile(
    r"逾期|违约|群发|发短信|短信|事件|催收|成立|如何|怎么|暴雷|爆雷|被|的|是|最新|回应|起诉|上征信|还款|借款|利率|注册资本|"
    r"因|遭|涉|经营|数据|[，,。：:！!？?\s|｜(（“”\"]"
)
PRONOUN = re.compile(r"该公司|该平台|公司|平台|其")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
#: People named by their part (借款人周恒, 网友“晴天”, 被告：王某某, 3楼 橙子：); `_person_spans` adds 林女士
#: and 小周（化名）.
_PERSON_ROLE = re.compile(
    rf"(?:借款人|读者|出借人|投资人|网友|市民|当事人|粉丝)(?P<c>[{SURNAMES}][{HAN}]{{1,2}}?|[小老阿][{HAN}])"
    rf"(?=告诉|表示|称|说|则|的|在|通过|借|是|向|于|从|曾|今年|去年|前年|，|,|。|（|\()"
    rf"|(?:读者|网友|粉丝)(?P<h>[{HAN}]{{2}})(?=告诉|表示|说|在|通过|借了|去年|前年|今年|曾经|从)"  # 读者大伟去年借了
    rf"|(?:被告|原告|被告人|申请人|被申请人)[：:]\s*(?P<g>[{HAN}×*]{{2,4}}?)(?=[，,。；;（(\s]|$)"  # 被告：王某某
    rf"|(?:网友|读者|发帖人|楼主|用户)[：:]?[“\"「](?P<d>[^”\"」\s]{{1,8}})[”\"」]"  # 网友“晴天”
    rf"|(?:发帖人|楼主)[：:]\s*(?P<e>[{HAN}A-Za-z0-9]{{1,8}})"  # 发帖人：小吴
    rf"|(?m:^\s*【?\d+楼】?\s*(?P<f>[{HAN}A-Za-z0-9]{{1,8}})[：:])"  # 3楼 橙子：, 【2楼】老K：
)
#: The characters a `_PERSON_ROLE` match can start with (a newline: the line after it, for 3楼 橙子：).
_PERSON_ROLE_START = re.compile("借款人|读者|出借人|投资人|网友|市民|当事人|粉丝|被告|原告|申请人|被申请人|发帖人|楼主|用户|\n")


def _matches_from(pattern: re.Pattern, starts: re.Pattern, text: str):
    """What `pattern.finditer(text)` finds, tried only where `starts` finds a character a match can
    start with (after a newline: the next line's start, and at 0), which is far cheaper than trying
    every position. `pattern` never matches an empty string."""
    end = 0
    for p in (0, *(c.start() + (c.group() == "\n") for c in starts.finditer(text))):
        if p >= end and (m := pattern.match(text, p)):
            end = m.end()
            yield m


#: _PERSON without its first two kinds (林女士, 小周（化名）), which `_person_spans` finds from their ends.
_POLITE = re.compile(r"女士|先生|小姐|阿姨|大爷")
_ALIASED = re.compile(r"[（(]化名[）)]")


def _person_spans(text: str) -> list[tuple[int, int, str]]:
    """What `_PERSON.finditer` finds, as (start, end, name): 林女士 and 小周（化名） found back from
    their ends, the rest by `_PERSON_ROLE`; the role-named ones (被告：王某) come with their role's start."""
    out = []
    for m in _POLITE.finditer(text):
        p = m.start()
        if p >= 2 and text[p - 2] in SURNAMES and _HAN_CHAR.match(text, p - 1):
            out.append((p - 2, m.end(), text[p - 2:m.end()]))
        elif p >= 1 and text[p - 1] in SURNAMES:
            out.append((p - 1, m.end(), text[p - 1:m.end()]))
    for m in _ALIASED.finditer(text):
        p = m.start()
        if p >= 3 and text[p - 3] in SURNAMES and _HAN_CHAR.match(text, p - 2) and _HAN_CHAR.match(text, p - 1):
            out.append((p - 3, p, text[p - 3:p]))
        elif p >= 2 and (text[p - 2] in "小阿老" or text[p - 2] in SURNAMES) and _HAN_CHAR.match(text, p - 1):
            out.append((p - 2, p, text[p - 2:p]))
    for m in _matches_from(_PERSON_ROLE, _PERSON_ROLE_START, text):
        group = next(g for g in ("c", "d", "e", "f", "g", "h") if m.group(g))
        out.append((m.start(group), m.end(group), m.group(group)))
    return list(dict.fromkeys(out))


#: A post in a company before a person's name: the person acts for it, and the figures of a later
#: sentence that names no one are the company's, not theirs (董事长X…。据统计，资金规模超200亿元).
_OFFICER_BEFORE = re.compile(r"(?:董事长|执行总裁|总裁|总经理|CEO|首席执行官|创始人|创办人|实际控制人|实控人|法定代表人|"
                             r"法人代表|法人|董事|行长|副总裁)[:：为是]?$")
_OFFICER_AFTER = re.compile(r"(?:的)?(?:董事长|执行总裁|总裁|总经理|CEO|首席执行官|创始人|创办人|实际控制人|实控人|法定代表人|"
                            r"法人代表|董事|行长|副总裁)")
#: Before a company's new name: it is what the company became, not who acts (更名为“X”).
_RENAMED_TO = re.compile(r"(?:更名|改名)(?:为)?[“「\"]?$")
_OBJECT_BEFORE = re.compile(r"[被向对给由与和]|上报|来自|通过")
#: Before a mention (or the list it heads): it is an object, an instrument, a place, an example or a source.
_NOT_SUBJECT_BEFORE = re.compile(r"(?:[被向对给由与和]|上报|来自|通过|关于|(?<![现正存所实还好自])在|据|根据|依据|更名为?|改名为?)$")
_EXAMPLE_BEFORE = re.compile(r"(?:如|例如|比如|包括)$")
_LOCATIVE = re.compile(r"(?<![现正存所实还好自])在")
_EXAMPLE_IN = re.compile(r"如|例如|比如")
_PLACE_AFTER = re.compile(r"[”」\"]?\s*(?:等)?(?:互联网|网络|网贷|借贷|理财)?(?:平台|网站|App|APP|app)?(?:上|中|里|内)?(?:发布|发售|投资|借款|注册|出借|购买)")
_EXAMPLE_AFTER = re.compile(r"[”」\"]?\s*(?:、|等|和|及)")
#: A list item before a name: “网牛”、 in 通过“网牛”、“甜兔”等.
_ITEM_BEFORE = re.compile(r"[“「\"][^”」\"]{1,10}[”」\"]\s*[、和及]\s*$")
_ITEM_MARK = re.compile(r"\s*(?:\d{1,2}[.、．]|[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十\d]{1,2}[)）])?\s*")
#: (each alternative starts with a plain character, the look-behind after it, so the search skips ahead at C speed)
_PLATFORM_WORD = re.compile(r"平台(?<![a-zA-Z0-9\u4e00-\u9fff”」\"]平台)|平台(?<=[前该本此其家的在从当]平台)")
#: How far back (characters) the text's last topic is looked for when a paragraph names none.
_TOPIC_REACH = 1500
#: After a mention: it is the source of the figures (X数据显示, X公告称) or an owner (X旗下).
_SOURCE_AFTER = re.compile(r"(?:官网|官方|发布的|公布的|披露的)?(?:数据|统计|报告|资料|公告|信息|财报)?(?:显示|称)")
_EXAMPLE_END = re.compile(r"[”」\"]?\s*等(?![\d一二三四五六七八九十百]*[人名])")  # (X、Y等人 is a group)
_LIST_GAP = re.compile(r"[”」\"]?\s*(?:、|和|及|与|，|,)?\s*[“「\"]?")
#: Words that may stand before an authority or a region that opens its clause (目前全国共有…).
_CLAUSE_OPENING = re.compile(r"[\s“”\"「」]*(?:目前|当前|如今|截至目前|此外|同时|其中|而|但|据统计)?[\s“”\"「」]*"
                             r"(?:[^，,。；;]{0,10}?(?:数据显示|统计显示|数据表明))?"  # 青松研究院数据显示2019年7月全国…
                             r"(?:(?:截至|截止)?\d{4}年(?:\d{1,2}月份?)?(?:\d{1,2}日)?(?:末|底)?)?[\s，,]*")
_ANAPHOR = re.compile(r"该公司|该平台|该网贷平台|这家平台|这家公司|该机构|该案|此案|本案|这起|该起|公司(?<![有限子母分总家些类]公司)(?!的?(?:员工|名称))|"
                      r"平台(?<![a-zA-Z0-9\u4e00-\u9fff”」\"]平台)|平台(?<=[前本此家的在从当]平台)|其(?![他它余中实次])|她(?![们人])|他(?![们人])")
_EXPLICIT = re.compile(r"该|这|此|本|[她他]")
_CASE_END = re.compile(r"案(?:件)?$")
_CASE_LIKE = re.compile(r"案(?:件|例)?$")
_COMPANY_LIKE = re.compile(r"(?:公司|科技|集团|控股|银行|股份|金融|数科|资本|证券|基金|信托|保险|金服|小贷|普惠)$")
_GROUP_AFTER = re.compile(r"(?:、[^，,。；;]{1,8}?)?等(?:\d+|[一二三四五六七八九十百]+)?(?:人|名)")
#: A value that describes the name after it: 24岁的周世平, 2013年后设立的“慈鑫贷”.
_OWNER_AFTER = re.compile(r"[^，,。；;、\s]{0,6}?的[“\"「]?")
_JOIN = re.compile(r"\s*(?:、|和|及|与|以及|,|，)\s*")
_LISTED = re.compile(r"(?:^|[、，,和及]|为|比|是|别)\s*([\d一二三四五六七八九十两]+)")


def _clause_lo(text: str, pos: int, s0: int) -> int:
    return max(text.rfind("，", s0, pos), text.rfind(",", s0, pos), text.rfind("；", s0, pos),
               text.rfind(";", s0, pos), text.rfind("：", s0, pos), text.rfind(":", s0, pos), s0 - 1) + 1


def _value_end(text: str, start: int) -> int:
    m = re.compile(r"[^，,。；;、的\s]*").match(text, start)
    return m.end()


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
            and not _VERB_END.search(name) and not name.startswith(_GENERIC_HEAD)
            and (name.endswith(ORG_SUFFIX) or bool(re.fullmatch(r"..[A-Za-z]借", name))))


@dataclass(frozen=True)
class Entities:
    """main (str|None): the article's main entity. orgs (tuple): organisations, longest first.
    people (tuple): (start, end, name) of each person mention."""

    main: str | None
    orgs: tuple[str, ...]
    people: tuple[tuple[int, int, str], ...] = ()
    mentions: tuple[tuple[int, int, str], ...] = ()  # (start, end, name) of every entity mention, in order

    def mention_before(self, pos: int, floor: int) -> tuple[str | None, int]:
        """The entity mentioned last in [floor, pos) outside brackets that gloss the one before
        (微粒贷(微众银行)) and other than a new name (更名为“X”), and where (-1 if none)."""
        i = bisect.bisect_left(self.mentions, (pos,)) - 1
        while i >= 0:
            s, e, name = self.mentions[i]
            if s < floor:
                break
            if e <= pos and not self._glossing(i) and s not in self.renamed:
                return name, s
            i -= 1
        return None, -1

    def _glossing(self, i: int) -> bool:
        s = self.mentions[i][0]
        return s in self.aliases or (i > 0 and self.mentions[i - 1][1] == s - 1 and self._text_at_open(s - 1))

    def _text_at_open(self, pos: int) -> bool:
        return pos in self.openers

    openers: frozenset = frozenset()  # positions of "(" or "（" right after an entity mention
    weak: frozenset = frozenset()  # names that are authorities or regions: subjects only when they open a clause
    introduced: frozenset = frozenset()  # starts of mentions the text gives a short name to (X(下称“Y”))
    aliases: frozenset = frozenset()  # starts of those short names, in their brackets
    generic: str | None = None  # what the text calls its subject when it names none (平台)
    renamed: frozenset = frozenset()  # starts of mentions that are a company's new name (更名为“X”)
    officers: frozenset = frozenset()  # people named by their post in a company (董事长X, 执行总裁Y, 法人为Z)

    def org_before(self, text: str, pos: int, floor: int) -> tuple[str | None, int]:
        """The entity mentioned last in text[floor:pos], and where (-1 if none)."""
        return self.mention_before(pos, floor)

    def person_before(self, pos: int, floor: int) -> tuple[str | None, int]:
        """The person mentioned last in [floor, pos), and where (-1 if none)."""
        best = (None, -1)
        for s, _, name in self.people:
            if floor <= s < pos:
                best = (name, s)
        return best

    def subject(self, text: str, predicate: str, trigger: str, start: int, sentence: tuple[int, int],
                line_start: int, prev_line: tuple[int, int] | None, carry: str | None = None) -> str:
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
            steps = 0  # a date opening its sentence: the actor is in the clauses after it (2020年7月，X官网…)
            hi = clause_hi
            while actor_at < 0 and clause_lo == s0 and hi < s1 and steps < 2 and \
                    self.person_before(clause_hi, clause_lo)[1] < 0:
                nxt = hi + 1
                hi = min([i for i in (text.find("，", nxt, s1), text.find(",", nxt, s1)) if i >= 0] or [s1])
                k = bisect.bisect_left(self.mentions, (nxt,))
                if k < len(self.mentions) and self.mentions[k][1] <= hi and \
                        self.mentions[k][2] not in self.weak and _CLAUSE_OPENING.fullmatch(text, nxt, self.mentions[k][0]):
                    return self.mentions[k][2]  # it opens the clause
                steps += 1
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
            if person in self.officers and person_at < s0 and predicate != "event_time":
                person, person_at = None, -1  # (法人为X。…逾期金额为0元: an officer's is no personal loan)
            if person and (person_at >= s0 or _FIRST_PERSON.search(text, s0, start) or org_at < 0
                           or person_at > org_at):
                i = bisect.bisect_left(self.mentions, (person_at,))
                return self._for_group(text, i) if i < len(self.mentions) and self.mentions[i][0] == person_at \
                    else person
            if _FIRST_PERSON.search(text, s0, start):
                person, _ = self.person_before(start, max(0, start - 600))
                if person:
                    return person
        return self.focus(text, start, sentence, line_start, prev_line, carry)

    def focus(self, text: str, start: int, sentence: tuple[int, int], line_start: int,
              prev_line: tuple[int, int] | None, carry: str | None = None) -> str:
        """Whom a value at `start` is about when nothing personal decides it.

        1. a list the sentence pairs with its values (浙江、广州…分别占比16.21%、15.68%);
        2. the entity named last before it in the sentence (an authority or a region only
           when it opens the clause: 工信部通报了39款…, 中国累计平台数量…);
        3. the entity right after it (24岁的周世平);
        4. the entity named last in the paragraph, or in a short heading just above;
        5. the article's main entity.
        """
        s0, s1 = sentence
        paired = self.respectively(text, start, s0, s1)
        if paired:
            return paired
        clause_lo = _clause_lo(text, start, s0)
        i = bisect.bisect_left(self.mentions, (start,)) - 1
        if i >= 0 and self.mentions[i][0] < start < self.mentions[i][1]:
            return self.mentions[i][2]  # a value inside a name: 王伟等34人…案
        if i >= 0 and text[self.mentions[i][1]:start] == "等" and self._is_person(i):
            return self._for_group(text, i)  # 对戴志康等41名犯罪嫌疑人: the group's case
        while i >= 0 and self.mentions[i][0] >= s0:
            m0, m1, name = self.mentions[i]
            if m1 <= start and not self._glossing(i) and \
                    self._subject_like(text, i, _clause_lo(text, m0, s0), clause_lo, floor=s0):
                break
            i -= 1
        else:
            m1 = s0
        found = i >= 0 and self.mentions[i][0] >= s0
        anaphor = self._anaphor(text, max(m1, s0), start, explicit=found)
        if anaphor:
            return anaphor
        if found:
            while i > 0 and self.mentions[i - 1][1] >= self.mentions[i][0] - 1 and \
                    text[self.mentions[i - 1][1]:self.mentions[i][0]] in ("和", "与", "、") and \
                    self.mentions[i - 1][2] not in self.weak:
                i -= 1  # X和Y先后作为…: the first of a coordinated subject
            return self._for_group(text, i)
        j = bisect.bisect_left(self.mentions, (start,))
        if j < len(self.mentions) and self.mentions[j][0] < s1:
            m0, _, name = self.mentions[j]
            if _OWNER_AFTER.fullmatch(text, _value_end(text, start), m0):  # 24岁的周世平
                return name
        if carry:  # the sentence's earlier claims are about it: 中国累计平台数量…，正常运营平台约708家
            return carry
        head = self._item_head(text, line_start, s0)
        if head:  # 3. 京东金条：…。逾期180天以上…: a list item is about its head
            return head
        para = self._topic_before(text, s0, line_start)
        if para and para != self.main and not PRONOUN.match(text, s0):
            return para
        if para and _THIS_ONE.search(text, s0, start):
            return para
        if prev_line and prev_line[1] - prev_line[0] <= 24:
            heading = self._topic_before(text, prev_line[1], prev_line[0])
            if heading:
                return heading
        if para:
            return para
        return self._topic_before(text, line_start, max(0, line_start - _TOPIC_REACH), opening=True) or \
            self.main or self.generic or ""

    def _item_head(self, text: str, line_start: int, s0: int) -> str | None:
        """The name heading the list item a sentence is in (`3. 京东金条：…`), if any."""
        i = bisect.bisect_left(self.mentions, (line_start,))
        if i < len(self.mentions) and self.mentions[i][0] < min(s0, line_start + 6) and \
                _ITEM_MARK.fullmatch(text, line_start, self.mentions[i][0]) and text[self.mentions[i][1]:self.mentions[i][1] + 1] in "(（:：":
            return self.mentions[i][2]
        return None

    def _topic_before(self, text: str, pos: int, floor: int, opening: bool = False) -> str | None:
        """What the text was about before `pos` (back to `floor`): the last name there that could be
        its clause's subject (a person heading a group stands for the case before). opening: only an
        organisation or a case that opens its clause (其实，信也科技早已…)."""
        i = bisect.bisect_left(self.mentions, (pos,)) - 1
        while i >= 0 and self.mentions[i][0] >= floor:
            m0 = self.mentions[i][0]
            clause_lo = _clause_lo(text, m0, max(floor, m0 - 200))
            if self.mentions[i][2] not in self.weak and not self._glossing(i) and \
                    self._subject_like(text, i, clause_lo) and not _EXAMPLE_IN.search(text, clause_lo, m0) and \
                    (not opening or (not self._is_person(i) and _CLAUSE_OPENING.fullmatch(text, clause_lo, m0))) and \
                    not _OFFICER_AFTER.match(text, self.mentions[i][1]):  # (X董事长Y: Y's post, not a topic)
                topic = self._for_group(text, i)
                if not (topic in self.officers and self._is_person(i)):  # (an officer acts for the company)
                    return topic
            i -= 1
        return None

    def _subject_like(self, text: str, i: int, clause_lo: int, value_clause: int | None = None,
                      antecedent: bool = False, floor: int | None = None) -> bool:
        """Whether mention i can be what its clause is about: not an object, an instrument, a place, an
        example, an owner or a source (向X, 通过“X”、“Y”, 在X, 如X、Y等, X旗下, 据X/X数据显示); an authority
        or a region only when it opens its clause, or the value's (工信部通报了…, 目前全国共有…)."""
        m0, m1, name = self.mentions[i]
        if _SOURCE_AFTER.match(text, m1) or text.find("作为", clause_lo, m0) >= 0:
            return False  # X数据显示; 作为X旗下的平台，…
        if name in self.weak:  # (opening the clause of the value, when one is given)
            lo = clause_lo if value_clause is None else value_clause
            return m0 >= lo and bool(_CLAUSE_OPENING.fullmatch(text, lo, m0))
        if m0 in self.introduced:
            return True
        j = i  # the head of a list the mention is in (通过“网牛”、“甜兔”等)
        while j > 0 and self.mentions[j - 1][1] >= self.mentions[j][0] - 3 and \
                _LIST_GAP.fullmatch(text, self.mentions[j - 1][1], self.mentions[j][0]):
            j -= 1
        head = self.mentions[j][0]
        while head > 0 and text[head - 1] in "“「\"《":
            head -= 1
        while (item := _ITEM_BEFORE.search(text, max(0, head - 16), head)):  # 通过“网牛”、“甜兔”等
            head = item.start()
        if _NOT_SUBJECT_BEFORE.search(text, max(0, head - 3), head):
            return False
        k = i  # the list's last name
        while k + 1 < len(self.mentions) and self.mentions[k + 1][0] <= self.mentions[k][1] + 3 and \
                _LIST_GAP.fullmatch(text, self.mentions[k][1], self.mentions[k + 1][0]):
            k += 1
        before = text[clause_lo:head]
        if _PLACE_AFTER.match(text, self.mentions[k][1]) and _LOCATIVE.search(before):
            return False  # 在其建立的“X”、“Y”互联网平台发布…
        if not antecedent and "是" in before and j > 0 and self.mentions[j - 1][0] >= (floor if floor is not None else clause_lo):
            return False  # X是“Y”平台此前的主打产品: Y completes what X is
        # an example in a list (如X、Y等, X、Y等平台), not one with its own clause (如X推出…)
        if j < k and _EXAMPLE_END.match(text, self.mentions[k][1]):
            return False
        return not (_EXAMPLE_BEFORE.search(text, max(0, head - 2), head) and
                    (j < i or _EXAMPLE_AFTER.match(text, self.mentions[i][1])))

    def _anaphor(self, text: str, lo: int, hi: int, explicit: bool = False) -> str | None:
        """What the last anaphor in text[lo:hi] stands for: 她/他 the person named last, 该案/这起 the case,
        该公司/公司 the company, 该平台/平台/其 the organisation named last, each looked for back in the text."""
        best = None
        for m in _ANAPHOR.finditer(text, lo, hi):
            best = m
        if best is None or (explicit and not _EXPLICIT.match(best.group())):
            return None  # (a bare 公司/平台/其 does not outweigh a name in the sentence)
        word = best.group()
        if word in ("她", "他"):
            return self.person_before(best.start(), max(0, best.start() - 600))[0]
        kind = _CASE_END if word in ("该案", "此案", "本案", "这起", "该起") else _COMPANY_LIKE if "公司" in word else None
        i = bisect.bisect_left(self.mentions, (best.start(),)) - 1
        while i >= 0 and self.mentions[i][0] >= best.start() - 3000:
            m0, _, name = self.mentions[i]
            if name not in self.weak and not self._glossing(i) and (kind.search(name) if kind else not (
                    self._is_person(i) or _CASE_LIKE.search(name))) \
                    and self._subject_like(text, i, lo := _clause_lo(text, m0, max(0, m0 - 200)), antecedent=True) \
                    and not _EXAMPLE_IN.search(text, lo, m0):
                return name  # (not an example: 如X年化利率…、Y…)
            i -= 1
        return None

    def _is_person(self, i: int) -> bool:
        k = bisect.bisect_left(self.people, self.mentions[i][:1])
        return k < len(self.people) and self.people[k][0] == self.mentions[i][0]

    def _for_group(self, text: str, i: int) -> str:
        """A person at the head of a group (王焘、吴华彪等人) acts for the case named before, if any."""
        m0, m1, name = self.mentions[i]
        if self._is_person(i) and _GROUP_AFTER.match(text, m1):
            k = i - 1
            while k >= 0 and self.mentions[k][0] >= m0 - 3000:
                if _CASE_END.search(self.mentions[k][2]):
                    return self.mentions[k][2]
                k -= 1
        return name

    def respectively(self, text: str, start: int, s0: int, s1: int) -> str | None:
        """The name a value is paired with by 分别 (A、B、C…分别为x、y、z), if any."""
        at = text.rfind("分别", s0, start)
        if at < 0:
            return None
        names = [(m0, m1, n) for m0, m1, n in self.mentions if s0 <= m0 and m1 <= at]
        run: list[tuple[int, int, str]] = []
        for m in names:  # the last run of names joined by 、/和/及
            if run and _JOIN.fullmatch(text, run[-1][1], m[0]):
                run.append(m)
            else:
                run = [m]
        if len(run) < 2:
            return None
        values = _LISTED.finditer(text, at, s1)
        starts = [m.start(1) for m in values]
        if start not in starts or starts.index(start) >= len(run):
            return None
        return run[starts.index(start)][2]



#: A short name the text gives: (以下简称“凤凰智信”), (下称“甜兔”), (即“小牛资本”).
ALIAS = re.compile(rf"[(（](?:以下简称|以下称|下称|简称|即)[为:：]?\s*[“「\"]?(?P<name>[{HAN}A-Za-z0-9]{{2,10}}?)[”」\"]?[)）]")
_QUOTED = re.compile(rf"[“「\"](?P<name>[{HAN}A-Za-z0-9]{{2,8}})[”」\"]")
#: What follows a quoted name that says it is one: “爱钱进”APP, “甜兔”、“雏鹰”等App平台, “E租宝”案.
_QUOTED_KIND = re.compile(r"(?:[“「\"][^”」\"]{1,10}[”」\"]|、|和|及)*等?(?:P2P|网贷|网络借贷|互联网|理财|借贷)?"
                          r"(?:APP|App|app|平台|网站|公司|产品|官网|集团|案|网络借贷)")
#: What precedes a quoted name that says it is one: 网贷平台“青松”, 旗下App“白桦”.
_KIND_QUOTED = re.compile(r"(?:平台|网站|公司|APP|App|app|产品|品牌)$")
_COMPANY_END = re.compile(r"股份有限(?:责任)?公司|有限(?:责任)?公司")  # (each alternative starts with a plain character)
#: The words of a company's full name that say what it does, not who it is (爱钱进(北京)信息科技有限公司 -> 爱钱进).
_TRADE = re.compile(r"(?:金融信息服务|信息服务|信息科技|网络科技|信息技术|电子商务|投资管理|资产管理|金融服务|互联网|科技|网络|信息|"
                    r"金融|投资|管理|服务|控股|集团|技术|咨询|实业|贸易|文化|创意|发展|传媒|股份)+$")


def _given_names(text: str) -> set[str]:
    """Names the text gives things: short names in brackets, quoted names said to be a platform,
    an app or a case, and the short form of a company's full name when the text uses it."""
    out = {m.group("name") for m in ALIAS.finditer(text)}
    for m in _QUOTED.finditer(text):
        name = m.group("name")
        if name not in out and (_QUOTED_KIND.match(text, m.end()) or _KIND_QUOTED.search(text, max(0, m.start() - 6), m.start())) \
                and text.count(name) >= 2:
            out.add(name)
    for _, _, company in _companies(text):
        core = _TRADE.sub("", re.sub(r"[(（][^)）]*[)）]", "", _COMPANY_END.sub("", company)))
        region = _REGION.match(core)
        core = core[region.end():] if region else core
        if 2 <= len(core) <= 6 and text.count(core) >= 2:
            out.add(core)
    return {n for n in out if n not in GENERIC and not _VERB_END.search(n) and not PRONOUN.fullmatch(n)
            and not n.isdigit()}


@lru_cache(maxsize=4)
def _companies(text: str) -> list[tuple[int, int, str]]:
    """Full company names (…有限公司), found from the suffix back: up to 24 name characters, a region
    in brackets allowed (微贷(杭州)金融信息服务有限公司)."""
    out = []
    for m in _COMPANY_END.finditer(text):
        start = _look_back(text, m.start(), _COMPANY_CHAR, 24)
        name = text[start:m.end()]
        for b in re.finditer(r"[(（]([^)）]*)[)）]|[()（）]", name):
            if not (b.group(1) and _REGION.fullmatch(b.group(1))):
                start += b.end()
                name = text[start:m.end()]
        name = re.split(rf"与|及|、|以及|和(?={REGIONS})|(?<=科技|集团|金融|控股|银行|股份|公司|小贷|普惠)和|为|是|的|即|系|称",
                        name)[-1]
        region = _REGION.search(re.sub(r"[(（][^)）]*[)）]", lambda b: "_" * len(b.group()), name))
        name = name[region.start():] if region else _trim_front(_drop_lead_words(name))
        if len(name) - len(m.group()) >= 2:
            out.append((m.end() - len(name), m.end(), name))
    return out


def _widened(text: str, name: str) -> str:
    """`name` with the character that precedes every one of its mentions (金所控股 -> 陆金所控股)."""
    before = set()
    at = text.find(name)
    while at >= 0 and len(before) < 2:
        before.add(text[at - 1] if at > 0 else "")
        at = text.find(name, at + 1)
    c = before.pop() if len(before) == 1 else ""
    if len(name) < 6 and re.match(f"[{HAN}]", c) and c not in NOT_A_NAME_START and c not in _BAD_START:
        return c + name
    return name


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


#: A stock listing after a name says it is a company: 青松(NYSE:QS), 白桦科技（纳斯达克：BH）, 红杉(01234.HK).
_LISTING = re.compile(r"[(（]\s*(?:(?:NYSE|NASDAQ|Nasdaq|HKEX|纽交所|纳斯达克|港交所|上交所|深交所|纽约证券交易所|"
                      r"香港联交所|美股|港股|股票)(?:代码)?\s*[:：]\s*[A-Za-z0-9.]{1,10}|\d{4,6}\.(?:HK|SH|SZ))\s*[)）]")
#: A short name opening a clause that reports its results: 青松实现营收3亿元 (found from 实现… back).
_RESULTS = re.compile(r"实现(?:净营收|营收|营业收入|净利润|总收入)")
_RESULTS_NAME = re.compile(rf"(?:^|(?<=[，,。；;：:\s]))[{HAN}]{{2,4}}$")
#: Words of time and reference that can open such a clause without being a name (同期, 本季度, 该行).
_NOT_A_BRAND = re.compile(r"[年月日季期度周今去本该其同上下前后全当半此这那]|公司|集团|平台|银行")


def _listed_names(text: str) -> set[str]:
    """Companies the text names by a stock listing (青松(NYSE:QS)) or by their results
    (青松实现营收…): names that need no company suffix."""
    out = set()
    for m in _LISTING.finditer(text):
        run = text[_look_back(text, m.start(), _BRAND_CHAR, 8):m.start()]
        name = _trimmed(run, set(), _suffix_of(run)) if len(run) > 2 else run
        if name and len(name) >= 2:
            out.add(name)
    for m in _RESULTS.finditer(text) if "实现" in text else ():
        if name := _RESULTS_NAME.search(text, max(0, m.start() - 5), m.start()):
            out.add(name.group())
    return {n for n in out if n not in GENERIC and not PRONOUN.fullmatch(n) and not _NOT_A_BRAND.search(n)
            and n[0] not in _BAD_START and not _common_word(n) and not n.isdigit()}


def find_entities(text: str, title: str) -> Entities:
    """text (str): normalised article. title (str): its normalised title line. RETURNS (Entities)."""
    counts: dict[str, int] = {}
    occurrences: dict[str, int] = {}

    def count(name: str) -> int:  # each name counted once: a long article names its company thousands of times
        if name not in occurrences:
            occurrences[name] = text.count(name)
        return occurrences[name]

    for m in _intro_matches(text):
        name = clean_entity(m.group("name"))
        if _is_org_name(name) or (_INSTITUTION.search(name) and len(name) >= 4 and name[0] not in NOT_A_NAME_START
                                  and not name.startswith(_GENERIC_HEAD)):
            counts[name] = count(name)
    for start, end in _org_spans(text):
        name = text[start:end]
        if name.endswith("贷") and text.startswith(("款", "网"), end):
            continue  # 逾期贷款 is no company; 微贷网 is named whole
        if name not in counts and _is_org_name(name) and (count(name) >= 2 or _INTRODUCED.match(text, end)):
            counts[name] = count(name)
    counts = {t: c for n, c in counts.items()
              if (t := _trimmed(n, set(), _suffix_of(n) or ((i := _INSTITUTION.search(n)) and i.group()) or ""))}
    counts = {_widened(text, n): c for n, c in counts.items()}
    # 桥易贷 inside every 金桥易贷 is no name of its own
    counts = {n: c for n, c in counts.items()
              if not any(n != o and n in o and counts[o] >= c for o in counts)}
    counts.update((n, count(n)) for n in _listed_names(text) if n not in counts)
    main = _title_entity(title, set(counts)) if title else None
    if main is not None and main not in counts and (text.count(main) < 2 or not _trimmed(main, set(), _suffix_of(main))):
        main = None  # a headline's first words that the article never names again are no entity (打开APP)
    if main is None and counts:
        main = max(counts, key=counts.get)
    names = set(counts) | ({main} if main else set()) | _given_names(text)
    people = _person_spans(text)
    # a person's later mentions by name alone (周恒 after 借款人周恒), and a party by its role (被告)
    for name in {p[2] for p in people if len(p[2]) >= 2}:
        for m in re.finditer(re.escape(name), text):
            if not any(s <= m.start() < e for s, e, _ in people):
                people.append((m.start(), m.end(), name))
    for m in _matches_from(_PERSON_ROLE, _PERSON_ROLE_START, text) if "告" in text else ():
        if m.group("g"):
            role = text[m.start():m.start("g")].rstrip("：: ")
            for r in re.finditer(re.escape(role) + r"(?![：:人])", text):
                if not any(s <= r.start() < e for s, e, _ in people):
                    people.append((r.start(), r.end(), m.group("g")))
    for m in _ROLE_PERSON.finditer(text):
        name = _person_name(text, m.start("name"), m.group("name"))
        if not any(s <= m.start("name") < e for s, e, _ in people):
            people.append((m.start("name"), m.end("name"), name))
            for r in re.finditer(re.escape(name), text):
                if not any(s <= r.start() < e for s, e, _ in people):
                    people.append((r.start(), r.end(), name))
    parties = [(m.start(k), m.group(k) if k == "c" else _person_name(text, m.start(k), m.group(k)))
               for m in _matches_from(_PARTY, _PARTY_START, text) for k in ("a", "c") if m.group(k)]
    parties += _group_heads(text)
    for at, name in parties:
        if not any(s <= at < e for s, e, _ in people):
            at = text.find(name)
            while at >= 0:
                if not any(s <= at < e for s, e, _ in people):
                    people.append((at, at + len(name), name))
                at = text.find(name, at + len(name))
    people.sort()
    mentions = find_mentions(text, names, people)
    if main is None or main not in names:
        main = _main_mention(mentions, text, title) or main
    openers = frozenset(e for s, e, _ in mentions if text[e:e + 1] in "(（")
    weak = {n for _, _, n in mentions if _REGION.fullmatch(n) or _GOV.fullmatch(n) or n in ("国内", SECTOR)}
    introduced, aliases = set(), set()
    for m in ALIAS.finditer(text):  # 来自甜兔App(下称“甜兔”): the text goes on about it
        aliases.add(m.start("name"))
        i = bisect.bisect_left(mentions, (m.start(),)) - 1
        if i >= 0 and mentions[i][1] == m.start():
            introduced.add(mentions[i][0])
            if mentions[i][2] in weak:
                weak.add(m.group("name"))  # 甘肃省高级人民法院(下称“甘肃高院”)
    renamed = frozenset(s for s, _, _ in mentions if _RENAMED_TO.search(text, max(0, s - 4), s)) if "名" in text \
        else frozenset()
    officers = frozenset(n for s, _, n in people if _OFFICER_BEFORE.search(text, max(0, s - 6), s))
    return Entities(main, tuple(sorted(names, key=len, reverse=True)), tuple(people), mentions, openers,
                    frozenset(weak), frozenset(introduced), frozenset(aliases),
                    "平台" if main is None and len(_PLATFORM_WORD.findall(text)) >= 2 else None, renamed, officers)


# --- mentions ----------------------------------------------------------------------------------

#: Regions that figures are given for (浙江、广州…分别占比…; 中国累计平台数量…).
REGIONS = ("中国|全国|北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
           "四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|深圳|广州|杭州|南京|成都|武汉|西安|苏州|"
           "宁波|青岛|厦门|长沙|郑州|兰州|合肥|济南|福州|东莞|佛山|无锡|温州|昆明|大连|沈阳|哈尔滨|长春|南昌|南宁|贵阳|太原|"
           "石家庄|珠海|如皋")

_NAME_CHARS = rf"[{HAN}A-Za-z0-9]"
#: The lending sector as a whole, however a text names it: one entity, so that its monthly figures group.
SECTOR = "网贷行业"
_SECTOR = re.compile(r"网(?:贷|络借贷)(?:行业|平台(?=总|整体))|[Pp]2[Pp]行业")  # (a P2P before 网贷 is taken below)
#: Names of organisations that need no second mention: full company names, authorities, apps,
#: brands with a platform suffix, cases (e租宝案). Candidates are trimmed of leading function words.
_COMPANY = re.compile(rf"[{HAN}A-Za-z0-9]{{2,24}}?(?:股份有限公司|有限责任公司|有限公司)")
_GOV = re.compile(
    rf"工信部|央行|中国人民银行|人民银行|银保监会|证监会|银监会|公安部|国务院|发改委|最高人民法院|最高法|最高检|"
    rf"国家金融监督管理总局|金融监管总局|互金协会|全国扫黑办|"
    rf"(?:{REGIONS})(?:省|市|自治区)?[{HAN}]{{0,8}}?(?:公安局|分局|检察院|人民法院|法院|检方|警方|金融办|"
    rf"金融局|监管局|银保监局|证监局|扫黑办)"
)
_GOV_NAMES = re.compile(r"工信部|央行|中国人民银行|人民银行|银保监会|证监会|银监会|公安部|国务院|发改委|最高人民法院|最高法|最高检|"
                        r"国家金融监督管理总局|金融监管总局|互金协会|全国扫黑办")
_GOV_SUFFIX = re.compile(r"公安局|分局|检察院|人民法院|法院|检方|警方|金融办|金融局|监管局|银保监局|证监局|扫黑办")
_HAN_RUN = re.compile(rf"[{HAN}]*")


def _authorities(text: str) -> list[tuple[int, int, str]]:
    """What `_GOV.finditer` finds, found from the suffix back (a region at most 8 characters before
    it), which is far cheaper than trying every start position."""
    found = [(m.start(), 0, m.end()) for m in _GOV_NAMES.finditer(text)]
    for m in _GOV_SUFFIX.finditer(text):
        p = m.start()
        lo = max(0, p - 14)
        for r in _REGION.finditer(text, lo, p):
            if p - r.end() <= 8 and _HAN_RUN.match(text, r.end(), p).end() == p:
                end = m.end()
                # a shorter suffix the lazy fill reaches first (…人民法院 before …法院)
                found.append((r.start(), 1, end))
                break
    found.sort()
    out, last = [], 0
    for start, _, end in found:
        if start >= last:
            out.append((start, end, text[start:end]))
            last = end
    return out


#: A platform suffix; the brand is up to five name characters before it (found by looking back from
#: the suffix, which is far cheaper than trying every start position). Each alternative starts with a plain
#: character (网(?<!官网), not (?<!官)网), so the search skips other characters at C speed.
_BRAND = re.compile(
    rf"(?P<suffix>借呗|借条|金条|白条|花呗|创投|财富(?!管理)|金服|钱包|分期|金融(?!信息|服务|监管)|科技|银行|集团|控股|数科|普惠|小贷|"
    rf"信贷|网(?<!官网)(?!络|站|上|友|民|页|点|购|格|贷|红|路)|宝(?!贵|藏|石|马|宝)|股份(?<!存托股份)|资本(?!管理)|证券|基金|信托|保险|"
    rf"App|APP|app|贷(?!款|后|前|中|网|人))(?!机构|行业|领域|产品|业务|服务|模式|风险|市场|公司)"
)
_BRAND_CHAR = re.compile(rf"[{HAN}A-Za-z0-9]")
_COMPANY_CHAR = re.compile(rf"[{HAN}A-Za-z0-9()（）]")
_CASE = re.compile(r"案(?<![方答档提立备报破结办审犯作翻草专个本该此两这起]案)(?![发由情例值源款底头卷子])")
_CASE_CHAR = re.compile(rf"[{HAN}A-Za-z0-9“”\"·.]")
#: Words that end what comes before a case's name: 对王伟等34人…案, 涉及国内“蓝天格锐”…案.
_CASE_CUT = re.compile(r".*(?:的|对|在|是|将|了|为|有|与|和|及|涉及|属于|系|创下|任何|即|一起|一个|这一|该|此)")
_CASE_AMOUNT = re.compile(r"[\d.]+(?:多|余)?[万亿千百]*元")
#: A case given as an example, with what happened after the colon: 2025年3·15曝光的案例：
_EXAMPLE_CASE = re.compile(r"案例(?=[：:])")
_EXAMPLE_CUT = re.compile(r".*(?:如|的|是|为|有|在|即|了)")
#: Loan products known by their own name alone.
_PRODUCT = re.compile(r"借呗|花呗")
_NAME_BEFORE = re.compile(rf"[{HAN}A-Za-z0-9]")
#: What a case's name may hold besides its owner: 特大非法集资, 百亿级, 国内.
_CASE_WORDS = re.compile(r"(?:特大|重大|大|要|国内|全国|百亿|千亿|亿元|级别|级|规模|非法吸收公众存款|非法集资|集资诈骗|诈骗|"
                         r"洗钱|套路贷|涉黑|\d+|[年月日])*")


def _case_mention(text: str, at: int, end: int, names: set[str]) -> tuple[int, int, str] | None:
    """The case named before 案 at `at` (end: after 案), as a mention, or None when no one's case is
    named (百亿级非法集资案, 第一大案). The name is its owner and charge, an amount left out
    (2008年X省Y市焦英霞20亿元非法集资案件 -> 焦英霞非法集资案); a quoted name counts from its quote."""
    start = _look_back(text, at, _CASE_CHAR, 24)
    run = text[start:at]
    cut = _CASE_CUT.match(run)
    if cut:
        start, run = start + cut.end(), run[cut.end():]
    quoted = re.search(r"[“\"]([^”\"]{1,10})[”\"]", run)
    if quoted and quoted.group(1) not in GENERIC:  # “小牛资本”非法集资案 -> 小牛资本非法集资案
        start, run = start + quoted.start(), run[quoted.start():].replace(quoted.group(), quoted.group(1), 1)
    elif quoted:  # 甘肃兰州特大“套路贷”案: a kind of case, named by its place
        region = _REGION.search(run, 0, quoted.start())
        if not region:
            return None
        return start + region.start(), end, run[region.start():] + "案"
    owner, charge = run, ""
    amount = _CASE_AMOUNT.search(run)
    if amount:
        owner, charge = run[:amount.start()], run[amount.end():]
    place = max(owner.rfind(c) for c in "省市县区")
    owner = owner[place + 1:] if place >= 0 else owner
    owner = re.sub(r"^\d{2,4}年", "", owner)
    name = owner + charge + "案"
    rest = _CASE_WORDS.sub("", owner)
    if len(owner) < 2 or not (quoted or re.search("[A-Za-z]", owner) or owner.endswith("类")
                              or (amount and len(owner) <= 3 and _HAN_RUN.fullmatch(owner)) or owner in names
            or (rest and rest[0] in SURNAMES and len(rest) >= 2) or _COMPANY_LIKE.search(rest)):
        return None
    return start, end, name


def _look_back(text: str, end: int, chars: re.Pattern, most: int) -> int:
    """Where a run of `chars` ending at `end` starts, at most `most` characters back (one search in C:
    the leftmost start from which the run reaches `end`)."""
    run = _RUNS.get(chars.pattern)
    if run is None:
        run = _RUNS[chars.pattern] = re.compile(f"(?:{chars.pattern})+\\Z")
    m = run.search(text, max(0, end - most), end)
    return m.start() if m else end


_RUNS: dict[str, re.Pattern] = {}
_BAD_START = set("个下比如例某这那该其每各此本全多几数一二两三四五六七八九十第从在于向对由与和及或被把将让的了是为有自来"
                 "属据称即系至到给跟同打开下载使用登录注册以")
_GENERIC_HEAD = ("互联", "网络", "数字", "消费", "普惠", "科技", "传统", "供应", "网贷", "借贷", "民间", "小额", "正规", "持牌",
                 "大型", "中小", "头部", "平台", "公司", "银行", "家庭", "金融", "理财", "投资", "信用", "现金", "校园", "控股",
                 "集团", "科技", "资本", "证券", "基金", "信托", "保险", "股份", "电子", "网上", "线上", "线下", "手机",
                 "随着", "随著", "伴随", "现代", "当代", "如今", "周转", "还款", "分期", "这类", "此类", "违规", "短期",
                 "套路", "放贷", "互金", "不良", "时内", "小时", "分钟", "系统", "机构", "非法", "违规", "合规", "高息")
_VERB_END = re.compile(r"(?:放贷|借贷|网贷|助贷|房贷|车贷|现金贷|校园贷|套路贷|高利贷|消费贷|经营贷|信用贷|抵押贷)$")


_LEAD_WORDS = {"关于", "来自", "属于", "其中", "通过", "对于", "由于", "因为", "以及", "包括", "比如", "例如", "其因", "涉及",
               "作为", "旗下", "目前", "已经", "同时", "此外", "据悉", "其余", "特大", "知名", "著名", "老牌", "头部", "大型",
               "一家", "这家", "该", "下载", "打开", "使用", "登录", "注册", "安装"}


def _drop_lead_words(name: str) -> str:
    for w in sorted(_LEAD_WORDS, key=len, reverse=True):
        at = name.rfind(w, 0, max(0, len(name) - 6))
        if at >= 0 and len(w) >= 2:
            name = name[at + len(w):]
    return name


_STOP_TOKENS = {"的", "等", "和", "与", "及", "为", "是", "在", "于", "对", "向", "从", "由", "被", "把", "将", "了", "来自",
                "属于", "通过", "关于", "包括", "其", "或", "而", "也", "都", "就", "还", "又", "但", "之", "各", "每", "该",
                "下载", "打开", "安装", "使用", "登录", "注册", "点击", "进入", "旗下", "下", "据", "经", "让", "给"}


@lru_cache(maxsize=8192)
def _brand_head(prefix: str) -> str | None:
    """The brand part of the words before a company suffix: the last word, or the last two when
    the last is one character (现场为红岭|创投 -> 红岭, 下道口|贷 -> 道口); None after a function word."""
    tokens = jieba.lcut(prefix, HMM=False)  # (HMM would glue unknown characters: 抵押或珠|宝)
    if not tokens or tokens[-1] in _STOP_TOKENS:
        return None
    head = tokens[-1]
    if len(head) == 1 and len(tokens) > 1 and tokens[-2] not in _STOP_TOKENS:
        head = tokens[-2] + head  # 道口|贷, 鼎盛|e贷
    if len(head) == 2 and head[1] in "着了过":
        return None  # 看着APP: a verb, no brand
    return head


def _common_word(word: str) -> bool:
    """A frequent dictionary word (现代, 随着, 家庭) before a suffix makes no brand (现代金融);
    brands are rare words (京东 70, 拍拍 638, 平安 1,438 in jieba's dictionary) or none."""
    return jieba.dt.FREQ.get(word, 0) > 2000


def _suffix_of(name: str) -> str:
    return next((x for x in ORG_SUFFIX if name.endswith(x)), "")


def _trimmed(name: str, known: set[str], suffix: str = "") -> str | None:
    """A candidate name without leading words that are not part of it, or None when what is
    left is no name."""
    for k in range(3, len(name)):  # a known name it ends with (平台道口贷 -> 道口贷)
        if name[-k:] in known:
            return name[-k:]
    prefix = name[: len(name) - len(suffix)] if suffix else name
    if len(prefix) > 2 or (prefix and prefix[0] in _BAD_START):
        head = _brand_head(prefix)
        if head is None:
            return None
        name = head + name[len(prefix):]
    if len(name) < 3 or name in GENERIC or name.startswith(_GENERIC_HEAD) or len(name) - len(suffix) < 2:
        return None
    return name


#: The head of a list item names what the item is about: `1. 微粒贷(微众银行):…`.
_ITEM_HEAD = re.compile(
    rf"(?m)^\s*(?:\d{{1,2}}[.、．]|[一二三四五六七八九十]{{1,2}}、|[(（][一二三四五六七八九十\d]{{1,2}}[)）])\s*"
    rf"(?P<name>{_NAME_CHARS}{{2,10}}?)(?=[(（:：])"
)
_REGION = re.compile(rf"(?:{REGIONS})(?:省|市|自治区)?")

#: People named by a role: 创始人周世平, 实际控制人丁宁, 董事长张三.
_ROLE_PERSON = re.compile(
    rf"(?:创始人|联合创始人|创办人|实际控制人|实控人|董事长|总经理|法定代表人|法人代表|CEO|总裁|董事|负责人|独立投资人|"
    rf"股东|行长|主席|首席执行官|副总裁)(?:为|是|:|：)?(?P<name>[{SURNAMES}][{HAN}]{{1,2}}?)"
    rf"(?=等|与|和|及|在|于|的|曾|是|为|称|表示|说|因|被|，|,|。|、|（|\(|\d|$|[一二三四五六七八九]|早|一)"
)
#: People named by their part in a case, their trade or their post (被告人吴丙, 主犯王伟, 工程师陈杰,
#: 董事长金利斌), the first of a group (王伟等34人, 戴志康等41名), a pseudonym (向涂某某借款, 向季乙借款).
_PARTY = re.compile(
    rf"(?:被告人|犯罪嫌疑人|嫌疑人|主犯|从犯|首犯|被告|原告|上诉人|被害人|受害人|工程师|律师|教师|医生|店主|商人|"
    rf"董事长|总经理|实际控制人|法定代表人|创始人)(?P<a>[{SURNAMES}](?:某某|某|[{HAN}]{{1,2}}))"
    rf"|[向对与和及、](?P<c>(?![向于某其该这此每各])[{HAN}]"
    rf"(?:某某|某(?![年月日天些种个位家项次人处地时期公企机单网平样类一])|[甲乙丙丁戊]|[A-Z](?![A-Za-z])))"
)
_PARTY_START = re.compile("|".join("被犯嫌主从首原上受工律教医店商董总实法创向对与和及、"))  # (what a match starts with)
_GROUP = re.compile(r"等(?:\d+|[一二三四五六七八九十百]+)?[人名](?![才员士群口])")


def _group_heads(text: str) -> list[tuple[int, str]]:
    """The person heading a group (王伟等34人, 戴志康等41名), found back from 等…人: the three-character
    name when it recurs as often as its last two characters, else the two-character one."""
    out = []
    for m in _GROUP.finditer(text):
        p = m.start()
        three, two = text[max(0, p - 3):p], text[max(0, p - 2):p]
        if len(three) == 3 and three[0] in SURNAMES and _HAN_CHAR.fullmatch(three[1]) and _HAN_CHAR.fullmatch(three[2]) \
                and text.count(three) == text.count(two):
            name = three
        elif len(two) == 2 and two[0] in SURNAMES and _HAN_CHAR.fullmatch(two[1]):
            name = two
        else:
            continue
        if name not in GENERIC and not _common_word(name):  # 金融等人才
            out.append((p - len(name), name))
    return out


#: Characters that end a name rather than continue it (王伟获刑, 吴丙作为).
_AFTER_NAME = set("被获在于的是等称说表自向以因和与及则也都已将曾又还就对把为从作当、，,。；;：:（( ")


def _person_name(text: str, start: int, found: str) -> str:
    """The name at `start` (`found` is what the pattern took, 2 or 3 characters): the three-character
    form when the third character continues the name wherever the first two appear."""
    if found.endswith("某某") or (len(found) == 2 and found[1] == "某"):
        return found
    two, three = text[start:start + 2], text[start:start + 3]
    if len(three) < 3 or three[2] in _AFTER_NAME or not re.match(f"[{HAN}]", three[2]):
        return two
    c2, c3 = text.count(two), text.count(three)
    return three if c3 == c2 else two


def find_mentions(text: str, names: set[str], people: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """Every mention of an entity: names found by `find_entities`, names that need one mention
    (company names, authorities, apps, brands, cases), list-item heads, regions and people.
    Overlaps keep the earliest, then the longest."""
    spans: list[tuple[int, int, str]] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name), name))
            start = text.find(name, start + len(name))
    spans += _companies(text)
    spans += _authorities(text)
    for m in _CASE.finditer(text):
        case = _case_mention(text, m.start(), m.end(), names)
        if case:
            spans.append(case)
    for m in _EXAMPLE_CASE.finditer(text):  # 典型如2025年3·15曝光的案例：借款5000元…
        run = text[_look_back(text, m.start(), _CASE_CHAR, 16):m.start()]
        run = run[:-1] if run.endswith("的") else run
        cut = _EXAMPLE_CUT.match(run)
        run = run[cut.end():] if cut else run
        if len(run) >= 2:
            spans.append((m.start() - len(run), m.end(), run + "案例"))
    for m in _PRODUCT.finditer(text):  # 借呗5.475%-21.9% (not 蚂蚁借呗: a brand of its own)
        if not (m.start() and _NAME_BEFORE.match(text, m.start() - 1)):
            spans.append((m.start(), m.end(), m.group()))
    for m in _BRAND.finditer(text):
        name = text[_look_back(text, m.start(), _BRAND_CHAR, 5):m.end()]
        if len(name) == len(m.group()):
            continue  # a suffix with no name before it
        if _VERB_END.search(name) and name not in names:
            continue
        suffix = m.group("suffix")
        name = _trimmed(name, names, suffix)
        if not name or (name not in names and _common_word(name[: len(name) - len(suffix)])):
            continue
        spans.append((m.end() - len(name), m.end(), name))
    for m in _ITEM_HEAD.finditer(text):
        name = clean_entity(m.group("name"))
        if name not in GENERIC and not PRONOUN.fullmatch(name):
            spans.append((m.start("name"), m.start("name") + len(name), name))
    for m in _REGION.finditer(text):
        spans.append((m.start(), m.end(), m.group()))
    for m in _SECTOR.finditer(text):  # P2P网贷行业的成交量, 网贷平台总成交量: figures of the whole sector
        start = m.start() - 3 if text[max(0, m.start() - 3):m.start()] in ("P2P", "p2p") else m.start()
        spans.append((start, m.end(), SECTOR))
    at = text.find("国内")
    while at >= 0:  # 国内P2P运营平台数已增至2935家: figures for the whole country (not 在国内, 中国内地)
        if not (at and _HAN_CHAR.match(text, at - 1)):
            spans.append((at, at + 2, "国内"))
        at = text.find("国内", at + 2)
    spans += people
    spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str]] = []
    for sp in spans:
        if out and sp[0] < out[-1][1]:
            continue
        out.append(sp)
    return tuple(out)


def _main_mention(mentions: tuple[tuple[int, int, str], ...], text: str, title: str) -> str | None:
    """The entity the article is about: the first organisation its title names, else the one
    it names most often (regions and authorities never)."""
    strong = [m for m in mentions if not (_REGION.fullmatch(m[2]) or _GOV.fullmatch(m[2]) or m[2] == SECTOR)]
    if title:
        t0 = text.find(title)
        first = next((m for m in strong if t0 >= 0 and t0 <= m[0] < t0 + len(title)), None)
        if first:
            return first[2]
    counts: dict[str, int] = {}
    for m in strong:
        counts[m[2]] = counts.get(m[2], 0) + 1
    best = max(counts, key=lambda n: (counts[n], -text.find(n))) if counts else None
    return best if best and (counts[best] >= 2 or len(counts) == 1) else None  # not one of names met once


_FRONT = set("是在于由和与及对从向将把被为的了据称即系本文以属")


def _trim_front(name: str) -> str:
    while len(name) > 4 and name[0] in _FRONT:
        name = name[1:]
    return name

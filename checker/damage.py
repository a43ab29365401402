"""Find damaged text: mojibake runs, dropped words, machine-translation leftovers.

Each finder works on the normalised text and reports spans in it; `find_damage`
maps them to the original. A claim whose evidence touches a damaged span carries
the damage kind in its `flags`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import _TONED, HAN, Normalized

MOJIBAKE = "mojibake"
DROPPED_WORD = "dropped_word"
MT_LEFTOVER = "mt_leftover"


@dataclass(frozen=True)
class Damage:
    """kind (str): mojibake, dropped_word or mt_leftover. start, end (int): span in the
    original text. text (str): the damaged original text."""

    kind: str
    start: int
    end: int
    text: str

    def to_row(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


# A character that does not belong in Chinese prose: replacement char, bopomofo,
# private use, Latin-1 letters, a stray ASCII '?' or '^' glued to Han text.
_ODD = re.compile(rf"\?[a-z{_TONED}]{{1,6}}\)|[\ufffd\u3100-\u312f\ue000-\uf8ff\u00c0-\u00ff]|(?<=[{HAN}?\u3100-\u312f。，,])[?^]|[?^](?=[{HAN}?\u3100-\u312f^a-z])")
_QUESTION_END = re.compile(r"(吗|呢|么|吧|否|何|啥|谁|几)$")

# A word missing between two Han characters, or after an enumeration comma.
_DROPPED = [
    re.compile(rf"[ \u3000](?<=[{HAN}][ \u3000])[ \u3000]*(?=[{HAN}])"),  # 全 经济, 包括 催收 (space first: fast)
    re.compile(r"[、,，](?:[ \u3000]*(?=等(?!待|到|候|于|同|级|额|一下))|(?<=、)[ \u3000]+)"),  # 短信、 等, not ，等待 (one class first: fast)
    re.compile(r"[、，,](?=[、，,。])"),  # a list item gone: 、、
    # 问题 with 题 dropped by the scraper: a bare 问 before punctuation or a particle
    re.compile(r"问(?<![询访提疑请学顾发审拷追盘过慰反答责设被]问)(?=[,，。、；;也仍的和及与])(?!及)"),
]
# Lower-case Latin words glued to Han text (信用worthiness); short ones such as app are fine.
_MT = re.compile(rf"[a-z](?:(?<=[{HAN}][a-z])[a-z]{{3,}}|[a-z]{{3,}}(?=[{HAN}]))")


def _merge(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s - out[-1][1] <= gap:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


#: Signs of mojibake strong enough on their own: U+FFFD, a glossed '?', bopomofo, private use.
_STRONG = frozenset("\ufffd)") | frozenset(chr(c) for c in [*range(0x3100, 0x3130), *range(0xE000, 0xF900)])


#: Every _ODD match holds one of these (a text without one is not searched).
_ODD_SIGN = re.compile("[?^\ufffd\u3100-\u312f\ue000-\uf8ff\u00c0-\u00ff]")


def _mojibake(text: str) -> list[tuple[int, int]]:
    hits = []
    for m in (_ODD.finditer(text) if _ODD_SIGN.search(text) else ()):
        if m.group() == "?" and _QUESTION_END.search(text[max(0, m.start() - 3):m.start()]):
            continue
        hits.append((m.start(), m.end()))
    runs = _merge(hits, gap=3)
    strong = _STRONG
    # A lone stray '?' is not enough evidence; a run of two or a strong sign is.
    return [(s, e) for s, e in runs
            if sum(1 for a, b in hits if s <= a < e) >= 2 or any(c in strong for c in text[s:e])]


#: A figure right before a space: 3.2亿元 投资人.
_FIGURE_END = re.compile(r"\d[\d.,]*[万亿千百]*(?:元|%|人|家|笔|个|条|起|次|倍|年|月|日|楼|页|层)?】?$|@[^\s]{1,12}$")
#: Lines where spaces separate words on purpose: bylines and datelines (本报讯 记者 李明).
_BYLINE = re.compile(r"记者|本报讯|通讯员|编辑|作者|来源|摄影|发布时间|版权|ICP|备案|Copyright|标签|关键词|Tags|回复|共\d+页")


#: Han text with no punctuation, up to a space (before) or from it (after).
_PHRASE_BEFORE = re.compile(rf"[{HAN}]{{4,}}$")
_PHRASE_AFTER = re.compile(rf"[{HAN}]{{4,}}")
_SPACE_GAP = re.compile(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])")


def _spaced(text: str, line: str, s: int, e: int) -> bool:
    """Whether a space between Han characters separates words on purpose: a line of words set apart
    by spaces (人民币 人民币 美元, 刑 事 判 决 书, a byline of names), or two whole phrases side by
    side (a title and its subtitle: 平台出现逾期 平台称将兜底, a menu: 行业新闻 网站公告);
    a word dropped inside a clause (受全 经济放缓, 包括 催收) leaves a short stretch before the space."""
    if len(_SPACE_GAP.findall(line)) >= 2:
        return True
    return bool(_PHRASE_BEFORE.search(text, max(0, s - 4), s) and _PHRASE_AFTER.match(text, e))


def find_dropped(text: str) -> list[tuple[int, int]]:
    """Spans (normalised offsets) where a word was dropped: 通过短信、 等, 包括 催收, 全 经济.
    A space after a figure (3.2亿元 投资人) or in a byline is a separator, not a gap."""
    out = []
    for i, pattern in enumerate(_DROPPED):
        for m in pattern.finditer(text):
            s, e = m.start(), max(m.end(), m.start() + 1)
            if i == 0:
                line0 = text.rfind("\n", 0, s) + 1
                line1 = text.find("\n", e)
                line = text[line0:line1 if line1 >= 0 else len(text)]
                if _FIGURE_END.search(text, max(line0, s - 12), s) or _BYLINE.search(line) or \
                        line.count("\u3000") >= 2 and "\u3000" in m.group() or _spaced(text, line, s, e):
                    continue  # a figure, a byline or footer, a list of tags or words set apart by spaces
            out.append((max(0, s - 1), min(len(text), e + 1)))
    return out


def find_damage(norm: Normalized, dropped: list[tuple[int, int]] | None = None) -> list[Damage]:
    """norm (Normalized): the article. dropped (list): `find_dropped(norm.text)` when the caller has
    it already. RETURNS (list): damaged spans, in original offsets."""
    text = norm.text
    found: list[tuple[str, int, int]] = [(MOJIBAKE, s, e) for s, e in _mojibake(text)]
    found += [(DROPPED_WORD, s, e) for s, e in (find_dropped(text) if dropped is None else dropped)]
    found += [(MT_LEFTOVER, m.start(), m.end()) for m in _MT.finditer(text)]
    out = []
    for kind, s, e in sorted(found, key=lambda f: (f[1], f[0])):
        os_, oe = norm.to_original(s, e)
        out.append(Damage(kind, os_, oe, norm.original[os_:oe]))
    return out


def flags_for(span: tuple[int, int], damage: list[Damage], margin: int = 2) -> list[str]:
    """The damage kinds touching an original span (within `margin` characters)."""
    s, e = span
    return sorted({d.kind for d in damage if d.start < e + margin and d.end > s - margin})

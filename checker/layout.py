"""Page layout of a scraped article: title, publication line, boilerplate.

Works line by line on the normalised text. Boilerplate lines (report-infringement
contacts, "open the app", "latest articles", disclaimers) yield no claims; the
title, publication time and source are kept as article metadata.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from .normalize import Normalized
from .numbers import iso_date

_BOILERPLATE = re.compile(
    r"侵权|删帖|举报.{0,6}(联系|电话|邮箱)|打开\s*app|app\s*内查看|在app内|最新文章|随机看看|查看更多|相关阅读|推荐阅读"
    r"|特别声明|免责声明|本文为.{0,8}(上传|发布)|仅代表作者观点|版权归|转载请注明|扫码|关注公众号|点击查看|上一篇|下一篇"
    r"|@qq\.com|^\s*(责任编辑|编辑|来源)\s*[:：]",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(r"^(最新文章|随机看看|相关阅读|推荐阅读|热门文章|相关文章|猜你喜欢|延伸阅读)")
_DATETIME = re.compile(
    r"(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)
_PUBLISHED = re.compile(r"(发布|发表|更新|时间|日期)\s*(时间|日期)?\s*[:：]?\s*$")
_SOURCE = re.compile(r"来源\s*[:：]\s*(?P<source>[^|｜\n]+)")


@dataclass(frozen=True)
class Line:
    """start, end (int): span in the normalised text. kind (str): title, meta, boilerplate or body."""

    start: int
    end: int
    kind: str


@dataclass
class Layout:
    """The article's lines and metadata (title, published ISO string, published_span in the
    normalised text, source)."""

    lines: list[Line]
    title: str = ""
    published: str | None = None
    published_span: tuple[int, int] | None = None
    source: str | None = None
    meta: dict = field(default_factory=dict)

    @cached_property
    def _starts(self) -> list[int]:
        return [line.start for line in self.lines]

    def line_index(self, pos: int) -> int | None:
        """The index of the line holding a normalised offset (its end counted in), by bisection."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i if i >= 0 and pos <= self.lines[i].end else None

    def kind_at(self, pos: int) -> str | None:
        """title, meta, boilerplate or body for the line holding `pos` (None between lines)."""
        i = self.line_index(pos)
        return self.lines[i].kind if i is not None and pos < self.lines[i].end else None


def _looks_like_title(line: str) -> bool:
    """A headline: short, and not a sentence of the body (no 。 before its end)."""
    return len(line) <= 60 and not re.search(r"[。；;]", line[:-1]) and not line.endswith("。")


def analyse(norm: Normalized, head_lines: int = 6) -> Layout:
    """norm (Normalized): the article. RETURNS (Layout): lines classified, metadata found."""
    text = norm.text
    lines: list[Line] = []
    layout = Layout(lines)
    pos = 0
    seen_content = 0
    in_footer = False  # after "最新文章" and the like, every line is a link to another page
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        kind = "body"
        is_meta_line = (seen_content < max(head_lines, 1) and len(stripped) <= 60  # (only the head can be meta)
                        and bool(_DATETIME.search(raw) or _SOURCE.search(raw)))
        if seen_content == 0 and not is_meta_line and _looks_like_title(stripped):
            kind = "title"
            layout.title = norm.unglossed(*norm.to_original(start + len(raw) - len(raw.lstrip()),
                                                            start + len(raw.rstrip())))
        elif seen_content < head_lines and is_meta_line:
            dt = _DATETIME.search(raw)
            src = _SOURCE.search(raw)
            if dt and (len(stripped) - len(dt.group()) <= 30) and (layout.published is None):
                before = raw[: dt.start()]
                if _PUBLISHED.search(before) or not re.search(r"[。，,]", stripped):
                    kind = "meta"
                    layout.published = iso_date(dt["y"], dt["m"], dt["d"], dt["H"], dt["M"], dt["S"])
                    layout.published_span = (start + dt.start(), start + dt.end())
                    column = re.sub(r"(发布|发表|更新)?\s*(时间|日期)\s*[:：]?", "", before).strip(" |｜")
                    if column:
                        layout.meta["column"] = column
            if src:
                kind = "meta"
                layout.source = src.group("source").strip()
        if kind == "body" and (in_footer or _BOILERPLATE.search(stripped)):
            kind = "boilerplate"
            in_footer = in_footer or bool(_FOOTER_START.search(stripped))
        lines.append(Line(start, end, kind))
        seen_content += 1
    return layout

"""Every word a reviewer reads, in one table: Simplified Chinese first, English as a setting.

`t(key, lang)` gives a label; `parse_verdict` and `parse_predicate` read what a person types
(the CLI accepts the labels it prints: 成立于, 已核实, 矛盾). Dates and numbers are written
the Chinese way by `date_text` and `number_text`. No Streamlit here: pages, CLI and CSV use it.
"""
from __future__ import annotations

from .models import VERDICTS
from .normalize import fold
from .vocabulary import PREDICATES

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

#: key -> (Simplified Chinese, English)
TEXT: dict[str, tuple[str, str]] = {
    # verdicts, statuses, damage flags
    "verdict.verified": ("已核实", "verified"),
    "verdict.unsupported": ("无依据", "unsupported"),
    "verdict.contradictory": ("与来源矛盾", "contradictory"),
    "verdict.open": ("未审", "open"),
    "status.conflict": ("矛盾", "conflict"),
    "status.empty": ("缺失", "empty"),
    "status.changed": ("变化", "changed over time"),
    "status.agree": ("一致", "agree"),
    "status.single": ("单一来源", "single source"),
    "flag.mojibake": ("乱码", "mojibake"),
    "flag.dropped_word": ("缺字", "dropped word"),
    "flag.mt_leftover": ("机翻残留", "machine-translation leftover"),
    "flag.empty": ("空值", "empty fact"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "stale": ("文章已更新", "article updated"),
}

#: words a person may type for a verdict, beyond the labels above
VERDICT_WORDS = {
    "verified": ("已核实", "核实", "属实", "verified", "v"),
    "unsupported": ("无依据", "无根据", "unsupported", "u"),
    "contradictory": ("与来源矛盾", "矛盾", "自相矛盾", "contradictory", "x"),
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The label for `key` in `lang` ("zh" or "en"), with {placeholders} filled in."""
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def verdict_label(verdict: str | None, lang: str = DEFAULT_LANG) -> str:
    return t(f"verdict.{verdict or 'open'}", lang)


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"status.{status}", lang)


def flag_label(flag: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"flag.{flag}", lang) if f"flag.{flag}" in TEXT else flag


def predicate_label(name: str, lang: str = DEFAULT_LANG) -> str:
    """成立于 (Chinese) or `founded (成立于)` (English)."""
    p = PREDICATES.get(name)
    if p is None:
        return name
    return p.label if lang != "en" else f"{name} ({p.label})"


def parse_verdict(word: str) -> str:
    """verified / unsupported / contradictory from any accepted word (已核实, 无依据, 矛盾, …).
    RAISES ValueError: naming the words accepted."""
    w = fold((word or "").strip()).lower()
    for verdict, words in VERDICT_WORDS.items():
        if w in words:
            return verdict
    accepted = " / ".join(f"{v} ({'、'.join(x for x in VERDICT_WORDS[v][:3])})" for v in VERDICTS)
    raise ValueError(f"unknown verdict {word!r}: use {accepted}")


def parse_predicate(word: str) -> str:
    """A predicate id from its id or its Chinese label, Simplified or Traditional (成立于, 成立於,
    founded). RAISES ValueError: unknown predicate."""
    w = fold((word or "").strip())
    if w in PREDICATES:
        return w
    for p in PREDICATES.values():
        if w == p.label:
            return p.name
    raise ValueError(f"unknown predicate {word!r}: use one of "
                     + ", ".join(f"{p.label} ({p.name})" for p in PREDICATES.values()))

"""The text the extractor sees: glosses stripped, Traditional folded to Simplified,
full-width ASCII folded to half-width, with a map back to the original text.

The UI always shows the original; every offset the extractor produces on the
normalised text goes back through `Normalized.to_original`, so highlights land
exactly on the original characters (glosses included).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import opencc
from pypinyin import Style, pinyin

_T2S = opencc.OpenCC("t2s")

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_GLOSS = re.compile(rf"[(（](?<=[{HAN}][(（])([a-z{_TONED}üv]{{1,7}})[)）]")  # bracket first: fast to scan


def _plain(syllable: str) -> str:
    """Tone marks off, ü as v: `lǜ` -> `lv`."""
    s = unicodedata.normalize("NFD", syllable.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
                              .replace("ǚ", "v").replace("ǜ", "v"))
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _readings(ch: str) -> frozenset[str]:
    out = set()
    for style in (Style.NORMAL, Style.TONE):
        for r in pinyin(ch, style=style, heteronym=True)[0]:
            out.add(r)
            out.add(_plain(r))
    return frozenset(out)


def is_gloss(char: str, content: str) -> bool:
    """Whether `(content)` after `char` is an injected pinyin gloss, not a real parenthesis.

    A gloss is lower-case pinyin: one of the character's readings, or any syllable
    carrying a tone mark (the scrapers' pinyin is not always the dictionary's).
    """
    if any(c in _TONED for c in content):
        return True
    return content in _readings(char) or _plain(content) in _readings(char)


def find_glosses(text: str) -> list[tuple[int, int]]:
    """text (str): original text. RETURNS (list): (start, end) of every gloss, parentheses included."""
    return [(m.start(), m.end()) for m in _GLOSS.finditer(text) if is_gloss(text[m.start() - 1], m.group(1))]


#: Full-width punctuation that stays as it is (Chinese text uses it as such).
_KEEP_WIDE = frozenset("（），：；！？")


def _fold_width(ch: str) -> str:
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E and ch not in _KEEP_WIDE:
        return chr(o - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """One character to its Simplified, half-width form (always one character)."""
    ch = _fold_width(ch)
    out = _T2S.convert(ch).translate(_VARIANTS)
    return out if len(out) == 1 else ch


#: Wrong-variant characters that scrapers and converters leave and OpenCC keeps (縂计 is 总计).
_VARIANTS = str.maketrans("縂訢敭曏麪尅爲衆綫纔衹祗啓脣雲峯", "总欣扬向面克为众线才只只启唇云峰")


_WIDTH = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F) if chr(o) not in _KEEP_WIDE} | {0x3000: " "}


#: Whether a text holds a character `_WIDTH` or `_VARIANTS` changes (translating costs far more than looking).
_WIDE = re.compile("[" + "".join(map(chr, _WIDTH)) + "]")
_VARIANT = re.compile("[" + "".join(map(chr, _VARIANTS)) + "]")


def fold(text: str) -> str:
    """Traditional to Simplified and full-width ASCII to half-width, length-preserving."""
    width = text.translate(_WIDTH) if _WIDE.search(text) else text
    out = _T2S.convert(width)
    out = out.translate(_VARIANTS) if _VARIANT.search(out) else out
    if len(out) == len(width):
        return out
    return "".join(fold_char(c) for c in text)


@dataclass(frozen=True)
class Normalized:
    """original (str): the decoded text. text (str): what the extractor sees.
    offsets (tuple): offsets[i] is the index in `original` of text[i].
    glosses (tuple): (start, end) of each stripped gloss in `original`."""

    original: str
    text: str
    offsets: tuple[int, ...] = field(repr=False)
    glosses: tuple[tuple[int, int], ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A span of `text` (end exclusive) to the span of `original` it came from."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def unglossed(self, start: int, end: int) -> str:
        """The original text of a span without its pinyin glosses (導(dǎo)語 -> 導語)."""
        out, pos = [], start
        for g0, g1 in self.glosses:
            if g1 <= start or g0 >= end:
                continue
            out.append(self.original[pos:max(pos, g0)])
            pos = max(pos, g1)
        out.append(self.original[pos:end])
        return "".join(out)



def normalize(original: str) -> Normalized:
    """original (str): decoded text. RETURNS (Normalized): folded text with its offset map."""
    glosses = find_glosses(original)
    keep: list[int] = []
    pos = 0
    for start, end in glosses:
        keep.extend(range(pos, start))
        pos = end
    keep.extend(range(pos, len(original)))
    kept = "".join(original[a:b] for a, b in zip([0] + [e for _, e in glosses], [s for s, _ in glosses] + [len(original)]))
    return Normalized(original, fold(kept), tuple(keep), tuple(glosses))

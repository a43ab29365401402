"""Turn the bytes of an uploaded or scraped file into text, by evidence.

A chain of "try codecs until one does not fail" is wrong for Chinese: Big5 bytes
decode as GB18030 without any error and give garbage. So every candidate decoding
is scored for plausibility (the share of its Han characters that are common
characters once folded to Simplified), and the best plausible one wins. When no
candidate is plausible the file is refused with a message rather than ingested
as garbage.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

from .errors import InputError

#: Candidates tried besides what charset-normalizer proposes.
CANDIDATES = ("utf_8", "gb18030", "big5", "big5hkscs", "utf_16")
#: Below this share of common characters a decoding is taken for garbage.
PLAUSIBLE = 0.85


@dataclass(frozen=True)
class Decoded:
    """text (str): the decoded text. encoding (str): the codec that produced it.
    plausibility (float): share of common Han characters, 1.0 for text with none."""

    text: str
    encoding: str
    plausibility: float


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@lru_cache(maxsize=65536)
def _is_common(ch: str) -> bool:
    """A Han character is common when its Simplified form is in GB2312 level 1
    (the 3,755 most frequent characters) or level 2 (a further 3,008)."""
    from .normalize import fold_char

    try:
        lead = fold_char(ch).encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xF7


def plausibility(text: str, sample: int = 20000) -> float:
    """text (str): decoded text. RETURNS (float): share of its Han characters that are common."""
    han = [c for c in text[:sample] if _is_han(c)]
    if not han:
        return 1.0
    return sum(_is_common(c) for c in han) / len(han)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte; anything else is binary.
        evens, odds = head[0::2], head[1::2]
        if not (evens.count(0) > len(evens) * 0.3 or odds.count(0) > len(odds) * 0.3):
            return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def decode_bytes(data: bytes, name: str = "input") -> Decoded:
    """Decode a file's bytes to text.

    data (bytes): the raw file. name (str): used in error messages.
    RETURNS (Decoded): the text and the encoding chosen.
    RAISES InputError: empty, binary, or no plausible decoding.
    """
    if not data.strip():
        raise InputError(name, "the file is empty")
    for bom, enc in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return Decoded(text, enc, plausibility(text))
    if _looks_binary(data):
        raise InputError(name, "this is not a text file (binary content)")
    try:
        text = data.decode("utf_8")
        return Decoded(text, "utf_8", plausibility(text))
    except UnicodeDecodeError:
        pass
    proposals = [m.encoding for m in charset_normalizer.from_bytes(data[:200000])]
    best: Decoded | None = None
    for enc in dict.fromkeys([*proposals, *CANDIDATES]):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        found = Decoded(text, enc, plausibility(text))
        if best is None or found.plausibility > best.plausibility:
            best = found
    if best is None or best.plausibility < PLAUSIBLE:
        share = f" (best guess {best.encoding}, {best.plausibility:.0%} common characters)" if best else ""
        raise InputError(
            name,
            "the encoding could not be determined with confidence" + share
            + "; save the file as UTF-8 and try again",
        )
    if best.encoding == "gb18030" and best.text.isascii():
        best = Decoded(best.text, "ascii", best.plausibility)
    return best

"""Decoding fuzz: random pieces (12-120 characters) of the sample articles in data/, saved in
each encoding, read back through `decode_bytes`. Every piece must come back as its exact text
or be refused; "wrong" counts pieces stored as anything else (it must be 0 everywhere).

    python scripts/fuzz_decode.py [N]      # N pieces per encoding (default 2000): prints the table

Japanese pieces are Chinese text that Shift-JIS and EUC-JP can encode, plus Japanese text
written for this test (`JAPANESE`): Japanese with kana must be refused, never stored.
"""
from __future__ import annotations

import codecs
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.decode import decode_bytes  # noqa: E402
from checker.errors import InputError  # noqa: E402

#: Invented Japanese text in the genre (a lender's overdue loans); no real company or person.
JAPANESE = (
    "東京の消費者金融会社みどりローンは二〇一五年に設立され、本社は大阪にあります。"
    "同社によると、延滞債権の残高は一億円を超えており、延滞率は六パーセントに上昇しました。"
    "借り手の田中さんは、返済が二か月遅れたあと毎日のように督促の電話がかかってきたと話しています。"
    "会社側は、来年の三月までに改善策をまとめ、外部の回収業者との契約を見直すと説明しました。"
)
ENCODINGS = {
    "gbk": lambda t: t.encode("gbk"),
    "gb18030": lambda t: t.encode("gb18030"),
    "big5": lambda t: t.encode("big5"),
    "utf-16 (BOM)": lambda t: t.encode("utf-16"),
    "utf-16le (no BOM)": lambda t: t.encode("utf-16-le"),
    "utf-16be (no BOM)": lambda t: t.encode("utf-16-be"),
    "shift_jis": lambda t: t.encode("shift_jis"),
    "euc_jp": lambda t: t.encode("euc_jp"),
    "shift_jis (Japanese)": lambda t: t.encode("shift_jis"),
    "euc_jp (Japanese)": lambda t: t.encode("euc_jp"),
}


#: The sample articles not in UTF-8 (data/README.md).
SAVED_AS = {"02_lixin_empty_year_trad.txt": "big5", "03_lixin_2014_simp.txt": "gbk"}


def articles() -> list[str]:
    return [p.read_bytes().decode(SAVED_AS.get(p.name, "utf-8")) for p in sorted((ROOT / "data").glob("*.txt"))]


def pieces(encoding: str, n: int, seed: int = 1) -> list[tuple[str, bytes]]:
    """n random pieces of 12-120 characters that `encoding` can encode: (text, bytes)."""
    rng = random.Random(f"{seed}-{encoding}")
    sources = [JAPANESE] if "Japanese" in encoding else articles()
    encode = ENCODINGS[encoding]
    out = []
    while len(out) < n:
        text = rng.choice(sources)
        size = rng.randint(12, 120)
        start = rng.randrange(0, max(1, len(text) - size))
        piece = text[start:start + size]
        if len(piece.strip()) < 12:
            continue
        for _ in range(20):  # shorten from the end until it encodes (Big5 and JIS lack some characters)
            try:
                out.append((piece, encode(piece)))
                break
            except UnicodeEncodeError as e:
                piece = piece[:e.start]
                if len(piece) < 12:
                    break
            else:
                break
    return out


def outcome(text: str, data: bytes) -> str:
    """exact, refused or wrong (stored as other text; for Japanese with kana, stored at all)."""
    try:
        got = decode_bytes(data, "piece").text
    except InputError:
        return "refused"
    japanese = any("\u3040" <= c <= "\u30ff" for c in text)
    return "exact" if got == text.replace("\r\n", "\n") and not japanese else "wrong"


def table(n: int, seed: int = 1) -> dict[str, Counter]:
    return {enc: Counter(outcome(t, b) for t, b in pieces(enc, n, seed)) for enc in ENCODINGS}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(f"{'encoding':<22}{'exact':>7}{'refused':>9}{'wrong':>7}   ({n} pieces of 12-120 characters each)")
    for enc, counts in table(n).items():
        print(f"{enc:<22}{counts['exact']:>7}{counts['refused']:>9}{counts['wrong']:>7}")


if __name__ == "__main__":
    main()

import codecs
from pathlib import Path

import pytest

from checker import InputError, decode_bytes

SIMPLIFIED = "众信普惠成立于2014年，逾期贷款余额超过1亿元。客服张喆、王堃和李恒表示将尽快处理逾期问题。" * 3
TRADITIONAL = "掌眾金融成立於2013年，總部位於北京。客服張喆、王堃和李恒表示將盡快處理逾期問題。" * 3
# Plain Big5 has neither 喆 nor 堃 (Big5-HKSCS has both): the plain fixture uses 恆.
TRADITIONAL_BIG5 = "掌眾金融成立於2013年，總部位於北京。客服李恆表示將盡快處理逾期問題，逾期金額為1億元。" * 3


@pytest.mark.parametrize("data,text,encoding", [
    (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf_8"),
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf_8_sig"),
    (SIMPLIFIED.encode("gbk"), SIMPLIFIED, None),
    (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, None),
    (TRADITIONAL_BIG5.encode("big5"), TRADITIONAL_BIG5, None),
    (TRADITIONAL.encode("big5hkscs"), TRADITIONAL, None),
    (SIMPLIFIED.encode("utf-16"), SIMPLIFIED, "utf_16"),
])
def test_decode_exact(data, text, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == text
    if encoding:
        assert decoded.encoding == encoding


def test_decode_big5_is_not_taken_for_gb18030():
    data = TRADITIONAL_BIG5.encode("big5")
    data.decode("gb18030")  # decodes without error: the trap
    assert decode_bytes(data).encoding.startswith("big5")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n\t ", "empty"), (bytes(range(256)) * 20, "not a text file"),
])
def test_decode_refuses_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_bytes(data, "bad.txt")


# --- decoding by evidence that short text cannot fool (issue 9) ------------------------------

GBK_ARTICLE = "鑫融贷成立于2015年，总部位于上海，注册资本为5000万元。截至2024年9月，鑫融贷逾期金额超过1亿元。"
CANTONESE = "佢哋話今日喺銀行度冇咗錢，唔知點算。恒通金融成立於2015年，嘅逾期金額超過1億元。"
JAPANESE = "東京の消費者金融会社みどりローンは二〇一五年に設立され、本社は大阪にあります。"


@pytest.mark.parametrize("text,encoding,expected", [
    ("喆堃恒信金融成立于2016年", "gb18030", "gb18030"),  # was stored as cp949 with 0 claims
    ("喆堃恒信金融成立于2016年，总部位于上海。", "gb18030", "gb18030"),
    (CANTONESE, "big5hkscs", "big5hkscs"),  # colloquial Cantonese: was refused
    ("喺佢哋嘅冇咗", "big5hkscs", "big5hkscs"),
    ("利信金融成立於2015年，總部位於北京，逾期金額超過1億元。", "shift_jis", "cp932"),  # Chinese in a JIS encoding: exact
])
def test_decode_short_texts_exactly(text, encoding, expected):
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, expected)


@pytest.mark.parametrize("data", [
    JAPANESE.encode("shift_jis"), JAPANESE.encode("euc_jp"), JAPANESE.encode("iso2022_jp"), JAPANESE.encode("utf-8"),
])
def test_decode_refuses_japanese_as_not_chinese(data):
    with pytest.raises(InputError, match=r"this is Japanese text \((Shift-JIS|EUC-JP|ISO-2022-JP|UTF-8)\), not Chinese"):
        decode_bytes(data, "ja.txt")


@pytest.mark.parametrize("bom,data,encoding", [
    (codecs.BOM_UTF8, GBK_ARTICLE.encode("gbk"), "gb18030"),  # was stored as U+FFFD
    (codecs.BOM_UTF16_LE, GBK_ARTICLE.encode("utf-8"), "utf_8"),  # was random Chinese and private use
    (codecs.BOM_UTF16_BE, GBK_ARTICLE.encode("big5", errors="ignore"), "big5"),
])
def test_decode_checks_a_bom_against_the_bytes_after_it(bom, data, encoding):
    decoded = decode_bytes(bom + data)
    assert decoded.text == data.decode(encoding) and decoded.encoding == encoding
    assert "byte-order mark that its bytes contradict" in decoded.note


def test_decode_names_invalid_bytes_in_utf8_and_replaces_them_on_request():
    data = bytearray(GBK_ARTICLE.encode("utf-8"))
    data[1] = 0xFF  # inside the first character (bytes 0-2)
    with pytest.raises(InputError, match=r"UTF-8 with 3 invalid bytes at offsets 0, 1, 2; .*--invalid-bytes replace"):
        decode_bytes(bytes(data), "bad.txt")
    decoded = decode_bytes(bytes(data), "bad.txt", invalid_bytes="replace")
    assert decoded.text.endswith(GBK_ARTICLE[1:]) and decoded.text.startswith("\ufffd")
    assert decoded.encoding == "utf_8" and decoded.note == "3 invalid bytes at offsets 0, 1, 2 replaced by \ufffd"


def test_decode_names_utf8_cut_in_its_last_character():
    data = GBK_ARTICLE.encode("utf-8")[:-1]
    with pytest.raises(InputError, match=r"2 invalid bytes at offsets \d+, \d+ \(the file ends in the middle of a"):
        decode_bytes(data, "cut.txt")
    assert decode_bytes(data, invalid_bytes="replace").text == GBK_ARTICLE[:-1] + "\ufffd"


def test_decode_refuses_undecidable_short_text_naming_the_plausible_encodings():
    with pytest.raises(InputError, match=r"could not be determined with confidence \(it could be GB18030 or Big5\) "
                                         r"\(too little text to tell\)"):
        decode_bytes("20:05:48\n導(d".encode("big5"), "short.txt")


def test_decode_fuzz_short_pieces_are_exact_or_refused():
    """A few hundred random pieces (12-120 characters) of data/ in each encoding: none is stored
    as anything but its exact text (scripts/fuzz_decode.py prints the full table)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import fuzz_decode

    table = fuzz_decode.table(300, seed=9)
    assert {enc: counts["wrong"] for enc, counts in table.items()} == dict.fromkeys(fuzz_decode.ENCODINGS, 0)
    for enc, counts in table.items():
        if "Japanese" in enc:  # Japanese text is refused as not Chinese
            assert counts["refused"] == 300, enc
        else:  # and refusing everything would not do: nearly every piece is read exactly
            assert counts["exact"] >= 270, (enc, counts)

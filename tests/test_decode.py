import codecs

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

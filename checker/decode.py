"""Turn the bytes of an uploaded or scraped file into text, by evidence.

A chain of "try codecs until one does not fail" is wrong for Chinese: Big5 bytes decode as
GB18030 without any error and give garbage, and a short GBK text decodes without error as
Korean, Japanese or UTF-16. So every encoding that decodes the bytes without error gives a
*reading*, and each reading is scored by how likely it is as Chinese text (a character model:
the frequent characters of running text are cheap, rare ones dear, Hangul, private-use
characters and controls rule a reading out). The best reading wins only if it looks like
Chinese and beats every other reading by a clear margin; otherwise the file is refused by
name, with the encodings that were plausible. Japanese text is refused as not Chinese. A
byte-order mark is believed only when the bytes after it read in its encoding. UTF-8 with a
few invalid bytes is named as such, with their offsets; the caller chooses to refuse it (the
default) or to replace them with U+FFFD.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from .errors import InputError

#: Below this plausibility a decoding is taken for garbage (`plausibility`).
PLAUSIBLE = 0.85
#: Chinese prose has about 90% of its Han characters among the ~1,200 most frequent ones (the
#: articles in data/ and tests/bad_inputs/: 90-97%); random common characters, which is what
#: noise or another encoding's bytes give when read as GB2312, have about 17%, and Big5 read
#: as GB18030 about 10%. Below this share a text is not taken for Chinese.
FREQUENT_SHARE = 0.5
#: The frequency test needs this many Han characters to be evidence.
MIN_HAN_FOR_FREQUENCY = 20
#: About 1,200 frequent characters of Modern Chinese, Simplified (a hand-compiled list from the top of
#: the usual character-frequency tables, plus 逾 贷 违 of this genre); Traditional is folded first.
_FREQUENT = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员"
    "解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象"
    "完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调"
    "深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列"
    "武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值"
    "仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷"
    "洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央"
    "户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康"
    "虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶"
    "玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞"
    "街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵尺纷抢逾贷违"
)
#: Colloquial Cantonese characters (written Hong Kong Chinese, Big5-HKSCS): frequent in that
#: register although outside GB2312.
_CANTONESE = frozenset("喺佢哋嘅冇咗唔啲嘢乜嚟咁噉睇攞俾畀嗰呢啱嘞咋喎嚿揾搵冧嘥啫晒咪吖喇啦嗱諗揸瞓攰靚嘈嘢冚")

#: Log-probabilities (nats) of a character's class in Chinese text; a reading's score is their sum.
COST_FREQUENT = -7.0       # the ~1,200 most frequent characters (about 90% of running text)
COST_LEVEL1 = -10.5        # the rest of GB2312 level 1 (3,755 characters in all)
COST_LEVEL2 = -13.5        # GB2312 level 2
COST_RARE_HAN = -15.0      # other Han characters (GBK/3, GBK/4, Big5 level 2 not in GB2312...)
COST_EXT_HAN = -19.0       # CJK extension A and beyond, compatibility ideographs
COST_ASCII = -4.0
COST_PUNCT = -6.0          # CJK and full-width punctuation
COST_KANA = -9.0           # Chinese text rarely has kana; Japanese text does (and is refused)
COST_OTHER = -16.0         # Latin accents, Greek, Cyrillic, symbols, box drawing, controls...
HAN_COSTS = (COST_FREQUENT, COST_LEVEL1, COST_LEVEL2, COST_RARE_HAN, COST_EXT_HAN)
#: Valid multi-byte UTF-8 is evidence in itself: random bytes rarely form it (per character).
UTF8_BONUS = 2.5
#: The winning reading must beat every other by this much (nats): e^10 to one against a mistake.
MARGIN = 10.0
#: ...and look like Chinese: its non-ASCII characters average at least this (real text about -7.5,
#: word salad of common characters about -11).
MIN_MEAN = -9.5
#: A reading whose Han and kana are this much kana is Japanese.
KANA_SHARE = 0.1
#: Characters scored per reading (the whole text is decoded strictly; the model needs no more).
SAMPLE = 20000
#: Invalid bytes that UTF-8 text may have and still be called UTF-8: one per this many good characters.
UTF8_DAMAGE_RATIO = 4

#: Readings tried, in order of preference when two give the same text.
CANDIDATES = ("utf_8", "gb18030", "big5hkscs", "utf_16_le", "utf_16_be", "cp932", "euc_jp")
JAPANESE = {"cp932": "Shift-JIS", "euc_jp": "EUC-JP", "iso2022_jp": "ISO-2022-JP"}
NAMES = {"utf_8": "UTF-8", "gb18030": "GB18030", "big5hkscs": "Big5-HKSCS", "big5": "Big5",
         "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE", "utf_16": "UTF-16", **JAPANESE}
INVALID_BYTES = ("refuse", "replace")


@dataclass(frozen=True)
class Decoded:
    """text (str): the decoded text. encoding (str): the codec that produced it.
    plausibility (float): share of common Han characters, 1.0 for text with none.
    note (str): what was done besides decoding ("3 invalid bytes replaced…"), or ""."""

    text: str
    encoding: str
    plausibility: float
    note: str = ""


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@lru_cache(maxsize=65536)
def _is_common(ch: str) -> bool:
    """A Han character is common when its Simplified form is in GB2312 level 1
    (the 3,755 most frequent characters) or level 2 (a further 3,008)."""
    return _gb2312_level(ch) > 0


@lru_cache(maxsize=65536)
def _gb2312_level(ch: str) -> int:
    """1 or 2: the GB2312 level of the character's Simplified form; 0 when it is in neither."""
    from .normalize import fold_char

    try:
        lead = fold_char(ch).encode("gb2312")[0]
    except UnicodeEncodeError:
        return 0
    return 1 if 0xB0 <= lead <= 0xD7 else 2 if 0xD8 <= lead <= 0xF7 else 0


@lru_cache(maxsize=65536)
def _is_frequent(ch: str) -> bool:
    from .normalize import fold_char

    return fold_char(ch) in _FREQUENT


def plausibility(text: str, sample: int = 20000) -> float:
    """text (str): decoded text. RETURNS (float): share of its Han characters that are common;
    with 20 or more Han characters, at most the share of frequent ones scaled so that
    `FREQUENT_SHARE` maps to `PLAUSIBLE` (random characters are not plausible however
    common each one is)."""
    han = [c for c in text[:sample] if _is_han(c)]
    if not han:
        return 1.0
    common = sum(_is_common(c) for c in han) / len(han)
    if len(han) < MIN_HAN_FOR_FREQUENCY:
        return common
    frequent = sum(_is_frequent(c) for c in han) / len(han)
    return min(common, frequent * PLAUSIBLE / FREQUENT_SHARE)


@lru_cache(maxsize=65536)
def char_cost(ch: str) -> float | None:
    """ch (str): one character. RETURNS (float | None): its log-probability in Chinese text,
    None when it rules the reading out (controls, private use, Hangul, half-width katakana,
    unassigned code points, U+FFFD)."""
    if ch.isascii():
        if ch.isprintable() or ch in "\t\n\r\f":
            return COST_ASCII
        # NUL (UTF-16 read as a one-byte encoding) and ESC (ISO-2022 escapes) rule a reading out
        return None if ch in "\x00\x1b" else COST_OTHER
    if _is_han(ch) or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f":
        if ch in _CANTONESE or _is_frequent(ch):
            return COST_FREQUENT
        if not _is_han(ch) or ch >= "\u9fa6" or ch < "\u4e00":
            return COST_EXT_HAN
        level = _gb2312_level(ch)
        return COST_LEVEL1 if level == 1 else COST_LEVEL2 if level == 2 else COST_RARE_HAN
    if "\u3040" <= ch <= "\u30ff" and ch != "\u30fb":  # kana (the middle dot ・ is punctuation)
        return COST_KANA
    if ("\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff60" or "\uffe0" <= ch <= "\uffe6"
            or "\u2010" <= ch <= "\u2027" or "\u2030" <= ch <= "\u203b" or ch in "\u00b7\u30fb\u00a0"):
        return COST_PUNCT
    if ("\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"
            or "\uff61" <= ch <= "\uff9f" or ch == "\ufffd"):
        return None  # Hangul or half-width katakana: what a wrong reading of Chinese bytes gives
    if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn", "Cf") and ch not in "\u200b\u200c\u200d\ufeff":
        return None
    return COST_OTHER


@dataclass(frozen=True)
class Reading:
    """One encoding's reading of the bytes, scored. score: log-likelihood as Chinese (sum of
    `char_cost` over the sample, plus the UTF-8 bonus); mean: the average over non-ASCII characters."""

    encoding: str
    text: str  # the first SAMPLE characters (the whole text is decoded again for the winner only)
    score: float
    mean: float
    han: int
    kana: int
    key: int = 0  # hash of the whole text: two encodings that read the bytes alike are one reading
    ascii: bool = False
    length: int = 0

    @property
    def japanese(self) -> bool:
        return self.kana >= 2 and self.kana >= (self.han + self.kana) * KANA_SHARE


def read_as(data: bytes, encoding: str) -> Reading | None:
    """The reading of `data` in `encoding`, or None when the bytes are not valid in it or the
    text has a character no Chinese text has."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    reading = score(text[:SAMPLE], encoding)
    if reading is None:
        return None
    return replace(reading, key=hash(text), ascii=text.isascii(), length=len(text))


def score(text: str, encoding: str) -> Reading | None:
    """Score a decoded text as Chinese. RETURNS (Reading | None): None when ruled out."""
    total, wide, wide_total, han, kana, multibyte = 0.0, 0, 0.0, 0, 0, 0
    for ch in text[:SAMPLE]:
        cost = char_cost(ch)
        if cost is None:
            if encoding != "utf_8" or ch in "\x00\x1b":
                return None
            cost = COST_OTHER  # valid UTF-8 is what it says, even with a Korean name or a U+FFFD in it
        total += cost
        if not ch.isascii():
            wide += 1
            wide_total += cost
            han += cost in HAN_COSTS
            kana += cost == COST_KANA
    if encoding == "utf_8":
        total += UTF8_BONUS * wide
    return Reading(encoding, text, total, wide_total / wide if wide else 0.0, han, kana)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte; anything else is binary.
        evens, odds = head[0::2], head[1::2]
        if not (evens.count(0) > len(evens) * 0.3 or odds.count(0) > len(odds) * 0.3):
            return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    return controls > len(head) * 0.05


def decode_bytes(data: bytes, name: str = "input", invalid_bytes: str = "refuse") -> Decoded:
    """Decode a file's bytes to text, line endings made `\n` (a lone `\r` too: offsets and
    highlighting depend on it).

    data (bytes): the raw file. name (str): used in error messages.
    invalid_bytes (str): for UTF-8 with a few invalid bytes: "refuse" (the default) or
        "replace" them with U+FFFD (the note says how many, and where).
    RETURNS (Decoded): the text and the encoding chosen.
    RAISES InputError: empty, binary, not Chinese, or no reading clearly the right one.
    """
    if invalid_bytes not in INVALID_BYTES:
        raise ValueError(f"invalid_bytes must be one of {INVALID_BYTES}, not {invalid_bytes!r}")
    d = _decode(data, name, invalid_bytes)
    if "\r" in d.text:
        d = Decoded(d.text.replace("\r\n", "\n").replace("\r", "\n"), d.encoding, d.plausibility, d.note)
    return d


def _decode(data: bytes, name: str, invalid_bytes: str) -> Decoded:
    if not data.strip():
        raise InputError(name, "the file is empty")
    for bom, enc, label in ((codecs.BOM_UTF8, "utf_8", "utf_8_sig"),
                            (codecs.BOM_UTF16_LE, "utf_16_le", "utf_16"), (codecs.BOM_UTF16_BE, "utf_16_be", "utf_16")):
        if data.startswith(bom):
            rest = data[len(bom):]
            reading = read_as(rest, enc)
            if reading is not None and not reading.japanese and (enc == "utf_8" or reading.mean >= MIN_MEAN
                                                                 or reading.ascii):
                return _decoded(reading, rest, label)
            if enc == "utf_8" and (damaged := _damaged_utf8(rest, name, invalid_bytes)) is not None:
                return Decoded(damaged.text, label, damaged.plausibility, damaged.note)
            # A BOM that the bytes after it contradict: decide by the bytes alone.
            found = _by_evidence(rest, name, invalid_bytes)
            note = f"the file starts with a {NAMES[enc.replace('_le', '').replace('_be', '')]} byte-order mark " \
                   f"that its bytes contradict; the mark was ignored"
            return Decoded(found.text, found.encoding, found.plausibility, "; ".join(filter(None, [note, found.note])))
    if _looks_binary(data) and not any(
            (r := read_as(data, enc)) is not None and r.han and r.mean >= MIN_MEAN for enc in ("utf_16_le", "utf_16_be")):
        raise InputError(name, "this is not a text file (binary content)")
    return _by_evidence(data, name, invalid_bytes)


def _decoded(reading: Reading, data: bytes | None = None, encoding: str | None = None) -> Decoded:
    """The whole text of a reading (decoded again from `data`; without it, the sample only, for naming)."""
    text = reading.text if data is None else data.decode(reading.encoding)
    encoding = encoding or reading.encoding
    if encoding == "big5hkscs":
        try:
            if text.encode("big5").decode("big5") == text:
                encoding = "big5"
        except UnicodeError:
            pass
    elif encoding == "gb18030" and reading.ascii:
        encoding = "ascii"
    return Decoded(text, encoding, plausibility(text))


def _by_evidence(data: bytes, name: str, invalid_bytes: str) -> Decoded:
    if not data.strip():
        raise InputError(name, "the file is empty")
    candidates = list(CANDIDATES)
    if b"\x1b" in data:
        candidates.append("iso2022_jp")
    readings: dict[str, Reading] = {}
    for enc in candidates:
        reading = read_as(data, enc)
        if reading is not None and reading.key not in {r.key for r in readings.values()}:
            readings[enc] = reading
    if "utf_8" not in readings and (damaged := _damaged_utf8(data, name, invalid_bytes)) is not None:
        return damaged
    ranked = sorted(readings.values(), key=lambda r: -r.score)
    if not ranked:
        raise InputError(name, "the encoding could not be determined: no encoding reads these bytes as text; "
                               "save the file as UTF-8 and try again")
    best = ranked[0]
    close = [r for r in ranked[1:] if best.score - r.score < MARGIN]
    if best.japanese:
        raise InputError(name, f"this is Japanese text ({NAMES.get(best.encoding, best.encoding)}), not Chinese")
    if close or (best.encoding != "utf_8" and not best.ascii and (best.mean < MIN_MEAN or not best.han)):
        plausible = [r for r in [best, *close] if r.han and not r.japanese and r.mean >= MIN_MEAN]
        which = (" (it could be " + " or ".join(NAMES.get(e, e) for e in dict.fromkeys(_decoded(r).encoding
                                                                                  for r in plausible)) + ")"
                 if plausible else "")
        short = " (too little text to tell)" if best.length < 200 and plausible else ""
        raise InputError(name, f"the encoding could not be determined with confidence{which}{short}; "
                               "save the file as UTF-8 and try again")
    return _decoded(best, data)  # Chinese text in a Japanese encoding (kanji only) is read exactly too


def _mostly_utf8(head: bytes) -> bool:
    """The start of a file is UTF-8 but for at most one invalid byte per UTF8_DAMAGE_RATIO characters."""
    text = head.decode("utf_8", errors="surrogateescape")
    bad = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    return bad * UTF8_DAMAGE_RATIO <= sum(1 for c in text if not c.isascii()) - bad


def _damaged_utf8(data: bytes, name: str, invalid_bytes: str) -> Decoded | None:
    """UTF-8 with a few invalid bytes (a bad copy, a file cut in its last character).
    RETURNS None when the bytes are not mostly UTF-8; the text with U+FFFD for them when
    `invalid_bytes` is "replace". RAISES InputError naming the bytes when it is "refuse"."""
    if not _mostly_utf8(data[:65536]):  # cheap: most files that are not UTF-8 stop here
        return None
    text = data.decode("utf_8", errors="surrogateescape")
    bad, n_bad = [], 0
    for m in re.finditer("[\udc80-\udcff]", text):
        n_bad += 1
        if len(bad) < 10:
            bad.append(m.start())
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    good = len(text) - ascii_bytes - n_bad
    if not n_bad or good < 3 or good < UTF8_DAMAGE_RATIO * n_bad:
        return None
    offsets = [len(text[:i].encode("utf_8", "surrogateescape")) for i in bad]
    where = ", ".join(map(str, offsets)) + (", …" if n_bad > 10 else "")
    cut = " (the file ends in the middle of a character)" if text[-1:] >= "\udc80" and text[-1:] <= "\udcff" else ""
    what = f"{n_bad} invalid byte{'s' if n_bad > 1 else ''} at offset{'s' if n_bad > 1 else ''} {where}{cut}"
    if invalid_bytes == "refuse":
        raise InputError(name, f"UTF-8 with {what}; fix the file, or ingest it with the invalid bytes "
                               "replaced by \ufffd (CLI --invalid-bytes replace, or the Import page option)")
    fixed = data.decode("utf_8", errors="replace")
    return Decoded(fixed, "utf_8", plausibility(fixed), f"{what} replaced by \ufffd")

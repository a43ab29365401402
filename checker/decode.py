"""Turn the bytes of an uploaded or scraped file into text, by evidence.

A chain of "try codecs until one does not fail" is wrong for Chinese: Big5 bytes
decode as GB18030 without any error and give garbage. So every candidate decoding
is scored for plausibility (the share of its Han characters that are common
characters once folded to Simplified, and, given enough of them, whether they are
the frequent characters of running text rather than random ones), and the best
plausible one wins. When no candidate is plausible the file is refused with a
message rather than ingested as garbage.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

from .errors import InputError

#: Candidates tried besides what charset-normalizer proposes.
CANDIDATES = ("utf_8", "gb18030", "big5", "big5hkscs", "utf_16")
#: Below this plausibility a decoding is taken for garbage.
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


def _reads_as_text(text: str) -> bool:
    """Nearly every character is Han, ASCII, CJK or full-width punctuation, and some are Han."""
    usual = sum(1 for c in text if c.isascii() and (c.isprintable() or c in "\t\n\r")
                or _is_han(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
                or "\u2000" <= c <= "\u206f")
    return any(_is_han(c) for c in text) and usual >= len(text) * 0.95


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: the NULs (high bytes of ASCII) and other low bytes make
    it look binary. RETURNS the decoding when one byte order reads as plausible Chinese text."""
    if len(data) % 2:
        return None
    for enc in ("utf_16_le", "utf_16_be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text) and (p := plausibility(text)) >= PLAUSIBLE:
            return Decoded(text, enc, p)
    return None


def decode_bytes(data: bytes, name: str = "input") -> Decoded:
    """Decode a file's bytes to text, line endings made `\n` (a lone `\r` too: offsets and
    highlighting depend on it).

    data (bytes): the raw file. name (str): used in error messages.
    RETURNS (Decoded): the text and the encoding chosen.
    RAISES InputError: empty, binary, or no plausible decoding.
    """
    d = _decode(data, name)
    if "\r" in d.text:
        d = Decoded(d.text.replace("\r\n", "\n").replace("\r", "\n"), d.encoding, d.plausibility)
    return d


def _decode(data: bytes, name: str) -> Decoded:
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
        if (utf16 := _utf16_without_bom(data)) is not None:
            return utf16
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
        share = f" (best guess {best.encoding}, plausibility {best.plausibility:.0%})" if best else ""
        raise InputError(
            name,
            "the encoding could not be determined with confidence" + share
            + "; save the file as UTF-8 and try again",
        )
    if best.encoding == "gb18030" and best.text.isascii():
        best = Decoded(best.text, "ascii", best.plausibility)
    return best

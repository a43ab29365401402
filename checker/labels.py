"""Every word a reviewer reads, in one table: Simplified Chinese first, English as a setting.

`t(key, lang)` gives a label; `parse_verdict` and `parse_predicate` read what a person types
(the CLI accepts the labels it prints: 成立于, 已核实, 矛盾). Dates and numbers are written
the Chinese way by `date_text` and `number_text`. No Streamlit here: pages, CLI and CSV use it.
"""
from __future__ import annotations

import re

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
    "verdict.retracted": ("撤销", "retracted"),
    "status.conflict": ("矛盾", "conflict"),
    "status.empty": ("缺失", "empty"),
    "status.changed": ("变化", "changed over time"),
    "status.agree": ("一致", "agree"),
    "status.single": ("单一来源", "single source"),
    "flag.mojibake": ("乱码", "mojibake"),
    "flag.dropped_word": ("缺字", "dropped word"),
    "flag.mt_leftover": ("机翻残留", "machine-translation leftover"),
    "flag.empty": ("空值", "empty fact"),
    "qual.exact": ("精确", "exact"),
    "qual.over": ("超过", "over"),
    "qual.under": ("不到", "under"),
    "qual.about": ("约", "about"),
    "qual.range": ("区间", "range"),
    "qual.early": ("初", "early"),
    "qual.mid": ("中", "mid"),
    "qual.late": ("末", "late"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "stale": ("文章已更新", "article updated"),
    "failed": ("失败", "failed"),
    "source": ("来源", "source"),
    "as_of": ("截至", "as of"),
    "empty_value": ("（空：原文缺少此值）", "(empty: the text leaves it out)"),
    "empty_short": ("（空）", "(empty)"),
    "all": ("全部", "all"),
    "page": ("页码", "Page"),
    # app and sidebar
    "app.title": ("核查工作台", "Claim checker"),
    "nav.review": ("逐条核查", "Review claims"),
    "nav.facts": ("跨文章事实", "Facts across articles"),
    "nav.articles": ("文章", "Articles"),
    "nav.import": ("导入", "Import"),
    "nav.export": ("导出", "Export"),
    "side.lang": ("界面语言 · Language", "Language · 界面语言"),
    "side.name": ("你的名字（随每条结论保存）", "Your name (saved with each verdict)"),
    "side.name_placeholder": ("例如：王小明", "e.g. 王小明"),
    "side.signed_in": ("已登录：{name}", "Signed in as {name}"),
    "side.sign_out": ("退出登录", "Sign out"),
    "side.sign_in": ("登录", "Sign in"),
    "side.sign_in_help": ("请先登录：每条结论都记录核查人。", "Sign in first: every verdict records who gave it."),
    "need_name": ("请先在侧栏填写你的名字：每条结论都要记录是谁作出的。",
                  "Type your name in the sidebar first: every verdict records who gave it."),
    # review page
    "rv.predicate": ("谓词", "Predicate"),
    "rv.all_predicates": ("全部谓词", "All predicates"),
    "rv.only_open": ("只看未审的", "Only claims without a verdict"),
    "rv.only_flagged": ("只看空值或受损的", "Only empty or damaged claims"),
    "rv.mode": ("模式", "Mode"),
    "mode.review": ("逐条核查", "review"),
    "mode.second": ("第二意见（他人已审，不显示其结论）", "second opinion (judged by someone else, verdict hidden)"),
    "mode.disputed": ("分歧裁定（组长）", "disagreements (lead)"),
    "rv.hidden_verdict": ("第二意见：他人结论已隐藏", "second opinion: the other verdict is hidden"),
    "rv.as_lead": ("（组长裁定）", " (lead's final verdict)"),
    "rv.dispute": ("各核查人的最新结论（组长的结论为最终结论）", "Each reviewer's latest verdict (the lead's verdict is final)"),
    "rv.order": ("顺序", "Order"),
    "order.article": ("按文章", "by article"),
    "order.company": ("按公司", "by company"),
    "order.conflicts": ("矛盾与缺失的事实优先", "conflicts and empty facts first"),
    "rv.undo": ("撤销我上一条结论", "Undo my last verdict"),
    "rv.undone": ("已撤销你对「{claim}」的结论「{verdict}」。", "Your verdict {verdict} on {claim} is undone."),
    "rv.nothing_to_undo": ("你还没有可以撤销的结论。", "You have no verdict to undo."),
    "rv.link": ("本条链接（发给同事即打开同一条主张）", "Link to this claim (a colleague opens the same claim)"),
    "rv.article": ("文章：{name}", "Article: {name}"),
    "rv.all_articles": ("显示全部文章", "Show all articles"),
    "rv.progress": ("已审 {reviewed} / {total} · 已核实 {verified} · 无依据 {unsupported} · 与来源矛盾 {contradictory}",
                    "Reviewed {reviewed} / {total} · verified {verified} · unsupported {unsupported}"
                    " · contradictory {contradictory}"),
    "rv.saved": ("已保存「{verdict}」：{claim}", "Saved {verdict}: {claim}"),
    "rv.done": ("按当前筛选条件，没有待审的主张了。", "Nothing left to review with these filters."),
    "rv.gone": ("这条主张所在的文章已不在数据库中。", "This claim's article is no longer in the database."),
    "rv.f_predicate": ("谓词", "Predicate"),
    "rv.f_value": ("值", "Value"),
    "rv.f_subject": ("主体", "Subject"),
    "rv.f_as_of": ("截至", "As of"),
    "rv.empty_tag": ("空值", "empty fact"),
    "rv.note": ("备注（理由；核对了什么）", "Note (why; what you checked)"),
    "rv.evidence": ("证据（网址或文件出处）", "Evidence (URL or document reference)"),
    "rv.skip": ("跳过", "Skip"),
    "rv.back": ("上一条", "Back"),
    "rv.keys": ("快捷键：V 已核实 · U 无依据 · X 与来源矛盾 · S 跳过 · B 上一条（光标在输入框里时无效：先按 Esc）",
                "Keys: V verified · U unsupported · X contradictory · S skip · B back (not while the cursor is in a "
                "text box: press Esc first)"),
    "rv.keys_hint": ("光标在输入框里：先按 Esc，再按 V / U / X / S / B",
                     "The cursor is in a text box: press Esc, then V / U / X / S / B"),
    "cx.title": ("修正抽取结果（与结论无关：主张本身抽错了）", "Correct the extraction (not a verdict: the claim itself is wrong)"),
    "cx.subject": ("主体", "Subject"),
    "cx.predicate": ("谓词", "Predicate"),
    "cx.value": ("值（按原文写法）", "Value (as the text writes it)"),
    "cx.save": ("保存修正", "Save correction"),
    "cx.not_claim": ("这不是主张", "Not a claim"),
    "cx.add_text": ("遗漏的主张：在上面的句子中选中其文字（或复制到这里）",
                    "A missed claim: select its words in the sentence above (or copy them here)"),
    "cx.add_predicate": ("遗漏主张的谓词", "Predicate of the missed claim"),
    "cx.add": ("补充这条主张", "Add this claim"),
    "cx.saved": ("修正已保存。", "Correction saved."),
    "cx.current": ("已修正为：{text}（{who}）", "Corrected to: {text} ({who})"),
    "cx.is_not_claim": ("已标为「不是主张」（{who}）", "Marked not a claim ({who})"),
    "cx.added": ("本句已补充：{text}", "Added in this sentence: {text}"),
    "rv.whole_article": ("全文", "Whole article"),
    "rv.history": ("这条主张的历史（{n}）", "History of this claim ({n})"),
    "col.time": ("时间", "time"),
    "col.reviewer": ("核查人", "reviewer"),
    "col.verdict": ("结论", "verdict"),
    "col.note": ("备注", "note"),
    "col.evidence": ("证据", "evidence"),
    # facts page
    "fx.header": ("跨文章事实", "Facts across articles"),
    "fx.status": ("状态", "Status"),
    "fx.all_status": ("全部（矛盾与缺失在前）", "All (conflicts and empties first)"),
    "fx.company": ("公司名包含", "Company contains"),
    "fx.none": ("没有符合这些条件的事实组。", "No fact groups match these filters."),
    "fx.col_status": ("状态", "status"),
    "fx.col_company": ("公司", "company"),
    "fx.col_fact": ("事实", "fact"),
    "fx.col_values": ("所述的值（× 独立来源数）", "values stated (× independent sources)"),
    "fx.col_sources": ("来源", "sources"),
    "fx.col_articles": ("文章", "articles"),
    "fx.col_claims": ("主张", "claims"),
    "fx.open": ("打开一个事实组", "Open a fact group"),
    "fx.disagree": ("{n} 条陈述与另一条关于同一时间的陈述不一致：建议对它们作出结论「与来源矛盾」。",
                    "{n} statements disagree with another about the same time: suggested verdict "
                    "**contradictory** for them."),
    "fx.fill": ("有文章缺少此值；其他文章给出：{values}", "Where an article leaves this fact empty, other articles give: {values}"),
    "fx.fill_value": ("{value}（{n} 个来源）", "{value} ({n} sources)"),
    "fx.shown": ("只显示 {total} 条陈述中的前 {shown} 条；组结论作用于全部。",
                 "Showing the first {shown} of {total} statements; group verdicts apply to all."),
    "fx.disagrees_tag": ("不一致", "disagrees"),
    "fx.review": ("核查", "Review"),
    "fx.gv_title": ("对 {group} 的多条主张作出同一结论（每条主张仍各有一行历史）",
                    "One verdict for many claims of {group} (each claim still gets its own history row)"),
    "fx.gv_verdict": ("结论", "Verdict"),
    "fx.gv_scope": ("作用于", "Apply to"),
    "scope.all": ("本组全部主张", "every claim in this group"),
    "scope.conflicting": ("只作用于不一致的主张", "only the claims that disagree"),
    "scope.same_value": ("与下面所选主张同值的全部主张", "every claim stating the same value as the one I pick below"),
    "fx.gv_same": ("同值于", "Same value as"),
    "fx.gv_note": ("备注", "Note"),
    "fx.gv_overwrite": ("同时替换其他核查人的 {n} 条结论（{names}）", "Also replace the {n} verdicts of other reviewers ({names})"),
    "fx.gv_will": ("将对 {total} 条主张中的 {change} 条记录「{verdict}」。", "This records **{verdict}** on {change} of {total} claims."),
    "fx.gv_judged": ("其中 {n} 条已有结论：你的 {mine} 条", "{n} already have a verdict: yours {mine}"),
    "fx.gv_others_kept": ("；其他核查人 {names}，保持不变", "; other reviewers {names}, kept as they are"),
    "fx.gv_others_replaced": ("；其他核查人 {names}，将被替换", "; other reviewers {names}, replaced"),
    "fx.gv_need_name": ("在侧栏填写名字后才能作出结论。", "Type your name in the sidebar to give a verdict."),
    "fx.gv_apply": ("应用结论", "Apply verdict"),
    "fx.gv_saved": ("已对 {group} 的 {n} 条主张保存「{verdict}」。", "Saved {verdict} on {n} claims of {group}."),
    "fx.gv_kept": ("{n} 条保留了其他核查人的结论（{names}）。", "{n} kept another reviewer's verdict ({names})."),
    "fx.col_alias": ("别名", "alias"),
    "fx.aliases": ("实体与别名", "Entities and aliases"),
    "fx.aliases_help": ("同一家公司的两个名称（掌眾金融与掌众金融会自动合并）：合并后它们的事实才会相互比较；合并错了可以再拆开。",
                        "Two names for one company (掌眾金融 and 掌众金融 are merged automatically): merge them so "
                        "their facts are compared; split them again if that was wrong."),
    "fx.alias_from": ("这个名称……", "This name…"),
    "fx.alias_into": ("……与这家公司是同一家", "…is the same company as"),
    "fx.merge": ("合并", "Merge"),
    "fx.merged": ("{alias} → {into}：移动了 {n} 条主张。", "{alias} → {into}: {n} claims moved."),
    "fx.split_pick": ("重新拆开", "Split again"),
    "fx.split": ("拆开", "Split"),
    "fx.splitted": ("{alias} 重新成为独立公司（{n} 条主张）。", "{alias} is its own company again ({n} claims)."),
    # dashboard
    "nav.dashboard": ("进度", "Dashboard"),
    "db.header": ("核查进度", "Review progress"),
    "db.reviewed": ("已审主张", "Claims reviewed"),
    "db.disputed": ("待组长裁定的分歧", "Disagreements for a lead"),
    "db.conflicts": ("矛盾的事实", "Facts in conflict"),
    "db.cached": ("图表每分钟更新一次。", "Charts are refreshed once a minute."),
    "db.by_reviewer": ("各核查人的结论", "Verdicts by reviewer"),
    "db.none_yet": ("还没有结论。", "No verdicts yet."),
    "db.by_status": ("按事实状态的结论", "Verdicts by fact status"),
    "db.by_company": ("各公司进度（主张最多的 20 家）", "Progress by company (the 20 with most claims)"),
    "db.by_article": ("各文章进度（最近 20 篇）", "Progress by article (the 20 most recent)"),
    "db.open_conflicts": ("未解决的矛盾", "Open conflicts"),
    "db.col_reviewed": ("已审", "reviewed"),
    "db.col_share": ("进度", "progress"),
    # articles page
    "ar.header": ("文章", "Articles"),
    "ar.search": ("搜索标题、文件名、公司或正文", "Search title, file name, company or text"),
    "ar.claims_found": ("含“{q}”的主张（最多 {n} 条）", "Claims containing “{q}” (at most {n})"),
    "ar.count": ("数据库中共 {total} 篇文章；本页显示 {shown} 篇。", "{total} articles in the database; showing {shown}."),
    "ar.col_file": ("文件", "file"),
    "ar.col_title": ("标题", "title"),
    "ar.col_company": ("公司", "company"),
    "ar.col_published": ("发布时间", "published"),
    "ar.col_claims": ("主张数", "claims"),
    "ar.col_reviewed": ("已审", "reviewed"),
    "ar.col_damage": ("受损片段", "damaged spans"),
    "ar.col_encoding": ("编码", "encoding"),
    "ar.col_version": ("版本", "version"),
    "ar.version_old": ("v{v}（旧）", "v{v} (earlier)"),
    "ar.versions": ("这篇文章共有 {n} 个版本（同一来源、文字不同）：{list}", "This article has {n} versions (one source, changed text): {list}"),
    "ar.superseded": ("这是旧版本；它的主张已不在核查队列和事实比对中。", "This is an earlier version: its claims are out of the review queue and the fact comparison."),
    "ar.changed": ("与上一版本相比 — 新增：{added}；不再出现：{removed}；未变的主张保留了结论。", "Compared with the previous version — added: {added}; no longer in the text: {removed}; unchanged claims kept their verdicts."),
    "ar.none": ("无", "none"),
    "ar.meta_file": ("文件 {v}", "file {v}"),
    "ar.meta_encoding": ("编码 {v}", "encoding {v}"),
    "ar.meta_chars": ("{v} 字", "{v} characters"),
    "ar.meta_published": ("发布于 {v}", "published {v}"),
    "ar.meta_source": ("来源 {v}", "source {v}"),
    "ar.review": ("核查这篇文章的 {n} 条主张", "Review the {n} claims of this article"),
    "ar.damage": ("受损文字", "Damaged text"),
    "ar.col_kind": ("类型", "kind"),
    "ar.col_text": ("文字", "text"),
    "ar.col_at": ("位置", "at"),
    "ar.claims": ("主张", "Claims"),
    "ar.col_claim": ("主张", "claim"),
    "ar.col_predicate": ("谓词", "predicate"),
    "ar.col_number": ("数值", "number"),
    "ar.col_unit": ("单位", "unit"),
    "ar.col_empty": ("空值", "empty"),
    "ar.col_flags": ("损坏", "flags"),
    # import page
    "im.header": ("导入文章", "Import articles"),
    "im.help": ("纯文本（.txt）、网页（.html）、表格（.csv，含 text/正文 列）、JSON lines（.jsonl）或它们的 .zip 压缩包，"
                "编码可为 UTF-8、GBK/GB18030、Big5 或 UTF-16。每篇文章与其主张一起保存，要么全部成功，要么全部不存。",
                "Text (.txt), web pages (.html), tables (.csv with a text/正文 column), JSON lines (.jsonl) or a .zip "
                "of them, in UTF-8, GBK/GB18030, Big5 or UTF-16. Each article is stored with its claims, all or nothing."),
    "im.files": ("文件", "Files"),
    "im.replace": ("UTF-8 文件中的无效字节存为 �，而不是拒收整个文件", "Store invalid bytes in UTF-8 files as � instead of refusing the file"),
    "im.replace_help": ("默认拒收含少量无效字节的 UTF-8 文件，并列出这些字节及其位置。",
                        "A UTF-8 file with a few invalid bytes is refused by default, naming them and their offsets."),
    "im.ingest_files": ("导入上传的文件", "Ingest uploaded files"),
    "im.extracting": ("正在提取主张……", "Extracting claims…"),
    "im.reading": ("正在读取 {name}（第 {i} 个，共 {n} 个）", "Reading {name} ({i} of {n})"),
    "im.read_done": ("已读取 {n} 个文件", "Read {n} file(s)"),
    "im.paste_name": ("粘贴文章的名称", "Name for the pasted article"),
    "im.paste_placeholder": ("例如：利信金融 2025-08 转载", "e.g. 利信金融 2025-08 repost"),
    "im.paste_text": ("粘贴文章正文", "Paste the article text"),
    "im.ingest_paste": ("导入粘贴的文字", "Ingest pasted text"),
    "im.pasted": ("粘贴的文章", "pasted article"),
    "im.result": ("{n} 个中导入了 {good} 个。", "{good} of {n} ingested."),
    "im.col_file": ("文件", "file"),
    "im.col_ok": ("成功", "ok"),
    "im.col_what": ("处理结果", "what happened"),
    "im.col_at": ("时间", "at"),
    "im.recent": ("最近的导入（所有核查人）", "Recent imports (all reviewers)"),
    # export page
    "ex.header": ("导出结论", "Export verdicts"),
    "ex.count": ("共 {total} 条主张，其中 {reviewed} 条已有结论。", "{total} claims, {reviewed} with a verdict."),
    "ex.reviewed_only": ("只导出已有结论的主张", "Only claims with a verdict"),
    "ex.publisher": ("ClaimReview 的发布机构名称", "Publisher name for ClaimReview"),
    "ex.csv": ("下载 Excel 用的 CSV（UTF-8 带 BOM）", "CSV for Excel (UTF-8 with BOM)"),
    "ex.jsonl": ("下载 JSON lines", "JSON lines"),
    "ex.claimreview": ("下载 ClaimReview（schema.org JSON-LD）", "ClaimReview (schema.org JSON-LD)"),
    "ex.help": ("CSV 在 Excel 中打开时中文不乱码；以 =、+、- 或 @ 开头的单元格前加了撇号，任何电子表格都不会把它们当公式执行。"
                "「empty」列为 是/否；「stale」列写「文章已更新」表示文章重新导入后已找不到这条主张（结论仍保留）。",
                "The CSV opens in Excel with Chinese intact; cells that start with =, +, - or @ are prefixed with an "
                "apostrophe so that no spreadsheet runs them as formulas. The `empty` column says 是/否 (yes/no); "
                "`stale` says 文章已更新 (article updated) when a re-ingested article no longer contains the claim "
                "(its verdict is kept)."),
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


def qualifier_label(qualifier: str | None, lang: str = DEFAULT_LANG) -> str:
    key = f"qual.{qualifier}"
    return t(key, lang) if key in TEXT else (qualifier or "")


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


def number_text(n, lang: str = DEFAULT_LANG) -> str:
    """A number as a reader writes it: 38.69亿, 3400万, 3,400, 3.5 (Chinese); 3,869,000,000 (English)."""
    if n is None:
        return ""
    n = float(n)
    if lang != "en":
        for unit, size in (("亿", 1e8), ("万", 1e4)):
            if abs(n) >= size and (n / size) == round(n / size, 4):
                return f"{n / size:,.4f}".rstrip("0").rstrip(".") + unit
    return f"{n:,.0f}" if n.is_integer() else f"{n:,}"


_PERIOD = re.compile(r"^(\d{4})-(?:Q(?:(1~)Q)?([1-4])|H([12]))$")
_CN = "零一二三四"
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ](\d{2}:\d{2})[\d:.]*Z?)?$")


def date_text(iso: str | None, lang: str = DEFAULT_LANG) -> str:
    """An ISO date or UTC time as a reader writes it: 2024年5月1日, 2024年9月, 2026年11月26日 11:09 UTC.
    Anything else is shown as it is."""
    if not iso:
        return ""
    text = str(iso)
    m = _ISO.match(text)
    if not m:
        p = _PERIOD.match(text)  # 2025-Q3, 2025-Q1~Q3, 2024-H1 (checker.periods)
        if p is None:
            return text
        year, last, half = p.group(1), p.group(3), p.group(4)
        if lang == "en":
            return text
        return f"{year}年" + ("上半年" if half == "1" else "下半年" if half else
                              f"前{_CN[int(last)]}季度" if p.group(2) else f"第{_CN[int(last)]}季度")
    year, month, day, time = m.groups()
    utc = " UTC" if text.endswith("Z") else ""  # our own timestamps; an article's time is its own
    if lang == "en":
        return "-".join(x.zfill(2) for x in (year, month, day) if x) + (f" {time}{utc}" if time else "")
    out = f"{int(year)}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")
    return out + (f" {time}{utc}" if time else "")

"""Synthetic articles for tests and benchmarks (sample data is part of the product: data/ holds
the hand-written ones). Each has a title, a publication line and several checkable facts.

`archive_article` builds a desk's archive: a few hundred companies written about again and again,
about 1,000 characters each, some in Traditional, some with pinyin glosses, some re-posts.
"""
from __future__ import annotations

import random
import zlib
from functools import lru_cache

ENTITIES = ("利信金融", "众信普惠", "宏达小贷", "恒鑫科技")


def article_text(i: int) -> str:
    """The i-th synthetic article: distinct text, about one of four companies."""
    name = ENTITIES[i % len(ENTITIES)]
    return (f"{name}逾期调查（第{i}期）\n发布时间:2024-05-01 | 来源:网络\n\n"
            f"{name}成立于{2010 + i}年，逾期贷款余额超过{i + 1}亿元，逾期率为{3.5 + i}%。"
            f"截至2023年，该平台注册用户达到{120 + i}万人，累计借贷金额为{35 + i}亿元。\n")


_FIRST = "利众宏恒鑫信达安华泰金通融汇普惠聚满盈鼎盛"
_SECOND = ("金融", "小贷", "普惠", "科技", "网贷", "财富", "信用", "资本")
_CITIES = ("深圳", "上海", "北京", "杭州", "广州", "成都", "南京", "武汉")
_FACTS = (
    "{c}成立于{founded}年，总部位于{city}。",
    "截至{year}年末，{c}的逾期贷款余额{q}{balance}亿元，逾期率为{rate}%。",
    "据{c}披露，平台注册用户达到{users}万人，累计借贷金额为{lent}亿元。",
    "{c}的注册资本为{capital}亿元，{year}年曾两次增资。",
    "截至{year}年{month}月，{c}逾期人数近{people}人，逾期金额约{amount}万元。",
    "{c}的不良率升至{bad}%，坏账率为{bad2}%。",
)
_WORDS = (
    "平台 借款人 出借人 催收 监管 部门 利率 合同 还款 逾期 资金方 资产包 风控 模型 审批 额度 客服 公告 报告 季度 "
    "用户 投诉 律师 记者 员工 高管 征信 记录 房贷 申请 社交 维权 集体 转账 凭证 通讯录 电话 工作 放款 业务 "
    "扩张 收缩 行业 数据 第三方 调查 核实 安排 通知 杠杆 规范 行为 宣传 页面 入口 关闭 暂停 恢复 承认 否认 "
    "表示 指出 透露 提醒 反映 整理 公布 披露 发现 认为 担心 希望 要求 建议 强调 说明 回应 拒绝 接受 处理 "
    "明显 大幅 部分 多次 已经 仍然 近期 去年 今年 上半年 下半年 此前 随后 目前 同时 此外 不过 但是 因此 "
    "网络 小额 信用 消费 分期 利息 手续费 服务费 保证金 担保 抵押 债权 债务 本金 期限 违约 坏账 拨备 资本 "
    "城市 地区 客户 群体 学生 上班族 个体户 商户 渠道 合作 机构 银行 信托 保险 基金 股东 董事会 股权 融资"
).split()


def _filler(rng: random.Random) -> str:
    """A sentence of random words: text to read, with no fact in it, unlike any other article's."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 14))]
    cut = rng.randint(3, len(words) - 3)
    return "".join(words[:cut]) + "，" + "".join(words[cut:]) + "。"


_GLOSSES = {"从": "cóng", "导": "dǎo", "语": "yǔ", "计": "jì", "务": "wù", "显": "xiǎn", "还": "huán", "们": "men"}


def companies(n: int = 300) -> list[str]:
    """n distinct company names (利众金融, 利众小贷, ...)."""
    out = []
    for a in _FIRST:
        for b in _FIRST:
            for s in _SECOND:
                if a != b:
                    out.append(f"{a}{b}{s}")
    random.Random(7).shuffle(out)
    return out[:n]


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def _gloss(text: str, rng: random.Random) -> str:
    return "".join(ch + f"({_GLOSSES[ch]})" if ch in _GLOSSES and rng.random() < 0.5 else ch for ch in text)


def archive_article(i: int, n_companies: int = 300, seed: int = 0) -> str:
    """The i-th article of a synthetic archive (about 1,000 characters): one company of
    `n_companies`, whose facts are mostly consistent across articles, sometimes not; one in
    five in Traditional, one in six with pinyin glosses, one in ten a re-post of an earlier one."""
    rng = random.Random(seed * 1_000_003 + i)
    if i > 20 and rng.random() < 0.1:  # a re-post: an earlier article under another headline
        original = archive_article(rng.randrange(i), n_companies, seed)
        return "转载：" + original.replace("来源:网络", "来源:转载").replace("來源:網絡", "來源:轉載")
    names = companies(n_companies)
    c = names[rng.randrange(len(names))]
    truth = random.Random(zlib.crc32(c.encode()) + seed)  # a company's facts, sometimes misreported
    wrong = rng.random() < 0.15
    values = {
        "c": c, "city": _CITIES[truth.randrange(len(_CITIES))],
        "founded": truth.randint(2010, 2018) + (rng.choice([-1, 1]) if wrong else 0),
        "year": rng.choice([2022, 2023, 2024]), "month": rng.randint(1, 12), "q": rng.choice(["", "超过", "约"]),
        "balance": truth.randint(1, 30) * (2 if wrong else 1), "rate": round(truth.uniform(1, 9), 1),
        "users": truth.randint(20, 900), "lent": truth.randint(10, 500), "capital": truth.choice([1, 5, 10, 38.69]),
        "people": rng.randint(10, 99) * 100, "amount": rng.randint(100, 9000), "bad": round(rng.uniform(1, 5), 1),
        "bad2": round(rng.uniform(0.5, 3), 1),
    }
    paragraphs = [fact.format(**values) + "".join(_filler(rng) for _ in range(6)) for fact in rng.sample(_FACTS, 5)]
    rng.shuffle(paragraphs)
    text = (f"{c}逾期风波调查（第{i}期）\n发布时间:{values['year']}-{values['month']:02d}-{rng.randint(1, 28):02d} "
            f"| 来源:网络\n\n" + "\n".join(paragraphs) + "\n")
    if rng.random() < 0.2:
        text = _to_traditional().convert(text)
    if rng.random() < 0.17:
        text = _gloss(text, rng)
    return text

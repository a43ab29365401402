"""Synthetic articles for tests and benchmarks (sample data is part of the product: data/ holds
the hand-written ones). Each has a title, a publication line and several checkable facts."""
from __future__ import annotations

ENTITIES = ("利信金融", "众信普惠", "宏达小贷", "恒鑫科技")


def article_text(i: int) -> str:
    """The i-th synthetic article: distinct text, about one of four companies."""
    name = ENTITIES[i % len(ENTITIES)]
    return (f"{name}逾期调查（第{i}期）\n发布时间:2024-05-01 | 来源:网络\n\n"
            f"{name}成立于{2010 + i}年，逾期贷款余额超过{i + 1}亿元，逾期率为{3.5 + i}%。"
            f"截至2023年，该平台注册用户达到{120 + i}万人，累计借贷金额为{35 + i}亿元。\n")

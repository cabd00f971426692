"""A deterministic mix of names as people type them, shared by the search benchmarks."""

from __future__ import annotations

import random

COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
          "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加"
          "量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与")
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
ASCII_SUFFIXES = ("com", "cn", "net", "com.cn", "xin", "top", "info", "org", "net.cn")
HAN_SUFFIXES = ("中国", "com", "cn", "公司", "网络", "xin")


def _ascii_label(rng: random.Random) -> str:
    label = "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 14)))
    if rng.random() < 0.2:
        cut = rng.randint(1, len(label) - 1)
        label = label[:cut] + "-" + label[cut:]
    return label


def _han_label(rng: random.Random) -> str:
    label = "".join(rng.choice(COMMON) for _ in range(rng.randint(2, 6)))
    return label + (rng.choice(LETTERS) * 2 if rng.random() < 0.1 else "")


def _typed(name: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return name.upper()
    if roll < 0.08:
        return f" {name} "
    if roll < 0.10:
        return name.replace(".", "。")
    return name


def names(count: int, seed: int = 2026) -> list[str]:
    """55% English, 35% Chinese, 10% broken (bad hyphens, characters, suffixes, lengths)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.55:
            name = f"{_ascii_label(rng)}.{rng.choice(ASCII_SUFFIXES)}"
        elif roll < 0.90:
            name = f"{_han_label(rng)}.{rng.choice(HAN_SUFFIXES)}"
        else:
            name = rng.choice([f"-{_ascii_label(rng)}.com", f"{_ascii_label(rng)}_x.cn",
                               f"{_ascii_label(rng)}.xyz", "a" * 64 + ".com",
                               f"{_han_label(rng)}.com.cn", f"www.{_ascii_label(rng)}.com"])
        out.append(_typed(name, rng))
    return out

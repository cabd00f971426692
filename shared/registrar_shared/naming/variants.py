"""Simplified/traditional variant folding (NAMING.md §6) from the table shipped in
``data/variants.json`` (built by tools/build_variants.py from OpenCC, loaded on first use)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


def load_table() -> dict[str, Any]:
    raw = resources.files("registrar_shared").joinpath("data/variants.json").read_text("utf-8")
    return dict(json.loads(raw))


@functools.cache
def fold_map() -> dict[int, str]:
    """Code point -> the representative of its class, for every non-representative member."""
    mapping: dict[int, str] = {}
    for members in load_table()["classes"]:
        representative = members[0]
        for char in members[1:]:
            mapping[ord(char)] = representative
    return mapping


def fold(label: str) -> str:
    """Every Han character replaced by its class representative (ASCII is left as it is)."""
    if label.isascii():
        return label
    return label.translate(fold_map())


def variant_key(suffix: str, label: str) -> str:
    """``suffix|folded label``: one registration per key (中国.cn blocks 中國.cn)."""
    return f"{suffix}|{fold(label).lower()}"


def same_class(a: str, b: str) -> bool:
    return fold(a) == fold(b)

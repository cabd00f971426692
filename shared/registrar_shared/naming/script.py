"""Which characters a label may hold: Han (a code point whose Unicode name starts with
``CJK UNIFIED IDEOGRAPH``), a–z, 0–9 and the hyphen."""

from __future__ import annotations

import functools
import re
import unicodedata

# The blocks of the CJK unified ideographs; a unit test scans every code point to prove
# no ideograph lies outside them in this Python's Unicode database.
HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
              (0x2EBF0, 0x2EE5F), (0x30000, 0x323AF))
_HAN_NAME = "CJK UNIFIED IDEOGRAPH"


def is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_HAN_NAME)


@functools.cache
def han_ranges() -> tuple[tuple[int, int], ...]:
    """Contiguous runs of Han code points (computed once, on first use: ~20 ms)."""
    runs: list[tuple[int, int]] = []
    for start, end in HAN_BLOCKS:
        run_start = None
        for cp in range(start, end + 2):
            inside = cp <= end and is_han(chr(cp))
            if inside and run_start is None:
                run_start = cp
            elif not inside and run_start is not None:
                runs.append((run_start, cp - 1))
                run_start = None
    return tuple(runs)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges)


@functools.cache
def han_pattern() -> re.Pattern[str]:
    return re.compile(f"[{_class(han_ranges())}]")


@functools.cache
def disallowed_pattern() -> re.Pattern[str]:
    """Anything outside Han ∪ a–z 0–9 -."""
    return re.compile(f"[^a-z0-9\\-{_class(han_ranges())}]")


ASCII_DISALLOWED = re.compile(r"[^a-z0-9\-]")

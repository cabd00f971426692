"""Step 1 of the pipeline (NAMING.md §1): what a person typed, in the form the rules read."""

from __future__ import annotations

import unicodedata

_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({cp: chr(cp - 0xFEE0 + 32) for cp in range(0xFF21, 0xFF3B)})  # Ａ–Ｚ → a–z
_TABLE.update({cp: chr(cp + 32) for cp in range(0x41, 0x5B)})                # A–Z → a–z
_TABLE.update({0x3002: ".", 0xFF0E: ".", 0xFF61: "."})                       # 。 ． ｡


def normalise(raw: str) -> str:
    """Strip Unicode whitespace, NFC, map ideographic dots and full-width ASCII, lower-case
    A–Z. Nothing more: invisible characters stay, so the rules can report them."""
    text = raw.strip()
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).translate(_TABLE)

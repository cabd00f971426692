"""Word lists of the content rules (data/naming_words.json), folded and loaded on first use."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from registrar_shared.naming.variants import fold


@dataclass(frozen=True)
class Words:
    cnnic_reserved: tuple[str, ...]
    hk_government: tuple[str, ...]
    hk_bank: re.Pattern[str]
    hk_insurance: tuple[str, ...]
    hk_reserved_labels: frozenset[str]


def _sequence(chars: list[str]) -> str:
    # b,a,n,k "in that order": each letter after the previous one, anything in between.
    return ".*".join(re.escape(fold(c)) for c in chars)


@functools.cache
def load() -> Words:
    raw = resources.files("registrar_shared").joinpath("data/naming_words.json")
    data = json.loads(raw.read_text("utf-8"))
    bank = [re.escape(fold(w)) for w in data["hk_bank"]]
    bank += [_sequence(seq) for seq in data["hk_bank_sequences"]]
    return Words(
        cnnic_reserved=tuple(fold(w) for w in data["cnnic_reserved"]),
        hk_government=tuple(fold(w) for w in data["hk_government"]),
        hk_bank=re.compile("|".join(bank)),
        hk_insurance=tuple(fold(w) for w in data["hk_insurance"]),
        hk_reserved_labels=frozenset(data["hk_reserved_labels"]),
    )


def reserved_word_in(folded_label: str) -> str | None:
    """The first CNNIC reserved word the (folded, lower-case) label contains, if any."""
    for word in load().cnnic_reserved:
        if word in folded_label:
            return word
    return None


def contains_reserved_word(label: str) -> bool:
    """Whether a label (any variant form, any case) contains a CNNIC reserved word."""
    return reserved_word_in(fold(label.lower())) is not None

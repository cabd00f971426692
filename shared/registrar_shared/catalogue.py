"""The suffix catalogue: data shipped with the code (data/suffixes.json), loaded lazily.

Search shows it and checks names against it; orders prices and re-checks at checkout. It is
code-shipped data rather than a table so both services read the same reviewed version
without reading each other's state (docs/decisions.md).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Literal

import idna
from pydantic import BaseModel, ConfigDict, Field

LabelScript = Literal["ascii_only", "han_required", "any"]
Special = Literal["trademark", "personal_name", "gov"]


class SitePrice(BaseModel):
    # "register" would shadow BaseModel.register (the ABC method), hence the alias.
    model_config = ConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)
    currency: str
    register_price: int = Field(alias="register")
    renew: int
    transfer: int
    redemption: int


class Suffix(BaseModel):
    model_config = ConfigDict(frozen=True)
    suffix: str
    registrable: bool
    renewable: bool
    transferable: bool
    label_script: LabelScript
    cnnic: bool
    special: Special | None
    min_years: int
    max_years: int
    realname_required: bool
    recommended: bool
    grace_days: int
    redemption_days: int
    not_registrable_reason: str | None
    prices: dict[str, SitePrice]

    @property
    def ascii(self) -> str:
        return _to_ascii(self.suffix)

    def price(self, site: str) -> SitePrice:
        return self.prices[site]


@functools.cache
def _to_ascii(name: str) -> str:
    return idna.encode(name).decode("ascii")


class Catalogue:
    def __init__(self, suffixes: list[Suffix]) -> None:
        self.suffixes = tuple(suffixes)
        self._by_name: dict[str, Suffix] = {}
        for entry in suffixes:
            self._by_name[entry.suffix] = entry
            self._by_name[entry.ascii] = entry
        self.max_labels = max(entry.suffix.count(".") + 1 for entry in suffixes)

    def get(self, name: str) -> Suffix | None:
        """The entry for a suffix given as U-label or A-label (already lower-cased)."""
        return self._by_name.get(name)

    def longest_match(self, labels: list[str]) -> tuple[Suffix, int] | None:
        """Longest suffix matching the rightmost labels: (entry, number of labels it spans)."""
        for size in range(min(self.max_labels, len(labels)), 0, -1):
            entry = self._by_name.get(".".join(labels[-size:]))
            if entry is not None:
                return entry, size
        return None


@functools.cache
def load() -> Catalogue:
    raw = resources.files("registrar_shared").joinpath("data/suffixes.json").read_text("utf-8")
    data = json.loads(raw)
    return Catalogue([Suffix.model_validate(entry) for entry in data["suffixes"]])

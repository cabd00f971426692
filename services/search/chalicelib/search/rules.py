"""Pure rules of the search service: a result's status and price, and suggestion names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from registrar_shared.catalogue import Catalogue, SitePrice, Suffix
from registrar_shared.naming import NameCheck, check_name, normalise
from registrar_shared.registry.base import Availability

Status = Literal["available", "registered", "variant_registered", "reserved", "invalid",
                 "unsupported_suffix", "not_registrable"]

# The order the product recommends (PRODUCT.md §5); other recommended suffixes follow.
SUGGESTED_ORDER = ("com", "cn", "xin", "info", "top", "net", "中国", "com.cn", "net.cn",
                   "公司", "网络")
ASCII_VARIATIONS = ("my{}", "{}online", "{}app", "get{}", "{}shop", "{}365", "{}88", "{}-cn",
                    "{}hub", "the{}")
HAN_VARIATIONS = ("{}网", "{}在线", "我的{}", "{}商城", "{}官网", "{}集团")
ASCII_VARIATION_SUFFIXES = ("com", "cn", "net")
HAN_VARIATION_SUFFIXES = ("中国", "com", "cn")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Result:
    """What search says about one name: the rules' verdict, the registry's, the price."""

    check: NameCheck
    status: Status
    price: SitePrice | None

    @property
    def available(self) -> bool:
        return self.status == "available"


def status_of(check: NameCheck, availability: Availability | None) -> Status:
    """A refused name's status follows its primary (first) reason; a valid one the registry."""
    if check.reasons:
        primary = check.reasons[0].code
        if primary == "UnsupportedSuffix":
            return "unsupported_suffix"
        if primary == "SuffixNotRegistrable":
            return "not_registrable"
        return "invalid"
    if availability is None:
        raise ValueError(f"no registry answer for {check.ascii}")
    return availability


def result_of(check: NameCheck, availability: Availability | None, site: str) -> Result:
    status = status_of(check, availability)
    price = check.suffix.price(site) if status == "available" and check.suffix else None
    return Result(check=check, status=status, price=price)


def suggested_suffixes(catalogue: Catalogue) -> list[Suffix]:
    recommended = [e for e in catalogue.suffixes if e.recommended and e.registrable]
    rank = {name: i for i, name in enumerate(SUGGESTED_ORDER)}
    return sorted(recommended, key=lambda e: rank.get(e.suffix, len(rank)))


def keyword_labels(keyword: str) -> list[str]:
    """The label(s) a keyword stands for: ``taobao.com`` → taobao; ``my shop`` → myshop,
    my-shop."""
    text = normalise(keyword)
    if "." in text:
        check = check_name(text)
        text = check.label if check.label is not None else text.split(".")[0]
    words = _SPACE.split(text.strip())
    labels = ["".join(words)] + (["-".join(words)] if len(words) > 1 else [])
    return [label for label in labels if label]


def suggestion_names(keyword: str, catalogue: Catalogue) -> list[str]:
    """Candidate names in the order shown: each label on the suggested suffixes, then
    simple variations (invalid candidates are dropped later by the rules)."""
    names: list[str] = []
    labels = keyword_labels(keyword)
    suffixes = [entry.suffix for entry in suggested_suffixes(catalogue)]
    for label in labels:
        names += [f"{label}.{suffix}" for suffix in suffixes]
    for label in labels[:1]:
        ascii_label = label.isascii()
        patterns = ASCII_VARIATIONS if ascii_label else HAN_VARIATIONS
        targets = ASCII_VARIATION_SUFFIXES if ascii_label else HAN_VARIATION_SUFFIXES
        for pattern in patterns:
            names += [f"{pattern.format(label)}.{suffix}" for suffix in targets]
    return list(dict.fromkeys(names))


def first_valid(checks: Iterable[NameCheck], limit: int) -> list[NameCheck]:
    picked: list[NameCheck] = []
    seen: set[str] = set()
    for check in checks:
        if check.valid and check.ascii not in seen:
            seen.add(check.ascii or "")
            picked.append(check)
            if len(picked) == limit:
                break
    return picked

"""DNS domain objects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Zone:
    ascii: str
    domain: str
    account_id: str
    zone_id: str
    status: str  # "active" | "held"
    created_at: str

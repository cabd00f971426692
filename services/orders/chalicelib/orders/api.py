"""Request and response models of the orders API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class AccountView(BaseModel):
    account_id: str
    site: Literal["cn", "intl"]
    kind: Literal["main", "ram"]
    parent_id: str | None
    balance: int
    currency: str

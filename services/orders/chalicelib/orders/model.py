"""Orders domain objects: orders and their items, payments, portfolio domains, templates."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Action = Literal["register", "renew"]
HolderType = Literal["individual", "enterprise"]


class OrderStatus(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    PARTIALLY_SUCCEEDED = "partially_succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ItemStatus(StrEnum):
    PENDING = "pending"
    REGISTERING = "registering"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUNDED = "refunded"


class DomainStatus(StrEnum):
    REGISTERING = "registering"
    ACTIVE = "active"
    SERVER_HOLD = "server_hold"
    PENDING_NAMING_REVIEW = "pending_naming_review"
    EXPIRED = "expired"
    REDEMPTION = "redemption"
    PENDING_DELETE = "pending_delete"
    DELETED = "deleted"


@dataclass(frozen=True)
class Failure:
    code: str
    message: str


@dataclass(frozen=True)
class OrderItem:
    domain: str
    ascii: str
    suffix: str
    years: int
    action: Action
    amount: int            # price before discount, minor units
    discount: int = 0      # this item's share of the order discount
    status: ItemStatus = ItemStatus.PENDING
    variant_key: str = ""
    current_expiry: str | None = None   # renewals: the expiry this renewal extends
    naming_review: bool = False         # ReservedWordReview: entity documents required
    failure: Failure | None = None
    refunded: int = 0
    attempts: int = 0                   # registry errors so far
    product: dict[str, Any] = field(default_factory=dict)

    @property
    def charged(self) -> int:
        return self.amount - self.discount

    def with_status(self, status: ItemStatus, **changes: Any) -> OrderItem:
        return dataclasses.replace(self, status=status, **changes)


@dataclass(frozen=True)
class Order:
    order_id: str
    account_id: str
    site: str
    currency: str
    items: tuple[OrderItem, ...]
    subtotal: int
    discount: int
    total: int
    status: OrderStatus
    template_id: str
    created_at: str
    expires_at: str                     # payment deadline
    promo_code: str | None = None
    payment_id: str | None = None
    payment_method: str | None = None
    flags: tuple[str, ...] = ()
    version: int = 1

    def item(self, ascii_name: str) -> OrderItem:
        return next(i for i in self.items if i.ascii == ascii_name)

    def index(self, ascii_name: str) -> int:
        return next(n for n, i in enumerate(self.items) if i.ascii == ascii_name)


@dataclass(frozen=True)
class Payment:
    payment_id: str
    order_id: str
    account_id: str
    method: str
    amount: int
    currency: str
    status: str            # pending | succeeded | failed
    created_at: str
    provider_txn_id: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """orders' projection of a real-name template (from template.* / realname.* events)."""

    template_id: str
    account_id: str
    holder_type: HolderType
    name: str
    region: str
    email_verified: bool = False
    realname_status: str = "none"
    organisation_type: str | None = None


@dataclass(frozen=True)
class Domain:
    domain: str
    ascii: str
    suffix: str
    account_id: str
    template_id: str
    status: DomainStatus
    epp_statuses: tuple[str, ...]
    registered_at: str
    expires_at: str
    order_id: str
    product: str | None = None
    naming_review_deadline: str | None = None
    version: int = 1


@dataclass(frozen=True)
class CartItem:
    domain: str
    ascii: str
    years: int
    action: Action
    added_at: str


@dataclass(frozen=True)
class PromoCode:
    code: str
    kind: Literal["percent", "fixed"]
    value: int                      # percent (1-100) or minor units
    currency: str | None            # fixed codes are per currency
    suffixes: tuple[str, ...]       # empty = every suffix
    starts_at: str
    ends_at: str
    per_account_limit: int

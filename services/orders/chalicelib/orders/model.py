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


FINAL_ITEM_STATUSES = (ItemStatus.SUCCEEDED, ItemStatus.FAILED, ItemStatus.REFUNDED)


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
    naming_review: bool = False         # a qualification review follows registration
    failure: Failure | None = None
    refunded: int = 0
    attempts: int = 0                   # registry errors so far
    product: dict[str, Any] = field(default_factory=dict)
    review_documents: tuple[str, ...] = ()  # documents the review needs (special suffixes)

    @property
    def charged(self) -> int:
        return self.amount - self.discount

    @property
    def required_documents(self) -> tuple[str, ...]:
        """The documents a qualification review needs (orders placed before the special
        suffixes carried only ``naming_review``: the entity qualification)."""
        if self.review_documents:
            return self.review_documents
        return ("entity_qualification",) if self.naming_review else ()

    def with_status(self, status: ItemStatus, **changes: Any) -> OrderItem:
        return dataclasses.replace(self, status=status, **changes)


RefundChannel = Literal["balance", "provider", "bank"]


@dataclass(frozen=True)
class Refund:
    """Money going back to where it came from. A balance refund is completed in the same
    transaction that credits the balance; a provider refund stays ``pending`` (retried by the
    scheduler) until the provider accepts it, idempotently on ``refund_id``."""

    refund_id: str
    payment_id: str
    amount: int
    currency: str
    channel: RefundChannel
    status: Literal["pending", "completed"]
    reason: str
    created_at: str
    domain: str | None = None
    completed_at: str | None = None


def refund_channel(payment_method: str | None) -> RefundChannel:
    """Balance money goes back to the balance; online payments back through the provider."""
    return "balance" if payment_method in (None, "balance") else "provider"


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
    refunds: tuple[Refund, ...] = ()
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
    organisation: str | None = None

    @property
    def holder_name(self) -> str:
        """Who holds the domains: the person, or the organisation of an enterprise template
        (whose ``name`` is only the contact person)."""
        if self.holder_type == "enterprise" and self.organisation:
            return self.organisation
        return self.name


PROXY_TEMPLATE_ID = "proxy"
# The provider's quick-registration proxy template (a platform constant, not a projection):
# always e-mail and real-name verified; domains registered with it are restricted until a
# holder transfer (过户) to one of the customer's own verified templates.
PROXY_TEMPLATE = Template(template_id=PROXY_TEMPLATE_ID, account_id="platform",
                          holder_type="enterprise", name="域名代理注册服务",
                          organisation="示例云计算有限公司（代理注册）", region="mainland",
                          email_verified=True, realname_status="verified",
                          organisation_type="company")


@dataclass(frozen=True)
class EarlyDocument:
    """A qualification document verified for a name before we registered it (uploaded with
    or right after the order): counted when the registration's review starts."""

    document_type: str
    account_id: str
    template_id: str
    document_number: str | None
    verified_at: str


@dataclass(frozen=True)
class ReviewRefusal:
    """The latest document refused for a domain under review (the review keeps waiting)."""

    document_type: str
    code: str
    message: str


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
    restricted: bool = False                       # registered with the proxy template
    review_documents: tuple[str, ...] = ()         # documents the review needs
    review_verified: tuple[str, ...] = ()          # ... of which verified so far
    review_refusal: ReviewRefusal | None = None
    version: int = 1

    @property
    def review_missing(self) -> tuple[str, ...]:
        return tuple(d for d in self.review_documents if d not in self.review_verified)


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

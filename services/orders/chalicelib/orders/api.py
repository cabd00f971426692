"""Request and response models of the orders API (API.md "orders")."""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from chalicelib.orders.model import CartItem, Domain, DomainStatus, Order, OrderItem, Payment


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AccountView(BaseModel):
    account_id: str
    site: Literal["cn", "intl"]
    kind: Literal["main", "ram"]
    parent_id: str | None
    balance: int
    currency: str


class CartItemRequest(Request):
    domain: str = Field(min_length=1, max_length=300)
    years: StrictInt = Field(description="checked against the suffix: 400 InvalidPeriod")
    action: Literal["register", "renew"] = "register"


class PriceView(BaseModel):
    currency: str
    amount: int


class CartItemView(BaseModel):
    domain: str
    ascii: str
    years: int
    action: str
    price: PriceView


class CartView(BaseModel):
    items: list[CartItemView]
    total: int
    currency: str


class PersonalNameRequest(Request):
    """姓名.网址: the label must be exactly prefix + name + suffix."""

    prefix: str | None = Field(default=None, min_length=1, max_length=20,
                               description="Optional, e.g. 设计师")
    name: str = Field(min_length=1, max_length=32,
                      description="The holder's full name exactly as on the ID card")
    suffix: str | None = Field(default=None, min_length=1, max_length=20,
                               description="Optional, e.g. 博士")
    id_number: str = Field(min_length=1, max_length=32,
                           description="18-character PRC resident ID (x or X accepted)")


class TrademarkRequest(Request):
    """.商标: the trademark registration the name is based on."""

    registration_number: str = Field(min_length=1, max_length=32,
                                     description="4-9 digits, G first for international")
    holder: str = Field(min_length=1, max_length=128,
                        description="The holder printed on the certificate; must be the "
                                    "template's holder")


class GovRequest(Request):
    """.gov.cn: the government body's level and organisation code."""

    level: Literal["provincial", "state_council", "city", "county", "other"]
    organisation_code: str = Field(min_length=1, max_length=32,
                                   description="GB 11714 organisation code (9 characters) or "
                                               "the unified social credit code (18)")


class OrderItemRequest(Request):
    domain: str = Field(min_length=1, max_length=300)
    years: StrictInt = Field(description="checked against the suffix: 400 InvalidPeriod")
    action: Literal["register", "renew"] = "register"
    personal_name: PersonalNameRequest | None = None
    trademark: TrademarkRequest | None = None
    gov: GovRequest | None = None


class PlaceOrderRequest(Request):
    items: list[OrderItemRequest] | None = Field(default=None, min_length=1, max_length=100)
    template_id: str = Field(min_length=1, max_length=100,
                             description='One of the account\'s templates, or "proxy" for '
                                         "the provider's quick-registration proxy template")
    holder_type: Literal["individual", "enterprise"] | None = None
    promo_code: str | None = Field(default=None, min_length=1, max_length=64)
    terms_accepted: StrictBool = False


class FailureView(BaseModel):
    code: str
    message: str


class OrderItemView(BaseModel):
    domain: str
    ascii: str
    years: int
    action: str
    price: PriceView
    discount: int
    status: str
    failure: FailureView | None = None
    refunded: int = 0
    naming_review: bool = False
    review_documents: list[str] = Field(default_factory=list)
    product: str | None = None

    @classmethod
    def of(cls, item: OrderItem, currency: str) -> OrderItemView:
        failure = FailureView(code=item.failure.code, message=item.failure.message) \
            if item.failure else None
        return cls(domain=item.domain, ascii=item.ascii, years=item.years, action=item.action,
                   price=PriceView(currency=currency, amount=item.amount),
                   discount=item.discount, status=str(item.status), failure=failure,
                   refunded=item.refunded, naming_review=item.naming_review,
                   review_documents=list(item.required_documents),
                   product=next(iter(item.product), None))


class RefundView(BaseModel):
    refund_id: str
    amount: int
    currency: str
    channel: Literal["balance", "provider", "bank"]
    status: Literal["pending", "completed"]
    reason: str
    domain: str | None = None
    created_at: str
    completed_at: str | None = None


class OrderView(BaseModel):
    order_id: str
    status: str
    items: list[OrderItemView]
    subtotal: int
    discount: int
    total: int
    currency: str
    template_id: str
    promo_code: str | None
    payment_id: str | None
    payment_method: str | None
    created_at: str
    expires_at: str
    refunds: list[RefundView] = []

    @classmethod
    def of(cls, order: Order) -> OrderView:
        return cls(order_id=order.order_id, status=str(order.status),
                   items=[OrderItemView.of(i, order.currency) for i in order.items],
                   subtotal=order.subtotal, discount=order.discount, total=order.total,
                   currency=order.currency, template_id=order.template_id,
                   promo_code=order.promo_code, payment_id=order.payment_id,
                   payment_method=order.payment_method, created_at=order.created_at,
                   expires_at=order.expires_at,
                   refunds=[RefundView(**asdict(r)) for r in order.refunds])


class OrderList(BaseModel):
    orders: list[OrderView]
    next_token: str | None = None


class ListQuery(Request):
    limit: int = Field(default=50, ge=1, le=200)
    next_token: str | None = Field(default=None, max_length=2000)
    status: str | None = Field(default=None, max_length=40)


class PaymentRequest(Request):
    method: Literal["balance", "alipay", "bank"]


class PaymentView(BaseModel):
    payment_id: str
    order_id: str
    method: str
    status: str
    amount: int
    currency: str
    pay_url: str | None = None

    @classmethod
    def of(cls, payment: Payment, pay_url: str | None = None) -> PaymentView:
        return cls(payment_id=payment.payment_id, order_id=payment.order_id,
                   method=payment.method, status=payment.status, amount=payment.amount,
                   currency=payment.currency, pay_url=pay_url)


class CallbackBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    payment_id: str = Field(min_length=1, max_length=100)
    provider_txn_id: str = Field(min_length=1, max_length=100)
    amount: StrictInt
    currency: str = Field(min_length=3, max_length=3)
    status: Literal["success", "failed"]


class Received(BaseModel):
    received: bool = True


class LifecycleView(BaseModel):
    expires_at: str
    grace_ends_at: str
    redemption_ends_at: str
    deletion_at: str


class RefusalView(BaseModel):
    document_type: str
    code: str
    message: str


class ReviewView(BaseModel):
    """A qualification review in progress (status ``pending_naming_review``)."""

    deadline: str | None
    required_documents: list[str]
    verified_documents: list[str]
    missing_documents: list[str]
    last_refusal: RefusalView | None = None

    @classmethod
    def of(cls, domain: Domain) -> ReviewView | None:
        if domain.status != DomainStatus.PENDING_NAMING_REVIEW:
            return None
        refusal = domain.review_refusal
        return cls(deadline=domain.naming_review_deadline,
                   required_documents=list(domain.review_documents),
                   verified_documents=list(domain.review_verified),
                   missing_documents=list(domain.review_missing),
                   last_refusal=RefusalView(document_type=refusal.document_type,
                                            code=refusal.code, message=refusal.message)
                   if refusal else None)


class DomainView(BaseModel):
    domain: str
    ascii: str
    status: str
    epp_statuses: list[str]
    registered_at: str
    expires_at: str
    template_id: str
    realname_status: str
    order_id: str
    product: str | None = None
    naming_review_deadline: str | None = None
    review: ReviewView | None = None
    restricted: bool = Field(default=False, description=(
        "Registered with the proxy template: renewals only with the proxy template and no "
        "holder change other than a holder transfer (过户) to one of your verified templates"))
    business_card_available: bool = Field(default=False, description=(
        "姓名.网址 only: active and real-name verified, so POST /dns/v1/domains/<domain>/"
        "business-card can switch the business card on"))
    lifecycle: LifecycleView | None = None

    @classmethod
    def of(cls, domain: Domain, realname_status: str,
           lifecycle: LifecycleView | None = None) -> DomainView:
        return cls(domain=domain.domain, ascii=domain.ascii, status=str(domain.status),
                   epp_statuses=list(domain.epp_statuses), registered_at=domain.registered_at,
                   expires_at=domain.expires_at, template_id=domain.template_id,
                   realname_status=realname_status, order_id=domain.order_id,
                   product=domain.product, naming_review_deadline=domain.naming_review_deadline,
                   review=ReviewView.of(domain), restricted=domain.restricted,
                   business_card_available=business_card_available(domain, realname_status),
                   lifecycle=lifecycle)


def business_card_available(domain: Domain, realname_status: str) -> bool:
    """PRODUCT.md §8: after registration and real-name verification, a 姓名.网址 owner may
    switch on the business card (the DNS service adds the CNAME)."""
    return (domain.product == "personal_name" and domain.status == DomainStatus.ACTIVE
            and realname_status == "verified")


class HolderTransferRequest(Request):
    template_id: str = Field(min_length=1, max_length=100,
                             description="One of the account's own real-name-verified templates")


class DomainList(BaseModel):
    domains: list[DomainView]
    next_token: str | None = None


def cart_item_view(item: CartItem, currency: str, amount: int) -> CartItemView:
    return CartItemView(domain=item.domain, ascii=item.ascii, years=item.years,
                        action=item.action, price=PriceView(currency=currency, amount=amount))

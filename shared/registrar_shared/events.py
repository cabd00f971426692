"""The published language: every cross-service event payload, by event_type.

Versions live side by side (``DomainRegisteredV2``) when a payload changes incompatibly;
adding an optional field keeps the version.
"""

from __future__ import annotations

from typing import Any

from registrar_shared.envelope import Event


class OrderCreated(Event):
    event_type = "order.created"
    order_id: str
    account_id: str
    domains: list[str]
    total: int
    currency: str


class OrderPaid(Event):
    event_type = "order.paid"
    order_id: str
    account_id: str
    payment_id: str
    method: str
    amount: int
    currency: str


class OrderCancelled(Event):
    event_type = "order.cancelled"
    order_id: str
    account_id: str
    reason: str


class OrderCompleted(Event):
    event_type = "order.completed"
    order_id: str
    account_id: str
    status: str  # succeeded | partially_succeeded | failed


class PaymentRefunded(Event):
    event_type = "payment.refunded"
    order_id: str
    account_id: str
    payment_id: str
    amount: int
    currency: str
    reason: str
    domain: str | None = None


class DomainRegistered(Event):
    event_type = "domain.registered"
    domain: str
    ascii: str
    account_id: str
    order_id: str
    template_id: str
    years: int
    expires_at: str
    product: str | None = None  # e.g. "personal_name" for 姓名.网址
    on_hold: bool = False


class DomainRegistrationFailed(Event):
    event_type = "domain.registration_failed"
    domain: str
    ascii: str
    account_id: str
    order_id: str
    code: str
    message: str


class DomainHeld(Event):
    event_type = "domain.held"
    domain: str
    ascii: str
    account_id: str
    reason: str


class DomainUnheld(Event):
    event_type = "domain.unheld"
    domain: str
    ascii: str
    account_id: str
    reason: str


class DomainRenewed(Event):
    event_type = "domain.renewed"
    domain: str
    ascii: str
    account_id: str
    years: int
    expires_at: str


class DomainExpiring(Event):
    event_type = "domain.expiring"
    domain: str
    ascii: str
    account_id: str
    expires_at: str
    days_left: int


class DomainExpired(Event):
    event_type = "domain.expired"
    domain: str
    ascii: str
    account_id: str
    expires_at: str


class DomainDeleted(Event):
    event_type = "domain.deleted"
    domain: str
    ascii: str
    account_id: str
    reason: str


class DomainHolderChanged(Event):
    event_type = "domain.holder_changed"
    domain: str
    ascii: str
    account_id: str
    template_id: str


class TemplateCreated(Event):
    """Carries what orders needs to re-check a checkout (its own projection of templates)."""

    event_type = "template.created"
    template_id: str
    account_id: str
    holder_type: str  # individual | enterprise
    name: str
    region: str  # mainland | hong_kong | macau | taiwan | other
    email: str
    organisation: str | None = None
    organisation_type: str | None = None  # e.g. "government" (机关法人) for .gov.cn
    name_en: str | None = None


class TemplateEmailVerified(Event):
    event_type = "template.email_verified"
    template_id: str
    account_id: str
    email: str


class RealnameSubmitted(Event):
    event_type = "realname.submitted"
    template_id: str
    account_id: str
    upload_id: str
    document_type: str
    domain: str | None = None


class RealnameVerified(Event):
    event_type = "realname.verified"
    template_id: str
    account_id: str
    upload_id: str
    document_type: str
    holder_name: str | None = None
    domain: str | None = None
    holder_type: str | None = None  # individual | enterprise (the verified template's)


class RealnameFailed(Event):
    event_type = "realname.failed"
    template_id: str
    account_id: str
    upload_id: str
    document_type: str
    code: str
    message: str
    domain: str | None = None
    message_zh: str | None = None  # the same reason in Chinese (message is English)


class DnsZoneCreated(Event):
    event_type = "dns.zone_created"
    domain: str
    ascii: str
    account_id: str
    zone_id: str


class DnsRecordsChanged(Event):
    event_type = "dns.records_changed"
    domain: str
    ascii: str
    account_id: str
    changes: list[dict[str, Any]]


EVENT_TYPES: dict[str, type[Event]] = {
    cls.event_type: cls
    for cls in (
        OrderCreated, OrderPaid, OrderCancelled, OrderCompleted, PaymentRefunded,
        DomainRegistered, DomainRegistrationFailed, DomainHeld, DomainUnheld, DomainRenewed,
        DomainExpiring, DomainExpired, DomainDeleted, DomainHolderChanged,
        TemplateCreated, TemplateEmailVerified, RealnameSubmitted, RealnameVerified, RealnameFailed,
        DnsZoneCreated, DnsRecordsChanged,
    )
}

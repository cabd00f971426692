"""Notify domain objects: contacts, messages, webhooks and their deliveries."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Language = Literal["zh", "en"]
Channel = Literal["email", "sms", "webhook"]
# Outcome of one e-mail or SMS of one event. "unknown": a worker claimed it and died before
# recording the provider's answer; it is never sent again (at-most-once, docs/decisions.md).
ChannelStatus = Literal["sending", "sent", "retry", "failed", "unknown"]
DeliveryStatus = Literal["pending", "delivering", "retrying", "delivered", "failed", "cancelled"]
TERMINAL_DELIVERY: frozenset[str] = frozenset({"delivered", "failed", "cancelled"})


@dataclass(frozen=True)
class Contact:
    """Where an account is told things: e-mail, optional phone, preferred language."""

    account_id: str
    email: str | None
    phone: str | None
    language: Language
    source: Literal["account", "custom"] = "account"
    updated_at: str | None = None


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    sms: str | None = None


@dataclass(frozen=True)
class Message:
    """One entry of the message centre (站内信), in both languages."""

    account_id: str
    message_id: str
    event_id: str
    event_type: str
    created_at: str
    channels: tuple[str, ...]
    text: dict[str, Rendered]

    def rendered(self, language: str) -> Rendered:
        return self.text.get(language) or self.text["en"]


@dataclass(frozen=True)
class Webhook:
    account_id: str
    webhook_id: str
    url: str
    events: tuple[str, ...]
    secret: str
    created_at: str
    description: str | None = None


@dataclass(frozen=True)
class WebhookDelivery:
    """One event for one webhook, across its attempts."""

    webhook_id: str
    account_id: str
    event_id: str
    event_type: str
    occurred_at: str
    status: DeliveryStatus
    attempts: int
    created_at: str
    updated_at: str
    claimed_at: str | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    next_attempt_at: str | None = None
    delivered_at: str | None = None

    @property
    def key(self) -> str:
        """The delivery's id within its webhook: time-ordered and deterministic."""
        return f"{self.occurred_at}#{self.event_id}"


@dataclass(frozen=True)
class WebhookJob:
    """The SQS message that asks for one delivery attempt (body signed as is)."""

    account_id: str
    webhook_id: str
    event_id: str
    event_type: str
    occurred_at: str
    attempt: int
    body: str

    def next(self) -> WebhookJob:
        return replace(self, attempt=self.attempt + 1)


@dataclass(frozen=True)
class PostResult:
    """What a webhook receiver answered (status None: no HTTP answer, see error)."""

    status: int | None
    error: str | None = None
    elapsed_ms: int = 0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class Page:
    items: list[object] = field(default_factory=list)
    next_token: str | None = None

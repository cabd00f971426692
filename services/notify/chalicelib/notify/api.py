"""Request and response models of the notify API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.notify.model import Contact, Message, Webhook, WebhookDelivery


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ContactUpdate(Request):
    email: str = Field(min_length=3, max_length=254)
    phone: str | None = Field(default=None, max_length=32)
    language: Literal["zh", "en"] | None = None


class ContactView(BaseModel):
    account_id: str
    email: str | None
    phone: str | None
    language: Literal["zh", "en"]
    source: Literal["account", "custom"]
    updated_at: str | None

    @classmethod
    def of(cls, contact: Contact) -> ContactView:
        return cls(account_id=contact.account_id, email=contact.email, phone=contact.phone,
                   language=contact.language, source=contact.source,
                   updated_at=contact.updated_at)


class WebhookCreate(Request):
    url: str = Field(min_length=1, max_length=4096)
    events: list[str] = Field(min_length=1, max_length=50)
    description: str | None = Field(default=None, max_length=200)


class WebhookView(BaseModel):
    webhook_id: str
    url: str
    events: list[str]
    description: str | None
    created_at: str

    @classmethod
    def of(cls, webhook: Webhook) -> WebhookView:
        return cls(webhook_id=webhook.webhook_id, url=webhook.url, events=list(webhook.events),
                   description=webhook.description, created_at=webhook.created_at)


class WebhookCreated(WebhookView):
    secret: str

    @classmethod
    def created(cls, webhook: Webhook) -> WebhookCreated:
        return cls(**WebhookView.of(webhook).model_dump(), secret=webhook.secret)


class WebhookList(BaseModel):
    webhooks: list[WebhookView]


class PageQuery(Request):
    limit: int = Field(default=50, ge=1, le=200)
    next_token: str | None = Field(default=None, max_length=2048)


class DeliveryView(BaseModel):
    event_id: str
    event_type: str
    status: Literal["pending", "delivering", "retrying", "delivered", "failed", "cancelled"]
    attempts: int
    last_status_code: int | None
    last_error: str | None
    created_at: str
    updated_at: str
    next_attempt_at: str | None
    delivered_at: str | None

    @classmethod
    def of(cls, d: WebhookDelivery) -> DeliveryView:
        return cls(event_id=d.event_id, event_type=d.event_type, status=d.status,
                   attempts=d.attempts, last_status_code=d.last_status_code,
                   last_error=d.last_error, created_at=d.created_at, updated_at=d.updated_at,
                   next_attempt_at=d.next_attempt_at, delivered_at=d.delivered_at)


class DeliveryList(BaseModel):
    deliveries: list[DeliveryView]
    next_token: str | None


class MessageView(BaseModel):
    message_id: str
    event_id: str
    event_type: str
    subject: str
    body: str
    created_at: str
    channels: list[Literal["email", "sms", "webhook"]]

    @classmethod
    def of(cls, message: Message, language: str) -> MessageView:
        text = message.rendered(language)
        return cls(message_id=message.message_id, event_id=message.event_id,
                   event_type=message.event_type, subject=text.subject, body=text.body,
                   created_at=message.created_at, channels=list(message.channels))  # type: ignore[arg-type]


class MessageList(BaseModel):
    messages: list[MessageView]
    next_token: str | None

"""Notify use cases: contacts, webhooks, the message centre, and turning one event into
e-mail, SMS, message-centre entry and webhook deliveries, each at most once per event."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import pydantic

from chalicelib.notify import rules
from chalicelib.notify.accounts import AccountDirectory
from chalicelib.notify.channels import Mailer, SendRejected, Texter, WebhookQueue
from chalicelib.notify.errors import (
    ChannelUnavailable,
    DeliveryInProgress,
    InvalidEventPayload,
    InvalidWebhookUrl,
    WebhookHostUnresolvable,
    WebhookLimitExceeded,
    WebhookNotFound,
    WebhookTargetRefused,
)
from chalicelib.notify.model import (
    Contact,
    Language,
    Message,
    PostResult,
    Rendered,
    Webhook,
    WebhookDelivery,
    WebhookJob,
)
from chalicelib.notify.repository import RETENTION_SECONDS, NotifyRepository
from chalicelib.notify.transport import Poster, Resolver, resolve_target
from registrar_shared.auth import Principal
from registrar_shared.clock import Clock, iso, parse_iso
from registrar_shared.dynamo import epoch
from registrar_shared.envelope import Envelope
from registrar_shared.events import EVENT_TYPES
from registrar_shared.resources import CUSTOMER_EVENTS

MAX_WEBHOOKS = 20
# A worker that claimed a send longer ago than this has stopped: Lambda ends it at 30 s.
CLAIM_LEASE = timedelta(seconds=35)


# --- contacts -----------------------------------------------------------------------------

def _owner_account(account_id: str, accounts: AccountDirectory
                   ) -> tuple[str, dict[str, Any] | None]:
    """The main account that owns what ``account_id`` does (a RAM user acts for it)."""
    account = accounts.get_account(account_id)
    if account and account.get("kind") == "ram" and account.get("parent_id"):
        parent = str(account["parent_id"])
        return parent, accounts.get_account(parent)
    return account_id, account


def _default_contact(account_id: str, account: dict[str, Any] | None) -> Contact | None:
    if account is None:
        return None
    return Contact(account_id=account_id, email=account.get("email") or None,
                   phone=account.get("phone") or None,
                   language=rules.language_for_site(account.get("site")), source="account")


def resolve_contact(account_id: str, *, repo: NotifyRepository,
                    accounts: AccountDirectory) -> tuple[str, Contact | None]:
    """The owning main account and where to reach it: its own contact record in the notify
    table, else the e-mail and phone of its platform account record."""
    owner_id, account = _owner_account(account_id, accounts)
    return owner_id, repo.get_contact(owner_id) or _default_contact(owner_id, account)


def get_contact(principal: Principal, *, repo: NotifyRepository,
                accounts: AccountDirectory) -> Contact:
    owner_id, contact = resolve_contact(principal.owner_id, repo=repo, accounts=accounts)
    return contact or Contact(account_id=owner_id, email=None, phone=None,
                              language=rules.language_for_site(principal.site))


def update_contact(principal: Principal, *, email: str, phone: str | None,
                   language: Language | None, repo: NotifyRepository,
                   accounts: AccountDirectory, clock: Clock) -> Contact:
    """Replace the account's contact details (main accounts only).

    Raises: RamUserForbidden, InvalidContactEmail, InvalidContactPhone.
    """
    principal.require_main()
    checked_email = rules.validate_email(email)
    checked_phone = rules.validate_phone(phone) if phone else None
    if language is None:
        language = get_contact(principal, repo=repo, accounts=accounts).language
    contact = Contact(account_id=principal.owner_id, email=checked_email, phone=checked_phone,
                      language=language, source="custom", updated_at=iso(clock.now()))
    repo.put_contact(contact)
    return contact


# --- webhooks -----------------------------------------------------------------------------

def create_webhook(principal: Principal, *, url: str, events: Sequence[str],
                   description: str | None, repo: NotifyRepository, resolver: Resolver,
                   local: bool, clock: Clock) -> Webhook:
    """Register a URL for the events matching ``events``; returns it with its secret.

    Raises: RamUserForbidden, InvalidWebhookUrl, UnknownEventPattern,
            WebhookHostUnresolvable, WebhookTargetRefused, WebhookLimitExceeded.
    """
    principal.require_main()
    parsed = rules.parse_webhook_url(url)
    patterns = rules.validate_patterns(events, CUSTOMER_EVENTS)
    resolve_target(parsed, local=local, resolver=resolver)
    if len(repo.list_webhooks(principal.owner_id)) >= MAX_WEBHOOKS:
        raise WebhookLimitExceeded(limit=MAX_WEBHOOKS)
    webhook = Webhook(account_id=principal.owner_id, webhook_id="wh_" + uuid.uuid4().hex[:20],
                      url=url, events=patterns, secret="whsec_" + secrets.token_urlsafe(32),
                      created_at=iso(clock.now()), description=description)
    repo.add_webhook(webhook)
    return webhook


def list_webhooks(principal: Principal, *, repo: NotifyRepository) -> list[Webhook]:
    return sorted(repo.list_webhooks(principal.owner_id), key=lambda w: w.created_at)


def delete_webhook(principal: Principal, webhook_id: str, *, repo: NotifyRepository) -> None:
    """Raises: RamUserForbidden, WebhookNotFound."""
    principal.require_main()
    if not repo.delete_webhook(principal.owner_id, webhook_id):
        raise WebhookNotFound(webhook_id=webhook_id)


def list_deliveries(principal: Principal, webhook_id: str, *, limit: int, token: str | None,
                    repo: NotifyRepository, clock: Clock
                    ) -> tuple[list[WebhookDelivery], str | None]:
    """Raises: WebhookNotFound (also for another account's webhook), InvalidNextToken."""
    if repo.get_webhook(principal.owner_id, webhook_id) is None:
        raise WebhookNotFound(webhook_id=webhook_id)
    return repo.list_deliveries(webhook_id, limit=limit, token=token,
                                now_epoch=epoch(clock.now()))


# --- message centre -----------------------------------------------------------------------

def list_messages(principal: Principal, *, limit: int, token: str | None,
                  language: Language | None, repo: NotifyRepository,
                  accounts: AccountDirectory) -> tuple[list[Message], str | None, Language]:
    """The main account's messages, newest first, in ``language`` or else the contact's.

    Raises: InvalidNextToken.
    """
    messages, next_token = repo.list_messages(principal.owner_id, limit=limit, token=token)
    if language is None:
        language = get_contact(principal, repo=repo, accounts=accounts).language
    return messages, next_token, language


# --- one event -> every channel ---------------------------------------------------------------

def notify_event(envelope: Envelope, *, repo: NotifyRepository, accounts: AccountDirectory,
                 mailer: Mailer, texter: Texter, queue: WebhookQueue,
                 templates: rules.Templates, clock: Clock) -> tuple[str, ...]:
    """Tell the owner of the event's account: message centre, e-mail, SMS (failures, holds,
    expiry reminders), and a delivery per matching webhook. Safe to run again for the same
    event: each channel is recorded before it is used and skipped once recorded.

    Raises: InvalidEventPayload (permanent), DeliveryInProgress, ChannelUnavailable,
            DependencyUnavailable (retried).
    """
    model = EVENT_TYPES.get(envelope.event_type)
    if model is None:
        return ()
    try:
        payload = envelope.payload_as(model).model_dump(mode="json")
    except pydantic.ValidationError as exc:
        raise InvalidEventPayload(event_type=envelope.event_type) from exc
    owner_id, contact = resolve_contact(str(payload["account_id"]), repo=repo, accounts=accounts)
    texts: dict[str, Rendered] = {lang: rules.render(templates, envelope.event_type, lang, payload)
             for lang in rules.LANGUAGES}
    webhooks = [w for w in repo.list_webhooks(owner_id)
                if rules.matches_any(w.events, envelope.event_type)]
    channels = rules.plan_channels(envelope.event_type, templates=templates, contact=contact,
                                   has_webhooks=bool(webhooks))
    repo.add_message(Message(account_id=owner_id,
                             message_id=rules.message_id(owner_id, envelope.event_id),
                             event_id=envelope.event_id, event_type=envelope.event_type,
                             created_at=iso(clock.now()), channels=channels, text=texts),
                     occurred_at=envelope.occurred_at)
    if contact is not None and contact.email and "email" in channels:
        text, to = texts[contact.language], contact.email
        send_once(envelope.event_id, "email", lambda: mailer.send(
            to=to, subject=text.subject, body=text.body), repo=repo, clock=clock)
    if contact is not None and contact.phone and "sms" in channels:
        sms, phone = texts[contact.language].sms or "", contact.phone
        send_once(envelope.event_id, "sms", lambda: texter.send(phone=phone, text=sms),
                  repo=repo, clock=clock)
    for webhook in webhooks:
        schedule_delivery(webhook, envelope, repo=repo, queue=queue, clock=clock)
    return channels


def send_once(event_id: str, channel: str, send: Callable[[], str], *,
              repo: NotifyRepository, clock: Clock) -> str:
    """Send through ``channel`` unless this event already was: claim, send, record.

    A claim whose worker stopped before recording the answer (crash, time-out) is marked
    ``unknown`` and not sent again: e-mail and SMS are at most once.

    Raises: DeliveryInProgress, ChannelUnavailable (the claim is released for the retry).
    """
    now = clock.now()
    stamp = iso(now)
    existing = repo.claim_channel(event_id, channel, now=stamp,
                                  expires_at=epoch(now) + RETENTION_SECONDS)
    if existing is not None:
        if existing["status"] != "sending":
            return str(existing["status"])
        if now - parse_iso(existing["claimed_at"]) < CLAIM_LEASE:
            raise DeliveryInProgress(channel=channel, event_id=event_id)
        repo.finish_channel(event_id, channel, status="unknown", now=stamp,
                            expected_claim=existing["claimed_at"],
                            detail="the worker stopped before recording the provider's answer")
        return "unknown"
    try:
        provider_id = send()
    except SendRejected as rejected:
        repo.finish_channel(event_id, channel, status="failed", now=iso(clock.now()),
                            expected_claim=stamp, detail=str(rejected)[:500])
        return "failed"
    except ChannelUnavailable:
        repo.finish_channel(event_id, channel, status="retry", now=iso(clock.now()),
                            expected_claim=stamp)
        raise
    repo.finish_channel(event_id, channel, status="sent", now=iso(clock.now()),
                        expected_claim=stamp, detail=provider_id)
    return "sent"


def schedule_delivery(webhook: Webhook, envelope: Envelope, *, repo: NotifyRepository,
                      queue: WebhookQueue, clock: Clock) -> bool:
    """Record the delivery of this event to this webhook and queue its first attempt.
    A delivery recorded by an earlier run but never attempted is queued again (a duplicate
    job loses the attempt claim). Returns whether a job was queued."""
    now = clock.now()
    delivery = WebhookDelivery(
        webhook_id=webhook.webhook_id, account_id=webhook.account_id,
        event_id=envelope.event_id, event_type=envelope.event_type,
        occurred_at=envelope.occurred_at, status="pending", attempts=0,
        created_at=iso(now), updated_at=iso(now))
    if not repo.add_delivery(delivery, expires_at=epoch(now) + RETENTION_SECONDS):
        existing = repo.get_delivery(webhook.webhook_id, delivery.key)
        if existing is None or existing.status != "pending" or existing.attempts != 0:
            return False
    queue.enqueue(WebhookJob(account_id=webhook.account_id, webhook_id=webhook.webhook_id,
                             event_id=envelope.event_id, event_type=envelope.event_type,
                             occurred_at=envelope.occurred_at, attempt=1,
                             body=envelope.to_json()))
    return True


# --- one webhook attempt ------------------------------------------------------------------

def deliver_webhook(job: WebhookJob, *, repo: NotifyRepository, queue: WebhookQueue,
                    poster: Poster, resolver: Resolver, local: bool, clock: Clock,
                    max_attempts: int, retry_base_seconds: int) -> str:
    """Make attempt ``job.attempt``: a signed POST of the event envelope. Non-2xx, time-out
    or an unreachable target queues the next attempt with exponential back-off, until
    ``max_attempts``; then the delivery is failed. Returns the delivery's new status, or
    ``duplicate`` for a job whose attempt was already made.

    Raises: DeliveryInProgress (another worker holds this attempt), ChannelUnavailable.
    """
    key = f"{job.occurred_at}#{job.event_id}"
    now = clock.now()
    if not repo.claim_attempt(job.webhook_id, key, attempt=job.attempt, now=iso(now),
                              stale_before=iso(now - CLAIM_LEASE)):
        current = repo.get_delivery(job.webhook_id, key)
        if current and current.attempts == job.attempt and current.status == "delivering":
            raise DeliveryInProgress(channel="webhook", event_id=job.event_id)
        return "duplicate"
    webhook = repo.get_webhook(job.account_id, job.webhook_id)
    if webhook is None:
        repo.record_attempt(job.webhook_id, key, attempt=job.attempt, now=iso(clock.now()),
                            changes={"status": "cancelled", "last_error": "webhook deleted"})
        return "cancelled"
    result = _post(webhook, job, poster=poster, resolver=resolver, local=local, clock=clock)
    finished = clock.now()
    outcome: dict[str, Any] = {"last_status_code": result.status, "last_error": result.error,
                               "last_elapsed_ms": result.elapsed_ms}
    if result.ok:
        outcome |= {"status": "delivered", "delivered_at": iso(finished)}
    elif job.attempt < max_attempts:
        delay = rules.retry_delay(job.attempt, retry_base_seconds)
        queue.enqueue(job.next(), delay_seconds=delay)
        outcome |= {"status": "retrying",
                    "next_attempt_at": iso(finished + timedelta(seconds=delay))}
    else:
        outcome |= {"status": "failed"}
    repo.record_attempt(job.webhook_id, key, attempt=job.attempt, now=iso(finished),
                        changes=outcome)
    return str(outcome["status"])


def _post(webhook: Webhook, job: WebhookJob, *, poster: Poster, resolver: Resolver,
          local: bool, clock: Clock) -> PostResult:
    # The address is checked again on every attempt: DNS may have changed since creation.
    try:
        parsed = rules.parse_webhook_url(webhook.url)
        address = resolve_target(parsed, local=local, resolver=resolver)
    except (InvalidWebhookUrl, WebhookHostUnresolvable, WebhookTargetRefused) as refused:
        return PostResult(status=None, error=refused.message("en"))
    body = job.body.encode("utf-8")
    headers = rules.signature_headers(webhook.secret, body,
                                      timestamp=int(clock.now().timestamp()),
                                      event_id=job.event_id, event_type=job.event_type,
                                      attempt=job.attempt)
    return poster.post(parsed, address, body, headers)

"""Notify table access (``registrar-notify``). Access patterns:
  contact of an account        PK=ACCOUNT#<id>      SK=#CONTACT
  message centre, newest first PK=ACCOUNT#<id>      SK=MSG#<occurred_at>#<event_id>
  webhooks of an account       PK=ACCOUNT#<id>      SK=WEBHOOK#<webhook_id>
  deliveries of a webhook      PK=WEBHOOK#<id>      SK=DELIVERY#<occurred_at>#<event_id>
  e-mail / SMS of one event    PK=EVENT#<event_id>  SK=CHANNEL#<email|sms>
Every first write is conditional (attribute_not_exists), so a redelivered event finds what
the first delivery did. Delivery and channel rows carry ``expires_at`` (TTL, cleanup only).
"""

from __future__ import annotations

from typing import Any, Protocol

from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from chalicelib.notify.model import (
    Contact,
    Message,
    Rendered,
    Webhook,
    WebhookDelivery,
)
from registrar_shared.dynamo import decode_token, encode_token, is_conditional_failure, unavailable

RETENTION_SECONDS = 90 * 24 * 3600


class NotifyRepository(Protocol):
    def get_contact(self, account_id: str) -> Contact | None: ...
    def put_contact(self, contact: Contact) -> None: ...
    def add_message(self, message: Message, occurred_at: str) -> bool: ...
    def list_messages(self, account_id: str, *, limit: int, token: str | None
                      ) -> tuple[list[Message], str | None]: ...
    def add_webhook(self, webhook: Webhook) -> None: ...
    def list_webhooks(self, account_id: str) -> list[Webhook]: ...
    def get_webhook(self, account_id: str, webhook_id: str) -> Webhook | None: ...
    def delete_webhook(self, account_id: str, webhook_id: str) -> bool: ...
    def add_delivery(self, delivery: WebhookDelivery, *, expires_at: int) -> bool: ...
    def get_delivery(self, webhook_id: str, key: str) -> WebhookDelivery | None: ...
    def claim_attempt(self, webhook_id: str, key: str, *, attempt: int, now: str,
                      stale_before: str) -> bool: ...
    def record_attempt(self, webhook_id: str, key: str, *, attempt: int, now: str,
                       changes: dict[str, Any]) -> None: ...
    def list_deliveries(self, webhook_id: str, *, limit: int, token: str | None,
                        now_epoch: int) -> tuple[list[WebhookDelivery], str | None]: ...
    def claim_channel(self, event_id: str, channel: str, *, now: str, expires_at: int
                      ) -> dict[str, Any] | None: ...
    def finish_channel(self, event_id: str, channel: str, *, status: str, now: str,
                       expected_claim: str | None = None, detail: str | None = None
                       ) -> bool: ...


def _contact(item: dict[str, Any]) -> Contact:
    return Contact(account_id=item["account_id"], email=item.get("email") or None,
                   phone=item.get("phone") or None, language=item.get("language", "en"),
                   source="custom", updated_at=item.get("updated_at"))


def _message(item: dict[str, Any]) -> Message:
    text = {lang: Rendered(subject=t["subject"], body=t["body"], sms=t.get("sms"))
            for lang, t in item["text"].items()}
    return Message(account_id=item["account_id"], message_id=item["message_id"],
                   event_id=item["event_id"], event_type=item["event_type"],
                   created_at=item["created_at"], channels=tuple(item.get("channels", [])),
                   text=text)


def _webhook(item: dict[str, Any]) -> Webhook:
    return Webhook(account_id=item["account_id"], webhook_id=item["webhook_id"],
                   url=item["url"], events=tuple(item["events"]), secret=item["secret"],
                   created_at=item["created_at"], description=item.get("description"))


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _delivery(item: dict[str, Any]) -> WebhookDelivery:
    return WebhookDelivery(
        webhook_id=item["webhook_id"], account_id=item["account_id"],
        event_id=item["event_id"], event_type=item["event_type"],
        occurred_at=item["occurred_at"], status=item["status"],
        attempts=int(item["attempts"]), created_at=item["created_at"],
        updated_at=item["updated_at"], claimed_at=item.get("claimed_at"),
        last_status_code=_int(item.get("last_status_code")),
        last_error=item.get("last_error"), next_attempt_at=item.get("next_attempt_at"),
        delivered_at=item.get("delivered_at"))


def _account_pk(account_id: str) -> str:
    return f"ACCOUNT#{account_id}"


def _delivery_key(webhook_id: str, key: str) -> dict[str, str]:
    return {"PK": f"WEBHOOK#{webhook_id}", "SK": f"DELIVERY#{key}"}


def _channel_key(event_id: str, channel: str) -> dict[str, str]:
    return {"PK": f"EVENT#{event_id}", "SK": f"CHANNEL#{channel}"}


class DynamoNotifyRepository:
    def __init__(self, table: Any) -> None:
        self._table = table

    # --- contacts ---------------------------------------------------------------------------

    def get_contact(self, account_id: str) -> Contact | None:
        item = self._get({"PK": _account_pk(account_id), "SK": "#CONTACT"})
        return _contact(item) if item else None

    def put_contact(self, contact: Contact) -> None:
        item = {"PK": _account_pk(contact.account_id), "SK": "#CONTACT", "entity": "contact",
                "account_id": contact.account_id, "email": contact.email,
                "phone": contact.phone, "language": contact.language,
                "updated_at": contact.updated_at}
        self._put(item)

    # --- message centre ---------------------------------------------------------------------

    def add_message(self, message: Message, occurred_at: str) -> bool:
        """Store a message once; False if this event already has its message."""
        item = {"PK": _account_pk(message.account_id),
                "SK": f"MSG#{occurred_at}#{message.event_id}", "entity": "message",
                "account_id": message.account_id, "message_id": message.message_id,
                "event_id": message.event_id, "event_type": message.event_type,
                "created_at": message.created_at, "occurred_at": occurred_at,
                "channels": list(message.channels),
                "text": {lang: {k: v for k, v in vars(r).items() if v is not None}
                         for lang, r in message.text.items()}}
        return self._put(item, condition="attribute_not_exists(PK)")

    def list_messages(self, account_id: str, *, limit: int, token: str | None
                      ) -> tuple[list[Message], str | None]:
        pk = _account_pk(account_id)
        items, next_key = self._query(Key("PK").eq(pk) & Key("SK").begins_with("MSG#"),
                                      limit=limit, start=decode_token(token, partition=("PK", pk)))
        return [_message(i) for i in items], encode_token(next_key)

    # --- webhooks ---------------------------------------------------------------------------

    def add_webhook(self, webhook: Webhook) -> None:
        item = {"PK": _account_pk(webhook.account_id), "SK": f"WEBHOOK#{webhook.webhook_id}",
                "entity": "webhook", "account_id": webhook.account_id,
                "webhook_id": webhook.webhook_id, "url": webhook.url,
                "events": list(webhook.events), "secret": webhook.secret,
                "created_at": webhook.created_at, "updated_at": webhook.created_at,
                "version": 1}
        if webhook.description:
            item["description"] = webhook.description
        self._put(item, condition="attribute_not_exists(PK)")

    def list_webhooks(self, account_id: str) -> list[Webhook]:
        condition = (Key("PK").eq(_account_pk(account_id))
                     & Key("SK").begins_with("WEBHOOK#"))
        items: list[dict[str, Any]] = []
        start: dict[str, Any] | None = None
        while True:
            page, start = self._query(condition, limit=100, start=start, forward=True)
            items += page
            if start is None:
                return [_webhook(i) for i in items]

    def get_webhook(self, account_id: str, webhook_id: str) -> Webhook | None:
        item = self._get({"PK": _account_pk(account_id), "SK": f"WEBHOOK#{webhook_id}"})
        return _webhook(item) if item else None

    def delete_webhook(self, account_id: str, webhook_id: str) -> bool:
        try:
            self._table.delete_item(
                Key={"PK": _account_pk(account_id), "SK": f"WEBHOOK#{webhook_id}"},
                ConditionExpression="attribute_exists(PK)")
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    # --- webhook deliveries -----------------------------------------------------------------

    def add_delivery(self, delivery: WebhookDelivery, *, expires_at: int) -> bool:
        """Record one event for one webhook, once; False if it already exists."""
        item = {**_delivery_key(delivery.webhook_id, delivery.key), "entity": "delivery",
                "webhook_id": delivery.webhook_id, "account_id": delivery.account_id,
                "event_id": delivery.event_id, "event_type": delivery.event_type,
                "occurred_at": delivery.occurred_at, "status": delivery.status,
                "attempts": delivery.attempts, "created_at": delivery.created_at,
                "updated_at": delivery.updated_at, "expires_at": expires_at}
        return self._put(item, condition="attribute_not_exists(PK)")

    def get_delivery(self, webhook_id: str, key: str) -> WebhookDelivery | None:
        item = self._get(_delivery_key(webhook_id, key))
        return _delivery(item) if item else None

    def claim_attempt(self, webhook_id: str, key: str, *, attempt: int, now: str,
                      stale_before: str) -> bool:
        """Take attempt ``attempt``: from the previous attempt's state, or from a claim of
        this attempt older than ``stale_before`` (its worker stopped). A duplicate or late
        job for an attempt already taken changes nothing."""
        try:
            self._table.update_item(
                Key=_delivery_key(webhook_id, key),
                UpdateExpression="SET attempts = :n, #s = :delivering, claimed_at = :now, "
                                 "updated_at = :now",
                ConditionExpression=(
                    (Attr("attempts").eq(attempt - 1)
                     & Attr("status").is_in(["pending", "retrying", "delivering"]))
                    | (Attr("attempts").eq(attempt) & Attr("status").eq("delivering")
                       & Attr("claimed_at").lt(stale_before))),
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":n": attempt, ":delivering": "delivering",
                                           ":now": now})
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    def record_attempt(self, webhook_id: str, key: str, *, attempt: int, now: str,
                       changes: dict[str, Any]) -> None:
        """Write an attempt's outcome, unless a later attempt has been taken meanwhile."""
        values = {**changes, "updated_at": now}
        names = {f"#f{i}": name for i, name in enumerate(values)}
        assignments = ", ".join(f"#f{i} = :v{i}" for i in range(len(values)))
        try:
            self._table.update_item(
                Key=_delivery_key(webhook_id, key), UpdateExpression=f"SET {assignments}",
                ConditionExpression="attempts = :n",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={**{f":v{i}": v for i, v in enumerate(values.values())},
                                           ":n": attempt})
        except ClientError as error:
            if is_conditional_failure(error):
                return
            raise unavailable(error) from error

    def list_deliveries(self, webhook_id: str, *, limit: int, token: str | None,
                        now_epoch: int) -> tuple[list[WebhookDelivery], str | None]:
        pk = f"WEBHOOK#{webhook_id}"
        items, next_key = self._query(Key("PK").eq(pk) & Key("SK").begins_with("DELIVERY#"),
                                      limit=limit, start=decode_token(token, partition=("PK", pk)),
                                      live_after=now_epoch)
        return [_delivery(i) for i in items], encode_token(next_key)

    # --- e-mail and SMS claims --------------------------------------------------------------

    def claim_channel(self, event_id: str, channel: str, *, now: str, expires_at: int
                      ) -> dict[str, Any] | None:
        """Claim sending ``channel`` for an event. None if claimed now; otherwise the row
        that was already there (sent, failed, unknown, or another worker's claim)."""
        item = {**_channel_key(event_id, channel), "entity": "channel", "event_id": event_id,
                "channel": channel, "status": "sending", "claimed_at": now, "updated_at": now,
                "expires_at": expires_at}
        try:
            self._table.put_item(
                Item=item,
                ConditionExpression=Attr("PK").not_exists() | Attr("status").eq("retry"))
        except ClientError as error:
            if not is_conditional_failure(error):
                raise unavailable(error) from error
            existing = self._get(_channel_key(event_id, channel))
            return existing or {"status": "sending", "claimed_at": now}
        return None

    def finish_channel(self, event_id: str, channel: str, *, status: str, now: str,
                       expected_claim: str | None = None, detail: str | None = None
                       ) -> bool:
        """Set the outcome; with ``expected_claim`` only if that claim is still current."""
        condition = (Attr("claimed_at").eq(expected_claim) & Attr("status").eq("sending")
                     if expected_claim else Attr("PK").exists())
        try:
            self._table.update_item(
                Key=_channel_key(event_id, channel),
                UpdateExpression="SET #s = :s, updated_at = :now, detail = :d",
                ConditionExpression=condition,
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":s": status, ":now": now, ":d": detail})
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    # --- plumbing ---------------------------------------------------------------------------

    def _get(self, key: dict[str, str]) -> dict[str, Any] | None:
        try:
            item = self._table.get_item(Key=key, ConsistentRead=True).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        return dict(item) if item else None

    def _put(self, item: dict[str, Any], condition: str | None = None) -> bool:
        kwargs: dict[str, Any] = {"Item": item}
        if condition:
            kwargs["ConditionExpression"] = condition
        try:
            self._table.put_item(**kwargs)
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    def _query(self, condition: Any, *, limit: int, start: dict[str, Any] | None,
               forward: bool = False, live_after: int | None = None
               ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        kwargs: dict[str, Any] = {"KeyConditionExpression": condition, "Limit": limit,
                                  "ScanIndexForward": forward}
        if live_after is not None:  # TTL deletes late (moto never): hide expired rows
            kwargs["FilterExpression"] = Attr("expires_at").gt(live_after)
        if start:
            kwargs["ExclusiveStartKey"] = start
        try:
            response = self._table.query(**kwargs)
        except ClientError as error:
            raise unavailable(error) from error
        return [dict(i) for i in response.get("Items", [])], response.get("LastEvaluatedKey")

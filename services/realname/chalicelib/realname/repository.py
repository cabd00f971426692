"""Real-name table access (``registrar-realname``). Access patterns:
  template              PK=ACCOUNT#<owner>  SK=TEMPLATE#<template_id>
  templates of account  PK=ACCOUNT#<owner>  SK begins_with TEMPLATE#   (ids are time-ordered)
  template quota        PK=ACCOUNT#<owner>  SK=#TEMPLATE_COUNT         (counter, same transaction)
  e-mail code           PK=ACCOUNT#<owner>  SK=EMAILCODE#<template_id> (one outstanding code)
  upload                PK=ACCOUNT#<owner>  SK=UPLOAD#<template_id>#<upload_id>
Everything of an account lives in its partition, so reads are strongly consistent and a
foreign template id simply is not found. ``expires_at`` (TTL) only cleans up old codes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from botocore.exceptions import ClientError

from chalicelib.realname.errors import TemplateLimitExceeded
from chalicelib.realname.model import EmailCode, Failure, Template, Upload
from registrar_shared.clock import iso, parse_iso
from registrar_shared.dynamo import (
    decode_token,
    encode_token,
    epoch,
    is_conditional_failure,
    unavailable,
)

CODE_RETENTION = timedelta(days=1)  # keep a spent code a day for support, then TTL


class TemplateIdTaken(Exception):
    """The template id exists already (seeds use fixed ids; random ids never collide)."""


class RealnameRepository(Protocol):
    def add_template(self, template: Template, *, limit: int) -> None: ...
    def get_template(self, account_id: str, template_id: str) -> Template | None: ...
    def list_templates(self, account_id: str, *, limit: int, next_token: str | None
                       ) -> tuple[list[Template], str | None]: ...
    def get_email_code(self, account_id: str, template_id: str) -> EmailCode | None: ...
    def put_email_code(self, code: EmailCode, *, sent_before: datetime) -> bool: ...
    def delete_email_code(self, code: EmailCode) -> None: ...
    def record_wrong_code(self, code: EmailCode, *, max_attempts: int) -> int | None: ...
    def use_email_code(self, code: EmailCode, *, max_attempts: int, now: datetime) -> bool: ...
    def add_upload(self, upload: Upload) -> None: ...
    def get_upload(self, account_id: str, template_id: str, upload_id: str
                   ) -> Upload | None: ...
    def start_audit(self, upload: Upload, *, etag: str, size: int, now: datetime) -> bool: ...
    def finish_audit(self, upload: Upload, *, failure: Failure | None, now: datetime
                     ) -> bool: ...
    def mark_notified(self, upload: Upload) -> None: ...
    def template_auditing(self, upload: Upload, *, now: datetime) -> bool: ...
    def template_verified(self, upload: Upload, *, now: datetime) -> bool: ...
    def template_failed(self, upload: Upload, *, failure: Failure, now: datetime) -> bool: ...


def _pk(account_id: str) -> str:
    return f"ACCOUNT#{account_id}"


def template_key(account_id: str, template_id: str) -> dict[str, str]:
    return {"PK": _pk(account_id), "SK": f"TEMPLATE#{template_id}"}


def code_key(account_id: str, template_id: str) -> dict[str, str]:
    return {"PK": _pk(account_id), "SK": f"EMAILCODE#{template_id}"}


def upload_key(account_id: str, template_id: str, upload_id: str) -> dict[str, str]:
    return {"PK": _pk(account_id), "SK": f"UPLOAD#{template_id}#{upload_id}"}


def _without_none(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None}


def _failure_item(failure: Failure | None) -> dict[str, str] | None:
    if failure is None:
        return None
    return {"code": failure.code, "message_en": failure.message_en,
            "message_zh": failure.message_zh}


def _failure(item: dict[str, Any] | None) -> Failure | None:
    if not item:
        return None
    return Failure(code=item["code"], message_en=item["message_en"],
                   message_zh=item["message_zh"])


def _time(value: Any) -> datetime | None:
    return parse_iso(value) if value else None


TEMPLATE_TEXT = ("template_id", "account_id", "site", "holder_type", "name", "email", "phone",
                 "region", "country", "province", "city", "address")
TEMPLATE_OPTIONAL = ("name_en", "organisation", "organisation_type", "postal_code",
                     "realname_upload_id")


def template_item(t: Template) -> dict[str, Any]:
    item: dict[str, Any] = {**template_key(t.account_id, t.template_id), "entity": "template"}
    item.update({name: getattr(t, name) for name in TEMPLATE_TEXT + TEMPLATE_OPTIONAL})
    item.update({
        "email_verified": t.email_verified,
        "email_verified_at": iso(t.email_verified_at) if t.email_verified_at else None,
        "realname_status": t.realname_status,
        "realname_failure": _failure_item(t.realname_failure),
        "realname_verified_at": (iso(t.realname_verified_at) if t.realname_verified_at
                                 else None),
        "created_at": iso(t.created_at), "updated_at": iso(t.updated_at),
        "version": t.version,
    })
    return _without_none(item)


def template_from(item: dict[str, Any]) -> Template:
    fields: dict[str, Any] = {name: item[name] for name in TEMPLATE_TEXT}
    fields.update({name: item.get(name) for name in TEMPLATE_OPTIONAL})
    return Template(
        **fields,
        email_verified=bool(item.get("email_verified")),
        email_verified_at=_time(item.get("email_verified_at")),
        realname_status=item.get("realname_status", "none"),
        realname_failure=_failure(item.get("realname_failure")),
        realname_verified_at=_time(item.get("realname_verified_at")),
        created_at=parse_iso(item["created_at"]), updated_at=parse_iso(item["updated_at"]),
        version=int(item.get("version", 1)))


def code_item(c: EmailCode) -> dict[str, Any]:
    return {**code_key(c.account_id, c.template_id), "entity": "email_code",
            "account_id": c.account_id, "template_id": c.template_id, "email": c.email,
            "code_hash": c.code_hash, "salt": c.salt, "sent_at": iso(c.sent_at),
            "sent_at_ms": int(c.sent_at.timestamp() * 1000),
            "code_expires_at": iso(c.expires_at), "attempts": c.attempts, "used": c.used,
            "expires_at": epoch(c.expires_at + CODE_RETENTION)}


def code_from(item: dict[str, Any]) -> EmailCode:
    return EmailCode(account_id=item["account_id"], template_id=item["template_id"],
                     email=item["email"], code_hash=item["code_hash"], salt=item["salt"],
                     sent_at=parse_iso(item["sent_at"]),
                     expires_at=parse_iso(item["code_expires_at"]),
                     attempts=int(item["attempts"]), used=bool(item["used"]))


UPLOAD_TEXT = ("upload_id", "template_id", "account_id", "document_type", "document_number",
               "content_type", "object_key", "status")
UPLOAD_OPTIONAL = ("holder_name", "domain", "correlation_id", "object_etag")


def upload_item(u: Upload) -> dict[str, Any]:
    item: dict[str, Any] = {**upload_key(u.account_id, u.template_id, u.upload_id),
                            "entity": "upload"}
    item.update({name: getattr(u, name) for name in UPLOAD_TEXT + UPLOAD_OPTIONAL})
    item.update({"failure": _failure_item(u.failure), "notified": u.notified,
                 "object_size": u.object_size, "created_at": iso(u.created_at),
                 "updated_at": iso(u.updated_at), "grant_expires_at": iso(u.expires_at)})
    return _without_none(item)


def upload_from(item: dict[str, Any]) -> Upload:
    size = item.get("object_size")
    fields: dict[str, Any] = {name: item[name] for name in UPLOAD_TEXT}
    fields.update({name: item.get(name) for name in UPLOAD_OPTIONAL})
    return Upload(
        **fields,
        failure=_failure(item.get("failure")), notified=bool(item.get("notified")),
        object_size=None if size is None else int(size),
        created_at=parse_iso(item["created_at"]), updated_at=parse_iso(item["updated_at"]),
        expires_at=parse_iso(item["grant_expires_at"]))


class DynamoRealnameRepository:
    def __init__(self, table: Any) -> None:
        self._table = table

    # --- helpers ------------------------------------------------------------------------

    def _update(self, key: dict[str, str], expression: str, condition: str,
                values: dict[str, Any], names: dict[str, str] | None = None,
                returns: str = "NONE") -> dict[str, Any] | None:
        """One conditional update; None when the condition did not hold."""
        kwargs: dict[str, Any] = {"Key": key, "UpdateExpression": expression,
                                  "ConditionExpression": condition,
                                  "ExpressionAttributeValues": values, "ReturnValues": returns}
        if names:
            kwargs["ExpressionAttributeNames"] = names
        try:
            return dict(self._table.update_item(**kwargs).get("Attributes") or {})
        except ClientError as error:
            if is_conditional_failure(error):
                return None
            raise unavailable(error) from error

    def _get(self, key: dict[str, str]) -> dict[str, Any] | None:
        try:
            item = self._table.get_item(Key=key, ConsistentRead=True).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        return dict(item) if item else None

    def _transact(self, items: list[dict[str, Any]]) -> list[str]:
        """Run a transaction; [] on success, else each item's cancellation code."""
        for entry in items:
            next(iter(entry.values()))["TableName"] = self._table.name
        try:
            self._table.meta.client.transact_write_items(TransactItems=items)
        except ClientError as error:
            if not is_conditional_failure(error):
                raise unavailable(error) from error
            return [r.get("Code", "None") for r in error.response.get("CancellationReasons", [])]
        return []

    # --- templates ----------------------------------------------------------------------

    def add_template(self, template: Template, *, limit: int) -> None:
        """Raises: TemplateLimitExceeded, TemplateIdTaken."""
        reasons = self._transact([
            {"Update": {
                "Key": {"PK": _pk(template.account_id), "SK": "#TEMPLATE_COUNT"},
                "UpdateExpression": "SET #n = if_not_exists(#n, :zero) + :one, entity = :e",
                "ConditionExpression": "attribute_not_exists(#n) OR #n < :limit",
                "ExpressionAttributeNames": {"#n": "templates"},
                "ExpressionAttributeValues": {":zero": 0, ":one": 1, ":limit": limit,
                                              ":e": "template_count"}}},
            {"Put": {"Item": template_item(template),
                     "ConditionExpression": "attribute_not_exists(PK)"}},
        ])
        if reasons and reasons[0] == "ConditionalCheckFailed":
            raise TemplateLimitExceeded(limit=limit)
        if reasons:
            raise TemplateIdTaken(template.template_id)

    def get_template(self, account_id: str, template_id: str) -> Template | None:
        item = self._get(template_key(account_id, template_id))
        return template_from(item) if item else None

    def list_templates(self, account_id: str, *, limit: int, next_token: str | None
                       ) -> tuple[list[Template], str | None]:
        """Raises: InvalidNextToken."""
        kwargs: dict[str, Any] = {
            "KeyConditionExpression": "PK = :pk AND begins_with(SK, :prefix)",
            "ExpressionAttributeValues": {":pk": _pk(account_id), ":prefix": "TEMPLATE#"},
            "Limit": limit, "ConsistentRead": True}
        start = decode_token(next_token, partition=("PK", _pk(account_id)))
        if start is not None:
            kwargs["ExclusiveStartKey"] = start
        try:
            page = self._table.query(**kwargs)
        except ClientError as error:
            raise unavailable(error) from error
        return ([template_from(i) for i in page.get("Items", [])],
                encode_token(page.get("LastEvaluatedKey")))

    # --- e-mail codes -------------------------------------------------------------------

    def get_email_code(self, account_id: str, template_id: str) -> EmailCode | None:
        item = self._get(code_key(account_id, template_id))
        return code_from(item) if item else None

    def put_email_code(self, code: EmailCode, *, sent_before: datetime) -> bool:
        """Replace the template's code unless the last one was sent at or after
        ``sent_before`` (the resend limit holds under concurrent requests too)."""
        try:
            self._table.put_item(
                Item=code_item(code),
                ConditionExpression="attribute_not_exists(PK) OR sent_at_ms <= :cutoff",
                ExpressionAttributeValues={":cutoff": int(sent_before.timestamp() * 1000)})
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    def delete_email_code(self, code: EmailCode) -> None:
        try:
            self._table.delete_item(Key=code_key(code.account_id, code.template_id),
                                    ConditionExpression="code_hash = :h",
                                    ExpressionAttributeValues={":h": code.code_hash})
        except ClientError as error:
            if not is_conditional_failure(error):
                raise unavailable(error) from error

    def record_wrong_code(self, code: EmailCode, *, max_attempts: int) -> int | None:
        attributes = self._update(
            code_key(code.account_id, code.template_id), "SET attempts = attempts + :one",
            "code_hash = :h AND used = :false AND attempts < :max",
            {":one": 1, ":h": code.code_hash, ":false": False, ":max": max_attempts},
            returns="UPDATED_NEW")
        return None if attributes is None else int(attributes["attempts"])

    def use_email_code(self, code: EmailCode, *, max_attempts: int, now: datetime) -> bool:
        """Spend the code and mark the template's e-mail verified, in one transaction."""
        return not self._transact([
            {"Update": {
                "Key": code_key(code.account_id, code.template_id),
                "UpdateExpression": "SET used = :true, used_at = :now",
                "ConditionExpression": "code_hash = :h AND used = :false AND attempts < :max",
                "ExpressionAttributeValues": {":true": True, ":false": False, ":now": iso(now),
                                              ":h": code.code_hash, ":max": max_attempts}}},
            {"Update": {
                "Key": template_key(code.account_id, code.template_id),
                "UpdateExpression": "SET email_verified = :true, email_verified_at = :now, "
                                    "updated_at = :now, version = version + :one",
                "ConditionExpression": "attribute_exists(PK) AND email = :email",
                "ExpressionAttributeValues": {":true": True, ":now": iso(now), ":one": 1,
                                              ":email": code.email}}},
        ])

    # --- uploads ------------------------------------------------------------------------

    def add_upload(self, upload: Upload) -> None:
        try:
            self._table.put_item(Item=upload_item(upload),
                                 ConditionExpression="attribute_not_exists(PK)")
        except ClientError as error:
            raise unavailable(error) from error

    def get_upload(self, account_id: str, template_id: str, upload_id: str) -> Upload | None:
        item = self._get(upload_key(account_id, template_id, upload_id))
        return upload_from(item) if item else None

    def start_audit(self, upload: Upload, *, etag: str, size: int, now: datetime) -> bool:
        return self._update(
            upload_key(upload.account_id, upload.template_id, upload.upload_id),
            "SET #s = :auditing, object_etag = :etag, object_size = :size, updated_at = :now",
            "#s = :awaiting",
            {":auditing": "auditing", ":awaiting": "awaiting_upload", ":etag": etag,
             ":size": size, ":now": iso(now)}, {"#s": "status"}) is not None

    def finish_audit(self, upload: Upload, *, failure: Failure | None, now: datetime) -> bool:
        values: dict[str, Any] = {":auditing": "auditing", ":now": iso(now), ":false": False,
                                  ":status": "verified" if failure is None else "failed"}
        expression = "SET #s = :status, updated_at = :now, notified = :false"
        if failure is not None:
            expression += ", failure = :failure"
            values[":failure"] = _failure_item(failure)
        return self._update(
            upload_key(upload.account_id, upload.template_id, upload.upload_id),
            expression, "#s = :auditing", values, {"#s": "status"}) is not None

    def mark_notified(self, upload: Upload) -> None:
        self._update(upload_key(upload.account_id, upload.template_id, upload.upload_id),
                     "SET notified = :true", "attribute_exists(PK)", {":true": True})

    # --- a template's real-name status --------------------------------------------------

    def template_auditing(self, upload: Upload, *, now: datetime) -> bool:
        return self._update(
            template_key(upload.account_id, upload.template_id),
            "SET realname_status = :auditing, realname_upload_id = :u, updated_at = :now, "
            "version = version + :one REMOVE realname_failure",
            "attribute_exists(PK) AND realname_status <> :verified",
            {":auditing": "auditing", ":verified": "verified", ":u": upload.upload_id,
             ":now": iso(now), ":one": 1}) is not None

    def template_verified(self, upload: Upload, *, now: datetime) -> bool:
        return self._update(
            template_key(upload.account_id, upload.template_id),
            "SET realname_status = :verified, realname_upload_id = :u, "
            "realname_verified_at = :now, updated_at = :now, version = version + :one "
            "REMOVE realname_failure",
            "attribute_exists(PK) AND realname_status <> :verified",
            {":verified": "verified", ":u": upload.upload_id, ":now": iso(now),
             ":one": 1}) is not None

    def template_failed(self, upload: Upload, *, failure: Failure, now: datetime) -> bool:
        """Only the template's latest upload decides a failure; a verified template stays."""
        return self._update(
            template_key(upload.account_id, upload.template_id),
            "SET realname_status = :failed, realname_failure = :failure, "
            "realname_upload_id = :u, updated_at = :now, version = version + :one",
            "attribute_exists(PK) AND realname_status <> :verified AND "
            "(realname_upload_id = :u OR attribute_not_exists(realname_upload_id))",
            {":failed": "failed", ":verified": "verified", ":u": upload.upload_id,
             ":failure": _failure_item(failure), ":now": iso(now), ":one": 1}) is not None

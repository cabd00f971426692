"""DynamoDB helpers: opaque pagination tokens, conditional-failure checks, TTL."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from registrar_shared.errors import DependencyUnavailable, InvalidNextToken

MAX_BATCH_WRITE = 25  # moto accepts 26; AWS refuses more than 25
MAX_BATCH_GET = 100


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def encode_token(last_evaluated_key: dict[str, Any] | None) -> str | None:
    if not last_evaluated_key:
        return None
    raw = json.dumps({k: _plain(v) for k, v in last_evaluated_key.items()},
                     separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(token: str | None, *, partition: tuple[str, str] | None = None
                 ) -> dict[str, Any] | None:
    """Decode a token; with ``partition=(attr, value)`` it must belong to that partition."""
    if token is None or token == "":
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, UnicodeError) as exc:
        raise InvalidNextToken() from exc
    if not isinstance(key, dict) or not all(isinstance(v, (str, int)) for v in key.values()):
        raise InvalidNextToken()
    if partition is not None and key.get(partition[0]) != partition[1]:
        raise InvalidNextToken()
    return key


def is_conditional_failure(error: ClientError) -> bool:
    code = error.response.get("Error", {}).get("Code", "")
    if code == "ConditionalCheckFailedException":
        return True
    if code == "TransactionCanceledException":
        reasons = error.response.get("CancellationReasons") or []
        return any(r.get("Code") == "ConditionalCheckFailed" for r in reasons)
    return False


def unavailable(error: ClientError) -> DependencyUnavailable:
    return DependencyUnavailable(details={"aws_error": error.response.get("Error", {}).get("Code")})


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())

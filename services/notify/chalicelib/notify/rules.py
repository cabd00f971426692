"""Pure notification rules: texts, channels, event patterns, signatures, back-off, contact
and URL checks. No IO and no clock reads (callers pass ``now`` and timestamps)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import string
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import idna

from chalicelib.notify.errors import (
    InvalidContactEmail,
    InvalidContactPhone,
    InvalidWebhookUrl,
    UnknownEventPattern,
)
from chalicelib.notify.model import Channel, Contact, Language, Rendered

LANGUAGES: tuple[Language, ...] = ("zh", "en")
MAX_URL_LENGTH = 2048
MAX_PATTERNS = 50
MAX_RETRY_DELAY = 900  # SQS DelaySeconds cannot exceed 15 minutes
SIGNATURE_HEADER = "X-Signature"
TIMESTAMP_HEADER = "X-Timestamp"
TIMESTAMPED_SIGNATURE_HEADER = "X-Signature-Timestamped"
MESSAGE_NAMESPACE = uuid.UUID("6f1d7a9c-3b0e-4c55-9d2a-6e7f0a1b2c3d")
E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
EMAIL = re.compile(r"^[^@\s\"(),:;<>\[\\\]]{1,64}@[^@\s\"(),:;<>\[\\\]]{1,253}$")
DNS_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
CURRENCY_SYMBOL = {"CNY": "¥", "USD": "$"}


# --- texts --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Templates:
    """The texts of templates.json: per event type and language a subject, a body and, for
    the events that warrant an SMS, an ``sms`` text; plus per-language vocabulary."""

    events: Mapping[str, Mapping[str, Mapping[str, str]]]
    vocabulary: Mapping[str, Mapping[str, str]]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Templates:
        events = {k: v for k, v in data.items() if not k.startswith("_")}
        return cls(events=events, vocabulary=data["_vocabulary"])

    def sms_events(self) -> frozenset[str]:
        return frozenset(t for t, texts in self.events.items()
                         if all("sms" in texts[lang] for lang in LANGUAGES))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def money_text(amount: int, currency: str, language: str) -> str:
    major = f"{amount // 100}.{amount % 100:02d}"
    if currency == "CNY" and language == "zh":
        return f"{major} 元"
    symbol = CURRENCY_SYMBOL.get(currency)
    return f"{symbol}{major}" if symbol else f"{major} {currency}"


def derived_fields(payload: Mapping[str, Any], language: str,
                   vocabulary: Mapping[str, str]) -> dict[str, Any]:
    """Display values computed from the payload (money, dates, lists, optional notes)."""
    fields: dict[str, Any] = {"brand": vocabulary["brand"]}
    currency = str(payload.get("currency") or "")
    for name in ("total", "amount"):
        if isinstance(payload.get(name), int):
            fields[f"{name}_text"] = money_text(payload[name], currency, language)
    if isinstance(payload.get("domains"), list):
        fields["domains_text"] = vocabulary["list_separator"].join(map(str, payload["domains"]))
    if payload.get("expires_at"):
        fields["expires_on"] = str(payload["expires_at"])[:10]
    if payload.get("status"):
        fields["status_text"] = vocabulary.get(f"status.{payload['status']}", payload["status"])
    fields["hold_note"] = vocabulary["hold_note"] if payload.get("on_hold") else ""
    fields["domain_note"] = (vocabulary["domain_note"].format(domain=payload["domain"])
                             if payload.get("domain") else "")
    if payload.get("message"):  # producers may add the reason in Chinese as message_zh
        fields["message_text"] = payload.get(f"message_{language}") or payload["message"]
    if isinstance(payload.get("changes"), list):
        fields["changes_count"] = len(payload["changes"])
    return fields


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(text: str, values: Mapping[str, Any]) -> str:
    # Only the texts are format strings; payload values are inserted, never interpreted.
    safe = _Blank({k: ("" if v is None else v) for k, v in values.items()})
    return string.Formatter().vformat(text, (), safe).strip()


def render(templates: Templates, event_type: str, language: str,
           payload: Mapping[str, Any]) -> Rendered:
    """The subject, body and (if the event warrants one) SMS text of an event."""
    vocabulary = templates.vocabulary[language]
    texts = templates.events.get(event_type, {}).get(language)
    values = {**payload, **derived_fields(payload, language, vocabulary)}
    if texts is None:
        return Rendered(subject=event_type, body=f"{event_type}: {dict(payload)}")
    body = _fill(texts["body"], values)
    signature = vocabulary.get("signature")
    return Rendered(
        subject=f"{vocabulary['brand']}{'' if language == 'zh' else ' '}"
                f"{_fill(texts['subject'], values)}",
        body=f"{body}\n\n{signature}" if signature else body,
        sms=_fill(texts["sms"], values) if "sms" in texts else None,
    )


def language_for_site(site: str | None) -> Language:
    return "zh" if site == "cn" else "en"


def plan_channels(event_type: str, *, templates: Templates, contact: Contact | None,
                  has_webhooks: bool) -> tuple[Channel, ...]:
    """E-mail for every event, SMS for failures, holds and expiry reminders, webhooks for
    matching subscriptions (the message centre always gets the event)."""
    channels: list[Channel] = []
    if contact is not None and contact.email:
        channels.append("email")
    if contact is not None and contact.phone and event_type in templates.sms_events():
        channels.append("sms")
    if has_webhooks:
        channels.append("webhook")
    return tuple(channels)


def message_id(account_id: str, event_id: str) -> str:
    """Deterministic, so a redelivered event maps to the same message."""
    return "msg-" + uuid.uuid5(MESSAGE_NAMESPACE, f"{account_id}:{event_id}").hex


# --- event patterns -------------------------------------------------------------------------

def pattern_matches(pattern: str, event_type: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith(".*"):
        return event_type.startswith(pattern[:-1])
    return pattern == event_type


def matches_any(patterns: Iterable[str], event_type: str) -> bool:
    return any(pattern_matches(p, event_type) for p in patterns)


def validate_patterns(patterns: Sequence[str], known: Iterable[str]) -> tuple[str, ...]:
    """Normalised patterns (trimmed, de-duplicated, in order). A pattern is ``*``,
    ``<category>.*`` or an event type, and must match at least one deliverable event.

    Raises: UnknownEventPattern.
    """
    known = tuple(known)
    cleaned = tuple(dict.fromkeys(p.strip() for p in patterns))
    unknown = [p for p in cleaned if not any(pattern_matches(p, t) for t in known)]
    if unknown or not cleaned or len(cleaned) > MAX_PATTERNS:
        raise UnknownEventPattern(patterns=", ".join(unknown) or "(none)",
                                  details={"unknown": unknown, "known": sorted(known)})
    return cleaned


# --- signatures and retries --------------------------------------------------------------

def sign(secret: str, body: bytes) -> str:
    """X-Signature: hex HMAC-SHA256 of the raw body, keyed with the webhook's secret."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def sign_timestamped(secret: str, timestamp: int, body: bytes) -> str:
    """X-Signature-Timestamped: hex HMAC-SHA256 of ``<timestamp>.<raw body>``."""
    return sign(secret, str(timestamp).encode("ascii") + b"." + body)


def verify(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, body), signature)


def signature_headers(secret: str, body: bytes, *, timestamp: int, event_id: str,
                      event_type: str, attempt: int) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": "registrar-webhooks/1",
        SIGNATURE_HEADER: sign(secret, body),
        TIMESTAMP_HEADER: str(timestamp),
        TIMESTAMPED_SIGNATURE_HEADER: sign_timestamped(secret, timestamp, body),
        "X-Event-Id": event_id,
        "X-Event-Type": event_type,
        "X-Delivery-Attempt": str(attempt),
    }


def retry_delay(attempt: int, base_seconds: int) -> int:
    """Seconds to wait after failed attempt ``attempt`` (1-based): base * 2^(attempt-1),
    capped at SQS's maximum delay."""
    return int(min(MAX_RETRY_DELAY, base_seconds * 2 ** max(0, attempt - 1)))


# --- contact details -----------------------------------------------------------------------

def validate_email(email: str) -> str:
    """Raises: InvalidContactEmail."""
    email = email.strip()
    if len(email) > 254 or not EMAIL.match(email):
        raise InvalidContactEmail()
    domain = email.rsplit("@", 1)[1].lower()
    try:
        ascii_domain = domain if domain.isascii() else idna.encode(domain, uts46=True).decode()
    except idna.IDNAError as exc:
        raise InvalidContactEmail() from exc
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(DNS_LABEL.match(label) for label in labels):
        raise InvalidContactEmail()
    return email


def validate_phone(phone: str) -> str:
    """Raises: InvalidContactPhone."""
    compact = re.sub(r"[\s\-()]", "", phone.strip())
    if not E164.match(compact):
        raise InvalidContactPhone()
    return compact


# --- webhook targets -----------------------------------------------------------------------

@dataclass(frozen=True)
class WebhookUrl:
    url: str
    scheme: str
    host: str
    port: int
    target: str  # path and query, as sent in the request line


def parse_webhook_url(url: str) -> WebhookUrl:
    """Raises: InvalidWebhookUrl (not http(s), too long, no host, credentials, bad port)."""
    if len(url) > MAX_URL_LENGTH:
        raise InvalidWebhookUrl(reason=f"longer than {MAX_URL_LENGTH} characters")
    if any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        raise InvalidWebhookUrl(reason="contains whitespace or control characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InvalidWebhookUrl(reason="only http and https URLs are accepted")
    if parts.username is not None or parts.password is not None:
        raise InvalidWebhookUrl(reason="credentials in the URL are not accepted")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise InvalidWebhookUrl(reason="the port is not valid") from exc
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidWebhookUrl(reason="the URL has no host")
    if not _is_ip(host):
        try:
            host = host.lower() if host.isascii() else idna.encode(host, uts46=True).decode()
        except idna.IDNAError as exc:
            raise InvalidWebhookUrl(reason="the host name is not valid") from exc
        if not all(DNS_LABEL.match(label) for label in host.split(".")):
            raise InvalidWebhookUrl(reason="the host name is not valid")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return WebhookUrl(url=url, scheme=parts.scheme, host=host, port=port, target=target)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def address_allowed(address: str, *, local: bool) -> bool:
    """Public (globally routable) addresses only; loopback too in local mode."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if local and ip.is_loopback:
        return True
    return bool(ip.is_global) and not ip.is_multicast and not ip.is_reserved

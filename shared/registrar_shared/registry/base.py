"""The registry adapter interface (CNNIC, Verisign, ... or the local simulator).

One interface for every registry operation. Implementations raise the errors below; the
callers (search, orders) never see a registry's own protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from registrar_shared.errors import Conflict, InvalidInput, Missing, Unavailable

Availability = Literal["available", "registered", "variant_registered", "reserved"]


@dataclass(frozen=True)
class NameQuery:
    ascii: str          # A-label, normalised
    variant_key: str    # suffix|folded-label (NAMING.md §6)


@dataclass(frozen=True)
class DomainRecord:
    ascii: str
    variant_key: str
    registrant: str          # the registrar's account id (the sponsoring customer)
    template_id: str | None
    created_at: datetime
    expires_at: datetime
    statuses: tuple[str, ...]  # EPP statuses, e.g. ("ok",) or ("serverHold",)
    client_txn_id: str | None = None     # the registrar's id of the create command
    renew_txns: tuple[str, ...] = ()     # ... of the renew commands applied (latest last)


class RegistryError(Unavailable):
    """The registry failed to answer or refused for a transient reason (retry)."""

    code = "RegistryUnavailable"

    message_en = "The registry is unavailable: {reason}"
    message_zh = "注册局暂不可用：{reason}"


class RegistryNameUnavailable(Conflict):
    code = "DomainUnavailable"
    message_en = "{domain} is not available at the registry ({status})"
    message_zh = "{domain} 在注册局不可注册（{status}）"


class RegistryObjectNotFound(Missing):
    code = "DomainNotFound"
    message_en = "{domain} does not exist at the registry"
    message_zh = "{domain} 在注册局不存在"


class RegistryPeriodInvalid(InvalidInput):
    """A period outside 1–10 years, or a renewal past 10 years from now."""

    code = "InvalidPeriod"
    message_en = "{domain}: {years} year(s) is not a valid registration period ({why})"
    message_zh = "{domain}：{years} 年不是有效的注册期限（{why}）"


class RegistryExpiryMismatch(Conflict):
    """A renewal named an expiry that is not the domain's current expiry."""

    message_en = "{domain} expires at {actual}, not at {expected}; renewal refused"
    message_zh = "{domain} 的到期时间是 {actual}，不是 {expected}；拒绝续费"


class Registry(Protocol):
    def check(self, names: Sequence[NameQuery]) -> dict[str, Availability]:
        """Availability of many names in batched reads (never one read per name);
        keyed by A-label."""
        ...

    def create(self, name: NameQuery, *, registrant: str, template_id: str | None,
               years: int, now: datetime, on_hold: bool = False,
               client_txn_id: str | None = None) -> DomainRecord:
        """Register a name (conditional: one winner). ``client_txn_id`` (EPP clTRID: one
        per order item) is kept on the record, so the registrar can tell its own earlier
        attempt from anyone else's registration. Raises RegistryNameUnavailable,
        RegistryError."""
        ...

    def renew(self, ascii_name: str, *, years: int, current_expiry: datetime,
              now: datetime, client_txn_id: str | None = None) -> DomainRecord:
        """Extend from ``current_expiry``. With ``client_txn_id`` a renewal is applied at
        most once (a retry returns the record); without, a retry naming the old expiry adds
        nothing twice. Raises RegistryObjectNotFound, RegistryExpiryMismatch, RegistryError."""
        ...

    def delete(self, ascii_name: str) -> None: ...

    def info(self, ascii_name: str) -> DomainRecord | None: ...

    def hold(self, ascii_name: str, reason: str) -> DomainRecord: ...

    def unhold(self, ascii_name: str, reason: str) -> DomainRecord: ...

    def update_holder(self, ascii_name: str, template_id: str) -> DomainRecord:
        """Change the registrant contact (holder transfer, 过户); idempotent.
        Raises RegistryObjectNotFound, RegistryError."""
        ...

"""DNS domain objects: zones, records, Route 53 record sets and write plans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ZoneStatus = Literal["active", "held"]
RecordType = Literal["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"]
RECORD_TYPES: tuple[str, ...] = ("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA")
APEX = "@"


@dataclass(frozen=True)
class Zone:
    ascii: str
    domain: str
    account_id: str
    zone_id: str
    status: str  # "active" | "held"
    created_at: str
    version: int = 1
    template_id: str | None = None
    product: str | None = None
    order_id: str | None = None
    name_servers: tuple[str, ...] = ()
    record_count: int = 0
    status_at: str | None = None  # occurred_at of the event that set the status
    restricted: bool = False      # proxy-template domain: no record changes until 过户

    @property
    def held(self) -> bool:
        return self.status == "held"


@dataclass(frozen=True)
class RecordData:
    """A validated, normalised record value (what the rules produce from a request)."""

    host: str  # "@", "www", "*.shop" ... A-labels, relative to the zone
    type: str
    value: str  # the API form: TXT raw text, MX/CNAME/NS target without the final dot, ...
    ttl: int
    priority: int | None = None

    def same_data(self, other: RecordData) -> bool:
        """Identical in DNS terms (TTL aside): same host, type and record data."""
        return (self.host, self.type, self.value, self.priority) == (
            other.host, other.type, other.value, other.priority)


@dataclass(frozen=True)
class Record:
    record_id: str
    data: RecordData
    created_at: str
    updated_at: str

    @property
    def host(self) -> str:
        return self.data.host

    @property
    def type(self) -> str:
        return self.data.type

    @property
    def key(self) -> tuple[str, str]:
        return (self.data.host, self.data.type)

    def as_dict(self) -> dict[str, object]:
        """The record as the API and events show it."""
        view: dict[str, object] = {"record_id": self.record_id, "host": self.host,
                                   "type": self.type, "value": self.data.value,
                                   "ttl": self.data.ttl}
        if self.data.priority is not None:
            view["priority"] = self.data.priority
        return view

    def describe(self) -> str:
        data = self.data
        priority = f" {data.priority}" if data.priority is not None else ""
        return f"{data.host} {data.type}{priority} {data.value} (record {self.record_id})"


@dataclass(frozen=True)
class RecordSet:
    """One Route 53 resource record set: absolute name, type, one TTL, sorted values."""

    name: str  # absolute, with the final dot
    type: str
    ttl: int
    values: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.type)


@dataclass(frozen=True)
class Change:
    """One step of a write: a record before and after (None = absent)."""

    before: Record | None
    after: Record | None

    @property
    def action(self) -> str:
        if self.before is None:
            return "create"
        return "delete" if self.after is None else "update"


@dataclass(frozen=True)
class Plan:
    """What a write does to the zone's records, with warnings for the caller."""

    changes: tuple[Change, ...]
    warnings: tuple[tuple[str, str, str], ...] = ()  # (code, message_en, message_zh)
    result: Record | None = None  # the record the request is about (None for deletes)

    def apply_to(self, records: list[Record]) -> list[Record]:
        """The records after the plan (pure)."""
        removed = {c.before.record_id for c in self.changes if c.before is not None}
        kept = [r for r in records if r.record_id not in removed]
        return kept + [c.after for c in self.changes if c.after is not None]

    def count_delta(self) -> int:
        return sum((c.after is not None) - (c.before is not None) for c in self.changes)

    def touched(self) -> set[tuple[str, str]]:
        keys: set[tuple[str, str]] = set()
        for change in self.changes:
            for record in (change.before, change.after):
                if record is not None:
                    keys.add(record.key)
        return keys

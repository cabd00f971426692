"""In-memory stand-ins for the DNS table and Route 53 (same protocols as the real ones)."""

from __future__ import annotations

import dataclasses

from chalicelib.dns import errors
from chalicelib.dns.model import Plan, Record, RecordSet, Zone
from chalicelib.dns.repository import StaleZone

Key = tuple[str, str]


class InMemoryDns:
    def __init__(self) -> None:
        self.zones: dict[str, Zone] = {}
        self.rows: dict[str, dict[str, Record]] = {}
        self.verified: set[str] = set()
        self.stale_commits = 0  # the next N commits find the zone changed

    def get_zone(self, ascii_name: str) -> Zone | None:
        return self.zones.get(ascii_name)

    def add_zone(self, zone: Zone) -> bool:
        if zone.ascii in self.zones:
            return False
        self.zones[zone.ascii] = zone
        self.rows[zone.ascii] = {}
        return True

    def _bump(self, ascii_name: str, **changes: object) -> Zone:
        zone = self.zones[ascii_name]
        zone = dataclasses.replace(zone, version=zone.version + 1, **changes)
        self.zones[ascii_name] = zone
        return zone

    def set_status(self, ascii_name: str, status: str, at: str, now: str
                   ) -> tuple[str, Zone | None]:
        zone = self.zones.get(ascii_name)
        if zone is None:
            return "missing", None
        if zone.status_at is not None and zone.status_at > at:
            return "stale", zone
        return "updated", self._bump(ascii_name, status=status, status_at=at)

    def set_holder(self, ascii_name: str, template_id: str, now: str) -> bool:
        if ascii_name not in self.zones:
            return False
        self.zones[ascii_name] = dataclasses.replace(self.zones[ascii_name],
                                                     template_id=template_id, restricted=False)
        return True

    def records(self, ascii_name: str) -> list[Record]:
        return sorted(self.rows.get(ascii_name, {}).values(),
                      key=lambda r: (r.host, r.type, r.record_id))

    def records_at(self, ascii_name: str, host: str) -> list[Record]:
        return [r for r in self.records(ascii_name) if r.host == host]

    def locate(self, ascii_name: str, record_id: str) -> str | None:
        record = self.rows.get(ascii_name, {}).get(record_id)
        return record.host if record else None

    def page(self, ascii_name: str, limit: int, token: str | None
             ) -> tuple[list[Record], str | None]:
        return self.records(ascii_name)[:limit], None

    def commit(self, zone: Zone, plan: Plan, now: str) -> str:
        current = self.zones[zone.ascii]
        if self.stale_commits:
            self.stale_commits -= 1
            self._bump(zone.ascii)
            raise StaleZone()
        if current.version != zone.version or current.held:
            raise StaleZone()
        self._apply(zone.ascii, plan)
        self._bump(zone.ascii, record_count=current.record_count + plan.count_delta())
        return f"w{current.version}"

    def _apply(self, ascii_name: str, plan: Plan) -> None:
        rows = self.rows[ascii_name]
        for change in plan.changes:
            if change.before is not None:
                rows.pop(change.before.record_id, None)
            if change.after is not None:
                rows[change.after.record_id] = change.after

    def revert(self, zone: Zone, plan: Plan, write_id: str, now: str) -> None:
        inverse = Plan(changes=tuple(dataclasses.replace(c, before=c.after, after=c.before)
                                     for c in plan.changes))
        self._apply(zone.ascii, inverse)
        self._bump(zone.ascii, record_count=self.zones[zone.ascii].record_count
                   - plan.count_delta())

    def delete_zone(self, ascii_name: str) -> None:
        self.zones.pop(ascii_name, None)
        self.rows.pop(ascii_name, None)

    def mark_verified(self, template_id: str, account_id: str, now: str) -> None:
        self.verified.add(template_id)

    def is_verified(self, template_id: str) -> bool:
        return template_id in self.verified


class FakeRoute53:
    """Hosted zones as dicts of record sets; ``fail_next`` makes the next change batch
    apply its first change and then fail (as moto does on a bad batch)."""

    def __init__(self) -> None:
        self.zones: dict[str, dict[Key, RecordSet]] = {}
        self.names: dict[str, str] = {}
        self.batches: list[list[tuple[str, RecordSet]]] = []
        self.fail_next = False

    def create(self, ascii_name: str, caller_reference: str) -> tuple[str, tuple[str, ...]]:
        for zone_id, name in self.names.items():
            if name == ascii_name:
                return zone_id, self.name_servers(zone_id)
        zone_id = f"Z{len(self.names) + 1}"
        self.names[zone_id] = ascii_name
        apex = ascii_name + "."
        self.zones[zone_id] = {(apex, "NS"): RecordSet(apex, "NS", 172800, ("ns-1.example.",)),
                               (apex, "SOA"): RecordSet(apex, "SOA", 900, ("soa",))}
        return zone_id, self.name_servers(zone_id)

    def name_servers(self, zone_id: str) -> tuple[str, ...]:
        return ("ns-1.example",)

    def exists(self, zone_id: str) -> bool:
        return zone_id in self.zones

    def delete(self, zone_id: str) -> None:
        self.zones.pop(zone_id, None)
        self.names.pop(zone_id, None)

    def read(self, zone_id: str, keys: set[Key]) -> dict[Key, RecordSet]:
        return {k: v for k, v in self.zones[zone_id].items() if k in keys}

    def read_all(self, zone_id: str) -> dict[Key, RecordSet]:
        return dict(self.zones[zone_id])

    def change(self, zone_id: str, actions: list[tuple[str, RecordSet]]) -> None:
        if not actions:
            return
        self.batches.append(actions)
        applied = actions[:1] if self.fail_next else actions
        for action, record_set in applied:
            if action == "DELETE":
                del self.zones[zone_id][record_set.key]
            else:
                self.zones[zone_id][record_set.key] = record_set
        if self.fail_next:
            self.fail_next = False
            raise errors.DnsProviderUnavailable(aws_error="Injected")

    def user_sets(self, zone_id: str) -> dict[Key, RecordSet]:
        name = self.names[zone_id] + "."
        return {k: v for k, v in self.zones[zone_id].items()
                if not (k[0] == name and k[1] in ("NS", "SOA"))}

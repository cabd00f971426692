"""DNS use cases: zones follow the domain's life; records are written through our table.

Every record write: read the zone and the records of the hosts it touches, plan against the
rules, commit the plan to the table (one transaction, conditional on the zone's version),
then move Route 53 to the committed state of the touched record sets in ONE change batch.
If Route 53 refuses or fails, the commit is reverted and the touched sets are re-synced from
the table (moto may have applied half the batch), so the table stays the source of truth.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from chalicelib.dns import errors, names, rules, zonefile
from chalicelib.dns.model import APEX, Change, Plan, Record, RecordSet, Zone
from chalicelib.dns.repository import DnsRepository, StaleZone
from chalicelib.dns.route53 import Route53Api
from registrar_shared.auth import Principal
from registrar_shared.clock import Clock, iso, parse_iso
from registrar_shared.events import (
    DnsRecordsChanged,
    DnsZoneCreated,
    DomainDeleted,
    DomainHeld,
    DomainHolderChanged,
    DomainRegistered,
    DomainUnheld,
    RealnameVerified,
)
from registrar_shared.messaging import Publisher

MAX_ATTEMPTS = 3
Key = tuple[str, str]


def new_record_id() -> str:
    return "rr-" + uuid.uuid4().hex[:20]


@dataclass(frozen=True)
class Deps:
    """What record writes need (bundled: every write use case takes all of them)."""

    dns: DnsRepository
    route53: Route53Api
    publisher: Publisher
    clock: Clock
    new_id: Callable[[], str] = new_record_id


@dataclass(frozen=True)
class WriteResult:
    zone: Zone
    record: Record | None
    warnings: tuple[tuple[str, str, str], ...]
    changed: bool = True


# --- zones (events) -------------------------------------------------------------------

def create_zone(registered: DomainRegistered, *, dns: DnsRepository, route53: Route53Api,
                publisher: Publisher, clock: Clock, causation_id: str | None = None,
                occurred_at: str | None = None) -> Zone:
    """Give a newly registered domain its hosted zone (idempotent under redelivery).

    Raises: DependencyUnavailable (Route 53 or DynamoDB; the event is retried).
    """
    existing = dns.get_zone(registered.ascii)
    if existing is not None:
        return existing
    zone_id, servers = route53.create(registered.ascii, caller_reference=f"{registered.order_id}:"
                                                                         f"{registered.ascii}")
    zone = Zone(ascii=registered.ascii, domain=registered.domain,
                account_id=registered.account_id, zone_id=zone_id,
                status="held" if registered.on_hold else "active", created_at=iso(clock.now()),
                template_id=registered.template_id, product=registered.product,
                order_id=registered.order_id, name_servers=servers,
                restricted=registered.restricted,
                status_at=iso(parse_iso(occurred_at)) if occurred_at else None)
    if dns.add_zone(zone):
        publisher.publish(DnsZoneCreated(domain=zone.domain, ascii=zone.ascii,
                                         account_id=zone.account_id, zone_id=zone.zone_id),
                          causation_id=causation_id)
    return dns.get_zone(registered.ascii) or zone


def _managed(zone: Zone) -> set[Key]:
    """The apex SOA and NS belong to the hosted zone itself; we never touch them."""
    return {(f"{zone.ascii}.", "SOA"), (f"{zone.ascii}.", "NS")}


def _sync_zone(zone: Zone, records: list[Record], route53: Route53Api) -> None:
    """Make every record set of the hosted zone equal ``records`` (possibly several
    batches: a whole zone can exceed Route 53's per-batch limits)."""
    current = route53.read_all(zone.zone_id)
    desired = rules.record_sets(records, zone.ascii)
    keys = (set(current) | set(desired)) - _managed(zone)
    for batch in rules.batches(rules.sync_actions(desired, current, keys)):
        route53.change(zone.zone_id, batch)


def _set_status(ascii_name: str, status: str, at: str, *, dns: DnsRepository,
                route53: Route53Api, clock: Clock) -> tuple[str, Zone | None]:
    outcome, zone = dns.set_status(ascii_name, status, iso(parse_iso(at)), iso(clock.now()))
    if outcome == "missing":
        raise errors.ZoneNotReady(domain=ascii_name)
    if outcome == "updated" and zone is not None:
        _sync_zone(zone, [] if zone.held else dns.records(zone.ascii), route53)
    return outcome, zone


def hold_zone(held: DomainHeld, *, dns: DnsRepository, route53: Route53Api, clock: Clock,
              occurred_at: str) -> tuple[str, Zone | None]:
    """Keep the records in our table but withdraw them from Route 53 (safe to repeat). A
    hold older than the zone's last status change is stale and ignored.

    Raises: ZoneNotReady (the registration has not arrived yet; retried),
            DependencyUnavailable (retried).
    """
    return _set_status(held.ascii, "held", occurred_at, dns=dns, route53=route53, clock=clock)


def unhold_zone(unheld: DomainUnheld, *, dns: DnsRepository, route53: Route53Api,
                clock: Clock, occurred_at: str) -> tuple[str, Zone | None]:
    """Serve the kept records again (safe to repeat; stale releases are ignored).

    Raises: ZoneNotReady (retried), DependencyUnavailable (retried).
    """
    return _set_status(unheld.ascii, "active", occurred_at, dns=dns, route53=route53,
                       clock=clock)


def delete_zone(deleted: DomainDeleted, *, dns: DnsRepository, route53: Route53Api) -> None:
    """Remove the records and the hosted zone, then our rows (safe to repeat).

    Raises: DependencyUnavailable (retried).
    """
    zone = dns.get_zone(deleted.ascii)
    if zone is None:
        return
    if route53.exists(zone.zone_id):
        _sync_zone(zone, [], route53)
        route53.delete(zone.zone_id)
    dns.delete_zone(zone.ascii)


def change_holder(changed: DomainHolderChanged, *, dns: DnsRepository, clock: Clock) -> None:
    dns.set_holder(changed.ascii, changed.template_id, iso(clock.now()))


IDENTITY_DOCUMENTS = ("id_card", "business_licence")


def record_verification(verified: RealnameVerified, *, dns: DnsRepository,
                        clock: Clock) -> bool:
    """Remember that a template's holder is real-name verified (for the business card).
    Only identity documents verify a holder; qualification documents (trademark, .gov.cn,
    entity) do not."""
    if verified.document_type not in IDENTITY_DOCUMENTS:
        return False
    dns.mark_verified(verified.template_id, verified.account_id, iso(clock.now()))
    return True


# --- records (HTTP) -------------------------------------------------------------------

def owned_zone(domain: str, principal: Principal, dns: DnsRepository) -> Zone:
    """The zone of ``domain`` if the caller's main account owns it (RAM users act for it).

    Raises: InvalidDomainName, ZoneNotFound (also for another account's zone).
    """
    ascii_name = names.domain_ascii(domain)
    zone = dns.get_zone(ascii_name)
    if zone is None or zone.account_id != principal.owner_id:
        raise errors.ZoneNotFound(domain=names.domain_unicode(ascii_name))
    return zone


def list_records(domain: str, principal: Principal, *, dns: DnsRepository, limit: int,
                 next_token: str | None) -> tuple[Zone, list[Record], str | None]:
    """Raises: InvalidDomainName, ZoneNotFound, InvalidNextToken."""
    zone = owned_zone(domain, principal, dns)
    records, token = dns.page(zone.ascii, limit, next_token)
    return zone, records, token


def _sync_keys(zone: Zone, records: list[Record], keys: set[Key], route53: Route53Api) -> None:
    desired: dict[Key, RecordSet] = {k: v for k, v in rules.record_sets(records, zone.ascii).items()
                                     if k in keys and not zone.held}
    current = route53.read(zone.zone_id, keys)
    route53.change(zone.zone_id, rules.sync_actions(desired, current, keys))


class ZoneReader:
    """What a write reads: the zone row, and the records of the hosts it touches (the
    rules never need more), each host read once per attempt."""

    def __init__(self, dns: DnsRepository, zone: Zone) -> None:
        self._dns = dns
        self.zone = zone
        self._hosts: dict[str, list[Record]] = {}

    def at(self, *hosts: str) -> list[Record]:
        for host in hosts:
            if host not in self._hosts:
                self._hosts[host] = self._dns.records_at(self.zone.ascii, host)
        return [r for host in dict.fromkeys(hosts) for r in self._hosts[host]]

    def find(self, record_id: str) -> Record:
        """Raises: RecordNotFound."""
        host = self._dns.locate(self.zone.ascii, record_id)
        found = [r for r in self.at(host) if r.record_id == record_id] if host else []
        if not found:
            raise errors.RecordNotFound(record_id=record_id, domain=self.zone.domain)
        return found[0]

    @property
    def loaded(self) -> list[Record]:
        return [r for records in self._hosts.values() for r in records]


Planner = Callable[[ZoneReader], Plan]


def _roll_back(zone: Zone, plan: Plan, write_id: str, keys: set[Key], deps: Deps) -> None:
    """Undo our commit, then put Route 53 back to what the table says for the touched sets.
    Best effort: a newer write that touched the same rows wins and re-syncs itself."""
    try:
        deps.dns.revert(zone, plan, write_id, iso(deps.clock.now()))
    except StaleZone:
        pass
    latest = deps.dns.get_zone(zone.ascii) or zone
    try:
        records = ZoneReader(deps.dns, latest).at(*{host for host, _ in plan.touched()})
        _sync_keys(latest, records, keys, deps.route53)
    except (errors.DnsProviderRejected, errors.DnsProviderUnavailable):
        pass


def _apply(zone: Zone, records: list[Record], plan: Plan, deps: Deps) -> Zone:
    now = iso(deps.clock.now())
    write_id = deps.dns.commit(zone, plan, now)
    keys = rules.set_keys(plan.touched(), zone.ascii)
    try:
        _sync_keys(zone, plan.apply_to(records), keys, deps.route53)
    except (errors.DnsProviderRejected, errors.DnsProviderUnavailable):
        _roll_back(zone, plan, write_id, keys, deps)
        raise
    deps.publisher.publish(DnsRecordsChanged(domain=zone.domain, ascii=zone.ascii,
                                             account_id=zone.account_id,
                                             changes=[_change_view(c) for c in plan.changes]))
    return zone


def _change_view(change: Change) -> dict[str, object]:
    """One entry of dns.records_changed: the action and the record's fields (after the
    change; before it for a delete), with the previous fields for an update."""
    record = change.after or change.before
    view: dict[str, object] = {"action": change.action,
                               **(record.as_dict() if record is not None else {})}
    if change.before is not None and change.after is not None:
        view["previous"] = change.before.as_dict()
    return view


def _write(domain: str, principal: Principal, planner: Planner, deps: Deps) -> WriteResult:
    """Plan and apply a write, re-planning if the zone changed meanwhile.

    Raises: the planner's errors, ZoneNotFound, DomainOnHold, ZoneBusy,
            DnsProviderRejected, DependencyUnavailable.
    """
    for _ in range(MAX_ATTEMPTS):
        zone = owned_zone(domain, principal, deps.dns)
        rules.verify_writable(zone)
        reader = ZoneReader(deps.dns, zone)
        plan = planner(reader)
        if not plan.changes:
            return WriteResult(zone, plan.result, plan.warnings, changed=False)
        try:
            _apply(zone, reader.loaded, plan, deps)
        except StaleZone:
            continue
        return WriteResult(zone, plan.result, plan.warnings)
    raise errors.ZoneBusy(domain=names.domain_unicode(names.domain_ascii(domain)))


def create_record(domain: str, principal: Principal, raw: rules.RecordInput,
                  deps: Deps) -> WriteResult:
    """Add one record.

    Raises: InvalidDomainName, ZoneNotFound, DomainOnHold, InvalidRecord, RecordConflict,
            RecordLimitExceeded, ZoneBusy, DnsProviderRejected, DependencyUnavailable.
    """
    record_id = deps.new_id()

    def planner(reader: ZoneReader) -> Plan:
        data = rules.validate_record(raw, reader.zone.ascii)
        return rules.plan_write(reader.at(data.host), data, record_id=record_id,
                                now=iso(deps.clock.now()), ttl_given=raw.ttl is not None,
                                zone_count=reader.zone.record_count)

    return _write(domain, principal, planner, deps)


def update_record(domain: str, principal: Principal, record_id: str, raw: rules.RecordInput,
                  deps: Deps) -> WriteResult:
    """Replace one record (host, type, value, TTL, priority).

    Raises: RecordNotFound and everything create_record raises.
    """
    def planner(reader: ZoneReader) -> Plan:
        previous = reader.find(record_id)
        data = rules.validate_record(raw, reader.zone.ascii)
        return rules.plan_write(reader.at(previous.host, data.host), data, record_id=record_id,
                                now=iso(deps.clock.now()), ttl_given=raw.ttl is not None,
                                zone_count=reader.zone.record_count, previous=previous)

    return _write(domain, principal, planner, deps)


def delete_record(domain: str, principal: Principal, record_id: str,
                  deps: Deps) -> WriteResult:
    """Raises: InvalidDomainName, ZoneNotFound, RecordNotFound, DomainOnHold, ZoneBusy,
    DnsProviderRejected, DependencyUnavailable."""
    def planner(reader: ZoneReader) -> Plan:
        return rules.plan_delete(reader.find(record_id))

    return _write(domain, principal, planner, deps)


def enable_business_card(domain: str, principal: Principal, deps: Deps) -> WriteResult:
    """Switch on the 姓名.网址 interactive business card: CNAME @ → 2019.cname.knetreg.cn.
    Already on → the existing record, unchanged.

    Raises: InvalidDomainName, ZoneNotFound, BusinessCardNotAvailable, DomainOnHold,
            RealNameRequired, RecordConflict (naming the conflicting records),
            RecordLimitExceeded, ZoneBusy, DnsProviderRejected, DependencyUnavailable.
    """
    zone = owned_zone(domain, principal, deps.dns)
    verified = zone.template_id is not None and deps.dns.is_verified(zone.template_id)
    rules.verify_business_card_allowed(zone, holder_verified=verified)
    record_id = deps.new_id()

    def planner(reader: ZoneReader) -> Plan:
        at_apex = reader.at(APEX)
        existing = rules.existing_business_card(at_apex)
        if existing is not None:
            return Plan(changes=(), result=existing)
        return rules.plan_write(at_apex, rules.business_card_record(), record_id=record_id,
                                now=iso(deps.clock.now()), ttl_given=True,
                                zone_count=reader.zone.record_count)

    return _write(domain, principal, planner, deps)


def export_zone(domain: str, principal: Principal, *, dns: DnsRepository,
                route53: Route53Api) -> str:
    """The zone as RFC 1035 text (SOA, NS and every record we hold, also while on hold).

    Raises: InvalidDomainName, ZoneNotFound, DependencyUnavailable.
    """
    zone = owned_zone(domain, principal, dns)
    servers = zone.name_servers or route53.name_servers(zone.zone_id)
    return zonefile.render(zone, dns.records(zone.ascii), servers)

"""DNS use cases."""

from __future__ import annotations

from chalicelib.dns.model import Zone
from chalicelib.dns.repository import ZoneRepository
from chalicelib.dns.route53 import Route53Zones
from registrar_shared.clock import Clock, iso
from registrar_shared.events import DnsZoneCreated, DomainRegistered
from registrar_shared.messaging import Publisher


def create_zone(registered: DomainRegistered, *, zones: ZoneRepository, route53: Route53Zones,
                publisher: Publisher, clock: Clock, causation_id: str | None = None) -> Zone:
    """Give a newly registered domain its hosted zone (idempotent under redelivery).

    Raises: DependencyUnavailable (Route 53 or DynamoDB; the event is retried).
    """
    existing = zones.get(registered.ascii)
    if existing is not None:
        return existing
    zone_id = route53.create(registered.ascii, caller_reference=f"{registered.order_id}:"
                                                               f"{registered.ascii}")
    zone = Zone(ascii=registered.ascii, domain=registered.domain,
                account_id=registered.account_id, zone_id=zone_id,
                status="held" if registered.on_hold else "active", created_at=iso(clock.now()))
    if zones.add(zone):
        publisher.publish(DnsZoneCreated(domain=zone.domain, ascii=zone.ascii,
                                         account_id=zone.account_id, zone_id=zone.zone_id),
                          causation_id=causation_id)
    return zones.get(registered.ascii) or zone

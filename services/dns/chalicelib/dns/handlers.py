"""Event handlers of the DNS service, keyed by event_type."""

from __future__ import annotations

from chalicelib.dns import service, wiring
from registrar_shared.envelope import Envelope
from registrar_shared.events import DomainRegistered
from registrar_shared.messaging import Handler


def on_domain_registered(envelope: Envelope) -> None:
    service.create_zone(envelope.payload_as(DomainRegistered), zones=wiring.get_zones(),
                        route53=wiring.get_route53(), publisher=wiring.get_publisher(),
                        clock=wiring.get_clock(), causation_id=envelope.event_id)


HANDLERS: dict[str, Handler] = {
    "domain.registered": on_domain_registered,
}

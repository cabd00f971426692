"""Event handlers of the DNS service, keyed by event_type."""

from __future__ import annotations

from chalicelib.dns import service, wiring
from registrar_shared.envelope import Envelope
from registrar_shared.events import (
    DomainDeleted,
    DomainHeld,
    DomainHolderChanged,
    DomainRegistered,
    DomainUnheld,
    RealnameVerified,
)
from registrar_shared.messaging import Handler


def on_domain_registered(envelope: Envelope) -> None:
    service.create_zone(envelope.payload_as(DomainRegistered), dns=wiring.get_dns(),
                        route53=wiring.get_route53(), publisher=wiring.get_publisher(),
                        clock=wiring.get_clock(), causation_id=envelope.event_id,
                        occurred_at=envelope.occurred_at)


def on_domain_deleted(envelope: Envelope) -> None:
    service.delete_zone(envelope.payload_as(DomainDeleted), dns=wiring.get_dns(),
                        route53=wiring.get_route53())


def _log_stale(outcome: str, envelope: Envelope) -> None:
    if outcome == "stale":
        wiring.logger.info("older hold/release ignored", extra={
            "ascii": envelope.payload.get("ascii"), "occurred_at": envelope.occurred_at})


def on_domain_held(envelope: Envelope) -> None:
    outcome, _ = service.hold_zone(envelope.payload_as(DomainHeld), dns=wiring.get_dns(),
                                   route53=wiring.get_route53(), clock=wiring.get_clock(),
                                   occurred_at=envelope.occurred_at)
    _log_stale(outcome, envelope)


def on_domain_unheld(envelope: Envelope) -> None:
    outcome, _ = service.unhold_zone(envelope.payload_as(DomainUnheld), dns=wiring.get_dns(),
                                     route53=wiring.get_route53(), clock=wiring.get_clock(),
                                     occurred_at=envelope.occurred_at)
    _log_stale(outcome, envelope)


def on_domain_holder_changed(envelope: Envelope) -> None:
    service.change_holder(envelope.payload_as(DomainHolderChanged), dns=wiring.get_dns(),
                          clock=wiring.get_clock())


def on_realname_verified(envelope: Envelope) -> None:
    service.record_verification(envelope.payload_as(RealnameVerified), dns=wiring.get_dns(),
                                clock=wiring.get_clock())


HANDLERS: dict[str, Handler] = {
    "domain.registered": on_domain_registered,
    "domain.deleted": on_domain_deleted,
    "domain.held": on_domain_held,
    "domain.unheld": on_domain_unheld,
    "domain.holder_changed": on_domain_holder_changed,
    "realname.verified": on_realname_verified,
}

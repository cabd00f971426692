"""Event handlers of the notify service: every customer-facing event, one use case."""

from __future__ import annotations

from chalicelib.notify import service, wiring
from registrar_shared.envelope import Envelope
from registrar_shared.messaging import Handler
from registrar_shared.resources import CUSTOMER_EVENTS


def on_customer_event(envelope: Envelope) -> None:
    service.notify_event(envelope, repo=wiring.get_repository(), accounts=wiring.get_accounts(),
                         mailer=wiring.get_mailer(), texter=wiring.get_texter(),
                         queue=wiring.get_webhook_queue(), templates=wiring.get_templates(),
                         clock=wiring.get_clock())


HANDLERS: dict[str, Handler] = {event_type: on_customer_event for event_type in CUSTOMER_EVENTS}

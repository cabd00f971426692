"""Event handlers of the orders service, keyed by event_type."""

from __future__ import annotations

from chalicelib.orders import fulfilment, wiring
from registrar_shared.envelope import Envelope
from registrar_shared.events import (
    OrderPaid,
    RealnameFailed,
    RealnameSubmitted,
    RealnameVerified,
    TemplateCreated,
    TemplateEmailVerified,
)
from registrar_shared.messaging import Handler


def on_order_paid(envelope: Envelope) -> None:
    paid = envelope.payload_as(OrderPaid)
    fulfilment.fulfil_order(paid.order_id, wiring.get_deps(), causation_id=envelope.event_id)


def on_template_created(envelope: Envelope) -> None:
    created = envelope.payload_as(TemplateCreated)
    wiring.get_orders().project_template(created.template_id, {
        "account_id": created.account_id, "holder_type": created.holder_type,
        "name": created.name, "region": created.region,
        "organisation_type": created.organisation_type or ""})


def on_template_email_verified(envelope: Envelope) -> None:
    verified = envelope.payload_as(TemplateEmailVerified)
    wiring.get_orders().project_template(verified.template_id, {"email_verified": True})


def on_realname_submitted(envelope: Envelope) -> None:
    submitted = envelope.payload_as(RealnameSubmitted)
    if submitted.document_type in ("id_card", "business_licence"):
        wiring.get_orders().project_realname(submitted.template_id, "auditing",
                                             envelope.occurred_at)


def on_realname_verified(envelope: Envelope) -> None:
    verified = envelope.payload_as(RealnameVerified)
    deps = wiring.get_deps()
    if verified.document_type == "entity_qualification" and verified.domain:
        fulfilment.approve_naming_review(verified.domain, deps, causation_id=envelope.event_id)
        return
    if verified.document_type not in ("id_card", "business_licence"):
        return
    wiring.get_orders().project_realname(verified.template_id, "verified", envelope.occurred_at)
    fulfilment.release_holds(verified.template_id, deps, causation_id=envelope.event_id)


def on_realname_failed(envelope: Envelope) -> None:
    failed = envelope.payload_as(RealnameFailed)
    if failed.document_type in ("id_card", "business_licence"):
        wiring.get_orders().project_realname(failed.template_id, "failed", envelope.occurred_at)


HANDLERS: dict[str, Handler] = {
    "order.paid": on_order_paid,
    "template.created": on_template_created,
    "template.email_verified": on_template_email_verified,
    "realname.submitted": on_realname_submitted,
    "realname.verified": on_realname_verified,
    "realname.failed": on_realname_failed,
}

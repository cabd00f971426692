"""After payment: registration and renewal at the registry, refunds, holds, naming review,
unpaid-order cancellation and the expiry lifecycle. Every step is safe to retry."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timedelta

from chalicelib.orders import rules
from chalicelib.orders.model import (
    Domain,
    DomainStatus,
    Failure,
    ItemStatus,
    Order,
    OrderItem,
    OrderStatus,
)
from chalicelib.orders.provider import PaymentProvider
from chalicelib.orders.repository import DynamoOrdersRepository, Transaction
from chalicelib.orders.service import OutboxPublisher, commit_and_publish
from registrar_shared import catalogue
from registrar_shared.clock import Clock, iso, parse_iso
from registrar_shared.envelope import Envelope, Event
from registrar_shared.events import (
    DomainDeleted,
    DomainExpired,
    DomainExpiring,
    DomainHeld,
    DomainRegistered,
    DomainRegistrationFailed,
    DomainRenewed,
    DomainUnheld,
    OrderCancelled,
    OrderCompleted,
    PaymentRefunded,
)
from registrar_shared.registry.base import (
    DomainRecord,
    NameQuery,
    Registry,
    RegistryError,
    RegistryNameUnavailable,
    RegistryObjectNotFound,
)
from registrar_shared.resources import DEFINITION, QUEUES

FINAL = (ItemStatus.SUCCEEDED, ItemStatus.FAILED, ItemStatus.REFUNDED)
# A registry error is retried by redelivering order.paid; on the last delivery before the
# DLQ the item is failed and refunded instead, so money never sits in a dead letter.
MAX_REGISTRY_ATTEMPTS = DEFINITION.queue(QUEUES.orders_inbox).max_receive_count


@dataclasses.dataclass(frozen=True)
class Deps:
    orders: DynamoOrdersRepository
    registry: Registry
    publisher: OutboxPublisher
    clock: Clock
    provider: PaymentProvider


def _events(deps: Deps, order_id: str, causation_id: str | None, *events: Event
            ) -> list[Envelope]:
    return [deps.publisher.envelope(e, correlation_id=order_id, causation_id=causation_id)
            for e in events]


def fulfil_order(order_id: str, deps: Deps, *, causation_id: str | None = None) -> Order:
    """Instruct the registry for every item of a paid order, then close the order.

    Raises: DependencyUnavailable / RegistryError (transient: the event is retried).
    """
    order = deps.orders.order(order_id)
    assert order is not None, order_id
    if order.status == OrderStatus.PAID:
        processing = dataclasses.replace(order, status=OrderStatus.PROCESSING,
                                         version=order.version + 1)
        tx = deps.orders.transaction()
        deps.orders.put_order(tx, processing, order.version)
        deps.orders.commit(tx)
        order = processing
    if order.status != OrderStatus.PROCESSING:
        return order
    for item in order.items:
        if item.status in FINAL:
            continue
        current = deps.orders.order(order_id)
        assert current is not None
        if item.action == "register":
            order = _register(current, item, deps, causation_id)
        else:
            order = _renew(current, item, deps, causation_id)
    return _close(order, deps, causation_id)


def _close(order: Order, deps: Deps, causation_id: str | None) -> Order:
    outcome = rules.order_outcome(["succeeded" if i.status == ItemStatus.SUCCEEDED else "failed"
                                   for i in order.items])
    closed = dataclasses.replace(order, status=outcome, version=order.version + 1)
    tx = deps.orders.transaction()
    deps.orders.put_order(tx, closed, order.version)
    commit_and_publish(deps.orders, tx, _events(deps, order.order_id, causation_id, OrderCompleted(
        order_id=order.order_id, account_id=order.account_id, status=str(outcome))),
        deps.publisher)
    return closed


def _with_item(order: Order, item: OrderItem) -> Order:
    items = tuple(item if i.ascii == item.ascii else i for i in order.items)
    return dataclasses.replace(order, items=items, version=order.version + 1)


def _register(order: Order, item: OrderItem, deps: Deps, causation_id: str | None) -> Order:
    template = deps.orders.template(order.template_id)
    verified = template is not None and template.realname_status == "verified"
    now = deps.clock.now()
    existing = deps.registry.info(item.ascii)
    try:
        if existing is not None and existing.registrant == order.account_id \
                and existing.template_id == order.template_id:
            record = existing  # a retry after the registry already said yes
        else:
            record = deps.registry.create(
                NameQuery(ascii=item.ascii, variant_key=item.variant_key),
                registrant=order.account_id, template_id=order.template_id,
                years=item.years, now=now, on_hold=not verified)
    except RegistryNameUnavailable as refused:
        return _fail_and_refund(order, item, "DomainUnavailable", refused.message("en"), deps,
                                causation_id)
    except RegistryError as failure:
        if item.attempts + 1 < MAX_REGISTRY_ATTEMPTS:
            _count_attempt(order, item, deps)
            raise  # transient: SQS redelivers order.paid and this item is tried again
        return _fail_and_refund(order, item, "RegistryRefused", failure.message("en"), deps,
                                causation_id)
    return _record_registration(order, item, record, verified, deps, causation_id)


def _count_attempt(order: Order, item: OrderItem, deps: Deps) -> None:
    tx = deps.orders.transaction()
    deps.orders.put_order(tx, _with_item(order, dataclasses.replace(
        item, status=ItemStatus.REGISTERING, attempts=item.attempts + 1)), order.version)
    deps.orders.commit(tx)


def _record_registration(order: Order, item: OrderItem, record: DomainRecord, verified: bool,
                         deps: Deps, causation_id: str | None) -> Order:
    now = deps.clock.now()
    if item.naming_review:
        status = DomainStatus.PENDING_NAMING_REVIEW
    else:
        status = DomainStatus.ACTIVE if verified else DomainStatus.SERVER_HOLD
    deadline = iso(now + rules.NAMING_REVIEW_WINDOW) if item.naming_review else None
    previous = deps.orders.domain(item.ascii)
    domain = Domain(domain=item.domain, ascii=item.ascii, suffix=item.suffix,
                    account_id=order.account_id, template_id=order.template_id,
                    status=status, epp_statuses=record.statuses,
                    registered_at=iso(record.created_at), expires_at=iso(record.expires_at),
                    order_id=order.order_id, product=next(iter(item.product.keys()), None),
                    naming_review_deadline=deadline,
                    version=(previous.version + 1) if previous else 1)
    updated = _with_item(order, item.with_status(ItemStatus.SUCCEEDED))
    tx = deps.orders.transaction()
    deps.orders.put_order(tx, updated, order.version)
    deps.orders.put_domain(tx, domain, previous.version if previous else None)
    _schedule_lifecycle(tx, domain, deps, now)
    if deadline:
        deps.orders.put_due(tx, deadline, "naming_review", domain.ascii)
    events: list[Event] = [DomainRegistered(
        domain=domain.domain, ascii=domain.ascii, account_id=domain.account_id,
        order_id=order.order_id, template_id=order.template_id, years=item.years,
        expires_at=domain.expires_at, product=domain.product,
        on_hold=status != DomainStatus.ACTIVE)]
    if status == DomainStatus.SERVER_HOLD:
        events.append(DomainHeld(domain=domain.domain, ascii=domain.ascii,
                                 account_id=domain.account_id, reason="realname_pending"))
    commit_and_publish(deps.orders, tx, _events(deps, order.order_id, causation_id, *events),
                       deps.publisher)
    return updated


def _fail_and_refund(order: Order, item: OrderItem, code: str, message: str, deps: Deps,
                     causation_id: str | None) -> Order:
    """Fail an item and give its money back to the channel it came from, atomically."""
    now = iso(deps.clock.now())
    amount = item.charged
    refund_id = f"ref-{uuid.uuid4().hex[:20]}"
    updated = _with_item(order, item.with_status(ItemStatus.REFUNDED,
                                                 failure=Failure(code, message),
                                                 refunded=amount))
    tx = deps.orders.transaction()
    deps.orders.put_order(tx, updated, order.version)
    channel = order.payment_method or "balance"
    if channel == "balance" and amount:
        deps.orders.credit(tx, order.account_id, amount, now)
    deps.orders.put_refund(tx, refund_id, order_id=order.order_id,
                           account_id=order.account_id, payment_id=order.payment_id or "",
                           channel=channel, amount=amount, currency=order.currency,
                           reason=code, domain=item.domain, now=now)
    events = [DomainRegistrationFailed(domain=item.domain, ascii=item.ascii,
                                       account_id=order.account_id, order_id=order.order_id,
                                       code=code, message=message),
              PaymentRefunded(order_id=order.order_id, account_id=order.account_id,
                              payment_id=order.payment_id or "", amount=amount,
                              currency=order.currency, reason=code, domain=item.domain)]
    commit_and_publish(deps.orders, tx, _events(deps, order.order_id, causation_id, *events),
                       deps.publisher)
    if channel != "balance" and amount:
        deps.provider.refund(payment_id=order.payment_id or "", refund_id=refund_id,
                             amount=amount, currency=order.currency)
    return updated


def _renew(order: Order, item: OrderItem, deps: Deps, causation_id: str | None) -> Order:
    domain = deps.orders.domain(item.ascii)
    assert item.current_expiry is not None
    if domain is None:
        return _fail_and_refund(order, item, "DomainNotFound", f"{item.domain} is gone", deps,
                                causation_id)
    now = deps.clock.now()
    if domain.expires_at == item.current_expiry:
        try:
            record = deps.registry.renew(item.ascii, years=item.years,
                                         current_expiry=parse_iso(item.current_expiry),
                                         now=now)
        except RegistryObjectNotFound as missing:
            return _fail_and_refund(order, item, "DomainNotFound", missing.message("en"), deps,
                                    causation_id)
        expires_at = iso(record.expires_at)
    else:
        expires_at = domain.expires_at  # applied by an earlier attempt of this renewal
    revived = domain.status in (DomainStatus.EXPIRED, DomainStatus.REDEMPTION)
    renewed = dataclasses.replace(
        domain, expires_at=expires_at, version=domain.version + 1,
        status=DomainStatus.ACTIVE if revived else domain.status,
        epp_statuses=("ok",) if revived else domain.epp_statuses)
    updated = _with_item(order, item.with_status(ItemStatus.SUCCEEDED))
    tx = deps.orders.transaction()
    deps.orders.put_order(tx, updated, order.version)
    deps.orders.put_domain(tx, renewed, domain.version)
    _schedule_lifecycle(tx, renewed, deps, now)
    events: list[Event] = [DomainRenewed(domain=item.domain, ascii=item.ascii,
                                         account_id=order.account_id, years=item.years,
                                         expires_at=expires_at)]
    if revived:
        deps.registry.unhold(item.ascii, "renewed")
        events.append(DomainUnheld(domain=item.domain, ascii=item.ascii,
                                   account_id=order.account_id, reason="renewed"))
    commit_and_publish(deps.orders, tx, _events(deps, order.order_id, causation_id, *events),
                       deps.publisher)
    return updated


# --- holds and reviews ----------------------------------------------------------------------

def release_holds(template_id: str, deps: Deps, *, causation_id: str | None = None) -> int:
    """A template became real-name verified: lift the real-name hold of its domains."""
    released = 0
    for domain in deps.orders.domains_with_template(template_id):
        if domain.status != DomainStatus.SERVER_HOLD:
            continue
        record = deps.registry.unhold(domain.ascii, "realname_verified")
        active = dataclasses.replace(domain, status=DomainStatus.ACTIVE,
                                     epp_statuses=record.statuses, version=domain.version + 1)
        tx = deps.orders.transaction()
        deps.orders.put_domain(tx, active, domain.version)
        commit_and_publish(deps.orders, tx, _events(
            deps, domain.order_id, causation_id,
            DomainUnheld(domain=domain.domain, ascii=domain.ascii,
                         account_id=domain.account_id, reason="realname_verified")),
            deps.publisher)
        released += 1
    return released


def approve_naming_review(ascii_name: str, deps: Deps, *, causation_id: str | None = None
                          ) -> bool:
    """Entity qualification approved: the domain leaves pending_naming_review."""
    domain = deps.orders.domain(ascii_name)
    if domain is None or domain.status != DomainStatus.PENDING_NAMING_REVIEW:
        return False
    template = deps.orders.template(domain.template_id)
    verified = template is not None and template.realname_status == "verified"
    status = DomainStatus.ACTIVE if verified else DomainStatus.SERVER_HOLD
    if verified:
        deps.registry.unhold(ascii_name, "naming_review_approved")
    approved = dataclasses.replace(domain, status=status, naming_review_deadline=None,
                                   version=domain.version + 1)
    tx = deps.orders.transaction()
    deps.orders.put_domain(tx, approved, domain.version)
    if domain.naming_review_deadline:
        deps.orders.delete_due(tx, domain.naming_review_deadline, "naming_review", ascii_name)
    event: Event = DomainUnheld(domain=domain.domain, ascii=domain.ascii,
                                account_id=domain.account_id, reason="naming_review_approved")
    commit_and_publish(deps.orders, tx, _events(deps, domain.order_id, causation_id, event)
                       if verified else [], deps.publisher)
    return True


# --- scheduled work -------------------------------------------------------------------------

def process_due_work(deps: Deps, *, limit: int = 100) -> int:
    """Run every deadline that has passed: unpaid orders, naming reviews, lifecycle steps."""
    now = deps.clock.now()
    done = 0
    for at, kind, ident in deps.orders.due(iso(now), limit=limit):
        if kind == "order_payment":
            cancel_unpaid(ident, deps)
        elif kind == "naming_review":
            expire_naming_review(ident, deps)
        elif kind == "lifecycle":
            advance_lifecycle(ident, deps)
        deps.orders.drop_due(at, kind, ident)
        done += 1
    return done


def cancel_unpaid(order_id: str, deps: Deps) -> bool:
    order = deps.orders.order(order_id)
    if order is None or order.status != OrderStatus.PENDING_PAYMENT:
        return False
    cancelled = dataclasses.replace(order, status=OrderStatus.CANCELLED,
                                    version=order.version + 1)
    tx = deps.orders.transaction()
    deps.orders.put_order(tx, cancelled, order.version)
    if order.promo_code:
        deps.orders.release_promo(tx, order.promo_code, order.account_id)
    commit_and_publish(deps.orders, tx, _events(deps, order_id, None, OrderCancelled(
        order_id=order_id, account_id=order.account_id, reason="payment_timeout")),
        deps.publisher)
    return True


def expire_naming_review(ascii_name: str, deps: Deps) -> bool:
    """No approved entity qualification within 5 days: delete at the registry, refund."""
    domain = deps.orders.domain(ascii_name)
    if domain is None or domain.status != DomainStatus.PENDING_NAMING_REVIEW:
        return False
    deps.registry.delete(ascii_name)
    order = deps.orders.order(domain.order_id)
    assert order is not None
    item = order.item(ascii_name)
    deleted = dataclasses.replace(domain, status=DomainStatus.DELETED, version=domain.version + 1)
    tx = deps.orders.transaction()
    deps.orders.put_domain(tx, deleted, domain.version)
    deps.orders.commit(tx)
    _fail_and_refund(order, item, "NamingReviewFailed",
                     "No entity qualification was approved within 5 days", deps, None)
    envelope = _events(deps, order.order_id, None, DomainDeleted(
        domain=domain.domain, ascii=ascii_name, account_id=domain.account_id,
        reason="naming_review_failed"))
    commit_and_publish(deps.orders, deps.orders.transaction(), envelope, deps.publisher)
    return True


def _schedule_lifecycle(tx: Transaction, domain: Domain, deps: Deps, now: datetime) -> None:
    suffix = catalogue.load().get(domain.suffix)
    assert suffix is not None
    upcoming = rules.lifecycle(suffix, parse_iso(domain.expires_at)).next_after(now)
    if upcoming is not None:
        deps.orders.put_due(tx, iso(upcoming), "lifecycle", domain.ascii)


def advance_lifecycle(ascii_name: str, deps: Deps) -> list[str]:
    """Emit the reminders and status changes due now; schedule the next milestone."""
    domain = deps.orders.domain(ascii_name)
    if domain is None or domain.status == DomainStatus.DELETED:
        return []
    suffix = catalogue.load().get(domain.suffix)
    assert suffix is not None
    now = deps.clock.now()
    life = rules.lifecycle(suffix, parse_iso(domain.expires_at))
    events: list[Event] = []
    common = {"domain": domain.domain, "ascii": domain.ascii, "account_id": domain.account_id}
    for when, days_left in life.reminders():
        if when <= now < when + timedelta(hours=23):
            events.append(DomainExpiring(**common, expires_at=domain.expires_at,
                                         days_left=days_left))
    target = life.status_at(now)
    status: DomainStatus = domain.status
    if target is not None and target != domain.status:
        status = target
        if target == DomainStatus.EXPIRED:
            deps.registry.hold(ascii_name, "expired")
            events += [DomainExpired(**common, expires_at=domain.expires_at),
                       DomainHeld(**common, reason="expired")]
        elif target == DomainStatus.DELETED:
            deps.registry.delete(ascii_name)
            events.append(DomainDeleted(**common, reason="expired"))
    changed = dataclasses.replace(domain, status=status, version=domain.version + 1)
    tx = deps.orders.transaction()
    deps.orders.put_domain(tx, changed, domain.version)
    _schedule_lifecycle(tx, changed, deps, now)
    commit_and_publish(deps.orders, tx, _events(deps, domain.order_id, None, *events),
                       deps.publisher)
    return [e.event_type for e in events]

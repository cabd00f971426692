"""After payment: registration and renewal at the registry, refunds, holds, naming review,
unpaid-order cancellation and the expiry lifecycle. Every step is safe to retry."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from chalicelib.orders import products, refunds, rules
from chalicelib.orders.model import (
    FINAL_ITEM_STATUSES,
    PROXY_TEMPLATE_ID,
    Domain,
    DomainStatus,
    EarlyDocument,
    Failure,
    ItemStatus,
    Order,
    OrderItem,
    OrderStatus,
    ReviewRefusal,
    refund_channel,
)
from chalicelib.orders.provider import PaymentProvider
from chalicelib.orders.repository import DynamoOrdersRepository, Transaction
from chalicelib.orders.service import OutboxPublisher, commit_and_publish, find_template
from registrar_shared import catalogue, naming
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
)
from registrar_shared.registry.base import (
    DomainRecord,
    NameQuery,
    Registry,
    RegistryError,
    RegistryExpiryMismatch,
    RegistryNameUnavailable,
    RegistryObjectNotFound,
    RegistryPeriodInvalid,
)
from registrar_shared.resources import DEFINITION, QUEUES

EARLY_DOCUMENT_TTL = timedelta(days=30)  # documents uploaded before the name is registered
CLOSED = (OrderStatus.SUCCEEDED, OrderStatus.PARTIALLY_SUCCEEDED, OrderStatus.FAILED)
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
        if item.status in FINAL_ITEM_STATUSES:
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
    template = find_template(deps.orders, order.template_id)
    verified = template is not None and template.realname_status == "verified"
    early = _early_documents(order, item, deps)
    # Held at the registry until real-name verification and any qualification review pass.
    on_hold = not verified or any(d not in early for d in item.required_documents)
    now = deps.clock.now()
    txn = client_txn_id(order, item)
    existing = deps.registry.info(item.ascii)
    try:
        if existing is not None and existing.client_txn_id == txn:
            record = existing  # this item's own earlier attempt, which the registry took
        else:  # anyone else's registration (another order of ours too) refuses this one
            record = deps.registry.create(
                NameQuery(ascii=item.ascii, variant_key=item.variant_key),
                registrant=order.account_id, template_id=order.template_id,
                years=item.years, now=now, on_hold=on_hold, client_txn_id=txn)
    except RegistryNameUnavailable as refused:
        return _fail_and_refund(order, item, "DomainUnavailable", refused.message("en"), deps,
                                causation_id)
    except RegistryError as failure:
        if item.attempts + 1 < MAX_REGISTRY_ATTEMPTS:
            _count_attempt(order, item, deps)
            raise  # transient: SQS redelivers order.paid and this item is tried again
        return _fail_and_refund(order, item, "RegistryRefused", failure.message("en"), deps,
                                causation_id)
    updated = _record_registration(order, item, record, verified, deps, causation_id, early)
    if item.required_documents:
        _sweep_early_documents(item.ascii, deps, causation_id)
    return updated


def client_txn_id(order: Order, item: OrderItem) -> str:
    """The registry command's client transaction id: one per order item, so "already done"
    means done for this item, never merely "same registrant"."""
    return f"{order.order_id}:{item.ascii}"


def _count_attempt(order: Order, item: OrderItem, deps: Deps) -> None:
    tx = deps.orders.transaction()
    deps.orders.put_order(tx, _with_item(order, dataclasses.replace(
        item, status=ItemStatus.REGISTERING, attempts=item.attempts + 1)), order.version)
    deps.orders.commit(tx)


def _early_documents(order: Order, item: OrderItem, deps: Deps) -> dict[str, EarlyDocument]:
    """Qualification documents verified for this name before it was registered (uploaded
    with the order), by type: only the order's account and template, and the numbers the
    order named."""
    if not item.required_documents:
        return {}
    return {d.document_type: d for d in deps.orders.early_documents(item.ascii)
            if d.account_id == order.account_id and d.template_id == order.template_id
            and d.document_type in item.required_documents
            and products.document_matches(d.document_type, d.document_number, item.product)}


def _record_registration(order: Order, item: OrderItem, record: DomainRecord, verified: bool,
                         deps: Deps, causation_id: str | None,
                         early: dict[str, EarlyDocument]) -> Order:
    now = deps.clock.now()
    review = item.required_documents
    missing = tuple(d for d in review if d not in early)
    if missing:
        status = DomainStatus.PENDING_NAMING_REVIEW
    else:
        status = DomainStatus.ACTIVE if verified else DomainStatus.SERVER_HOLD
    deadline = iso(now + rules.NAMING_REVIEW_WINDOW) if missing else None
    previous = deps.orders.domain(item.ascii)
    domain = Domain(domain=item.domain, ascii=item.ascii, suffix=item.suffix,
                    account_id=order.account_id, template_id=order.template_id,
                    status=status, epp_statuses=record.statuses,
                    registered_at=iso(record.created_at), expires_at=iso(record.expires_at),
                    order_id=order.order_id, product=next(iter(item.product.keys()), None),
                    naming_review_deadline=deadline,
                    restricted=order.template_id == PROXY_TEMPLATE_ID,
                    review_documents=review,
                    review_verified=tuple(d for d in review if d in early),
                    version=(previous.version + 1) if previous else 1)
    updated = _with_item(order, item.with_status(ItemStatus.SUCCEEDED))
    tx = deps.orders.transaction()
    deps.orders.release_live_item(tx, order.account_id, item.ascii)
    for document in early.values():  # counted now; any others are swept after the commit
        deps.orders.delete_early_document(tx, item.ascii, document)
    deps.orders.put_order(tx, updated, order.version)
    deps.orders.put_domain(tx, domain, previous.version if previous else None)
    _schedule_lifecycle(tx, domain, deps, now)
    if deadline:
        deps.orders.put_due(tx, deadline, "naming_review", domain.ascii)
    events: list[Event] = [DomainRegistered(
        domain=domain.domain, ascii=domain.ascii, account_id=domain.account_id,
        order_id=order.order_id, template_id=order.template_id, years=item.years,
        expires_at=domain.expires_at, product=domain.product,
        on_hold=status != DomainStatus.ACTIVE, restricted=domain.restricted)]
    if status == DomainStatus.SERVER_HOLD:
        events.append(DomainHeld(domain=domain.domain, ascii=domain.ascii,
                                 account_id=domain.account_id, reason="realname_pending"))
    commit_and_publish(deps.orders, tx, _events(deps, order.order_id, causation_id, *events),
                       deps.publisher)
    return updated


def _fail_and_refund(order: Order, item: OrderItem, code: str, message: str, deps: Deps,
                     causation_id: str | None) -> Order:
    """Fail an item and give its money back to the channel it came from, atomically (a
    provider refund completes now if the provider answers, else by the scheduler)."""
    now = deps.clock.now()
    amount = item.charged
    updated = _with_item(order, item.with_status(ItemStatus.REFUNDED,
                                                 failure=Failure(code, message),
                                                 refunded=amount))
    if order.status in CLOSED:
        # A review that fails after the order closed changes its outcome too.
        updated = dataclasses.replace(updated, status=rules.order_outcome(
            ["succeeded" if i.status == ItemStatus.SUCCEEDED else "failed"
             for i in updated.items]))
    tx = deps.orders.transaction()
    if item.action == "register" and item.status != ItemStatus.SUCCEEDED:
        deps.orders.release_live_item(tx, order.account_id, item.ascii)
    events: list[Event] = [DomainRegistrationFailed(
        domain=item.domain, ascii=item.ascii, account_id=order.account_id,
        order_id=order.order_id, code=code, message=message)]
    if amount:
        refund = refunds.new_refund(payment_id=order.payment_id or "",
                                    channel=refund_channel(order.payment_method),
                                    amount=amount, currency=order.currency, reason=code,
                                    domain=item.domain, now=now)
        updated = refunds.with_refund(updated, refund)
        events += refunds.stage(tx, deps.orders, updated, refund)
    deps.orders.put_order(tx, updated, order.version)
    commit_and_publish(deps.orders, tx, _events(deps, order.order_id, causation_id, *events),
                       deps.publisher)
    return refunds.try_now(updated, orders=deps.orders, provider=deps.provider,
                           publisher=deps.publisher, clock=deps.clock)


def _renew(order: Order, item: OrderItem, deps: Deps, causation_id: str | None) -> Order:
    """Extend the expiry by the item's years exactly once. A renewal that another one got
    ahead of is applied after it (from the registry's current expiry, within the 10-year
    term); every refusal ends the item with a full refund."""
    domain = deps.orders.domain(item.ascii)
    record = deps.registry.info(item.ascii)
    if domain is None or record is None or domain.status == DomainStatus.DELETED \
            or domain.account_id != order.account_id:
        return _fail_and_refund(order, item, "DomainNotFound", f"{item.domain} is gone", deps,
                                causation_id)
    now = deps.clock.now()
    txn = client_txn_id(order, item)
    if txn not in record.renew_txns:
        try:
            record = deps.registry.renew(item.ascii, years=item.years,
                                         current_expiry=record.expires_at, now=now,
                                         client_txn_id=txn)
        except RegistryObjectNotFound as missing:
            return _fail_and_refund(order, item, "DomainNotFound", missing.message("en"), deps,
                                    causation_id)
        except RegistryPeriodInvalid as too_long:
            return _fail_and_refund(order, item, "InvalidPeriod", too_long.message("en"),
                                    deps, causation_id)
        except (RegistryError, RegistryExpiryMismatch) as failure:
            # transient, or a renewal racing this one between our read and our command:
            # retried (as a retryable error, so SQS redelivers), refunded on the last try
            if item.attempts + 1 < MAX_REGISTRY_ATTEMPTS:
                _count_attempt(order, item, deps)
                raise RegistryError(reason=failure.message("en")) from failure
            return _fail_and_refund(order, item, "RegistryRefused", failure.message("en"),
                                    deps, causation_id)
    expires_at = iso(record.expires_at)  # the registry's truth, all applied renewals in
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


def record_qualification(domain_name: str, document_type: str, *, account_id: str,
                         template_id: str, document_number: str | None, deps: Deps,
                         causation_id: str | None = None) -> bool:
    """A qualification document for ``domain_name`` was verified by the real-name service.
    It counts if it was uploaded by the domain's owner under the domain's template, is one
    the review needs, and (trademark, government) names the number the order gave. When
    every needed document is verified, the domain leaves pending_naming_review. A document
    for a name not registered (yet) is kept for its registration. Returns whether anything
    changed."""
    ascii_name = naming.check_name(domain_name).ascii
    if not ascii_name:
        return False
    document = EarlyDocument(document_type=document_type, account_id=account_id,
                             template_id=template_id, document_number=document_number,
                             verified_at=iso(deps.clock.now()))
    current = deps.orders.domain(ascii_name)
    if current is None or current.status == DomainStatus.DELETED:
        deps.orders.put_early_document(ascii_name, document, expires=int(
            (deps.clock.now() + EARLY_DOCUMENT_TTL).timestamp()))
        # A registration committing meanwhile sweeps the kept documents after its commit;
        # one that committed before this write is seen by reading again.
        current = deps.orders.domain(ascii_name)
        if current is None or current.status == DomainStatus.DELETED:
            return True
        _forget_early_document(ascii_name, document, deps)
    return _count_document(current, document, deps, causation_id)


def _count_document(current: Domain, document: EarlyDocument, deps: Deps,
                    causation_id: str | None) -> bool:
    domain = _under_review(current, document.document_type, document.account_id,
                           document.template_id)
    if domain is None:
        return False
    order = deps.orders.order(domain.order_id)
    product = order.item(domain.ascii).product if order is not None else {}
    if not products.document_matches(document.document_type, document.document_number,
                                     product):
        return _refuse(domain, document.document_type, "DocumentNumberMismatch",
                       f"The verified {products.DOCUMENT_NAMES[document.document_type]} is "
                       "not the one named in the order", deps)
    verified = tuple(d for d in domain.review_documents
                     if d in domain.review_verified or d == document.document_type)
    recorded = dataclasses.replace(domain, review_verified=verified, review_refusal=None,
                                   version=domain.version + 1)
    if recorded.review_missing:
        tx = deps.orders.transaction()
        deps.orders.put_domain(tx, recorded, domain.version)
        deps.orders.commit(tx)
        return True
    return _approve(domain, recorded, deps, causation_id)


def _forget_early_document(ascii_name: str, document: EarlyDocument, deps: Deps) -> None:
    tx = deps.orders.transaction()
    deps.orders.delete_early_document(tx, ascii_name, document)
    deps.orders.commit(tx)


def _sweep_early_documents(ascii_name: str, deps: Deps, causation_id: str | None) -> None:
    """Documents kept while this registration was being written count now."""
    for document in deps.orders.early_documents(ascii_name):
        _forget_early_document(ascii_name, document, deps)
        current = deps.orders.domain(ascii_name)
        if current is not None:
            _count_document(current, document, deps, causation_id)


def refuse_qualification(domain_name: str, document_type: str, *, account_id: str,
                         template_id: str, code: str, message: str, deps: Deps) -> bool:
    """A qualification document was refused: remember why (the review keeps waiting for a
    better one until its deadline)."""
    ascii_name = naming.check_name(domain_name).ascii
    current = deps.orders.domain(ascii_name) if ascii_name else None
    domain = _under_review(current, document_type, account_id, template_id) \
        if current is not None else None
    if domain is None or document_type in domain.review_verified:
        return False
    return _refuse(domain, document_type, code, message, deps)


def _under_review(domain: Domain, document_type: str, account_id: str, template_id: str
                  ) -> Domain | None:
    """The domain if this document may count for its review."""
    if (domain.status != DomainStatus.PENDING_NAMING_REVIEW
            or domain.account_id != account_id or domain.template_id != template_id
            or document_type not in (domain.review_documents or
                                     (products.ENTITY_QUALIFICATION,))):
        return None
    if not domain.review_documents:  # reviewed before review_documents were recorded
        return dataclasses.replace(domain, review_documents=(products.ENTITY_QUALIFICATION,))
    return domain


def _refuse(domain: Domain, document_type: str, code: str, message: str, deps: Deps) -> bool:
    refused = dataclasses.replace(domain, review_refusal=ReviewRefusal(
        document_type=document_type, code=code, message=message), version=domain.version + 1)
    tx = deps.orders.transaction()
    deps.orders.put_domain(tx, refused, domain.version)
    deps.orders.commit(tx)
    return True


def _approve(domain: Domain, approved: Domain, deps: Deps, causation_id: str | None) -> bool:
    template = find_template(deps.orders, domain.template_id)
    verified = template is not None and template.realname_status == "verified"
    status = DomainStatus.ACTIVE if verified else DomainStatus.SERVER_HOLD
    epp = domain.epp_statuses
    if verified:
        epp = deps.registry.unhold(domain.ascii, "naming_review_approved").statuses
    released = dataclasses.replace(approved, status=status, naming_review_deadline=None,
                                   epp_statuses=epp, review_refusal=None)
    tx = deps.orders.transaction()
    deps.orders.put_domain(tx, released, domain.version)
    if domain.naming_review_deadline:
        deps.orders.delete_due(tx, domain.naming_review_deadline, "naming_review", domain.ascii)
    event: Event = DomainUnheld(domain=domain.domain, ascii=domain.ascii,
                                account_id=domain.account_id, reason="naming_review_approved")
    commit_and_publish(deps.orders, tx, _events(deps, domain.order_id, causation_id, event)
                       if verified else [], deps.publisher)
    return True


# --- scheduled work (run by scheduler.py) -------------------------------------------------

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
    # After the commit (an order may hold 100 names: more than one transaction takes); a
    # crash before this leaves claims of a cancelled order, which checkout takes over.
    deps.orders.release_live_items(order.account_id, [i.ascii for i in order.items
                                                      if i.action == "register"], order_id)
    return True


def expire_naming_review(ascii_name: str, deps: Deps) -> bool:
    """The review window closed without every document approved: delete the name at the
    registry and refund it; the refund code says which review failed."""
    domain = deps.orders.domain(ascii_name)
    if domain is None or domain.status != DomainStatus.PENDING_NAMING_REVIEW:
        return False
    try:
        deps.registry.delete(ascii_name)
    except RegistryObjectNotFound:
        pass  # deleted by an earlier attempt of this step
    order = deps.orders.order(domain.order_id)
    assert order is not None
    item = order.item(ascii_name)
    missing = domain.review_missing or item.required_documents
    code = products.review_failure_code(missing)
    message = rules.review_failure_message(
        [products.DOCUMENT_NAMES.get(d, d) for d in missing],
        refusal=(domain.review_refusal.code if domain.review_refusal else None))
    if item.status != ItemStatus.REFUNDED:  # a retry after a crash refunds only once
        _fail_and_refund(order, item, code, message, deps, None)
    deleted = dataclasses.replace(domain, status=DomainStatus.DELETED, version=domain.version + 1)
    tx = deps.orders.transaction()
    deps.orders.put_domain(tx, deleted, domain.version)
    commit_and_publish(deps.orders, tx, _events(deps, order.order_id, None, DomainDeleted(
        domain=domain.domain, ascii=ascii_name, account_id=domain.account_id,
        reason="naming_review_failed")), deps.publisher)
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

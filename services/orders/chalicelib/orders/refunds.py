"""Refunds: money goes back to the channel it came from, exactly once, and a provider refund is
retried until the provider accepts it.

A refund lives on its order (``Order.refunds``) and is written in the same transaction as the
state change that causes it. Balance refunds credit the balance in that transaction and are
``completed`` at once. Provider refunds are ``pending`` with a due item of kind ``refund``
in that transaction; ``complete_refund`` asks the provider (idempotent on ``refund_id``) and
marks the refund ``completed``; the scheduler repeats it with back-off until it succeeds.
``payment.refunded`` is published when the money has actually moved.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from chalicelib.orders.model import Order, Refund, RefundChannel
from chalicelib.orders.provider import PaymentProvider
from chalicelib.orders.repository import DynamoOrdersRepository, Transaction, TransactionFailed
from chalicelib.orders.service import OutboxPublisher, commit_and_publish
from registrar_shared.clock import Clock, iso
from registrar_shared.errors import DependencyUnavailable
from registrar_shared.events import PaymentRefunded

KIND = "refund"  # the due-work kind that completes a pending refund


def new_refund(*, payment_id: str, channel: RefundChannel, amount: int, currency: str,
               reason: str, domain: str | None, now: datetime) -> Refund:
    balance = channel == "balance"
    return Refund(refund_id=f"ref-{uuid.uuid4().hex[:20]}", payment_id=payment_id,
                  amount=amount, currency=currency, channel=channel,
                  status="completed" if balance else "pending", reason=reason,
                  created_at=iso(now), domain=domain, completed_at=iso(now) if balance else None)


def stage(tx: Transaction, orders: DynamoOrdersRepository, order: Order, refund: Refund
          ) -> list[PaymentRefunded]:
    """Add a new refund's money movement to ``tx`` (``order`` already lists the refund).
    Returns the events to publish with this transaction."""
    if refund.channel == "balance":
        orders.credit(tx, order.account_id, refund.amount, refund.created_at)
        return [refunded_event(order, refund)]
    orders.put_due(tx, refund.created_at, KIND, due_ident(order.order_id, refund.refund_id))
    return []


def with_refund(order: Order, refund: Refund) -> Order:
    """``order`` listing one more (or an updated) refund; the caller bumps the version."""
    others = tuple(r for r in order.refunds if r.refund_id != refund.refund_id)
    return dataclasses.replace(order, refunds=others + (refund,))


def refunded_event(order: Order, refund: Refund) -> PaymentRefunded:
    return PaymentRefunded(order_id=order.order_id, account_id=order.account_id,
                           payment_id=refund.payment_id, amount=refund.amount,
                           currency=refund.currency, reason=refund.reason,
                           domain=refund.domain)


def due_ident(order_id: str, refund_id: str) -> str:
    return f"{order_id}/{refund_id}"


def complete_refund(ident: str, *, orders: DynamoOrdersRepository, provider: PaymentProvider,
                    publisher: OutboxPublisher, clock: Clock) -> Order | None:
    """Ask the provider to pay a pending refund back and record that it did. Returns the
    updated order, or None when there was nothing (left) to do.

    Raises: DependencyUnavailable (the provider did not accept it: retried later),
            TransactionFailed (the order changed meanwhile: retried later; the provider
            dedupes the repeated request on refund_id).
    """
    order_id, refund_id = ident.split("/", 1)
    order = orders.order(order_id)
    refund = next((r for r in order.refunds if r.refund_id == refund_id), None) \
        if order is not None else None
    if order is None or refund is None or refund.status == "completed":
        return None
    provider.refund(payment_id=refund.payment_id, refund_id=refund.refund_id,
                    amount=refund.amount, currency=refund.currency)
    done = dataclasses.replace(refund, status="completed", completed_at=iso(clock.now()))
    updated = dataclasses.replace(with_refund(order, done), version=order.version + 1)
    tx = orders.transaction()
    orders.put_order(tx, updated, order.version)
    orders.delete_due(tx, refund.created_at, KIND, ident)
    commit_and_publish(orders, tx, [publisher.envelope(refunded_event(updated, done),
                                                       correlation_id=order_id)], publisher)
    return updated


def try_now(order: Order, *, orders: DynamoOrdersRepository, provider: PaymentProvider,
            publisher: OutboxPublisher, clock: Clock) -> Order:
    """The fast path right after a commit: complete the order's pending refunds now if the
    provider answers; whatever fails stays due for the scheduler. Returns the latest order."""
    for refund in order.refunds:
        if refund.status != "pending":
            continue
        try:
            updated = complete_refund(due_ident(order.order_id, refund.refund_id),
                                      orders=orders, provider=provider, publisher=publisher,
                                      clock=clock)
        except (DependencyUnavailable, TransactionFailed):
            continue
        order = updated or order
    return order

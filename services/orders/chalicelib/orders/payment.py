"""Payment use cases: pay by balance, open a provider session, confirm a signed callback."""

from __future__ import annotations

import dataclasses
import uuid

from chalicelib.orders import errors, refunds, signing
from chalicelib.orders.api import CallbackBody
from chalicelib.orders.model import Order, OrderStatus, Payment
from chalicelib.orders.provider import PaymentProvider
from chalicelib.orders.repository import (
    ConcurrentUpdate,
    DynamoOrdersRepository,
    Transaction,
    TransactionFailed,
)
from chalicelib.orders.service import (
    IDEMPOTENCY_TTL_SECONDS,
    OutboxPublisher,
    commit_and_publish,
    get_order,
    replayed_id,
)
from registrar_shared.auth import Principal
from registrar_shared.clock import Clock, iso, parse_iso
from registrar_shared.envelope import Envelope
from registrar_shared.events import OrderPaid


def pay_order(principal: Principal, order_id: str, method: str, *,
              idempotency_key: str | None, body_fingerprint: str,
              orders: DynamoOrdersRepository, publisher: OutboxPublisher, clock: Clock,
              provider: PaymentProvider, callback_url: str) -> tuple[Payment, str | None, bool]:
    """Pay an order. Balance: debited atomically with the order becoming ``paid``.
    Alipay/bank: a pending payment with the provider's ``pay_url``.
    Returns (payment, pay_url, created).

    Raises: RamUserForbidden, OrderNotFound, InvalidOrderState, InsufficientBalance,
            IdempotencyKeyReused, DependencyUnavailable (provider).
    """
    principal.require_main()
    if idempotency_key:
        replay = _replayed_payment(principal, idempotency_key, body_fingerprint, orders)
        if replay is not None:
            return replay, None, False
    order = get_order(principal, order_id, orders=orders)
    now = clock.now()
    if order.status != OrderStatus.PENDING_PAYMENT or now >= parse_iso(order.expires_at):
        raise errors.InvalidOrderState(order_id=order_id, status=str(order.status))
    payment = Payment(payment_id=f"pay-{uuid.uuid4().hex[:20]}", order_id=order.order_id,
                      account_id=order.account_id, method=method, amount=order.total,
                      currency=order.currency, status="pending", created_at=iso(now))
    tx = orders.transaction()
    if idempotency_key:
        orders.put_idempotency(tx, principal.owner_id, "payment", idempotency_key,
                               body_fingerprint, payment.payment_id, iso(now),
                               int(now.timestamp()) + IDEMPOTENCY_TTL_SECONDS)
    if method != "balance":
        pay_url = provider.create_session(payment, callback_url=callback_url)
        orders.put_payment(tx, payment)
        orders.commit(tx)
        return payment, pay_url, True
    payment = dataclasses.replace(payment, status="succeeded")
    orders.debit(tx, order.account_id, order.total, iso(now))
    orders.put_payment(tx, payment)
    envelopes = _mark_paid(tx, order, payment, orders=orders, publisher=publisher)
    try:
        commit_and_publish(orders, tx, envelopes, publisher)
    except TransactionFailed as failed:
        if "balance" in failed.labels:
            raise errors.InsufficientBalance(total=order.total, currency=order.currency) \
                from failed
        current = orders.order(order.order_id)
        raise errors.InvalidOrderState(order_id=order_id,
                                       status=str(current.status if current else "unknown")) \
            from failed
    return payment, None, True


def _mark_paid(tx: Transaction, order: Order, payment: Payment, *,
               orders: DynamoOrdersRepository, publisher: OutboxPublisher) -> list[Envelope]:
    paid = dataclasses.replace(order, status=OrderStatus.PAID, payment_id=payment.payment_id,
                               payment_method=payment.method, version=order.version + 1)
    orders.put_order(tx, paid, order.version)
    orders.delete_due(tx, order.expires_at, "order_payment", order.order_id)
    event = OrderPaid(order_id=order.order_id, account_id=order.account_id,
                      payment_id=payment.payment_id, method=payment.method,
                      amount=payment.amount, currency=payment.currency)
    return [publisher.envelope(event, correlation_id=order.order_id)]


def _replayed_payment(principal: Principal, key: str, fingerprint: str,
                      orders: DynamoOrdersRepository) -> Payment | None:
    payment_id = replayed_id(principal, "payment", key, fingerprint, orders)
    return orders.payment(payment_id) if payment_id else None


SETTLE_ATTEMPTS = 3  # callbacks racing each other or an order write: look again


def confirm_payment(raw_body: bytes, signature: str | None, *, secret: str,
                    orders: DynamoOrdersRepository, publisher: OutboxPublisher, clock: Clock,
                    provider: PaymentProvider) -> str:
    """Handle the provider's signed callback once per provider transaction. Returns what
    happened: ``paid``, ``failed``, ``refunded`` (money that cannot be applied goes back) or
    ``duplicate``. A well-signed callback never fails for the state it finds.

    Raises: InvalidSignature (nothing changes), ValidationError, PaymentNotFound,
            PaymentAmountMismatch (once per provider transaction: the transaction is
            flagged on the payment and order for an operator and the money it brought is
            refunded; the payment stays open for the genuine capture),
            ConcurrentUpdate (the order kept changing: the provider retries).
    """
    if not signing.verify(raw_body, signature, secret):
        raise errors.InvalidSignature()
    body = CallbackBody.model_validate_json(raw_body)
    for _ in range(SETTLE_ATTEMPTS):
        if orders.provider_txn_seen(body.provider_txn_id):
            return "duplicate"
        payment = orders.payment(body.payment_id)
        if payment is None:
            raise errors.PaymentNotFound(payment_id=body.payment_id)
        try:
            outcome = _settle(body, payment, orders=orders, publisher=publisher, clock=clock)
        except TransactionFailed:
            continue  # another callback or an order change got in first: look again
        if outcome in ("refunded", "mismatch"):
            order = orders.order(payment.order_id)
            if order is not None:
                refunds.try_now(order, orders=orders, provider=provider, publisher=publisher,
                                clock=clock)
        if outcome == "mismatch":
            raise errors.PaymentAmountMismatch(amount=body.amount, currency=body.currency,
                                               details={"expected": payment.amount,
                                                        "currency": payment.currency})
        return outcome
    raise ConcurrentUpdate()



def _settle(body: CallbackBody, payment: Payment, *, orders: DynamoOrdersRepository,
            publisher: OutboxPublisher, clock: Clock) -> str:
    """One transaction: claim the provider transaction and apply what it means.

    Raises: TransactionFailed (a concurrent callback or order write: the caller retries).
    """
    now = clock.now()
    tx = orders.transaction()
    orders.claim_provider_txn(tx, body.provider_txn_id, payment.payment_id, iso(now))
    pending = payment.status == "pending"
    if body.status == "failed":
        if pending:  # a failure after a success changes nothing
            orders.put_payment(tx, dataclasses.replace(
                payment, status="failed", provider_txn_id=body.provider_txn_id),
                expected_status="pending")
        orders.commit(tx)
        return "failed"
    order = orders.order(payment.order_id)
    assert order is not None, payment.order_id
    mismatch = body.amount != payment.amount or body.currency != payment.currency
    if pending and not mismatch and order.status == OrderStatus.PENDING_PAYMENT:
        settled = dataclasses.replace(payment, status="succeeded",
                                      provider_txn_id=body.provider_txn_id)
        orders.put_payment(tx, settled, expected_status="pending")
        commit_and_publish(orders, tx, _mark_paid(tx, order, settled, orders=orders,
                                                  publisher=publisher), publisher)
        return "paid"
    # Money arrived that cannot pay this order: a wrong amount (parked for an operator), a
    # second capture or a success after a failure, or an order that was cancelled or paid
    # otherwise. It goes back through the provider, in full, once per provider transaction.
    reason = "amount_mismatch" if mismatch else (
        f"payment {payment.status}" if not pending else f"order {order.status}")
    if pending:
        # A wrong amount leaves the payment open for the genuine capture (flagged for an
        # operator); a success for an order that cannot take it settles the payment.
        orders.put_payment(tx, dataclasses.replace(
            payment, status="pending" if mismatch else "succeeded",
            provider_txn_id=None if mismatch else body.provider_txn_id,
            flags=payment.flags + (("amount_mismatch",) if mismatch else ())),
            expected_status="pending")
    refund = refunds.new_refund(payment_id=payment.payment_id, channel="provider",
                                amount=body.amount, currency=body.currency, reason=reason,
                                domain=None, now=now)
    updated = refunds.with_refund(order, refund)
    updated = dataclasses.replace(updated, version=order.version + 1, flags=order.flags + (
        ("payment_amount_mismatch",) if mismatch else ()))
    orders.put_order(tx, updated, order.version)
    refunds.stage(tx, orders, updated, refund)
    orders.commit(tx)
    return "mismatch" if mismatch else "refunded"

"""Orders use cases: account, cart and checkout."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from chalicelib.orders import errors, products, rules
from chalicelib.orders.api import (
    AccountView,
    CartItemRequest,
    CartView,
    OrderItemRequest,
    PlaceOrderRequest,
    cart_item_view,
)
from chalicelib.orders.model import (
    FINAL_ITEM_STATUSES,
    PROXY_TEMPLATE,
    PROXY_TEMPLATE_ID,
    CartItem,
    Domain,
    Order,
    OrderItem,
    OrderStatus,
    Template,
)
from chalicelib.orders.repository import DynamoOrdersRepository, Transaction, TransactionFailed
from registrar_shared import naming
from registrar_shared.auth import Principal
from registrar_shared.catalogue import Suffix
from registrar_shared.clock import Clock, iso, parse_iso
from registrar_shared.envelope import Envelope, Event
from registrar_shared.errors import IdempotencyKeyReused
from registrar_shared.events import OrderCreated
from registrar_shared.registry.base import NameQuery, Registry

CART_LIMIT = 100
IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600


class OutboxPublisher(Protocol):
    def envelope(self, event: Event, *, correlation_id: str | None = None,
                 causation_id: str | None = None) -> Envelope: ...

    def send(self, envelope: Envelope) -> None: ...


def commit_and_publish(orders: DynamoOrdersRepository, tx: Transaction,
                       envelopes: Sequence[Envelope], publisher: OutboxPublisher) -> None:
    """Commit the state change with its outbox rows, then relay them (a crash in between
    leaves the rows for the scheduled relay: nothing is lost)."""
    orders.put_outbox(tx, envelopes)
    orders.commit(tx)
    for envelope in envelopes:
        publisher.send(envelope)
    orders.delete_outbox([e.event_id for e in envelopes])


def relay_outbox(*, orders: DynamoOrdersRepository, publisher: OutboxPublisher) -> int:
    """Publish what a crashed request left in the outbox. Returns how many were sent."""
    pending = orders.outbox()
    for envelope in pending:
        publisher.send(envelope)
        orders.delete_outbox([envelope.event_id])
    return len(pending)


# --- account and cart ---------------------------------------------------------------------

def describe_account(principal: Principal, *, orders: DynamoOrdersRepository) -> AccountView:
    """The caller's account; a RAM user sees its main account's balance."""
    return AccountView(account_id=principal.account_id, site=principal.site,
                       kind=principal.kind, parent_id=principal.parent_id,
                       balance=orders.balance(principal.owner_id), currency=principal.currency)


def add_to_cart(principal: Principal, request: CartItemRequest, *,
                orders: DynamoOrdersRepository, clock: Clock) -> CartView:
    """Add (or update) a cart item after checking the name and the period.

    Raises: RamUserForbidden, InvalidDomainName, UnsupportedSuffix, SuffixNotRegistrable,
            InvalidPeriod, CartFull.
    """
    principal.require_main()
    check, suffix = verify_name(request.domain, request.action)
    assert check.ascii is not None and check.domain is not None
    rules.verify_period(suffix, request.years, request.action, now=clock.now())
    current = orders.cart(principal.owner_id)
    if len(current) >= CART_LIMIT and all(i.ascii != check.ascii for i in current):
        raise errors.CartFull(limit=CART_LIMIT)
    orders.put_cart_item(principal.owner_id, CartItem(
        domain=check.domain, ascii=check.ascii, years=request.years, action=request.action,
        added_at=iso(clock.now())))
    return view_cart(principal, orders=orders)


def view_cart(principal: Principal, *, orders: DynamoOrdersRepository) -> CartView:
    items = []
    for item in sorted(orders.cart(principal.owner_id), key=lambda i: i.added_at):
        check = naming.check_name(item.ascii)
        amount = rules.item_price(check.suffix, principal.site, item.years, item.action) \
            if check.suffix else 0
        items.append(cart_item_view(item, principal.currency, amount))
    return CartView(items=items, total=sum(i.price.amount for i in items),
                    currency=principal.currency)


def remove_from_cart(principal: Principal, domain: str, *,
                     orders: DynamoOrdersRepository) -> CartView:
    """Raises: RamUserForbidden, DomainNotFound (not in the cart)."""
    principal.require_main()
    check = naming.check_name(domain)
    if not check.ascii or not orders.delete_cart_item(principal.owner_id, check.ascii):
        raise errors.DomainNotFound(domain=domain)
    return view_cart(principal, orders=orders)


# --- checkout -------------------------------------------------------------------------------

def verify_name(raw: str, action: str, holder_type: str | None = None
                ) -> tuple[naming.NameCheck, Suffix]:
    """Run the name rules; a renewal may target a suffix that is renewal-only (.hk).

    Raises: InvalidDomainName, UnsupportedSuffix, SuffixNotRegistrable.
    """
    check = naming.check_name(raw, holder_type=holder_type)
    reasons = [r for r in check.reasons
               if not (action == "renew" and r.code == "SuffixNotRegistrable")]
    details = {"domain": raw, "reasons": [r.as_dict("en") for r in check.reasons]}
    if check.suffix is None or (reasons and reasons[0].code == "UnsupportedSuffix"):
        raise errors.UnsupportedSuffix(details=details, domain=raw)
    if reasons and all(r.code == "SuffixNotRegistrable" for r in reasons):
        raise errors.SuffixNotRegistrable(details=details, domain=raw,
                                          reason=check.suffix.not_registrable_reason or "")
    if reasons:
        raise errors.InvalidDomainName(details=details, domain=raw,
                                       reason=reasons[0].message_en)
    if action == "renew" and not check.suffix.renewable:
        raise errors.SuffixNotRenewable(suffix=check.suffix.suffix)
    return check, check.suffix


def find_template(orders: DynamoOrdersRepository, template_id: str) -> Template | None:
    """A template by id: the provider's proxy template (a platform constant) or the
    projection of a real-name template."""
    if template_id == PROXY_TEMPLATE_ID:
        return PROXY_TEMPLATE
    return orders.template(template_id)


def verify_template(principal: Principal, template: Template | None, template_id: str,
                    holder_type: str | None) -> Template:
    """The account's own template, or the proxy template (usable by every account).

    Raises: TemplateNotFound, TemplateEmailNotVerified, HolderTypeMismatch.
    """
    proxy = template is PROXY_TEMPLATE
    if template is None or (template.account_id != principal.owner_id and not proxy):
        raise errors.TemplateNotFound(template_id=template_id)
    if not template.email_verified:
        raise errors.TemplateEmailNotVerified(template_id=template_id)
    if holder_type is not None and holder_type != template.holder_type:
        raise errors.HolderTypeMismatch(template_id=template_id, wanted=holder_type,
                                        actual=template.holder_type)
    return template


def verify_eligibility(check: naming.NameCheck, suffix: Suffix, template: Template,
                       site: str) -> bool:
    """CNNIC eligibility and reserved words. Returns whether naming review is needed.

    Raises: CnnicSiteRestricted, ReservedWordEntityOnly.
    """
    if suffix.cnnic and not rules.cnnic_eligible(site, template.region, template.holder_type):
        raise errors.CnnicSiteRestricted(domain=check.domain, holder_type=template.holder_type,
                                         region=template.region)
    reserved = any(n.code == "ReservedWordReview" for n in check.notices)
    if reserved and template.holder_type == "individual":
        raise errors.ReservedWordEntityOnly(domain=check.domain)
    return reserved


def price_item(principal: Principal, request: OrderItemRequest, template: Template, *,
               orders: DynamoOrdersRepository, now: datetime) -> OrderItem:
    """One checked, priced item. Raises the errors of the guards it calls, DomainNotFound,
    DomainRestricted."""
    check, suffix = verify_name(request.domain, request.action, template.holder_type)
    assert check.ascii is not None and check.domain is not None
    current_expiry: str | None = None
    redemption = False
    if request.action == "renew":
        products.verify_product_fields(request, check, suffix)
        owned = _renewable(principal, check, template, orders)
        current_expiry = owned.expires_at
        redemption = str(owned.status) == "redemption"
        rules.verify_period(suffix, request.years, "renew", now=now,
                            current_expiry=parse_iso(current_expiry))
        special = products.ProductCheck(product={}, review_documents=())
    else:
        rules.verify_period(suffix, request.years, "register", now=now)
        reserved = verify_eligibility(check, suffix, template, principal.site)
        special = products.check_registration(request, check, suffix, template,
                                              reserved=reserved,
                                              today=products.china_today(now))
    return OrderItem(domain=check.domain, ascii=check.ascii, suffix=suffix.suffix,
                     years=request.years, action=request.action,
                     amount=rules.item_price(suffix, principal.site, request.years,
                                             request.action, redemption=redemption),
                     variant_key=check.variant_key or check.ascii,
                     current_expiry=current_expiry,
                     naming_review=bool(special.review_documents), product=special.product,
                     review_documents=special.review_documents)


def _renewable(principal: Principal, check: naming.NameCheck, template: Template,
               orders: DynamoOrdersRepository) -> Domain:
    """The caller's domain to renew. A restricted (proxy-held) domain renews only with the
    proxy template: the holder does not change until a holder transfer.

    Raises: DomainNotFound, DomainRestricted.
    """
    assert check.ascii is not None
    owned: Domain | None = orders.domain(check.ascii)
    if owned is None or owned.account_id != principal.owner_id \
            or str(owned.status) == "deleted":
        raise errors.DomainNotFound(domain=check.domain)
    if owned.restricted and template.template_id != owned.template_id:
        raise errors.DomainRestricted(details={"domain": check.domain,
                                               "template_id": owned.template_id},
                                      domain=check.domain)
    return owned


def verify_available(items: Sequence[OrderItem], registry: Registry) -> None:
    """One batched registry look-up for every name to register.

    Raises: DomainUnavailable.
    """
    queries = [NameQuery(ascii=i.ascii, variant_key=i.variant_key) for i in items
               if i.action == "register"]
    if not queries:
        return
    found = registry.check(queries)
    for item in items:
        status = found.get(item.ascii, "available") if item.action == "register" else None
        if status not in (None, "available"):
            raise errors.DomainUnavailable(details={"domain": item.domain, "status": status},
                                           domain=item.domain, status=status)


def place_order(principal: Principal, request: PlaceOrderRequest, *,
                idempotency_key: str | None, body_fingerprint: str,
                orders: DynamoOrdersRepository, registry: Registry,
                publisher: OutboxPublisher, clock: Clock) -> tuple[Order, bool]:
    """Check everything again and create a pending order. Returns (order, created).

    Raises: RamUserForbidden, TermsNotAccepted, CartEmpty, DuplicateItem, InvalidDomainName,
            UnsupportedSuffix, SuffixNotRegistrable, SuffixNotRenewable, TemplateNotFound,
            TemplateEmailNotVerified, HolderTypeMismatch, CnnicSiteRestricted,
            ReservedWordEntityOnly, InvalidPeriod, DomainNotFound, DomainRestricted,
            DomainUnavailable, DuplicateOrderItem (a live register item of the same account
            for a name), PromoCodeInvalid, IdempotencyKeyReused, and the special-suffix
            refusals of ``products.check_registration``.
    """
    principal.require_main()
    if idempotency_key:
        replay = _replayed_order(principal, idempotency_key, body_fingerprint, orders)
        if replay is not None:
            return replay, False
    if request.terms_accepted is not True:
        raise errors.TermsNotAccepted()
    now = clock.now()
    items = _checked_items(principal, request, orders=orders, now=now)
    verify_available(items, registry)
    order = _new_order(principal, request, items, orders=orders, now=now)
    claim_names(principal, order, orders=orders)
    try:
        _commit_order(principal, order, idempotency_key, body_fingerprint, orders=orders,
                      publisher=publisher, now=now)
    except TransactionFailed as failed:
        orders.release_live_items(principal.owner_id, [i.ascii for i in order.items],
                                  order.order_id)
        if "idempotency" in failed.labels and idempotency_key:
            replay = _replayed_order(principal, idempotency_key, body_fingerprint, orders)
            if replay is not None:
                return replay, False
        if "promo" in failed.labels and order.promo_code:
            raise errors.PromoCodeInvalid(code=order.promo_code, reason="already used") \
                from failed
        raise
    if request.items is None:
        # Checked-out cart items leave the cart (a failed checkout leaves the cart as it was).
        for item in order.items:
            orders.delete_cart_item(principal.owner_id, item.ascii)
    return order, True


LIVE_ORDER_STATES = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.PROCESSING)


def claim_names(principal: Principal, order: Order, *, orders: DynamoOrdersRepository
                ) -> None:
    """One live registration per account and name: claim every name the order registers
    before the order is written (an order's claims are released when its item ends or the
    order is cancelled).

    Raises: DuplicateOrderItem (with the other order's id; this order's claims undone).
    """
    claimed: list[str] = []
    for item in order.items:
        if item.action != "register":
            continue
        holder = orders.claim_live_item(principal.owner_id, item.ascii, order.order_id)
        if holder:
            other = orders.order(holder)
            if other is None or other.status not in LIVE_ORDER_STATES \
                    or other.item(item.ascii).status in FINAL_ITEM_STATUSES:
                holder = orders.claim_live_item(principal.owner_id, item.ascii,
                                                order.order_id, stale_order_id=holder)
        if holder is not None:
            orders.release_live_items(principal.owner_id, claimed, order.order_id)
            raise errors.DuplicateOrderItem(
                details={"order_id": holder, "domain": item.domain},
                domain=item.domain, order_id=holder)
        claimed.append(item.ascii)


def _checked_items(principal: Principal, request: PlaceOrderRequest, *,
                   orders: DynamoOrdersRepository, now: datetime) -> list[OrderItem]:
    requested = request.items if request.items is not None else [
        OrderItemRequest(domain=c.domain, years=c.years, action=c.action)
        for c in orders.cart(principal.owner_id)]
    if not requested:
        raise errors.CartEmpty()
    template = verify_template(principal, find_template(orders, request.template_id),
                               request.template_id, request.holder_type)
    items = [price_item(principal, r, template, orders=orders, now=now) for r in requested]
    seen: set[str] = set()
    for item in items:
        if item.ascii in seen:
            raise errors.DuplicateItem(domain=item.domain)
        seen.add(item.ascii)
    return items


def _commit_order(principal: Principal, order: Order, idempotency_key: str | None,
                  body_fingerprint: str, *, orders: DynamoOrdersRepository,
                  publisher: OutboxPublisher, now: datetime) -> None:
    tx = orders.transaction()
    orders.put_new_order(tx, order)
    orders.put_due(tx, order.expires_at, "order_payment", order.order_id)
    if order.promo_code:
        promo = orders.promo(order.promo_code)
        assert promo is not None
        orders.use_promo(tx, promo.code, principal.owner_id, promo.per_account_limit)
    if idempotency_key:
        orders.put_idempotency(tx, principal.owner_id, "order", idempotency_key,
                               body_fingerprint, order.order_id, iso(now),
                               int(now.timestamp()) + IDEMPOTENCY_TTL_SECONDS)
    event = OrderCreated(order_id=order.order_id, account_id=order.account_id,
                         domains=[i.domain for i in order.items], total=order.total,
                         currency=order.currency)
    commit_and_publish(orders, tx, [publisher.envelope(event, correlation_id=order.order_id)],
                       publisher)


def replayed_id(principal: Principal, scope: str, key: str, fingerprint: str,
                orders: DynamoOrdersRepository) -> str | None:
    """The id a request with this Idempotency-Key created before, if any.

    Raises: IdempotencyKeyReused (the key came with another body).
    """
    record = orders.idempotency_record(principal.owner_id, scope, key)
    if record is None:
        return None
    if record["fingerprint"] != fingerprint:
        raise IdempotencyKeyReused()
    return str(record["result_id"])


def _replayed_order(principal: Principal, key: str, fingerprint: str,
                    orders: DynamoOrdersRepository) -> Order | None:
    order_id = replayed_id(principal, "order", key, fingerprint, orders)
    return orders.order(order_id) if order_id else None


def _new_order(principal: Principal, request: PlaceOrderRequest, items: list[OrderItem], *,
               orders: DynamoOrdersRepository, now: datetime) -> Order:
    discounts = [0] * len(items)
    if request.promo_code:
        promo = orders.promo(request.promo_code)
        if promo is None:
            raise errors.PromoCodeInvalid(code=request.promo_code, reason="unknown code")
        discounts = rules.promo_discount(
            promo, items, currency=principal.currency, now=now,
            uses_so_far=orders.promo_uses(promo.code, principal.owner_id))
    priced = [dataclasses.replace(i, discount=d) for i, d in zip(items, discounts, strict=True)]
    subtotal = sum(i.amount for i in priced)
    discount = sum(discounts)
    return Order(order_id=f"ord-{uuid.uuid4().hex[:20]}", account_id=principal.owner_id,
                 site=principal.site, currency=principal.currency, items=tuple(priced),
                 subtotal=subtotal, discount=discount, total=subtotal - discount,
                 status=OrderStatus.PENDING_PAYMENT, template_id=request.template_id,
                 created_at=iso(now), expires_at=iso(now + rules.PAYMENT_WINDOW),
                 promo_code=request.promo_code)


def get_order(principal: Principal, order_id: str, *, orders: DynamoOrdersRepository) -> Order:
    """Raises: OrderNotFound (also for another account's order)."""
    order = orders.order(order_id)
    if order is None or order.account_id != principal.owner_id:
        raise errors.OrderNotFound(order_id=order_id)
    return order

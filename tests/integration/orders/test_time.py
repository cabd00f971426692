"""Deadlines driven by an injected clock: unpaid orders, the expiry lifecycle, renewals."""

import dataclasses
from datetime import timedelta

from chalicelib.orders import fulfilment, payment, scheduler, service, wiring
from chalicelib.orders.api import OrderItemRequest, PlaceOrderRequest
from registrar_shared.auth import Principal
from registrar_shared.clock import parse_iso
from tests.fakes.clock import FakeClock
from tests.integration.orders.conftest import OrdersApi

MAIN = Principal(account_id="demo-cn-main", kind="main", site="cn")


class CapturingPublisher:
    """Real SNS publishing, remembering the event types (outbox publisher protocol)."""

    def __init__(self) -> None:
        self.inner = wiring.get_publisher()
        self.types: list[str] = []

    def envelope(self, event, **kwargs):  # noqa: ANN001, ANN003, ANN201
        return self.inner.envelope(event, **kwargs)

    def send(self, envelope) -> None:  # noqa: ANN001
        self.types.append(envelope.event_type)
        self.inner.send(envelope)


def deps(clock: FakeClock) -> tuple[fulfilment.Deps, CapturingPublisher]:
    publisher = CapturingPublisher()
    return dataclasses.replace(wiring.get_deps(), clock=clock, publisher=publisher), publisher


def buy(name: str, clock: FakeClock, d: fulfilment.Deps, *, years: int = 1,
        action: str = "register", promo: str | None = None) -> str:
    request = PlaceOrderRequest(items=[OrderItemRequest(domain=name, years=years,
                                                        action=action)],
                                template_id="tpl-cn-enterprise", terms_accepted=True,
                                promo_code=promo)
    order, _ = service.place_order(MAIN, request, idempotency_key=None, body_fingerprint="x",
                                   orders=d.orders, registry=d.registry, publisher=d.publisher,
                                   clock=clock)
    return order.order_id


def pay_and_fulfil(order_id: str, clock: FakeClock, d: fulfilment.Deps) -> None:
    payment.pay_order(MAIN, order_id, "balance", idempotency_key=None, body_fingerprint="x",
                      orders=d.orders, publisher=d.publisher, clock=clock, provider=d.provider,
                      callback_url="")
    fulfilment.fulfil_order(order_id, d)


def test_unpaid_orders_are_cancelled_after_24_hours_and_promo_use_returned(
        orders_api: OrdersApi) -> None:
    clock = FakeClock()
    d, published = deps(clock)
    order_id = buy("late-payer.com", clock, d, promo="WELCOME20")
    clock.advance(hours=23)
    assert scheduler.process_due_work(d) == 0
    clock.advance(hours=1, seconds=1)
    assert scheduler.process_due_work(d) == 1
    assert d.orders.order(order_id).status == "cancelled"
    assert "order.cancelled" in published.types
    assert d.orders.promo_uses("WELCOME20", "demo-cn-main") == 0
    status, body = orders_api.pay(order_id)
    assert (status, body["Code"]) == (409, "InvalidOrderState")


def test_expiry_lifecycle_reminds_then_expires_redeems_and_deletes(
        orders_api: OrdersApi) -> None:
    clock = FakeClock()
    d, published = deps(clock)
    pay_and_fulfil(buy("lifecycle.cn", clock, d), clock, d)
    domain = d.orders.domain("lifecycle.cn")
    expires = parse_iso(domain.expires_at)
    seen: list[tuple[str, str]] = []
    for days in (-30, -7, -1, 0, 1, 30, 44, 49):
        clock._now = expires + timedelta(days=days, minutes=1)
        published.types.clear()
        scheduler.process_due_work(d)
        seen.append((str(d.orders.domain("lifecycle.cn").status), ",".join(published.types)))
    assert seen == [
        ("active", "domain.expiring"), ("active", "domain.expiring"),
        ("active", "domain.expiring"), ("expired", "domain.expired,domain.held"),
        ("expired", "domain.expiring"), ("redemption", ""), ("pending_delete", ""),
        ("deleted", "domain.deleted"),
    ]
    assert d.registry.info("lifecycle.cn") is None


def test_renewal_extends_the_named_expiry_once(orders_api: OrdersApi) -> None:
    clock = FakeClock()
    d, _ = deps(clock)
    pay_and_fulfil(buy("renew-me.com", clock, d), clock, d)
    first_expiry = parse_iso(d.orders.domain("renew-me.com").expires_at)
    before = d.orders.balance("demo-cn-main")
    renewal = buy("renew-me.com", clock, d, years=2, action="renew")
    assert d.orders.order(renewal).total == 2 * 7900
    pay_and_fulfil(renewal, clock, d)
    renewed = parse_iso(d.orders.domain("renew-me.com").expires_at)
    assert renewed.year == first_expiry.year + 2
    # a retried fulfilment of the same renewal adds nothing
    order = d.orders.order(renewal)
    retry = dataclasses.replace(order, status="processing", version=order.version + 1,
                                items=tuple(dataclasses.replace(i, status="pending")
                                            for i in order.items))
    tx = d.orders.transaction()
    d.orders.put_order(tx, retry, order.version)
    d.orders.commit(tx)
    fulfilment.fulfil_order(renewal, d)
    assert parse_iso(d.orders.domain("renew-me.com").expires_at) == renewed
    assert d.orders.balance("demo-cn-main") == before - 2 * 7900


def test_renewal_past_ten_years_and_of_foreign_domains_is_refused(
        orders_api: OrdersApi) -> None:
    clock = FakeClock()
    d, _ = deps(clock)
    pay_and_fulfil(buy("long-term.com", clock, d, years=5), clock, d)
    status, body = orders_api.call("POST", "/v1/orders", body={
        "items": [{"domain": "long-term.com", "years": 6, "action": "renew"}],
        "template_id": "tpl-cn-enterprise", "terms_accepted": True})
    assert (status, body["Code"]) == (400, "InvalidPeriod")
    status, body = orders_api.call("POST", "/v1/orders", body={
        "items": [{"domain": "taobao.com", "years": 1, "action": "renew"}],
        "template_id": "tpl-cn-enterprise", "terms_accepted": True})
    assert (status, body["Code"]) == (404, "DomainNotFound")


def test_naming_review_not_approved_in_time_is_deleted_and_refunded(
        orders_api: OrdersApi) -> None:
    clock = FakeClock()
    d, published = deps(clock)
    before = d.orders.balance("demo-cn-main")
    order_id = buy("中国梦想.cn", clock, d)
    pay_and_fulfil(order_id, clock, d)
    domain = d.orders.domain(d.orders.order(order_id).items[0].ascii)
    assert domain.status == "pending_naming_review"
    clock.advance(days=5, seconds=1)
    scheduler.process_due_work(d)
    assert d.orders.domain(domain.ascii).status == "deleted"
    assert d.orders.balance("demo-cn-main") == before
    assert {"domain.deleted", "payment.refunded"} <= set(published.types)

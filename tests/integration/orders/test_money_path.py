"""Money that cannot be applied goes back exactly once, refunds survive a provider outage, and
one bad piece of scheduled work never stops the rest."""

import dataclasses
import json
from datetime import timedelta

import requests

from chalicelib.orders import scheduler, signing, wiring
from registrar_shared.clock import iso
from tests.fakes.clock import FakeClock
from tests.integration.orders.conftest import OrdersApi

SECRET = "test-callback-secret"


def callback(api: OrdersApi, payment_id: str, txn: str, amount: int, status: str = "success",
             currency: str = "CNY") -> tuple[int, dict]:
    raw = json.dumps({"payment_id": payment_id, "provider_txn_id": txn, "amount": amount,
                      "currency": currency, "status": status}).encode()
    return api.call("POST", "/v1/payments/callback", None, raw,
                    {"X-Signature": signing.sign(raw, SECRET)})


def provider_refunds(sandbox: str) -> list[tuple[str, int]]:
    answer = requests.get(f"{sandbox}/sandbox/refunds", timeout=10).json()["refunds"]
    return [(r["payment_id"], r["amount"]) for r in answer]


def faults(sandbox: str, **switches: str) -> None:
    assert requests.post(f"{sandbox}/sandbox/faults", json=switches,
                         timeout=10).status_code == 200


def order_view(api: OrdersApi, order_id: str) -> dict:
    return api.call("GET", f"/v1/orders/{order_id}")[1]


def run_schedule(clock: FakeClock) -> int:
    return scheduler.process_due_work(dataclasses.replace(wiring.get_deps(), clock=clock))


def test_success_after_failure_answers_200_and_gives_the_money_back_once(
        orders_api: OrdersApi, sandbox: str) -> None:
    # Given a provider payment the provider first reported failed
    order = orders_api.order(["fail-then-pay.com"])[1]
    session = orders_api.pay(order["order_id"], method="alipay")[1]
    assert callback(orders_api, session["payment_id"], "txn-f", order["total"],
                    "failed") == (200, {"received": True})
    # When a success arrives for it afterwards (twice: the provider retries)
    for _ in range(2):
        assert callback(orders_api, session["payment_id"], "txn-s", order["total"]) == (
            200, {"received": True})
    # Then the money goes back through the provider once, and the order shows it
    assert provider_refunds(sandbox) == [(session["payment_id"], order["total"])]
    view = order_view(orders_api, order["order_id"])
    assert view["status"] == "pending_payment"
    assert [(r["amount"], r["channel"], r["status"]) for r in view["refunds"]] == [
        (order["total"], "provider", "completed")]


def test_a_second_capture_is_refunded_and_the_order_paid_once(
        orders_api: OrdersApi, sandbox: str) -> None:
    order = orders_api.order(["double-capture.com"])[1]
    session = orders_api.pay(order["order_id"], method="alipay")[1]
    assert callback(orders_api, session["payment_id"], "txn-1", order["total"])[0] == 200
    assert callback(orders_api, session["payment_id"], "txn-2", order["total"])[0] == 200
    view = order_view(orders_api, order["order_id"])
    assert view["status"] == "paid"
    assert [r["amount"] for r in view["refunds"]] == [order["total"]]
    assert provider_refunds(sandbox) == [(session["payment_id"], order["total"])]


def test_a_wrong_amount_is_409_once_then_refunded_and_the_genuine_capture_still_pays(
        orders_api: OrdersApi, sandbox: str) -> None:
    order = orders_api.order(["wrong-amount.com"])[1]
    session = orders_api.pay(order["order_id"], method="alipay")[1]
    status, body = callback(orders_api, session["payment_id"], "txn-bad", 1)
    assert (status, body["Code"]) == (409, "PaymentAmountMismatch")
    assert callback(orders_api, session["payment_id"], "txn-bad", 1)[0] == 200  # the retry
    assert provider_refunds(sandbox) == [(session["payment_id"], 1)]
    assert callback(orders_api, session["payment_id"], "txn-good", order["total"])[0] == 200
    view = order_view(orders_api, order["order_id"])
    assert view["status"] == "paid"
    assert [(r["amount"], r["reason"]) for r in view["refunds"]] == [(1, "amount_mismatch")]


def test_a_refund_the_provider_refuses_is_retried_until_it_completes(
        orders_api: OrdersApi, sandbox: str) -> None:
    # Given money arriving for a cancelled order while the provider's refunds are failing
    clock = FakeClock()
    order = orders_api.order(["refund-later.com"])[1]
    session = orders_api.pay(order["order_id"], method="alipay")[1]
    clock.advance(days=2)
    run_schedule(clock)
    assert order_view(orders_api, order["order_id"])["status"] == "cancelled"
    faults(sandbox, refunds="fail")
    assert callback(orders_api, session["payment_id"], "txn-late", order["total"])[0] == 200
    # Then the refund is on the order, pending, and nothing reached the provider
    refunds = order_view(orders_api, order["order_id"])["refunds"]
    assert [(r["amount"], r["status"]) for r in refunds] == [(order["total"], "pending")]
    assert provider_refunds(sandbox) == []
    # When the schedule runs during the outage, the refund stays pending (retried later)
    clock.advance(minutes=1)
    run_schedule(clock)
    due = wiring.get_orders().due(iso(clock.now() + timedelta(days=1)))
    assert [(d.kind, d.attempts) for d in due if d.kind == "refund"] == [("refund", 1)]
    # And once the provider is back and the back-off has passed, it completes exactly once
    faults(sandbox, refunds="ok")
    clock.advance(minutes=5)
    run_schedule(clock)
    run_schedule(clock)
    refunds = order_view(orders_api, order["order_id"])["refunds"]
    assert [r["status"] for r in refunds] == ["completed"]
    assert provider_refunds(sandbox) == [(session["payment_id"], order["total"])]
    assert [d for d in wiring.get_orders().due(iso(clock.now() + timedelta(days=1)))
            if d.kind == "refund"] == []


def pending_provider_refund(api: OrdersApi, sandbox: str, name: str) -> dict:
    """An order whose money must go back while the provider's refunds are failing."""
    order = api.order([name])[1]
    session = api.pay(order["order_id"], method="alipay")[1]
    faults(sandbox, refunds="fail")
    assert callback(api, session["payment_id"], f"txn-f-{name}", order["total"],
                    "failed")[0] == 200
    assert callback(api, session["payment_id"], f"txn-s-{name}", order["total"])[0] == 200
    return order


def test_one_failing_item_does_not_stop_the_schedule_and_unknown_work_is_parked(
        orders_api: OrdersApi, sandbox: str) -> None:
    clock = FakeClock()
    repo = wiring.get_orders()
    # Given a refund the provider keeps refusing, work of a kind nobody handles, and an
    # unpaid order, all due
    pending_provider_refund(orders_api, sandbox, "refused-refund.com")
    tx = repo.transaction()
    repo.put_due(tx, iso(clock.now()), "mystery", "x-1")
    repo.commit(tx)
    unpaid = orders_api.order(["still-cancelled.com"])[1]
    clock.advance(days=2)
    # When the schedule runs
    run_schedule(clock)
    # Then the unpaid order is cancelled anyway, the refund waits for its retry, and the
    # unknown kind is parked at once for an operator
    assert order_view(orders_api, unpaid["order_id"])["status"] == "cancelled"
    later = repo.due(iso(clock.now() + timedelta(days=1)))
    assert [(d.kind, d.attempts) for d in later] == [("refund", 1)]
    assert later[0].at == iso(clock.now() + scheduler.retry_delay(1))
    assert [(p["kind"], p["ident"]) for p in repo.parked()] == [("mystery", "x-1")]


def test_an_item_failing_every_time_is_parked_after_the_last_attempt(
        orders_api: OrdersApi, sandbox: str) -> None:
    clock = FakeClock()
    repo = wiring.get_orders()
    order = pending_provider_refund(orders_api, sandbox, "never-refunded.com")
    for _ in range(scheduler.MAX_ATTEMPTS):
        clock.advance(hours=7)
        run_schedule(clock)
    assert repo.due(iso(clock.now() + timedelta(days=365))) == []
    parked = repo.parked()
    assert [(p["kind"], p["attempts"]) for p in parked] == [
        ("refund", scheduler.MAX_ATTEMPTS)]
    assert "DependencyUnavailable" in parked[0]["last_error"]
    # the customer still sees the refund as pending (an operator owns it now)
    assert [r["status"] for r in order_view(orders_api, order["order_id"])["refunds"]] == [
        "pending"]


def test_back_off_doubles_from_a_minute_to_at_most_six_hours() -> None:
    assert [scheduler.retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert scheduler.retry_delay(30) == timedelta(hours=6)


def renew(api: OrdersApi, name: str, years: int) -> dict:
    status, order = api.call("POST", "/v1/orders", body={
        "items": [{"domain": name, "years": years, "action": "renew"}],
        "template_id": "tpl-cn-enterprise", "terms_accepted": True})
    assert status == 201, order
    return order


def test_a_second_order_of_one_account_for_one_name_is_refused_while_the_first_lives(
        orders_api: OrdersApi) -> None:
    first = orders_api.order(["one-charge.com"])[1]
    status, body = orders_api.order(["one-charge.com"])
    assert (status, body["Code"]) == (409, "DuplicateOrderItem")
    assert body["Details"]["order_id"] == first["order_id"]
    # another account is not affected by this account's order
    assert orders_api.order(["one-charge.com"], account="intl-main",
                            template="tpl-intl-taiwan")[0] == 201
    # once the first order is cancelled the name can be ordered again
    clock = FakeClock()
    clock.advance(days=2)
    run_schedule(clock)
    assert orders_api.order(["one-charge.com"])[0] == 201


def test_a_registration_that_slips_past_checkout_is_refused_at_the_registry_and_refunded(
        orders_api: OrdersApi) -> None:
    from registrar_shared.registry.seed import query

    before = orders_api.balance()
    order = orders_api.order(["slipped.com"], template="tpl-cn-enterprise")[1]
    # Given the registry gave the name meanwhile to this very account and template, through
    # another order item (a race the checkout guard cannot see: another client transaction)
    wiring.get_registry().create(query("slipped.com"), registrant="demo-cn-main",
                                 template_id="tpl-cn-enterprise", years=1,
                                 now=FakeClock().now(), client_txn_id="ord-other:slipped.com")
    # When this order is paid and fulfilled
    assert orders_api.pay(order["order_id"])[0] == 200
    orders_api.fulfil()
    # Then it is not taken for a retry of its own: refused and refunded in full
    view = order_view(orders_api, order["order_id"])
    assert view["status"] == "failed"
    assert [(r["amount"], r["channel"], r["status"]) for r in view["refunds"]] == [
        (order["total"], "balance", "completed")]
    assert orders_api.balance() == before


def test_two_paid_renewals_move_the_expiry_by_both_periods(orders_api: OrdersApi) -> None:
    name = "renew-twice.com"
    bought = orders_api.order([name], template="tpl-cn-enterprise")[1]
    assert orders_api.pay(bought["order_id"])[0] == 200
    orders_api.fulfil()
    start = orders_api.call("GET", f"/v1/domains/{name}")[1]["expires_at"]
    before = orders_api.balance()
    # Given two renewal orders placed against the same current expiry, both paid
    first, second = renew(orders_api, name, 1), renew(orders_api, name, 2)
    for order in (first, second):
        assert orders_api.pay(order["order_id"])[0] == 200
    orders_api.fulfil()
    # Then both apply, one after the other, and each was charged once
    expires = orders_api.call("GET", f"/v1/domains/{name}")[1]["expires_at"]
    assert int(expires[:4]) - int(start[:4]) == 3 and expires[4:] == start[4:]
    for order in (first, second):
        view = order_view(orders_api, order["order_id"])
        assert view["status"] == "succeeded" and view["refunds"] == []
    assert before - orders_api.balance() == first["total"] + second["total"]
    assert sorted(wiring.get_registry().info(name).renew_txns) == sorted([
        f"{first['order_id']}:{name}", f"{second['order_id']}:{name}"])

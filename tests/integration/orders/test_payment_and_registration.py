"""Payment moves money atomically; registration happens only after payment; failures are
refunded to the fen; callbacks are verified, deduplicated and checked against the order."""

import dataclasses
import json

import boto3

from chalicelib.orders import signing
from registrar_shared.resources import QUEUES
from tests.integration.orders.conftest import OrdersApi

SECRET = "test-callback-secret"


def domain_view(api: OrdersApi, name: str, account: str = "cn-main") -> dict:
    status, body = api.call("GET", f"/v1/domains/{name}", account)
    assert status == 200, body
    return body


def test_balance_payment_registers_after_payment_only(orders_api: OrdersApi) -> None:
    # Given a pending order for a free name
    before = orders_api.balance()
    order = orders_api.order(["pay-balance.com"], template="tpl-cn-enterprise")[1]
    assert orders_api.call("GET", "/v1/domains/pay-balance.com")[0] == 404
    # When it is paid by balance
    status, paid = orders_api.pay(order["order_id"])
    # Then the balance drops by exactly the total and the order is paid
    assert status == 200 and paid["status"] == "succeeded"
    assert orders_api.balance() == before - order["total"]
    assert orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]["status"] == "paid"
    # And after order.paid reaches orders' inbox the registry registered it
    assert orders_api.fulfil() >= 1
    final = orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]
    assert final["status"] == "succeeded" and final["items"][0]["status"] == "succeeded"
    domain = domain_view(orders_api, "pay-balance.com")
    assert domain["status"] == "active" and domain["realname_status"] == "verified"
    assert domain["lifecycle"]["grace_ends_at"] > domain["expires_at"]
    listed = orders_api.call("GET", "/v1/domains")[1]["domains"]
    assert [d["domain"] for d in listed] == ["pay-balance.com"]


def test_unverified_holder_gets_server_hold_until_verified(orders_api: OrdersApi) -> None:
    order = orders_api.order(["hold-me.cn"])[1]
    orders_api.pay(order["order_id"])
    orders_api.fulfil()
    domain = domain_view(orders_api, "hold-me.cn")
    assert domain["status"] == "server_hold" and "serverHold" in domain["epp_statuses"]
    # When the real-name service says the template is verified
    from registrar_shared import messaging
    from registrar_shared.clock import SystemClock
    from registrar_shared.events import RealnameVerified

    publisher = messaging.SnsPublisher(producer="realname", topic_name="registrar-events",
                                       clock=SystemClock())
    publisher.publish(RealnameVerified(template_id="tpl-cn-individual",
                                       account_id="demo-cn-main", upload_id="u1",
                                       document_type="id_card", holder_name="张三"))
    orders_api.fulfil()
    domain = domain_view(orders_api, "hold-me.cn")
    assert domain["status"] == "active" and "serverHold" not in domain["epp_statuses"]
    assert domain["realname_status"] == "verified"


def test_insufficient_balance_changes_nothing(orders_api: OrdersApi) -> None:
    order = orders_api.call("POST", "/v1/orders", body={
        "items": [{"domain": "rich.商标", "years": 1, "trademark": {
            "registration_number": "12345678", "holder": "某某科技有限公司"}}],
        "template_id": "tpl-cn-enterprise", "terms_accepted": True})[1]
    before = orders_api.balance()
    status, body = orders_api.pay(order["order_id"], account="cn-main")
    assert status == 200  # 4,400.00 fits in 1,000,000.00
    poor = orders_api.order(["poor-one.com"], account="intl-main",
                            template="tpl-intl-taiwan")[1]
    from chalicelib.orders import wiring

    table = wiring.get_orders()._table  # drain the intl balance to 1 cent
    table.update_item(Key={"PK": "ACCOUNT#demo-intl-main", "SK": "#BALANCE"},
                      UpdateExpression="SET balance = :one", ExpressionAttributeValues={":one": 1})
    status, body = orders_api.pay(poor["order_id"], account="intl-main")
    assert (status, body["Code"]) == (422, "InsufficientBalance")
    assert orders_api.balance("intl-main") == 1
    assert orders_api.call("GET", f"/v1/orders/{poor['order_id']}",
                           "intl-main")[1]["status"] == "pending_payment"
    assert orders_api.balance() == before - order["total"]


def test_paying_twice_is_refused(orders_api: OrdersApi) -> None:
    order = orders_api.order(["twice.com"])[1]
    assert orders_api.pay(order["order_id"])[0] == 200
    before = orders_api.balance()
    status, body = orders_api.pay(order["order_id"])
    assert (status, body["Code"]) == (409, "InvalidOrderState")
    assert orders_api.balance() == before


def test_ram_user_cannot_pay(orders_api: OrdersApi) -> None:
    order = orders_api.order(["ram-pay.com"])[1]
    status, body = orders_api.pay(order["order_id"], account="cn-ram")
    assert (status, body["Code"]) == (403, "RamUserForbidden")


def test_registry_failure_is_retried_then_refunded_to_the_fen(orders_api: OrdersApi) -> None:
    before = orders_api.balance()
    order = orders_api.order(["registry-error-one.com", "fine-two.com"],
                             promo_code="WELCOME20")[1]
    orders_api.pay(order["order_id"])
    orders_api.fulfil()
    final = orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]
    failed, ok = final["items"]
    assert final["status"] == "partially_succeeded"
    assert failed["status"] == "refunded" and failed["failure"]["code"] == "RegistryRefused"
    assert ok["status"] == "succeeded"
    # the refund is the item's price minus its share of the discount
    assert failed["refunded"] == failed["price"]["amount"] - failed["discount"]
    assert orders_api.balance() == before - order["total"] + failed["refunded"]


def test_same_order_paid_event_twice_registers_and_charges_once(orders_api: OrdersApi) -> None:
    order = orders_api.order(["once-only.com"])[1]
    orders_api.pay(order["order_id"])
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUES.orders_inbox)["QueueUrl"]
    body = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]["Body"]
    sqs.send_message(QueueUrl=url, MessageBody=body)  # a duplicate delivery
    balance = orders_api.balance()
    assert orders_api.fulfil() >= 2  # the duplicate too (plus seeded template events)
    events = [e for e in published_types()]
    assert events.count("domain.registered") == 1
    assert orders_api.balance() == balance


def published_types() -> list[str]:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUES.notify_inbox)["QueueUrl"]
    types = []
    while True:
        batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            return types
        types += [json.loads(m["Body"])["event_type"] for m in batch]


def test_two_buyers_one_name_one_winner_and_a_full_refund(orders_api: OrdersApi) -> None:
    cn_before, intl_before = orders_api.balance(), orders_api.balance("intl-main")
    first = orders_api.order(["contested.com"])[1]
    second = orders_api.order(["contested.com"], account="intl-main",
                              template="tpl-intl-taiwan")[1]
    orders_api.pay(first["order_id"])
    orders_api.pay(second["order_id"], account="intl-main")
    orders_api.fulfil()
    a = orders_api.call("GET", f"/v1/orders/{first['order_id']}")[1]
    b = orders_api.call("GET", f"/v1/orders/{second['order_id']}", "intl-main")[1]
    assert sorted([a["status"], b["status"]]) == ["failed", "succeeded"]
    loser = a if a["status"] == "failed" else b
    assert loser["items"][0]["failure"]["code"] == "DomainUnavailable"
    assert loser["items"][0]["refunded"] == loser["total"]
    spent_cn = cn_before - orders_api.balance()
    spent_intl = intl_before - orders_api.balance("intl-main")
    assert sorted([spent_cn, spent_intl]) == sorted(
        [0, a["total"] if a is not loser else b["total"]])


def signed(body: dict) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    return raw, {"X-Signature": signing.sign(raw, SECRET)}


def test_alipay_callback_pays_once_and_checks_signature_and_amount(
        orders_api: OrdersApi) -> None:
    order = orders_api.order(["alipay-pay.com"])[1]
    status, session = orders_api.pay(order["order_id"], method="alipay")
    assert status == 201 and session["status"] == "pending" and session["pay_url"]
    callback = {"payment_id": session["payment_id"], "provider_txn_id": "txn-1",
                "amount": order["total"], "currency": "CNY", "status": "success"}
    raw, headers = signed(callback)
    # a bad signature changes nothing
    bad = orders_api.call("POST", "/v1/payments/callback", None, raw,
                          {"X-Signature": "00" * 32})
    assert (bad[0], bad[1]["Code"]) == (401, "InvalidSignature")
    missing = orders_api.call("POST", "/v1/payments/callback", None, raw)
    assert missing[0] == 401
    # a tampered amount is refused and flagged, the order untouched
    tampered_raw, tampered_headers = signed({**callback, "provider_txn_id": "txn-x",
                                             "amount": 1})
    tampered = orders_api.call("POST", "/v1/payments/callback", None, tampered_raw,
                               tampered_headers)
    assert (tampered[0], tampered[1]["Code"]) == (409, "PaymentAmountMismatch")
    assert orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]["status"] == \
        "pending_payment"
    # the genuine callback pays; its replay answers 200 and does nothing
    for _ in range(2):
        ok = orders_api.call("POST", "/v1/payments/callback", None, raw, headers)
        assert ok == (200, {"received": True})
    assert orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]["status"] == "paid"
    unknown_raw, unknown_headers = signed({**callback, "payment_id": "pay-nope",
                                           "provider_txn_id": "txn-2"})
    assert orders_api.call("POST", "/v1/payments/callback", None, unknown_raw,
                           unknown_headers)[0] == 404
    assert orders_api.fulfil() >= 1
    assert domain_view(orders_api, "alipay-pay.com")["status"] == "server_hold"


def test_unknown_order_and_payment_method(orders_api: OrdersApi) -> None:
    assert orders_api.pay("ord-missing")[0] == 404
    order = orders_api.order(["method.com"])[1]
    status, body = orders_api.pay(order["order_id"], method="cash")
    assert (status, body["Code"]) == (400, "ValidationError")


def test_wrong_currency_in_a_callback_is_a_mismatch(orders_api: OrdersApi) -> None:
    order = orders_api.order(["currency.com"])[1]
    session = orders_api.pay(order["order_id"], method="bank")[1]
    raw, headers = signed({"payment_id": session["payment_id"], "provider_txn_id": "txn-cur",
                           "amount": order["total"], "currency": "USD", "status": "success"})
    status, body = orders_api.call("POST", "/v1/payments/callback", None, raw, headers)
    assert (status, body["Code"]) == (409, "PaymentAmountMismatch")
    assert orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]["status"] == \
        "pending_payment"


def test_money_arriving_for_a_cancelled_order_is_refunded_through_the_provider(
        orders_api: OrdersApi, sandbox: str) -> None:
    import requests

    from chalicelib.orders import scheduler, wiring
    from tests.fakes.clock import FakeClock

    order = orders_api.order(["too-late.com"])[1]
    session = orders_api.pay(order["order_id"], method="alipay")[1]
    clock = FakeClock()
    clock.advance(days=2)
    scheduler.process_due_work(dataclasses.replace(wiring.get_deps(), clock=clock))
    assert orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]["status"] == \
        "cancelled"
    raw, headers = signed({"payment_id": session["payment_id"], "provider_txn_id": "txn-late",
                           "amount": order["total"], "currency": "CNY", "status": "success"})
    assert orders_api.call("POST", "/v1/payments/callback", None, raw, headers)[0] == 200
    refunds = requests.get(f"{sandbox}/sandbox/refunds", timeout=10).json()["refunds"]
    assert [(r["payment_id"], r["amount"]) for r in refunds] == [
        (session["payment_id"], order["total"])]
    assert orders_api.call("GET", f"/v1/orders/{order['order_id']}")[1]["status"] == \
        "cancelled"
    assert orders_api.call("GET", "/v1/domains/too-late.com")[0] == 404


def test_the_cart_holds_at_most_100_items(orders_api: OrdersApi) -> None:
    for n in range(100):
        assert orders_api.call("POST", "/v1/cart/items",
                               body={"domain": f"cart-{n}.com", "years": 1})[0] == 201
    status, body = orders_api.call("POST", "/v1/cart/items",
                                   body={"domain": "one-too-many.com", "years": 1})
    assert (status, body["Code"]) == (422, "CartFull")
    # updating an item already in the full cart still works
    assert orders_api.call("POST", "/v1/cart/items",
                           body={"domain": "cart-7.com", "years": 3})[0] == 201

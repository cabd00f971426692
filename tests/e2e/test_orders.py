"""Orders through the running stack: checkout, balance and sandbox payments, registration
after payment, holds, and many buyers racing for one name."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from registrar_shared import messaging
from registrar_shared.clock import SystemClock
from registrar_shared.events import RealnameVerified, TemplateCreated, TemplateEmailVerified
from registrar_shared.resources import TOPIC
from tests.e2e.conftest import Api, wait_for


def template_projected(api: Api, account_id: str, *, verified: bool,
                       account: str = "cn-main", region: str = "mainland") -> str:
    """A template as the real-name service announces it (template.* / realname.* events)."""
    template_id = f"tpl-{uuid.uuid4().hex[:8]}"
    publisher = messaging.SnsPublisher(producer="realname", topic_name=TOPIC,
                                       clock=SystemClock())
    # One queue, one poller: events are handled in the order they were published, so the
    # e-mail verification (last) being visible means the others were applied too.
    if verified:
        publisher.publish(RealnameVerified(template_id=template_id, account_id=account_id,
                                           upload_id="u-1", document_type="business_licence"))
    publisher.publish(TemplateCreated(template_id=template_id, account_id=account_id,
                                      holder_type="enterprise", name="某某科技有限公司",
                                      region=region, email="ops@example.com"))
    publisher.publish(TemplateEmailVerified(template_id=template_id, account_id=account_id,
                                            email="ops@example.com"))

    def usable() -> bool:
        probe = api.post("/orders/v1/orders", account=account, json={
            "items": [{"domain": "probe.com", "years": 1}], "template_id": template_id,
            "holder_type": "individual", "terms_accepted": True})
        return probe.json().get("Code") == "HolderTypeMismatch"  # found and e-mail verified

    wait_for(usable)
    return template_id


def domain_status(api: Api, name: str, account: str = "cn-main") -> str | None:
    response = api.get(f"/orders/v1/domains/{name}", account=account)
    return response.json()["status"] if response.status_code == 200 else None


def test_checkout_pay_by_balance_and_the_domain_becomes_active(api: Api) -> None:
    template_id = template_projected(api, "demo-cn-main", verified=True)
    before = api.get("/orders/v1/account", account="cn-main").json()["balance"]
    order = api.post("/orders/v1/orders", account="cn-main",
                     headers={"Idempotency-Key": "e2e-balance-1"},
                     json={"items": [{"domain": "e2e-balance.com", "years": 1}],
                           "template_id": template_id, "terms_accepted": True}).json()
    paid = api.post(f"/orders/v1/orders/{order['order_id']}/payments", account="cn-main",
                    json={"method": "balance"})
    assert paid.status_code == 200 and paid.json()["status"] == "succeeded"
    wait_for(lambda: domain_status(api, "e2e-balance.com") == "active")
    after = api.get("/orders/v1/account", account="cn-main").json()["balance"]
    assert before - after == order["total"] == 6900
    final = api.get(f"/orders/v1/orders/{order['order_id']}", account="cn-main").json()
    assert final["status"] == "succeeded"


def test_alipay_through_the_provider_sandbox_with_a_real_signed_callback(api: Api) -> None:
    template_id = template_projected(api, "demo-cn-main", verified=True)
    order = api.post("/orders/v1/orders", account="cn-main", json={
        "items": [{"domain": "e2e-alipay.cn", "years": 1}], "template_id": template_id,
        "terms_accepted": True}).json()
    session = api.post(f"/orders/v1/orders/{order['order_id']}/payments", account="cn-main",
                       json={"method": "alipay"})
    assert session.status_code == 201
    pay_url = session.json()["pay_url"]
    # the customer pays at the provider, which calls back (signed) over HTTP
    outcome = api.request("POST", pay_url.replace(api.base_url, ""),
                          json={"outcome": "success"}).json()
    assert outcome["callback_status"] == 200
    wait_for(lambda: domain_status(api, "e2e-alipay.cn") == "active")
    # a tampered amount from the provider is refused
    tampered = api.request("POST", pay_url.replace(api.base_url, ""),
                           json={"outcome": "success", "amount": 1}).json()
    assert tampered["callback_status"] == 409


def test_unverified_holder_is_held_until_real_name_verified(api: Api) -> None:
    template_id = template_projected(api, "demo-cn-main", verified=False)
    order = api.post("/orders/v1/orders", account="cn-main", json={
        "items": [{"domain": "e2e-held.com", "years": 1}], "template_id": template_id,
        "terms_accepted": True}).json()
    api.post(f"/orders/v1/orders/{order['order_id']}/payments", account="cn-main",
             json={"method": "balance"})
    wait_for(lambda: domain_status(api, "e2e-held.com") == "server_hold")
    messaging.SnsPublisher(producer="realname", topic_name=TOPIC, clock=SystemClock()).publish(
        RealnameVerified(template_id=template_id, account_id="demo-cn-main", upload_id="u-2",
                         document_type="business_licence"))
    wait_for(lambda: domain_status(api, "e2e-held.com") == "active")


def test_twenty_buyers_of_one_name_one_winner_nineteen_refunds(api: Api) -> None:
    from infra import admin

    buyers = []
    for n in range(20):
        created = admin.create_account(kind="main", site="cn", name=f"buyer{n}", balance=100)
        api.keys[f"buyer{n}"] = created["api_key"]
        buyers.append((f"buyer{n}", created["account_id"]))
    with ThreadPoolExecutor(max_workers=5) as pool:
        template_ids = list(pool.map(
            lambda b: template_projected(api, b[1], verified=True, account=b[0]), buyers))
    templates = {name: tid for (name, _), tid in zip(buyers, template_ids, strict=True)}

    # Every buyer checks out while the name is free, then all pay at once.
    order_ids = {}
    for name, _ in buyers:
        order = api.post("/orders/v1/orders", account=name, json={
            "items": [{"domain": "e2e-contested.com", "years": 1}],
            "template_id": templates[name], "terms_accepted": True}).json()
        order_ids[name] = order["order_id"]

    def pay(name: str) -> int:
        return api.post(f"/orders/v1/orders/{order_ids[name]}/payments", account=name,
                        json={"method": "balance"}).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        assert list(pool.map(pay, order_ids)) == [200] * 20

    def finished() -> list[dict] | None:
        orders = [api.get(f"/orders/v1/orders/{oid}", account=name).json()
                  for name, oid in order_ids.items()]
        return orders if all(o["status"] in ("succeeded", "failed") for o in orders) else None

    orders = wait_for(finished, timeout=120)
    assert sorted(o["status"] for o in orders).count("succeeded") == 1
    balances = {name: api.get("/orders/v1/account", account=name).json()["balance"]
                for name, _ in buyers}
    assert sorted(balances.values()) == [10000 - 6900] + [10000] * 19
    for order in orders:
        if order["status"] == "failed":
            assert order["items"][0]["failure"]["code"] == "DomainUnavailable"
            assert order["items"][0]["refunded"] == 6900


def test_full_journey_template_email_cart_checkout_hold_upload_release(stack, api: Api  # noqa: ANN001
                                                                       ) -> None:
    from tests.e2e.test_realname import settled, upload, verified_template
    from tests.unit.realname.images import noise_image

    # Given a template whose e-mail was verified with the code SES sent
    template_id = verified_template(api, stack.moto.url, "journey@example.com")
    wait_for(lambda: api.post("/orders/v1/orders", account="cn-main", json={
        "items": [{"domain": "probe.com", "years": 1}], "template_id": template_id,
        "holder_type": "enterprise", "terms_accepted": True}).json().get("Code")
        == "HolderTypeMismatch")
    # When the customer checks out the cart and pays by balance before real-name
    assert api.post("/orders/v1/cart/items", account="cn-main",
                    json={"domain": "张三的网站.cn", "years": 1}).status_code == 201
    order = api.post("/orders/v1/orders", account="cn-main", json={
        "template_id": template_id, "terms_accepted": True}).json()
    assert [i["domain"] for i in order["items"]] == ["张三的网站.cn"]
    api.post(f"/orders/v1/orders/{order['order_id']}/payments", account="cn-main",
             json={"method": "balance"})
    # Then the domain is registered but held (server_hold) until real-name verification
    wait_for(lambda: domain_status(api, "张三的网站.cn") == "server_hold")
    # When the ID card is uploaded and verified
    upload(api, template_id, noise_image("image/jpeg", seed=21), "image/jpeg")
    assert settled(api, template_id)["realname_status"] == "verified"
    # Then the hold is released automatically
    wait_for(lambda: domain_status(api, "张三的网站.cn") == "active")
    # And a domain bought now is active straight away
    second = api.post("/orders/v1/orders", account="cn-main", json={
        "items": [{"domain": "zhangsan-site.com", "years": 1}], "template_id": template_id,
        "terms_accepted": True}).json()
    api.post(f"/orders/v1/orders/{second['order_id']}/payments", account="cn-main",
             json={"method": "balance"})
    wait_for(lambda: domain_status(api, "zhangsan-site.com") == "active")

"""Notifications through the running stack: an event published on the topic reaches the
customer by e-mail (read back from moto), in the message centre and as a signed webhook."""

import json
import uuid
from typing import Any

import requests

from chalicelib.notify import rules
from registrar_shared import messaging
from registrar_shared.clock import SystemClock
from registrar_shared.events import DomainRegistered
from registrar_shared.resources import TOPIC
from tests.e2e.conftest import Api, wait_for
from tests.integration.notify.receiver import running_receiver


def moto_emails(stack: Any, to: str) -> list[dict[str, Any]]:
    data = requests.get(f"{stack.moto.url}/moto-api/data.json", timeout=60).json()
    return [m for m in data.get("ses", {}).get("Message", [])
            if to in m.get("destinations", {}).get("ToAddresses", [])]


def test_a_registration_is_emailed_listed_and_posted_to_a_signed_webhook(
        stack: Any, api: Api) -> None:  # noqa: ANN401
    domain = f"e2e-notify-{uuid.uuid4().hex[:8]}.com"
    with running_receiver() as receiver:
        # Given cn-main registered a webhook for registrations on a local receiver
        created = api.post("/notify/v1/webhooks", account="cn-main",
                           json={"url": receiver.url, "events": ["domain.registered"]})
        assert created.status_code == 201, created.text
        webhook = created.json()
        try:
            # When orders publishes domain.registered for cn-main
            publisher = messaging.SnsPublisher(producer="orders", topic_name=TOPIC,
                                               clock=SystemClock())
            envelope = publisher.publish(DomainRegistered(
                domain=domain, ascii=domain, account_id="demo-cn-main", order_id="o-e2e-n",
                template_id="t-1", years=1, expires_at="2027-11-27T00:00:00.000Z"))
            # Then the receiver gets one POST whose signatures verify
            posts = [p for p in receiver.wait_for(1, timeout=30) if domain.encode() in p.body]
            assert len(posts) == 1
            post = posts[0]
            assert rules.verify(webhook["secret"], post.body, post.headers["X-Signature"])
            assert post.headers["X-Signature-Timestamped"] == rules.sign_timestamped(
                webhook["secret"], int(post.headers["X-Timestamp"]), post.body)
            assert post.headers["X-Event-Id"] == envelope.event_id
            # and the e-mail went out through SES, in Chinese for the cn account
            emails = wait_for(lambda: [m for m in moto_emails(stack, "cn-main@example.com")
                                       if domain in m["subject"]])
            assert len(emails) == 1 and "注册成功" in emails[0]["subject"]
            # and the message centre has it, for the main account and its RAM user
            for account in ("cn-main", "cn-ram"):
                listed = api.get("/notify/v1/messages?limit=200", account=account).json()
                mine = [m for m in listed["messages"] if m["event_id"] == envelope.event_id]
                assert len(mine) == 1 and domain in mine[0]["subject"]
                assert mine[0]["channels"] == ["email", "webhook"]
            # and the delivery is visible on the webhook
            deliveries = wait_for(lambda: [
                d for d in api.get(f"/notify/v1/webhooks/{webhook['webhook_id']}/deliveries",
                                   account="cn-main").json()["deliveries"]
                if d["event_id"] == envelope.event_id and d["status"] == "delivered"])
            assert deliveries[0]["attempts"] == 1
        finally:
            api.request("DELETE", f"/notify/v1/webhooks/{webhook['webhook_id']}",
                        account="cn-main")


def test_a_real_order_is_notified_by_email_message_centre_and_signed_webhook(
        stack: Any, api: Api) -> None:  # noqa: ANN401
    domain = f"e2e-notified-{uuid.uuid4().hex[:8]}.com"
    with running_receiver() as receiver:
        webhook = api.post("/notify/v1/webhooks", account="cn-main", json={
            "url": receiver.url, "events": ["order.*", "domain.registered"]}).json()
        try:
            # When cn-main buys a name and pays by balance (seeded verified template)
            order = api.post("/orders/v1/orders", account="cn-main", json={
                "items": [{"domain": domain, "years": 1}],
                "template_id": "tpl-demo-cn-enterprise", "terms_accepted": True}).json()
            paid = api.post(f"/orders/v1/orders/{order['order_id']}/payments",
                            account="cn-main", json={"method": "balance"})
            assert paid.status_code == 200, paid.text
            # Then the webhook receives order.created, order.paid, domain.registered and
            # order.completed for that order, each signed with the webhook's secret
            def posted_types() -> set[str] | None:
                types = {json.loads(p.body)["event_type"] for p in receiver.received
                         if order["order_id"].encode() in p.body}
                wanted = {"order.created", "order.paid", "domain.registered",
                          "order.completed"}
                return types if wanted <= types else None

            wait_for(posted_types, timeout=60)
            for post in receiver.received:
                assert rules.verify(webhook["secret"], post.body, post.headers["X-Signature"])
            # and the registration e-mail went out through SES
            assert wait_for(lambda: [m for m in moto_emails(stack, "cn-main@example.com")
                                     if domain in m["subject"]])
            # and the message centre lists the registration
            assert wait_for(lambda: [
                m for m in api.get("/notify/v1/messages?limit=200",
                                   account="cn-main").json()["messages"]
                if m["event_type"] == "domain.registered" and domain in m["subject"]])
        finally:
            api.request("DELETE", f"/notify/v1/webhooks/{webhook['webhook_id']}",
                        account="cn-main")

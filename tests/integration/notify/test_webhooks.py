"""Webhook registration, listing, deletion, deliveries and retries."""

import json

import pytest

from registrar_shared.events import DomainHeld, OrderCreated
from tests.integration.helpers import demo_accounts
from tests.integration.notify.helpers import (
    bearer,
    deliver_event,
    envelope,
    notify_client,
    run_webhook_job,
    take_webhook_jobs,
    webhook_queue_depth,
)
from tests.integration.notify.receiver import running_receiver


def create(client, key: str, url: str, events: list[str]):  # noqa: ANN001, ANN201
    return client.http.post("/v1/webhooks", headers=bearer(key),
                            body=json.dumps({"url": url, "events": events}))


@pytest.mark.parametrize(("url", "events", "code"), [
    ("ftp://example.com/hook", ["order.*"], "InvalidWebhookUrl"),
    ("http://example.com/" + "a" * 2040, ["order.*"], "InvalidWebhookUrl"),
    ("http://example.com/" + "a" * 5000, ["order.*"], "ValidationError"),
    ("https://" + "a" * 64 + ".com/", ["order.*"], "InvalidWebhookUrl"),
    ("/relative/path", ["order.*"], "InvalidWebhookUrl"),
    ("http://user:pw@127.0.0.1/hook", ["order.*"], "InvalidWebhookUrl"),
    ("http://127.0.0.1:8080/hook", ["order.shipped"], "UnknownEventPattern"),
    ("http://127.0.0.1:8080/hook", ["realname.submitted"], "UnknownEventPattern"),
    ("http://127.0.0.1:8080/hook", ["order*"], "UnknownEventPattern"),
    ("http://10.0.0.5/hook", ["order.*"], "WebhookTargetRefused"),
    ("http://169.254.169.254/latest/meta-data", ["*"], "WebhookTargetRefused"),
    ("http://[fd00::1]/hook", ["*"], "WebhookTargetRefused"),
    ("http://no-such-host.invalid/hook", ["*"], "WebhookHostUnresolvable"),
])
def test_bad_webhooks_are_refused_with_400_and_nothing_is_stored(
        moto: None, url: str, events: list[str], code: str) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        response = create(client, keys["cn-main"], url, events)
        listed = json.loads(client.http.get("/v1/webhooks", headers=bearer(keys["cn-main"])).body)
    assert response.status_code == 400, response.body
    assert json.loads(response.body)["Code"] == code
    assert listed == {"webhooks": []}


def test_webhooks_are_listed_without_secret_and_deleted_by_their_owner(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        created = json.loads(create(client, keys["cn-main"], "http://127.0.0.1:9/h",
                                    ["order.*", "domain.registered", "order.*"]).body)
        listed = json.loads(client.http.get("/v1/webhooks", headers=bearer(keys["cn-ram"])).body)
        other = client.http.delete(f"/v1/webhooks/{created['webhook_id']}",
                                   headers=bearer(keys["intl-main"]))
        by_ram = client.http.delete(f"/v1/webhooks/{created['webhook_id']}",
                                    headers=bearer(keys["cn-ram"]))
        deleted = client.http.delete(f"/v1/webhooks/{created['webhook_id']}",
                                     headers=bearer(keys["cn-main"]))
        again = client.http.delete(f"/v1/webhooks/{created['webhook_id']}",
                                   headers=bearer(keys["cn-main"]))
    assert created["secret"].startswith("whsec_")
    assert created["events"] == ["order.*", "domain.registered"]
    [view] = listed["webhooks"]
    assert "secret" not in view and view["webhook_id"] == created["webhook_id"]
    assert other.status_code == 404 and json.loads(other.body)["Code"] == "WebhookNotFound"
    assert by_ram.status_code == 403 and json.loads(by_ram.body)["Code"] == "RamUserForbidden"
    assert deleted.status_code == 204 and again.status_code == 404


def test_ram_users_cannot_register_webhooks(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        response = create(client, keys["cn-ram"], "http://127.0.0.1:9/h", ["*"])
    assert response.status_code == 403
    assert json.loads(response.body)["Code"] == "RamUserForbidden"


def test_webhooks_get_only_the_events_their_patterns_match(moto: None) -> None:
    keys = demo_accounts()
    with running_receiver() as orders_hook, running_receiver() as held_hook, \
            notify_client() as client:
        create(client, keys["cn-main"], orders_hook.url, ["order.*"])
        create(client, keys["cn-main"], held_hook.url, ["domain.held"])
        deliver_event(client, envelope(OrderCreated(
            order_id="o-7", account_id="demo-cn-main", domains=["a.cn"], total=2900,
            currency="CNY")).to_json())
        deliver_event(client, envelope(DomainHeld(domain="a.cn", ascii="a.cn",
                                                  account_id="demo-intl-main",
                                                  reason="realname_pending")).to_json())
        for job in take_webhook_jobs():
            run_webhook_job(client, job)
    assert [json.loads(r.body)["event_type"] for r in orders_hook.received] == ["order.created"]
    assert held_hook.received == []  # another account's event


def test_failed_attempts_are_retried_with_backoff_then_delivered(
        moto: None, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = demo_accounts()
    with running_receiver() as receiver, notify_client() as client:
        # Given a receiver that answers 500, then 503, then 200
        receiver.statuses = [500, 503]
        webhook = json.loads(create(client, keys["cn-main"], receiver.url, ["domain.*"]).body)
        deliver_event(client, envelope(DomainHeld(domain="a.cn", ascii="a.cn",
                                                  account_id="demo-cn-main",
                                                  reason="realname_pending")).to_json())
        # When the first attempt fails
        [job] = take_webhook_jobs()
        run_webhook_job(client, job)
        # Then the next attempt waits on the queue (SQS DelaySeconds), not in a worker
        assert webhook_queue_depth() == {"visible": 0, "delayed": 1}
        path = f"/v1/webhooks/{webhook['webhook_id']}/deliveries"
        [retrying] = json.loads(client.http.get(path, headers=bearer(keys["cn-main"])).body)[
            "deliveries"]
        # When attempts 2 (503) and 3 (200) are made
        run_webhook_job(client, {**job, "attempt": 2})
        run_webhook_job(client, {**job, "attempt": 3})
        run_webhook_job(client, {**job, "attempt": 3})  # a duplicate job changes nothing
        [final] = json.loads(client.http.get(path, headers=bearer(keys["cn-main"])).body)[
            "deliveries"]
    assert retrying["status"] == "retrying" and retrying["attempts"] == 1
    assert retrying["last_status_code"] == 500 and retrying["next_attempt_at"]
    assert [r.headers["X-Delivery-Attempt"] for r in receiver.received] == ["1", "2", "3"]
    assert final["status"] == "delivered" and final["attempts"] == 3
    assert final["last_status_code"] == 200


def test_a_delivery_fails_for_good_after_the_last_attempt(
        moto: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_WEBHOOK_MAX_ATTEMPTS", "2")
    keys = demo_accounts()
    with running_receiver() as receiver, notify_client() as client:
        receiver.statuses = [500, 500, 500]
        webhook = json.loads(create(client, keys["cn-main"], receiver.url, ["*"]).body)
        deliver_event(client, envelope(DomainHeld(domain="a.cn", ascii="a.cn",
                                                  account_id="demo-cn-main",
                                                  reason="x")).to_json())
        [job] = take_webhook_jobs()
        run_webhook_job(client, job)
        run_webhook_job(client, {**job, "attempt": 2})
        deliveries = json.loads(client.http.get(
            f"/v1/webhooks/{webhook['webhook_id']}/deliveries",
            headers=bearer(keys["cn-main"])).body)["deliveries"]
    assert len(receiver.received) == 2
    assert [(d["status"], d["attempts"]) for d in deliveries] == [("failed", 2)]
    assert webhook_queue_depth()["delayed"] == 1  # only the job sent after attempt 1


def test_a_hanging_receiver_times_out_and_other_webhooks_still_get_their_post(
        moto: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_WEBHOOK_TIMEOUT_SECONDS", "1")
    keys = demo_accounts()
    with running_receiver() as slow, running_receiver() as fast, notify_client() as client:
        slow.hang_seconds = 2.5
        create(client, keys["cn-main"], slow.url, ["*"])
        create(client, keys["cn-main"], fast.url, ["*"])
        deliver_event(client, envelope(DomainHeld(domain="a.cn", ascii="a.cn",
                                                  account_id="demo-cn-main",
                                                  reason="x")).to_json())
        jobs = take_webhook_jobs()
        for job in jobs:
            run_webhook_job(client, job)
        statuses = {}
        for webhook in json.loads(client.http.get(
                "/v1/webhooks", headers=bearer(keys["cn-main"])).body)["webhooks"]:
            [d] = json.loads(client.http.get(
                f"/v1/webhooks/{webhook['webhook_id']}/deliveries",
                headers=bearer(keys["cn-main"])).body)["deliveries"]
            statuses[webhook["url"]] = (d["status"], d["last_error"])
    assert len(jobs) == 2  # one SQS message per delivery
    assert statuses[fast.url] == ("delivered", None)
    assert statuses[slow.url][0] == "retrying" and "timed out" in statuses[slow.url][1]


def test_deliveries_of_a_deleted_webhook_are_cancelled(moto: None) -> None:
    keys = demo_accounts()
    with running_receiver() as receiver, notify_client() as client:
        webhook = json.loads(create(client, keys["cn-main"], receiver.url, ["*"]).body)
        deliver_event(client, envelope(DomainHeld(domain="a.cn", ascii="a.cn",
                                                  account_id="demo-cn-main",
                                                  reason="x")).to_json())
        client.http.delete(f"/v1/webhooks/{webhook['webhook_id']}",
                           headers=bearer(keys["cn-main"]))
        for job in take_webhook_jobs():
            run_webhook_job(client, job)
    assert receiver.received == []


def test_deliveries_of_another_accounts_webhook_are_404(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        webhook = json.loads(create(client, keys["cn-main"], "http://127.0.0.1:9/", ["*"]).body)
        response = client.http.get(f"/v1/webhooks/{webhook['webhook_id']}/deliveries",
                                   headers=bearer(keys["intl-main"]))
    assert response.status_code == 404

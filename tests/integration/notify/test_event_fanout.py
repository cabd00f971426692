"""One customer event becomes one e-mail, one SMS, one message and one webhook POST, even
when it is delivered again."""

import json

from chalicelib.notify import rules, service, wiring
from chalicelib.notify.errors import ChannelUnavailable
from registrar_shared.events import DomainExpiring, DomainRegistered, DomainRegistrationFailed
from tests.integration.helpers import demo_accounts
from tests.integration.notify.helpers import (
    bearer,
    deliver_event,
    envelope,
    notify_client,
    run_webhook_job,
    sent_emails,
    sent_sms,
    take_webhook_jobs,
)
from tests.integration.notify.receiver import running_receiver


def failed_registration() -> DomainRegistrationFailed:
    return DomainRegistrationFailed(domain="例子.中国", ascii="xn--fsqu00a.xn--fiqs8s",
                                    account_id="demo-cn-main", order_id="o-42",
                                    code="DomainUnavailable", message="taken meanwhile")


def test_same_event_twice_gives_one_email_one_sms_one_message_one_webhook_post(moto: None
                                                                                ) -> None:
    keys = demo_accounts()
    with running_receiver() as receiver, notify_client() as client:
        # Given cn-main has a webhook for domain events
        created = client.http.post("/v1/webhooks", headers=bearer(keys["cn-main"]),
                                   body=json.dumps({"url": receiver.url,
                                                    "events": ["domain.*"]}))
        assert created.status_code == 201
        secret = json.loads(created.body)["secret"]
        # When the same registration-failed event arrives twice
        body = envelope(failed_registration()).to_json()
        deliver_event(client, body)
        deliver_event(client, body)
        # and every queued webhook job is run twice (SQS may redeliver those too)
        jobs = take_webhook_jobs()
        for job in jobs + jobs:
            run_webhook_job(client, job)
        messages = json.loads(client.http.get(
            "/v1/messages", headers=bearer(keys["cn-main"])).body)["messages"]
    # Then each channel was used exactly once
    emails = sent_emails("cn-main@example.com")
    assert len(emails) == 1 and "例子.中国" in emails[0].subject
    assert "注册失败" in emails[0].body  # a cn account is written to in Chinese
    assert [phone for phone, _ in sent_sms()] == ["+8613800000001"]
    assert len(messages) == 1
    assert messages[0]["event_type"] == "domain.registration_failed"
    assert messages[0]["channels"] == ["email", "sms", "webhook"]
    assert len(jobs) == 1 and len(receiver.received) == 1
    post = receiver.received[0]
    assert post.body == body.encode()
    assert rules.verify(secret, post.body, post.headers["X-Signature"])
    timestamp = int(post.headers["X-Timestamp"])
    assert post.headers["X-Signature-Timestamped"] == rules.sign_timestamped(
        secret, timestamp, post.body)


def test_events_without_sms_go_by_email_and_message_centre_only(moto: None) -> None:
    keys = demo_accounts()
    event = DomainRegistered(domain="hello.com", ascii="hello.com", account_id="demo-intl-main",
                             order_id="o-1", template_id="t-1", years=2,
                             expires_at="2028-01-02T00:00:00.000Z")
    with notify_client() as client:
        deliver_event(client, envelope(event).to_json())
        listed = json.loads(client.http.get(
            "/v1/messages", headers=bearer(keys["intl-main"])).body)["messages"]
    assert sent_sms() == []
    [email] = sent_emails("intl-main@example.com")
    assert email.subject == "[Registrar] hello.com is registered"
    assert "expires on 2028-01-02" in email.body
    assert [m["channels"] for m in listed] == [["email"]]


def test_retry_after_an_sms_outage_does_not_send_the_email_again(moto: None) -> None:
    # Given the SMS provider is down on the first try
    demo_accounts()

    class FlakyTexter:
        calls = 0

        def send(self, *, phone: str, text: str) -> str:
            FlakyTexter.calls += 1
            if FlakyTexter.calls == 1:
                raise ChannelUnavailable(channel="sms")
            return wiring.get_texter().send(phone=phone, text=text)

    event = envelope(DomainExpiring(domain="old.cn", ascii="old.cn", account_id="demo-cn-main",
                                    expires_at="2026-12-01T00:00:00.000Z", days_left=7))
    deps = dict(repo=wiring.get_repository(), accounts=wiring.get_accounts(),
                mailer=wiring.get_mailer(), texter=FlakyTexter(),
                queue=wiring.get_webhook_queue(), templates=wiring.get_templates(),
                clock=wiring.get_clock())
    # When the event is handled, fails on SMS, and is handled again
    try:
        service.notify_event(event, **deps)  # type: ignore[arg-type]
        raise AssertionError("the SMS outage should have been raised for a retry")
    except ChannelUnavailable:
        pass
    service.notify_event(event, **deps)  # type: ignore[arg-type]
    service.notify_event(event, **deps)  # type: ignore[arg-type]
    # Then one e-mail, one SMS, one message
    assert len(sent_emails("cn-main@example.com")) == 1
    assert len(sent_sms("+8613800000001")) == 1
    messages, _ = wiring.get_repository().list_messages("demo-cn-main", limit=10, token=None)
    assert len(messages) == 1


def test_events_of_a_ram_user_reach_the_main_accounts_contact_and_messages(moto: None) -> None:
    keys = demo_accounts()
    event = DomainExpiring(domain="ram.cn", ascii="ram.cn", account_id="demo-cn-ram",
                           expires_at="2026-12-01T00:00:00.000Z", days_left=1)
    with notify_client() as client:
        deliver_event(client, envelope(event).to_json())
        as_ram = json.loads(client.http.get("/v1/messages",
                                            headers=bearer(keys["cn-ram"])).body)
        as_main = json.loads(client.http.get("/v1/messages",
                                             headers=bearer(keys["cn-main"])).body)
    assert len(sent_emails("cn-main@example.com")) == 1 and not sent_emails("cn-ram@example.com")
    assert as_ram == as_main and len(as_main["messages"]) == 1


def test_a_malformed_payload_is_acknowledged_without_sending(moto: None) -> None:
    demo_accounts()
    good = json.loads(envelope(failed_registration()).to_json())
    del good["payload"]["domain"]
    with notify_client() as client:
        deliver_event(client, json.dumps(good))
    assert sent_emails() == [] and sent_sms() == []

"""Contact details (defaults from the account, editable) and the message centre."""

import json

import pytest

from registrar_shared.events import DomainExpiring, OrderCancelled
from tests.integration.helpers import demo_accounts
from tests.integration.notify.helpers import (
    bearer,
    deliver_event,
    envelope,
    notify_client,
    sent_emails,
    sent_sms,
)


def test_contact_defaults_to_the_accounts_email_and_phone(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        main = json.loads(client.http.get("/v1/contact", headers=bearer(keys["cn-main"])).body)
        ram = json.loads(client.http.get("/v1/contact", headers=bearer(keys["cn-ram"])).body)
        intl = json.loads(client.http.get("/v1/contact", headers=bearer(keys["intl-main"])).body)
    assert main == {"account_id": "demo-cn-main", "email": "cn-main@example.com",
                    "phone": "+8613800000001", "language": "zh", "source": "account",
                    "updated_at": None}
    assert ram == main  # a RAM user sees its main account's contact
    assert intl["language"] == "en" and intl["phone"] == "+14155550100"


def test_an_updated_contact_receives_the_next_notifications(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        # Given cn-main changes its contact details and prefers English
        updated = client.http.put("/v1/contact", headers=bearer(keys["cn-main"]), body=json.dumps(
            {"email": "ops@例子.中国", "phone": "+86 139 0000 0009", "language": "en"}))
        # When an expiry reminder arrives
        deliver_event(client, envelope(DomainExpiring(
            domain="a.cn", ascii="a.cn", account_id="demo-cn-main",
            expires_at="2026-12-01T00:00:00.000Z", days_left=30)).to_json())
        shown = json.loads(client.http.get("/v1/contact", headers=bearer(keys["cn-main"])).body)
    # Then it goes to the new address and number, in English
    assert updated.status_code == 200
    assert shown["source"] == "custom" and shown["phone"] == "+8613900000009"
    [email] = sent_emails("ops@例子.中国")
    assert email.subject == "[Registrar] a.cn expires in 30 day(s)"
    assert [phone for phone, _ in sent_sms()] == ["+8613900000009"]
    assert sent_emails("cn-main@example.com") == []


def test_phone_can_be_removed_to_stop_sms(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        client.http.put("/v1/contact", headers=bearer(keys["cn-main"]),
                        body=json.dumps({"email": "cn-main@example.com", "phone": None}))
        deliver_event(client, envelope(DomainExpiring(
            domain="a.cn", ascii="a.cn", account_id="demo-cn-main",
            expires_at="2026-12-01T00:00:00.000Z", days_left=1)).to_json())
    assert len(sent_emails("cn-main@example.com")) == 1 and sent_sms() == []


@pytest.mark.parametrize(("body", "code"), [
    ({"email": "not-an-email"}, "InvalidContactEmail"),
    ({"email": "a@b.cn", "phone": "13800000000"}, "InvalidContactPhone"),
    ({"email": "a@b.cn", "language": "fr"}, "ValidationError"),
    ({"email": "a@b.cn", "fax": "+861"}, "ValidationError"),
    ({"phone": "+8613800000000"}, "ValidationError"),
])
def test_bad_contact_details_are_refused_and_nothing_changes(
        moto: None, body: dict, code: str) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        response = client.http.put("/v1/contact", headers=bearer(keys["cn-main"]),
                                   body=json.dumps(body))
        after = json.loads(client.http.get("/v1/contact", headers=bearer(keys["cn-main"])).body)
    assert response.status_code == 400 and json.loads(response.body)["Code"] == code
    assert after["source"] == "account"


def test_ram_users_cannot_change_the_contact(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        response = client.http.put("/v1/contact", headers=bearer(keys["cn-ram"]),
                                   body=json.dumps({"email": "ram@example.com"}))
    assert response.status_code == 403
    assert json.loads(response.body)["Code"] == "RamUserForbidden"


def test_notify_endpoints_need_an_api_key(moto: None) -> None:
    demo_accounts()
    with notify_client() as client:
        for path in ("/v1/contact", "/v1/messages", "/v1/webhooks"):
            response = client.http.get(path)
            assert response.status_code == 401
            assert json.loads(response.body)["Code"] == "Unauthorized"


def test_messages_are_newest_first_and_paginated(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        for number in range(5):
            deliver_event(client, envelope(OrderCancelled(
                order_id=f"o-{number}", account_id="demo-intl-main",
                reason="unpaid")).to_json())
        pages, token = [], None
        while True:
            query = "?limit=2" + (f"&next_token={token}" if token else "")
            page = json.loads(client.http.get("/v1/messages" + query,
                                              headers=bearer(keys["intl-main"])).body)
            pages.append([m["subject"] for m in page["messages"]])
            token = page["next_token"]
            if token is None:
                break
        others = json.loads(client.http.get("/v1/messages",
                                            headers=bearer(keys["cn-main"])).body)
    subjects = [s for page in pages for s in page]
    assert subjects == [f"[Registrar] Order o-{n} cancelled" for n in (4, 3, 2, 1, 0)]
    assert all(len(page) <= 2 for page in pages)
    assert others == {"messages": [], "next_token": None}


def test_messages_follow_accept_language_else_the_contacts_language(moto: None) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        deliver_event(client, envelope(OrderCancelled(order_id="o-9", account_id="demo-cn-main",
                                                      reason="unpaid")).to_json())
        default = json.loads(client.http.get("/v1/messages",
                                             headers=bearer(keys["cn-main"])).body)
        english = json.loads(client.http.get(
            "/v1/messages", headers=bearer(keys["cn-main"], **{"Accept-Language": "en-US"})).body)
    assert default["messages"][0]["subject"] == "【域名注册】订单 o-9 已取消"
    assert english["messages"][0]["subject"] == "[Registrar] Order o-9 cancelled"
    assert set(default["messages"][0]) == {"message_id", "event_id", "event_type", "subject",
                                           "body", "created_at", "channels"}


@pytest.mark.parametrize("query", ["?limit=0", "?limit=201", "?limit=abc",
                                   "?next_token=%%%", "?next_token=eyJQSyI6IkFDQ09VTlQjeCJ9",
                                   "?page=2"])
def test_bad_paging_parameters_are_400(moto: None, query: str) -> None:
    keys = demo_accounts()
    with notify_client() as client:
        response = client.http.get("/v1/messages" + query, headers=bearer(keys["cn-main"]))
    assert response.status_code == 400, query
    assert json.loads(response.body)["Code"] in ("ValidationError", "InvalidNextToken")

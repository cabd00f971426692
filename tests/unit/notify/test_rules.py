import json

import pytest

from chalicelib.notify import rules, templates
from chalicelib.notify.errors import (
    InvalidContactEmail,
    InvalidContactPhone,
    InvalidWebhookUrl,
    UnknownEventPattern,
)
from chalicelib.notify.model import Contact
from registrar_shared.events import EVENT_TYPES
from registrar_shared.resources import CUSTOMER_EVENTS

TEMPLATES = templates.load()

SAMPLE_VALUES = {
    "order_id": "o-1", "account_id": "acc-1", "domains": ["例子.中国", "b.com"], "total": 2900,
    "currency": "CNY", "payment_id": "p-1", "method": "balance", "amount": 1234,
    "reason": "realname_pending", "status": "partially_succeeded", "domain": "例子.中国",
    "ascii": "xn--fsqu00a.xn--fiqs8s", "template_id": "t-1", "years": 2,
    "expires_at": "2028-03-04T00:00:00.000Z", "product": None, "on_hold": False,
    "code": "DomainUnavailable", "message": "taken", "days_left": 7, "email": "a@b.cn",
    "upload_id": "u-1", "document_type": "id_card", "holder_name": "张三",
    "changes": [{"action": "UPSERT"}], "zone_id": "Z1",
}


def sample_payload(event_type: str) -> dict:
    model = EVENT_TYPES[event_type]
    payload = {name: SAMPLE_VALUES[name] for name, info in model.model_fields.items()
               if info.is_required() or name in SAMPLE_VALUES}
    return model.model_validate(payload).model_dump(mode="json")


def test_every_customer_event_has_texts_in_chinese_and_english() -> None:
    assert set(TEMPLATES.events) == set(CUSTOMER_EVENTS)
    for event_type in CUSTOMER_EVENTS:
        for language in rules.LANGUAGES:
            texts = TEMPLATES.events[event_type][language]
            assert texts["subject"] and texts["body"], (event_type, language)


@pytest.mark.parametrize("event_type", CUSTOMER_EVENTS)
def test_templates_use_only_payload_fields_and_derived_fields(event_type: str) -> None:
    payload = sample_payload(event_type)
    known = set(payload) | set(rules.derived_fields(payload, "en", TEMPLATES.vocabulary["en"]))
    for language in rules.LANGUAGES:
        for text in TEMPLATES.events[event_type][language].values():
            assert rules.placeholders(text) <= known, (event_type, language, text)


@pytest.mark.parametrize("event_type", CUSTOMER_EVENTS)
@pytest.mark.parametrize("language", rules.LANGUAGES)
def test_every_template_renders_without_leftovers(event_type: str, language: str) -> None:
    rendered = rules.render(TEMPLATES, event_type, language, sample_payload(event_type))
    for text in (rendered.subject, rendered.body, rendered.sms or ""):
        assert "{" not in text and "None" not in text


def test_sms_goes_out_for_failures_holds_expiry_and_refunds_only() -> None:
    assert TEMPLATES.sms_events() == {
        "domain.registration_failed", "domain.held", "domain.expiring", "domain.expired",
        "realname.failed", "payment.refunded"}


def test_sms_texts_fit_one_short_message() -> None:
    for event_type in TEMPLATES.sms_events():
        for language in rules.LANGUAGES:
            sms = rules.render(TEMPLATES, event_type, language, sample_payload(event_type)).sms
            assert sms is not None and len(sms) <= 140


def test_money_is_shown_in_major_units_per_language() -> None:
    assert rules.money_text(2900, "CNY", "zh") == "29.00 元"
    assert rules.money_text(2905, "CNY", "en") == "¥29.05"
    assert rules.money_text(1999, "USD", "en") == "$19.99"
    assert rules.money_text(5, "EUR", "en") == "0.05 EUR"


def test_payload_text_is_inserted_never_interpreted() -> None:
    payload = {**sample_payload("order.cancelled"), "reason": "{order_id.__class__} {0}"}
    rendered = rules.render(TEMPLATES, "order.cancelled", "en", payload)
    assert "{order_id.__class__} {0}" in rendered.body


def test_chinese_accounts_are_written_to_in_chinese() -> None:
    assert rules.language_for_site("cn") == "zh"
    assert rules.language_for_site("intl") == "en"
    assert rules.language_for_site(None) == "en"


def test_the_chinese_reason_is_used_in_chinese_texts_when_the_producer_sends_one() -> None:
    payload = {**sample_payload("realname.failed"), "message": "Photo is blurry",
               "message_zh": "照片模糊"}
    assert "照片模糊" in rules.render(TEMPLATES, "realname.failed", "zh", payload).body
    assert "Photo is blurry" in rules.render(TEMPLATES, "realname.failed", "en", payload).body
    del payload["message_zh"]
    assert "Photo is blurry" in rules.render(TEMPLATES, "realname.failed", "zh", payload).body


def test_registered_on_hold_mentions_the_hold() -> None:
    payload = {**sample_payload("domain.registered"), "on_hold": True}
    assert "serverHold" in rules.render(TEMPLATES, "domain.registered", "zh", payload).body
    payload["on_hold"] = False
    assert "serverHold" not in rules.render(TEMPLATES, "domain.registered", "zh", payload).body


def contact(email: str | None = "a@b.cn", phone: str | None = "+8613800000001") -> Contact:
    return Contact(account_id="a", email=email, phone=phone, language="zh")


def test_channels_follow_the_event_and_what_the_contact_has() -> None:
    plan = rules.plan_channels
    assert plan("domain.held", templates=TEMPLATES, contact=contact(),
                has_webhooks=True) == ("email", "sms", "webhook")
    assert plan("domain.registered", templates=TEMPLATES, contact=contact(),
                has_webhooks=False) == ("email",)
    assert plan("domain.held", templates=TEMPLATES, contact=contact(phone=None),
                has_webhooks=False) == ("email",)
    assert plan("domain.held", templates=TEMPLATES, contact=None, has_webhooks=False) == ()


def test_message_ids_are_stable_per_account_and_event() -> None:
    assert rules.message_id("a", "e1") == rules.message_id("a", "e1")
    assert rules.message_id("a", "e1") != rules.message_id("b", "e1")


@pytest.mark.parametrize(("pattern", "event_type", "matches"), [
    ("*", "order.paid", True),
    ("order.*", "order.paid", True),
    ("order.*", "orders.paid", False),
    ("domain.registered", "domain.registered", True),
    ("domain.registered", "domain.registration_failed", False),
    ("domain.*", "dns.records_changed", False),
])
def test_patterns_match_exact_types_categories_and_everything(
        pattern: str, event_type: str, matches: bool) -> None:
    assert rules.pattern_matches(pattern, event_type) is matches


def test_patterns_are_trimmed_and_deduplicated() -> None:
    assert rules.validate_patterns([" order.* ", "order.*", "domain.held"],
                                   CUSTOMER_EVENTS) == ("order.*", "domain.held")


@pytest.mark.parametrize("patterns", [
    ["order.shipped"], ["order*"], ["*.paid"], ["realname.submitted"], ["ORDER.*"], [],
    ["order.*"] * 2 + [f"domain.{i}" for i in range(60)],
])
def test_unknown_or_undeliverable_patterns_are_refused(patterns: list[str]) -> None:
    with pytest.raises(UnknownEventPattern):
        rules.validate_patterns(patterns, CUSTOMER_EVENTS)


def test_signature_is_hmac_sha256_of_the_raw_body_in_hex() -> None:
    # RFC 4231 test case 2
    assert rules.sign("Jefe", b"what do ya want for nothing?") == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    message = b"what do ya want for nothing?"
    assert rules.verify("Jefe", message, rules.sign("Jefe", message))
    assert not rules.verify("Jefe", b"tampered", rules.sign("Jefe", b"original"))


def test_timestamped_signature_covers_the_timestamp() -> None:
    body = json.dumps({"event_id": "e"}).encode()
    assert rules.sign_timestamped("s", 1700000000, body) == rules.sign(
        "s", b"1700000000." + body)
    assert rules.sign_timestamped("s", 1700000000, body) != rules.sign_timestamped(
        "s", 1700000001, body)


def test_signature_headers_carry_event_and_attempt() -> None:
    headers = rules.signature_headers("s", b"{}", timestamp=42, event_id="e1",
                                      event_type="order.paid", attempt=3)
    assert headers["X-Signature"] == rules.sign("s", b"{}")
    assert headers["X-Timestamp"] == "42"
    assert headers["X-Event-Id"] == "e1" and headers["X-Delivery-Attempt"] == "3"


def test_retry_delay_doubles_and_is_capped_at_the_sqs_maximum() -> None:
    assert [rules.retry_delay(n, 30) for n in range(1, 7)] == [30, 60, 120, 240, 480, 900]
    assert rules.retry_delay(1, 0) == 0


@pytest.mark.parametrize("email", ["a@b.cn", "first.last+tag@example.com", "张三@例子.中国"])
def test_valid_emails_are_accepted(email: str) -> None:
    assert rules.validate_email(f"  {email} ") == email


@pytest.mark.parametrize("email", ["", "plain", "a@b", "a@@b.cn", "a b@c.cn", "a@-b.cn",
                                   "a@b..cn", "x" * 65 + "@b.cn", "a@" + "b" * 64 + ".cn"])
def test_invalid_emails_are_refused(email: str) -> None:
    with pytest.raises(InvalidContactEmail):
        rules.validate_email(email)


def test_phone_numbers_are_normalised_to_e164() -> None:
    assert rules.validate_phone("+86 138-0000-0001") == "+8613800000001"
    assert rules.validate_phone("+14155550100") == "+14155550100"


@pytest.mark.parametrize("phone", ["13800000001", "+0123456789", "+86abc", "+1234",
                                   "+1234567890123456"])
def test_non_e164_phone_numbers_are_refused(phone: str) -> None:
    with pytest.raises(InvalidContactPhone):
        rules.validate_phone(phone)


def test_webhook_urls_are_parsed_into_host_port_and_target() -> None:
    url = rules.parse_webhook_url("https://Hooks.Example.com/a/b?x=1")
    assert (url.scheme, url.host, url.port, url.target) == (
        "https", "hooks.example.com", 443, "/a/b?x=1")
    assert rules.parse_webhook_url("http://例子.中国:8080").host == "xn--fsqu00a.xn--fiqs8s"
    assert rules.parse_webhook_url("http://[::1]:9/").host == "::1"


@pytest.mark.parametrize("url", [
    "ftp://a.com/", "file:///etc/passwd", "gopher://a.com", "javascript:alert(1)", "a.com/x",
    "http://", "http://a.com:99999/", "http://u:p@a.com/", "http://a b.com/",
    "http://a.com/\n", "http://-a.com/", "https://a.com/" + "x" * 2048,
])
def test_non_http_or_malformed_webhook_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidWebhookUrl):
        rules.parse_webhook_url(url)


@pytest.mark.parametrize(("address", "local", "allowed"), [
    ("93.184.216.34", False, True),
    ("2606:2800:220:1:248:1893:25c8:1946", False, True),
    ("127.0.0.1", False, False),
    ("127.0.0.1", True, True),
    ("::1", True, True),
    ("10.1.2.3", True, False),
    ("172.16.0.1", False, False),
    ("192.168.1.1", False, False),
    ("169.254.169.254", True, False),
    ("100.64.0.1", False, False),
    ("0.0.0.0", False, False),
    ("224.0.0.1", False, False),
    ("240.0.0.1", False, False),
    ("fe80::1", False, False),
    ("fc00::1", False, False),
    ("::ffff:10.0.0.1", False, False),
    ("::ffff:127.0.0.1", True, True),
])
def test_only_public_addresses_receive_webhooks_and_loopback_only_locally(
        address: str, local: bool, allowed: bool) -> None:
    assert rules.address_allowed(address, local=local) is allowed

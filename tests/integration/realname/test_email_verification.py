import boto3

from tests.fakes.clock import FakeClock
from tests.integration.realname.conftest import RealnameClient, last_code, sent_mail


def request_code(realname: RealnameClient, template_id: str, **kwargs: object) -> int:
    return realname.post(f"/v1/templates/{template_id}/email-verification", **kwargs).status


def confirm(realname: RealnameClient, template_id: str, code: str, **kwargs: object):  # noqa: ANN201
    return realname.post(f"/v1/templates/{template_id}/email-verification/confirm",
                         {"code": code}, **kwargs)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_code_is_mailed_in_chinese_and_english_and_confirms_the_address(
        realname: RealnameClient) -> None:
    # Given a new template
    template_id = realname.create_template()
    # When a code is requested
    reply = realname.post(f"/v1/templates/{template_id}/email-verification")
    # Then SES sent one mail from the platform sender, in both languages
    assert reply.status == 202
    assert reply.body["expires_in"] == 900 and reply.body["max_attempts"] == 5
    mail = sent_mail()[-1]
    assert mail.source == "no-reply@registrar.example.com"
    assert mail.destinations["ToAddresses"] == ["zhangsan@example.com"]
    assert "验证码" in mail.body and "verification" in mail.subject
    assert "expires in 15 minutes" in mail.body and "15 分钟" in mail.body
    # When the code is confirmed
    confirmed = confirm(realname, template_id, last_code())
    # Then the template's e-mail is verified and orders hears of it
    assert confirmed.status == 200 and confirmed.body["email_verified"] is True
    assert confirmed.body["email_verified_at"]
    [event] = realname.events("template.email_verified", template_id=template_id)
    assert event["payload"]["email"] == "zhangsan@example.com"


def test_only_a_hash_of_the_code_is_stored(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    request_code(realname, template_id)
    code = last_code()
    item = boto3.resource("dynamodb").Table("registrar-realname").get_item(Key={
        "PK": "ACCOUNT#demo-cn-main", "SK": f"EMAILCODE#{template_id}"})["Item"]
    assert code not in str(item)
    assert len(item["code_hash"]) == 64


def test_used_code_cannot_be_used_again(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    request_code(realname, template_id)
    code = last_code()
    assert confirm(realname, template_id, code).status == 200
    again = confirm(realname, template_id, code)
    assert (again.status, again.code) == (409, "EmailCodeUsed")
    assert len(realname.events("template.email_verified", template_id=template_id)) == 1


def test_code_expires_after_fifteen_minutes(realname: RealnameClient,
                                            clock: FakeClock) -> None:
    template_id = realname.create_template()
    request_code(realname, template_id)
    code = last_code()
    clock.advance(minutes=15)
    reply = confirm(realname, template_id, code)
    assert (reply.status, reply.code) == (409, "EmailCodeExpired")
    assert realname.get(f"/v1/templates/{template_id}").body["email_verified"] is False


def test_five_wrong_codes_lock_it_until_a_new_code_is_requested(
        realname: RealnameClient, clock: FakeClock) -> None:
    template_id = realname.create_template()
    request_code(realname, template_id)
    code = last_code()
    replies = [confirm(realname, template_id, wrong(code)) for _ in range(5)]
    assert [r.code for r in replies] == ["EmailCodeIncorrect"] * 4 + ["EmailCodeLocked"]
    assert [r.body["Details"]["attempts_left"] for r in replies[:4]] == [4, 3, 2, 1]
    # even the right code no longer works
    locked = confirm(realname, template_id, code)
    assert (locked.status, locked.code) == (409, "EmailCodeLocked")
    # a new code (after the resend interval) works
    clock.advance(seconds=60)
    assert request_code(realname, template_id) == 202
    assert confirm(realname, template_id, last_code()).status == 200


def test_resending_is_limited_to_once_a_minute(realname: RealnameClient,
                                               clock: FakeClock) -> None:
    template_id = realname.create_template()
    assert request_code(realname, template_id) == 202
    first = last_code()
    clock.advance(seconds=59)
    throttled = realname.post(f"/v1/templates/{template_id}/email-verification")
    assert (throttled.status, throttled.code) == (429, "EmailCodeRequestedTooSoon")
    assert throttled.body["Details"] == {"retry_after": 1}
    clock.advance(seconds=1)
    assert request_code(realname, template_id) == 202
    # the new code replaces the old one
    assert confirm(realname, template_id, first).code in ("EmailCodeIncorrect", None)
    assert confirm(realname, template_id, last_code()).status == 200


def test_confirming_without_a_code_requested_is_a_conflict(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    reply = confirm(realname, template_id, "123456")
    assert (reply.status, reply.code) == (409, "EmailCodeNotRequested")


def test_verified_address_needs_no_new_code(realname: RealnameClient) -> None:
    template_id = realname.verified_template()
    reply = realname.post(f"/v1/templates/{template_id}/email-verification")
    assert (reply.status, reply.code) == (409, "EmailAlreadyVerified")


def test_malformed_codes_are_400_and_do_not_count_as_attempts(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    request_code(realname, template_id)
    for bad in ("12345", "abcdef", "1234567", ""):
        reply = confirm(realname, template_id, bad)
        assert (reply.status, reply.code) == (400, "ValidationError")
    # full-width digits are what a Chinese keyboard may type
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in last_code())
    assert confirm(realname, template_id, full_width).status == 200


def test_ram_user_can_verify_its_main_accounts_template(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    realname.verify_email(template_id, account="cn-ram")
    assert realname.get(f"/v1/templates/{template_id}").body["email_verified"] is True


def test_another_account_cannot_confirm(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    request_code(realname, template_id)
    reply = confirm(realname, template_id, last_code(), account="intl-main")
    assert (reply.status, reply.code) == (404, "NotFound")

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.realname import rules
from chalicelib.realname.api import CreateTemplateRequest
from chalicelib.realname.errors import (
    ChineseHolderNameRequired,
    CountryRegionMismatch,
    DocumentNumberInvalid,
    DocumentTypeMismatch,
    EmailCodeExpired,
    EmailCodeLocked,
    EmailCodeUsed,
    EnglishHolderNameRequired,
    OrganisationRequired,
    PostalCodeInvalid,
)
from chalicelib.realname.model import EmailCode, Template
from registrar_shared.identity import InvalidIdentityNumber
from tests.unit.identity.synth import GB_EXAMPLE_RESIDENT_ID, organisation_code, uscc_code
from tests.unit.realname.images import fake_pdf, noise_image, text_file, truncated

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
PERSON: dict[str, Any] = {
    "holder_type": "individual", "name": "张三", "email": "a@example.com", "phone": "13800000000",
    "region": "mainland", "country": "CN", "province": "北京", "city": "北京",
    "address": "朝阳区 1 号", "postal_code": "100000"}


def draft(**changes: Any) -> CreateTemplateRequest:
    return CreateTemplateRequest.model_validate({**PERSON, **changes})


def template(**changes: Any) -> Template:
    fields: dict[str, Any] = {**PERSON, "template_id": "tpl-1", "account_id": "acc-1",
                              "site": "cn", "created_at": NOW, "updated_at": NOW, **changes}
    return Template(**fields)


# --- templates ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["张三", "欧阳娜娜", "买买提·艾力", "阿依古丽・买买提"])
def test_chinese_person_names_pass_on_the_cn_site(name: str) -> None:
    rules.verify_template(draft(name=name), site="cn")


@pytest.mark.parametrize("name", ["Zhang San", "张San", "张三1", "·张三", "ちょう"])
def test_non_chinese_person_names_fail_on_the_cn_site(name: str) -> None:
    with pytest.raises(ChineseHolderNameRequired):
        rules.verify_template(draft(name=name), site="cn")


def test_enterprise_names_need_only_some_chinese_and_an_organisation() -> None:
    rules.verify_template(draft(holder_type="enterprise", name="Li Si",
                                organisation="TCL科技集团股份有限公司"), site="cn")
    with pytest.raises(OrganisationRequired):
        rules.verify_template(draft(holder_type="enterprise"), site="cn")


def test_intl_site_takes_latin_names_or_an_english_form() -> None:
    rules.verify_template(draft(name="John Smith", region="other", country="US"), site="intl")
    rules.verify_template(draft(name_en="Zhang San"), site="intl")
    with pytest.raises(EnglishHolderNameRequired):
        rules.verify_template(draft(), site="intl")


@pytest.mark.parametrize("region,country,ok", [
    ("mainland", "CN", True), ("hong_kong", "HK", True), ("macau", "MO", True),
    ("taiwan", "TW", True), ("other", "SG", True), ("hong_kong", "CN", False),
    ("other", "TW", False), ("mainland", "HK", False)])
def test_country_must_belong_to_the_region(region: str, country: str, ok: bool) -> None:
    if ok:
        rules.verify_region(region, country, "100000")
    else:
        with pytest.raises(CountryRegionMismatch):
            rules.verify_region(region, country, "100000")


def test_mainland_needs_a_six_digit_postal_code_hong_kong_none() -> None:
    rules.verify_region("hong_kong", "HK", None)
    for bad in (None, "10000", "1000000", "A00000"):
        with pytest.raises(PostalCodeInvalid):
            rules.verify_region("mainland", "CN", bad)


# --- documents ---------------------------------------------------------------------------

@pytest.mark.parametrize("document_type,holder,organisation_type,fits", [
    ("id_card", "individual", None, True), ("id_card", "enterprise", None, False),
    ("business_licence", "enterprise", None, True), ("business_licence", "individual", None,
                                                      False),
    ("trademark_certificate", "individual", None, True),
    ("trademark_certificate", "enterprise", None, True),
    ("gov_certificate", "enterprise", "government", True),
    ("gov_certificate", "enterprise", "company", False),
    ("entity_qualification", "enterprise", None, True),
    ("entity_qualification", "individual", None, False)])
def test_document_types_fit_their_holders(document_type: str, holder: str,
                                          organisation_type: str | None, fits: bool) -> None:
    subject = template(holder_type=holder, organisation="示例有限公司",
                       organisation_type=organisation_type)
    if fits:
        rules.verify_document_fits(document_type, subject)
    else:
        with pytest.raises(DocumentTypeMismatch):
            rules.verify_document_fits(document_type, subject)


def test_document_numbers_are_normalised_per_type() -> None:
    today = date(2026, 11, 27)
    assert rules.normalise_document_number("id_card", "11010519491231002x",
                                           today=today) == GB_EXAMPLE_RESIDENT_ID
    assert rules.normalise_document_number("business_licence", uscc_code().lower(),
                                           today=today) == uscc_code()
    code = organisation_code()
    assert rules.normalise_document_number("gov_certificate", f"{code[:8]}-{code[8]}",
                                           today=today) == code
    assert rules.normalise_document_number("gov_certificate", uscc_code(authority="1"),
                                           today=today) == uscc_code(authority="1")
    assert rules.normalise_document_number("trademark_certificate", "ｇ１２３４５６７",
                                           today=today) == "G1234567"


@pytest.mark.parametrize("document_type,number", [
    ("id_card", "110105194912310021"), ("business_licence", "91440300MA5G00012X"),
    ("trademark_certificate", "12"), ("trademark_certificate", "TM-ABC"),
    ("gov_certificate", "12345678-0")])
def test_invalid_document_numbers_raise_document_number_invalid(document_type: str,
                                                               number: str) -> None:
    with pytest.raises((DocumentNumberInvalid, InvalidIdentityNumber)) as caught:
        rules.normalise_document_number(document_type, number, today=date(2026, 11, 27))
    assert caught.value.code == "DocumentNumberInvalid"


def test_birth_date_bound_is_the_date_in_beijing() -> None:
    late_utc = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # already 28 Nov in Beijing
    assert rules.china_today(late_utc) == date(2026, 11, 28)


@pytest.mark.parametrize("on_document,holder,same", [
    ("张三", "张三", True), (" 张 三 ", "张三", True), ("ＪＯＨＮ smith", "John Smith", True),
    ("买买提・艾力", "买买提·艾力", True), ("张三", "张叁", False), ("张三丰", "张三", False)])
def test_names_compare_as_a_person_would(on_document: str, holder: str, same: bool) -> None:
    assert rules.names_match(on_document, holder) is same


def test_object_keys_round_trip_and_foreign_keys_parse_to_nothing() -> None:
    key = rules.object_key("acc-1", "tpl-2", "upl-3")
    assert key == "realname/acc-1/tpl-2/upl-3"
    assert rules.parse_object_key(key) == ("acc-1", "tpl-2", "upl-3")
    for other in ("realname/acc-1/tpl-2", "other/acc-1/tpl-2/upl-3",
                  "realname/acc-1/tpl-2/upl-3/x", "realname/a b/tpl/upl", "realname/a/../b"):
        assert rules.parse_object_key(other) is None


# --- files -------------------------------------------------------------------------------

@pytest.mark.parametrize("content_type", ["image/jpeg", "image/png", "image/bmp", "image/webp"])
def test_real_images_are_recognised_from_their_bytes(content_type: str) -> None:
    data = noise_image(content_type)
    assert rules.sniff(data) == content_type
    assert rules.inspect_document(data, content_type) is None


@pytest.mark.parametrize("data,kind", [
    (fake_pdf(), "application/pdf"), (text_file(), "text/plain"),
    (b"GIF89a" + b"\0" * 100, "image/gif"), (b"PK\x03\x04" + b"\0" * 100, "application/zip"),
    (b"BM is how this text starts" * 3, "text/plain"), (bytes(range(256)) * 4,
                                                       "application/octet-stream")])
def test_other_files_are_named_by_their_bytes_not_their_name(data: bytes, kind: str) -> None:
    assert rules.sniff(data) == kind


def code_of(data: bytes, declared: str = "image/jpeg") -> str | None:
    failure = rules.inspect_document(data, declared)
    return None if failure is None else failure.code


def test_declared_type_must_be_the_real_type() -> None:
    failure = rules.inspect_document(noise_image("image/png"), "image/jpeg")
    assert failure is not None and failure.code == "FileTypeNotAllowed"
    assert "image/png" in failure.message_en and "image/png" in failure.message_zh


def test_truncated_or_corrupt_images_are_unreadable() -> None:
    jpeg = noise_image("image/jpeg", size=(400, 400))
    assert code_of(truncated(jpeg)) == "FileUnreadable"
    assert code_of(jpeg[:3] + b"\0" * 80_000) == "FileUnreadable"
    png = noise_image("image/png")
    assert code_of(truncated(png), "image/png") == "FileUnreadable"


def test_size_limits_are_inclusive() -> None:
    jpeg = noise_image("image/jpeg", size=(64, 64))
    assert len(jpeg) < rules.MIN_BYTES
    padded = jpeg + b"\0" * (rules.MIN_BYTES - len(jpeg))  # bytes after the end marker
    assert code_of(padded) is None
    assert code_of(padded[:-1] if padded.endswith(b"\0") else padded) == "FileTooSmall"
    big = jpeg + b"\0" * (rules.MAX_BYTES - len(jpeg))
    assert code_of(big) is None
    assert code_of(big + b"\0") == "FileTooLarge"


def test_enormous_pixel_counts_are_refused_before_decoding() -> None:
    png = noise_image("image/png", size=(8, 8))
    # patch the IHDR width/height to 100000 x 100000 (CRC is not checked before decoding)
    bomb = png[:16] + (100_000).to_bytes(4, "big") * 2 + png[24:] + b"\0" * 60_000
    assert code_of(bomb, "image/png") == "FileUnreadable"


def test_holder_checks_report_the_first_failing_rule() -> None:
    subject = template()
    today = date(2026, 11, 27)

    def code(**changes: Any) -> str | None:
        values: dict[str, Any] = {"document_type": "id_card",
                                  "document_number": GB_EXAMPLE_RESIDENT_ID,
                                  "holder_name": "张三", **changes}
        failure = rules.check_holder(template=subject, today=today, **values)
        return None if failure is None else failure.code

    assert code() is None
    assert code(holder_name=None) is None
    assert code(holder_name="李四") == "NameMismatch"
    assert code(document_number="110105194912310021") == "DocumentNumberInvalid"
    assert code(document_type="business_licence") == "DocumentTypeMismatch"


# --- e-mail codes ------------------------------------------------------------------------

def record(**changes: Any) -> EmailCode:
    salt = "s"
    fields: dict[str, Any] = {
        "account_id": "acc-1", "template_id": "tpl-1", "email": "a@example.com", "salt": salt,
        "code_hash": rules.hash_code("123456", salt=salt, template_id="tpl-1"),
        "sent_at": NOW, "expires_at": NOW + rules.CODE_LIFETIME, **changes}
    return EmailCode(**fields)


def test_code_hash_matches_only_the_code_of_that_template() -> None:
    assert rules.code_matches(record(), "123456")
    assert not rules.code_matches(record(), "123457")
    assert not rules.code_matches(record(template_id="tpl-2"), "123456")


def test_code_usability_checks() -> None:
    rules.verify_code_usable(record(), now=NOW + timedelta(minutes=14, seconds=59))
    with pytest.raises(EmailCodeExpired):
        rules.verify_code_usable(record(), now=NOW + timedelta(minutes=15))
    with pytest.raises(EmailCodeLocked):
        rules.verify_code_usable(record(attempts=5), now=NOW)
    with pytest.raises(EmailCodeUsed):
        rules.verify_code_usable(record(used=True), now=NOW)


def test_resend_wait_counts_whole_seconds_up() -> None:
    assert rules.resend_wait(None, now=NOW) == 0
    assert rules.resend_wait(record(), now=NOW) == 60
    assert rules.resend_wait(record(), now=NOW + timedelta(seconds=59.5)) == 1
    assert rules.resend_wait(record(), now=NOW + timedelta(seconds=60)) == 0


def test_mail_is_bilingual_and_escapes_the_holder_in_html() -> None:
    subject, text, html = rules.email_code_message("042917", template_id="tpl-1",
                                                   holder="<b>张三</b>")
    assert "验证码" in subject and "verification code" in subject
    assert text.count("042917") == 2 and "15 分钟" in text and "15 minutes" in text
    assert "<b>张三</b>" not in html and "&lt;b&gt;" in html
    assert "<strong>042917</strong>" in html

"""Pure special-suffix rules: product fields, .商标, 姓名.网址, .gov.cn, the proxy template,
qualification documents and review failure codes."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from chalicelib.orders import errors, products, rules
from chalicelib.orders.api import OrderItemRequest
from chalicelib.orders.model import PROXY_TEMPLATE, Template
from registrar_shared import catalogue, identity, naming
from registrar_shared.errors import InvalidInput, PolicyViolation
from tests.unit.identity.synth import (
    GB_EXAMPLE_RESIDENT_ID,
    organisation_code,
    resident_id,
    uscc_code,
    wrong_check,
)

TODAY = date(2026, 11, 27)
PERSON = Template(template_id="t-p", account_id="a", holder_type="individual", name="张三",
                  region="mainland", email_verified=True, realname_status="verified")
COMPANY = Template(template_id="t-c", account_id="a", holder_type="enterprise", name="李四",
                   organisation="深圳市示例科技有限公司", region="mainland",
                   organisation_type="company")
GOVERNMENT = Template(template_id="t-g", account_id="a", holder_type="enterprise",
                      name="王五", organisation="深圳市示例区档案馆", region="mainland",
                      organisation_type="government")
GOV_CODE = organisation_code("MB0000A1")


def check(request: dict[str, Any], template: Template = PERSON) -> products.ProductCheck:
    parsed = OrderItemRequest.model_validate({"years": 1, **request})
    name = naming.check_name(parsed.domain, holder_type=template.holder_type)
    assert name.suffix is not None and name.valid, name.reasons
    reserved = any(n.code == "ReservedWordReview" for n in name.notices)
    return products.check_registration(parsed, name, name.suffix, template, reserved=reserved,
                                       today=TODAY)


def refused(request: dict[str, Any], template: Template = PERSON) -> str:
    with pytest.raises((InvalidInput, PolicyViolation,
                        identity.InvalidIdentityNumber)) as raised:
        check(request, template)
    return str(raised.value.code)


# --- product fields -----------------------------------------------------------------------

def test_ordinary_names_need_no_product_fields_and_no_review() -> None:
    assert check({"domain": "plain.com"}) == products.ProductCheck({}, ())


def test_each_special_suffix_requires_its_own_field_and_only_it() -> None:
    assert refused({"domain": "abc.商标"}, COMPANY) == "ProductDetailsRequired"
    assert refused({"domain": "张三.网址"}) == "ProductDetailsRequired"
    assert refused({"domain": "abc.gov.cn"}, GOVERNMENT) == "ProductDetailsRequired"
    assert refused({"domain": "plain.com", "gov": {"level": "other",
                                                  "organisation_code": GOV_CODE}},
                   GOVERNMENT) == "ProductDetailsNotApplicable"
    assert refused({"domain": "abc.商标", "trademark": {"registration_number": "1234",
                                                       "holder": "深圳市示例科技有限公司"},
                    "gov": {"level": "other", "organisation_code": GOV_CODE}},
                   COMPANY) == "ProductDetailsNotApplicable"


def test_renewals_carry_no_product_fields() -> None:
    request = OrderItemRequest(domain="abc.商标", years=1, action="renew",
                               trademark={"registration_number": "1234", "holder": "x"})
    name = naming.check_name("abc.商标")
    with pytest.raises(errors.ProductDetailsNotApplicable):
        products.verify_product_fields(request, name, name.suffix)  # type: ignore[arg-type]
    products.verify_product_fields(OrderItemRequest(domain="abc.商标", years=1,
                                                    action="renew"),
                                   name, name.suffix)  # type: ignore[arg-type]


# --- .商标 ----------------------------------------------------------------------------------

def test_trademark_holder_must_be_the_templates_holder_organisation() -> None:
    ok = check({"domain": "abc.商标", "trademark": {"registration_number": "ｇ１２３４５",
                                                   "holder": "深圳市示例科技有限公司 "}},
               COMPANY)
    assert ok.product == {"trademark": {"registration_number": "G12345",
                                        "holder": "深圳市示例科技有限公司"}}
    assert ok.review_documents == ("trademark_certificate",)
    # the contact person's name is not the holder
    assert refused({"domain": "abc.商标", "trademark": {"registration_number": "12345",
                                                       "holder": "李四"}},
                   COMPANY) == "TrademarkHolderMismatch"


@pytest.mark.parametrize("number", ["123", "1234567890", "TM-1", "G", ""])
def test_trademark_numbers_are_four_to_nine_digits(number: str) -> None:
    request = {"domain": "abc.商标", "trademark": {"registration_number": number or " ",
                                                  "holder": "深圳市示例科技有限公司"}}
    assert refused(request, COMPANY) == "DocumentNumberInvalid"


def test_individuals_may_hold_trademark_domains() -> None:
    ok = check({"domain": "张三商标.商标", "trademark": {"registration_number": "7654321",
                                                       "holder": "张三"}})
    assert ok.review_documents == ("trademark_certificate",)


# --- 姓名.网址 ------------------------------------------------------------------------------

def personal(domain: str, **fields: str) -> dict[str, Any]:
    return {"domain": domain, "personal_name": {"name": "张三",
                                                "id_number": GB_EXAMPLE_RESIDENT_ID, **fields}}


def test_label_is_prefix_name_suffix_exactly() -> None:
    assert check(personal("张三.网址")).product["personal_name"] == {
        "name": "张三", "id_number": GB_EXAMPLE_RESIDENT_ID}
    assert check(personal("设计师张三.网址", prefix="设计师")).review_documents == ()
    assert check(personal("张三博士.网址", suffix="博士")).product["personal_name"]["suffix"] \
        == "博士"
    assert check(personal("设计师张三博士.网址", prefix="设计师", suffix="博士"))
    for domain, fields in [("张三博士.网址", {}), ("张三.网址", {"prefix": "设计师"}),
                           ("博士张三.网址", {"suffix": "博士"}), ("张三丰.网址", {})]:
        assert refused(personal(domain, **fields)) == "PersonalNameLabelMismatch"


def test_lower_case_x_and_full_width_digits_are_accepted_in_the_id() -> None:
    for number in (GB_EXAMPLE_RESIDENT_ID.lower(), "１１０１０５１９４９１２３１００２ｘ"):
        ok = check(personal("张三.网址", id_number=number))
        assert ok.product["personal_name"]["id_number"] == GB_EXAMPLE_RESIDENT_ID


@pytest.mark.parametrize("number", [
    wrong_check(GB_EXAMPLE_RESIDENT_ID), resident_id(born="20261128"),
    resident_id(region="710000"), "1101051949123100",
])
def test_invalid_resident_ids_are_refused(number: str) -> None:
    assert refused(personal("张三.网址", id_number=number)) == "DocumentNumberInvalid"


@pytest.mark.parametrize("name", ["张·三", "张.三", "张・三", "张．三"])
def test_transliterated_names_are_refused(name: str) -> None:
    assert refused(personal("张三.网址", name=name)) == "PersonalNameTransliterated"


def test_name_must_be_the_holders_and_the_holder_a_mainland_person() -> None:
    assert refused(personal("李四.网址", name="李四")) == "PersonalNameHolderMismatch"
    assert refused(personal("李四.网址", name="李四"), COMPANY) == "PersonalNameIndividualOnly"
    hk = Template(template_id="t-hk", account_id="a", holder_type="individual", name="张三",
                  region="hong_kong")
    assert refused(personal("张三.网址"), hk) == "PersonalNameMainlandOnly"


# --- .gov.cn ------------------------------------------------------------------------------

def gov(level: str = "other", code: str = GOV_CODE) -> dict[str, Any]:
    return {"domain": "dangan.gov.cn", "gov": {"level": level, "organisation_code": code}}


def test_gov_cn_only_for_government_bodies() -> None:
    assert refused(gov(), PERSON) in ("GovOrganisationRequired",)
    assert refused(gov(), COMPANY) == "GovOrganisationRequired"
    ok = check(gov(), GOVERNMENT)
    assert ok.review_documents == ("gov_certificate", "gov_application_form")
    assert ok.product == {"gov": {"level": "other", "organisation_code": GOV_CODE}}


@pytest.mark.parametrize("level,channel,channel_zh", [
    ("provincial", "State Council General Office filing", "国务院办公厅备案"),
    ("state_council", "State Council General Office filing", "国务院办公厅备案"),
    ("city", "the next-higher government office", "上级政府办公厅"),
    ("county", "the next-higher government office", "上级政府办公厅"),
])
def test_government_levels_with_their_own_channel_are_told_which(
        level: str, channel: str, channel_zh: str) -> None:
    with pytest.raises(errors.GovChannelRequired) as raised:
        check(gov(level), GOVERNMENT)
    assert raised.value.status == 422 and raised.value.details["channel"] == channel
    assert channel in raised.value.message("en") and channel_zh in raised.value.message("zh")


def test_gov_codes_may_be_organisation_codes_or_credit_codes() -> None:
    uscc = uscc_code(authority="1", body="MB0000A1")
    assert check(gov(code=uscc), GOVERNMENT).product["gov"]["organisation_code"] == uscc
    assert check(gov(code=f"{GOV_CODE[:8]}-{GOV_CODE[8]}"), GOVERNMENT)
    assert refused(gov(code=wrong_check(GOV_CODE)), GOVERNMENT) == "DocumentNumberInvalid"


def test_reserved_words_on_gov_cn_need_the_entity_qualification_too() -> None:
    ok = check({**gov(), "domain": "中国档案.gov.cn"}, GOVERNMENT)
    assert ok.review_documents == ("entity_qualification", "gov_certificate",
                                   "gov_application_form")


# --- proxy template ------------------------------------------------------------------------

def test_the_proxy_template_holds_ordinary_names_only() -> None:
    assert check({"domain": "quick.cn"}, PROXY_TEMPLATE) == products.ProductCheck({}, ())
    assert refused({"domain": "中国快.cn"}, PROXY_TEMPLATE) == "ProxyTemplateNotAllowed"
    assert refused({"domain": "abc.商标", "trademark": {
        "registration_number": "1234", "holder": PROXY_TEMPLATE.holder_name}},
        PROXY_TEMPLATE) == "ProxyTemplateNotAllowed"
    assert refused(personal("张三.网址"), PROXY_TEMPLATE) == "ProxyTemplateNotAllowed"


def test_proxy_template_is_verified_and_its_holder_is_the_provider() -> None:
    assert PROXY_TEMPLATE.email_verified and PROXY_TEMPLATE.realname_status == "verified"
    assert PROXY_TEMPLATE.holder_name == PROXY_TEMPLATE.organisation


# --- qualification documents -----------------------------------------------------------------

def test_documents_must_name_the_number_of_the_order() -> None:
    trademark = {"trademark": {"registration_number": "G12345", "holder": "x"}}
    assert products.document_matches("trademark_certificate", "g12345", trademark)
    assert not products.document_matches("trademark_certificate", "12345", trademark)
    assert not products.document_matches("trademark_certificate", None, trademark)
    government = {"gov": {"level": "other", "organisation_code": GOV_CODE}}
    uscc = uscc_code(authority="1", body="MB0000A1")
    assert products.document_matches("gov_certificate", uscc, government)
    assert products.document_matches("gov_application_form", GOV_CODE, government)
    assert not products.document_matches("gov_certificate", organisation_code("MC0000A1"),
                                         government)
    assert products.document_matches("entity_qualification", uscc_code(), {})


def test_review_failure_codes_name_the_missing_document() -> None:
    assert products.review_failure_code(("trademark_certificate",)) == "TrademarkReviewFailed"
    assert products.review_failure_code(("gov_application_form",)) == "GovReviewFailed"
    assert products.review_failure_code(("entity_qualification", "gov_certificate")) \
        == "NamingReviewFailed"
    message = rules.review_failure_message(["stamped .gov.cn application form"],
                                           refusal="FileUnreadable")
    assert "within 5 days" in message and "FileUnreadable" in message


def test_resident_id_birth_dates_are_beijing_dates() -> None:
    late = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # already 28 November in Beijing
    assert products.china_today(late) == date(2026, 11, 28)


def test_catalogue_marks_the_special_suffixes() -> None:
    specials = {s.suffix: s.special for s in catalogue.load().suffixes if s.special}
    assert specials == {"商标": "trademark", "网址": "personal_name", "gov.cn": "gov"}

"""Special suffixes through the running stack, from checkout to the final state: .商标 with
its certificate review, 姓名.网址 held until real-name verification, .gov.cn with two
documents and deregistration, the proxy template with holder transfer (过户), and the
reserved-word naming review. Documents go the real way: upload grant from the real-name
API, presigned POST to S3, S3 → SQS → verification → realname.* events → orders.

Only the passing of the 5-day review window is simulated: the orders schedule's own job
(``process_due_work``) is run once with a clock five days ahead."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
import requests

from registrar_shared.clock import SystemClock
from tests.e2e.conftest import Api, wait_for
from tests.e2e.test_realname import upload, verified_template
from tests.fakes.clock import FakeClock
from tests.unit.identity.synth import GB_EXAMPLE_RESIDENT_ID, uscc_code, wrong_check
from tests.unit.realname.images import noise_image

CN = {"account": "cn-main"}
COMPANY = "tpl-demo-cn-enterprise"          # 深圳市示例科技有限公司, verified
PERSON = "tpl-demo-cn-individual"           # 张三, verified
GOVERNMENT = "tpl-demo-cn-government"       # 深圳市示例区档案馆 (机关法人), verified
GOV_CODE = "MB0000A12"                      # its organisation code (synthetic)
GOV_USCC = "11440300MB0000A12U"             # the same body's credit code


@pytest.fixture(scope="module", autouse=True)
def seeded_templates_projected(api: Api) -> None:
    """The seed announces its templates by events; wait until orders has projected them
    (found and e-mail verified: the holder-type check is the next one to answer)."""
    for template_id, other in ((COMPANY, "individual"), (PERSON, "enterprise"),
                               (GOVERNMENT, "individual")):
        wait_for(lambda t=template_id, o=other: api.post("/orders/v1/orders", json={
            "items": [{"domain": "probe.com", "years": 1}], "template_id": t,
            "holder_type": o, "terms_accepted": True}, **CN).json().get("Code")
            == "HolderTypeMismatch")


def balance(api: Api) -> int:
    return int(api.get("/orders/v1/account", **CN).json()["balance"])


def checkout(api: Api, items: list[dict[str, Any]], template_id: str) -> requests.Response:
    return api.post("/orders/v1/orders", json={"items": items, "template_id": template_id,
                                               "terms_accepted": True}, **CN)


def buy(api: Api, items: list[dict[str, Any]], template_id: str) -> dict[str, Any]:
    placed = checkout(api, items, template_id)
    assert placed.status_code == 201, placed.text
    order = placed.json()
    paid = api.post(f"/orders/v1/orders/{order['order_id']}/payments",
                    json={"method": "balance"}, **CN)
    assert paid.status_code == 200, paid.text
    return dict(order)


def domain(api: Api, name: str) -> dict[str, Any] | None:
    response = api.get(f"/orders/v1/domains/{name}", **CN)
    return response.json() if response.status_code == 200 else None


def reaches(api: Api, name: str, status: str, timeout: float = 30.0) -> dict[str, Any]:
    def probe() -> dict[str, Any] | None:
        found = domain(api, name)
        return found if found is not None and found["status"] == status else None
    return dict(wait_for(probe, timeout))


def order_of(api: Api, order_id: str) -> dict[str, Any]:
    return dict(api.get(f"/orders/v1/orders/{order_id}", **CN).json())


def upload_document(api: Api, template_id: str, document_type: str, number: str, *,
                    domain_name: str, holder_name: str | None = None,
                    content_type: str = "image/jpeg", data: bytes | None = None) -> str:
    """A qualification document for one domain, the way a client uploads it."""
    body = {"document_type": document_type, "document_number": number,
            "content_type": content_type, "domain": domain_name}
    if holder_name:
        body["holder_name"] = holder_name
    grant = api.post(f"/realname/v1/templates/{template_id}/uploads", json=body, **CN)
    assert grant.status_code == 201, grant.text
    answer = grant.json()
    sent = requests.post(answer["url"], data=answer["fields"],
                         files={"file": (document_type, data or noise_image(content_type),
                                         content_type)},
                         headers={"Connection": "close"}, timeout=30)
    assert sent.status_code in (200, 201, 204), sent.text
    return str(answer["upload_id"])


def upload_settled(api: Api, template_id: str, upload_id: str) -> dict[str, Any]:
    def probe() -> dict[str, Any] | None:
        found = api.get(f"/realname/v1/templates/{template_id}/uploads/{upload_id}",
                        **CN).json()
        return found if found["status"] in ("verified", "failed") else None
    return dict(wait_for(probe))


def review_window_closes() -> None:
    """The orders schedule's job, run as it would run five days (and a minute) later."""
    from chalicelib.orders import scheduler, wiring

    later = FakeClock(SystemClock().now() + timedelta(days=5, minutes=1))
    deps = dataclasses.replace(wiring.get_deps(), clock=later)
    while scheduler.process_due_work(deps) == 100:  # the job's page size
        pass


def test_trademark_domain_is_released_by_its_verified_certificate(api: Api) -> None:
    trademark = {"registration_number": "20240001", "holder": "深圳市示例科技有限公司"}
    # Bad input: a holder other than the template's → refused, nothing charged
    before = balance(api)
    refused = checkout(api, [{"domain": "e2e-acme.商标", "years": 1, "trademark": {
        **trademark, "holder": "另一家公司"}}], COMPANY)
    assert (refused.status_code, refused.json()["Code"]) == (422, "TrademarkHolderMismatch")
    missing = checkout(api, [{"domain": "e2e-acme.商标", "years": 1}], COMPANY)
    assert (missing.status_code, missing.json()["Code"]) == (400, "ProductDetailsRequired")
    assert balance(api) == before
    # Checkout with the trademark, pay: the domain waits for the registry's review
    order = buy(api, [{"domain": "e2e-acme.商标", "years": 1, "trademark": trademark}], COMPANY)
    assert order["total"] == 440000
    waiting = reaches(api, "e2e-acme.商标", "pending_naming_review")
    assert waiting["review"]["missing_documents"] == ["trademark_certificate"]
    # A certificate that fails verification (a PNG declared as JPEG) keeps it waiting
    bad = upload_document(api, COMPANY, "trademark_certificate", "20240001",
                          domain_name="e2e-acme.商标", holder_name="深圳市示例科技有限公司",
                          data=noise_image("image/png"))
    assert upload_settled(api, COMPANY, bad)["failure"]["code"] == "FileTypeNotAllowed"
    wait_for(lambda: (domain(api, "e2e-acme.商标") or {}).get("review", {}).get(
        "last_refusal"))
    assert domain(api, "e2e-acme.商标")["status"] == "pending_naming_review"
    # The real certificate, verified by the real-name service, releases it
    good = upload_document(api, COMPANY, "trademark_certificate", "20240001",
                           domain_name="e2e-acme.商标", holder_name="深圳市示例科技有限公司")
    assert upload_settled(api, COMPANY, good)["status"] == "verified"
    active = reaches(api, "e2e-acme.商标", "active")
    assert active["product"] == "trademark" and "serverHold" not in active["epp_statuses"]
    assert balance(api) == before - 440000


def test_trademark_without_a_certificate_in_time_is_deleted_and_refunded(api: Api) -> None:
    before = balance(api)
    order = buy(api, [{"domain": "e2e-late.商标", "years": 1, "trademark": {
        "registration_number": "20240002", "holder": "深圳市示例科技有限公司"}}], COMPANY)
    reaches(api, "e2e-late.商标", "pending_naming_review")
    assert balance(api) == before - 440000
    review_window_closes()
    reaches(api, "e2e-late.商标", "deleted")
    item = order_of(api, order["order_id"])["items"][0]
    assert (item["status"], item["refunded"], item["failure"]["code"]) == (
        "refunded", 440000, "TrademarkReviewFailed")
    assert balance(api) == before


def test_personal_name_is_held_until_real_name_then_offers_the_business_card(
        stack, api: Api) -> None:  # noqa: ANN001
    person = {"name": "张三", "id_number": GB_EXAMPLE_RESIDENT_ID}
    before = balance(api)
    # Bad input: another person's name, a bad check digit, a label that is not the name
    for items, status, code in [
        ([{"domain": "李四.网址", "years": 1, "personal_name": {**person, "name": "李四"}}],
         422, "PersonalNameHolderMismatch"),
        ([{"domain": "张三.网址", "years": 1, "personal_name": {
            **person, "id_number": wrong_check(GB_EXAMPLE_RESIDENT_ID)}}],
         400, "DocumentNumberInvalid"),
        ([{"domain": "张三丰.网址", "years": 1, "personal_name": person}], 400,
         "PersonalNameLabelMismatch"),
    ]:
        answer = checkout(api, items, PERSON)
        assert (answer.status_code, answer.json()["Code"]) == (status, code), answer.text
    assert balance(api) == before
    # A verified holder: two names with a prefix and a suffix, both active at once
    buy(api, [
        {"domain": "测试张三.网址", "years": 1, "personal_name": {**person, "prefix": "测试"}},
        {"domain": "张三测试.网址", "years": 1, "personal_name": {
            **person, "suffix": "测试", "id_number": GB_EXAMPLE_RESIDENT_ID.lower()}},
    ], PERSON)
    for name in ("测试张三.网址", "张三测试.网址"):
        assert reaches(api, name, "active")["business_card_available"] is True
    # A holder not yet real-name verified: server_hold until the ID card is verified
    template_id = verified_template(api, stack.moto.url, "e2e-personal-name@example.com")
    wait_for(lambda: api.post("/orders/v1/orders", json={
        "items": [{"domain": "probe.com", "years": 1}], "template_id": template_id,
        "holder_type": "enterprise", "terms_accepted": True}, **CN).json().get("Code")
        == "HolderTypeMismatch")  # projected by orders, e-mail verified
    buy(api, [{"domain": "张三.网址", "years": 1, "personal_name": person}], template_id)
    held = reaches(api, "张三.网址", "server_hold")
    assert held["business_card_available"] is False and held["product"] == "personal_name"
    upload(api, template_id, noise_image("image/jpeg", seed=31), "image/jpeg")
    assert reaches(api, "张三.网址", "active")["business_card_available"] is True
    # Then the DNS service switches the business card on for the verified holder
    card = wait_for(lambda: _business_card(api, "张三.网址"))
    assert (card["type"], card["value"].rstrip(".")) == ("CNAME", "2019.cname.knetreg.cn")


def _business_card(api: Api, name: str) -> dict[str, Any] | None:
    response = api.post(f"/dns/v1/domains/{name}/business-card", **CN)
    return dict(response.json()) if response.status_code in (200, 201) else None


def test_gov_cn_needs_both_documents_and_can_be_deregistered(api: Api) -> None:
    gov = {"level": "other", "organisation_code": GOV_CODE}
    before = balance(api)
    for template_id, level, code in [(COMPANY, "other", "GovOrganisationRequired"),
                                     (PERSON, "other", "GovOrganisationRequired"),
                                     (GOVERNMENT, "provincial", "GovChannelRequired"),
                                     (GOVERNMENT, "county", "GovChannelRequired")]:
        answer = checkout(api, [{"domain": "e2e-archive.gov.cn", "years": 1,
                                 "gov": {**gov, "level": level}}], template_id)
        assert (answer.status_code, answer.json()["Code"]) == (422, code), answer.text
    assert "State Council General Office filing" in checkout(
        api, [{"domain": "e2e-archive.gov.cn", "years": 1,
               "gov": {**gov, "level": "state_council"}}], GOVERNMENT).json()["Message"]
    assert balance(api) == before
    buy(api, [{"domain": "e2e-archive.gov.cn", "years": 1, "gov": gov}], GOVERNMENT)
    reaches(api, "e2e-archive.gov.cn", "pending_naming_review")
    certificate = upload_document(api, GOVERNMENT, "gov_certificate", GOV_USCC,
                                  domain_name="e2e-archive.gov.cn")
    assert upload_settled(api, GOVERNMENT, certificate)["status"] == "verified"
    wait_for(lambda: domain(api, "e2e-archive.gov.cn")["review"]["verified_documents"]
             == ["gov_certificate"])
    assert domain(api, "e2e-archive.gov.cn")["status"] == "pending_naming_review"
    form = upload_document(api, GOVERNMENT, "gov_application_form", GOV_CODE,
                           domain_name="e2e-archive.gov.cn", holder_name="深圳市示例区档案馆")
    assert upload_settled(api, GOVERNMENT, form)["status"] == "verified"
    reaches(api, "e2e-archive.gov.cn", "active")
    wait_for(lambda: api.get("/dns/v1/domains/e2e-archive.gov.cn/records", **CN)
             .status_code == 200)  # the zone exists
    # Deregistration (注销): deleted at the registry, the name is free again
    gone = api.post("/orders/v1/domains/e2e-archive.gov.cn/deregistration", **CN)
    assert gone.status_code == 200 and gone.json()["status"] == "deleted", gone.text
    check = api.get("/search/v1/check", params={"domain": "e2e-archive.gov.cn", "site": "cn"})
    assert check.json()["status"] == "available"
    # and domain.deleted made the DNS service remove the zone
    wait_for(lambda: api.get("/dns/v1/domains/e2e-archive.gov.cn/records", **CN)
             .status_code == 404)


def test_gov_cn_without_the_stamped_form_in_time_is_refunded(api: Api) -> None:
    before = balance(api)
    order = buy(api, [{"domain": "e2e-halfway.gov.cn", "years": 1,
                       "gov": {"level": "other", "organisation_code": GOV_CODE}}], GOVERNMENT)
    reaches(api, "e2e-halfway.gov.cn", "pending_naming_review")
    certificate = upload_document(api, GOVERNMENT, "gov_certificate", GOV_CODE,
                                  domain_name="e2e-halfway.gov.cn")
    assert upload_settled(api, GOVERNMENT, certificate)["status"] == "verified"
    wait_for(lambda: domain(api, "e2e-halfway.gov.cn")["review"]["verified_documents"])
    review_window_closes()
    reaches(api, "e2e-halfway.gov.cn", "deleted")
    item = order_of(api, order["order_id"])["items"][0]
    assert item["failure"]["code"] == "GovReviewFailed" and item["refunded"] == order["total"]
    assert balance(api) == before


def test_proxy_registration_is_restricted_until_the_holder_transfer(stack, api: Api  # noqa: ANN001
                                                                    ) -> None:
    buy(api, [{"domain": "e2e-quick.com", "years": 1}], "proxy")
    quick = reaches(api, "e2e-quick.com", "active")
    assert (quick["restricted"], quick["template_id"]) == (True, "proxy")
    renew = [{"domain": "e2e-quick.com", "years": 1, "action": "renew"}]
    assert checkout(api, renew, COMPANY).json()["Code"] == "DomainRestricted"
    transfer = "/orders/v1/domains/e2e-quick.com/holder-transfer"
    # Another account's template: not found; an unverified one of our own: refused
    foreign = api.post(transfer, json={"template_id": "tpl-demo-intl-individual"}, **CN)
    assert (foreign.status_code, foreign.json()["Code"]) == (404, "TemplateNotFound")
    unverified = verified_template(api, stack.moto.url, "e2e-transfer@example.com")
    wait_for(lambda: api.post(transfer, json={"template_id": unverified}, **CN).json()
             .get("Code") == "TemplateNotRealnameVerified")
    assert domain(api, "e2e-quick.com")["restricted"] is True
    # One of our own verified templates: the restriction is lifted
    moved = api.post(transfer, json={"template_id": COMPANY}, **CN)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["restricted"], moved.json()["template_id"]) == (False, COMPANY)
    assert checkout(api, renew, COMPANY).status_code == 201


def test_reserved_word_name_leaves_naming_review_with_an_entity_qualification(
        api: Api) -> None:
    buy(api, [{"domain": "中国测试梦想.cn", "years": 1}], COMPANY)
    waiting = reaches(api, "中国测试梦想.cn", "pending_naming_review")
    assert waiting["review"]["missing_documents"] == ["entity_qualification"]
    qualification = upload_document(api, COMPANY, "entity_qualification", uscc_code(),
                                    domain_name="中国测试梦想.cn",
                                    holder_name="深圳市示例科技有限公司")
    assert upload_settled(api, COMPANY, qualification)["status"] == "verified"
    assert reaches(api, "中国测试梦想.cn", "active")["review"] is None

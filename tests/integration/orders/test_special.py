"""Special suffixes through the orders app on in-process moto (PRODUCT.md §8): .商标,
姓名.网址, .gov.cn, the quick-registration proxy template with holder transfer (过户), and
qualification reviews released or failed by real-name events and the review deadline."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from typing import Any

import boto3
import pytest

from registrar_shared import messaging
from registrar_shared.clock import SystemClock
from registrar_shared.events import RealnameFailed, RealnameVerified
from registrar_shared.resources import QUEUES, TOPIC
from tests.fakes.clock import FakeClock
from tests.integration.orders.conftest import OrdersApi
from tests.unit.identity.synth import (
    GB_EXAMPLE_RESIDENT_ID,
    organisation_code,
    resident_id,
    uscc_code,
    wrong_check,
)

CN = "demo-cn-main"
TEMPLATES: dict[str, dict[str, Any]] = {
    "tpl-zhang": {"account_id": CN, "holder_type": "individual", "name": "张三",
                  "region": "mainland", "email_verified": True, "realname_status": "verified"},
    "tpl-zhang-pending": {"account_id": CN, "holder_type": "individual", "name": "张三",
                          "region": "mainland", "email_verified": True},
    "tpl-hk-person": {"account_id": CN, "holder_type": "individual", "name": "陈大文",
                      "region": "hong_kong", "email_verified": True,
                      "realname_status": "verified"},
    "tpl-company": {"account_id": CN, "holder_type": "enterprise", "name": "李四",
                    "organisation": "深圳市示例科技有限公司", "organisation_type": "company",
                    "region": "mainland", "email_verified": True,
                    "realname_status": "verified"},
    "tpl-company-pending": {"account_id": CN, "holder_type": "enterprise", "name": "李四",
                            "organisation": "深圳市示例科技有限公司",
                            "organisation_type": "company", "region": "mainland",
                            "email_verified": True},
    "tpl-gov": {"account_id": CN, "holder_type": "enterprise", "name": "王五",
                "organisation": "深圳市示例区档案馆", "organisation_type": "government",
                "region": "mainland", "email_verified": True, "realname_status": "verified"},
    "tpl-intl-own": {"account_id": "demo-intl-main", "holder_type": "individual",
                     "name": "John Smith", "region": "other", "email_verified": True,
                     "realname_status": "verified"},
}
TRADEMARK = {"registration_number": "12345678", "holder": "深圳市示例科技有限公司"}
GOV_CODE = organisation_code("MB0000A1")
GOV = {"level": "other", "organisation_code": GOV_CODE}


@pytest.fixture
def api(orders_api: OrdersApi) -> OrdersApi:
    from chalicelib.orders import wiring

    for template_id, fields in TEMPLATES.items():
        wiring.get_orders().project_template(template_id, fields)
    return orders_api


def item(domain: str, **product: Any) -> dict[str, Any]:
    return {"domain": domain, "years": 1, **product}


def checkout(api: OrdersApi, items: list[dict[str, Any]], template: str,
             account: str = "cn-main") -> tuple[int, Any]:
    return api.call("POST", "/v1/orders", account, {"items": items, "template_id": template,
                                                    "terms_accepted": True})


def buy(api: OrdersApi, items: list[dict[str, Any]], template: str) -> dict[str, Any]:
    status, order = checkout(api, items, template)
    assert status == 201, order
    assert api.pay(order["order_id"])[0] == 200
    api.fulfil()
    return dict(api.call("GET", f"/v1/orders/{order['order_id']}")[1])


def domain_view(api: OrdersApi, name: str, account: str = "cn-main") -> dict[str, Any]:
    status, body = api.call("GET", f"/v1/domains/{name}", account)
    assert status == 200, body
    return dict(body)


def announce(*events: Any) -> None:
    publisher = messaging.SnsPublisher(producer="realname", topic_name=TOPIC,
                                       clock=SystemClock())
    for event in events:
        publisher.publish(event)


def verified(domain: str, document_type: str, number: str | None = None, *,
             template: str = "tpl-company", account: str = CN) -> RealnameVerified:
    return RealnameVerified(template_id=template, account_id=account, upload_id="upl-x",
                            document_type=document_type, domain=domain,
                            document_number=number)


def refused(domain: str, document_type: str, code: str, *,
            template: str = "tpl-company") -> RealnameFailed:
    return RealnameFailed(template_id=template, account_id=CN, upload_id="upl-y",
                          document_type=document_type, code=code,
                          message=f"refused: {code}", domain=domain)


def registry():  # noqa: ANN201
    from chalicelib.orders import wiring

    return wiring.get_registry()


def published(event_type: str) -> list[dict[str, Any]]:
    """Payloads of ``event_type`` waiting on the DNS inbox (it subscribes to domain.*)."""
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUES.dns_inbox)["QueueUrl"]
    found = []
    for _ in range(20):
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                       VisibilityTimeout=0).get("Messages", [])
        if not messages:
            break
        for message in messages:
            body = json.loads(message["Body"])
            envelope = json.loads(body["Message"]) if "Message" in body else body
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            if envelope["event_type"] == event_type:
                found.append(envelope["payload"])
    return found


def review_deadline_passes() -> None:
    """The 1-minute schedule running just after the 5-day review window closed."""
    from chalicelib.orders import scheduler, wiring

    later = FakeClock(SystemClock().now() + timedelta(days=5, minutes=1))
    scheduler.process_due_work(dataclasses.replace(wiring.get_deps(), clock=later))


def nothing_ordered(api: OrdersApi, balance_before: int) -> None:
    assert api.call("GET", "/v1/orders")[1]["orders"] == []
    assert api.balance() == balance_before


# --- .商标 -----------------------------------------------------------------------------

TRADEMARK_REFUSALS = [
    ("no trademark details", item("acme.商标"), "tpl-company", 400, "ProductDetailsRequired"),
    ("holder is not the template's", item("acme.商标", trademark={
        **TRADEMARK, "holder": "别的公司"}), "tpl-company", 422, "TrademarkHolderMismatch"),
    ("bad registration number", item("acme.商标", trademark={
        **TRADEMARK, "registration_number": "TM-1"}), "tpl-company", 400,
     "DocumentNumberInvalid"),
    ("missing holder field", item("acme.商标", trademark={"registration_number": "1234"}),
     "tpl-company", 400, "ValidationError"),
    ("trademark details on a .com", item("acme.com", trademark=TRADEMARK), "tpl-company", 400,
     "ProductDetailsNotApplicable"),
    ("unknown product field", item("acme.商标", trademark={**TRADEMARK, "class": "A"}),
     "tpl-company", 400, "ValidationError"),
]


def test_trademark_domain_waits_for_its_certificate_then_becomes_active(
        api: OrdersApi) -> None:
    padded = {**TRADEMARK, "holder": " 深圳市示例科技有限公司 "}
    order = buy(api, [item("acme.商标", trademark=padded)], "tpl-company")
    assert order["items"][0]["price"]["amount"] == 440000
    assert order["items"][0]["review_documents"] == ["trademark_certificate"]
    domain = domain_view(api, "acme.商标")
    assert domain["status"] == "pending_naming_review" and domain["product"] == "trademark"
    assert domain["review"]["missing_documents"] == ["trademark_certificate"]
    assert domain["epp_statuses"] == ["serverHold"]
    # A refused certificate keeps the review waiting, with the reason shown
    announce(refused("acme.商标", "trademark_certificate", "NameMismatch"))
    api.fulfil()
    domain = domain_view(api, "acme.商标")
    assert domain["status"] == "pending_naming_review"
    assert domain["review"]["last_refusal"]["code"] == "NameMismatch"
    # A certificate with another number, or from another account, does not qualify
    announce(verified("acme.商标", "trademark_certificate", "87654321"),
             verified("acme.商标", "trademark_certificate", "12345678",
                      template="tpl-intl-own", account="demo-intl-main"))
    api.fulfil()
    domain = domain_view(api, "acme.商标")
    assert domain["status"] == "pending_naming_review"
    assert domain["review"]["last_refusal"]["code"] == "DocumentNumberMismatch"
    # The certificate named in the order, verified for this domain, releases it
    announce(verified("acme.商标", "trademark_certificate", "12345678"))
    api.fulfil()
    domain = domain_view(api, "acme.商标")
    assert domain["status"] == "active" and domain["review"] is None
    assert registry().info(domain["ascii"]).statuses == ("ok",)
    assert [e["reason"] for e in published("domain.unheld")] == ["naming_review_approved"]
    review_deadline_passes()
    assert domain_view(api, "acme.商标")["status"] == "active"


def test_trademark_approved_before_real_name_stays_held_until_verified(api: OrdersApi) -> None:
    buy(api, [item("later.商标", trademark=TRADEMARK)], "tpl-company-pending")
    announce(verified("later.商标", "trademark_certificate", "12345678",
                      template="tpl-company-pending"))
    api.fulfil()
    assert domain_view(api, "later.商标")["status"] == "server_hold"
    announce(RealnameVerified(template_id="tpl-company-pending", account_id=CN,
                              upload_id="u-1", document_type="business_licence"))
    api.fulfil()
    assert domain_view(api, "later.商标")["status"] == "active"


def test_a_certificate_verified_before_registration_counts_when_the_review_starts(
        api: OrdersApi) -> None:
    # uploaded with the order, verified before the registry call: kept for the registration
    announce(verified("early.商标", "trademark_certificate", "12345678"),
             verified("wrong.商标", "trademark_certificate", "99999999"),
             verified("foreign.商标", "trademark_certificate", "12345678",
                      template="tpl-intl-own", account="demo-intl-main"))
    api.fulfil()
    buy(api, [item("early.商标", trademark=TRADEMARK), item("wrong.商标", trademark=TRADEMARK),
              item("foreign.商标", trademark=TRADEMARK)], "tpl-company")
    early = domain_view(api, "early.商标")
    assert early["status"] == "active" and registry().info(early["ascii"]).statuses == ("ok",)
    for name in ("wrong.商标", "foreign.商标"):
        waiting = domain_view(api, name)
        assert waiting["status"] == "pending_naming_review", name
        assert waiting["review"]["missing_documents"] == ["trademark_certificate"]


def test_no_certificate_within_the_window_deletes_and_refunds_in_full(api: OrdersApi) -> None:
    before = api.balance()
    order = buy(api, [item("late.商标", trademark=TRADEMARK)], "tpl-company")
    assert api.balance() == before - 440000
    announce(refused("late.商标", "trademark_certificate", "FileUnreadable"))
    api.fulfil()
    published("domain.deleted")
    review_deadline_passes()
    assert domain_view(api, "late.商标")["status"] == "deleted"
    assert registry().info(domain_view(api, "late.商标")["ascii"]) is None
    assert api.balance() == before
    final = api.call("GET", f"/v1/orders/{order['order_id']}")[1]
    assert final["status"] == "failed"
    failure = final["items"][0]["failure"]
    assert final["items"][0]["status"] == "refunded" and final["items"][0]["refunded"] == 440000
    assert failure["code"] == "TrademarkReviewFailed" and "FileUnreadable" in failure["message"]
    assert [e["reason"] for e in published("domain.deleted")] == ["naming_review_failed"]
    # A certificate arriving after the deadline changes nothing
    announce(verified("late.商标", "trademark_certificate", "12345678"))
    api.fulfil()
    assert domain_view(api, "late.商标")["status"] == "deleted"


# --- 姓名.网址 ----------------------------------------------------------------------------

def personal(name: str = "张三", **extra: str) -> dict[str, str]:
    return {"name": name, "id_number": GB_EXAMPLE_RESIDENT_ID, **extra}


PERSONAL_REFUSALS = [
    ("no personal_name", item("张三.网址"), "tpl-zhang", 400, "ProductDetailsRequired"),
    ("label is not prefix+name+suffix", item("张三丰.网址", personal_name=personal()),
     "tpl-zhang", 400, "PersonalNameLabelMismatch"),
    ("name is not the holder", item("李四.网址", personal_name=personal("李四")), "tpl-zhang",
     422, "PersonalNameHolderMismatch"),
    ("transliterated name with a middle dot", item("张三.网址", personal_name=personal("张·三")),
     "tpl-zhang", 422, "PersonalNameTransliterated"),
    ("transliterated name with a full stop", item("张三.网址", personal_name=personal("张.三")),
     "tpl-zhang", 422, "PersonalNameTransliterated"),
    ("bad check digit", item("张三.网址", personal_name={
        "name": "张三", "id_number": wrong_check(GB_EXAMPLE_RESIDENT_ID)}), "tpl-zhang", 400,
     "DocumentNumberInvalid"),
    ("not a mainland ID", item("张三.网址", personal_name={
        "name": "张三", "id_number": resident_id(region="810000")}), "tpl-zhang", 400,
     "DocumentNumberInvalid"),
    ("enterprise holder", item("深圳市示例科技有限公司.网址", personal_name=personal(
        "深圳市示例科技有限公司")), "tpl-company", 422, "PersonalNameIndividualOnly"),
    ("Hong Kong holder", item("陈大文.网址", personal_name=personal("陈大文")),
     "tpl-hk-person", 422, "PersonalNameMainlandOnly"),
    ("missing id_number", item("张三.网址", personal_name={"name": "张三"}), "tpl-zhang", 400,
     "ValidationError"),
]


def test_one_person_holds_several_personal_names_and_may_switch_on_the_card(
        api: OrdersApi) -> None:
    order = buy(api, [
        item("设计师张三.网址", personal_name=personal(prefix="设计师")),
        item("张三博士.网址", personal_name=personal(suffix="博士",
                                                   id_number=GB_EXAMPLE_RESIDENT_ID.lower())),
    ], "tpl-zhang")
    assert order["status"] == "succeeded"
    assert [i["product"] for i in order["items"]] == ["personal_name", "personal_name"]
    for name in ("设计师张三.网址", "张三博士.网址"):
        domain = domain_view(api, name)
        assert domain["status"] == "active" and domain["product"] == "personal_name"
        assert domain["business_card_available"] is True
    registered = published("domain.registered")
    assert {e["product"] for e in registered} == {"personal_name"}
    # The same label again is taken
    answer = checkout(api, [item("设计师张三.网址", personal_name=personal(prefix="设计师"))],
                      "tpl-zhang")
    assert (answer[0], answer[1]["Code"]) == (409, "DomainUnavailable")


def test_personal_name_stays_on_hold_until_the_holder_is_verified(api: OrdersApi) -> None:
    buy(api, [item("张三.网址", personal_name=personal())], "tpl-zhang-pending")
    domain = domain_view(api, "张三.网址")
    assert domain["status"] == "server_hold" and domain["business_card_available"] is False
    announce(RealnameVerified(template_id="tpl-zhang-pending", account_id=CN, upload_id="u-2",
                              document_type="id_card", holder_name="张三"))
    api.fulfil()
    domain = domain_view(api, "张三.网址")
    assert domain["status"] == "active" and domain["business_card_available"] is True


def test_ordinary_domains_never_offer_the_business_card(api: OrdersApi) -> None:
    buy(api, [item("zhangsan-card.com")], "tpl-zhang")
    assert domain_view(api, "zhangsan-card.com")["business_card_available"] is False


# --- .gov.cn -------------------------------------------------------------------------------

GOV_REFUSALS = [
    ("individual holder", item("dangan.gov.cn", gov=GOV), "tpl-zhang", 422,
     "GovOrganisationRequired"),
    ("company holder", item("dangan.gov.cn", gov=GOV), "tpl-company", 422,
     "GovOrganisationRequired"),
    ("no gov details", item("dangan.gov.cn"), "tpl-gov", 400, "ProductDetailsRequired"),
    ("bad organisation code", item("dangan.gov.cn", gov={
        **GOV, "organisation_code": GOV_CODE[:-1] + ("0" if GOV_CODE[-1] != "0" else "1")}),
     "tpl-gov", 400, "DocumentNumberInvalid"),
    ("unknown level", item("dangan.gov.cn", gov={**GOV, "level": "township"}), "tpl-gov",
     400, "ValidationError"),
]


@pytest.mark.parametrize("level,channel", [
    ("provincial", "State Council General Office filing"),
    ("state_council", "State Council General Office filing"),
    ("city", "the next-higher government office"),
    ("county", "the next-higher government office"),
])
def test_government_levels_with_their_own_channel_are_sent_there(
        api: OrdersApi, level: str, channel: str) -> None:
    before = api.balance()
    status, body = checkout(api, [item("dangan.gov.cn", gov={**GOV, "level": level})],
                            "tpl-gov")
    assert (status, body["Code"]) == (422, "GovChannelRequired")
    assert channel in body["Message"] and body["Details"]["channel"] == channel
    zh = api.call("POST", "/v1/orders", body={
        "items": [item("dangan.gov.cn", gov={**GOV, "level": level})], "template_id": "tpl-gov",
        "terms_accepted": True}, headers={"Accept-Language": "zh-CN"})[1]
    assert ("国务院办公厅" if "State" in channel else "上级政府办公厅") in zh["Message"]
    nothing_ordered(api, before)


def test_gov_domain_needs_certificate_and_stamped_form_then_can_be_deregistered(
        api: OrdersApi) -> None:
    uscc = uscc_code(authority="1", body="MB0000A1")  # the same body's credit code
    order = buy(api, [item("dangan.gov.cn", gov=GOV)], "tpl-gov")
    assert order["items"][0]["review_documents"] == ["gov_certificate", "gov_application_form"]
    announce(verified("dangan.gov.cn", "gov_certificate", uscc, template="tpl-gov"))
    api.fulfil()
    domain = domain_view(api, "dangan.gov.cn")
    assert domain["status"] == "pending_naming_review"
    assert domain["review"]["verified_documents"] == ["gov_certificate"]
    assert domain["review"]["missing_documents"] == ["gov_application_form"]
    announce(verified("dangan.gov.cn", "gov_application_form", GOV_CODE, template="tpl-gov"))
    api.fulfil()
    assert domain_view(api, "dangan.gov.cn")["status"] == "active"
    published("domain.deleted")
    # Deregistration: other accounts and other suffixes are refused
    status, body = api.call("POST", "/v1/domains/dangan.gov.cn/deregistration", "intl-main")
    assert (status, body["Code"]) == (404, "DomainNotFound")
    status, body = api.call("POST", "/v1/domains/dangan.gov.cn/deregistration", "cn-ram")
    assert (status, body["Code"]) == (403, "RamUserForbidden")
    status, body = api.call("POST", "/v1/domains/dangan.gov.cn/deregistration")
    assert status == 200 and body["status"] == "deleted"
    assert registry().info("dangan.gov.cn") is None
    assert [e["reason"] for e in published("domain.deleted")] == ["deregistered"]
    status, body = api.call("POST", "/v1/domains/dangan.gov.cn/deregistration")
    assert (status, body["Code"]) == (409, "InvalidDomainState")


def test_gov_review_with_only_the_certificate_fails_and_refunds(api: OrdersApi) -> None:
    before = api.balance()
    order = buy(api, [item("halfway.gov.cn", gov=GOV)], "tpl-gov")
    announce(verified("halfway.gov.cn", "gov_certificate", GOV_CODE, template="tpl-gov"))
    api.fulfil()
    review_deadline_passes()
    final = api.call("GET", f"/v1/orders/{order['order_id']}")[1]
    assert final["items"][0]["failure"]["code"] == "GovReviewFailed"
    assert "application form" in final["items"][0]["failure"]["message"]
    assert api.balance() == before
    assert domain_view(api, "halfway.gov.cn")["status"] == "deleted"


def test_only_gov_cn_domains_can_be_deregistered(api: OrdersApi) -> None:
    buy(api, [item("keep-me.com")], "tpl-company")
    status, body = api.call("POST", "/v1/domains/keep-me.com/deregistration")
    assert (status, body["Code"]) == (422, "DeregistrationNotOffered")
    assert domain_view(api, "keep-me.com")["status"] == "active"


# --- proxy template and holder transfer -------------------------------------------------

def test_proxy_registration_is_restricted_until_a_holder_transfer(api: OrdersApi) -> None:
    order = buy(api, [item("quick.cn")], "proxy")
    assert order["template_id"] == "proxy" and order["status"] == "succeeded"
    domain = domain_view(api, "quick.cn")
    assert (domain["status"], domain["restricted"], domain["template_id"],
            domain["realname_status"]) == ("active", True, "proxy", "verified")
    assert registry().info("quick.cn").template_id == "proxy"
    assert published("domain.registered")[0]["restricted"] is True
    # Renewal: only for the same (proxy) holder while restricted
    renew = {"domain": "quick.cn", "years": 1, "action": "renew"}
    status, body = checkout(api, [renew], "tpl-company")
    assert (status, body["Code"]) == (422, "DomainRestricted")
    assert checkout(api, [renew], "proxy")[0] == 201
    # Holder transfer refusals
    transfer = "/v1/domains/quick.cn/holder-transfer"
    for template, status, code in [("tpl-intl-own", 404, "TemplateNotFound"),
                                   ("tpl-nobody", 404, "TemplateNotFound"),
                                   ("proxy", 404, "TemplateNotFound"),
                                   ("tpl-company-pending", 422, "TemplateNotRealnameVerified"),
                                   ("tpl-cn-unverified-email", 422, "TemplateEmailNotVerified"),
                                   ("tpl-hk-person", 422, "CnnicSiteRestricted")]:
        answer = api.call("POST", transfer, body={"template_id": template})
        assert (answer[0], answer[1]["Code"]) == (status, code), template
    assert api.call("POST", transfer, "cn-ram", {"template_id": "tpl-company"})[0] == 403
    assert api.call("POST", transfer, "intl-main", {"template_id": "tpl-intl-own"})[0] == 404
    assert api.call("POST", transfer, body={"template_id": ""})[1]["Code"] == "ValidationError"
    assert domain_view(api, "quick.cn")["restricted"] is True
    assert published("domain.holder_changed") == []
    # The transfer to one of the account's own verified templates lifts the restriction
    status, body = api.call("POST", transfer, body={"template_id": "tpl-company"})
    assert status == 200 and (body["restricted"], body["template_id"]) == (False, "tpl-company")
    assert registry().info("quick.cn").template_id == "tpl-company"
    [changed] = published("domain.holder_changed")
    assert (changed["template_id"], changed["previous_template_id"]) == ("tpl-company", "proxy")
    assert api.call("POST", transfer, body={"template_id": "tpl-company"})[0] == 200  # repeat
    status, body = api.call("POST", transfer, body={"template_id": "tpl-zhang"})
    assert (status, body["Code"]) == (409, "DomainNotRestricted")
    # Renewal with the customer's templates works again
    assert checkout(api, [renew], "tpl-zhang")[0] == 201


@pytest.mark.parametrize("request_item", [
    item("proxy.商标", trademark={**TRADEMARK, "holder": "示例云计算有限公司（代理注册）"}),
    item("张三.网址", personal_name=personal()),
    item("proxy.gov.cn", gov=GOV),
    item("中国代理.cn"),
], ids=["trademark", "personal name", "gov.cn", "reserved word"])
def test_the_proxy_template_cannot_hold_special_or_reserved_names(
        api: OrdersApi, request_item: dict[str, Any]) -> None:
    before = api.balance()
    status, body = checkout(api, [request_item], "proxy")
    assert (status, body["Code"]) == (422, "ProxyTemplateNotAllowed"), body
    nothing_ordered(api, before)


def test_domains_of_own_templates_have_nothing_to_transfer(api: OrdersApi) -> None:
    buy(api, [item("own-holder.com")], "tpl-company")
    status, body = api.call("POST", "/v1/domains/own-holder.com/holder-transfer",
                            body={"template_id": "tpl-zhang"})
    assert (status, body["Code"]) == (409, "DomainNotRestricted")
    assert registry().info("own-holder.com").template_id == "tpl-company"


# --- reserved-word naming review ----------------------------------------------------------

def test_entity_qualification_for_a_chinese_name_releases_the_naming_review(
        api: OrdersApi) -> None:
    buy(api, [item("中国梦想.cn")], "tpl-company")
    assert domain_view(api, "中国梦想.cn")["review"]["missing_documents"] == [
        "entity_qualification"]
    # another account's document for this domain does not count
    announce(verified("中国梦想.cn", "entity_qualification", template="tpl-intl-own",
                      account="demo-intl-main"))
    api.fulfil()
    assert domain_view(api, "中国梦想.cn")["status"] == "pending_naming_review"
    # the realname service names the domain in its Unicode form
    announce(verified("中国梦想.cn", "entity_qualification", uscc_code()))
    api.fulfil()
    assert domain_view(api, "中国梦想.cn")["status"] == "active"


class VerdictDuringCreate:
    """The registry, with a certificate verdict arriving while the registration runs (after
    orders looked for early documents, before it wrote the domain)."""

    def __init__(self, inner: Any, verdict: Any) -> None:
        self.inner, self.verdict = inner, verdict

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def create(self, *args: Any, **kwargs: Any) -> Any:
        record = self.inner.create(*args, **kwargs)
        self.verdict()
        return record


def test_a_certificate_verified_while_the_registration_is_written_still_counts(
        api: OrdersApi) -> None:
    from chalicelib.orders import fulfilment, wiring

    status, order = checkout(api, [item("race.商标", trademark=TRADEMARK)], "tpl-company")
    assert status == 201 and api.pay(order["order_id"])[0] == 200
    deps = wiring.get_deps()
    racing = dataclasses.replace(deps, registry=VerdictDuringCreate(
        deps.registry, lambda: fulfilment.record_qualification(
            "race.商标", "trademark_certificate", account_id=CN, template_id="tpl-company",
            document_number="12345678", deps=deps)))
    fulfilment.fulfil_order(order["order_id"], racing)
    domain = domain_view(api, "race.商标")
    assert domain["status"] == "active", domain
    assert registry().info(domain["ascii"]).statuses == ("ok",)
    assert wiring.get_orders().early_documents(domain["ascii"]) == []


REFUSALS = TRADEMARK_REFUSALS + PERSONAL_REFUSALS + GOV_REFUSALS


@pytest.mark.parametrize("case,request_item,template,status,code", REFUSALS,
                         ids=[c[0] for c in REFUSALS])
def test_special_suffix_checkout_refusals_register_and_charge_nothing(
        api: OrdersApi, case: str, request_item: dict[str, Any], template: str, status: int,
        code: str) -> None:
    before = api.balance()
    answer = checkout(api, [request_item], template)
    assert (answer[0], answer[1]["Code"]) == (status, code), answer
    nothing_ordered(api, before)

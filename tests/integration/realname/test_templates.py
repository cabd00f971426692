from typing import Any

import boto3
import pytest

from registrar_shared.auth import DynamoAccountStore
from tests.fakes.clock import FakeClock
from tests.integration.realname.conftest import (
    CN_ENTERPRISE,
    CN_INDIVIDUAL,
    INTL_INDIVIDUAL,
    RealnameClient,
)


def test_created_template_is_returned_with_its_state_and_announced(
        realname: RealnameClient) -> None:
    # When the cn main account creates an individual template
    reply = realname.post("/v1/templates", CN_INDIVIDUAL)
    # Then it is 201 with the fields, unverified, and orders hears template.created
    assert reply.status == 201
    template = reply.body
    assert template["template_id"].startswith("tpl-")
    assert template["site"] == "cn" and template["holder_name"] == "张三"
    assert template["phone"] == "+8613800000000"
    assert template["email_verified"] is False
    assert template["realname_status"] == "none" and template["realname_failure"] is None
    assert realname.get(f"/v1/templates/{template['template_id']}").body == template
    [event] = realname.events("template.created", template_id=template["template_id"])
    assert event["payload"]["account_id"] == "demo-cn-main"
    assert event["payload"]["holder_type"] == "individual"


def test_enterprise_template_holds_the_organisation_and_its_type(
        realname: RealnameClient) -> None:
    body = {**CN_ENTERPRISE, "organisation_type": "government"}
    reply = realname.post("/v1/templates", body)
    assert reply.status == 201
    assert reply.body["holder_name"] == "深圳市示例科技有限公司"
    assert reply.body["organisation_type"] == "government"
    [event] = realname.events("template.created", template_id=reply.body["template_id"])
    assert event["payload"]["organisation_type"] == "government"


def test_ram_user_works_on_its_main_accounts_templates(realname: RealnameClient) -> None:
    # Given a template created by the main account
    template_id = realname.create_template()
    # Then the RAM user sees it, and one it creates belongs to the main account as well
    assert realname.get(f"/v1/templates/{template_id}", account="cn-ram").status == 200
    own = realname.create_template(account="cn-ram")
    listed = {t["template_id"] for t in realname.get("/v1/templates").body["templates"]}
    assert {template_id, own} <= listed


def test_another_accounts_template_is_not_found(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    reply = realname.get(f"/v1/templates/{template_id}", account="intl-main")
    assert reply.status == 404 and reply.code == "NotFound"
    assert realname.post(f"/v1/templates/{template_id}/email-verification",
                         account="intl-main").status == 404
    listed = realname.get("/v1/templates", account="intl-main").body["templates"]
    assert template_id not in {t["template_id"] for t in listed}


@pytest.mark.parametrize("template_id", ["nope", "tpl-" + "0" * 300, "tpl-!", "%00"])
def test_unknown_or_malformed_ids_are_404_not_500(realname: RealnameClient,
                                                    template_id: str) -> None:
    assert realname.get(f"/v1/templates/{template_id}").status == 404


def test_templates_list_in_creation_order_with_pagination(realname: RealnameClient,
                                                          clock: FakeClock) -> None:
    created = []
    for _ in range(5):
        created.append(realname.create_template(INTL_INDIVIDUAL, account="intl-main"))
        clock.advance(seconds=1)
    first = realname.get("/v1/templates?limit=2", account="intl-main").body
    assert len(first["templates"]) == 2 and first["next_token"]
    seen = [t["template_id"] for t in first["templates"]]
    token = first["next_token"]
    while token:
        page = realname.get(f"/v1/templates?limit=2&next_token={token}",
                            account="intl-main").body
        seen += [t["template_id"] for t in page["templates"]]
        token = page["next_token"]
    mine = [t for t in seen if t in created]
    assert mine == created


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "limit=x", "next_token=%%%",
                                   "colour=red"])
def test_bad_list_queries_are_400(realname: RealnameClient, query: str) -> None:
    reply = realname.get(f"/v1/templates?{query}")
    assert reply.status == 400, reply.body


def test_next_token_of_another_account_is_refused(realname: RealnameClient) -> None:
    for _ in range(2):
        realname.create_template(INTL_INDIVIDUAL, account="intl-main")
    token = realname.get("/v1/templates?limit=1", account="intl-main").body["next_token"]
    reply = realname.get(f"/v1/templates?next_token={token}")
    assert reply.status == 400 and reply.code == "InvalidNextToken"


BAD_TEMPLATES: list[tuple[str, dict[str, Any], str]] = [
    ("missing email", {k: v for k, v in CN_INDIVIDUAL.items() if k != "email"},
     "ValidationError"),
    ("unknown field", {**CN_INDIVIDUAL, "colour": "red"}, "ValidationError"),
    ("bad holder type", {**CN_INDIVIDUAL, "holder_type": "company"}, "ValidationError"),
    ("bad region", {**CN_INDIVIDUAL, "region": "mars"}, "ValidationError"),
    ("bad email", {**CN_INDIVIDUAL, "email": "zhangsan@"}, "ValidationError"),
    ("bad phone", {**CN_INDIVIDUAL, "phone": "call me"}, "ValidationError"),
    ("name of 65 characters", {**CN_INDIVIDUAL, "name": "张" * 65}, "ValidationError"),
    ("blank name", {**CN_INDIVIDUAL, "name": " \u3000 "}, "ValidationError"),
    ("invisible character", {**CN_INDIVIDUAL, "name": "张\u200b三"}, "ValidationError"),
    ("enterprise without organisation",
     {k: v for k, v in CN_ENTERPRISE.items() if k != "organisation"}, "OrganisationRequired"),
    ("organisation type for a person", {**CN_INDIVIDUAL, "organisation_type": "government"},
     "OrganisationTypeNotAllowed"),
    ("latin name on the cn site", {**CN_INDIVIDUAL, "name": "Zhang San"},
     "ChineseHolderNameRequired"),
    ("latin organisation on the cn site", {**CN_ENTERPRISE, "organisation": "Example Ltd"},
     "ChineseHolderNameRequired"),
    ("mainland outside CN", {**CN_INDIVIDUAL, "country": "US"}, "CountryRegionMismatch"),
    ("other region with CN", {**CN_INDIVIDUAL, "region": "other"}, "CountryRegionMismatch"),
    ("mainland postal code", {**CN_INDIVIDUAL, "postal_code": "1234"}, "PostalCodeInvalid"),
]


@pytest.mark.parametrize("case,body,code", BAD_TEMPLATES, ids=[c[0] for c in BAD_TEMPLATES])
def test_invalid_templates_are_refused_with_a_clear_code_and_nothing_is_stored(
        realname: RealnameClient, case: str, body: dict[str, Any], code: str) -> None:
    before = realname.get("/v1/templates?limit=200").body["templates"]
    announced = len(realname.events("template.created"))
    reply = realname.post("/v1/templates", body)
    assert (reply.status, reply.code) == (400, code), reply.body
    assert realname.get("/v1/templates?limit=200").body["templates"] == before
    assert len(realname.events("template.created")) == announced


def test_intl_site_needs_a_latin_holder_name(realname: RealnameClient) -> None:
    chinese = {**INTL_INDIVIDUAL, "name": "张三"}
    reply = realname.post("/v1/templates", chinese, account="intl-main")
    assert (reply.status, reply.code) == (400, "EnglishHolderNameRequired")
    ok = realname.post("/v1/templates", {**chinese, "name_en": "Zhang San"},
                       account="intl-main")
    assert ok.status == 201 and ok.body["name_en"] == "Zhang San"


def test_chinese_message_for_zh_cn(realname: RealnameClient) -> None:
    reply = realname.post("/v1/templates", {**CN_INDIVIDUAL, "name": "Zhang San"},
                          headers={"Accept-Language": "zh-CN"})
    assert reply.code == "ChineseHolderNameRequired" and "中文" in reply.body["Message"]


def test_requests_without_a_key_are_401(realname: RealnameClient) -> None:
    assert realname.post("/v1/templates", CN_INDIVIDUAL, account=None).status == 401
    assert realname.get("/v1/templates", account=None).status == 401


def test_idempotency_key_replays_the_first_template_and_refuses_another_body(
        realname: RealnameClient) -> None:
    headers = {"Idempotency-Key": "create-zhangsan-1"}
    first = realname.post("/v1/templates", CN_INDIVIDUAL, headers=headers)
    again = realname.post("/v1/templates", CN_INDIVIDUAL, headers=headers)
    other = realname.post("/v1/templates", {**CN_INDIVIDUAL, "city": "上海市"},
                          headers=headers)
    assert first.status == again.status == 201
    assert again.body == first.body
    assert (other.status, other.code) == (409, "IdempotencyKeyReused")
    assert len(realname.events("template.created",
                               template_id=first.body["template_id"])) == 1
    # the same key of another account is another request
    intl = realname.post("/v1/templates", INTL_INDIVIDUAL, account="intl-main",
                         headers=headers)
    assert intl.status == 201 and intl.body["template_id"] != first.body["template_id"]


def test_overlong_idempotency_key_is_400(realname: RealnameClient) -> None:
    reply = realname.post("/v1/templates", CN_INDIVIDUAL,
                          headers={"Idempotency-Key": "k" * 129})
    assert (reply.status, reply.code) == (400, "InvalidIdempotencyKey")


def test_the_501st_template_is_refused(realname: RealnameClient) -> None:
    # Given a new account with 499 templates (the counter item is the quota's one source)
    principal, key = DynamoAccountStore(boto3.resource("dynamodb").Table(
        "registrar-accounts")).create_account(kind="main", site="intl", name="full",
                                              now=FakeClock().now())
    realname.keys["full"] = key
    boto3.resource("dynamodb").Table("registrar-realname").put_item(Item={
        "PK": f"ACCOUNT#{principal.account_id}", "SK": "#TEMPLATE_COUNT", "templates": 499})
    # When it creates two more templates
    five_hundredth = realname.post("/v1/templates", INTL_INDIVIDUAL, account="full")
    refused = realname.post("/v1/templates", INTL_INDIVIDUAL, account="full")
    # Then the 500th is created, the 501st refused with a clear code, the count kept
    assert five_hundredth.status == 201
    assert (refused.status, refused.code) == (422, "TemplateLimitExceeded")
    assert "500" in refused.body["Message"]
    assert realname.post("/v1/templates", CN_INDIVIDUAL).status == 201  # other accounts

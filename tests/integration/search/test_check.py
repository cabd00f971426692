"""The search endpoints through the Chalice test client on moto, with the seeded registry.

Search never writes, so the tests of this module share one seeded moto world (the outage
test puts back what it removes)."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from chalice.test import Client

from infra.bootstrap import bootstrap
from registrar_shared import aws
from registrar_shared.resources import TABLES
from tests.conftest import load_app
from tests.integration.helpers import demo_accounts

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def keys(shared_moto: None) -> dict[str, str]:
    return demo_accounts()   # also runs search's seed: the registry's taken/reserved names


@pytest.fixture
def client(keys: dict[str, str]) -> Iterator[Client]:
    with Client(load_app("search").app) as test_client:
        yield test_client


def get(client: Client, path: str, **headers: str) -> tuple[int, Any]:
    response = client.http.get(path, headers=headers)
    return response.status_code, json.loads(response.body)


def post(client: Client, path: str, body: Any, **headers: str) -> tuple[int, Any]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.http.post(path, body=raw, headers={**JSON, **headers})
    return response.status_code, json.loads(response.body)


def registry_items() -> int:
    return int(aws.client("dynamodb").scan(TableName=TABLES.registry, Select="COUNT")["Count"])


def test_single_check_answers_both_forms_status_and_price(client: Client) -> None:
    # Given the seeded registry holds 中國銀行.cn
    status, body = get(client, "/v1/check?domain=%E4%B8%AD%E5%9B%BD%E9%93%B6%E8%A1%8C.cn")
    # Then its simplified form is blocked as a variant
    assert status == 200
    assert body["domain"] == "中国银行.cn" and body["ascii"] == "xn--fiqs8s856bruk.cn"
    assert (body["label"], body["suffix"]) == ("中国银行", "cn")
    assert (body["status"], body["available"], body["price"]) == (
        "variant_registered", False, None)
    assert [n["code"] for n in body["notices"]] == ["ReservedWordReview", "RealNameRequired"]


def test_available_name_has_the_site_price(client: Client) -> None:
    _, cn = get(client, "/v1/check?domain=free-name-2026.cn")
    _, intl = get(client, "/v1/check?domain=free-name-2026.cn&site=intl")
    assert cn["status"] == "available" and cn["available"] is True
    assert cn["price"] == {"currency": "CNY", "register": 2900, "renew": 3900, "transfer": 3900}
    assert intl["price"]["currency"] == "USD"


def test_bulk_check_answers_every_status_in_request_order(client: Client) -> None:
    names = ["free-name-2026.com", "TaoBao.com", "中国银行.cn", "example.com", "a_b.com",
             "abc.xyz", "abc.hk", "xn--fiqs8s.xn--fiqs8s", "中文.com.cn"]
    status, body = post(client, "/v1/check", {"domains": names, "site": "cn"})
    assert status == 200 and body["site"] == "cn"
    assert [r["input"] for r in body["results"]] == names
    assert [r["status"] for r in body["results"]] == [
        "available", "registered", "variant_registered", "reserved", "invalid",
        "unsupported_suffix", "not_registrable", "registered", "invalid"]
    assert body["results"][8]["reasons"][0]["code"] == "ChineseNotAllowedForSuffix"
    assert body["results"][7]["domain"] == "中国.中国"


def test_bulk_check_takes_500_names(client: Client) -> None:
    names = [f"bulk-{i}.com" for i in range(499)] + ["jd.com"]
    status, body = post(client, "/v1/check", {"domains": names})
    assert status == 200 and len(body["results"]) == 500
    assert body["results"][-1]["status"] == "registered"
    assert {r["status"] for r in body["results"][:-1]} == {"available"}


def test_chinese_messages_for_zh_cn(client: Client) -> None:
    _, body = post(client, "/v1/check", {"domains": ["-a.com"]}, **{"Accept-Language": "zh-CN"})
    assert body["results"][0]["reasons"][0] == {"code": "HyphenAtEdge",
                                                "message": "标签不能以连字符开头或结尾"}


def test_price_defaults_to_the_callers_site_when_a_key_is_sent(client: Client,
                                                               keys: dict[str, str]) -> None:
    _, anonymous = get(client, "/v1/check?domain=free-name-2026.com")
    _, intl = get(client, "/v1/check?domain=free-name-2026.com",
                  Authorization=f"Bearer {keys['intl-main']}")
    status, bad = get(client, "/v1/check?domain=free-name-2026.com", Authorization="Bearer x")
    assert anonymous["price"]["currency"] == "CNY" and intl["price"]["currency"] == "USD"
    assert status == 401 and bad["Code"] == "Unauthorized"


BAD_BODIES: list[tuple[str, bytes]] = [
    ("empty body", b""),
    ("not an object", b"[\"a.com\"]"),
    ("malformed JSON", b"{\"domains\": [\"a.com\""),
    ("invalid UTF-8", b"{\"domains\": [\"\xff\xfe.com\"]}"),
    ("no names", json.dumps({"domains": []}).encode()),
    ("501 names", json.dumps({"domains": [f"n{i}.com" for i in range(501)]}).encode()),
    ("names not a list", json.dumps({"domains": "a.com"}).encode()),
    ("a name not a string", json.dumps({"domains": ["a.com", 7]}).encode()),
    ("null name", json.dumps({"domains": [None]}).encode()),
    ("10,000-character name", json.dumps({"domains": ["a" * 10_000 + ".com"]}).encode()),
    ("control character", json.dumps({"domains": ["a\u0007b.com"]}).encode()),
    ("NUL", json.dumps({"domains": ["a\u0000b.com"]}).encode()),
    ("lone surrogate", b"{\"domains\": [\"\\ud800.com\"]}"),
    ("unknown field", json.dumps({"domains": ["a.com"], "extra": 1}).encode()),
    ("unknown site", json.dumps({"domains": ["a.com"], "site": "mars"}).encode()),
    ("nested too deep", b"[" * 50_000 + b"]" * 50_000),
    ("too large", b"{\"domains\": [\"" + b"a" * (3 * 1024 * 1024) + b"\"]}"),
]


@pytest.mark.parametrize(("case", "raw"), BAD_BODIES, ids=[c for c, _ in BAD_BODIES])
def test_bad_bulk_requests_are_400_and_write_nothing(client: Client, case: str,
                                                     raw: bytes) -> None:
    before = registry_items()
    status, body = post(client, "/v1/check", raw)
    assert status == 400, case
    assert body["Code"] == "ValidationError" and body["Details"]
    assert registry_items() == before


@pytest.mark.parametrize("query", [
    "", "domain=%FF%FE.com", "domain=a%00b.com", "domain=a%0Ab.com", "site=cn",
    "domain=a.com&site=mars", "domain=a.com&unknown=1", "domain=" + "a" * 10_000,
])
def test_bad_single_checks_are_400(client: Client, query: str) -> None:
    status, body = get(client, f"/v1/check?{query}")
    assert status == 400 and body["Code"] == "ValidationError"


def test_surrounding_whitespace_with_tabs_and_newlines_is_not_a_control_character(
        client: Client) -> None:
    status, body = post(client, "/v1/check", {"domains": ["\ttaobao.com\n"]})
    assert status == 200 and body["results"][0]["status"] == "registered"


def test_registry_outage_is_503_not_500(client: Client) -> None:
    aws.client("dynamodb").delete_table(TableName=TABLES.registry)
    try:
        status, body = post(client, "/v1/check", {"domains": ["a.com"]})
        assert status == 503 and body["Code"] == "RegistryUnavailable"
        # Names that need no registry look-up are still answered
        status, body = post(client, "/v1/check", {"domains": ["a.xyz"]})
        assert status == 200
    finally:
        bootstrap(visibility_timeout=1, callback_secret="test-callback-secret")
        demo_accounts()
    assert get(client, "/v1/check?domain=taobao.com")[1]["status"] == "registered"


def test_suggest_lists_the_keyword_on_recommended_suffixes_with_availability(
        client: Client) -> None:
    status, body = get(client, "/v1/suggest?keyword=taobao&site=cn&limit=8")
    assert status == 200 and body["keyword"] == "taobao" and len(body["results"]) == 8
    results = {r["domain"]: r for r in body["results"]}
    assert [r["domain"] for r in body["results"]][:3] == ["taobao.com", "taobao.cn",
                                                          "taobao.xin"]
    assert results["taobao.com"]["status"] == "registered"
    assert results["taobao.xin"]["status"] == "available"
    assert results["taobao.xin"]["price"]["currency"] == "CNY"


def test_suggest_for_chinese_keywords_includes_chinese_suffixes(client: Client) -> None:
    _, body = get(client, "/v1/suggest?keyword=%E6%B7%98%E5%AE%9D&limit=30")
    domains = [r["domain"] for r in body["results"]]
    assert "淘宝.中国" in domains and "淘宝.com.cn" not in domains
    assert next(r for r in body["results"] if r["domain"] == "淘宝.中国")["status"] == \
        "registered"


@pytest.mark.parametrize("query", ["keyword=-_-", "keyword=", "keyword=a&limit=0",
                                   "keyword=a&limit=101", "keyword=a&limit=x", "limit=3"])
def test_bad_suggest_requests_are_400(client: Client, query: str) -> None:
    status, body = get(client, f"/v1/suggest?{query}")
    assert status == 400 and body["Code"] in ("ValidationError", "InvalidDomainName")


def test_suggest_refusal_carries_the_name_reasons(client: Client) -> None:
    _, body = get(client, "/v1/suggest?keyword=-_-")
    assert body["Code"] == "InvalidDomainName"
    assert body["Details"]["reasons"][0]["code"] == "InvalidCharacter"


def test_validate_answers_rules_only(client: Client) -> None:
    status, body = post(client, "/v1/validate", {"domain": "TAOBAO.com"})
    assert status == 200
    assert body == {"domain": "taobao.com", "ascii": "taobao.com", "label": "taobao",
                    "suffix": "com", "valid": True, "variant_key": "com|taobao", "reasons": [],
                    "notices": [{"code": "RealNameRequired", "message": body["notices"][0][
                        "message"]}]}


def test_validate_reports_every_reason_and_holder_specific_notice(client: Client) -> None:
    _, invalid = post(client, "/v1/validate", {"domain": "政府银行保险.hk"})
    _, individual = post(client, "/v1/validate", {"domain": "中國人.cn",
                                                  "holder_type": "individual"})
    assert not invalid["valid"] and [r["code"] for r in invalid["reasons"]] == [
        "HkGovernmentRefused", "HkBankConsentRequired", "HkInsuranceConsentRequired",
        "SuffixNotRegistrable"]
    assert individual["valid"] and individual["variant_key"] == "cn|中国人"
    assert "individuals cannot" in individual["notices"][0]["message"]


@pytest.mark.parametrize("body", [{}, {"domain": 5}, {"domain": "a.com", "holder_type": "cat"},
                                  {"domain": "a.com", "x": 1}])
def test_bad_validate_requests_are_400(client: Client, body: dict) -> None:
    status, answer = post(client, "/v1/validate", body)
    assert status == 400 and answer["Code"] == "ValidationError"


def test_search_needs_no_api_key_and_documents_every_route(client: Client) -> None:
    _, document = get(client, "/v1/openapi.json")
    paths = document["paths"]
    assert set(paths) >= {"/search/v1/check", "/search/v1/suggest", "/search/v1/validate",
                          "/search/v1/suffixes"}
    assert set(paths["/search/v1/check"]) == {"get", "post"}
    assert all("security" not in op for ops in paths.values() for op in ops.values())

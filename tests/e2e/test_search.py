"""Search through the local gateway: the seeded registry, bulk and single checks,
suggestions, validation, and bad input over real HTTP."""

import json
from urllib.parse import quote

from tests.e2e.conftest import Api


def test_bulk_check_through_the_gateway_sees_the_seeded_registry(api: Api) -> None:
    names = ["taobao.com", "中國銀行.cn", "中国银行.cn", "example.com", "e2e-free-name.com",
             "www.abc.com", "abc.hk"]
    response = api.post("/search/v1/check", json={"domains": names, "site": "cn"})
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == [
        "registered", "registered", "variant_registered", "reserved", "available", "invalid",
        "not_registrable"]


def test_single_check_with_a_percent_encoded_chinese_name(api: Api) -> None:
    response = api.get(f"/search/v1/check?domain={quote('中国.中国')}&site=intl")
    body = response.json()
    assert response.status_code == 200
    assert (body["ascii"], body["status"]) == ("xn--fiqs8s.xn--fiqs8s", "registered")


def test_suggest_and_validate_through_the_gateway(api: Api) -> None:
    suggest = api.get("/search/v1/suggest?keyword=aliyun&limit=3").json()
    assert [(r["domain"], r["status"]) for r in suggest["results"]] == [
        ("aliyun.com", "registered"), ("aliyun.cn", "registered"), ("aliyun.xin", "available")]
    validate = api.post("/search/v1/validate", json={"domain": "ａｂｃ。中国"},
                        headers={"Accept-Language": "zh-CN"}).json()
    assert validate["valid"] is False and validate["reasons"][0]["code"] == "HanCharacterRequired"
    assert "汉字" in validate["reasons"][0]["message"]


def test_bad_input_over_http_is_400_never_500(api: Api) -> None:
    cases = [
        api.post("/search/v1/check", data=b""),
        api.post("/search/v1/check", data=b"{\"domains\": [\"\xc3\x28.com\"]}"),
        api.post("/search/v1/check", data=json.dumps({"domains": ["x.com"] * 501})),
        api.post("/search/v1/check", data=json.dumps({"domains": ["a" * 10_000]})),
        api.post("/search/v1/check", data=b"{\"domains\": [\"\\udc80.com\"]}"),
        api.get("/search/v1/check?domain=%C3%28.com"),
        api.get("/search/v1/check?domain=a%01.com"),
    ]
    assert [r.status_code for r in cases] == [400] * len(cases)
    assert {r.json()["Code"] for r in cases} == {"ValidationError"}

import json

from chalice.test import Client

from tests.conftest import load_app


def test_suffixes_are_priced_for_the_requested_site() -> None:
    with Client(load_app("search").app) as client:
        cn = json.loads(client.http.get("/v1/suffixes?site=cn").body)
        intl = json.loads(client.http.get("/v1/suffixes?site=intl").body)
        default = json.loads(client.http.get("/v1/suffixes").body)
    zhongguo = next(s for s in cn["suffixes"] if s["suffix"] == "中国")
    assert zhongguo["ascii"] == "xn--fiqs8s"
    assert zhongguo["price"] == {"currency": "CNY", "register": 2900, "renew": 3900,
                                 "transfer": 3900}
    assert zhongguo["label_script"] == "han_required" and zhongguo["cnnic"]
    assert {s["price"]["currency"] for s in intl["suffixes"]} == {"USD"}
    assert default["site"] == "cn" and len(cn["suffixes"]) == len(intl["suffixes"]) == 25


def test_unknown_site_is_a_validation_error() -> None:
    with Client(load_app("search").app) as client:
        response = client.http.get("/v1/suffixes?site=mars")
    body = json.loads(response.body)
    assert response.status_code == 400 and body["Code"] == "ValidationError"
    assert body["Details"][0]["field"] == "site"

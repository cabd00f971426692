"""The API conventions every service shares: error body, languages, validation, auth."""

import json

import pytest
from chalice import Chalice
from chalice.test import Client
from pydantic import BaseModel, Field

from registrar_shared import observability, web
from tests.conftest import load_app
from tests.integration.helpers import demo_accounts


class Body(BaseModel):
    name: str = Field(max_length=5)
    years: int


PROBE_LOGGER = observability.get_logger("probe")


def probe_app() -> Chalice:
    app = Chalice(app_name="probe")
    observability.install(app, PROBE_LOGGER)

    @app.route("/v1/things", methods=["POST"])
    @web.translate_errors
    def create() -> dict:
        return web.parse_body(Body, app.current_request).model_dump()

    @app.route("/v1/broken", methods=["GET"])
    @web.translate_errors
    def broken() -> dict:
        raise KeyError("a bug, not a RegistrarError")

    return app


@pytest.mark.parametrize("raw", [b"{not json", b"", b"\xff\xfe", b"[1, 2]", b'"text"',
                                 b"[" * 100_000 + b"]" * 100_000])
def test_malformed_body_is_400_validation_error(raw: bytes) -> None:
    with Client(probe_app()) as client:
        response = client.http.post("/v1/things", body=raw,
                                    headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    body = json.loads(response.body)
    assert body["Code"] == "ValidationError"
    assert body["RequestId"] and body["Details"][0]["field"] == "(body)"


def test_an_unexpected_exception_answers_the_error_body_with_a_request_id(
        caplog: pytest.LogCaptureFixture) -> None:
    with Client(probe_app()) as client:
        response = client.http.get("/v1/broken", headers={"Accept-Language": "zh-CN"})
    body = json.loads(response.body)
    assert response.status_code == 500
    assert body["Code"] == "InternalError"
    assert body["Message"].startswith("内部错误")
    assert body["RequestId"]
    assert "a bug" not in response.body.decode()  # nothing internal leaks
    assert any(r.exc_info and "a bug" in str(r.exc_info[1]) for r in caplog.records)


def test_field_errors_list_field_and_problem() -> None:
    with Client(probe_app()) as client:
        response = client.http.post("/v1/things", body=json.dumps({"name": "toolong"}),
                                    headers={"Content-Type": "application/json"})
    body = json.loads(response.body)
    assert response.status_code == 400 and body["Code"] == "ValidationError"
    assert {d["field"] for d in body["Details"]} == {"name", "years"}
    assert response.headers["X-Request-Id"] == body["RequestId"]


def test_account_needs_a_valid_key(moto: None) -> None:
    app = load_app("orders").app
    with Client(app) as client:
        missing = client.http.get("/v1/account")
        wrong = client.http.get("/v1/account", headers={"Authorization": "Bearer nope"})
        chinese = client.http.get("/v1/account", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    for response in (missing, wrong, chinese):
        assert response.status_code == 401
        assert json.loads(response.body)["Code"] == "Unauthorized"
    assert "API key" in json.loads(missing.body)["Message"]
    assert "密钥" in json.loads(chinese.body)["Message"]


def test_account_shows_kind_site_and_balance(moto: None) -> None:
    keys = demo_accounts()
    app = load_app("orders").app
    with Client(app) as client:
        main = json.loads(client.http.get(
            "/v1/account", headers={"Authorization": f"Bearer {keys['cn-main']}"}).body)
        ram = json.loads(client.http.get(
            "/v1/account", headers={"Authorization": f"Bearer {keys['cn-ram']}"}).body)
        intl = json.loads(client.http.get(
            "/v1/account", headers={"Authorization": f"Bearer {keys['intl-main']}"}).body)
    assert main == {"account_id": "demo-cn-main", "site": "cn", "kind": "main",
                    "parent_id": None, "balance": 100_000_000, "currency": "CNY"}
    assert ram["kind"] == "ram" and ram["parent_id"] == "demo-cn-main"
    assert ram["balance"] == main["balance"]
    assert intl["currency"] == "USD" and intl["site"] == "intl"


@pytest.mark.parametrize("service", ["search", "orders", "realname", "dns", "notify"])
def test_every_service_serves_its_openapi_document(service: str) -> None:
    with Client(load_app(service).app) as client:
        response = client.http.get("/v1/openapi.json")
    document = json.loads(response.body)
    assert response.status_code == 200
    assert document["openapi"].startswith("3.")
    assert all(path.startswith(f"/{service}/v1/") for path in document["paths"])

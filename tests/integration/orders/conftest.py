"""Orders integration fixtures: moto with seeds, template projections, a provider sandbox."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from chalice.test import Client

from infra.devstack.gateway import Gateway
from infra.devstack.moto import free_port
from registrar_shared import lazy
from registrar_shared.registry.seed import seed_registry
from registrar_shared.resources import QUEUES
from tests.conftest import load_app
from tests.integration.helpers import demo_accounts, drain

TEMPLATES = {
    "tpl-cn-individual": {"account_id": "demo-cn-main", "holder_type": "individual",
                          "name": "张三", "region": "mainland", "email_verified": True},
    "tpl-cn-enterprise": {"account_id": "demo-cn-main", "holder_type": "enterprise",
                          "name": "某某科技有限公司", "region": "mainland",
                          "email_verified": True, "realname_status": "verified"},
    "tpl-cn-unverified-email": {"account_id": "demo-cn-main", "holder_type": "individual",
                                "name": "李四", "region": "mainland", "email_verified": False},
    "tpl-cn-taiwan": {"account_id": "demo-cn-main", "holder_type": "individual",
                      "name": "王五", "region": "taiwan", "email_verified": True},
    "tpl-intl-taiwan": {"account_id": "demo-intl-main", "holder_type": "individual",
                        "name": "Wang Wu", "region": "taiwan", "email_verified": True,
                        "realname_status": "verified"},
}


@dataclass
class OrdersApi:
    client: Client
    keys: dict[str, str]

    def call(self, method: str, path: str, account: str | None = "cn-main",
             body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if account:
            all_headers["Authorization"] = f"Bearer {self.keys[account]}"
        raw = body if isinstance(body, bytes) else (
            json.dumps(body).encode() if body is not None else b"")
        response = getattr(self.client.http, method.lower())(path, headers=all_headers,
                                                             body=raw)
        return response.status_code, json.loads(response.body or b"null")

    def order(self, domains: list[str], account: str = "cn-main",
              template: str = "tpl-cn-individual", **extra: Any) -> tuple[int, Any]:
        items = [{"domain": d, "years": 1} for d in domains]
        return self.call("POST", "/v1/orders", account,
                         {"items": items, "template_id": template, "terms_accepted": True,
                          **extra})

    def pay(self, order_id: str, account: str = "cn-main", method: str = "balance"
            ) -> tuple[int, Any]:
        return self.call("POST", f"/v1/orders/{order_id}/payments", account,
                         {"method": method})

    def balance(self, account: str = "cn-main") -> int:
        return int(self.call("GET", "/v1/account", account)[1]["balance"])

    def fulfil(self) -> int:
        return drain(self.client, "handle_orders_inbox_message", QUEUES.orders_inbox)


@pytest.fixture
def sandbox(moto: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The provider sandbox on a real local port (callbacks are posted by the tests)."""
    module = __import__("chalicelib.orders.local_mounts", fromlist=["mounts"])
    gateway = Gateway({}, port=free_port())
    gateway.mounts.update(module.mounts(gateway.url))
    gateway.start()
    monkeypatch.setenv("LOCAL_GATEWAY_URL", gateway.url)
    lazy.reset_all()
    yield gateway.url
    gateway.stop()


@pytest.fixture
def orders_api(moto: None, sandbox: str) -> Iterator[OrdersApi]:
    keys = demo_accounts()
    app = load_app("orders").app
    from chalicelib.orders import wiring

    seed_registry(wiring.get_registry())  # type: ignore[arg-type]
    for template_id, fields in TEMPLATES.items():
        wiring.get_orders().project_template(template_id, fields)
    with Client(app) as client:
        yield OrdersApi(client, keys)

"""One local stack for the whole e2e session: moto_server + gateway + event runner, started
by the same code as `make run`, on free ports so a developer's running stack is untouched."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from infra.devstack.moto import free_port
from infra.devstack.stack import LocalStack
from registrar_shared import lazy


def wait_for(probe: Callable[[], Any], timeout: float = 30.0, interval: float = 0.1) -> Any:
    """Poll until ``probe`` returns something truthy (eventual consistency through queues)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


class Api:
    """A thin HTTP client for the gateway (fresh connection per request)."""

    def __init__(self, base_url: str, keys: dict[str, str]) -> None:
        self.base_url = base_url
        self.keys = keys

    def request(self, method: str, path: str, *, account: str | None = None,
                **kwargs: object) -> requests.Response:
        headers = {"Connection": "close", **kwargs.pop("headers", {})}  # type: ignore[dict-item]
        if account is not None:
            headers["Authorization"] = f"Bearer {self.keys[account]}"
        return requests.request(method, self.base_url + path, headers=headers, timeout=30,
                                **kwargs)  # type: ignore[arg-type]

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: object) -> requests.Response:
        return self.request("POST", path, **kwargs)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    saved = dict(os.environ)
    state = Path(tmp_path_factory.mktemp("stack")) / "stack.json"
    local = LocalStack(port=free_port(), moto_port=free_port(), state_file=state)
    local.start()
    try:
        yield local
    finally:
        local.stop()
        os.environ.clear()
        os.environ.update(saved)
        lazy.reset_all()


@pytest.fixture(scope="session")
def api(stack: LocalStack) -> Api:
    return Api(stack.url, {a.name: a.api_key for a in stack.accounts})

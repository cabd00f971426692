"""The whole platform in one process (plus moto_server): used by ``make run`` and by the
end-to-end test session, so both exercise the same start-up code."""

from __future__ import annotations

import importlib
import json
import os
import time
from pathlib import Path
from typing import Any

from infra.bootstrap import bootstrap
from infra.devstack import seed
from infra.devstack.apps import ROOT, SERVICES, load_hosts, platform_environment, service_dir
from infra.devstack.gateway import Gateway
from infra.devstack.moto import MotoServer
from infra.devstack.runner import EventRunner
from registrar_shared import aws, lazy

LOCAL_VISIBILITY_TIMEOUT = 10  # seconds; AWS uses the definition's (60)
REGION = "us-east-1"


def state_file() -> Path:
    """Where the running stack describes itself (``STACK_FILE`` overrides)."""
    return Path(os.environ.get("STACK_FILE") or ROOT / ".local" / "stack.json")


def local_aws_environment(endpoint: str) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    }


class LocalStack:
    def __init__(self, *, port: int = 8000, moto_port: int = 4566, host: str = "127.0.0.1",
                 state_file: Path | None = ROOT / ".local" / "stack.json",
                 schedule_speedup: float = 1.0) -> None:
        self.port = port
        self.moto = MotoServer(moto_port, host)
        self.host = host
        self.state_file = state_file
        self.schedule_speedup = schedule_speedup
        self.gateway: Gateway | None = None
        self.runner: EventRunner | None = None
        self.accounts: list[seed.DemoAccount] = list(seed.DEMO_ACCOUNTS)
        self.timings: dict[str, float] = {}

    def start(self) -> LocalStack:
        started = time.perf_counter()
        self.moto.start()
        self.timings["moto"] = time.perf_counter() - started
        os.environ.update(local_aws_environment(self.moto.url))
        os.environ.update(platform_environment("local"))
        lazy.reset_all()
        bootstrap(visibility_timeout=LOCAL_VISIBILITY_TIMEOUT)
        self.timings["bootstrap"] = time.perf_counter() - started
        hosts = load_hosts()
        seed.seed_all()
        self.timings["seed"] = time.perf_counter() - started
        self.runner = EventRunner(hosts, schedule_speedup=self.schedule_speedup)
        self.gateway = Gateway(hosts, host=self.host, port=self.port, health=self.health)
        os.environ["LOCAL_GATEWAY_URL"] = self.gateway.url
        for prefix, mount in self._local_mounts().items():
            self.gateway.mounts[prefix] = mount
        self.runner.start()
        self.gateway.start()
        self.timings["ready"] = time.perf_counter() - started
        if self.state_file is not None:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            self.state_file.write_text(json.dumps(self.describe(), indent=2) + "\n",
                                       encoding="utf-8")
        return self

    def _local_mounts(self) -> dict[str, Any]:
        """Local-only HTTP mounts a service offers (e.g. the payment provider sandbox):
        ``chalicelib/<svc>/local_mounts.py:mounts(gateway_url) -> {prefix: Mount}``."""
        mounts: dict[str, Any] = {}
        for service in SERVICES:
            if (service_dir(service) / "chalicelib" / service / "local_mounts.py").exists():
                module = importlib.import_module(f"chalicelib.{service}.local_mounts")
                mounts.update(module.mounts(self.url))
        return mounts

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}" if self.gateway is None else self.gateway.url

    def health(self) -> dict[str, Any]:
        checks = {"gateway": True,
                  "event_runner": bool(self.runner and self.runner.alive()),
                  "moto": bool(self.moto.process and self.moto.process.poll() is None)}
        try:
            aws.client("dynamodb").describe_table(TableName="registrar-accounts")
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            checks["moto"] = False
        return {"status": "ok" if all(checks.values()) else "degraded", "checks": checks,
                "services": list(SERVICES)}

    def describe(self) -> dict[str, Any]:
        return {
            "gateway_url": self.url,
            "aws_endpoint_url": self.moto.url,
            "accounts": [{"name": a.name, "account_id": a.account_id, "kind": a.kind,
                          "site": a.site, "api_key": a.api_key} for a in self.accounts],
        }

    def stop(self) -> None:
        if self.gateway is not None:
            self.gateway.stop()
        if self.runner is not None:
            self.runner.stop()
        self.moto.stop()
        if self.state_file is not None and self.state_file.exists():
            self.state_file.unlink()

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""Load the Chalice apps of every service into one process, with their local settings."""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from chalice import Chalice
from chalice.config import Config
from chalice.local import LocalGateway

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("search", "orders", "realname", "dns", "notify")


def service_dir(service: str) -> Path:
    return ROOT / "services" / service


def chalice_config(service: str) -> dict[str, Any]:
    path = service_dir(service) / ".chalice" / "config.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def service_environment(service: str, stage: str = "local") -> dict[str, str]:
    config = chalice_config(service)
    env = dict(config.get("environment_variables", {}))
    env.update(config.get("stages", {}).get(stage, {}).get("environment_variables", {}))
    return env


def platform_environment(stage: str = "local") -> dict[str, str]:
    """The union of every service's variables; one process hosts them all, so a variable
    must mean the same in every service (checked here)."""
    merged: dict[str, str] = {}
    for service in SERVICES:
        for name, value in service_environment(service, stage).items():
            if merged.get(name, value) != value:
                raise ValueError(f"{name} differs between services ({merged[name]!r} vs {value!r})")
            merged[name] = value
    return merged


def _ensure_paths() -> None:
    for service in SERVICES:
        path = str(service_dir(service))
        if path not in sys.path:
            sys.path.append(path)


def load_module(service: str) -> ModuleType:
    """Import services/<svc>/app.py as module ``<svc>_app`` (every app file is app.py)."""
    _ensure_paths()
    name = f"{service}_app"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, service_dir(service) / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class ServiceHost:
    """One service's app with its API Gateway emulation and a lock: a Chalice app holds the
    current request on itself, so like a Lambda container it serves one call at a time."""

    name: str
    module: ModuleType
    app: Chalice
    gateway: LocalGateway
    lock: threading.Lock = field(default_factory=threading.Lock)


def load_hosts() -> dict[str, ServiceHost]:
    hosts = {}
    for service in SERVICES:
        module = load_module(service)
        app: Chalice = module.app
        config = Config.create(chalice_stage="local", app_name=app.app_name,
                               lambda_timeout=30, lambda_memory_size=512)
        hosts[service] = ServiceHost(service, module, app, LocalGateway(app, config))
    return hosts

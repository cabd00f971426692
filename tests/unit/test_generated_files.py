"""Generated files that are committed must equal a fresh build."""

import json
from pathlib import Path

import pytest

from infra import policies

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("service", policies.SERVICES)
def test_committed_iam_policy_is_current(service: str) -> None:
    assert policies.path(service).read_text(encoding="utf-8") == policies.render(service), (
        "run: .venv/bin/python -m infra.policies")


@pytest.mark.parametrize("service", policies.SERVICES)
def test_iam_policy_grants_only_what_the_service_uses(service: str) -> None:
    document = json.loads(policies.render(service))
    resources = json.dumps(document)
    others = [s for s in policies.SERVICES if s != service]
    for other in others:
        assert f"table/registrar-{other}\"" not in resources
        assert f"table/registrar-{other}-idempotency" not in resources


@pytest.mark.parametrize("service", policies.SERVICES)
def test_committed_openapi_document_is_current(service: str) -> None:
    from infra import openapi

    committed = ROOT / "docs" / "openapi" / f"{service}.json"
    assert committed.read_text(encoding="utf-8") == openapi.render(service), (
        "run: make openapi")

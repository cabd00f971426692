"""Names in every service's .chalice/config.json exist in the one resource definition."""

import pytest

from infra.devstack import apps
from registrar_shared.resources import DEFINITION


@pytest.mark.parametrize("service", apps.SERVICES)
@pytest.mark.parametrize("stage", ["local", "dev"])
def test_every_configured_resource_exists_in_the_definition(service: str, stage: str) -> None:
    env = apps.service_environment(service, stage)
    names = {value for key, value in env.items()
             if key.endswith(("_NAME", "_ADDRESS")) and key != "POWERTOOLS_SERVICE_NAME"}
    assert names, f"{service} configures no resources"
    assert names <= DEFINITION.names(), names - DEFINITION.names()


@pytest.mark.parametrize("service", apps.SERVICES)
def test_each_service_owns_its_table(service: str) -> None:
    env = apps.service_environment(service)
    if service != "search":
        assert env[f"{service.upper()}_TABLE_NAME"] == f"registrar-{service}"
    owned = {t.name for t in DEFINITION.tables if t.owner == service}
    assert owned and owned <= set(env.values())


def test_queues_the_apps_consume_exist_in_the_definition() -> None:
    queues = {q.name for q in DEFINITION.queues}
    for service in apps.SERVICES:
        app = apps.load_module(service).app
        for source in app.event_sources:
            if hasattr(source, "queue"):
                assert source.queue in queues


def test_one_process_can_host_every_service() -> None:
    env = apps.platform_environment("local")
    assert env["STAGE"] == "local"

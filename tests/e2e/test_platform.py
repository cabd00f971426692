"""The running platform: one gateway, every service, events across services."""

import json
import os
import signal
import subprocess
import sys

import boto3

from infra.devstack.apps import ROOT
from infra.devstack.moto import free_port, port_in_use
from registrar_shared import messaging
from registrar_shared.clock import SystemClock
from registrar_shared.events import DomainRegistered
from registrar_shared.resources import TOPIC
from tests.e2e.conftest import Api, wait_for


def test_health_reports_every_part_up(api: Api) -> None:
    response = api.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"] == {"gateway": True, "event_runner": True, "moto": True}


def test_stack_file_describes_gateway_moto_and_demo_accounts(stack) -> None:  # noqa: ANN001
    info = json.loads(stack.state_file.read_text())
    assert info["gateway_url"] == stack.url
    assert info["aws_endpoint_url"].startswith("http://127.0.0.1:")
    kinds = {(a["kind"], a["site"]) for a in info["accounts"]}
    assert kinds == {("main", "cn"), ("ram", "cn"), ("main", "intl")}


def test_services_are_mounted_under_their_prefixes(api: Api) -> None:
    suffixes = api.get("/search/v1/suffixes?site=cn").json()["suffixes"]
    assert any(s["suffix"] == "中国" for s in suffixes)
    for service in ("search", "orders", "realname", "dns", "notify"):
        assert api.get(f"/{service}/v1/openapi.json").status_code == 200


def test_account_answers_for_a_valid_key_and_401_otherwise(api: Api) -> None:
    ok = api.get("/orders/v1/account", account="cn-main")
    assert ok.status_code == 200 and ok.json()["account_id"] == "demo-cn-main"
    assert ok.json()["currency"] == "CNY" and isinstance(ok.json()["balance"], int)
    denied = api.get("/orders/v1/account", headers={"Authorization": "Bearer wrong"})
    assert denied.status_code == 401 and denied.json()["Code"] == "Unauthorized"


def test_unknown_routes_are_404_json(api: Api) -> None:
    for path in ("/nowhere", "/orders/v1/nowhere", "/search/v2/check"):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json()["Code"] == "NotFound"



def test_event_published_by_one_service_reaches_another_once(stack) -> None:  # noqa: ANN001
    # Given orders publishes domain.registered to the topic of the running stack
    publisher = messaging.SnsPublisher(producer="orders", topic_name=TOPIC, clock=SystemClock())
    event = DomainRegistered(domain="e2e-zone.com", ascii="e2e-zone.com",
                             account_id="demo-cn-main", order_id="o-e2e", template_id="t-1",
                             years=1, expires_at="2027-11-27T00:00:00.000Z")
    envelope = publisher.publish(event)
    route53 = boto3.client("route53")

    def zones() -> list[str]:
        return [z["Name"] for z in route53.list_hosted_zones()["HostedZones"]
                if z["Name"] == "e2e-zone.com."]

    # Then the DNS service's handler (SNS -> SQS -> runner) creates its hosted zone
    wait_for(zones)
    # When the very same envelope is delivered again
    publisher.send(envelope)
    stack.runner.wait_idle()
    # Then it still has one zone
    assert zones() == ["e2e-zone.com."]


def test_admin_command_creates_accounts_with_working_keys(stack, api: Api) -> None:  # noqa: ANN001
    env = {**os.environ, "STACK_FILE": str(stack.state_file)}
    out = subprocess.run([sys.executable, "-m", "infra.admin", "create-account", "--kind",
                          "main", "--site", "intl", "--name", "acme", "--balance", "12.5"],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    created = json.loads(out.stdout)
    api.keys["acme"] = created["api_key"]
    account = api.get("/orders/v1/account", account="acme").json()
    assert account == {"account_id": created["account_id"], "site": "intl", "kind": "main",
                       "parent_id": None, "balance": 1250, "currency": "USD"}


def test_make_run_serves_and_ctrl_c_stops_everything(tmp_path) -> None:  # noqa: ANN001
    port, moto_port = free_port(), free_port()
    env = {**os.environ, "PORT": str(port), "MOTO_PORT": str(moto_port),
           "STACK_FILE": str(tmp_path / "stack.json")}
    env.pop("AWS_ENDPOINT_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "infra.devstack"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: (tmp_path / "stack.json").exists(), timeout=60)
        assert port_in_use("127.0.0.1", port) and port_in_use("127.0.0.1", moto_port)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not port_in_use("127.0.0.1", port)
    assert not port_in_use("127.0.0.1", moto_port)
    assert not (tmp_path / "stack.json").exists()

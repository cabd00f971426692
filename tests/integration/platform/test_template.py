"""The CloudFormation built from the definition: complete, split without overlap, linted."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from infra import template
from infra.devstack.apps import SERVICES
from registrar_shared.resources import DEFINITION

OWNERS = ["platform", *SERVICES]


def test_every_resource_is_in_exactly_one_stack() -> None:
    seen: Counter[str] = Counter()
    for owner in OWNERS:
        for logical, resource in template.build(owners={owner}).get("Resources", {}).items():
            if resource["Type"] != "AWS::ApiGateway::GatewayResponse":
                seen[logical] += 1
    complete = template.build()["Resources"]
    assert set(seen) == set(complete)
    assert all(count == 1 for count in seen.values())


def test_template_names_match_the_definition() -> None:
    names = set()
    for resource in template.build()["Resources"].values():
        props = resource.get("Properties", {})
        for key in ("TableName", "QueueName", "TopicName", "BucketName", "Name",
                    "EmailIdentity"):
            if key in props:
                names.add(props[key])
    assert names == DEFINITION.names()


def test_service_stacks_import_the_topic_and_map_missing_routes_to_404() -> None:
    orders = template.build(owners={"orders"}, api=True)["Resources"]
    sub = orders["RegistrarOrdersInboxSubscription"]["Properties"]
    assert sub["TopicArn"] == {"Fn::ImportValue": template.TOPIC_EXPORT}
    assert orders["MissingRouteGatewayResponse"]["Properties"]["StatusCode"] == "404"


def test_ttl_and_redrive_are_declared() -> None:
    resources = template.build()["Resources"]
    assert resources["RegistrarOrdersTable"]["Properties"]["TimeToLiveSpecification"] == {
        "AttributeName": "expires_at", "Enabled": True}
    redrive = resources["RegistrarDnsInboxQueue"]["Properties"]["RedrivePolicy"]
    assert redrive["deadLetterTargetArn"] == {"Fn::GetAtt": ["RegistrarDnsInboxDlqQueue", "Arn"]}


def test_sqs_functions_depend_on_their_queue() -> None:
    sam = {"Resources": {
        "RegistrarDnsInboxQueue": {"Type": "AWS::SQS::Queue"},
        "Handle": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {"E": {
            "Type": "SQS", "Properties": {"Queue": {
                "Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:"
                           "registrar-dns-inbox"}}}}}}}}
    template.link_event_sources(sam)
    assert sam["Resources"]["Handle"]["DependsOn"] == ["RegistrarDnsInboxQueue"]


def test_cfn_lint_passes_on_every_template(tmp_path: Path) -> None:
    files = []
    for owner in OWNERS:
        path = tmp_path / f"{owner}.json"
        body = template.build(owners={owner})
        path.write_text(json.dumps(body), encoding="utf-8")
        files.append(str(path))
    result = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), *files],
                            capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("owner", OWNERS)
def test_template_cli_writes_json(tmp_path: Path, owner: str) -> None:
    out = tmp_path / "t.json"
    template.main(["template", str(out), owner])
    assert json.loads(out.read_text())["Resources"]

"""DNS through the running platform: events over SNS -> SQS -> runner, records over HTTP,
Route 53 (moto_server) checked directly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import boto3
import dns.rdatatype
import dns.zone

from infra.devstack.apps import ROOT
from registrar_shared import messaging
from registrar_shared.clock import SystemClock
from registrar_shared.events import DomainHeld, DomainRegistered, RealnameVerified
from registrar_shared.resources import TOPIC
from tests.e2e.conftest import Api, wait_for


def publish(event: Any) -> None:
    messaging.SnsPublisher(producer="orders", topic_name=TOPIC, clock=SystemClock()).publish(event)


def registered(domain: str, ascii_name: str, **extra: Any) -> DomainRegistered:
    return DomainRegistered(domain=domain, ascii=ascii_name, account_id="demo-cn-main",
                            order_id=f"o-{ascii_name}", template_id=extra.pop("template_id", "t"),
                            years=1, expires_at="2027-11-27T00:00:00.000Z", **extra)


def served(ascii_name: str) -> dict[tuple[str, str], tuple[int, list[str]]]:
    route53 = boto3.client("route53")
    zone = route53.list_hosted_zones_by_name(DNSName=ascii_name + ".")["HostedZones"][0]
    assert zone["Name"] == ascii_name + "."
    sets = route53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
    return {(s["Name"], s["Type"]): (s["TTL"], sorted(r["Value"] for r in s["ResourceRecords"]))
            for s in sets if not (s["Name"] == ascii_name + "." and s["Type"] in ("SOA", "NS"))}


def zone_ready(api: Api, domain: str, status: str = "active") -> Callable[[], bool]:
    def check() -> bool:
        response = api.get(f"/dns/v1/domains/{domain}/records", account="cn-main")
        return response.status_code == 200 and response.json()["status"] == status
    return check


def test_registered_domain_gets_a_zone_whose_records_route53_serves_exactly(api: Api) -> None:
    # Given orders announces a registration on the topic
    publish(registered("e2e-dns.com", "e2e-dns.com"))
    wait_for(zone_ready(api, "e2e-dns.com"))
    path = "/dns/v1/domains/e2e-dns.com/records"
    # When the owner and its RAM user add records over HTTP
    created = [api.post(path, account=account, json=body) for account, body in (
        ("cn-main", {"host": "www", "type": "A", "value": "192.0.2.10"}),
        ("cn-ram", {"host": "@", "type": "MX", "value": "mail.e2e-dns.com", "priority": 10}),
        ("cn-main", {"host": "@", "type": "TXT", "value": "v=spf1 mx -all"}),
    )]
    assert [r.status_code for r in created] == [201, 201, 201]
    # Then Route 53 lists exactly those record sets
    expected = {
        ("www.e2e-dns.com.", "A"): (600, ["192.0.2.10"]),
        ("e2e-dns.com.", "MX"): (600, ["10 mail.e2e-dns.com."]),
        ("e2e-dns.com.", "TXT"): (600, ['"v=spf1 mx -all"']),
    }
    assert served("e2e-dns.com") == expected
    listed = api.get(path, account="cn-ram").json()["records"]
    assert sorted(r["record_id"] for r in listed) == sorted(r.json()["record_id"] for r in created)
    # And a CNAME beside the A record is refused, Route 53 unchanged
    refused = api.post(path, account="cn-main",
                       json={"host": "www", "type": "CNAME", "value": "elsewhere.example.com"})
    assert refused.status_code == 409 and refused.json()["Code"] == "RecordConflict"
    assert served("e2e-dns.com") == expected
    # And another account cannot see the zone
    assert api.get(path, account="intl-main").status_code == 404
    # And the zone export parses back to what Route 53 serves
    export = api.get("/dns/v1/domains/e2e-dns.com/zone", account="cn-main")
    assert export.status_code == 200
    zone = dns.zone.from_text(export.text, origin=None, relativize=False)
    parsed = {(n.to_text(), dns.rdatatype.to_text(s.rdtype)):
              (s.ttl, sorted(r.to_text() for r in s))
              for n, node in zone.nodes.items() for s in node
              if not (n.to_text() == "e2e-dns.com." and s.rdtype in (dns.rdatatype.SOA,
                                                                     dns.rdatatype.NS))}
    assert parsed == expected
    # When a record is deleted, Route 53 follows
    www = next(r for r in listed if r["host"] == "www")
    deleted = api.request("DELETE", f"{path}/{www['record_id']}", account="cn-main")
    assert deleted.status_code == 204
    assert ("www.e2e-dns.com.", "A") not in served("e2e-dns.com")


def test_hold_withdraws_the_records_from_route53(api: Api) -> None:
    publish(registered("e2e-hold-dns.com", "e2e-hold-dns.com"))
    wait_for(zone_ready(api, "e2e-hold-dns.com"))
    path = "/dns/v1/domains/e2e-hold-dns.com/records"
    assert api.post(path, account="cn-main", json={"host": "www", "type": "A",
                                                   "value": "192.0.2.20"}).status_code == 201
    publish(DomainHeld(domain="e2e-hold-dns.com", ascii="e2e-hold-dns.com",
                       account_id="demo-cn-main", reason="realname_unverified"))
    wait_for(zone_ready(api, "e2e-hold-dns.com", status="held"))
    assert served("e2e-hold-dns.com") == {}
    refused = api.post(path, account="cn-main", json={"host": "x", "type": "A",
                                                      "value": "192.0.2.21"})
    assert refused.status_code == 409 and refused.json()["Code"] == "DomainOnHold"


def test_business_card_for_a_verified_personal_name_domain(api: Api) -> None:
    # Given the holder's template is verified, then a 姓名.网址 name is registered
    publish(RealnameVerified(template_id="t-e2e-wang", account_id="demo-cn-main",
                             upload_id="u-e2e", document_type="id_card"))
    publish(registered("王五.网址", "xn--dlqz41g.xn--ses554g", product="personal_name",
                       template_id="t-e2e-wang"))
    wait_for(zone_ready(api, "王五.网址"))

    def card() -> Any:
        response = api.post("/dns/v1/domains/王五.网址/business-card", account="cn-main")
        return response if response.status_code == 201 else None

    # When the owner switches the card on (the verification event may still be in flight)
    response = wait_for(card)
    # Then Route 53 serves the CNAME at the apex
    assert response.json()["value"] == "2019.cname.knetreg.cn"
    assert served("xn--dlqz41g.xn--ses554g") == {
        ("xn--dlqz41g.xn--ses554g.", "CNAME"): (600, ["2019.cname.knetreg.cn."])}


def test_dev_command_registers_a_zone_for_the_readme_flow(stack, api: Api) -> None:  # noqa: ANN001
    env = {**os.environ, "STACK_FILE": str(stack.state_file)}
    out = subprocess.run([sys.executable, "services/dns/devtools.py", "register",
                          "readme-dns.com"], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout)["hosted_zone_id"]
    response = api.post("/dns/v1/domains/readme-dns.com/records", account="cn-main",
                        json={"host": "www", "type": "A", "value": "192.0.2.1"})
    assert response.status_code == 201

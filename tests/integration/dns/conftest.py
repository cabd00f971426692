"""DNS integration fixtures: the app in chalice's test client over in-process moto, demo
accounts, and helpers that deliver lifecycle events the way SQS would."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import boto3
import pytest
from chalice.test import Client

from registrar_shared.clock import SystemClock
from registrar_shared.envelope import Envelope, Event
from registrar_shared.events import DomainRegistered, RealnameVerified
from tests.conftest import load_app
from tests.integration.helpers import demo_accounts


@dataclass
class Response:
    status: int
    body: Any
    text: str
    headers: dict[str, str]


class DnsClient:
    def __init__(self, client: Client, keys: dict[str, str]) -> None:
        self.client = client
        self.keys = keys

    def deliver(self, event: Event, *, event_id: str | None = None,
                occurred_at: datetime | None = None) -> None:
        envelope = Envelope.wrap(event, producer="test",
                                 occurred_at=occurred_at or SystemClock().now(),
                                 event_id=event_id)
        self.client.lambda_.invoke(
            "handle_dns_inbox_message",
            self.client.events.generate_sqs_event(message_bodies=[envelope.to_json()],
                                                  queue_name="registrar-dns-inbox"))

    def register(self, domain: str, *, account: str = "demo-cn-main", template_id: str = "t-1",
                 product: str | None = None, on_hold: bool = False,
                 occurred_at: datetime | None = None, restricted: bool = False) -> str:
        import idna

        ascii_name = idna.encode(domain, uts46=True).decode()
        self.deliver(DomainRegistered(domain=domain, ascii=ascii_name, account_id=account,
                                      order_id=f"o-{ascii_name}", template_id=template_id,
                                      years=1, expires_at="2027-11-27T00:00:00.000Z",
                                      product=product, on_hold=on_hold,
                                      restricted=restricted),
                     occurred_at=occurred_at)
        return ascii_name

    def verify_template(self, template_id: str, account: str = "demo-cn-main",
                        document_type: str = "id_card") -> None:
        self.deliver(RealnameVerified(template_id=template_id, account_id=account,
                                      upload_id="u-1", document_type=document_type))

    def request(self, method: str, path: str, *, account: str | None = "cn-main",
                body: Any = None, headers: dict[str, str] | None = None) -> Response:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if account is not None:
            all_headers["Authorization"] = f"Bearer {self.keys[account]}"
        raw = None if body is None else (body if isinstance(body, str) else json.dumps(body))
        response = self.client.http.request(method, path, headers=all_headers,
                                            body=raw.encode() if raw else b"")
        text = response.body.decode("utf-8") if response.body else ""
        try:
            parsed = json.loads(text) if text else None
        except json.JSONDecodeError:
            parsed = None
        return Response(response.status_code, parsed, text, dict(response.headers))

    def records_path(self, domain: str) -> str:
        return f"/v1/domains/{urllib.parse.quote(domain)}/records"

    def add(self, domain: str, account: str = "cn-main", **record: Any) -> Response:
        return self.request("POST", self.records_path(domain), account=account, body=record)

    def list(self, domain: str, account: str = "cn-main") -> Response:
        return self.request("GET", self.records_path(domain), account=account)


def route53_sets(ascii_name: str) -> list[dict[str, Any]]:
    """Every record set of the hosted zone, as Route 53 lists it."""
    route53 = boto3.client("route53")
    zone = next(z for z in route53.list_hosted_zones()["HostedZones"]
                if z["Name"] == ascii_name + ".")
    sets = route53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
    return sorted(sets, key=lambda s: (s["Name"], s["Type"]))


def user_sets(ascii_name: str) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """Record sets other than the zone's own SOA and NS: (name, type) -> (ttl, values)."""
    return {(s["Name"], s["Type"]): (s["TTL"], sorted(r["Value"] for r in s["ResourceRecords"]))
            for s in route53_sets(ascii_name)
            if not (s["Name"] == ascii_name + "." and s["Type"] in ("SOA", "NS"))}


@pytest.fixture
def dns(moto: None) -> Iterator[DnsClient]:
    keys = demo_accounts()
    with Client(load_app("dns").app) as client:
        yield DnsClient(client, keys)

"""Zones follow the domain: hold withdraws records from Route 53, release restores them,
deletion removes records and zone; every handler is idempotent under redelivery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3
import pytest

from chalicelib.dns.errors import ZoneNotReady
from registrar_shared.events import DomainDeleted, DomainHeld, DomainUnheld
from tests.integration.dns.conftest import DnsClient, user_sets


def held(ascii_name: str) -> DomainHeld:
    return DomainHeld(domain=ascii_name, ascii=ascii_name, account_id="demo-cn-main",
                      reason="realname_unverified")


def unheld(ascii_name: str) -> DomainUnheld:
    return DomainUnheld(domain=ascii_name, ascii=ascii_name, account_id="demo-cn-main",
                        reason="realname_verified")


def test_hold_withdraws_records_from_route53_and_release_restores_them(dns: DnsClient) -> None:
    # Given a zone with records
    ascii_name = dns.register("hold-dns.com")
    dns.add("hold-dns.com", host="www", type="A", value="192.0.2.1")
    dns.add("hold-dns.com", host="@", type="TXT", value="keep me", ttl=1200)
    served = user_sets(ascii_name)
    # When the domain is put on hold (delivered twice)
    dns.deliver(held(ascii_name), event_id="hold-1")
    dns.deliver(held(ascii_name), event_id="hold-1")
    # Then Route 53 serves nothing of ours, but the records are kept
    assert user_sets(ascii_name) == {}
    listing = dns.list("hold-dns.com").body
    assert listing["status"] == "held" and len(listing["records"]) == 2
    # And writes are refused while Route 53 stays empty
    refused = dns.add("hold-dns.com", host="new", type="A", value="192.0.2.9")
    assert refused.status == 409 and refused.body["Code"] == "DomainOnHold"
    record_id = listing["records"][0]["record_id"]
    delete = dns.request("DELETE", f"/v1/domains/hold-dns.com/records/{record_id}")
    assert delete.status == 409 and delete.body["Code"] == "DomainOnHold"
    assert user_sets(ascii_name) == {}
    # When the hold is lifted (a second release is harmless)
    dns.deliver(unheld(ascii_name))
    dns.deliver(unheld(ascii_name))
    # Then exactly the kept records are served again, and writes work
    assert user_sets(ascii_name) == served
    assert dns.list("hold-dns.com").body["status"] == "active"
    assert dns.add("hold-dns.com", host="new", type="A", value="192.0.2.9").status == 201


def test_domain_registered_on_hold_gets_a_held_zone(dns: DnsClient) -> None:
    ascii_name = dns.register("born-held-dns.com", on_hold=True)
    assert dns.list("born-held-dns.com").body["status"] == "held"
    refused = dns.add("born-held-dns.com", host="www", type="A", value="192.0.2.1")
    assert refused.status == 409 and refused.body["Code"] == "DomainOnHold"
    assert user_sets(ascii_name) == {}


def test_deletion_removes_records_and_hosted_zone_and_repeats_harmlessly(
        dns: DnsClient) -> None:
    # Given a zone with records
    ascii_name = dns.register("gone-dns.com")
    dns.add("gone-dns.com", host="www", type="A", value="192.0.2.1")
    dns.add("gone-dns.com", host="@", type="MX", value="mx.example.com", priority=10)
    deleted = DomainDeleted(domain=ascii_name, ascii=ascii_name, account_id="demo-cn-main",
                            reason="expired")
    # When the domain is deleted, and the event comes again under another id
    dns.deliver(deleted)
    dns.deliver(deleted)
    # Then the hosted zone, our zone and our records are gone
    names = [z["Name"] for z in boto3.client("route53").list_hosted_zones()["HostedZones"]]
    assert ascii_name + "." not in names
    assert dns.list("gone-dns.com").status == 404
    items = boto3.resource("dynamodb").Table("registrar-dns").query(
        KeyConditionExpression="PK = :pk", ExpressionAttributeValues={":pk": f"ZONE#{ascii_name}"}
    )["Items"]
    assert items == []
    # And a new registration of the name starts from an empty zone
    dns.register("gone-dns.com")
    assert dns.list("gone-dns.com").body["records"] == []
    assert user_sets(ascii_name) == {}


def test_release_that_overtakes_the_registration_is_retried_until_the_zone_exists(
        dns: DnsClient) -> None:
    # Given orders published domain.registered (on hold) and then domain.unheld,
    # and SQS delivers the release first: the handler fails, so SQS will redeliver it
    registered_at = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    release = unheld("overtaken-dns.com")
    with pytest.raises(ZoneNotReady):
        dns.deliver(release, event_id="release-1", occurred_at=registered_at + timedelta(1))
    # When the registration arrives, then the release again
    dns.register("overtaken-dns.com", on_hold=True, occurred_at=registered_at)
    dns.deliver(release, event_id="release-1", occurred_at=registered_at + timedelta(1))
    # Then the zone ends active
    assert dns.list("overtaken-dns.com").body["status"] == "active"


def test_a_hold_older_than_the_last_release_is_ignored(dns: DnsClient) -> None:
    start = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    ascii_name = dns.register("stale-hold-dns.com", on_hold=True, occurred_at=start)
    dns.deliver(unheld(ascii_name), occurred_at=start + timedelta(minutes=2))
    dns.add("stale-hold-dns.com", host="www", type="A", value="192.0.2.1")
    # When a hold published before the release arrives late
    dns.deliver(held(ascii_name), occurred_at=start + timedelta(minutes=1))
    # Then nothing changes
    assert dns.list("stale-hold-dns.com").body["status"] == "active"
    assert user_sets(ascii_name) == {("www.stale-hold-dns.com.", "A"): (600, ["192.0.2.1"])}

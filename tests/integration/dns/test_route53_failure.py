"""A Route 53 failure in the middle of a change batch: our table is rolled back and the
record sets moto half-applied are put back, so table and Route 53 still agree."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from chalicelib.dns import wiring
from chalicelib.dns.route53 import Route53Zones
from tests.integration.dns.conftest import DnsClient, user_sets


class HalfApplyingClient:
    """A Route 53 client whose next change batch applies its first change, then fails."""

    def __init__(self, inner: Any, code: str) -> None:
        self._inner = inner
        self._code = code
        self.failures = 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def change_resource_record_sets(self, **kwargs: Any) -> Any:
        changes = kwargs["ChangeBatch"]["Changes"]
        if self.failures and len(changes) > 1:
            self.failures -= 1
            self._inner.change_resource_record_sets(
                HostedZoneId=kwargs["HostedZoneId"], ChangeBatch={"Changes": changes[:1]})
            raise ClientError({"Error": {"Code": self._code, "Message": "injected"}},
                              "ChangeResourceRecordSets")
        return self._inner.change_resource_record_sets(**kwargs)


@pytest.mark.parametrize(("code", "status", "public_code"), [
    ("Throttling", 503, "DependencyUnavailable"),
    ("InvalidChangeBatch", 422, "DnsProviderRejected"),
])
def test_failed_batch_rolls_back_table_and_route53(
        dns: DnsClient, monkeypatch: pytest.MonkeyPatch, code: str, status: int,
        public_code: str) -> None:
    # Given a zone with two www records
    ascii_name = dns.register("rollback-dns.com")
    first = dns.add("rollback-dns.com", host="www", type="A", value="192.0.2.1").body
    dns.add("rollback-dns.com", host="www", type="A", value="192.0.2.2")
    records_before = dns.list("rollback-dns.com").body["records"]
    sets_before = user_sets(ascii_name)
    # And a Route 53 that applies half of the next batch and then fails
    failing = HalfApplyingClient(boto3.client("route53"), code)
    monkeypatch.setattr(wiring, "get_route53", lambda: Route53Zones(failing))
    # When a record moves to another host (a two-change batch)
    response = dns.request("PUT", f"/v1/domains/rollback-dns.com/records/{first['record_id']}",
                           body={"host": "api", "type": "A", "value": "192.0.2.1"})
    # Then the caller learns it failed, and nothing changed anywhere
    assert failing.failures == 0
    assert response.status == status and response.body["Code"] == public_code
    assert dns.list("rollback-dns.com").body["records"] == records_before
    assert user_sets(ascii_name) == sets_before
    zone = boto3.resource("dynamodb").Table("registrar-dns").get_item(
        Key={"PK": f"ZONE#{ascii_name}", "SK": "#ZONE"})["Item"]
    assert zone["record_count"] == 2
    # And the next write goes through normally
    monkeypatch.undo()
    retry = dns.request("PUT", f"/v1/domains/rollback-dns.com/records/{first['record_id']}",
                        body={"host": "api", "type": "A", "value": "192.0.2.1"})
    assert retry.status == 200
    assert user_sets(ascii_name) == {
        ("api.rollback-dns.com.", "A"): (600, ["192.0.2.1"]),
        ("www.rollback-dns.com.", "A"): (600, ["192.0.2.2"]),
    }


def test_failed_create_leaves_no_record_behind(dns: DnsClient,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ascii_name = dns.register("rollback2-dns.com")

    class Down:
        def __getattr__(self, name: str) -> Any:
            return getattr(boto3.client("route53"), name)

        def change_resource_record_sets(self, **kwargs: Any) -> Any:
            raise ClientError({"Error": {"Code": "ServiceUnavailable", "Message": "down"}},
                              "ChangeResourceRecordSets")

    monkeypatch.setattr(wiring, "get_route53", lambda: Route53Zones(Down()))
    response = dns.add("rollback2-dns.com", host="www", type="A", value="192.0.2.1")
    assert response.status == 503 and response.body["Code"] == "DependencyUnavailable"
    monkeypatch.undo()
    assert dns.list("rollback2-dns.com").body["records"] == []
    assert user_sets(ascii_name) == {}

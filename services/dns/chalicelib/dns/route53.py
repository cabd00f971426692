"""Route 53 hosted zones and record sets (moto locally).

moto checks nothing (CNAME beside other data, bad addresses, half-applied batches): callers
validate first and send change batches built from the DNS table, and after a failed batch
they re-sync from the table instead of trusting what Route 53 kept.
"""

from __future__ import annotations

from typing import Any, Protocol

from botocore.exceptions import ClientError

from chalicelib.dns import errors
from chalicelib.dns.model import RecordSet

Key = tuple[str, str]
REJECTED = frozenset({"InvalidChangeBatch", "InvalidInput"})


class Route53Api(Protocol):
    def create(self, ascii_name: str, caller_reference: str) -> tuple[str, tuple[str, ...]]: ...

    def name_servers(self, zone_id: str) -> tuple[str, ...]: ...

    def exists(self, zone_id: str) -> bool: ...

    def delete(self, zone_id: str) -> None: ...

    def read(self, zone_id: str, keys: set[Key]) -> dict[Key, RecordSet]: ...

    def read_all(self, zone_id: str) -> dict[Key, RecordSet]: ...

    def change(self, zone_id: str, actions: list[tuple[str, RecordSet]]) -> None: ...


def _error(error: ClientError) -> errors.DnsProviderRejected | errors.DnsProviderUnavailable:
    code = str(error.response.get("Error", {}).get("Code", "Unknown"))
    if code in REJECTED:
        return errors.DnsProviderRejected(aws_error=code, details={"aws_error": code})
    return errors.DnsProviderUnavailable(aws_error=code, details={"aws_error": code})


def _name(raw: str) -> str:
    """Route 53 lists '*' as the octal escape \\052; names end with a dot."""
    name = raw.replace("\\052", "*").lower()
    return name if name.endswith(".") else name + "."


def _record_set(item: dict[str, Any]) -> RecordSet:
    return RecordSet(name=_name(item["Name"]), type=item["Type"], ttl=int(item.get("TTL", 0)),
                     values=tuple(sorted(str(r["Value"])
                                         for r in item.get("ResourceRecords", []))))


def change_dict(action: str, record_set: RecordSet) -> dict[str, Any]:
    return {"Action": action, "ResourceRecordSet": {
        "Name": record_set.name, "Type": record_set.type, "TTL": record_set.ttl,
        "ResourceRecords": [{"Value": value} for value in record_set.values]}}


class Route53Zones:
    def __init__(self, client: Any) -> None:
        self._client = client

    def find(self, ascii_name: str) -> str | None:
        """The id of the hosted zone for exactly this name, if one exists."""
        fqdn = ascii_name.rstrip(".") + "."
        try:
            zones = self._client.list_hosted_zones_by_name(DNSName=fqdn, MaxItems="1")
        except ClientError as error:
            raise _error(error) from error
        for zone in zones.get("HostedZones", []):
            if zone["Name"] == fqdn:
                return str(zone["Id"]).rsplit("/", 1)[-1]
        return None

    def create(self, ascii_name: str, caller_reference: str) -> tuple[str, tuple[str, ...]]:
        """Create the zone, or return the existing one (a retried create makes no twin)."""
        existing = self.find(ascii_name)
        if existing:
            return existing, self.name_servers(existing)
        try:
            created = self._client.create_hosted_zone(
                Name=ascii_name, CallerReference=caller_reference,
                HostedZoneConfig={"Comment": f"registrar zone for {ascii_name}",
                                  "PrivateZone": False})
        except ClientError as error:
            raise _error(error) from error
        zone_id = str(created["HostedZone"]["Id"]).rsplit("/", 1)[-1]
        servers = created.get("DelegationSet", {}).get("NameServers", [])
        return zone_id, tuple(str(s) for s in servers)

    def name_servers(self, zone_id: str) -> tuple[str, ...]:
        try:
            zone = self._client.get_hosted_zone(Id=zone_id)
        except ClientError as error:
            raise _error(error) from error
        return tuple(str(s) for s in zone.get("DelegationSet", {}).get("NameServers", []))

    def exists(self, zone_id: str) -> bool:
        try:
            self._client.get_hosted_zone(Id=zone_id)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "NoSuchHostedZone":
                return False
            raise _error(error) from error
        return True

    def delete(self, zone_id: str) -> None:
        """Delete an (emptied) hosted zone; one that is already gone is fine."""
        try:
            self._client.delete_hosted_zone(Id=zone_id)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "NoSuchHostedZone":
                return
            raise _error(error) from error

    def read(self, zone_id: str, keys: set[Key]) -> dict[Key, RecordSet]:
        """The current record sets for exactly these (name, type) keys."""
        found: dict[Key, RecordSet] = {}
        for name, record_type in sorted(keys):
            try:
                page = self._client.list_resource_record_sets(
                    HostedZoneId=zone_id, StartRecordName=name, StartRecordType=record_type,
                    MaxItems="1")
            except ClientError as error:
                raise _error(error) from error
            for item in page.get("ResourceRecordSets", []):
                record_set = _record_set(item)
                if record_set.key == (name, record_type):
                    found[record_set.key] = record_set
        return found

    def read_all(self, zone_id: str) -> dict[Key, RecordSet]:
        found: dict[Key, RecordSet] = {}
        extra: dict[str, Any] = {}
        while True:
            try:
                page = self._client.list_resource_record_sets(HostedZoneId=zone_id, **extra)
            except ClientError as error:
                raise _error(error) from error
            for item in page.get("ResourceRecordSets", []):
                record_set = _record_set(item)
                found[record_set.key] = record_set
            if not page.get("IsTruncated"):
                return found
            extra = {"StartRecordName": page["NextRecordName"],
                     "StartRecordType": page["NextRecordType"]}

    def change(self, zone_id: str, actions: list[tuple[str, RecordSet]]) -> None:
        """Send one change batch. Raises: DnsProviderRejected, DnsProviderUnavailable."""
        if not actions:
            return
        try:
            self._client.change_resource_record_sets(
                HostedZoneId=zone_id,
                ChangeBatch={"Comment": "registrar DNS service",
                             "Changes": [change_dict(a, s) for a, s in actions]})
        except ClientError as error:
            raise _error(error) from error

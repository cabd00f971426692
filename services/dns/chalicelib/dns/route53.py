"""Route 53 hosted zones (moto locally). moto checks nothing; callers validate first."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from registrar_shared.dynamo import unavailable


class Route53Zones:
    def __init__(self, client: Any) -> None:
        self._client = client

    def find(self, ascii_name: str) -> str | None:
        """The id of the hosted zone for exactly this name, if one exists."""
        fqdn = ascii_name.rstrip(".") + "."
        try:
            zones = self._client.list_hosted_zones_by_name(DNSName=fqdn, MaxItems="1")
        except ClientError as error:
            raise unavailable(error) from error
        for zone in zones.get("HostedZones", []):
            if zone["Name"] == fqdn:
                return str(zone["Id"]).rsplit("/", 1)[-1]
        return None

    def create(self, ascii_name: str, caller_reference: str) -> str:
        """Create the zone, or return the existing one (a retried create makes no twin)."""
        existing = self.find(ascii_name)
        if existing:
            return existing
        try:
            created = self._client.create_hosted_zone(
                Name=ascii_name, CallerReference=caller_reference,
                HostedZoneConfig={"Comment": f"registrar zone for {ascii_name}",
                                  "PrivateZone": False})
        except ClientError as error:
            raise unavailable(error) from error
        return str(created["HostedZone"]["Id"]).rsplit("/", 1)[-1]

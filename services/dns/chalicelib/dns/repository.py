"""DNS table access. Access patterns:
  zone of a domain        PK=ZONE#<a-label>   SK=#ZONE
  zones of an account     GSI1PK=ACCOUNT#<id> GSI1SK=ZONE#<a-label>
"""

from __future__ import annotations

from typing import Any, Protocol

from botocore.exceptions import ClientError

from chalicelib.dns.model import Zone
from registrar_shared.dynamo import is_conditional_failure, unavailable


class ZoneRepository(Protocol):
    def get(self, ascii_name: str) -> Zone | None: ...

    def add(self, zone: Zone) -> bool: ...


def _zone(item: dict[str, Any]) -> Zone:
    return Zone(ascii=item["ascii"], domain=item["domain"], account_id=item["account_id"],
                zone_id=item["zone_id"], status=item["status"], created_at=item["created_at"])


class DynamoZoneRepository:
    def __init__(self, table: Any) -> None:
        self._table = table

    def get(self, ascii_name: str) -> Zone | None:
        try:
            item = self._table.get_item(Key={"PK": f"ZONE#{ascii_name}", "SK": "#ZONE"},
                                        ConsistentRead=True).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        return _zone(item) if item else None

    def add(self, zone: Zone) -> bool:
        """Record a zone once; False if the domain already has one."""
        item = {"PK": f"ZONE#{zone.ascii}", "SK": "#ZONE", "entity": "zone",
                "GSI1PK": f"ACCOUNT#{zone.account_id}", "GSI1SK": f"ZONE#{zone.ascii}",
                "ascii": zone.ascii, "domain": zone.domain, "account_id": zone.account_id,
                "zone_id": zone.zone_id, "status": zone.status, "created_at": zone.created_at,
                "updated_at": zone.created_at, "version": 1}
        try:
            self._table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

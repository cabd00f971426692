"""DNS table access. Access patterns:
  zone of a domain        PK=ZONE#<a-label>      SK=#ZONE
  records of a zone       PK=ZONE#<a-label>      SK begins_with RR#
  records on a host       PK=ZONE#<a-label>      SK begins_with RR#<host>#
                          (SK=RR#<host>#<type>#<record_id>)
  record by id            PK=ZONE#<a-label>      SK=ID#<record_id>  (host and type: a pointer)
  zones of an account     GSI1PK=ACCOUNT#<id>    GSI1SK=ZONE#<a-label>
  verified template       PK=TEMPLATE#<id>       SK=#REALNAME   (from realname.verified)

The zone row carries a ``version`` and the ``record_count``: every record write is one
transaction that bumps the version on the condition that nobody else did (optimistic
concurrency) and the zone is active, adjusts the count and writes the record rows and their
id pointers, so a write reads only the hosts it touches, never the whole zone.
Record rows carry the ``write_id`` of the transaction that wrote them, so a rollback
touches only rows that are still exactly what that write left.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from botocore.exceptions import ClientError

from chalicelib.dns.model import Plan, Record, RecordData, Zone
from registrar_shared.dynamo import (
    decode_token,
    encode_token,
    is_conditional_failure,
    unavailable,
)


class StaleZone(Exception):
    """The zone changed (or went on hold) since it was read; re-read and re-plan."""


class DnsRepository(Protocol):
    def get_zone(self, ascii_name: str) -> Zone | None: ...

    def add_zone(self, zone: Zone) -> bool: ...

    def set_status(self, ascii_name: str, status: str, at: str, now: str
                   ) -> tuple[str, Zone | None]: ...

    def set_holder(self, ascii_name: str, template_id: str, now: str) -> bool: ...

    def records(self, ascii_name: str) -> list[Record]: ...

    def records_at(self, ascii_name: str, host: str) -> list[Record]: ...

    def locate(self, ascii_name: str, record_id: str) -> str | None: ...

    def page(self, ascii_name: str, limit: int, token: str | None
             ) -> tuple[list[Record], str | None]: ...

    def commit(self, zone: Zone, plan: Plan, now: str) -> str: ...

    def revert(self, zone: Zone, plan: Plan, write_id: str, now: str) -> None: ...

    def delete_zone(self, ascii_name: str) -> None: ...

    def mark_verified(self, template_id: str, account_id: str, now: str) -> None: ...

    def is_verified(self, template_id: str) -> bool: ...


def _zone_key(ascii_name: str) -> dict[str, str]:
    return {"PK": f"ZONE#{ascii_name}", "SK": "#ZONE"}


def _record_sk(record: Record) -> str:
    return f"RR#{record.host}#{record.type}#{record.record_id}"


def _pointer_key(zone: Zone, record_id: str) -> dict[str, str]:
    return {"PK": f"ZONE#{zone.ascii}", "SK": f"ID#{record_id}"}


def _zone(item: dict[str, Any]) -> Zone:
    return Zone(ascii=item["ascii"], domain=item["domain"], account_id=item["account_id"],
                zone_id=item["zone_id"], status=item["status"], created_at=item["created_at"],
                version=int(item.get("version", 1)), template_id=item.get("template_id"),
                product=item.get("product"), order_id=item.get("order_id"),
                name_servers=tuple(item.get("name_servers") or ()),
                record_count=int(item.get("record_count", 0)),
                status_at=item.get("status_at"), restricted=bool(item.get("restricted", False)))


def _record(item: dict[str, Any]) -> Record:
    priority = item.get("priority")
    data = RecordData(host=item["host"], type=item["type"], value=item["value"],
                      ttl=int(item["ttl"]), priority=None if priority is None else int(priority))
    return Record(record_id=item["record_id"], data=data, created_at=item["created_at"],
                  updated_at=item["updated_at"])


def _record_item(zone: Zone, record: Record, write_id: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "PK": f"ZONE#{zone.ascii}", "SK": _record_sk(record), "entity": "record",
        "record_id": record.record_id, "host": record.host, "type": record.type,
        "value": record.data.value, "ttl": record.data.ttl, "created_at": record.created_at,
        "updated_at": record.updated_at, "write_id": write_id,
    }
    if record.data.priority is not None:
        item["priority"] = record.data.priority
    return item


class DynamoDnsRepository:
    def __init__(self, table: Any) -> None:
        self._table = table

    # --- zones --------------------------------------------------------------------------

    def get_zone(self, ascii_name: str) -> Zone | None:
        try:
            item = self._table.get_item(Key=_zone_key(ascii_name),
                                        ConsistentRead=True).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        return _zone(item) if item else None

    def add_zone(self, zone: Zone) -> bool:
        """Record a zone once; False if the domain already has one."""
        item: dict[str, Any] = {
            **_zone_key(zone.ascii), "entity": "zone",
            "GSI1PK": f"ACCOUNT#{zone.account_id}", "GSI1SK": f"ZONE#{zone.ascii}",
            "ascii": zone.ascii, "domain": zone.domain, "account_id": zone.account_id,
            "zone_id": zone.zone_id, "status": zone.status, "created_at": zone.created_at,
            "updated_at": zone.created_at, "version": zone.version, "record_count": 0,
            "name_servers": list(zone.name_servers), "restricted": zone.restricted}
        for name in ("template_id", "product", "order_id", "status_at"):
            if getattr(zone, name) is not None:
                item[name] = getattr(zone, name)
        try:
            self._table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    def set_status(self, ascii_name: str, status: str, at: str, now: str
                   ) -> tuple[str, Zone | None]:
        """Put the zone on hold or make it active (bumps the version), unless a newer event
        already set its status. Returns ("updated" | "stale" | "missing", zone)."""
        try:
            item = self._table.update_item(
                Key=_zone_key(ascii_name),
                ConditionExpression="attribute_exists(PK) AND "
                                    "(attribute_not_exists(status_at) OR status_at <= :at)",
                UpdateExpression="SET #status = :status, status_at = :at, updated_at = :now "
                                 "ADD version :one",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={":status": status, ":at": at, ":now": now,
                                           ":one": 1},
                ReturnValues="ALL_NEW")["Attributes"]
        except ClientError as error:
            if is_conditional_failure(error):
                zone = self.get_zone(ascii_name)
                return ("missing" if zone is None else "stale"), zone
            raise unavailable(error) from error
        return "updated", _zone(item)

    def set_holder(self, ascii_name: str, template_id: str, now: str) -> bool:
        try:
            self._table.update_item(
                Key=_zone_key(ascii_name), ConditionExpression="attribute_exists(PK)",
                # A holder transfer (过户) to the customer's own template lifts the proxy
                # restriction.
                UpdateExpression="SET template_id = :t, restricted = :no, updated_at = :now",
                ExpressionAttributeValues={":t": template_id, ":now": now, ":no": False})
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    # --- records ------------------------------------------------------------------------

    def _query(self, ascii_name: str, prefix: str = "RR#", **extra: Any) -> dict[str, Any]:
        try:
            return dict(self._table.query(
                KeyConditionExpression="PK = :pk AND begins_with(SK, :prefix)",
                ExpressionAttributeValues={":pk": f"ZONE#{ascii_name}", ":prefix": prefix},
                ConsistentRead=True, **extra))
        except ClientError as error:
            raise unavailable(error) from error

    def _all(self, ascii_name: str, prefix: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        extra: dict[str, Any] = {}
        while True:
            page = self._query(ascii_name, prefix, **extra)
            found.extend(page.get("Items", []))
            if not page.get("LastEvaluatedKey"):
                return found
            extra = {"ExclusiveStartKey": page["LastEvaluatedKey"]}

    def records(self, ascii_name: str) -> list[Record]:
        return [_record(item) for item in self._all(ascii_name, "RR#")]

    def records_at(self, ascii_name: str, host: str) -> list[Record]:
        return [_record(item) for item in self._all(ascii_name, f"RR#{host}#")]

    def locate(self, ascii_name: str, record_id: str) -> str | None:
        """The host a record id currently lives on (None: no such record)."""
        try:
            item = self._table.get_item(Key={"PK": f"ZONE#{ascii_name}", "SK": f"ID#{record_id}"},
                                        ConsistentRead=True).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        return str(item["host"]) if item else None

    def page(self, ascii_name: str, limit: int, token: str | None
             ) -> tuple[list[Record], str | None]:
        """Raises: InvalidNextToken."""
        start = decode_token(token, partition=("PK", f"ZONE#{ascii_name}"))
        extra: dict[str, Any] = {"Limit": limit}
        if start:
            extra["ExclusiveStartKey"] = start
        page = self._query(ascii_name, **extra)
        return ([_record(item) for item in page.get("Items", [])],
                encode_token(page.get("LastEvaluatedKey")))

    def _transact(self, items: list[dict[str, Any]]) -> None:
        try:
            self._table.meta.client.transact_write_items(TransactItems=items)
        except ClientError as error:
            if is_conditional_failure(error):
                raise StaleZone() from error
            raise unavailable(error) from error

    def _put(self, item: dict[str, Any], condition: str,
             values: dict[str, Any] | None = None) -> dict[str, Any]:
        put: dict[str, Any] = {"TableName": self._table.name, "Item": item,
                               "ConditionExpression": condition}
        if values:
            put["ExpressionAttributeValues"] = values
        return {"Put": put}

    def _delete(self, zone: Zone, record: Record, condition: str,
                values: dict[str, Any] | None = None) -> dict[str, Any]:
        delete: dict[str, Any] = {"TableName": self._table.name,
                                  "Key": {"PK": f"ZONE#{zone.ascii}", "SK": _record_sk(record)},
                                  "ConditionExpression": condition}
        if values:
            delete["ExpressionAttributeValues"] = values
        return {"Delete": delete}

    def commit(self, zone: Zone, plan: Plan, now: str) -> str:
        """Apply a plan if the zone is still at ``zone.version`` and active; returns the
        write id. Raises: StaleZone, DependencyUnavailable."""
        write_id = uuid.uuid4().hex
        items: list[dict[str, Any]] = [{"Update": {
            "TableName": self._table.name, "Key": _zone_key(zone.ascii),
            "ConditionExpression": "version = :v AND #status = :active",
            "UpdateExpression": "SET version = :next, updated_at = :now ADD record_count :delta",
            "ExpressionAttributeNames": {"#status": "status"},
            "ExpressionAttributeValues": {":v": zone.version, ":next": zone.version + 1,
                                          ":active": "active", ":now": now,
                                          ":delta": plan.count_delta()}}}]
        for change in plan.changes:
            before, after = change.before, change.after
            moved = before is not None and (after is None
                                            or _record_sk(before) != _record_sk(after))
            if before is not None and moved:
                items.append(self._delete(zone, before, "attribute_exists(PK)"))
            if after is not None:
                condition = ("attribute_not_exists(PK)" if before is None or moved
                             else "attribute_exists(PK)")
                items.append(self._put(_record_item(zone, after, write_id), condition))
            items.extend(self._pointer(zone, after if after is not None else before,
                                       keep=after is not None, changed=moved or before is None))
        self._transact(items)
        return write_id

    def _pointer(self, zone: Zone, record: Record | None, *, keep: bool,
                 changed: bool) -> list[dict[str, Any]]:
        """Keep the id pointer in step with the record row (only when its host moves)."""
        if record is None or not changed:
            return []
        key = _pointer_key(zone, record.record_id)
        if not keep:
            return [{"Delete": {"TableName": self._table.name, "Key": key}}]
        return [{"Put": {"TableName": self._table.name, "Item": {
            **key, "entity": "record_id", "host": record.host, "type": record.type}}}]

    def revert(self, zone: Zone, plan: Plan, write_id: str, now: str) -> None:
        """Undo a committed plan; rows someone changed since are left alone (StaleZone).
        Raises: StaleZone, DependencyUnavailable."""
        restore_id = uuid.uuid4().hex
        ours = {":w": write_id}
        items: list[dict[str, Any]] = [{"Update": {
            "TableName": self._table.name, "Key": _zone_key(zone.ascii),
            "ConditionExpression": "attribute_exists(PK)",
            "UpdateExpression": "SET updated_at = :now ADD version :one, record_count :delta",
            "ExpressionAttributeValues": {":now": now, ":one": 1,
                                          ":delta": -plan.count_delta()}}}]
        for change in plan.changes:
            before, after = change.before, change.after
            moved = after is not None and (before is None
                                           or _record_sk(before) != _record_sk(after))
            if after is not None and moved:
                items.append(self._delete(zone, after, "write_id = :w", ours))
            if before is not None:
                if moved or after is None:
                    items.append(self._put(_record_item(zone, before, restore_id),
                                           "attribute_not_exists(PK)"))
                else:
                    items.append(self._put(_record_item(zone, before, restore_id),
                                           "write_id = :w", ours))
            items.extend(self._pointer(zone, before if before is not None else after,
                                       keep=before is not None,
                                       changed=moved or after is None))
        self._transact(items)

    def delete_zone(self, ascii_name: str) -> None:
        """Remove the zone's records, then the zone row (safe to repeat)."""
        try:
            with self._table.batch_writer() as batch:
                for item in self._all(ascii_name, "RR#") + self._all(ascii_name, "ID#"):
                    batch.delete_item(Key={"PK": item["PK"], "SK": item["SK"]})
            self._table.delete_item(Key=_zone_key(ascii_name))
        except ClientError as error:
            raise unavailable(error) from error

    # --- real-name projection -----------------------------------------------------------

    def mark_verified(self, template_id: str, account_id: str, now: str) -> None:
        try:
            self._table.put_item(Item={
                "PK": f"TEMPLATE#{template_id}", "SK": "#REALNAME", "entity": "template",
                "template_id": template_id, "account_id": account_id,
                "realname_status": "verified", "verified_at": now})
        except ClientError as error:
            raise unavailable(error) from error

    def is_verified(self, template_id: str) -> bool:
        try:
            item = self._table.get_item(Key={"PK": f"TEMPLATE#{template_id}", "SK": "#REALNAME"},
                                        ConsistentRead=True).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        return bool(item and item.get("realname_status") == "verified")

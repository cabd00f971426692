"""The simulated registry: the local stand-in for CNNIC, Verisign, ... with its own table.

It behaves like a registry: one registration per variant key (中国.cn blocks 中國.cn),
registry-reserved names, registration periods, renewals keyed by the current expiry, EPP
``serverHold``, and failures on demand for tests.

Table ``registrar-registry`` access patterns:
  domain              PK=DOMAIN#<ascii>         SK=#DOMAIN
  variant guard       PK=VARIANT#<variant key>  SK=#VARIANT   kind=registered|reserved, ascii
  failure on demand   PK=FAIL#<ascii>           SK=#FAIL      operations={create, renew, ...}
  domains of holder   GSI1PK=REGISTRANT#<id>    GSI1SK=DOMAIN#<ascii>

A check reads only variant guards: one key per name, 100 keys per BatchGetItem. A create
writes the domain row and its variant guard in one conditional TransactWriteItems.

Failures on demand: a ``FAIL#<ascii>`` row (``fail_on()``) makes the listed operations
raise ``RegistryError``; and any name whose label starts with ``registry-error-`` fails at
``create``, so tests can pick fresh failing names without writing anything first.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError

from registrar_shared import aws
from registrar_shared.clock import iso, parse_iso
from registrar_shared.dynamo import MAX_BATCH_GET, is_conditional_failure
from registrar_shared.registry.base import (
    Availability,
    DomainRecord,
    NameQuery,
    RegistryError,
    RegistryExpiryMismatch,
    RegistryNameUnavailable,
    RegistryObjectNotFound,
    RegistryPeriodInvalid,
)

FAILING_PREFIX = "registry-error-"
MAX_YEARS = 10
OPERATIONS = ("create", "renew", "delete", "hold", "unhold", "update")
SERVER_HOLD = "serverHold"
_UNPROCESSED_RETRIES = 8
MAX_PARALLEL_BATCHES = 5   # 500 names: the bulk maximum


def _domain_key(ascii_name: str) -> dict[str, str]:
    return {"PK": f"DOMAIN#{ascii_name}", "SK": "#DOMAIN"}


def _variant_key(variant_key: str) -> dict[str, str]:
    return {"PK": f"VARIANT#{variant_key}", "SK": "#VARIANT"}


def _fail_key(ascii_name: str) -> dict[str, str]:
    return {"PK": f"FAIL#{ascii_name}", "SK": "#FAIL"}


def add_years(moment: datetime, years: int) -> datetime:
    """Calendar years; 29 February becomes 28 February in a common year."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


def _second(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _domain_item(name: NameQuery, registrant: str, template_id: str | None, created: datetime,
                 years: int, on_hold: bool, client_txn_id: str | None = None
                 ) -> dict[str, Any]:
    item: dict[str, Any] = {
        **_domain_key(name.ascii), "entity": "domain", "ascii": name.ascii,
        "variant_key": name.variant_key, "registrant": registrant,
        "created_at": iso(created), "updated_at": iso(created),
        "expires_at": iso(add_years(created, years)),
        "statuses": [SERVER_HOLD] if on_hold else ["ok"],
        "GSI1PK": f"REGISTRANT#{registrant}", "GSI1SK": f"DOMAIN#{name.ascii}"}
    if template_id is not None:
        item["template_id"] = template_id
    if client_txn_id is not None:
        item["client_txn_id"] = client_txn_id
    return item


def _guard_item(name: NameQuery, kind: str, reason: str | None = None) -> dict[str, Any]:
    item = {**_variant_key(name.variant_key), "entity": "variant", "kind": kind,
            "ascii": name.ascii}
    if reason is not None:
        item["reason"] = reason
    return item


def _record(item: dict[str, Any]) -> DomainRecord:
    return DomainRecord(
        ascii=item["ascii"], variant_key=item["variant_key"], registrant=item["registrant"],
        template_id=item.get("template_id"), created_at=parse_iso(item["created_at"]),
        expires_at=parse_iso(item["expires_at"]), statuses=tuple(item["statuses"]),
        client_txn_id=item.get("client_txn_id"), renew_txns=tuple(item.get("renew_txns", ())))


def _status(row: dict[str, Any] | None, ascii_name: str) -> Availability:
    if row is None:
        return "available"
    if row.get("kind") == "reserved":
        return "reserved"
    return "registered" if row.get("ascii") == ascii_name else "variant_registered"


def _error(error: ClientError) -> RegistryError:
    return RegistryError(reason=error.response.get("Error", {}).get("Code", "unknown"))


class SimulatedRegistry:
    """``registry.base.Registry`` over the ``registrar-registry`` DynamoDB table."""

    def __init__(self, table: Any, *, client: Any = None) -> None:
        """``table``: the boto3 Table resource; ``client``: a low-level DynamoDB client for
        the batched reads of ``check`` (default: the shared one), which skips the resource
        layer's type conversion on the hot path."""
        self._table = table
        self._client = client

    @property
    def _reader(self) -> Any:
        if self._client is None:
            self._client = aws.client("dynamodb")
        return self._client

    # --- reads -----------------------------------------------------------------------------

    def check(self, names: Sequence[NameQuery]) -> dict[str, Availability]:
        rows = self._variant_rows({name.variant_key for name in names})
        return {name.ascii: _status(rows.get(name.variant_key), name.ascii) for name in names}

    def _variant_rows(self, variant_keys: Iterable[str]) -> dict[str, dict[str, str]]:
        keys = [{"PK": {"S": f"VARIANT#{vk}"}, "SK": {"S": "#VARIANT"}} for vk in variant_keys]
        chunks = [keys[i:i + MAX_BATCH_GET] for i in range(0, len(keys), MAX_BATCH_GET)]
        if len(chunks) > 1:
            # Independent batches go out together, as the SDKs' batch helpers do: a bulk
            # check then costs about one round trip, not one per hundred names.
            with ThreadPoolExecutor(max_workers=min(len(chunks), MAX_PARALLEL_BATCHES)) as pool:
                answers = list(pool.map(self._batch_get, chunks))
        else:
            answers = [self._batch_get(chunk) for chunk in chunks]
        rows: dict[str, dict[str, str]] = {}
        for items in answers:
            for item in items:
                row = {name: value["S"] for name, value in item.items()}
                rows[row["PK"].removeprefix("VARIANT#")] = row
        return rows

    def _batch_get(self, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
        client = self._reader
        request: dict[str, Any] = {self._table.name: {
            "Keys": keys, "ProjectionExpression": "#pk, #kind, #ascii",
            "ExpressionAttributeNames": {"#pk": "PK", "#kind": "kind", "#ascii": "ascii"}}}
        items: list[dict[str, Any]] = []
        for attempt in range(_UNPROCESSED_RETRIES):
            try:
                response = client.batch_get_item(RequestItems=request)
            except ClientError as error:
                raise _error(error) from error
            items.extend(response.get("Responses", {}).get(self._table.name, []))
            request = response.get("UnprocessedKeys") or {}
            if not request:
                return items
            time.sleep(min(0.05 * 2 ** attempt, 1.0))  # back off as the SDKs do
        raise RegistryError(reason="keys left unprocessed after retries")

    def info(self, ascii_name: str) -> DomainRecord | None:
        try:
            item = self._table.get_item(Key=_domain_key(ascii_name),
                                        ConsistentRead=True).get("Item")
        except ClientError as error:
            raise _error(error) from error
        return None if item is None else _record(item)

    def list_domains(self, registrant: str) -> list[DomainRecord]:
        """Every domain a registrant holds (GSI1; eventually consistent)."""
        records: list[DomainRecord] = []
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1", "KeyConditionExpression": "GSI1PK = :pk",
            "ExpressionAttributeValues": {":pk": f"REGISTRANT#{registrant}"}}
        while True:
            try:
                page = self._table.query(**kwargs)
            except ClientError as error:
                raise _error(error) from error
            records += [_record(item) for item in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                return records
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    # --- writes ----------------------------------------------------------------------------

    def create(self, name: NameQuery, *, registrant: str, template_id: str | None,
               years: int, now: datetime, on_hold: bool = False,
               client_txn_id: str | None = None) -> DomainRecord:
        """Register a name; exactly one caller wins a name and its variants. One
        TransactWriteItems: the failure switch (a condition check), the domain row and its
        variant guard.

        Raises: RegistryNameUnavailable, RegistryPeriodInvalid, RegistryError.
        """
        self._verify_years(name.ascii, years)
        if name.ascii.startswith(FAILING_PREFIX):
            raise RegistryError(reason=f"failure on demand ({FAILING_PREFIX}*)")
        item = _domain_item(name, registrant, template_id, _second(now), years, on_hold,
                            client_txn_id)
        try:
            self._transact([
                {"ConditionCheck": {
                    "TableName": self._table.name, "Key": _fail_key(name.ascii),
                    "ConditionExpression": "attribute_not_exists(PK) OR NOT contains(#ops, :op)",
                    "ExpressionAttributeNames": {"#ops": "operations"},
                    "ExpressionAttributeValues": {":op": "create"}}},
                *self._puts([item, _guard_item(name, "registered")]),
            ])
        except ClientError as error:
            if not is_conditional_failure(error):
                raise _error(error) from error
            reasons = error.response.get("CancellationReasons") or [{}]
            if reasons[0].get("Code") == "ConditionalCheckFailed":
                raise RegistryError(reason="failure on demand (create)") from error
            status = self.check([name])[name.ascii]
            raise RegistryNameUnavailable(domain=name.ascii, status=status) from error
        return _record(item)

    def _puts(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"Put": {"TableName": self._table.name, "Item": item,
                         "ConditionExpression": "attribute_not_exists(PK)"}} for item in items]

    def load(self, *, registered: Sequence[NameQuery], reserved: Sequence[NameQuery],
             registrant: str, years: int, now: datetime, reason: str) -> None:
        """Seed many names at once (one batched check, one transaction per 50 names);
        names already taken are left alone. Falls back to one call per name if another
        writer got in between.

        Raises: RegistryError.
        """
        statuses = self.check([*registered, *reserved])
        created = _second(now)
        fresh: dict[str, list[dict[str, Any]]] = {}   # one group per variant key
        for name in registered:
            if statuses[name.ascii] == "available":
                fresh.setdefault(name.variant_key, [
                    _domain_item(name, registrant, None, created, years, False),
                    _guard_item(name, "registered")])
        for name in reserved:
            if statuses[name.ascii] == "available":
                fresh.setdefault(name.variant_key, [_guard_item(name, "reserved", reason)])
        groups = list(fresh.values())
        for start in range(0, len(groups), 50):
            items = [item for group in groups[start:start + 50] for item in group]
            try:
                self._transact(self._puts(items))
            except ClientError as error:
                if not is_conditional_failure(error):
                    raise _error(error) from error
                self._load_one_by_one(registered, reserved, registrant, years, now, reason)
                return

    def _load_one_by_one(self, registered: Sequence[NameQuery], reserved: Sequence[NameQuery],
                         registrant: str, years: int, now: datetime, reason: str) -> None:
        for name in registered:
            try:
                self.create(name, registrant=registrant, template_id=None, years=years, now=now)
            except RegistryNameUnavailable:
                pass
        for name in reserved:
            try:
                self.reserve(name, reason)
            except RegistryNameUnavailable:
                pass

    def renew(self, ascii_name: str, *, years: int, current_expiry: datetime,
              now: datetime, client_txn_id: str | None = None) -> DomainRecord:
        """Extend by ``years`` from ``current_expiry``. A renewal with a ``client_txn_id``
        is applied at most once (its retry returns the record); without one, a retry naming
        the old expiry returns the renewed record instead of adding a second period.

        Raises: RegistryObjectNotFound, RegistryExpiryMismatch, RegistryPeriodInvalid,
                RegistryError.
        """
        self._verify_years(ascii_name, years)
        current = _second(current_expiry)
        renewed = add_years(current, years)
        if renewed > add_years(_second(now), MAX_YEARS):
            raise RegistryPeriodInvalid(domain=ascii_name, years=years,
                                        why="the term would exceed 10 years")
        self._verify_no_failure("renew", ascii_name)
        update = "SET expires_at = :renewed, updated_at = :now"
        condition = "attribute_exists(PK) AND expires_at = :current"
        values: dict[str, Any] = {":renewed": iso(renewed), ":now": iso(_second(now)),
                                  ":current": iso(current)}
        if client_txn_id is not None:
            update += ", renew_txns = list_append(if_not_exists(renew_txns, :none), :txn)"
            condition += " AND NOT contains(renew_txns, :id)"
            values.update({":none": [], ":txn": [client_txn_id], ":id": client_txn_id})
        try:
            item = self._table.update_item(
                Key=_domain_key(ascii_name), UpdateExpression=update,
                ConditionExpression=condition, ExpressionAttributeValues=values,
                ReturnValues="ALL_NEW")["Attributes"]
        except ClientError as error:
            if not is_conditional_failure(error):
                raise _error(error) from error
            record = self.info(ascii_name)
            if record is None:
                raise RegistryObjectNotFound(domain=ascii_name) from error
            if client_txn_id in record.renew_txns or (
                    client_txn_id is None and record.expires_at == renewed):
                return record  # the same renewal, retried
            raise RegistryExpiryMismatch(domain=ascii_name, expected=iso(current),
                                         actual=iso(record.expires_at)) from error
        return _record(item)

    def delete(self, ascii_name: str) -> None:
        """Delete a domain and free its variant key.

        Raises: RegistryObjectNotFound, RegistryError.
        """
        self._verify_no_failure("delete", ascii_name)
        record = self.info(ascii_name)
        if record is None:
            raise RegistryObjectNotFound(domain=ascii_name)
        try:
            self._transact([
                {"Delete": {"TableName": self._table.name, "Key": _domain_key(ascii_name),
                            "ConditionExpression": "attribute_exists(PK)"}},
                {"Delete": {"TableName": self._table.name,
                            "Key": _variant_key(record.variant_key),
                            "ConditionExpression": "#ascii = :ascii",
                            "ExpressionAttributeNames": {"#ascii": "ascii"},
                            "ExpressionAttributeValues": {":ascii": ascii_name}}},
            ])
        except ClientError as error:
            if is_conditional_failure(error):
                raise RegistryObjectNotFound(domain=ascii_name) from error
            raise _error(error) from error

    def hold(self, ascii_name: str, reason: str) -> DomainRecord:
        """Set EPP serverHold (the domain stops resolving); idempotent.

        Raises: RegistryObjectNotFound, RegistryError.
        """
        return self._set_statuses("hold", ascii_name, [SERVER_HOLD], reason)

    def unhold(self, ascii_name: str, reason: str) -> DomainRecord:
        """Lift serverHold; idempotent.

        Raises: RegistryObjectNotFound, RegistryError.
        """
        return self._set_statuses("unhold", ascii_name, ["ok"], reason)

    def update_holder(self, ascii_name: str, template_id: str) -> DomainRecord:
        """Change the registrant contact (holder transfer, 过户); idempotent.

        Raises: RegistryObjectNotFound, RegistryError.
        """
        self._verify_no_failure("update", ascii_name)
        try:
            item = self._table.update_item(
                Key=_domain_key(ascii_name),
                UpdateExpression="SET template_id = :template",
                ConditionExpression="attribute_exists(PK)",
                ExpressionAttributeValues={":template": template_id},
                ReturnValues="ALL_NEW")["Attributes"]
        except ClientError as error:
            if is_conditional_failure(error):
                raise RegistryObjectNotFound(domain=ascii_name) from error
            raise _error(error) from error
        return _record(item)

    def _set_statuses(self, operation: str, ascii_name: str, statuses: list[str],
                      reason: str) -> DomainRecord:
        self._verify_no_failure(operation, ascii_name)
        try:
            item = self._table.update_item(
                Key=_domain_key(ascii_name),
                UpdateExpression="SET statuses = :statuses, status_reason = :reason",
                ConditionExpression="attribute_exists(PK)",
                ExpressionAttributeValues={":statuses": statuses, ":reason": reason},
                ReturnValues="ALL_NEW")["Attributes"]
        except ClientError as error:
            if is_conditional_failure(error):
                raise RegistryObjectNotFound(domain=ascii_name) from error
            raise _error(error) from error
        return _record(item)

    # --- registry administration (seed data and tests) -------------------------------------

    def reserve(self, name: NameQuery, reason: str) -> None:
        """Reserve a name and its variants at the registry (idempotent for reserved names).

        Raises: RegistryNameUnavailable (already registered), RegistryError.
        """
        try:
            self._table.put_item(
                Item=_guard_item(name, "reserved", reason),
                ConditionExpression="attribute_not_exists(PK) OR #kind = :reserved",
                ExpressionAttributeNames={"#kind": "kind"},
                ExpressionAttributeValues={":reserved": "reserved"})
        except ClientError as error:
            if is_conditional_failure(error):
                raise RegistryNameUnavailable(domain=name.ascii, status="registered") from error
            raise _error(error) from error

    def fail_on(self, ascii_name: str, operations: Sequence[str] = ("create",),
                reason: str = "failure on demand") -> None:
        """Make the listed operations on a name raise RegistryError until cleared."""
        unknown = set(operations) - set(OPERATIONS)
        if unknown or not operations:
            raise ValueError(f"operations must be among {OPERATIONS}, got {operations}")
        self._table.put_item(Item={**_fail_key(ascii_name), "entity": "failure",
                                   "operations": set(operations), "reason": reason})

    def clear_failure(self, ascii_name: str) -> None:
        self._table.delete_item(Key=_fail_key(ascii_name))

    # --- helpers ---------------------------------------------------------------------------

    def _verify_no_failure(self, operation: str, ascii_name: str) -> None:
        try:
            item = self._table.get_item(Key=_fail_key(ascii_name),
                                        ConsistentRead=True).get("Item")
        except ClientError as error:
            raise _error(error) from error
        if item is not None and operation in item.get("operations", set()):
            raise RegistryError(reason=f"{item.get('reason', 'failure on demand')} ({operation})")

    @staticmethod
    def _verify_years(ascii_name: str, years: int) -> None:
        if not 1 <= years <= MAX_YEARS:
            raise RegistryPeriodInvalid(domain=ascii_name, years=years,
                                        why=f"1 to {MAX_YEARS} years")

    def _transact(self, items: list[dict[str, Any]]) -> None:
        self._table.meta.client.transact_write_items(TransactItems=items)

"""An in-memory registry with the behaviour of the simulated one (the contract tests in
tests/integration/registry run the same cases against both)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime

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
from registrar_shared.registry.simulated import FAILING_PREFIX, MAX_YEARS, OPERATIONS, add_years


def _second(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


class InMemoryRegistry:
    def __init__(self) -> None:
        self.domains: dict[str, DomainRecord] = {}
        self.guards: dict[str, tuple[str, str]] = {}   # variant key -> (kind, ascii)
        self.failures: dict[str, set[str]] = {}
        self.check_calls: list[int] = []

    def check(self, names: Sequence[NameQuery]) -> dict[str, Availability]:
        self.check_calls.append(len(names))
        result: dict[str, Availability] = {}
        for name in names:
            guard = self.guards.get(name.variant_key)
            if guard is None:
                result[name.ascii] = "available"
            elif guard[0] == "reserved":
                result[name.ascii] = "reserved"
            else:
                result[name.ascii] = ("registered" if guard[1] == name.ascii
                                      else "variant_registered")
        return result

    def _fail(self, operation: str, ascii_name: str) -> None:
        if operation in self.failures.get(ascii_name, set()):
            raise RegistryError(reason=f"failure on demand ({operation})")

    def create(self, name: NameQuery, *, registrant: str, template_id: str | None,
               years: int, now: datetime, on_hold: bool = False,
               client_txn_id: str | None = None) -> DomainRecord:
        if not 1 <= years <= MAX_YEARS:
            raise RegistryPeriodInvalid(domain=name.ascii, years=years, why="1 to 10 years")
        if name.ascii.startswith(FAILING_PREFIX):
            raise RegistryError(reason="failure on demand")
        self._fail("create", name.ascii)
        if name.variant_key in self.guards or name.ascii in self.domains:
            status = self.check([name])[name.ascii]
            raise RegistryNameUnavailable(domain=name.ascii, status=status)
        created = _second(now)
        record = DomainRecord(ascii=name.ascii, variant_key=name.variant_key,
                              registrant=registrant, template_id=template_id,
                              created_at=created, expires_at=add_years(created, years),
                              statuses=("serverHold",) if on_hold else ("ok",),
                              client_txn_id=client_txn_id)
        self.domains[name.ascii] = record
        self.guards[name.variant_key] = ("registered", name.ascii)
        return record

    def renew(self, ascii_name: str, *, years: int, current_expiry: datetime,
              now: datetime, client_txn_id: str | None = None) -> DomainRecord:
        if not 1 <= years <= MAX_YEARS:
            raise RegistryPeriodInvalid(domain=ascii_name, years=years, why="1 to 10 years")
        current = _second(current_expiry)
        renewed = add_years(current, years)
        if renewed > add_years(_second(now), MAX_YEARS):
            raise RegistryPeriodInvalid(domain=ascii_name, years=years, why="over 10 years")
        self._fail("renew", ascii_name)
        record = self.domains.get(ascii_name)
        if record is None:
            raise RegistryObjectNotFound(domain=ascii_name)
        if client_txn_id is not None and client_txn_id in record.renew_txns:
            return record
        if client_txn_id is None and record.expires_at == renewed:
            return record
        if record.expires_at != current:
            raise RegistryExpiryMismatch(domain=ascii_name, expected=current,
                                         actual=record.expires_at)
        txns = record.renew_txns + ((client_txn_id,) if client_txn_id else ())
        record = dataclasses.replace(record, expires_at=renewed, renew_txns=txns)
        self.domains[ascii_name] = record
        return record

    def delete(self, ascii_name: str) -> None:
        self._fail("delete", ascii_name)
        record = self.domains.pop(ascii_name, None)
        if record is None:
            raise RegistryObjectNotFound(domain=ascii_name)
        del self.guards[record.variant_key]

    def info(self, ascii_name: str) -> DomainRecord | None:
        return self.domains.get(ascii_name)

    def _statuses(self, operation: str, ascii_name: str, statuses: tuple[str, ...]
                  ) -> DomainRecord:
        self._fail(operation, ascii_name)
        record = self.domains.get(ascii_name)
        if record is None:
            raise RegistryObjectNotFound(domain=ascii_name)
        record = dataclasses.replace(record, statuses=statuses)
        self.domains[ascii_name] = record
        return record

    def hold(self, ascii_name: str, reason: str) -> DomainRecord:
        return self._statuses("hold", ascii_name, ("serverHold",))

    def unhold(self, ascii_name: str, reason: str) -> DomainRecord:
        return self._statuses("unhold", ascii_name, ("ok",))

    def update_holder(self, ascii_name: str, template_id: str) -> DomainRecord:
        self._fail("update", ascii_name)
        record = self.domains.get(ascii_name)
        if record is None:
            raise RegistryObjectNotFound(domain=ascii_name)
        record = dataclasses.replace(record, template_id=template_id)
        self.domains[ascii_name] = record
        return record

    def reserve(self, name: NameQuery, reason: str) -> None:
        guard = self.guards.get(name.variant_key)
        if guard is not None and guard[0] != "reserved":
            raise RegistryNameUnavailable(domain=name.ascii, status="registered")
        self.guards[name.variant_key] = ("reserved", name.ascii)

    def fail_on(self, ascii_name: str, operations: Sequence[str] = ("create",),
                reason: str = "failure on demand") -> None:
        if not operations or set(operations) - set(OPERATIONS):
            raise ValueError(f"operations must be among {OPERATIONS}, got {operations}")
        self.failures[ascii_name] = set(operations)

    def clear_failure(self, ascii_name: str) -> None:
        self.failures.pop(ascii_name, None)

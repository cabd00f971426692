"""The provider's record rules and write planning (pure: no IO, no clock reads).

A write is planned against the zone's current records: validate the value, refuse
duplicates, CNAME conflicts, data beside a delegation and the limits, then list the record
changes (the record itself, plus siblings whose TTL follows the set's). From the records
after the plan, ``record_sets`` derives the desired Route 53 state; ``sync_actions`` turns
desired and current record sets into the one change batch that moves Route 53 there.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chalicelib.dns import errors, names, values
from chalicelib.dns.model import (
    APEX,
    RECORD_TYPES,
    Change,
    Plan,
    Record,
    RecordData,
    RecordSet,
    Zone,
)

TTL_RANGE = (600, 86_400)
DEFAULT_TTL = 600
MAX_PER_HOST_AND_TYPE = 10
MAX_PER_ZONE = 500
CNAME_EXCLUSIVE = frozenset({"A", "AAAA", "CNAME", "SRV", "CAA"})
BESIDE_APEX_CNAME = frozenset({"NS", "MX", "TXT"})
BUSINESS_CARD_TARGET = "2019.cname.knetreg.cn"
PERSONAL_NAME_SUFFIX = "xn--ses554g"  # .网址
PERSONAL_NAME_PRODUCT = "personal_name"
# Route 53 limits per change batch; an UPSERT counts its records and characters twice.
BATCH_MAX_RECORDS = 1000
BATCH_MAX_CHARS = 32_000


@dataclass(frozen=True)
class RecordInput:
    """A record as the customer sent it (not yet validated)."""

    host: str
    type: str
    value: str
    ttl: int | None = None
    priority: int | None = None


# --- validation -----------------------------------------------------------------------

def verify_ttl(ttl: int | None) -> int:
    if ttl is None:
        return DEFAULT_TTL
    if not TTL_RANGE[0] <= ttl <= TTL_RANGE[1]:
        raise errors.TtlOutOfRange(ttl=ttl, low=TTL_RANGE[0], high=TTL_RANGE[1])
    return ttl


def _value(record_type: str, raw: RecordInput, host: str, zone: str) -> tuple[str, int | None]:
    if record_type in ("A", "AAAA", "CNAME", "NS", "TXT", "CAA") and raw.priority is not None:
        raise errors.PriorityNotAllowed(type=record_type)
    if record_type == "A":
        return values.ipv4(raw.value), None
    if record_type == "AAAA":
        return values.ipv6(raw.value), None
    if record_type == "MX":
        return values.mx(raw.value, raw.priority)
    if record_type == "SRV":
        return values.srv(raw.value, raw.priority)
    if record_type == "TXT":
        return values.txt(raw.value), None
    if record_type == "CAA":
        return values.caa(raw.value), None
    target = names.target_ascii(raw.value, record_type)  # CNAME, NS
    if record_type == "CNAME" and names.fqdn(host, zone) == f"{target}.":
        raise errors.CnameToItself(value=target)
    return target, None


def _verify_host_for_type(host: str, record_type: str) -> None:
    if record_type == "NS" and host == APEX:
        raise errors.NsAtApex()
    if record_type == "SRV":
        labels = host.split(".")
        if len(labels) < 2 or not (labels[0].startswith("_") and labels[1].startswith("_")):
            raise errors.SrvHostFormat(host=host)


def validate_record(raw: RecordInput, zone: str) -> RecordData:
    """Parse and normalise one record for the zone ``zone`` (its A-label name).

    Raises: InvalidRecord (Details.reason names the rule: UnsupportedRecordType,
            InvalidHost, HostTooDeep, HostLabelTooLong, InvalidWildcard, NameTooLong,
            NsAtApex, SrvHostFormat, TtlOutOfRange, Priority*, InvalidIpv4Address,
            InvalidIpv6Address, InvalidTarget, TargetIsIpAddress, CnameToItself,
            InvalidSrvValue, InvalidCaaValue, InvalidTxtValue, TxtTooLong, EmptyValue).
    """
    record_type = raw.type.strip().upper()
    if record_type not in RECORD_TYPES:
        raise errors.UnsupportedRecordType(type=raw.type)
    host = names.host_ascii(raw.host, zone)
    _verify_host_for_type(host, record_type)
    ttl = verify_ttl(raw.ttl)
    if not raw.value.strip():
        raise errors.EmptyValue()
    value, priority = _value(record_type, raw, host, zone)
    return RecordData(host=host, type=record_type, value=value, ttl=ttl, priority=priority)


# --- conflicts and limits -------------------------------------------------------------

def _describe(records: Iterable[Record]) -> tuple[list[dict[str, Any]], str]:
    listed = list(records)
    details = [r.as_dict() for r in listed]
    return details, "; ".join(r.describe() for r in listed)


def _cname_clash(data: RecordData, at_host: list[Record]) -> list[Record]:
    if data.type == "CNAME":
        if data.host != APEX:
            return at_host
        return [r for r in at_host if r.type in CNAME_EXCLUSIVE]
    cnames = [r for r in at_host if r.type == "CNAME"]
    if data.host == APEX and data.type in BESIDE_APEX_CNAME:
        return []
    return cnames


def _delegation_clash(data: RecordData, at_host: list[Record]) -> list[Record]:
    if data.host == APEX:
        return []
    if data.type == "NS":
        return [r for r in at_host if r.type != "NS"]
    return [r for r in at_host if r.type == "NS"]


def verify_no_conflict(data: RecordData, others: list[Record]) -> None:
    """Raises: RecordConflict (DuplicateRecord, CnameConflict, DelegationConflict)."""
    at_host = [r for r in others if r.host == data.host]
    duplicate = [r for r in at_host if r.data.same_data(data)]
    if duplicate:
        details, text = _describe(duplicate)
        raise errors.DuplicateRecord(details, existing=text)
    clash = _cname_clash(data, at_host)
    if clash:
        details, text = _describe(clash)
        raise errors.CnameConflict(details, host=data.host, existing=text)
    clash = _delegation_clash(data, at_host)
    if clash:
        details, text = _describe(clash)
        raise errors.DelegationConflict(details, host=data.host, existing=text)


def verify_limits(data: RecordData, others: list[Record], *, adding: bool,
                  zone_count: int) -> None:
    """``others``: at least every record on the host; ``zone_count``: records in the zone.

    Raises: RecordLimitExceeded (TooManyRecordsOnHost, TooManyRecordsInZone).
    """
    same = sum(1 for r in others if r.key == (data.host, data.type))
    if same + 1 > MAX_PER_HOST_AND_TYPE:
        raise errors.TooManyRecordsOnHost(limit=MAX_PER_HOST_AND_TYPE, type=data.type,
                                          host=data.host)
    if adding and zone_count + 1 > MAX_PER_ZONE:
        raise errors.TooManyRecordsInZone(limit=MAX_PER_ZONE)


# --- planning -------------------------------------------------------------------------

Warning = tuple[str, str, str]


def _apex_warning(after: list[Record], data: RecordData) -> list[Warning]:
    if data.host != APEX or data.type not in BESIDE_APEX_CNAME | {"CNAME"}:
        return []
    at_apex = {r.type for r in after if r.host == APEX}
    if "CNAME" not in at_apex:
        return []
    beside = sorted(at_apex & {"MX", "TXT"})
    also_en = f" and its {' and '.join(beside)} records" if beside else ""
    also_zh = f"及 {'、'.join(beside)} 记录" if beside else ""
    return [("CnameBesideApexRecords",
             f"The CNAME at @ stands beside the zone's NS records{also_en}; resolvers that "
             "follow RFC 1034 may ignore the CNAME or the other records at @",
             f"@ 上的 CNAME 记录与区域自身的 NS 记录{also_zh}共存，"
             "遵循 RFC 1034 的解析器可能忽略该 CNAME 或 @ 上的其他记录")]


def _ttl_changes(siblings: list[Record], ttl: int, now: str) -> tuple[list[Change], list[Warning]]:
    changes = [Change(s, dataclasses.replace(s, data=dataclasses.replace(s.data, ttl=ttl),
                                              updated_at=now))
               for s in siblings if s.data.ttl != ttl]
    if not changes:
        return [], []
    return changes, [("TtlAppliedToRecordSet",
                      f"Records with the same host and type share one TTL: {len(changes)} "
                      f"other record(s) now use {ttl} s",
                      f"同一主机记录和类型的记录共用一个 TTL："
                      f"另有 {len(changes)} 条记录已改为 {ttl} 秒")]


def plan_write(records: list[Record], data: RecordData, *, record_id: str, now: str,
               ttl_given: bool, zone_count: int, previous: Record | None = None) -> Plan:
    """Plan creating (``previous`` None) or replacing a record. ``records`` holds at least
    every record on the hosts involved (the new host, and the previous record's);
    ``zone_count`` is the number of records in the whole zone.

    Without an explicit TTL a record joins its set's TTL; an explicit TTL applies to the
    whole set (Route 53 serves one TTL per host and type).

    Raises: RecordConflict, RecordLimitExceeded.
    """
    others = [r for r in records if previous is None or r.record_id != previous.record_id]
    verify_no_conflict(data, others)
    verify_limits(data, others, adding=previous is None, zone_count=zone_count)
    siblings = [r for r in others if r.key == (data.host, data.type)]
    if siblings and not ttl_given:
        data = dataclasses.replace(data, ttl=min(s.data.ttl for s in siblings))
    record = Record(record_id=record_id, data=data,
                    created_at=previous.created_at if previous else now, updated_at=now)
    retimed, warnings = _ttl_changes(siblings, data.ttl, now)
    plan = Plan(changes=(Change(previous, record), *retimed), result=record)
    warnings += _apex_warning(plan.apply_to(records), data)
    return dataclasses.replace(plan, warnings=tuple(warnings))


def plan_delete(record: Record) -> Plan:
    return Plan(changes=(Change(record, None),))


def verify_writable(zone: Zone) -> None:
    """Raises: DomainOnHold, DomainRestricted."""
    if zone.held:
        raise errors.DomainOnHold(domain=zone.domain)
    if zone.restricted:
        raise errors.DomainRestricted(domain=zone.domain)


# --- the 姓名.网址 business card -------------------------------------------------------

def business_card_record(ttl: int = DEFAULT_TTL) -> RecordData:
    return RecordData(host=APEX, type="CNAME", value=BUSINESS_CARD_TARGET, ttl=ttl)


def verify_business_card_allowed(zone: Zone, *, holder_verified: bool) -> None:
    """Raises: BusinessCardNotAvailable, DomainOnHold, RealNameRequired."""
    if (zone.ascii.rsplit(".", 1)[-1] != PERSONAL_NAME_SUFFIX
            or zone.product != PERSONAL_NAME_PRODUCT):
        raise errors.BusinessCardNotAvailable(domain=zone.domain)
    verify_writable(zone)
    if not holder_verified:
        raise errors.RealNameRequired(domain=zone.domain)


def existing_business_card(records: list[Record]) -> Record | None:
    card = business_card_record()
    return next((r for r in records if r.data.same_data(card)), None)


# --- Route 53 state -------------------------------------------------------------------

def record_sets(records: Iterable[Record], zone: str) -> dict[tuple[str, str], RecordSet]:
    """The desired Route 53 record sets (one TTL per set: the smallest of its records)."""
    groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in records:
        groups[(names.fqdn(record.host, zone), record.type)].append(record)
    return {
        key: RecordSet(name=key[0], type=key[1], ttl=min(r.data.ttl for r in group),
                       values=tuple(sorted(values.rdata_text(r.type, r.data.value,
                                                             r.data.priority)
                                           for r in group)))
        for key, group in groups.items()
    }


def set_keys(keys: Iterable[tuple[str, str]], zone: str) -> set[tuple[str, str]]:
    """(host, type) keys as Route 53 (absolute name, type) keys."""
    return {(names.fqdn(host, zone), record_type) for host, record_type in keys}


def sync_actions(desired: dict[tuple[str, str], RecordSet],
                 current: dict[tuple[str, str], RecordSet],
                 keys: Iterable[tuple[str, str]]) -> list[tuple[str, RecordSet]]:
    """The changes that make Route 53's ``current`` sets equal ``desired`` for ``keys``.
    A DELETE names exactly what Route 53 holds (as it requires)."""
    actions: list[tuple[str, RecordSet]] = []
    for key in sorted(keys):
        want, have = desired.get(key), current.get(key)
        if want is None and have is not None:
            actions.append(("DELETE", have))
        elif want is not None and want != have:
            actions.append(("UPSERT", want))
    return actions


def batches(actions: list[tuple[str, RecordSet]]) -> list[list[tuple[str, RecordSet]]]:
    """Split actions into change batches within Route 53's per-batch limits."""
    out: list[list[tuple[str, RecordSet]]] = []
    current: list[tuple[str, RecordSet]] = []
    records = chars = 0
    for action, record_set in actions:
        factor = 2 if action == "UPSERT" else 1
        size = factor * len(record_set.values)
        length = factor * sum(len(v) for v in record_set.values)
        if current and (records + size > BATCH_MAX_RECORDS or chars + length > BATCH_MAX_CHARS):
            out.append(current)
            current, records, chars = [], 0, 0
        current.append((action, record_set))
        records += size
        chars += length
    return out + ([current] if current else [])

"""Errors of the DNS service: one class per rule, public codes as API.md fixes them.

Record rules share the public code ``InvalidRecord`` (400); the rule that failed is named in
``Details.reason`` (its class name) with the field it concerns, so clients can branch on it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from registrar_shared.errors import (
    Conflict,
    InvalidInput,
    Missing,
    PolicyViolation,
    Unavailable,
)


class ZoneNotFound(Missing):
    message_en = "No DNS zone for {domain} in this account"
    message_zh = "当前账号下没有域名 {domain} 的解析区域"


class RecordNotFound(Missing):
    message_en = "Record {record_id} does not exist in the zone of {domain}"
    message_zh = "域名 {domain} 的解析中不存在记录 {record_id}"


class InvalidDomainName(InvalidInput):
    message_en = "{domain!r} is not a valid domain name"
    message_zh = "{domain!r} 不是有效的域名"


class DomainRestricted(Conflict):
    message_en = ("{domain} is registered with the provider's quick-registration (proxy) "
                  "template; its DNS stays at the defaults until a holder transfer to your own "
                  "verified template")
    message_zh = "{domain} 使用平台代理信息模板注册，过户到您自己的已实名模板之前不能修改解析"


class DomainOnHold(Conflict):
    message_en = ("{domain} is on hold; its records are kept but cannot be changed until the "
                  "hold is lifted")
    message_zh = "{domain} 处于暂停解析（hold）状态，记录会保留，但在解除前不能修改"


class ZoneNotReady(Unavailable):
    """A hold or release overtook the registration on the queue: retried until the zone
    exists (then the DLQ, if it never does)."""

    message_en = "No zone for {domain} yet; the event will be retried"
    message_zh = "域名 {domain} 的解析区域尚未创建，该事件将重试"


class ZoneBusy(Conflict):
    message_en = "The zone of {domain} changed while this request was applied; retry"
    message_zh = "域名 {domain} 的解析在处理期间被修改，请重试"


class BusinessCardNotAvailable(PolicyViolation):
    message_en = ("The business card is only offered for 姓名.网址 domains bought as the "
                  "personal-name product; {domain} is not one")
    message_zh = "名片服务仅适用于以姓名.网址产品注册的域名，{domain} 不符合"


class RealNameRequired(PolicyViolation):
    message_en = "The holder of {domain} must pass real-name verification first"
    message_zh = "域名 {domain} 的持有人需先通过实名认证"


class DnsProviderRejected(PolicyViolation):
    message_en = "The DNS provider refused the change ({aws_error}); nothing was changed"
    message_zh = "DNS 服务商拒绝了本次修改（{aws_error}），未做任何变更"


class DnsProviderUnavailable(Unavailable):
    code = "DependencyUnavailable"
    message_en = "The DNS provider is unavailable ({aws_error}); nothing was changed, retry later"
    message_zh = "DNS 服务商暂不可用（{aws_error}），未做任何变更，请稍后重试"


# --- conflicts (409 RecordConflict) ---------------------------------------------------

class RecordConflictError(Conflict):
    """Base of the conflict rules; the public code is always RecordConflict."""

    code = "RecordConflict"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = "RecordConflict"

    def __init__(self, conflicts: list[dict[str, Any]], **params: Any) -> None:
        super().__init__(details={"reason": type(self).__name__, "conflicts": conflicts},
                         **params)


class DuplicateRecord(RecordConflictError):
    message_en = "An identical record already exists: {existing}"
    message_zh = "已存在相同的记录：{existing}"


class CnameConflict(RecordConflictError):
    message_en = "A CNAME record cannot share host {host} with other records: {existing}"
    message_zh = "CNAME 记录不能与主机记录 {host} 上的其他记录共存：{existing}"


class DelegationConflict(RecordConflictError):
    message_en = "Host {host} is delegated with NS records and cannot hold other data: {existing}"
    message_zh = "主机记录 {host} 已通过 NS 记录授权给其他服务器，不能再添加其他记录：{existing}"


# --- limits (422 RecordLimitExceeded) -------------------------------------------------

class RecordLimitError(PolicyViolation):
    code = "RecordLimitExceeded"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = "RecordLimitExceeded"

    def __init__(self, **params: Any) -> None:
        super().__init__(details={"reason": type(self).__name__, "limit": params.get("limit")},
                         **params)


class TooManyRecordsOnHost(RecordLimitError):
    message_en = "At most {limit} {type} records may exist on host {host}"
    message_zh = "主机记录 {host} 上最多只能有 {limit} 条 {type} 记录"


class TooManyRecordsInZone(RecordLimitError):
    message_en = "A zone holds at most {limit} records"
    message_zh = "每个域名最多 {limit} 条解析记录"


# --- invalid records (400 InvalidRecord) ----------------------------------------------

class InvalidRecord(InvalidInput):
    """Base of the record rules; the public code is always InvalidRecord."""

    field: ClassVar[str] = "value"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = "InvalidRecord"

    def __init__(self, **params: Any) -> None:
        super().__init__(details={"reason": type(self).__name__, "field": self.field}, **params)


class UnsupportedRecordType(InvalidRecord):
    field = "type"
    message_en = "Record type {type!r} is not supported (A, AAAA, CNAME, MX, TXT, NS, SRV, CAA)"
    message_zh = "不支持记录类型 {type!r}（支持 A、AAAA、CNAME、MX、TXT、NS、SRV、CAA）"


class InvalidHost(InvalidRecord):
    field = "host"
    message_en = "Host {host!r} is not valid: {problem}"
    message_zh = "主机记录 {host!r} 无效：{problem_zh}"


class HostTooDeep(InvalidRecord):
    field = "host"
    message_en = "Host {host!r} has {depth} labels; at most {limit} are allowed"
    message_zh = "主机记录 {host!r} 有 {depth} 级，最多允许 {limit} 级"


class HostLabelTooLong(InvalidRecord):
    field = "host"
    message_en = "A label of host {host!r} has {length} characters; at most 63 are allowed"
    message_zh = "主机记录 {host!r} 中有一段长度为 {length}，每段最多 63 个字符"


class InvalidWildcard(InvalidRecord):
    field = "host"
    message_en = "Host {host!r}: '*' may only be the whole leftmost label, and only once"
    message_zh = "主机记录 {host!r} 无效：'*' 只能作为最左侧的一整段，且只能出现一次"


class NameTooLong(InvalidRecord):
    field = "host"
    message_en = "{name} has {length} characters; a DNS name has at most 253"
    message_zh = "{name} 长度为 {length}，DNS 名称最多 253 个字符"


class NsAtApex(InvalidRecord):
    field = "host"
    message_en = "NS records at @ are managed by the DNS service; NS records delegate subdomains"
    message_zh = "@ 的 NS 记录由解析服务管理，NS 记录只能用于子域名授权"


class SrvHostFormat(InvalidRecord):
    field = "host"
    message_en = "An SRV host must start with _service._protocol (e.g. _sip._tcp), not {host!r}"
    message_zh = "SRV 记录的主机记录须以 _服务._协议 开头（如 _sip._tcp），而不是 {host!r}"


class TtlOutOfRange(InvalidRecord):
    field = "ttl"
    message_en = "TTL {ttl} is out of range; it must be between {low} and {high} seconds"
    message_zh = "TTL {ttl} 超出范围，须在 {low} 到 {high} 秒之间"


class PriorityOutOfRange(InvalidRecord):
    field = "priority"
    message_en = "{type} priority {priority} is out of range; it must be between {low} and {high}"
    message_zh = "{type} 优先级 {priority} 超出范围，须在 {low} 到 {high} 之间"


class PriorityNotAllowed(InvalidRecord):
    field = "priority"
    message_en = "{type} records have no priority"
    message_zh = "{type} 记录没有优先级"


class PriorityRequired(InvalidRecord):
    field = "priority"
    message_en = "{type} records need a priority ({low}–{high})"
    message_zh = "{type} 记录需要优先级（{low}–{high}）"


class InvalidIpv4Address(InvalidRecord):
    message_en = "{value!r} is not an IPv4 address (four numbers 0–255, e.g. 192.0.2.1)"
    message_zh = "{value!r} 不是 IPv4 地址（四段 0–255 的数字，如 192.0.2.1）"


class InvalidIpv6Address(InvalidRecord):
    message_en = "{value!r} is not an IPv6 address (e.g. 2001:db8::1)"
    message_zh = "{value!r} 不是 IPv6 地址（如 2001:db8::1）"


class InvalidTarget(InvalidRecord):
    message_en = "{type} target {value!r} is not a valid host name: {problem}"
    message_zh = "{type} 记录值 {value!r} 不是有效的主机名：{problem_zh}"


class TargetIsIpAddress(InvalidRecord):
    message_en = ("{type} records point to a host name, not an IP address ({value}); "
                  "use an A or AAAA record for an address")
    message_zh = "{type} 记录值应为主机名而不是 IP 地址（{value}）；地址请使用 A 或 AAAA 记录"


class CnameToItself(InvalidRecord):
    message_en = "A CNAME record cannot point to its own name ({value})"
    message_zh = "CNAME 记录不能指向自身（{value}）"


class InvalidSrvValue(InvalidRecord):
    message_en = ("SRV value {value!r} is not valid: write 'weight port target' "
                  "(each number 0–65535) with the priority in 'priority'")
    message_zh = ("SRV 记录值 {value!r} 无效：格式为“权重 端口 目标主机”（数字 0–65535），"
                  "优先级填在 priority")


class InvalidCaaValue(InvalidRecord):
    message_en = "CAA value {value!r} is not valid: {problem}"
    message_zh = "CAA 记录值 {value!r} 无效：{problem_zh}"


class InvalidTxtValue(InvalidRecord):
    message_en = "TXT value is not valid: {problem}"
    message_zh = "TXT 记录值无效：{problem_zh}"


class TxtTooLong(InvalidRecord):
    message_en = "TXT value has {length} bytes; at most {limit} are allowed"
    message_zh = "TXT 记录值为 {length} 字节，最多允许 {limit} 字节"


class TxtTooLongForRoute53(InvalidRecord):
    message_en = ("TXT value takes {length} characters once quoted and escaped (each non-ASCII "
                  "byte is written as \\DDD); Route 53 allows {limit}")
    message_zh = ("TXT 记录值加引号并转义后为 {length} 个字符（每个非 ASCII 字节写作 \\DDD），"
                  "Route 53 最多允许 {limit} 个")


class EmptyValue(InvalidRecord):
    message_en = "The record value is empty"
    message_zh = "记录值不能为空"

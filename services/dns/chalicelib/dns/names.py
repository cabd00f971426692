"""DNS names (pure): the zone's domain, record hosts and record targets, as A-labels.

IDNA 2008 with UTS #46 mapping (the ``idna`` package), never Python's IDNA 2003 codec.
Host and target labels may hold an underscore (``_dmarc``, ``_sip._tcp``,
``_x.acm-validations.aws``): those are ASCII-only service labels, checked here, since IDNA
itself refuses ``_``.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse

import idna

from chalicelib.dns import errors
from chalicelib.dns.model import APEX

MAX_HOST_LABELS = 5
MAX_LABEL = 63
MAX_NAME = 253
_ASCII_LABEL = re.compile(r"[a-z0-9_-]+")
_DOTS = str.maketrans({"。": ".", "．": ".", "｡": "."})


class LabelProblem(Exception):
    def __init__(self, en: str, zh: str, length: int | None = None) -> None:
        super().__init__(en)
        self.en, self.zh, self.length = en, zh, length


def _ascii_label(label: str) -> str:
    if not _ASCII_LABEL.fullmatch(label):
        raise LabelProblem(f"label {label!r} may only hold a-z, 0-9, '-' and '_'",
                           f"“{label}”只能包含 a-z、0-9、“-”和“_”")
    if label.startswith("-") or label.endswith("-"):
        raise LabelProblem(f"label {label!r} starts or ends with a hyphen",
                           f"“{label}”不能以连字符开头或结尾")
    if label.startswith("xn--"):
        try:
            if idna.encode(idna.decode(label)).decode("ascii") != label:
                raise idna.IDNAError("not canonical")
        except (idna.IDNAError, UnicodeError) as exc:
            raise LabelProblem(f"label {label!r} is not valid Punycode",
                               f"“{label}”不是有效的 Punycode") from exc
    if len(label) > MAX_LABEL:
        raise LabelProblem(f"label has {len(label)} characters (at most 63)",
                           f"某段长度为 {len(label)}（最多 63）", length=len(label))
    return label


def _unicode_label(label: str) -> str:
    try:
        mapped = idna.uts46_remap(label, std3_rules=True, transitional=False)
        if mapped.isascii():
            return _ascii_label(mapped)
        a_label = "xn--" + mapped.encode("punycode").decode("ascii")
        if len(a_label) > MAX_LABEL:
            raise LabelProblem(f"label's A-label has {len(a_label)} characters (at most 63)",
                               f"某段转换为 A-label 后长度为 {len(a_label)}（最多 63）",
                               length=len(a_label))
        return idna.encode(mapped).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise LabelProblem(f"label {label!r} is not a valid internationalised label",
                           f"“{label}”不是有效的国际化域名标签") from exc


def a_label(label: str) -> str:
    """One label as an A-label (lower case). Raises LabelProblem."""
    if label == "":
        raise LabelProblem("it has an empty label", "含有空的一段")
    return _ascii_label(label) if label.isascii() else _unicode_label(label)


def u_label(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return str(idna.decode(label))
        except (idna.IDNAError, UnicodeError):
            return label
    return label


def typed(text: str) -> str:
    """What a person typed, tidied: trimmed, full-width dots mapped, lower case."""
    return text.strip().translate(_DOTS).lower()


def domain_ascii(text: str) -> str:
    """A zone's domain from a path (U-label or A-label, maybe percent-encoded) as A-labels.

    Raises: InvalidDomainName.
    """
    name = typed(urllib.parse.unquote(text)) if "%" in text else typed(text)
    name = name[:-1] if name.endswith(".") else name
    try:
        labels = [a_label(label) for label in name.split(".")]
    except LabelProblem as exc:
        raise errors.InvalidDomainName(domain=text) from exc
    if len(labels) < 2 or "_" in name:
        raise errors.InvalidDomainName(domain=text)
    return ".".join(labels)


def domain_unicode(ascii_name: str) -> str:
    return ".".join(u_label(label) for label in ascii_name.split("."))


def host_ascii(text: str, zone: str) -> str:
    """A record host relative to the zone: ``@``, ``*``, ``www``, ``*.shop``, up to 5 labels.

    Raises: InvalidHost, HostTooDeep, HostLabelTooLong, InvalidWildcard, NameTooLong.
    """
    host = typed(text)
    if host == APEX:
        return APEX
    if host == "":
        raise errors.InvalidHost(host=text, problem="it is empty (use @ for the domain itself)",
                                 problem_zh="为空（域名本身请用 @）")
    if host.endswith("."):
        raise errors.InvalidHost(host=text, problem="hosts are relative to the domain: "
                                 "write www, not www.example.com.",
                                 problem_zh="主机记录是相对域名的，请写 www 而不是完整域名")
    labels = host.split(".")
    if len(labels) > MAX_HOST_LABELS:
        raise errors.HostTooDeep(host=text, depth=len(labels), limit=MAX_HOST_LABELS)
    relative = ".".join(_host_label(label, position, text)
                        for position, label in enumerate(labels))
    if len(fqdn(relative, zone)) - 1 > MAX_NAME:
        raise errors.NameTooLong(name=fqdn(relative, zone), length=len(fqdn(relative, zone)) - 1)
    return relative


def _host_label(label: str, position: int, host: str) -> str:
    if "*" in label:
        if label != "*" or position != 0:
            raise errors.InvalidWildcard(host=host)
        return label
    try:
        return a_label(label)
    except LabelProblem as exc:
        if exc.length is not None:
            raise errors.HostLabelTooLong(host=host, length=exc.length) from exc
        raise errors.InvalidHost(host=host, problem=exc.en, problem_zh=exc.zh) from exc


def host_unicode(host: str) -> str:
    return host if host == APEX else ".".join(u_label(label) for label in host.split("."))


def fqdn(host: str, zone: str) -> str:
    """The absolute name with the final dot."""
    return f"{zone}." if host == APEX else f"{host}.{zone}."


def is_ip_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def target_ascii(text: str, record_type: str) -> str:
    """A CNAME/MX/NS/SRV target: an absolute host name, returned without the final dot.

    Raises: EmptyValue, TargetIsIpAddress, InvalidTarget.
    """
    name = typed(text)
    if name == "":
        raise errors.EmptyValue()
    name = name[:-1] if name.endswith(".") else name
    if is_ip_address(name):
        raise errors.TargetIsIpAddress(type=record_type, value=text.strip())
    labels = name.split(".")

    def bad(en: str, zh: str) -> errors.InvalidTarget:
        return errors.InvalidTarget(type=record_type, value=text.strip(), problem=en,
                                    problem_zh=zh)

    if len(labels) < 2:
        raise bad("it needs at least two labels (e.g. host.example.com)",
                  "至少需要两段（如 host.example.com）")
    if labels[-1].isdigit():
        raise bad("the last label cannot be numeric", "最后一段不能是纯数字")
    try:
        out = ".".join(a_label(label) for label in labels)
    except LabelProblem as exc:
        raise bad(exc.en, exc.zh) from exc
    if len(out) > MAX_NAME:
        raise bad(f"it has {len(out)} characters (at most 253)", f"长度为 {len(out)}（最多 253）")
    return out

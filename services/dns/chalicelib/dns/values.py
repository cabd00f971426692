"""Record values per type (pure), parsed and normalised with dnspython.

Each record has two forms: the API ``value`` (what a customer reads and writes: an address,
a target host without the final dot, TXT as plain text, SRV as "weight port target", CAA as
"flags tag value") with ``priority`` apart for MX and SRV; and the presentation form
(``rdata_text``) that Route 53 and the zone file carry, built from the API form only.
"""

from __future__ import annotations

import re

import dns.exception
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.TXT
import dns.tokenizer

from chalicelib.dns import errors, names

MX_PRIORITY = (1, 50)
MX_DEFAULT_PRIORITY = 10
U16 = (0, 65535)
TXT_MAX_BYTES = 2048
TXT_MAX_PRESENTATION = 4000  # Route 53's limit on one TXT value, quotes and escapes included
TXT_STRING = 255
CAA_TAGS = ("issue", "issuewild", "iodef")
_IPV4 = re.compile(r"[0-9.]+")
_IPV6 = re.compile(r"[0-9a-fA-F:.]+")
_NUMBER = re.compile(r"[0-9]{1,5}")


def _rdata(record_type: str, text: str) -> dns.rdata.Rdata:
    return dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(record_type), text)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Split a presentation value into (token, quoted). Comments, line breaks and
    parentheses outside quotes are refused: dnspython would silently drop or join them."""
    quoted = escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif not quoted and char in "();\n\r":
            raise ValueError(f"unexpected {char!r}")
    tokenizer = dns.tokenizer.Tokenizer(text)
    out: list[tuple[str, bool]] = []
    while True:
        token = tokenizer.get(want_leading=False, want_comment=True)
        if token.is_eof():
            return out
        if not (token.is_identifier() or token.is_quoted_string()):
            raise ValueError("unexpected token")
        out.append((token.value, token.is_quoted_string()))


def ipv4(value: str) -> str:
    text = value.strip()
    try:
        if not _IPV4.fullmatch(text):
            raise dns.exception.SyntaxError
        return str(_rdata("A", text).to_text())
    except dns.exception.DNSException as exc:
        raise errors.InvalidIpv4Address(value=value) from exc


def ipv6(value: str) -> str:
    text = value.strip()
    try:
        if not _IPV6.fullmatch(text):
            raise dns.exception.SyntaxError
        return str(_rdata("AAAA", text).to_text())
    except dns.exception.DNSException as exc:
        raise errors.InvalidIpv6Address(value=value) from exc


def _priority(record_type: str, priority: int | None, bounds: tuple[int, int],
              default: int | None) -> int:
    if priority is None:
        if default is None:
            raise errors.PriorityRequired(type=record_type, low=bounds[0], high=bounds[1])
        return default
    if not bounds[0] <= priority <= bounds[1]:
        raise errors.PriorityOutOfRange(type=record_type, priority=priority, low=bounds[0],
                                        high=bounds[1])
    return priority


def _leading_priority(value: str, priority: int | None, parts: int) -> tuple[str, int | None]:
    """Accept the zone-file habit of writing the priority first ("10 mail.example.com")."""
    fields = value.split()
    if len(fields) == parts and _NUMBER.fullmatch(fields[0]):
        leading = int(fields[0])
        if priority is None or priority == leading:
            return " ".join(fields[1:]), leading
    return value, priority


def mx(value: str, priority: int | None) -> tuple[str, int]:
    value, priority = _leading_priority(value, priority, 2)
    target = names.target_ascii(value, "MX")
    return target, _priority("MX", priority, MX_PRIORITY, MX_DEFAULT_PRIORITY)


def srv(value: str, priority: int | None) -> tuple[str, int]:
    value, priority = _leading_priority(value, priority, 4)
    fields = value.split()
    if len(fields) != 3 or not all(_NUMBER.fullmatch(f) for f in fields[:2]):
        raise errors.InvalidSrvValue(value=value)
    weight, port = int(fields[0]), int(fields[1])
    if not (U16[0] <= weight <= U16[1] and U16[0] <= port <= U16[1]):
        raise errors.InvalidSrvValue(value=value)
    target = "." if fields[2] == "." else names.target_ascii(fields[2], "SRV")
    checked = _priority("SRV", priority, U16, None)
    return f"{weight} {port} {target}", checked


def _caa_problem(tag: str, text: str) -> tuple[str, str] | None:
    if tag not in CAA_TAGS:
        return (f"tag must be one of {', '.join(CAA_TAGS)}",
                f"标签须为 {', '.join(CAA_TAGS)} 之一")
    if tag == "iodef":
        if not re.match(r"(mailto:|https?://)\S+$", text):
            return ("an iodef value is a mailto: or http(s):// URL",
                    "iodef 的值须为 mailto: 或 http(s):// 地址")
        return None
    issuer = text.split(";", 1)[0].strip()
    if issuer:
        try:
            names.target_ascii(issuer, "CAA")
        except errors.InvalidRecord:
            return (f"{issuer!r} is not a CA's domain name", f"“{issuer}”不是 CA 的域名")
    return None


def caa(value: str) -> str:
    def bad(en: str, zh: str) -> errors.InvalidCaaValue:
        return errors.InvalidCaaValue(value=value, problem=en, problem_zh=zh)

    try:
        tokens = _tokens(value)
        if len(tokens) != 3 or tokens[0][1] or tokens[1][1]:
            raise ValueError("shape")
        rdata = _rdata("CAA", value.strip())
    except (ValueError, dns.exception.DNSException) as exc:
        raise bad('write flags, tag and value, e.g. 0 issue "letsencrypt.org"',
                  '格式为“标志 标签 值”，如 0 issue "letsencrypt.org"') from exc
    tag = rdata.tag.decode("ascii").lower()  # type: ignore[attr-defined]
    try:
        text = rdata.value.decode("utf-8")  # type: ignore[attr-defined]
    except UnicodeDecodeError as exc:
        raise bad("the value is not UTF-8 text", "值不是 UTF-8 文本") from exc
    problem = _caa_problem(tag, text)
    if problem:
        raise bad(*problem)
    return str(_rdata("CAA", f'{rdata.flags} {tag} "{_escape(text)}"').to_text())  # type: ignore[attr-defined]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _from_presentation(value: str) -> str:
    """A value written as quoted strings ("part one" "part two") becomes the plain text."""
    try:
        tokens = _tokens(value)
        if not tokens or not all(quoted for _, quoted in tokens):
            raise ValueError("not only quoted strings")
        rdata = _rdata("TXT", value.strip())
        return b"".join(rdata.strings).decode("utf-8")  # type: ignore[attr-defined]
    except (ValueError, UnicodeDecodeError, dns.exception.DNSException) as exc:
        raise errors.InvalidTxtValue(
            problem='quoted strings must be well formed ("a" "b") and UTF-8',
            problem_zh="带引号的字符串格式须正确（\"a\" \"b\"）且为 UTF-8") from exc


def txt(value: str) -> str:
    """TXT as plain text. A value wholly in double quotes is read as zone-file strings."""
    text = value.strip()
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        text = _from_presentation(text)
    if text == "":
        raise errors.EmptyValue()
    size = len(text.encode("utf-8"))
    if size > TXT_MAX_BYTES:
        raise errors.TxtTooLong(length=size, limit=TXT_MAX_BYTES)
    rendered = txt_presentation(text)
    if len(rendered) > TXT_MAX_PRESENTATION:
        raise errors.TxtTooLongForRoute53(length=len(rendered), limit=TXT_MAX_PRESENTATION)
    return text


def txt_strings(text: str) -> list[bytes]:
    """Split into character-strings of at most 255 bytes, never inside a UTF-8 sequence."""
    chunks: list[bytes] = []
    current = b""
    for char in text:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > TXT_STRING:
            chunks.append(current)
            current = b""
        current += encoded
    return chunks + [current]


def txt_presentation(text: str) -> str:
    rdata = dns.rdtypes.ANY.TXT.TXT(dns.rdataclass.IN, dns.rdatatype.TXT, txt_strings(text))
    return str(rdata.to_text())


def rdata_text(record_type: str, value: str, priority: int | None) -> str:
    """The presentation form Route 53 and the zone file carry (absolute names)."""
    if record_type in ("CNAME", "NS"):
        return f"{value}."
    if record_type == "MX":
        return f"{priority} {value}."
    if record_type == "SRV":
        weight, port, target = value.split()
        return f"{priority} {weight} {port} {target if target == '.' else target + '.'}"
    if record_type == "TXT":
        return txt_presentation(value)
    return value  # A, AAAA, CAA: the API form is already the presentation form

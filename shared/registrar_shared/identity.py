"""PRC identity numbers (NAMING.md §7): resident ID (GB 11643), unified social credit code
(GB 32100) and organisation code (GB 11714), validated with python-stdnum plus the fixes
the spec asks for.

Every validator returns the normalised number or raises ``InvalidIdentityNumber``, a 400
``DocumentNumberInvalid`` error (also a ``ValueError``, so it can be raised from pydantic
validators) whose ``reason`` names the failed rule.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from stdnum.cn import ric, uscc

from registrar_shared.errors import InvalidInput

# GB/T 2260 province-level codes of the 31 mainland divisions (Taiwan 71, Hong Kong 81 and
# Macau 82 have no mainland resident IDs).
MAINLAND_PROVINCES = frozenset({
    "11", "12", "13", "14", "15",              # 北京 天津 河北 山西 内蒙古
    "21", "22", "23",                          # 辽宁 吉林 黑龙江
    "31", "32", "33", "34", "35", "36", "37",  # 上海 江苏 浙江 安徽 福建 江西 山东
    "41", "42", "43", "44", "45", "46",        # 河南 湖北 湖南 广东 广西 海南
    "50", "51", "52", "53", "54",              # 重庆 四川 贵州 云南 西藏
    "61", "62", "63", "64", "65",              # 陕西 甘肃 青海 宁夏 新疆
})
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

# GB 32100 registration authorities: 1-9 plus A (军队), N (农业), Y (其他), which
# python-stdnum's format check (eight leading digits) wrongly refuses.
USCC_AUTHORITIES = frozenset("123456789ANY")
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_KINDS = {
    "resident_id": ("resident ID number", "居民身份证号码"),
    "uscc": ("unified social credit code", "统一社会信用代码"),
    "organisation_code": ("organisation code", "组织机构代码"),
}
_REASONS: dict[str, tuple[str, str]] = {
    "InvalidLength": ("it must have {length} characters", "长度应为 {length} 位"),
    "InvalidFormat": ("it contains characters that are not allowed here",
                      "含有不允许的字符"),
    "InvalidChecksum": ("the check character does not match", "校验位不正确"),
    "InvalidBirthDate": ("the birth date is not a real date", "出生日期不是有效日期"),
    "BirthDateOutOfRange": ("the birth date must lie between 1900-01-01 and today",
                            "出生日期须在 1900-01-01 至今天之间"),
    "InvalidProvince": ("the first two digits are not a mainland province code",
                        "前两位不是内地省级行政区划代码"),
    "InvalidAuthority": ("the registration authority code is not valid",
                         "登记管理部门代码无效"),
    "InvalidOrganisationCode": ("the embedded organisation code's check digit does not match",
                                "其中组织机构代码的校验码不正确"),
}


class InvalidIdentityNumber(InvalidInput, ValueError):
    """An identity number failed one rule; ``reason`` is the rule's stable code."""

    code: ClassVar[str] = "DocumentNumberInvalid"
    message_en = "The {kind_en} is not valid: {problem_en}"
    message_zh = "{kind_zh}无效：{problem_zh}"

    def __init__(self, kind: str, reason: str, **params: object) -> None:
        self.kind = kind
        self.reason = reason
        kind_en, kind_zh = _KINDS[kind]
        problem_en, problem_zh = _REASONS[reason]
        super().__init__(
            details={"document": kind, "reason": reason},
            kind_en=kind_en, kind_zh=kind_zh,
            problem_en=problem_en.format(**params), problem_zh=problem_zh.format(**params))


def fold(text: str) -> str:
    """Full-width ASCII (U+FF01-FF5E) to ASCII, ideographic space to space."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E
                   else " " if c == "\u3000" else c for c in text)


def _compact(text: str) -> str:
    return "".join(fold(text).split()).upper()


def validate_resident_id(text: str, *, today: date) -> str:
    """The 18-character resident ID, upper-case ``X``; ``today`` bounds the birth date.

    Raises: InvalidIdentityNumber (reasons InvalidLength, InvalidFormat, InvalidChecksum,
    InvalidBirthDate, BirthDateOutOfRange, InvalidProvince).
    """
    number = ric.compact(_compact(text))
    if len(number) != 18:
        raise InvalidIdentityNumber("resident_id", "InvalidLength", length=18)
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        raise InvalidIdentityNumber("resident_id", "InvalidFormat")
    if number[17] != ric.calc_check_digit(number):
        raise InvalidIdentityNumber("resident_id", "InvalidChecksum")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidIdentityNumber("resident_id", "InvalidBirthDate") from exc
    if not EARLIEST_BIRTH_DATE <= born <= today:
        raise InvalidIdentityNumber("resident_id", "BirthDateOutOfRange")
    if number[:2] not in MAINLAND_PROVINCES:
        raise InvalidIdentityNumber("resident_id", "InvalidProvince")
    return number


def birth_date(resident_id: str) -> date:
    """The birth date of a resident ID already validated by ``validate_resident_id``."""
    return date(int(resident_id[6:10]), int(resident_id[10:12]), int(resident_id[12:14]))


def organisation_code_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation-code body."""
    total = sum(_char_value(c) * w for c, w in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _char_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def validate_organisation_code(text: str) -> str:
    """A 9-character GB 11714 organisation code (``12345678-9`` or ``123456789``).

    Raises: InvalidIdentityNumber (InvalidLength, InvalidFormat, InvalidChecksum).
    """
    number = _compact(text).replace("-", "")
    if len(number) != 9:
        raise InvalidIdentityNumber("organisation_code", "InvalidLength", length=9)
    body, check = number[:8], number[8]
    if not all(c.isascii() and c.isalnum() for c in body) or check not in "0123456789X":
        raise InvalidIdentityNumber("organisation_code", "InvalidFormat")
    if check != organisation_code_check(body):
        raise InvalidIdentityNumber("organisation_code", "InvalidChecksum")
    return number


def validate_uscc(text: str) -> str:
    """An 18-character unified social credit code, upper-case.

    Raises: InvalidIdentityNumber (InvalidLength, InvalidFormat, InvalidAuthority,
    InvalidChecksum, InvalidOrganisationCode).
    """
    number = uscc.compact(_compact(text))
    if len(number) != 18:
        raise InvalidIdentityNumber("uscc", "InvalidLength", length=18)
    if any(c not in USCC_ALPHABET for c in number):
        raise InvalidIdentityNumber("uscc", "InvalidFormat")
    if number[0] not in USCC_AUTHORITIES:
        raise InvalidIdentityNumber("uscc", "InvalidAuthority")
    if not ("1" <= number[1] <= "9" and number[2:8].isdigit()):
        raise InvalidIdentityNumber("uscc", "InvalidFormat")
    if number[17] != uscc.calc_check_digit(number):
        raise InvalidIdentityNumber("uscc", "InvalidChecksum")
    if number[16] != organisation_code_check(number[8:16]):
        raise InvalidIdentityNumber("uscc", "InvalidOrganisationCode")
    return number

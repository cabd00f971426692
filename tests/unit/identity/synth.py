"""Synthesised identity numbers for tests (never a real person's or organisation's)."""

from __future__ import annotations

from stdnum.cn import ric, uscc

from registrar_shared.identity import organisation_code_check

# The worked example printed in GB 11643 itself; public, belongs to nobody.
GB_EXAMPLE_RESIDENT_ID = "11010519491231002X"


def resident_id(region: str = "110105", born: str = "19900307", sequence: str = "123",
                *, check: str | None = None) -> str:
    """A resident ID with a correct check character unless ``check`` overrides it."""
    body = region + born + sequence
    return body + (check if check is not None else ric.calc_check_digit(body + "0"))


def wrong_check(number: str) -> str:
    """The same number with a check character that cannot be right."""
    right = number[-1]
    return number[:-1] + ("1" if right != "1" else "2")


def organisation_code(body: str = "MA0000A1") -> str:
    return body + organisation_code_check(body)


def uscc_code(authority: str = "9", category: str = "1", division: str = "440300",
              body: str = "MA5G0001", *, org_check: str | None = None) -> str:
    """A unified social credit code, valid unless ``org_check`` overrides the embedded
    organisation code's check character."""
    org = body + (org_check if org_check is not None else organisation_code_check(body))
    head = authority + category + division + org
    return head + uscc.calc_check_digit(head + "0")

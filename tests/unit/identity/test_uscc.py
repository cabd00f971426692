import pytest
from stdnum.cn import uscc

from registrar_shared.identity import (
    InvalidIdentityNumber,
    organisation_code_check,
    validate_organisation_code,
    validate_uscc,
)
from tests.unit.identity.synth import organisation_code, uscc_code, wrong_check


def reason_of(text: str) -> str:
    with pytest.raises(InvalidIdentityNumber) as caught:
        validate_uscc(text)
    return caught.value.reason


def test_synthesised_enterprise_code_is_valid_for_stdnum_and_for_us() -> None:
    number = uscc_code()
    assert uscc.is_valid(number)
    assert validate_uscc(number) == number


@pytest.mark.parametrize("authority,category", [("A", "1"), ("N", "2"), ("Y", "1")])
def test_authorities_a_n_y_are_accepted_although_stdnum_refuses_them(
        authority: str, category: str) -> None:
    number = uscc_code(authority=authority, category=category)
    assert not uscc.is_valid(number)
    assert validate_uscc(number) == number


def test_lower_case_full_width_and_separators_normalise() -> None:
    number = uscc_code()
    spaced = f" {number[:6]} {number[6:12]}-{number[12:].lower()} "
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
    assert validate_uscc(spaced) == number
    assert validate_uscc(full_width) == number


def test_wrong_mod_31_check_character_is_refused() -> None:
    assert reason_of(wrong_check(uscc_code())) == "InvalidChecksum"


def test_embedded_organisation_code_check_digit_is_verified_unlike_stdnum() -> None:
    body = "MA5G0001"
    bad = "0" if organisation_code_check(body) != "0" else "1"
    number = uscc_code(body=body, org_check=bad)
    assert uscc.is_valid(number)  # the mod-31 check alone is satisfied
    assert reason_of(number) == "InvalidOrganisationCode"


@pytest.mark.parametrize("authority", ["B", "0", "X"])
def test_unknown_registration_authority_is_refused(authority: str) -> None:
    assert reason_of(uscc_code(authority=authority)) == "InvalidAuthority"


@pytest.mark.parametrize("text", ["91440300MA5G0001", "91440300MA5G00012XY"])
def test_wrong_length_is_refused(text: str) -> None:
    assert reason_of(text) == "InvalidLength"


@pytest.mark.parametrize("text", ["91440300MA5G0I01X5", "9A440300MA5G000125", "914403OOMA5G000125"])
def test_characters_outside_the_alphabet_or_structure_are_a_format_error(text: str) -> None:
    assert reason_of(text) == "InvalidFormat"


def test_organisation_code_check_digit_maps_ten_to_x_and_eleven_to_zero() -> None:
    values = {organisation_code_check(f"{n:08d}") for n in range(0, 400)}
    assert "X" in values and "0" in values
    # GB 11714 worked example: D2143569-X
    assert organisation_code_check("D2143569") == "X"


def test_organisation_code_accepts_the_hyphenated_form() -> None:
    code = organisation_code("12345678")
    assert validate_organisation_code(f"{code[:8]}-{code[8]}") == code
    with pytest.raises(InvalidIdentityNumber) as caught:
        validate_organisation_code(wrong_check(code))
    assert caught.value.reason == "InvalidChecksum"

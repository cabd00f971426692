from datetime import date

import pytest
from stdnum.cn import ric

from registrar_shared.identity import InvalidIdentityNumber, birth_date, validate_resident_id
from tests.unit.identity.synth import GB_EXAMPLE_RESIDENT_ID, resident_id, wrong_check

TODAY = date(2026, 11, 27)


def reason_of(text: str, today: date = TODAY) -> str:
    with pytest.raises(InvalidIdentityNumber) as caught:
        validate_resident_id(text, today=today)
    return caught.value.reason


def test_standard_worked_example_is_valid() -> None:
    assert validate_resident_id(GB_EXAMPLE_RESIDENT_ID, today=TODAY) == GB_EXAMPLE_RESIDENT_ID


@pytest.mark.parametrize("typed", [
    "11010519491231002x",
    "１１０１０５１９４９１２３１００２Ｘ",
    "１１０１０５１９４９１２３１００２ｘ",
    " 110105 19491231 002X\u3000",
])
def test_lower_case_full_width_and_spaced_forms_normalise_to_one_number(typed: str) -> None:
    assert validate_resident_id(typed, today=TODAY) == "11010519491231002X"


def test_synthesised_numbers_with_a_digit_check_are_valid() -> None:
    number = resident_id("320102", "19851120", "456")
    assert validate_resident_id(number, today=TODAY) == number
    assert birth_date(number) == date(1985, 11, 20)


def test_wrong_check_character_is_refused() -> None:
    assert reason_of(wrong_check(GB_EXAMPLE_RESIDENT_ID)) == "InvalidChecksum"


@pytest.mark.parametrize("text", ["", "1101051949123100", "11010519491231002XX",
                                  "110105194912310"])
def test_wrong_length_is_refused(text: str) -> None:
    assert reason_of(text) == "InvalidLength"


@pytest.mark.parametrize("text", ["1101051949123100AX", "X1010519491231002X",
                                  "11010519491231002Y", "1101051949१२31002X"])
def test_letters_or_foreign_digits_in_the_body_are_a_format_error(text: str) -> None:
    assert reason_of(text) == "InvalidFormat"


def test_impossible_birth_date_is_refused_even_with_a_correct_check() -> None:
    assert reason_of(resident_id(born="19900230")) == "InvalidBirthDate"
    assert reason_of(resident_id(born="19901301")) == "InvalidBirthDate"


def test_birth_date_may_be_today_but_not_tomorrow() -> None:
    assert validate_resident_id(resident_id(born="20261127"), today=TODAY)
    assert reason_of(resident_id(born="20261128")) == "BirthDateOutOfRange"


def test_birth_dates_before_1900_are_refused() -> None:
    assert validate_resident_id(resident_id(born="19000101"), today=TODAY)
    assert reason_of(resident_id(born="18991231")) == "BirthDateOutOfRange"


@pytest.mark.parametrize("region", ["710101", "810000", "820000", "990101", "000000",
                                    "160101"])
def test_first_two_digits_must_be_a_mainland_province(region: str) -> None:
    assert reason_of(resident_id(region=region)) == "InvalidProvince"


@pytest.mark.parametrize("province", ["11", "15", "23", "37", "46", "54", "65"])
def test_every_kind_of_mainland_province_code_is_accepted(province: str) -> None:
    assert validate_resident_id(resident_id(region=province + "0101"), today=TODAY)


def test_county_created_after_the_birth_year_is_accepted_unlike_stdnum() -> None:
    # 130102 (石家庄 长安区) exists from 1983 in stdnum's data; a 1960 birth there is real.
    number = resident_id(region="130102", born="19600101", sequence="001")
    assert not ric.is_valid(number)
    assert validate_resident_id(number, today=TODAY) == number


def test_error_is_a_400_document_number_invalid_with_messages_in_both_languages() -> None:
    with pytest.raises(InvalidIdentityNumber) as caught:
        validate_resident_id(wrong_check(GB_EXAMPLE_RESIDENT_ID), today=TODAY)
    error = caught.value
    assert (error.status, error.code) == (400, "DocumentNumberInvalid")
    assert error.details == {"document": "resident_id", "reason": "InvalidChecksum"}
    assert error.message("en") == ("The resident ID number is not valid: "
                                   "the check character does not match")
    assert error.message("zh") == "居民身份证号码无效：校验位不正确"
    assert isinstance(error, ValueError)

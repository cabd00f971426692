import pytest

from registrar_shared import errors


def test_code_is_class_name_without_error_suffix() -> None:
    class DomainOnHoldError(errors.Conflict):
        message_en = "on hold"

    assert DomainOnHoldError.code == "DomainOnHold"
    assert errors.RamUserForbidden.code == "RamUserForbidden"


def test_request_validation_error_keeps_the_public_code() -> None:
    assert errors.RequestValidationError.code == "ValidationError"
    assert errors.RequestValidationError.status == 400


@pytest.mark.parametrize(("error", "status"), [
    (errors.RequestValidationError, 400), (errors.Unauthorized, 401),
    (errors.RamUserForbidden, 403), (errors.NotFound, 404),
    (errors.IdempotencyKeyReused, 409), (errors.TooManyRequests, 429),
    (errors.DependencyUnavailable, 503),
])
def test_category_owns_the_http_status(error: type[errors.RegistrarError], status: int) -> None:
    assert error.status == status


def test_only_unavailable_errors_are_retried() -> None:
    assert errors.DependencyUnavailable.retryable
    assert not errors.NotFound.retryable
    assert not errors.IdempotencyKeyReused.retryable


def test_message_is_formatted_in_the_requested_language() -> None:
    error = errors.RouteNotFound(method="GET", path="/x")
    assert error.message("en") == "No such endpoint: GET /x"
    assert error.message("zh") == "接口不存在：GET /x"
    assert error.code == "NotFound"

"""HTTP helpers for Chalice views: the error body, strict JSON parsing, model binding."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import pydantic
from chalice import Chalice, Response
from chalice.app import Request

from registrar_shared import observability
from registrar_shared.errors import InternalError, RegistrarError, RequestValidationError

M = TypeVar("M", bound=pydantic.BaseModel)
_log = logging.getLogger("registrar_shared.web")
F = TypeVar("F", bound=Callable[..., Any])


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"Code": code, "Message": message}
    if details is not None:
        body["Details"] = details
    body["RequestId"] = observability.current().request_id
    return body


def error_response(error: RegistrarError) -> Response:
    language = observability.current().language
    return Response(
        body=error_body(error.code, error.message(language), error.details),
        status_code=error.status,
        headers={"Content-Type": "application/json"},
    )


def validation_error(exc: pydantic.ValidationError) -> RequestValidationError:
    details = [
        {"field": ".".join(str(p) for p in err["loc"]) or "(body)", "problem": err["msg"]}
        for err in exc.errors(include_url=False, include_context=False, include_input=False)
    ]
    summary = "; ".join(f"{d['field']}: {d['problem']}" for d in details[:3])
    return RequestValidationError(details=details, summary=summary)


def translate_errors(view: F) -> F:
    """Turn RegistrarError and pydantic errors raised by a view into the API error body;
    anything else is logged once with its traceback and answered 500 ``InternalError`` with
    the same body and RequestId (never Chalice's bare 500)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except RegistrarError as error:
            return error_response(error)
        except pydantic.ValidationError as exc:
            return error_response(validation_error(exc))
        except Exception:  # the boundary: a client always gets the documented body
            _log.exception("unhandled error in %s", view.__name__)
            return error_response(InternalError())

    return wrapper  # type: ignore[return-value]


def current_request(app: Chalice) -> Request:
    """The request being served (Chalice types it as optional)."""
    request = app.current_request
    if request is None:
        raise RuntimeError("no request is being served")
    return request


def json_body(request: Request) -> Any:
    """The request body as JSON; malformed UTF-8 or JSON is a 400 ValidationError."""
    raw = request.raw_body or b""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if not raw.strip():
        raise RequestValidationError(details=[{"field": "(body)", "problem": "body is empty"}],
                                     summary="body is empty")
    try:
        text = raw.decode("utf-8")
        return json.loads(text)
    except UnicodeDecodeError as exc:
        raise RequestValidationError(
            details=[{"field": "(body)", "problem": "body is not valid UTF-8"}],
            summary="body is not valid UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise RequestValidationError(
            details=[{"field": "(body)", "problem": f"malformed JSON: {exc.msg}"}],
            summary="malformed JSON") from exc
    except RecursionError as exc:
        raise RequestValidationError(
            details=[{"field": "(body)", "problem": "JSON nested too deeply"}],
            summary="JSON nested too deeply") from exc


def parse_body(model: type[M], request: Request) -> M:
    body = json_body(request)
    if not isinstance(body, dict):
        raise RequestValidationError(
            details=[{"field": "(body)", "problem": "body must be a JSON object"}],
            summary="body must be a JSON object")
    return model.model_validate(body)


def parse_query(model: type[M], request: Request) -> M:
    params: Mapping[str, str] = request.query_params or {}
    return model.model_validate(dict(params))


def header(request: Request, name: str) -> str | None:
    headers: Any = request.headers or {}
    value = headers.get(name.lower())
    return None if value is None else str(value)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body=body, status_code=status,
                    headers={"Content-Type": "application/json", **(headers or {})})

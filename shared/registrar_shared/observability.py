"""Structured JSON logs with request and correlation ids, and the per-request context."""

from __future__ import annotations

import contextvars
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools import Logger
from chalice import Chalice, Response
from chalice.app import Request


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    correlation_id: str
    language: str  # "en" or "zh"
    request: Request | None = None
    causation_id: str | None = None  # set while handling an event: the event's id


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "registrar_request", default=None
)


def current() -> RequestContext:
    ctx = _current.get()
    return ctx if ctx is not None else RequestContext("-", "-", "en")


def language_of(accept_language: str | None) -> str:
    """``zh-CN`` (any zh tag first in the list) gives Chinese; everything else English."""
    if not accept_language:
        return "en"
    first = accept_language.split(",")[0].split(";")[0].strip().lower()
    return "zh" if first == "zh" or first.startswith("zh-") else "en"


def get_logger(service: str) -> Logger:
    return Logger(service=service, use_rfc3339=True)


@contextmanager
def bound(ctx: RequestContext, logger: Logger | None = None) -> Iterator[RequestContext]:
    token = _current.set(ctx)
    if logger is not None:
        logger.append_keys(request_id=ctx.request_id, correlation_id=ctx.correlation_id)
    try:
        yield ctx
    finally:
        if logger is not None:
            logger.remove_keys(["request_id", "correlation_id"])
        _current.reset(token)


def install(app: Chalice, logger: Logger) -> None:
    """Bind a RequestContext for every HTTP request and log one access line per request."""

    @app.middleware("http")
    def _request_context(event: Request, get_response: Callable[[Request], Response]) -> Any:
        headers: Any = event.headers or {}
        context = event.context or {}
        request_id = str(context.get("requestId") or uuid.uuid4())
        correlation_id = headers.get("x-correlation-id") or request_id
        ctx = RequestContext(
            request_id=request_id,
            correlation_id=correlation_id,
            language=language_of(headers.get("accept-language")),
            request=event,
        )
        started = time.perf_counter()
        with bound(ctx, logger):
            response = get_response(event)
            response.headers = {**(response.headers or {}),
                                 "X-Request-Id": request_id,
                                 "X-Correlation-Id": correlation_id}
            logger.info("request", extra={
                "method": event.method, "path": context.get("resourcePath"),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            })
        return response

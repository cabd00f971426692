"""Error categories (which own the HTTP status) and the platform's own leaf errors.

A leaf error is one class per rule with a fixed message in English and Chinese; its public
``Code`` is the class name (or an explicit ``code``). Categories are never raised directly.
On an SQS consumer, only ``Unavailable`` errors are retried; every other category is a
permanent outcome that is logged and acknowledged.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ConfigurationError(RuntimeError):
    """The process is mis-configured (e.g. a missing environment variable)."""


class RegistrarError(Exception):
    status: ClassVar[int] = 500
    retryable: ClassVar[bool] = False
    code: ClassVar[str] = ""
    message_en: ClassVar[str] = "Internal error"
    message_zh: ClassVar[str] = "内部错误"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            name = cls.__name__
            cls.code = name[: -len("Error")] if name.endswith("Error") else name

    def __init__(self, details: Any = None, **params: Any) -> None:
        self.details = details
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "en") -> str:
        template = self.message_zh if language == "zh" else self.message_en
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template


# --- categories -------------------------------------------------------------------------

class InvalidInput(RegistrarError):
    status = 400


class Unauthenticated(RegistrarError):
    status = 401


class Forbidden(RegistrarError):
    status = 403


class Missing(RegistrarError):
    status = 404


class Conflict(RegistrarError):
    status = 409


class PolicyViolation(RegistrarError):
    status = 422


class Throttled(RegistrarError):
    status = 429


class Unavailable(RegistrarError):
    status = 503
    retryable = True


class Internal(RegistrarError):
    status = 500


# --- platform leaf errors ---------------------------------------------------------------

class RequestValidationError(InvalidInput):
    code = "ValidationError"
    message_en = "The request is not valid: {summary}"
    message_zh = "请求参数不合法：{summary}"


class InvalidNextToken(InvalidInput):
    message_en = "The pagination token is not valid"
    message_zh = "分页标记无效"


class Unauthorized(Unauthenticated):
    message_en = "A valid API key is required (Authorization: Bearer <key>)"
    message_zh = "需要有效的 API 密钥（Authorization: Bearer <key>）"


class RamUserForbidden(Forbidden):
    message_en = "RAM users cannot register or renew domains; use the main account"
    message_zh = "RAM 用户不能注册或续费域名，请使用主账号"


class NotFound(Missing):
    message_en = "The resource does not exist"
    message_zh = "资源不存在"


class RouteNotFound(Missing):
    code = "NotFound"
    message_en = "No such endpoint: {method} {path}"
    message_zh = "接口不存在：{method} {path}"


class IdempotencyKeyReused(Conflict):
    message_en = "This Idempotency-Key was already used with a different request body"
    message_zh = "该 Idempotency-Key 已用于不同的请求内容"


class TooManyRequests(Throttled):
    message_en = "Too many requests; retry later"
    message_zh = "请求过于频繁，请稍后重试"


class DependencyUnavailable(Unavailable):
    message_en = "A dependency is unavailable; retry later"
    message_zh = "依赖服务暂不可用，请稍后重试"


class InternalError(Internal):
    """Anything unexpected, answered with the API error body (never a bare 500)."""

    code = "InternalError"
    message_en = "Internal error; retry later, and quote the RequestId if it persists"
    message_zh = "内部错误，请稍后重试；如持续出现，请提供 RequestId"

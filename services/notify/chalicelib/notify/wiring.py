"""Lazy singletons of the notify service (nothing is created at import time)."""

from __future__ import annotations

from aws_lambda_powertools import Logger

from registrar_shared import observability

logger: Logger = observability.get_logger("notify")

"""Lazy singletons of the search service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses

from aws_lambda_powertools import Logger

from registrar_shared import observability
from registrar_shared.config import PlatformSettings
from registrar_shared.lazy import singleton

logger: Logger = observability.get_logger("search")


@dataclasses.dataclass(frozen=True, kw_only=True)
class SearchSettings(PlatformSettings):
    search_table_name: str
    registry_table_name: str


@singleton
def settings() -> SearchSettings:
    return SearchSettings.from_env()

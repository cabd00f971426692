"""Lazy singletons of the search service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses

from aws_lambda_powertools import Logger
from chalice.app import Request

from registrar_shared import auth, aws, observability, web
from registrar_shared.config import PlatformSettings
from registrar_shared.lazy import singleton
from registrar_shared.registry.base import Registry
from registrar_shared.registry.simulated import SimulatedRegistry

logger: Logger = observability.get_logger("search")


@dataclasses.dataclass(frozen=True, kw_only=True)
class SearchSettings(PlatformSettings):
    search_table_name: str
    registry_table_name: str


@singleton
def settings() -> SearchSettings:
    return SearchSettings.from_env()


@singleton
def get_registry() -> Registry:
    """The registry adapter; locally (and in dev) the simulated registry."""
    return SimulatedRegistry(aws.table(settings().registry_table_name))


@singleton
def get_accounts() -> auth.DynamoAccountStore:
    return auth.DynamoAccountStore(aws.table(settings().accounts_table_name))


def caller_site(request: Request, explicit: auth.Site | None) -> auth.Site:
    """The site to price for: ``site=`` if given, else the caller's (when an API key is
    sent; a bad key is 401), else cn. Search itself needs no key."""
    if explicit is not None:
        return explicit
    authorization = web.header(request, "authorization")
    if authorization is None:
        return "cn"
    return auth.authenticate(authorization, get_accounts()).site

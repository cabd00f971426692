"""Lazy singletons of the orders service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses

from aws_lambda_powertools import Logger
from chalice.app import Request

from chalicelib.orders.repository import DynamoBalanceRepository
from registrar_shared import auth, aws, observability, web
from registrar_shared.clock import Clock, SystemClock
from registrar_shared.config import PlatformSettings
from registrar_shared.lazy import singleton

logger: Logger = observability.get_logger("orders")


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrdersSettings(PlatformSettings):
    orders_table_name: str
    orders_idempotency_table_name: str
    registry_table_name: str
    payment_callback_secret_name: str


@singleton
def settings() -> OrdersSettings:
    return OrdersSettings.from_env()


@singleton
def get_accounts() -> auth.DynamoAccountStore:
    return auth.DynamoAccountStore(aws.table(settings().accounts_table_name))


@singleton
def get_balances() -> DynamoBalanceRepository:
    return DynamoBalanceRepository(aws.table(settings().orders_table_name))


@singleton
def get_clock() -> Clock:
    return SystemClock()


def authenticate(request: Request) -> auth.Principal:
    return auth.authenticate(web.header(request, "authorization"), get_accounts())

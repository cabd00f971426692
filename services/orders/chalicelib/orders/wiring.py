"""Lazy singletons of the orders service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses
import os

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer
from chalice.app import Request

from chalicelib.orders.fulfilment import Deps
from chalicelib.orders.provider import HttpPaymentProvider, PaymentProvider
from chalicelib.orders.repository import DynamoOrdersRepository
from registrar_shared import auth, aws, messaging, observability, web
from registrar_shared.clock import Clock, SystemClock
from registrar_shared.config import PlatformSettings
from registrar_shared.errors import ConfigurationError
from registrar_shared.lazy import singleton
from registrar_shared.registry.base import Registry
from registrar_shared.registry.simulated import SimulatedRegistry

logger: Logger = observability.get_logger("orders")


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrdersSettings(PlatformSettings):
    orders_table_name: str
    orders_idempotency_table_name: str
    registry_table_name: str
    payment_callback_secret_name: str
    payment_provider_url: str = ""     # the provider's API; locally <gateway>/sandbox
    public_base_url: str = ""          # where the provider sends callbacks; locally the gateway


@singleton
def settings() -> OrdersSettings:
    return OrdersSettings.from_env()


@singleton
def get_accounts() -> auth.DynamoAccountStore:
    return auth.DynamoAccountStore(aws.table(settings().accounts_table_name))


@singleton
def get_orders() -> DynamoOrdersRepository:
    return DynamoOrdersRepository(aws.table(settings().orders_table_name))


@singleton
def get_registry() -> Registry:
    return SimulatedRegistry(aws.table(settings().registry_table_name))


@singleton
def get_clock() -> Clock:
    return SystemClock()


@singleton
def get_publisher() -> messaging.SnsPublisher:
    return messaging.SnsPublisher(producer="orders", topic_name=settings().events_topic_name,
                                  clock=get_clock())


@singleton
def get_persistence() -> DynamoDBPersistenceLayer:
    return messaging.persistence_for(settings().orders_idempotency_table_name)


def _local_gateway() -> str:
    # Set by the local stack once its gateway listens (the port is chosen at start-up).
    return os.environ.get("LOCAL_GATEWAY_URL", "")


@singleton
def get_provider() -> PaymentProvider:
    url = settings().payment_provider_url or (
        _local_gateway() + "/sandbox" if _local_gateway() else "")
    if not url:
        raise ConfigurationError("missing environment variable(s): PAYMENT_PROVIDER_URL")
    return HttpPaymentProvider(url)


def callback_url() -> str:
    base = settings().public_base_url or _local_gateway()
    return base.rstrip("/") + "/orders/v1/payments/callback"


@singleton
def get_callback_secret() -> str:
    secret = aws.client("secretsmanager").get_secret_value(
        SecretId=settings().payment_callback_secret_name)
    return str(secret["SecretString"])


def get_deps() -> Deps:
    return Deps(orders=get_orders(), registry=get_registry(), publisher=get_publisher(),
                clock=get_clock(), provider=get_provider())


def authenticate(request: Request) -> auth.Principal:
    return auth.authenticate(web.header(request, "authorization"), get_accounts())

"""Lazy singletons of the DNS service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer
from chalice.app import Request

from chalicelib.dns.repository import DynamoDnsRepository
from chalicelib.dns.route53 import Route53Api, Route53Zones
from chalicelib.dns.service import Deps
from registrar_shared import auth, aws, messaging, observability, web
from registrar_shared.clock import Clock, SystemClock
from registrar_shared.config import PlatformSettings
from registrar_shared.lazy import singleton

logger: Logger = observability.get_logger("dns")


@dataclasses.dataclass(frozen=True, kw_only=True)
class DnsSettings(PlatformSettings):
    dns_table_name: str
    dns_idempotency_table_name: str


@singleton
def settings() -> DnsSettings:
    return DnsSettings.from_env()


@singleton
def get_clock() -> Clock:
    return SystemClock()


@singleton
def get_dns() -> DynamoDnsRepository:
    return DynamoDnsRepository(aws.table(settings().dns_table_name))


@singleton
def get_route53() -> Route53Api:
    return Route53Zones(aws.client("route53"))


@singleton
def get_accounts() -> auth.DynamoAccountStore:
    return auth.DynamoAccountStore(aws.table(settings().accounts_table_name))


@singleton
def get_publisher() -> messaging.SnsPublisher:
    return messaging.SnsPublisher(producer="dns", topic_name=settings().events_topic_name,
                                  clock=get_clock())


@singleton
def get_persistence() -> DynamoDBPersistenceLayer:
    return messaging.persistence_for(settings().dns_idempotency_table_name)


def get_deps() -> Deps:
    """Not cached: each getter is, and tests swap one (e.g. a failing Route 53) at a time."""
    return Deps(dns=get_dns(), route53=get_route53(), publisher=get_publisher(),
                clock=get_clock())


def authenticate(request: Request) -> auth.Principal:
    return auth.authenticate(web.header(request, "authorization"), get_accounts())

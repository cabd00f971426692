"""Lazy singletons of the DNS service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

from chalicelib.dns.repository import DynamoZoneRepository
from chalicelib.dns.route53 import Route53Zones
from registrar_shared import aws, messaging, observability
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
def get_zones() -> DynamoZoneRepository:
    return DynamoZoneRepository(aws.table(settings().dns_table_name))


@singleton
def get_route53() -> Route53Zones:
    return Route53Zones(aws.client("route53"))


@singleton
def get_publisher() -> messaging.SnsPublisher:
    return messaging.SnsPublisher(producer="dns", topic_name=settings().events_topic_name,
                                  clock=get_clock())


@singleton
def get_persistence() -> DynamoDBPersistenceLayer:
    return messaging.persistence_for(settings().dns_idempotency_table_name)

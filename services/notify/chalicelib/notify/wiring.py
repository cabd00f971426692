"""Lazy singletons of the notify service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer
from chalice.app import Request

from chalicelib.notify import templates
from chalicelib.notify.accounts import PlatformAccounts
from chalicelib.notify.channels import SesMailer, SnsTexter, SqsWebhookQueue
from chalicelib.notify.repository import DynamoNotifyRepository
from chalicelib.notify.rules import Templates
from chalicelib.notify.transport import HttpPoster, Resolver, system_resolver
from registrar_shared import auth, aws, messaging, observability, web
from registrar_shared.clock import Clock, SystemClock
from registrar_shared.config import PlatformSettings
from registrar_shared.lazy import singleton

logger: Logger = observability.get_logger("notify")


@dataclasses.dataclass(frozen=True, kw_only=True)
class NotifySettings(PlatformSettings):
    notify_table_name: str
    notify_idempotency_table_name: str
    notify_webhooks_queue_name: str
    ses_sender_address: str
    notify_webhook_timeout_seconds: int = 5
    notify_webhook_max_attempts: int = 8
    notify_webhook_retry_base_seconds: int = 30


@singleton
def settings() -> NotifySettings:
    return NotifySettings.from_env()


@singleton
def get_clock() -> Clock:
    return SystemClock()


@singleton
def get_account_store() -> auth.DynamoAccountStore:
    return auth.DynamoAccountStore(aws.table(settings().accounts_table_name))


@singleton
def get_accounts() -> PlatformAccounts:
    return PlatformAccounts(get_account_store())


@singleton
def get_repository() -> DynamoNotifyRepository:
    return DynamoNotifyRepository(aws.table(settings().notify_table_name))


@singleton
def get_mailer() -> SesMailer:
    return SesMailer(aws.client("ses"), settings().ses_sender_address)


@singleton
def get_texter() -> SnsTexter:
    return SnsTexter(aws.client("sns"))


@singleton
def get_webhook_queue() -> SqsWebhookQueue:
    return SqsWebhookQueue(aws.client("sqs"), aws.queue_url(settings().notify_webhooks_queue_name))


@singleton
def get_poster() -> HttpPoster:
    return HttpPoster(timeout=settings().notify_webhook_timeout_seconds)


@singleton
def get_resolver() -> Resolver:
    return system_resolver


@singleton
def get_templates() -> Templates:
    return templates.load()


@singleton
def get_persistence() -> DynamoDBPersistenceLayer:
    return messaging.persistence_for(settings().notify_idempotency_table_name)


def authenticate(request: Request) -> auth.Principal:
    return auth.authenticate(web.header(request, "authorization"), get_account_store())

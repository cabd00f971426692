"""Lazy singletons of the realname service (nothing is created at import time)."""

from __future__ import annotations

import dataclasses

from aws_lambda_powertools import Logger
from chalice.app import Request

from chalicelib.realname.documents import S3DocumentStore
from chalicelib.realname.idempotency import PowertoolsIdempotency
from chalicelib.realname.mailer import SesMailer
from chalicelib.realname.repository import DynamoRealnameRepository
from registrar_shared import auth, aws, messaging, observability, web
from registrar_shared.clock import Clock, SystemClock
from registrar_shared.config import PlatformSettings
from registrar_shared.lazy import singleton

logger: Logger = observability.get_logger("realname")


@dataclasses.dataclass(frozen=True, kw_only=True)
class RealnameSettings(PlatformSettings):
    realname_table_name: str
    realname_idempotency_table_name: str
    documents_bucket_name: str
    ses_sender_address: str


@singleton
def settings() -> RealnameSettings:
    return RealnameSettings.from_env()


@singleton
def get_clock() -> Clock:
    return SystemClock()


@singleton
def get_accounts() -> auth.DynamoAccountStore:
    return auth.DynamoAccountStore(aws.table(settings().accounts_table_name))


@singleton
def get_repository() -> DynamoRealnameRepository:
    return DynamoRealnameRepository(aws.table(settings().realname_table_name))


@singleton
def get_documents() -> S3DocumentStore:
    return S3DocumentStore(aws.client("s3"), settings().documents_bucket_name)


@singleton
def get_mailer() -> SesMailer:
    return SesMailer(aws.client("ses"), settings().ses_sender_address)


@singleton
def get_publisher() -> messaging.SnsPublisher:
    return messaging.SnsPublisher(producer="realname", topic_name=settings().events_topic_name,
                                  clock=get_clock())


@singleton
def get_idempotency() -> PowertoolsIdempotency:
    return PowertoolsIdempotency(
        messaging.persistence_for(settings().realname_idempotency_table_name))


def authenticate(request: Request) -> auth.Principal:
    return auth.authenticate(web.header(request, "authorization"), get_accounts())

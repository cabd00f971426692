"""Lazily created, cached boto3 clients and resources (never at import time).

boto3 reads ``AWS_ENDPOINT_URL`` (and per-service ``AWS_ENDPOINT_URL_<SERVICE>``) when a
client is created, so locally every client talks to moto_server. ``reset()`` drops the cache,
which tests call when they switch between in-process moto and a server.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import boto3
from botocore.config import Config

_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, signature_version="v4",
                 max_pool_connections=50)
_S3_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, signature_version="s3v4",
                    max_pool_connections=50)


# One session for the process: creating clients from it reuses the parsed service models
# (a new session re-reads botocore's JSON, ~100 ms a client). Sessions are not thread-safe
# while creating clients, hence the lock; the clients themselves are.
_lock = threading.RLock()


@functools.cache
def session() -> boto3.session.Session:
    return boto3.session.Session()


@functools.cache
def client(service: str) -> Any:
    config = _S3_CONFIG if service == "s3" else _CONFIG
    with _lock:
        return session().client(service, config=config)


@functools.cache
def dynamodb() -> Any:
    with _lock:
        return session().resource("dynamodb", config=_CONFIG)


@functools.cache
def table(name: str) -> Any:
    with _lock:
        return dynamodb().Table(name)


@functools.cache
def account_id() -> str:
    return str(client("sts").get_caller_identity()["Account"])


def region() -> str:
    return str(client("sts").meta.region_name)


def topic_arn(name: str) -> str:
    partition = "aws-cn" if region().startswith("cn-") else "aws"
    return f"arn:{partition}:sns:{region()}:{account_id()}:{name}"


@functools.cache
def queue_url(name: str) -> str:
    return str(client("sqs").get_queue_url(QueueName=name)["QueueUrl"])


def reset() -> None:
    session.cache_clear()
    dynamodb.cache_clear()
    client.cache_clear()
    table.cache_clear()
    account_id.cache_clear()
    queue_url.cache_clear()

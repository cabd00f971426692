"""Helpers for the notify integration tests: in-process moto readers and event builders."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from chalice.test import Client
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from registrar_shared.clock import SystemClock
from registrar_shared.envelope import Envelope, Event
from registrar_shared.resources import QUEUES
from tests.conftest import load_app

REGION = "us-east-1"


def sent_emails(to: str | None = None) -> list[Any]:
    messages = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
    return [m for m in messages
            if to is None or to in m.destinations.get("ToAddresses", [])]


def sent_sms(phone: str | None = None) -> list[tuple[str, str]]:
    sms = sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values()
    return [s for s in sms if phone is None or s[0] == phone]


def envelope(event: Event, producer: str = "orders") -> Envelope:
    return Envelope.wrap(event, producer=producer, occurred_at=SystemClock().now())


def bearer(key: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}", "Content-Type": "application/json", **extra}


@contextmanager
def notify_client() -> Iterator[Client]:
    with Client(load_app("notify").app) as client:
        yield client


def deliver_event(client: Client, body: str) -> None:
    client.lambda_.invoke("handle_notify_inbox_message", client.events.generate_sqs_event(
        message_bodies=[body], queue_name=QUEUES.notify_inbox))


def take_webhook_jobs() -> list[dict[str, Any]]:
    """Receive (and delete) every visible job on the webhooks queue."""
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.get_queue_url(QueueName=QUEUES.notify_webhooks)["QueueUrl"]
    jobs: list[dict[str, Any]] = []
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                       AttributeNames=["All"]).get("Messages", [])
        if not messages:
            return jobs
        for message in messages:
            jobs.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def webhook_queue_depth() -> dict[str, int]:
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.get_queue_url(QueueName=QUEUES.notify_webhooks)["QueueUrl"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return {"visible": int(attrs["ApproximateNumberOfMessages"]),
            "delayed": int(attrs["ApproximateNumberOfMessagesDelayed"])}


def run_webhook_job(client: Client, job: dict[str, Any]) -> None:
    client.lambda_.invoke("handle_notify_webhooks_message", client.events.generate_sqs_event(
        message_bodies=[json.dumps(job)], queue_name=QUEUES.notify_webhooks))

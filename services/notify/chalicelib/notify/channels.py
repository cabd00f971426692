"""The outbound channels: e-mail through SES, SMS through SNS, webhook jobs through SQS."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Protocol

from botocore.exceptions import ClientError

from chalicelib.notify.errors import ChannelUnavailable
from chalicelib.notify.model import WebhookJob

MAX_SMS_CHARACTERS = 280
# Provider answers that will not change on a retry: the message is recorded as failed.
PERMANENT_SES = {"MessageRejected", "MailFromDomainNotVerifiedException",
                 "InvalidParameterValue", "AccountSendingPausedException"}
PERMANENT_SNS = {"InvalidParameter", "InvalidParameterValue", "AuthorizationError",
                 "EndpointDisabled", "OptedOut"}


class SendRejected(Exception):
    """The provider refused the message for good (bad address, unverified sender, ...)."""


class Mailer(Protocol):
    def send(self, *, to: str, subject: str, body: str) -> str: ...


class Texter(Protocol):
    def send(self, *, phone: str, text: str) -> str: ...


class WebhookQueue(Protocol):
    def enqueue(self, job: WebhookJob, *, delay_seconds: int = 0) -> None: ...


def _classify(error: ClientError, channel: str, permanent: set[str]) -> Exception:
    code = error.response.get("Error", {}).get("Code", "")
    if code in permanent:
        return SendRejected(f"{code}: {error.response.get('Error', {}).get('Message', '')}")
    return ChannelUnavailable(channel=channel, details={"aws_error": code})


class SesMailer:
    def __init__(self, client: Any, sender: str) -> None:
        self._client = client
        self._sender = sender

    def send(self, *, to: str, subject: str, body: str) -> str:
        """Raises: SendRejected, ChannelUnavailable."""
        try:
            response = self._client.send_email(
                Source=self._sender, Destination={"ToAddresses": [to]},
                Message={"Subject": {"Data": subject, "Charset": "UTF-8"},
                         "Body": {"Text": {"Data": body, "Charset": "UTF-8"}}})
        except ClientError as error:
            raise _classify(error, "email", PERMANENT_SES) from error
        return str(response["MessageId"])


class SnsTexter:
    def __init__(self, client: Any) -> None:
        self._client = client

    def send(self, *, phone: str, text: str) -> str:
        """Raises: SendRejected, ChannelUnavailable."""
        try:
            response = self._client.publish(
                PhoneNumber=phone, Message=text[:MAX_SMS_CHARACTERS],
                MessageAttributes={"AWS.SNS.SMS.SMSType": {
                    "DataType": "String", "StringValue": "Transactional"}})
        except ClientError as error:
            raise _classify(error, "sms", PERMANENT_SNS) from error
        return str(response["MessageId"])


def job_to_json(job: WebhookJob) -> str:
    return json.dumps(asdict(job), ensure_ascii=False, separators=(",", ":"))


def job_from_json(body: str) -> WebhookJob:
    return WebhookJob(**json.loads(body))


class SqsWebhookQueue:
    def __init__(self, client: Any, queue_url: str) -> None:
        self._client = client
        self._queue_url = queue_url

    def enqueue(self, job: WebhookJob, *, delay_seconds: int = 0) -> None:
        """Raises: ChannelUnavailable."""
        try:
            self._client.send_message(QueueUrl=self._queue_url, MessageBody=job_to_json(job),
                                      DelaySeconds=delay_seconds)
        except ClientError as error:
            raise ChannelUnavailable(channel="webhook",
                                     details={"aws_error": error.response.get("Error", {})
                                              .get("Code")}) from error

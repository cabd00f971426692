"""The realname app against in-process moto, with a fake clock and the demo accounts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
import requests
from chalice.test import Client
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from registrar_shared.resources import QUEUES
from tests.conftest import load_app, moto_world
from tests.fakes.clock import FakeClock
from tests.integration.helpers import demo_accounts

CN_INDIVIDUAL: dict[str, Any] = {
    "holder_type": "individual", "name": "张三", "email": "zhangsan@example.com",
    "phone": "+86 138-0000-0000", "region": "mainland", "country": "CN",
    "province": "北京市", "city": "北京市", "address": "朝阳区望京街 1 号",
    "postal_code": "100102",
}
CN_ENTERPRISE: dict[str, Any] = {
    **CN_INDIVIDUAL, "holder_type": "enterprise", "name": "李四",
    "organisation": "深圳市示例科技有限公司", "email": "admin@example.cn",
    "province": "广东省", "city": "深圳市", "address": "南山区科技园 8 号", "postal_code": "518057",
}
INTL_INDIVIDUAL: dict[str, Any] = {
    "holder_type": "individual", "name": "John Smith", "email": "john@example.com",
    "phone": "+1 415 555 0100", "region": "other", "country": "US", "province": "CA",
    "city": "San Francisco", "address": "1 Market St",
}


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]

    @property
    def code(self) -> str | None:
        return self.body.get("Code") if isinstance(self.body, dict) else None


class RealnameClient:
    def __init__(self, client: Client, keys: dict[str, str]) -> None:
        self.client = client
        self.keys = keys
        self._events: list[dict[str, Any]] = []

    def events(self, event_type: str | None = None, **payload: Any) -> list[dict[str, Any]]:
        """Envelopes realname published so far (read from the orders inbox, which
        subscribes to template.* and realname.*), optionally filtered."""
        sqs = boto3.client("sqs")
        url = sqs.get_queue_url(QueueName=QUEUES.orders_inbox)["QueueUrl"]
        while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                              VisibilityTimeout=300).get("Messages", []):
            self._events.extend(json.loads(m["Body"]) for m in messages)
        return [e for e in self._events if e["producer"] == "realname"
                and (event_type is None or e["event_type"] == event_type)
                and all(e["payload"].get(k) == v for k, v in payload.items())]

    def call(self, method: str, path: str, body: Any = None, *, account: str | None = "cn-main",
             headers: dict[str, str] | None = None) -> Reply:
        sent = {"Content-Type": "application/json", **(headers or {})}
        if account is not None:
            sent["Authorization"] = f"Bearer {self.keys[account]}"
        raw = None if body is None else (body if isinstance(body, bytes)
                                         else json.dumps(body).encode())
        response = self.client.http.request(method, path, headers=sent, body=raw or b"")
        parsed = json.loads(response.body) if response.body else None
        return Reply(response.status_code, parsed, dict(response.headers))

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Reply:
        return self.call("POST", path, {} if body is None else body, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.call("GET", path, **kwargs)

    # --- journeys ---------------------------------------------------------------------

    def create_template(self, body: dict[str, Any] | None = None, **kwargs: Any) -> str:
        reply = self.post("/v1/templates", body or CN_INDIVIDUAL, **kwargs)
        assert reply.status == 201, reply.body
        return str(reply.body["template_id"])

    def verify_email(self, template_id: str, **kwargs: Any) -> None:
        assert self.post(f"/v1/templates/{template_id}/email-verification",
                         **kwargs).status == 202
        code = last_code()
        reply = self.post(f"/v1/templates/{template_id}/email-verification/confirm",
                          {"code": code}, **kwargs)
        assert reply.status == 200 and reply.body["email_verified"], reply.body

    def verified_template(self, body: dict[str, Any] | None = None, **kwargs: Any) -> str:
        template_id = self.create_template(body, **kwargs)
        self.verify_email(template_id, **kwargs)
        return template_id

    def grant(self, template_id: str, body: dict[str, Any], **kwargs: Any) -> Reply:
        return self.post(f"/v1/templates/{template_id}/uploads", body, **kwargs)

    def handle_uploads(self) -> int:
        """Deliver every S3 notification waiting in the uploads queue to the handler, as
        Lambda's SQS event source would (one message per invocation)."""
        sqs = boto3.client("sqs")
        url = sqs.get_queue_url(QueueName=QUEUES.realname_uploads)["QueueUrl"]
        handled = 0
        while True:
            messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                           VisibilityTimeout=30).get("Messages", [])
            if not messages:
                return handled
            for message in messages:
                self.deliver(message["Body"])
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                handled += 1

    def deliver(self, body: str) -> None:
        event = self.client.events.generate_sqs_event(message_bodies=[body],
                                                      queue_name=QUEUES.realname_uploads)
        self.client.lambda_.invoke("handle_realname_uploads_message", event)


def sent_mail() -> list[Any]:
    return list(ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages)


def last_code() -> str:
    match = re.search(r"\b(\d{6})\b", sent_mail()[-1].body)
    assert match, "no code in the last e-mail"
    return match.group(1)


def upload_with_form(grant: dict[str, Any], data: bytes, *,
                     content_type: str | None = None) -> int:
    """POST the file with the presigned form fields, as a browser would (moto intercepts
    the request in-process). The file field goes last, as S3 requires."""
    fields = dict(grant["fields"])
    if content_type is not None:
        fields["Content-Type"] = content_type
    response = requests.post(grant["url"], data=fields,
                             files={"file": ("document", data, fields["Content-Type"])},
                             timeout=30)
    return response.status_code


@pytest.fixture(scope="module")
def shared_moto() -> Iterator[dict[str, str]]:
    """One in-process moto per test module (bootstrapping costs seconds; the tests of a
    module share it, each working on its own templates). Yields the demo API keys."""
    with pytest.MonkeyPatch.context() as patch, moto_world(patch):
        yield demo_accounts()


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    """One clock per module: it only moves forward, so tests may advance it freely."""
    return FakeClock()


@pytest.fixture
def realname(shared_moto: dict[str, str], clock: FakeClock,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[RealnameClient]:
    from chalicelib.realname import wiring

    monkeypatch.setattr(wiring, "get_clock", lambda: clock)
    with Client(load_app("realname").app) as client:
        yield RealnameClient(client, shared_moto)

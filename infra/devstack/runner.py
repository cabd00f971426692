"""The local event runner: what Lambda's SQS event-source mappings and EventBridge schedules
do in AWS, for every app's ``@app.on_sqs_message`` and ``@app.schedule`` handlers.

It long-polls each queue, hands Lambda-shaped SQS events to the handler and deletes the
messages only when the handler returns, so visibility timeout, receive counts and the
dead-letter queue behave as in AWS.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from chalice.app import ScheduledEventConfig, SQSEventConfig
from chalice.local import LambdaContext

from infra.devstack.apps import ServiceHost
from registrar_shared import aws

log = logging.getLogger("registrar.runner")
RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


def sqs_event(messages: list[dict[str, Any]], queue_arn: str, region: str) -> dict[str, Any]:
    return {"Records": [{
        "messageId": m["MessageId"],
        "receiptHandle": m["ReceiptHandle"],
        "body": m["Body"],
        "attributes": m.get("Attributes", {}),
        "messageAttributes": {
            name: {"stringValue": attr.get("StringValue"), "dataType": attr["DataType"]}
            for name, attr in (m.get("MessageAttributes") or {}).items()},
        "md5OfBody": m.get("MD5OfBody") or hashlib.md5(m["Body"].encode()).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    } for m in messages]}


def schedule_seconds(expression: Any) -> int | None:
    text = expression if isinstance(expression, str) else expression.to_string()
    match = RATE.fullmatch(text.strip())
    if match is None:
        return None
    unit = match.group(2).rstrip("s")
    return int(match.group(1)) * UNIT_SECONDS[unit]


class EventRunner:
    def __init__(self, hosts: dict[str, ServiceHost], *, wait_seconds: int = 1,
                 schedule_speedup: float = 1.0, concurrency: int = 4) -> None:
        self.hosts = hosts
        self.concurrency = concurrency
        self.wait_seconds = wait_seconds
        self.schedule_speedup = schedule_speedup
        self._stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.processed = 0
        self.failures = 0

    def sources(self) -> Iterable[tuple[ServiceHost, Any]]:
        for host in self.hosts.values():
            for source in host.app.event_sources:
                yield host, source

    def start(self) -> None:
        for host, source in self.sources():
            target: Any
            copies = 1
            if isinstance(source, SQSEventConfig):
                # Like Lambda scaling out on a busy queue: several concurrent pollers.
                target, copies = self._poll_queue, self.concurrency
            elif isinstance(source, ScheduledEventConfig):
                target = self._run_schedule
            else:
                continue
            for n in range(copies):
                thread = threading.Thread(target=target, args=(host, source), daemon=True,
                                          name=f"{host.name}:{source.name}:{n}")
                thread.start()
                self.threads.append(thread)

    def alive(self) -> bool:
        return all(thread.is_alive() for thread in self.threads)

    def stop(self) -> None:
        self._stop.set()
        for thread in self.threads:
            thread.join(timeout=self.wait_seconds + 5)

    def _invoke(self, host: ServiceHost, source: Any, event: dict[str, Any]) -> None:
        """Event handlers touch no per-request state on the app (unlike routes, which hold
        ``current_request``), so they run concurrently, each with its own context."""
        handler = getattr(host.module, source.name)
        context = LambdaContext(function_name=f"{host.app.app_name}-{source.name}",
                                memory_size=512, max_runtime_ms=30_000)
        handler(event, context)

    def _poll_queue(self, host: ServiceHost, source: SQSEventConfig) -> None:
        sqs = aws.client("sqs")
        url = aws.queue_url(source.queue or "")
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
            "Attributes"]["QueueArn"]
        region = sqs.meta.region_name
        while not self._stop.is_set():
            try:
                messages = sqs.receive_message(
                    QueueUrl=url, MaxNumberOfMessages=min(source.batch_size, 10),
                    WaitTimeSeconds=self.wait_seconds, AttributeNames=["All"],
                    MessageAttributeNames=["All"]).get("Messages", [])
            except Exception:  # noqa: BLE001 - keep polling through moto restarts
                log.exception("receive failed on %s", source.queue)
                self._stop.wait(1)
                continue
            if not messages:
                continue
            try:
                self._invoke(host, source, sqs_event(messages, arn, region))
            except Exception:  # noqa: BLE001 - a failed batch stays for SQS to redeliver
                self.failures += 1
                log.exception("handler %s failed; messages return after the visibility "
                              "timeout", source.name)
                continue
            sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                for i, m in enumerate(messages)])
            self.processed += len(messages)

    def _run_schedule(self, host: ServiceHost, source: ScheduledEventConfig) -> None:
        period = schedule_seconds(source.schedule_expression)
        if period is None:
            log.warning("schedule %s not run locally (only rate() expressions)", source.name)
            return
        interval = max(1.0, period / self.schedule_speedup)
        while not self._stop.wait(interval):
            event = {"version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event",
                     "source": "aws.events", "account": aws.account_id(),
                     "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "region": aws.region(), "resources": [], "detail": {}}
            try:
                self._invoke(host, source, event)
            except Exception:  # noqa: BLE001 - the next tick runs again, as EventBridge does
                log.exception("scheduled %s failed", source.name)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until every queue the runner polls is empty (tests and benchmarks)."""
        sqs = aws.client("sqs")
        deadline = time.monotonic() + timeout
        queues = {source.queue for _, source in self.sources()
                  if isinstance(source, SQSEventConfig)}
        while time.monotonic() < deadline:
            busy = 0
            for name in queues:
                attrs = sqs.get_queue_attributes(
                    QueueUrl=aws.queue_url(name or ""),
                    AttributeNames=["ApproximateNumberOfMessages",
                                    "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
                busy += int(attrs["ApproximateNumberOfMessages"])
                busy += int(attrs["ApproximateNumberOfMessagesNotVisible"])
            if busy == 0:
                return
            time.sleep(0.1)
        raise TimeoutError("queues did not drain")

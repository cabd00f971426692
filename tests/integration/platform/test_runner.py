"""The local event runner behaves like Lambda's SQS event source: delete on success, leave
on failure so the redrive policy moves a message that keeps failing to the DLQ."""

import time

import boto3
from chalice import Chalice

from infra.devstack.apps import ServiceHost
from infra.devstack.runner import EventRunner, schedule_seconds
from registrar_shared.resources import DEFINITION, QUEUES


class FakeModule:
    pass


def host_with(handler_name: str, fails: bool, calls: list[str]) -> ServiceHost:
    app = Chalice(app_name="runner-test")
    module = FakeModule()

    @app.on_sqs_message(queue=QUEUES.notify_inbox, batch_size=1)
    def handle(event):  # noqa: ANN001, ANN202
        for record in event:
            calls.append(record.body)
        if fails:
            raise RuntimeError("handler keeps failing")

    setattr(module, "handle", handle)  # noqa: B010
    return ServiceHost("test", module, app, gateway=None)  # type: ignore[arg-type]


def send(body: str) -> str:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUES.notify_inbox)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=body)
    return url


def count(queue: str) -> int:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return int(attrs["ApproximateNumberOfMessages"]) + int(
        attrs["ApproximateNumberOfMessagesNotVisible"])


def wait_until(predicate, timeout: float = 15.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_handled_messages_are_deleted(moto: None) -> None:
    calls: list[str] = []
    runner = EventRunner({"test": host_with("handle", fails=False, calls=calls)})
    runner.start()
    try:
        send("hello")
        wait_until(lambda: calls == ["hello"] and count(QUEUES.notify_inbox) == 0)
    finally:
        runner.stop()
    assert runner.processed == 1 and runner.failures == 0


def test_a_message_that_keeps_failing_ends_in_the_dlq_after_max_receives(moto: None) -> None:
    # Given a handler that always fails and a queue with a 1 s visibility timeout
    calls: list[str] = []
    runner = EventRunner({"test": host_with("handle", fails=True, calls=calls)})
    runner.start()
    try:
        # When a message arrives
        send("poison")
        # Then it is received max_receive_count times, then moved to the DLQ
        dlq = DEFINITION.queue(QUEUES.notify_inbox).dlq_name
        wait_until(lambda: count(dlq) == 1, timeout=20)
    finally:
        runner.stop()
    assert calls == ["poison"] * DEFINITION.queue(QUEUES.notify_inbox).max_receive_count
    assert count(QUEUES.notify_inbox) == 0


def test_rate_schedules_are_understood() -> None:
    assert schedule_seconds("rate(5 minutes)") == 300
    assert schedule_seconds("rate(1 hour)") == 3600
    assert schedule_seconds("cron(0 1 * * ? *)") is None

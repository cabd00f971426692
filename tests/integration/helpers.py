"""Helpers for integration tests: seeded demo accounts inside in-process moto."""

from __future__ import annotations

from infra.devstack import seed


def demo_accounts() -> dict[str, str]:
    """Seed the demo accounts (and each service's seed data); return name -> API key."""
    seed.seed_all()
    return {account.name: account.api_key for account in seed.DEMO_ACCOUNTS}


def drain(client: object, handler: str, queue: str, *, rounds: int = 20) -> int:
    """Feed every message waiting on ``queue`` (real moto SQS) to an app's SQS handler, the
    way the event source does: delete on success, leave on failure. Returns how many ran."""
    import boto3

    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    handled = 0
    for _ in range(rounds):
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1,
                                       VisibilityTimeout=0).get("Messages", [])
        if not messages:
            return handled
        message = messages[0]
        event = client.events.generate_sqs_event(  # type: ignore[attr-defined]
            message_bodies=[message["Body"]], queue_name=queue)
        try:
            client.lambda_.invoke(handler, event)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - like Lambda: the message stays and comes back
            continue
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        handled += 1
    return handled

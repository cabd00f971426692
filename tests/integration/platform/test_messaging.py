import json

import boto3
import pytest
from aws_lambda_powertools import Logger

from registrar_shared import messaging
from registrar_shared.clock import SystemClock
from registrar_shared.envelope import Envelope
from registrar_shared.errors import DependencyUnavailable, NotFound
from registrar_shared.events import DomainRegistered, OrderCreated
from registrar_shared.resources import QUEUES, TABLES, TOPIC

LOGGER = Logger(service="test")


def registered() -> DomainRegistered:
    return DomainRegistered(domain="example.com", ascii="example.com", account_id="a1",
                            order_id="o1", template_id="t1", years=1,
                            expires_at="2027-11-27T00:00:00.000Z")


def receive_all(queue: str) -> list[dict]:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    return sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                               MessageAttributeNames=["All"]).get("Messages", [])


def test_published_event_reaches_only_subscribed_queues_as_raw_envelope(moto: None) -> None:
    # Given a publisher on the topic
    publisher = messaging.SnsPublisher(producer="orders", topic_name=TOPIC, clock=SystemClock())
    # When orders publishes domain.registered
    envelope = publisher.publish(registered(), correlation_id="corr-9")
    # Then the DNS and notify inboxes get the envelope itself (raw delivery) ...
    for queue in (QUEUES.dns_inbox, QUEUES.notify_inbox, QUEUES.realname_inbox):
        messages = receive_all(queue)
        assert len(messages) == 1
        assert Envelope.parse(messages[0]["Body"]) == envelope
    # ... and the orders inbox, which does not subscribe to it, gets nothing
    assert receive_all(QUEUES.orders_inbox) == []
    assert envelope.correlation_id == "corr-9" and envelope.producer == "orders"


def test_filter_policy_routes_by_event_type(moto: None) -> None:
    publisher = messaging.SnsPublisher(producer="orders", topic_name=TOPIC, clock=SystemClock())
    publisher.publish(OrderCreated(order_id="o1", account_id="a1", domains=["a.com"],
                                   total=6900, currency="CNY"))
    assert receive_all(QUEUES.dns_inbox) == []
    assert len(receive_all(QUEUES.notify_inbox)) == 1


class Recorder:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[str] = []
        self.error = error

    def __call__(self, envelope: Envelope) -> None:
        self.calls.append(envelope.event_id)
        if self.error is not None:
            raise self.error


def body() -> str:
    return Envelope.wrap(registered(), producer="orders",
                         occurred_at=SystemClock().now()).to_json()


@pytest.fixture
def persistence(moto: None) -> messaging.DynamoDBPersistenceLayer:
    return messaging.persistence_for(TABLES.idempotency("dns"))


def test_same_event_delivered_twice_has_one_effect(persistence) -> None:
    handler = Recorder()
    message = body()
    first = messaging.dispatch(message, {"domain.registered": handler},
                               persistence=persistence, logger=LOGGER)
    second = messaging.dispatch(message, {"domain.registered": handler},
                                persistence=persistence, logger=LOGGER)
    assert (first, second) == ("handled", "duplicate")
    assert len(handler.calls) == 1


def test_retryable_failure_propagates_and_a_retry_runs_again(persistence) -> None:
    message = body()
    failing = Recorder(DependencyUnavailable())
    with pytest.raises(DependencyUnavailable):
        messaging.dispatch(message, {"domain.registered": failing},
                           persistence=persistence, logger=LOGGER)
    healthy = Recorder()
    assert messaging.dispatch(message, {"domain.registered": healthy},
                              persistence=persistence, logger=LOGGER) == "handled"
    assert len(healthy.calls) == 1


def test_permanent_refusal_is_acknowledged_once(persistence) -> None:
    message = body()
    refusing = Recorder(NotFound())
    outcome = messaging.dispatch(message, {"domain.registered": refusing},
                                 persistence=persistence, logger=LOGGER)
    again = messaging.dispatch(message, {"domain.registered": refusing},
                               persistence=persistence, logger=LOGGER)
    assert (outcome, again) == ("rejected:NotFound", "duplicate")
    assert len(refusing.calls) == 1


def test_event_without_handler_is_ignored(persistence) -> None:
    assert messaging.dispatch(body(), {}, persistence=persistence, logger=LOGGER) == "ignored"


@pytest.mark.parametrize("bad", ["not json", json.dumps({"event_id": "x"}), "[]"])
def test_a_body_that_is_not_an_envelope_is_not_swallowed(persistence, bad: str) -> None:
    with pytest.raises(ValueError):
        messaging.dispatch(bad, {"domain.registered": Recorder()}, persistence=persistence,
                           logger=LOGGER)

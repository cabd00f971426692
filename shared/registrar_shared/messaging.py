"""Publishing events to the SNS topic and dispatching SQS messages to handlers, once.

SQS delivers at least once; ``dispatch`` dedupes on the envelope's ``event_id`` with
Powertools idempotency (a conditional put in the consumer's idempotency table), so a
redelivered event has one effect. Only ``Unavailable`` errors propagate (SQS retries, then
the DLQ); permanent refusals are recorded as done and acknowledged. A body that is not an
envelope also propagates, so it ends in the DLQ for inspection instead of being dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer

from registrar_shared import aws, observability
from registrar_shared.clock import Clock
from registrar_shared.envelope import Envelope, Event
from registrar_shared.errors import RegistrarError

Handler = Callable[[Envelope], None]
EVENT_TTL_SECONDS = 14 * 24 * 3600  # longer than the longest SQS retention (4 days default)


class Publisher(Protocol):
    def publish(self, event: Event, *, correlation_id: str | None = None,
                causation_id: str | None = None) -> Envelope: ...


class SnsPublisher:
    """Publishes envelopes to the topic, with ``event_type`` as the filterable attribute."""

    def __init__(self, *, producer: str, topic_name: str, clock: Clock) -> None:
        self._producer = producer
        self._topic_name = topic_name
        self._clock = clock
        self._topic_arn: str | None = None

    def publish(self, event: Event, *, correlation_id: str | None = None,
                causation_id: str | None = None) -> Envelope:
        envelope = self.envelope(event, correlation_id=correlation_id, causation_id=causation_id)
        self.send(envelope)
        return envelope

    def envelope(self, event: Event, *, correlation_id: str | None = None,
                 causation_id: str | None = None) -> Envelope:
        ctx = observability.current()
        if correlation_id is None and ctx.correlation_id != "-":
            correlation_id = ctx.correlation_id
        if causation_id is None and ctx.causation_id:
            causation_id = ctx.causation_id
        return Envelope.wrap(event, producer=self._producer, occurred_at=self._clock.now(),
                             correlation_id=correlation_id, causation_id=causation_id)

    def send(self, envelope: Envelope) -> None:
        if self._topic_arn is None:
            self._topic_arn = aws.topic_arn(self._topic_name)
        aws.client("sns").publish(
            TopicArn=self._topic_arn,
            Message=envelope.to_json(),
            MessageAttributes={
                "event_type": {"DataType": "String", "StringValue": envelope.event_type},
                "producer": {"DataType": "String", "StringValue": envelope.producer},
            },
        )


def persistence_for(table_name: str) -> DynamoDBPersistenceLayer:
    return DynamoDBPersistenceLayer(table_name=table_name, boto3_client=aws.client("dynamodb"))


def dispatch(body: str, handlers: Mapping[str, Handler], *,
             persistence: BasePersistenceLayer, logger: Logger,
             lambda_context: Any = None) -> str:
    """Parse, dedupe and route one message body. Returns what happened:
    ``handled``, ``duplicate``, ``ignored`` (no handler) or ``rejected:<Code>``.

    Raises: Unavailable errors of the handler (retry), and ValueError for a body that is
    not an envelope (poison: retried, then the DLQ).
    """
    envelope = Envelope.parse(body)
    handler = handlers.get(envelope.event_type)
    if handler is None:
        logger.info("event ignored", extra={"event_type": envelope.event_type,
                                            "event_id": envelope.event_id})
        return "ignored"

    config = IdempotencyConfig(event_key_jmespath="event_id",
                               expires_after_seconds=EVENT_TTL_SECONDS)
    if lambda_context is not None and hasattr(lambda_context, "get_remaining_time_in_millis"):
        config.register_lambda_context(lambda_context)
    ran: list[bool] = []

    @idempotent_function(data_keyword_argument="envelope", persistence_store=persistence,
                         config=config)
    def process(envelope: dict[str, Any]) -> dict[str, Any]:
        ran.append(True)
        try:
            handler(Envelope.model_validate(envelope))
        except RegistrarError as error:
            if error.retryable:
                raise
            logger.warning("event rejected", extra={"code": error.code,
                                                    "error_message": error.message("en")})
            return {"outcome": f"rejected:{error.code}"}
        return {"outcome": "handled"}

    ctx = observability.RequestContext(request_id=envelope.event_id,
                                       correlation_id=envelope.correlation_id,
                                       language="en", causation_id=envelope.event_id)
    with observability.bound(ctx, logger):
        logger.append_keys(event_id=envelope.event_id, event_type=envelope.event_type)
        try:
            result = process(envelope=envelope.model_dump(mode="json"))
        finally:
            logger.remove_keys(["event_id", "event_type"])
    outcome = "duplicate" if not ran else str(result["outcome"])
    logger.info("event processed", extra={"outcome": outcome, "event_id": envelope.event_id,
                                          "event_type": envelope.event_type})
    return outcome

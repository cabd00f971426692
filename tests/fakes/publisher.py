from __future__ import annotations

from registrar_shared.clock import Clock
from registrar_shared.envelope import Envelope, Event


class RecordingPublisher:
    def __init__(self, clock: Clock, producer: str = "test") -> None:
        self.clock = clock
        self.producer = producer
        self.published: list[Envelope] = []

    def publish(self, event: Event, *, correlation_id: str | None = None,
                causation_id: str | None = None) -> Envelope:
        envelope = Envelope.wrap(event, producer=self.producer, occurred_at=self.clock.now(),
                                 correlation_id=correlation_id, causation_id=causation_id)
        self.published.append(envelope)
        return envelope

    def types(self) -> list[str]:
        return [e.event_type for e in self.published]

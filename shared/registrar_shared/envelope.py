"""The one event envelope (version 1) every SNS/SQS message body carries."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from registrar_shared.clock import iso

E = TypeVar("E", bound="Event")


class Event(BaseModel):
    """A payload model. Producers forbid unknown fields; the type is declared, not derived."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    event_type: ClassVar[str]
    event_version: ClassVar[int] = 1


class Envelope(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    event_id: str = Field(min_length=1, max_length=100)
    event_type: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    event_version: int = Field(ge=1)
    occurred_at: str
    producer: str
    correlation_id: str
    causation_id: str | None = None
    payload: dict[str, Any]

    @field_validator("occurred_at")
    @classmethod
    def _rfc3339(cls, value: str) -> str:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value

    @classmethod
    def wrap(cls, event: Event, *, producer: str, occurred_at: datetime,
             correlation_id: str | None = None, causation_id: str | None = None,
             event_id: str | None = None) -> Envelope:
        event_id = event_id or str(uuid.uuid4())
        return cls(
            event_id=event_id,
            event_type=event.event_type,
            event_version=event.event_version,
            occurred_at=iso(occurred_at),
            producer=producer,
            correlation_id=correlation_id or event_id,
            causation_id=causation_id,
            payload=event.model_dump(mode="json"),
        )

    @classmethod
    def parse(cls, body: str | bytes) -> Envelope:
        return cls.model_validate(json.loads(body))

    def payload_as(self, model: type[E]) -> E:
        """Consumers ignore fields they do not know (producers may add optional ones)."""
        known = {k: v for k, v in self.payload.items() if k in model.model_fields}
        return model.model_validate(known)

    def to_json(self) -> str:
        return self.model_dump_json()

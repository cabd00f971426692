import json
from datetime import UTC, datetime

import pydantic
import pytest

from registrar_shared.envelope import Envelope
from registrar_shared.events import EVENT_TYPES, DomainRegistered

WHEN = datetime(2026, 11, 27, 9, 30, 12, 412000, tzinfo=UTC)


def registered() -> DomainRegistered:
    return DomainRegistered(domain="张三.网址", ascii="xn--ehq892b.xn--ses554g",
                            account_id="c-17", order_id="o-1", template_id="t-1", years=1,
                            expires_at="2027-11-27T09:30:12.412Z")


def test_wrap_and_parse_round_trip() -> None:
    envelope = Envelope.wrap(registered(), producer="orders", occurred_at=WHEN,
                             correlation_id="corr-1", causation_id="cause-1")
    parsed = Envelope.parse(envelope.to_json())
    assert parsed == envelope
    assert parsed.event_type == "domain.registered"
    assert parsed.event_version == 1
    assert parsed.occurred_at == "2026-11-27T09:30:12.412Z"
    assert parsed.payload_as(DomainRegistered) == registered()


def test_correlation_defaults_to_the_event_id() -> None:
    envelope = Envelope.wrap(registered(), producer="orders", occurred_at=WHEN)
    assert envelope.correlation_id == envelope.event_id
    assert envelope.causation_id is None


def test_consumers_ignore_unknown_fields() -> None:
    envelope = Envelope.wrap(registered(), producer="orders", occurred_at=WHEN)
    body = json.loads(envelope.to_json())
    body["payload"]["added_later"] = "x"
    body["envelope_extra"] = 1
    assert Envelope.parse(json.dumps(body)).payload_as(DomainRegistered) == registered()


def test_producers_forbid_unknown_fields() -> None:
    with pytest.raises(pydantic.ValidationError):
        DomainRegistered(**registered().model_dump(), surprise=1)


def test_event_types_are_past_tense_entity_dot_verb() -> None:
    for event_type, model in EVENT_TYPES.items():
        assert model.event_type == event_type
        entity, _, verb = event_type.partition(".")
        assert entity and verb and event_type == event_type.lower()


def test_envelope_rejects_malformed_type_and_time() -> None:
    good = json.loads(Envelope.wrap(registered(), producer="o", occurred_at=WHEN).to_json())
    with pytest.raises(pydantic.ValidationError):
        Envelope.model_validate({**good, "event_type": "DomainRegistered"})
    with pytest.raises(pydantic.ValidationError):
        Envelope.model_validate({**good, "occurred_at": "yesterday"})

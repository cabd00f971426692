"""Golden event samples: what producers put on the wire and consumers must keep reading.

A sample changes only with a new event_version; a producer model that can no longer read
its own golden sample (or that writes it differently) breaks the published language.
"""

import json
from pathlib import Path

import pytest

from registrar_shared.envelope import Envelope
from registrar_shared.events import EVENT_TYPES

SAMPLES = Path(__file__).parent / "samples"
FILES = sorted(SAMPLES.glob("*.json"))


def test_every_event_type_has_a_golden_sample() -> None:
    names = {f"{t}.v{m.event_version}.json" for t, m in EVENT_TYPES.items()}
    assert names <= {f.name for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sample_parses_and_round_trips_through_its_model(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    envelope = Envelope.parse(path.read_text(encoding="utf-8"))
    model = EVENT_TYPES[envelope.event_type]
    assert path.name == f"{envelope.event_type}.v{model.event_version}.json"
    payload = envelope.payload_as(model)
    dumped = payload.model_dump(mode="json")
    assert {k: v for k, v in dumped.items() if k in raw["payload"]} == raw["payload"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_consumers_tolerate_additive_fields(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["payload"]["field_added_in_a_later_release"] = {"x": 1}
    envelope = Envelope.model_validate(raw)
    assert envelope.payload_as(EVENT_TYPES[envelope.event_type])

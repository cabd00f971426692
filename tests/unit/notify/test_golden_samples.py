"""Notify reads every customer event as the producers' golden samples put it on the wire."""

from pathlib import Path

import pytest

from chalicelib.notify import rules, templates
from registrar_shared.envelope import Envelope
from registrar_shared.events import EVENT_TYPES
from registrar_shared.resources import CUSTOMER_EVENTS

SAMPLES = Path(__file__).resolve().parents[2] / "contract" / "samples"


@pytest.mark.parametrize("event_type", CUSTOMER_EVENTS)
@pytest.mark.parametrize("language", rules.LANGUAGES)
def test_every_customer_event_sample_renders_completely(event_type: str, language: str) -> None:
    model = EVENT_TYPES[event_type]
    path = SAMPLES / f"{event_type}.v{model.event_version}.json"
    envelope = Envelope.parse(path.read_text(encoding="utf-8"))
    payload = envelope.payload_as(model).model_dump(mode="json")
    rendered = rules.render(templates.load(), event_type, language, payload)
    assert rendered.subject and rendered.body
    for text in (rendered.subject, rendered.body, rendered.sms or ""):
        assert "{" not in text and "None" not in text
    if event_type in templates.load().sms_events():
        assert rendered.sms

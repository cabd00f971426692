from infra import eventdoc
from registrar_shared.events import EVENT_TYPES
from registrar_shared.resources import CUSTOMER_EVENTS


def test_committed_event_catalogue_is_current() -> None:
    assert eventdoc.PATH.read_text(encoding="utf-8") == eventdoc.render(), (
        "run: .venv/bin/python -m infra.eventdoc")


def test_catalogue_lists_every_event_with_a_producer() -> None:
    text = eventdoc.render()
    for event_type in EVENT_TYPES:
        assert f"| `{event_type}` |" in text
        assert event_type.split(".")[0] in eventdoc.PRODUCERS


def test_every_customer_event_is_consumed_by_notify() -> None:
    assert all("notify" in eventdoc.consumers(t) for t in CUSTOMER_EVENTS)
    assert set(CUSTOMER_EVENTS) <= set(EVENT_TYPES)

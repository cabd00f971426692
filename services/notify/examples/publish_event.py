"""Publish one event on the running local stack's topic, as its producer would (not deployed).

    .venv/bin/python services/notify/examples/publish_event.py domain.expiring \\
        '{"domain": "example.cn", "ascii": "example.cn", "account_id": "demo-cn-main",
          "expires_at": "2026-12-31T00:00:00Z", "days_left": 7}'

Reads the moto endpoint from the stack file `make run` writes (.local/stack.json, or
STACK_FILE). The payload is checked against the event's model first.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from registrar_shared import lazy, messaging
from registrar_shared.clock import SystemClock
from registrar_shared.events import EVENT_TYPES
from registrar_shared.resources import TOPIC

ROOT = Path(__file__).resolve().parents[3]
PRODUCERS = {"order": "orders", "payment": "orders", "domain": "orders",
             "template": "realname", "realname": "realname", "dns": "dns"}


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[0] not in EVENT_TYPES:
        sys.exit(f"usage: publish_event.py <event type> '<payload JSON>'\n"
                 f"event types: {', '.join(sorted(EVENT_TYPES))}")
    event = EVENT_TYPES[argv[0]].model_validate(json.loads(argv[1]))
    stack = json.loads(Path(os.environ.get("STACK_FILE") or ROOT / ".local" / "stack.json")
                       .read_text(encoding="utf-8"))
    os.environ.update({"AWS_ENDPOINT_URL": stack["aws_endpoint_url"],
                       "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
                       "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled"})
    lazy.reset_all()
    publisher = messaging.SnsPublisher(producer=PRODUCERS[argv[0].split(".")[0]],
                                       topic_name=TOPIC, clock=SystemClock())
    envelope = publisher.publish(event)
    print(json.dumps({"event_id": envelope.event_id, "event_type": envelope.event_type}))


if __name__ == "__main__":
    main(sys.argv[1:])

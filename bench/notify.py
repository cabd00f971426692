"""Notify throughput on in-process moto (no network but loopback): customer events handled
per second (message + e-mail + SMS + one webhook job each) and webhook attempts per second
to a local receiver. Prints one JSON line per figure."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "shared"), str(ROOT / "services" / "notify")]

from moto import mock_aws  # noqa: E402

from infra.bootstrap import bootstrap  # noqa: E402
from infra.devstack import apps, seed  # noqa: E402
from registrar_shared import lazy  # noqa: E402
from registrar_shared.events import DomainHeld  # noqa: E402
from tests.integration.notify.helpers import (  # noqa: E402
    bearer,
    deliver_event,
    envelope,
    notify_client,
    run_webhook_job,
    take_webhook_jobs,
)
from tests.integration.notify.receiver import running_receiver  # noqa: E402

EVENTS = 100


def main() -> None:
    for name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL")]:
        del os.environ[name]
    os.environ.update({"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
                       "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
                       **apps.platform_environment("local")})
    with mock_aws(), running_receiver() as receiver:
        lazy.reset_all()
        bootstrap(visibility_timeout=30)
        seed.seed_accounts()
        with notify_client() as client:
            client.http.post("/v1/webhooks", headers=bearer("rk_demo_cn_main_local_only"),
                             body=json.dumps({"url": receiver.url, "events": ["*"]}))
            bodies = [envelope(DomainHeld(domain=f"b{i}.cn", ascii=f"b{i}.cn",
                                          account_id="demo-cn-main", reason="bench")).to_json()
                      for i in range(EVENTS)]
            durations = []
            started = time.perf_counter()
            for body in bodies:
                t = time.perf_counter()
                deliver_event(client, body)
                durations.append(time.perf_counter() - t)
            events_s = EVENTS / (time.perf_counter() - started)
            jobs = take_webhook_jobs()
            started = time.perf_counter()
            for job in jobs:
                run_webhook_job(client, job)
            attempts_s = len(jobs) / (time.perf_counter() - started)
    assert len(receiver.received) == EVENTS
    print(json.dumps({"figure": "notify events/s (message+email+sms+webhook job), moto "
                                "in-process", "value": round(events_s, 1)}))
    print(json.dumps({"figure": "notify event handling ms, median", "value":
                      round(statistics.median(durations) * 1000, 1)}))
    print(json.dumps({"figure": "webhook attempts/s to a loopback receiver",
                      "value": round(attempts_s, 1)}))


if __name__ == "__main__":
    main()

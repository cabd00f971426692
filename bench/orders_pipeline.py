"""Orders pipeline on the local stack: 50 concurrent orders (checkout + pay by balance),
then paid -> active latency per domain (p50, p95) and orders per second end to end.
Prints one JSON line per figure."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from infra import admin  # noqa: E402
from infra.devstack.moto import free_port  # noqa: E402
from infra.devstack.stack import LocalStack  # noqa: E402
from registrar_shared import messaging  # noqa: E402
from registrar_shared.clock import SystemClock  # noqa: E402
from registrar_shared.events import (  # noqa: E402
    RealnameVerified,
    TemplateCreated,
    TemplateEmailVerified,
)
from registrar_shared.resources import TOPIC  # noqa: E402

ORDERS = int(os.environ.get("BENCH_ORDERS", "50"))


def call(method: str, url: str, key: str, body: dict | None = None) -> requests.Response:
    return requests.request(method, url, json=body, timeout=60, headers={
        "Authorization": f"Bearer {key}", "Connection": "close"})


def main() -> None:
    state = Path(tempfile.mkdtemp()) / "stack.json"
    with LocalStack(port=free_port(), moto_port=free_port(), state_file=state) as stack:
        base = stack.url
        account = admin.create_account(kind="main", site="cn", name="bench", balance=1_000_000)
        key, account_id = account["api_key"], account["account_id"]
        template_id = f"tpl-{uuid.uuid4().hex[:8]}"
        publisher = messaging.SnsPublisher(producer="realname", topic_name=TOPIC,
                                           clock=SystemClock())
        publisher.publish(RealnameVerified(template_id=template_id, account_id=account_id,
                                           upload_id="u", document_type="business_licence"))
        publisher.publish(TemplateCreated(template_id=template_id, account_id=account_id,
                                          holder_type="enterprise", name="基准测试有限公司",
                                          region="mainland", email="b@example.com"))
        publisher.publish(TemplateEmailVerified(template_id=template_id, account_id=account_id,
                                                email="b@example.com"))
        stack.runner.wait_idle(60)
        names = [f"bench-{uuid.uuid4().hex[:10]}.com" for _ in range(ORDERS)]
        paid_at: dict[str, float] = {}

        def order_and_pay(name: str) -> None:
            order = call("POST", f"{base}/orders/v1/orders", key, {
                "items": [{"domain": name, "years": 1}], "template_id": template_id,
                "terms_accepted": True}).json()
            answer = call("POST", f"{base}/orders/v1/orders/{order['order_id']}/payments", key,
                          {"method": "balance"})
            assert answer.status_code == 200, answer.text
            paid_at[name] = time.perf_counter()

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=ORDERS) as pool:
            list(pool.map(order_and_pay, names))
        active_at: dict[str, float] = {}
        while len(active_at) < ORDERS and time.perf_counter() - started < 600:
            for name in names:
                if name not in active_at:
                    view = call("GET", f"{base}/orders/v1/domains/{name}", key)
                    if view.status_code == 200 and view.json()["status"] == "active":
                        active_at[name] = time.perf_counter()
            time.sleep(0.05)
        finished = time.perf_counter()
    latencies = sorted(active_at[n] - paid_at[n] for n in active_at)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(json.dumps({"figure": "paid_to_active_p50_seconds",
                      "value": round(statistics.median(latencies), 3)}))
    print(json.dumps({"figure": "paid_to_active_p95_seconds", "value": round(p95, 3)}))
    print(json.dumps({"figure": "orders_per_second_end_to_end", "orders": len(active_at),
                      "value": round(len(active_at) / (finished - started), 2)}))


if __name__ == "__main__":
    main()

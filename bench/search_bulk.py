"""Benchmark: a 500-name bulk check through the local gateway against the same 500 names
as single checks, and the bulk request's server time against the bare batched DynamoDB
reads it needs on the same moto_server. Prints one JSON line per figure.

Starts its own local stack (moto_server + gateway, the code of ``make run``) on free ports
and stops its event runner (search consumes no events). The registry adapter issues the
(up to five) BatchGetItem calls of a bulk check concurrently; the bare reads are measured
both one after another (the target's baseline) and concurrently, and both ratios printed.
Targets (issue 3): bulk >= 20x the singles (names/s); bulk server time <= 1.5x its bare
batched reads.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")   # no access log lines in the output

import requests  # noqa: E402
from _names import names  # noqa: E402

from infra.devstack.moto import free_port  # noqa: E402
from infra.devstack.stack import LocalStack  # noqa: E402
from registrar_shared import aws  # noqa: E402
from registrar_shared.dynamo import MAX_BATCH_GET  # noqa: E402
from registrar_shared.naming import check_name  # noqa: E402
from registrar_shared.resources import TABLES  # noqa: E402

COUNT = 500
ROUNDS = 25
HEADERS = {"Connection": "close", "Content-Type": "application/json"}


def emit(figure: str, value: float, unit: str, target: str | None = None) -> None:
    line: dict[str, object] = {"bench": "search_bulk", "figure": figure,
                               "value": round(value, 3), "unit": unit}
    if target is not None:
        line["target"] = target
    print(json.dumps(line), flush=True)


def bulk_over_http(url: str, body: bytes) -> float:
    started = time.perf_counter()
    response = requests.post(f"{url}/search/v1/check", data=body, headers=HEADERS, timeout=60)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and len(response.json()["results"]) == COUNT
    return elapsed


def singles_over_http(url: str, corpus: list[str]) -> float:
    started = time.perf_counter()
    for name in corpus:
        response = requests.get(f"{url}/search/v1/check?domain={quote(name)}",
                                headers=HEADERS, timeout=60)
        assert response.status_code == 200
    return time.perf_counter() - started


def bulk_server_time(stack: LocalStack, body: bytes) -> float:
    """The gateway's own handling of the request (routing, app, registry reads), no HTTP."""
    assert stack.gateway is not None
    started = time.perf_counter()
    status, _, _ = stack.gateway.handle("POST", "/search/v1/check",
                                        {"Content-Type": "application/json"}, body)
    elapsed = time.perf_counter() - started
    assert status == 200
    return elapsed


def _batches(variant_keys: list[str]) -> list[dict]:
    keys = [{"PK": {"S": f"VARIANT#{vk}"}, "SK": {"S": "#VARIANT"}}
            for vk in sorted(set(variant_keys))]
    return [{TABLES.registry: {
        "Keys": keys[start:start + MAX_BATCH_GET],
        "ProjectionExpression": "#pk, #kind, #ascii",
        "ExpressionAttributeNames": {"#pk": "PK", "#kind": "kind", "#ascii": "ascii"}}}
        for start in range(0, len(keys), MAX_BATCH_GET)]


def _read(request: dict) -> None:
    client = aws.client("dynamodb")
    while request:
        request = client.batch_get_item(RequestItems=request).get("UnprocessedKeys")


def bare_reads(variant_keys: list[str]) -> float:
    """The BatchGetItem calls the check needs, one after another, with a plain client."""
    batches = _batches(variant_keys)
    started = time.perf_counter()
    for request in batches:
        _read(request)
    return time.perf_counter() - started


def bare_reads_concurrent(variant_keys: list[str]) -> float:
    """The same calls issued together, as the registry adapter issues them."""
    batches = _batches(variant_keys)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(batches)) as pool:
        list(pool.map(_read, batches))
    return time.perf_counter() - started


def interleaved(*measures: Callable[[], float]) -> list[tuple[float, float]]:
    """(best, median) of ROUNDS runs of each measure, run in turn so that noise from other
    processes hits all alike. Best-of-N (as ``timeit`` advises) is the cost of the work
    itself; the median shows what a loaded machine adds."""
    runs: list[list[float]] = [[] for _ in measures]
    for _ in range(ROUNDS):
        for i, measure in enumerate(measures):
            runs[i].append(measure())
    return [(min(r), statistics.median(r)) for r in runs]


def main() -> int:
    corpus = names(COUNT, seed=500)[:COUNT - 3] + ["taobao.com", "中國銀行.cn", "example.com"]
    body = json.dumps({"domains": corpus, "site": "cn"}).encode()
    variant_keys = [c.variant_key for c in map(check_name, corpus) if c.variant_key]
    stack = LocalStack(port=free_port(), moto_port=free_port(), state_file=None)
    stack.start()
    if stack.runner is not None:
        stack.runner.stop()   # search consumes no events; keep the pollers off the CPU
    try:
        bulk_over_http(stack.url, body)                      # warm-up: loads, clients
        bare_reads_concurrent(variant_keys)
        bulk, server, bare, concurrent = interleaved(
            lambda: bulk_over_http(stack.url, body), lambda: bulk_server_time(stack, body),
            lambda: bare_reads(variant_keys), lambda: bare_reads_concurrent(variant_keys))
        singles = singles_over_http(stack.url, corpus)
    finally:
        stack.stop()
    emit("bulk_names_per_s", COUNT / bulk[0], "names/s")
    emit("bulk_names_per_s_median", COUNT / bulk[1], "names/s")
    emit("single_names_per_s", COUNT / singles, "names/s")
    emit("bulk_vs_singles_speedup", singles / bulk[1], "x", ">= 20 (median bulk)")
    emit("bulk_server_ms", server[0] * 1000, "ms")
    emit("bulk_server_median_ms", server[1] * 1000, "ms")
    emit("bare_batched_reads_ms", bare[0] * 1000, "ms")
    emit("bare_batched_reads_median_ms", bare[1] * 1000, "ms")
    emit("bare_batched_reads_concurrent_ms", concurrent[0] * 1000, "ms")
    emit("bare_batched_reads_concurrent_median_ms", concurrent[1] * 1000, "ms")
    emit("bulk_server_vs_bare_reads", server[0] / bare[0], "x", "<= 1.5 (best of 25)")
    emit("bulk_server_vs_bare_reads_median", server[1] / bare[1], "x")
    emit("bulk_server_vs_bare_reads_concurrent", server[0] / concurrent[0], "x")
    emit("registry_keys_read", len(set(variant_keys)), "keys")
    return 0 if singles / bulk[1] >= 20 and server[0] / bare[0] <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())

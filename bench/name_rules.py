"""Benchmark: names/s of the whole name-rule pipeline (check_name) against bare
``idna.encode`` on the same names. Prints one JSON line per figure.

Targets (issue 3): rules >= 20,000 names/s and <= 2x the time of bare idna.encode.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import idna  # noqa: E402
from _names import names  # noqa: E402

from registrar_shared import catalogue  # noqa: E402
from registrar_shared.naming import check_name, script, variants, words  # noqa: E402

COUNT = 20_000
ROUNDS = 7


def emit(figure: str, value: float, unit: str, target: str | None = None) -> None:
    line: dict[str, object] = {"bench": "name_rules", "figure": figure,
                               "value": round(value, 3), "unit": unit}
    if target is not None:
        line["target"] = target
    print(json.dumps(line), flush=True)


def bare_idna(name: str) -> None:
    try:
        idna.encode(name)
    except idna.IDNAError:
        pass


def timed(function: Callable[[str], object], corpus: list[str]) -> float:
    """Median seconds for one pass over the corpus."""
    runs = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for name in corpus:
            function(name)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> int:
    corpus = names(COUNT)
    started = time.perf_counter()
    check_name("中國.cn")   # first call: loads the catalogue, variant table, word lists
    emit("first_call_ms", (time.perf_counter() - started) * 1000, "ms")
    assert catalogue.load.cache_info().currsize and variants.fold_map.cache_info().currsize
    assert words.load.cache_info().currsize and script.han_ranges.cache_info().currsize
    rules = timed(check_name, corpus)
    bare = timed(bare_idna, corpus)
    rate = COUNT / rules
    ratio = rules / bare
    emit("rules_names_per_s", rate, "names/s", ">= 20000")
    emit("idna_encode_names_per_s", COUNT / bare, "names/s")
    emit("rules_time_vs_idna_encode", ratio, "x", "<= 2.0")
    valid = sum(1 for n in corpus if check_name(n).valid)
    emit("corpus_valid_share", valid / COUNT, "fraction")
    return 0 if rate >= 20_000 and ratio <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())

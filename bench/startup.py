"""Start-up time of the local platform (`python -m infra.devstack`, what `make run` runs
once .venv exists): seconds until GET /health answers 200, and until Ctrl-C has stopped it.
Prints one JSON line per figure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.error import URLError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from infra.devstack.moto import free_port  # noqa: E402


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=1) as response:
            return bool(response.status == 200)
    except (URLError, ConnectionError, TimeoutError):
        return False


def run_once(tmp: Path) -> tuple[float, float]:
    port, moto_port = free_port(), free_port()
    env = {**os.environ, "PORT": str(port), "MOTO_PORT": str(moto_port),
           "STACK_FILE": str(tmp / f"stack-{port}.json")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "infra.devstack"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while not healthy(url):
        if process.poll() is not None:
            raise SystemExit("the platform exited during start-up")
        time.sleep(0.05)
    ready = time.perf_counter() - started
    stopping = time.perf_counter()
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    return ready, time.perf_counter() - stopping


def main() -> None:
    tmp = ROOT / ".local"
    tmp.mkdir(exist_ok=True)
    runs = [run_once(tmp) for _ in range(3)]
    ready = sorted(r for r, _ in runs)
    stop = sorted(s for _, s in runs)
    print(json.dumps({"figure": "make_run_warm_ready_seconds_median", "value": round(ready[1], 2),
                      "runs": [round(r, 2) for r in ready]}))
    print(json.dumps({"figure": "make_run_stop_seconds_median", "value": round(stop[1], 2)}))


if __name__ == "__main__":
    main()

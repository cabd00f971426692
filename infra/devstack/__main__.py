"""``make run``: start the whole platform locally and serve until Ctrl-C."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading

from infra.devstack.stack import LocalStack, state_file


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    port = int(os.environ.get("PORT", "8000"))
    moto_port = int(os.environ.get("MOTO_PORT", "4566"))
    stack = LocalStack(port=port, moto_port=moto_port, state_file=state_file())
    stop = threading.Event()
    # Explicit handlers: a shell that starts us in the background ignores SIGINT otherwise.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        stack.start()
    except RuntimeError as error:
        print(f"could not start: {error}", file=sys.stderr)
        stack.stop()
        return 1
    info = stack.describe()
    print(f"Registrar platform is up at {info['gateway_url']} "
          f"(moto at {info['aws_endpoint_url']}; ready in {stack.timings['ready']:.1f}s)")
    print(f"  health:   curl {info['gateway_url']}/health")
    print(f"  suffixes: curl '{info['gateway_url']}/search/v1/suffixes?site=cn'")
    print("Demo accounts (local only):")
    for account in info["accounts"]:
        print(f"  {account['name']:10} {account['account_id']:15} {account['kind']:5} "
              f"{account['site']:5} {account['api_key']}")
    print(f"State written to {stack.state_file}. Press Ctrl-C to stop.", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    print("Stopping...", flush=True)
    stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A webhook receiver that verifies the registrar's signatures (stdlib only; not deployed).

    python services/notify/examples/webhook_receiver.py --port 9000 --secret whsec_...

Answers 200 to a delivery whose X-Signature-Timestamped matches and whose X-Timestamp is
within five minutes, 401 otherwise; prints one line per delivery. Deduplicate on the
envelope's ``event_id``: deliveries are at least once.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOLERANCE_SECONDS = 300


def verified(secret: str, body: bytes, headers: Any, now: float) -> bool:
    timestamp = headers.get("X-Timestamp", "")
    signature = headers.get("X-Signature-Timestamped", "")
    if not timestamp.isdigit() or abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", required=True)
    args = parser.parse_args()
    seen: set[str] = set()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *a: Any) -> None:  # noqa: A002
            return

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            ok = verified(args.secret, body, self.headers, time.time())
            event = json.loads(body) if ok else {}
            duplicate = event.get("event_id") in seen
            seen.add(event.get("event_id", ""))
            print(f"{'verified' if ok else 'REJECTED'} {event.get('event_type', '?')} "
                  f"{event.get('event_id', '?')}{' (duplicate)' if duplicate else ''}",
                  flush=True)
            self.send_response(200 if ok else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"listening on http://127.0.0.1:{args.port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

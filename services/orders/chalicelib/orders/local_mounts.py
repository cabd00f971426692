"""The payment provider sandbox (local only, mounted on the gateway at /sandbox).

It behaves like the real provider's API as orders uses it: ``POST /sandbox/sessions`` opens a
payment session and answers its ``pay_url``; ``POST /sandbox/pay/<payment_id>``
``{"outcome": "success|failed"}`` is the customer paying, after which the sandbox sends a real
HTTP callback signed with HMAC-SHA256 (secret from Secrets Manager) to the session's callback
URL; ``POST /sandbox/refunds`` records a refund request, once per ``refund_id`` (a repeated
request answers the first result, as the real provider's ``out_request_no`` does);
``GET /sandbox/refunds`` lists them. ``{"outcome": "success", "amount": 1}`` lets a test send
a tampered amount.

Faults on demand, so a person or a test can watch retries work: ``POST /sandbox/faults``
``{"refunds": "fail"|"ok", "sessions": "fail"|"ok"}`` makes refund requests / session
openings answer 503 until switched back; ``GET /sandbox/faults`` shows the switches.
"""

from __future__ import annotations

import json
import threading
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlsplit

from chalicelib.orders import signing, wiring

Reply = tuple[int, dict[str, str], bytes]


def _json(status: int, body: Any) -> Reply:
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode("utf-8")


class Sandbox:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.sessions: dict[str, dict[str, Any]] = {}
        self.refunds: list[dict[str, Any]] = []
        self.faults: dict[str, str] = {"refunds": "ok", "sessions": "ok"}
        self._lock = threading.Lock()

    def __call__(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply:
        parts = urlsplit(target).path.strip("/").split("/")[1:]  # drop "sandbox"
        try:
            data = json.loads(body) if body else {}
        except ValueError:
            return _json(400, {"error": "malformed JSON"})
        if parts == ["faults"]:
            return self._faults(method, data)
        if method == "POST" and parts == ["sessions"]:
            if self.faults["sessions"] == "fail":
                return _json(503, {"error": "sessions failing on demand"})
            return self._open(data)
        if method == "POST" and len(parts) == 2 and parts[0] == "pay":
            return self._pay(parts[1], data)
        if parts == ["refunds"]:
            if method == "POST":
                return self._refund(data)
            return _json(200, {"refunds": self.refunds})
        return _json(404, {"error": "no such sandbox endpoint"})

    def _faults(self, method: str, data: dict[str, Any]) -> Reply:
        if method == "POST":
            unknown = {k: v for k, v in data.items()
                       if k not in self.faults or v not in ("fail", "ok")}
            if unknown:
                return _json(400, {"error": "expected {\"refunds\"|\"sessions\": "
                                            "\"fail\"|\"ok\"}"})
            with self._lock:
                self.faults.update(data)
        return _json(200, self.faults)

    def _refund(self, data: dict[str, Any]) -> Reply:
        if self.faults["refunds"] == "fail":
            return _json(503, {"error": "refunds failing on demand"})
        with self._lock:
            if any(r.get("refund_id") == data.get("refund_id") for r in self.refunds):
                return _json(200, {"status": "accepted", "duplicate": True})
            self.refunds.append(data)
        return _json(201, {"status": "accepted"})

    def _open(self, data: dict[str, Any]) -> Reply:
        payment_id = str(data.get("payment_id", ""))
        if not payment_id:
            return _json(400, {"error": "payment_id required"})
        with self._lock:
            self.sessions[payment_id] = data
        return _json(201, {"pay_url": f"{self.base_url}/pay/{payment_id}"})

    def _pay(self, payment_id: str, data: dict[str, Any]) -> Reply:
        session = self.sessions.get(payment_id)
        outcome = data.get("outcome")
        if session is None:
            return _json(404, {"error": "unknown payment session"})
        if outcome not in ("success", "failed"):
            return _json(400, {"error": "outcome must be success or failed"})
        callback = json.dumps({
            "payment_id": payment_id, "provider_txn_id": f"txn-{uuid.uuid4().hex}",
            "amount": data.get("amount", session["amount"]), "currency": session["currency"],
            "status": outcome}).encode("utf-8")
        request = urllib.request.Request(
            session["callback_url"], data=callback, method="POST",
            headers={"Content-Type": "application/json", "Connection": "close",
                     "X-Signature": signing.sign(callback, wiring.get_callback_secret())})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, answer = response.status, response.read()
        except HTTPError as error:
            status, answer = error.code, error.read()
        return _json(200, {"callback_status": status,
                           "callback_response": json.loads(answer or b"{}"),
                           "callback_body": json.loads(callback)})


def mounts(gateway_url: str) -> dict[str, Callable[[str, str, dict[str, str], bytes], Reply]]:
    return {"sandbox": Sandbox(gateway_url + "/sandbox")}

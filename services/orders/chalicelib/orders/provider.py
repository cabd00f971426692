"""The payment provider (Alipay / online banking) as seen by orders: open a payment session,
request a refund. Locally the provider sandbox on the gateway plays it (local_mounts.py)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Protocol
from urllib.error import URLError

from chalicelib.orders.model import Payment
from registrar_shared.errors import DependencyUnavailable


class PaymentProvider(Protocol):
    def create_session(self, payment: Payment, *, callback_url: str) -> str:
        """Register the payment with the provider; returns the URL the customer pays at."""
        ...

    def refund(self, *, payment_id: str, refund_id: str, amount: int, currency: str) -> None:
        ...


class HttpPaymentProvider:
    """A provider with a small JSON API (the sandbox implements the same one)."""

    def __init__(self, base_url: str, timeout: float = 5.0) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self._base_url + path, data=json.dumps(body).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json", "Connection": "close"})
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                return dict(json.loads(response.read() or b"{}"))
        except (URLError, TimeoutError, ConnectionError, ValueError) as exc:
            raise DependencyUnavailable(details={"provider": self._base_url}) from exc

    def create_session(self, payment: Payment, *, callback_url: str) -> str:
        answer = self._post("/sessions", {
            "payment_id": payment.payment_id, "amount": payment.amount,
            "currency": payment.currency, "method": payment.method,
            "callback_url": callback_url})
        return str(answer["pay_url"])

    def refund(self, *, payment_id: str, refund_id: str, amount: int, currency: str) -> None:
        self._post("/refunds", {"payment_id": payment_id, "refund_id": refund_id,
                                "amount": amount, "currency": currency})

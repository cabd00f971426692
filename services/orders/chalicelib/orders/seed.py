"""Local seed data of the orders service: opening balances of the demo main accounts."""

from __future__ import annotations

from chalicelib.orders import wiring
from registrar_shared.auth import Principal
from registrar_shared.clock import SystemClock

OPENING_BALANCE = 100_000_000  # 1,000,000.00 in minor units


def seed(accounts: list[Principal]) -> None:
    now = SystemClock().now()
    for principal in accounts:
        if principal.kind == "main":
            wiring.get_balances().open(principal.account_id, OPENING_BALANCE,
                                       principal.currency, now)

"""Local seed data of the orders service: opening balances and demo promo codes."""

from __future__ import annotations

from chalicelib.orders import wiring
from chalicelib.orders.model import PromoCode
from registrar_shared.auth import Principal
from registrar_shared.clock import SystemClock, iso

OPENING_BALANCE = 100_000_000  # 1,000,000.00 in minor units

PROMO_CODES = (
    PromoCode(code="WELCOME20", kind="percent", value=20, currency=None, suffixes=(),
              starts_at="2026-01-01T00:00:00.000Z", ends_at="2030-12-31T23:59:59.000Z",
              per_account_limit=1),
    PromoCode(code="CN10OFF", kind="fixed", value=1000, currency="CNY",
              suffixes=("cn", "中国", "com.cn"), starts_at="2026-01-01T00:00:00.000Z",
              ends_at="2030-12-31T23:59:59.000Z", per_account_limit=3),
    PromoCode(code="EXPIRED2025", kind="percent", value=50, currency=None, suffixes=(),
              starts_at="2025-01-01T00:00:00.000Z", ends_at="2025-12-31T23:59:59.000Z",
              per_account_limit=1),
)


def seed(accounts: list[Principal]) -> None:
    now = iso(SystemClock().now())
    orders = wiring.get_orders()
    for principal in accounts:
        if principal.kind == "main":
            orders.open_balance(principal.account_id, OPENING_BALANCE, principal.currency, now)
    for promo in PROMO_CODES:
        orders.put_promo(promo)

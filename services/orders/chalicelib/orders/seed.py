"""Local seed data of the orders service: opening balances and demo promo codes."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.orders import wiring
from chalicelib.orders.model import PromoCode
from registrar_shared.auth import Principal
from registrar_shared.clock import iso

OPENING_BALANCE = 100_000_000  # 1,000,000.00 in minor units

EXPIRED_PROMO = PromoCode(code="EXPIRED2025", kind="percent", value=50, currency=None,
                          suffixes=(), starts_at="2025-01-01T00:00:00.000Z",
                          ends_at="2025-12-31T23:59:59.000Z", per_account_limit=1)


def promo_codes(now: datetime) -> tuple[PromoCode, ...]:
    """The demo promo codes: the live ones are open from a month before ``now`` for five
    years, so a seeded stack (or a test on any calendar day) always has them."""
    starts_at, ends_at = iso(now - timedelta(days=30)), iso(now + timedelta(days=5 * 365))
    return (
        PromoCode(code="WELCOME20", kind="percent", value=20, currency=None, suffixes=(),
                  starts_at=starts_at, ends_at=ends_at, per_account_limit=1),
        PromoCode(code="CN10OFF", kind="fixed", value=1000, currency="CNY",
                  suffixes=("cn", "中国", "com.cn"), starts_at=starts_at, ends_at=ends_at,
                  per_account_limit=3),
        EXPIRED_PROMO,
    )


def seed(accounts: list[Principal]) -> None:
    now = wiring.get_clock().now()
    orders = wiring.get_orders()
    for principal in accounts:
        if principal.kind == "main":
            orders.open_balance(principal.account_id, OPENING_BALANCE, principal.currency,
                                iso(now))
    for promo in promo_codes(now):
        orders.put_promo(promo)

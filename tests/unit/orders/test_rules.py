from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.orders import errors, rules
from chalicelib.orders.model import DomainStatus, OrderItem, OrderStatus, PromoCode
from registrar_shared import catalogue

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def suffix(name: str) -> catalogue.Suffix:
    entry = catalogue.load().get(name)
    assert entry is not None
    return entry


def item(suffix_name: str, amount: int) -> OrderItem:
    return OrderItem(domain=f"a.{suffix_name}", ascii=f"a.{suffix_name}", suffix=suffix_name,
                     years=1, action="register", amount=amount)


def test_first_year_at_register_price_further_years_at_renew_price() -> None:
    com = suffix("com")
    assert rules.item_price(com, "cn", 1, "register") == 6900
    assert rules.item_price(com, "cn", 3, "register") == 6900 + 2 * 7900
    assert rules.item_price(com, "intl", 2, "register") == 999 + 1299
    assert rules.item_price(com, "cn", 2, "renew") == 2 * 7900
    assert rules.item_price(com, "cn", 1, "renew", redemption=True) == 7900 + 16000


@pytest.mark.parametrize("years", [0, 11, -1])
def test_years_outside_the_suffix_range_are_refused(years: int) -> None:
    with pytest.raises(errors.InvalidPeriod):
        rules.verify_period(suffix("com"), years, "register", now=NOW)


def test_renewal_may_not_push_the_term_past_ten_years() -> None:
    expiry = NOW + timedelta(days=365 * 3)
    rules.verify_period(suffix("com"), 7, "renew", now=NOW, current_expiry=expiry)
    with pytest.raises(errors.InvalidPeriod):
        rules.verify_period(suffix("com"), 8, "renew", now=NOW, current_expiry=expiry)


@pytest.mark.parametrize(("site", "region", "holder", "ok"), [
    ("cn", "mainland", "individual", True), ("cn", "mainland", "enterprise", True),
    ("cn", "hong_kong", "enterprise", True), ("cn", "hong_kong", "individual", False),
    ("cn", "macau", "enterprise", True), ("cn", "macau", "individual", False),
    ("cn", "taiwan", "enterprise", False), ("cn", "taiwan", "individual", False),
    ("cn", "other", "enterprise", False), ("cn", "other", "individual", False),
    ("intl", "taiwan", "individual", True), ("intl", "other", "enterprise", True),
])
def test_cnnic_eligibility_table(site: str, region: str, holder: str, ok: bool) -> None:
    assert rules.cnnic_eligible(site, region, holder) is ok


def promo(**overrides: object) -> PromoCode:
    base = dict(code="P", kind="percent", value=20, currency=None, suffixes=(),
                starts_at="2026-01-01T00:00:00.000Z", ends_at="2027-01-01T00:00:00.000Z",
                per_account_limit=1)
    base.update(overrides)
    return PromoCode(**base)  # type: ignore[arg-type]


def test_percent_promo_is_allocated_exactly_over_items() -> None:
    items = [item("com", 6900), item("cn", 2900), item("xin", 8800)]
    shares = rules.promo_discount(promo(value=33), items, currency="CNY", now=NOW,
                                  uses_so_far=0)
    assert sum(shares) == (6900 + 2900 + 8800) * 33 // 100
    assert all(s <= i.amount for s, i in zip(shares, items, strict=True))


def test_fixed_promo_applies_only_to_its_suffixes_and_currency() -> None:
    items = [item("com", 6900), item("cn", 2900)]
    fixed = promo(kind="fixed", value=1000, currency="CNY", suffixes=("cn",))
    assert rules.promo_discount(fixed, items, currency="CNY", now=NOW, uses_so_far=0) == [0, 1000]
    with pytest.raises(errors.PromoCodeInvalid):
        rules.promo_discount(fixed, items, currency="USD", now=NOW, uses_so_far=0)
    with pytest.raises(errors.PromoCodeInvalid):
        rules.promo_discount(fixed, [item("com", 6900)], currency="CNY", now=NOW,
                             uses_so_far=0)


def test_fixed_promo_never_exceeds_the_price() -> None:
    big = promo(kind="fixed", value=100_000, currency="CNY")
    assert rules.promo_discount(big, [item("cn", 2900)], currency="CNY", now=NOW,
                                uses_so_far=0) == [2900]


def test_promo_outside_its_window_or_used_up_is_invalid() -> None:
    with pytest.raises(errors.PromoCodeInvalid):
        rules.promo_discount(promo(ends_at="2026-01-02T00:00:00.000Z"), [item("com", 6900)],
                             currency="CNY", now=NOW, uses_so_far=0)
    with pytest.raises(errors.PromoCodeInvalid):
        rules.promo_discount(promo(), [item("com", 6900)], currency="CNY", now=NOW,
                             uses_so_far=1)


@pytest.mark.parametrize(("total", "weights"), [(7, [1, 1, 1]), (100, [3, 0, 7]),
                                                (1, [5, 5]), (0, [1]), (999, [333, 1, 1])])
def test_allocation_sums_exactly(total: int, weights: list[int]) -> None:
    shares = rules.allocate(total, weights)
    assert sum(shares) == total
    assert all(s == 0 for s, w in zip(shares, weights, strict=True) if w == 0)


def test_fingerprint_ignores_key_order_but_not_values() -> None:
    assert rules.fingerprint({"a": 1, "b": [1, 2]}) == rules.fingerprint({"b": [1, 2], "a": 1})
    assert rules.fingerprint({"a": 1}) != rules.fingerprint({"a": 2})


def test_only_pending_orders_can_be_paid_or_cancelled() -> None:
    assert rules.allowed_transition(OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)
    assert rules.allowed_transition(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)
    assert not rules.allowed_transition(OrderStatus.CANCELLED, OrderStatus.PAID)
    assert not rules.allowed_transition(OrderStatus.PAID, OrderStatus.CANCELLED)


def test_order_outcome() -> None:
    assert rules.order_outcome(["succeeded", "succeeded"]) == OrderStatus.SUCCEEDED
    assert rules.order_outcome(["succeeded", "failed"]) == OrderStatus.PARTIALLY_SUCCEEDED
    assert rules.order_outcome(["failed"]) == OrderStatus.FAILED


@pytest.mark.parametrize(("name", "grace", "redemption"), [("cn", 30, 14), ("com", 30, 30),
                                                          ("hk", 28, 0)])
def test_lifecycle_dates_per_suffix(name: str, grace: int, redemption: int) -> None:
    expires = datetime(2027, 1, 1, tzinfo=UTC)
    life = rules.lifecycle(suffix(name), expires)
    assert life.grace_ends_at == expires + timedelta(days=grace)
    assert life.redemption_ends_at == expires + timedelta(days=grace + redemption)
    assert life.deletion_at == life.redemption_ends_at + timedelta(days=5)
    assert life.status_at(expires - timedelta(seconds=1)) is None
    assert life.status_at(expires) == DomainStatus.EXPIRED
    expected = DomainStatus.REDEMPTION if redemption else DomainStatus.PENDING_DELETE
    assert life.status_at(life.grace_ends_at) == expected
    assert life.status_at(life.deletion_at) == DomainStatus.DELETED


def test_reminders_30_7_1_days_before_and_once_after() -> None:
    expires = datetime(2027, 1, 1, tzinfo=UTC)
    life = rules.lifecycle(suffix("com"), expires)
    assert [d for _, d in life.reminders()] == [30, 7, 1, -1]
    assert life.next_after(expires - timedelta(days=31)) == expires - timedelta(days=30)
    assert life.next_after(life.deletion_at) is None

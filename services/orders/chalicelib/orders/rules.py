"""Pure business rules of orders: prices, promo codes, periods, eligibility, transitions,
the domain lifecycle. No IO and no clock reads: time is passed in."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.orders import errors
from chalicelib.orders.model import DomainStatus, OrderItem, OrderStatus, PromoCode
from registrar_shared.catalogue import Suffix
from registrar_shared.clock import parse_iso

MAX_TERM_YEARS = 10
PAYMENT_WINDOW = timedelta(hours=24)
NAMING_REVIEW_WINDOW = timedelta(days=5)
REMINDER_DAYS_BEFORE = (30, 7, 1)
REMINDER_DAYS_AFTER = 1          # one reminder within the first 5 days after expiry
PENDING_DELETE_DAYS = 5

TRANSITIONS: dict[OrderStatus, set[OrderStatus]] = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.PAID, OrderStatus.CANCELLED},
    OrderStatus.PAID: {OrderStatus.PROCESSING},
    OrderStatus.PROCESSING: {OrderStatus.SUCCEEDED, OrderStatus.PARTIALLY_SUCCEEDED,
                             OrderStatus.FAILED},
    # a qualification review that fails after the order closed refunds an item
    OrderStatus.SUCCEEDED: {OrderStatus.PARTIALLY_SUCCEEDED, OrderStatus.FAILED},
    OrderStatus.PARTIALLY_SUCCEEDED: {OrderStatus.FAILED},
}


def allowed_transition(current: OrderStatus, target: OrderStatus) -> bool:
    return target in TRANSITIONS.get(current, set())


def item_price(suffix: Suffix, site: str, years: int, action: str, *,
               redemption: bool = False) -> int:
    """First year at the register price and further years at the renew price; renewals at
    the renew price (plus the redemption fee while in redemption). Minor units."""
    price = suffix.price(site)
    if action == "register":
        return price.register_price + (years - 1) * price.renew
    return years * price.renew + (price.redemption if redemption else 0)


def verify_period(suffix: Suffix, years: int, action: str, *, now: datetime,
                  current_expiry: datetime | None = None) -> None:
    """Raises: InvalidPeriod (outside the suffix's range, or a total term over 10 years),
    with the allowed range in ``Details``."""
    high = min(suffix.max_years, MAX_TERM_YEARS)
    if not suffix.min_years <= years <= high:
        raise _invalid_period(suffix, years, high)
    if action == "renew" and current_expiry is not None:
        # A renewal extends the current expiry (also during grace/redemption).
        if add_years(current_expiry, years) > add_years(now, MAX_TERM_YEARS):
            raise _invalid_period(suffix, years, high)


def _invalid_period(suffix: Suffix, years: int, high: int) -> errors.InvalidPeriod:
    return errors.InvalidPeriod(details={"min_years": suffix.min_years, "max_years": high},
                                domain=suffix.suffix, years=years, low=suffix.min_years,
                                high=high)


def add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def cnnic_eligible(site: str, region: str, holder_type: str) -> bool:
    """PRODUCT.md §7: China site: mainland both; Hong Kong/Macau enterprises only; Taiwan and
    other regions neither. International site: everyone."""
    if site == "intl":
        return True
    if region == "mainland":
        return True
    if region in ("hong_kong", "macau"):
        return holder_type == "enterprise"
    return False


def promo_discount(promo: PromoCode, items: list[OrderItem], *, currency: str,
                   now: datetime, uses_so_far: int) -> list[int]:
    """Discount per item (same order as ``items``), allocated exactly to the fen.

    Raises: PromoCodeInvalid (unknown window, used up, wrong currency, nothing in scope).
    """
    if not parse_iso(promo.starts_at) <= now <= parse_iso(promo.ends_at):
        raise errors.PromoCodeInvalid(code=promo.code, reason="expired or not yet valid")
    if uses_so_far >= promo.per_account_limit:
        raise errors.PromoCodeInvalid(code=promo.code, reason="already used")
    if promo.kind == "fixed" and promo.currency != currency:
        raise errors.PromoCodeInvalid(code=promo.code, reason=f"not valid for {currency}")
    eligible = [i for i, item in enumerate(items)
                if not promo.suffixes or item.suffix in promo.suffixes]
    if not eligible:
        raise errors.PromoCodeInvalid(code=promo.code, reason="no item in its scope")
    base = sum(items[i].amount for i in eligible)
    if promo.kind == "percent":
        total = base * promo.value // 100
    else:
        total = min(promo.value, base)
    return allocate(total, [items[i].amount if i in eligible else 0
                            for i in range(len(items))])


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` over ``weights`` proportionally; shares sum exactly to ``total``."""
    whole = sum(weights)
    if whole == 0 or total == 0:
        return [0] * len(weights)
    shares = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(shares)]:
        shares[i] += 1
    return shares


def review_failure_message(missing: list[str], *, refusal: str | None) -> str:
    """Why a qualification review failed (the refund's failure message)."""
    days = NAMING_REVIEW_WINDOW.days
    text = f"No approved {' and '.join(missing)} within {days} days"
    return f"{text} (the last document was refused: {refusal})" if refusal else text


def fingerprint(body: Any) -> str:
    """A stable hash of a request body, to tell a repeated request from a different one."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def order_outcome(statuses: list[str]) -> OrderStatus:
    succeeded = sum(1 for s in statuses if s == "succeeded")
    if succeeded == len(statuses):
        return OrderStatus.SUCCEEDED
    return OrderStatus.PARTIALLY_SUCCEEDED if succeeded else OrderStatus.FAILED


@dataclass(frozen=True)
class Lifecycle:
    """Dates of a domain's life after expiry (PRODUCT.md §7)."""

    expires_at: datetime
    grace_ends_at: datetime
    redemption_ends_at: datetime
    deletion_at: datetime

    def status_at(self, now: datetime) -> DomainStatus | None:
        """The expiry-driven status at ``now``, or None while not expired."""
        if now < self.expires_at:
            return None
        if now < self.grace_ends_at:
            return DomainStatus.EXPIRED
        if now < self.redemption_ends_at:
            return DomainStatus.REDEMPTION
        if now < self.deletion_at:
            return DomainStatus.PENDING_DELETE
        return DomainStatus.DELETED

    def reminders(self) -> list[tuple[datetime, int]]:
        """(when, days_left) of each expiry reminder: 30, 7, 1 days before, 1 day after."""
        before = [(self.expires_at - timedelta(days=d), d) for d in REMINDER_DAYS_BEFORE]
        return before + [(self.expires_at + timedelta(days=REMINDER_DAYS_AFTER),
                          -REMINDER_DAYS_AFTER)]

    def milestones(self) -> list[datetime]:
        return sorted([t for t, _ in self.reminders()] + [
            self.expires_at, self.grace_ends_at, self.redemption_ends_at, self.deletion_at])

    def next_after(self, now: datetime) -> datetime | None:
        return next((t for t in self.milestones() if t > now), None)


def lifecycle(suffix: Suffix, expires_at: datetime) -> Lifecycle:
    grace_end = expires_at + timedelta(days=suffix.grace_days)
    redemption_end = grace_end + timedelta(days=suffix.redemption_days)
    return Lifecycle(expires_at=expires_at, grace_ends_at=grace_end,
                     redemption_ends_at=redemption_end,
                     deletion_at=redemption_end + timedelta(days=PENDING_DELETE_DAYS))

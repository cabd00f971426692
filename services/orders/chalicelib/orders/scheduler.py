"""Scheduled work: every deadline that has passed, each item on its own.

The due table (``PK=DUE``) holds what must happen at a time: unpaid-order cancellation,
naming-review expiry, lifecycle milestones and pending provider refunds. Each kind has one
handler. A failing item never blocks the others: it is moved later with exponential back-off
and, after ``MAX_ATTEMPTS``, parked (``PK=PARKED``) where an operator sees it
(``python -m infra.admin parked``). A kind nobody handles is parked at once and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from chalicelib.orders import fulfilment, refunds
from chalicelib.orders.fulfilment import Deps
from chalicelib.orders.repository import DueItem
from registrar_shared.clock import iso

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)

_log = logging.getLogger("orders.scheduler")


def _refund(ident: str, deps: Deps) -> object:
    return refunds.complete_refund(ident, orders=deps.orders, provider=deps.provider,
                                   publisher=deps.publisher, clock=deps.clock)


HANDLERS: dict[str, Callable[[str, Deps], object]] = {
    "order_payment": fulfilment.cancel_unpaid,
    "naming_review": fulfilment.expire_naming_review,
    "lifecycle": fulfilment.advance_lifecycle,
    refunds.KIND: _refund,
}


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the ``attempts``-th failure: 1, 2, 4 … minutes, at most 6 hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def process_due_work(deps: Deps, *, limit: int = 100) -> int:
    """Run every item due now. Returns how many were handled (done, retried or parked)."""
    now = deps.clock.now()
    items = deps.orders.due(iso(now), limit=limit)
    for item in items:
        run_item(item, deps)
    return len(items)


def run_item(item: DueItem, deps: Deps) -> bool:
    """Run one due item; returns whether it is done. Failures are retried later or parked,
    never raised: one bad item must not stop the schedule for everyone."""
    handler = HANDLERS.get(item.kind)
    now = deps.clock.now()
    if handler is None:
        _log.error("no handler for due work of kind %r (%s): parked", item.kind, item.ident)
        deps.orders.park_due(item, f"unknown kind {item.kind!r}", iso(now))
        return False
    try:
        handler(item.ident, deps)
    except Exception as error:  # isolation boundary: any failure of one item stays its own
        attempts = item.attempts + 1
        reason = f"{type(error).__name__}: {error}"
        if attempts >= MAX_ATTEMPTS:
            _log.exception("due %s %s failed %d times: parked", item.kind, item.ident, attempts)
            deps.orders.park_due(item, reason, iso(now))
        else:
            _log.warning("due %s %s failed (attempt %d): %s", item.kind, item.ident, attempts,
                         reason)
            deps.orders.retry_due(item, iso(now + retry_delay(attempts)), reason)
        return False
    deps.orders.drop_due(item)
    return True

"""`--calendar`: run the suite on another day, to find tests that only pass on today's date.

Every clock the code under test reads (``datetime.now``, ``date.today``, ``time.time``: the
platform's ``SystemClock``, moto's timestamps, botocore's signing, and ``FakeClock()``'s
default start) is moved by time-machine for the whole session and keeps ticking from there.
Monotonic clocks are not moved, so time-outs and benchmarks are unaffected.

    pytest tests/unit --calendar=+400d        # a year and a month ahead
    pytest tests/unit --calendar=leap-day     # the next 29 February, at today's time of day
    pytest tests/unit --calendar=2031-12-31   # any date (today's time of day) or ISO datetime

The e2e layer runs a moto_server process the shift cannot reach; it is meant for the
in-process layers (unit, contract, integration).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

_OFFSET = re.compile(r"^([+-]\d+)d$")


def destination(spec: str, now: datetime) -> datetime:
    """Where ``--calendar=spec`` moves ``now`` (an aware UTC datetime)."""
    if offset := _OFFSET.match(spec):
        return now + timedelta(days=int(offset.group(1)))
    if spec == "leap-day":
        return now.replace(year=next_leap_day(now.date()).year, month=2, day=29)
    try:
        moment = datetime.fromisoformat(spec)
    except ValueError:
        raise pytest.UsageError(
            f"--calendar={spec!r}: expected +Nd, -Nd, leap-day or an ISO date") from None
    if len(spec) == 10:  # a bare date keeps today's time of day
        moment = datetime.combine(moment.date(), now.timetz())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def next_leap_day(today: date) -> date:
    """The first 29 February strictly after ``today``."""
    year = today.year if (today.month, today.day) < (2, 29) else today.year + 1
    while True:
        try:
            return date(year, 2, 29)
        except ValueError:
            year += 1


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--calendar", default=None, metavar="SHIFT",
                     help="move every wall clock for the whole run: +Nd, leap-day or a date")


def pytest_configure(config: pytest.Config) -> None:
    spec = config.getoption("calendar")
    if not spec:
        return
    moved = destination(spec, datetime.now(UTC))
    traveller = time_machine.travel(moved, tick=True)
    traveller.start()
    config.stash[_TRAVELLER] = traveller
    config.stash[_MOVED] = moved


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    moved = config.stash.get(_MOVED, None)
    return f"calendar moved to {moved.isoformat()}" if moved else None


_TRAVELLER = pytest.StashKey[time_machine.travel]()
_MOVED = pytest.StashKey[datetime]()

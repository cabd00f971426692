from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """A clock that moves only when told. By default it starts at the real now, so a scenario
    that also touches code on the system clock (an API call, moto's timestamps) agrees with it
    on every calendar day; pass ``now`` for a scenario that is entirely on this clock."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime.now(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)

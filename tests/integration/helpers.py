"""Helpers for integration tests: seeded demo accounts inside in-process moto."""

from __future__ import annotations

from infra.devstack import seed


def demo_accounts() -> dict[str, str]:
    """Seed the demo accounts (and each service's seed data); return name -> API key."""
    seed.seed_all()
    return {account.name: account.api_key for account in seed.DEMO_ACCOUNTS}

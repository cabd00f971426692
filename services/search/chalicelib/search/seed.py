"""Local seed data of the search service: the simulated registry's taken and reserved names."""

from __future__ import annotations

from chalicelib.search import wiring
from registrar_shared.auth import Principal
from registrar_shared.registry.seed import seed_registry
from registrar_shared.registry.simulated import SimulatedRegistry


def seed(accounts: list[Principal]) -> None:
    registry = wiring.get_registry()
    if isinstance(registry, SimulatedRegistry):
        seed_registry(registry)

from tests.integration.registry.fixtures import shared_moto

__all__ = ["shared_moto"]

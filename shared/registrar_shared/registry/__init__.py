"""The registry adapter: one interface (base.Registry), the local simulated registry behind
it (simulated.SimulatedRegistry) and its seed data (seed.seed_registry)."""

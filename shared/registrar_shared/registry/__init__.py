"""The registry adapter: one interface, and the local simulated registry behind it."""

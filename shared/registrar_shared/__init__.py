"""Shared code of the registrar services: settings, AWS clients, errors, events, auth."""

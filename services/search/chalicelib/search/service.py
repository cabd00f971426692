"""Search use cases."""

from __future__ import annotations

from registrar_shared import catalogue
from registrar_shared.catalogue import Suffix


def list_suffixes() -> tuple[Suffix, ...]:
    return catalogue.load().suffixes

"""Process-wide lazy singletons (clients, tables, settings) that tests can reset together."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_registry: list[Any] = []


def singleton(factory: Callable[[], T]) -> Callable[[], T]:
    """Cache a zero-argument factory; ``reset_all()`` forgets every cached value."""
    cached = functools.cache(factory)
    _registry.append(cached)
    return cached


def reset_all() -> None:
    from registrar_shared import aws

    aws.reset()
    for cached in _registry:
        cached.cache_clear()

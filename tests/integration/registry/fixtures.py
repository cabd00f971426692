"""A moto world shared by the tests of one module (bootstrapping costs ~1.5 s a test).

Only for tests that leave the world as they found it, or that clean up what they touch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import moto_world


@pytest.fixture(scope="module")
def shared_moto() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch, moto_world(patch):
        yield

"""A moto world shared by the tests of one module (bootstrapping costs ~1.5 s a test).

Only for tests that leave the world as they found it, or that clean up what they touch."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from moto import mock_aws

from infra.bootstrap import bootstrap
from infra.devstack import apps
from registrar_shared import lazy
from tests.conftest import FAKE_AWS


@pytest.fixture(scope="module")
def shared_moto() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("AWS_ENDPOINT_URL"):
                patch.delenv(name)
        for name, value in {**FAKE_AWS, **apps.platform_environment("local")}.items():
            patch.setenv(name, value)
        with mock_aws():
            lazy.reset_all()
            bootstrap(visibility_timeout=1, callback_secret="test-callback-secret")
            yield
        lazy.reset_all()

"""Fixtures shared by every suite: in-process moto built from the resource definition,
and the service apps loaded under unique module names."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

import pytest
from moto import mock_aws

from infra.bootstrap import bootstrap
from infra.devstack import apps
from registrar_shared import lazy

FAKE_AWS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
}


@contextmanager
def moto_world(patch: pytest.MonkeyPatch) -> Iterator[None]:
    """In-process moto with every table, queue, topic, bucket and secret of the definition,
    fake credentials and every service's local variables; never a real endpoint."""
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


@pytest.fixture
def moto(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fresh moto world for one test."""
    with moto_world(monkeypatch):
        yield


def load_app(service: str) -> ModuleType:
    return apps.load_module(service)

import dataclasses

import pytest

from registrar_shared.config import PlatformSettings, Settings
from registrar_shared.errors import ConfigurationError


@dataclasses.dataclass(frozen=True, kw_only=True)
class ExampleSettings(PlatformSettings):
    orders_table_name: str
    max_items: int = 10
    verbose: bool = False


BASE = {"ACCOUNTS_TABLE_NAME": "a", "EVENTS_TOPIC_NAME": "t", "ORDERS_TABLE_NAME": "o"}


def test_settings_read_from_the_environment() -> None:
    settings = ExampleSettings.from_env({**BASE, "MAX_ITEMS": "3", "VERBOSE": "true"})
    assert settings.orders_table_name == "o"
    assert settings.max_items == 3
    assert settings.verbose is True
    assert settings.stage == "local" and settings.local


def test_missing_variables_are_named() -> None:
    with pytest.raises(ConfigurationError, match="ORDERS_TABLE_NAME"):
        ExampleSettings.from_env({"ACCOUNTS_TABLE_NAME": "a", "EVENTS_TOPIC_NAME": "t"})


def test_bad_integer_names_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="MAX_ITEMS"):
        ExampleSettings.from_env({**BASE, "MAX_ITEMS": "many"})


def test_settings_are_frozen() -> None:
    settings = ExampleSettings.from_env(BASE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.max_items = 5  # type: ignore[misc]


def test_base_settings_without_fields() -> None:
    assert Settings.from_env({}) == Settings()

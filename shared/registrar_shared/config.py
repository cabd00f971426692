"""Settings read from the environment once, failing fast with the missing variable's name."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from registrar_shared.errors import ConfigurationError

T = TypeVar("T", bound="Settings")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Settings:
    """Base for a service's settings: each field is read from the upper-cased env variable.

    Fields with defaults are optional; fields without are required. Integer and boolean
    fields are converted; a bad value is a configuration error naming the variable.
    """

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Self:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        missing: list[str] = []
        for f in dataclasses.fields(cls):
            var = f.name.upper()
            raw = env.get(var)
            if raw is None or raw == "":
                has_default = (f.default is not dataclasses.MISSING
                               or f.default_factory is not dataclasses.MISSING)
                if not has_default:
                    missing.append(var)
                continue
            values[f.name] = _convert(var, raw, f.type)
        if missing:
            raise ConfigurationError(f"missing environment variable(s): {', '.join(missing)}")
        return cls(**values)


def _convert(var: str, raw: str, annotation: Any) -> Any:
    kind = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    if kind == "int":
        try:
            return int(raw)
        except ValueError as exc:
            raise ConfigurationError(f"{var} must be an integer, got {raw!r}") from exc
    if kind == "bool":
        if raw.lower() in ("1", "true", "yes"):
            return True
        if raw.lower() in ("0", "false", "no"):
            return False
        raise ConfigurationError(f"{var} must be true or false, got {raw!r}")
    return raw


@dataclasses.dataclass(frozen=True, kw_only=True)
class PlatformSettings(Settings):
    """What every service needs: the accounts table, the event topic, the stage."""

    accounts_table_name: str
    events_topic_name: str
    stage: str = "local"

    @property
    def local(self) -> bool:
        return self.stage == "local"

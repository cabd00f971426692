"""``Idempotency-Key`` for creating POSTs: a repeat with the same key and body returns the
first response; the same key with another body is 409 ``IdempotencyKeyReused``.

Built on Powertools idempotency (a conditional put of an in-progress record, completed with
the response; deleted again if the request fails, so only successes are replayed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyPersistenceLayerError,
    IdempotencyValidationError,
)
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer

from chalicelib.realname.errors import IdempotencyKeyInProgress, InvalidIdempotencyKey
from registrar_shared.errors import DependencyUnavailable, IdempotencyKeyReused

KEY = re.compile(r"[\x21-\x7e]{1,128}")
REPLAY_SECONDS = 24 * 3600

Json = dict[str, Any]


class Idempotency(Protocol):
    def run(self, *, key: str | None, scope: str, payload: Json, compute: Callable[[], Json],
            lambda_context: Any = None) -> Json: ...


def verify_key(key: str) -> None:
    if not KEY.fullmatch(key):
        raise InvalidIdempotencyKey()


class PowertoolsIdempotency:
    def __init__(self, persistence: BasePersistenceLayer) -> None:
        self._persistence = persistence

    def run(self, *, key: str | None, scope: str, payload: Json, compute: Callable[[], Json],
            lambda_context: Any = None) -> Json:
        """Raises: InvalidIdempotencyKey, IdempotencyKeyReused, IdempotencyKeyInProgress,
        DependencyUnavailable (the store), and whatever ``compute`` raises (nothing is
        stored then)."""
        if key is None:
            return compute()
        verify_key(key)
        config = IdempotencyConfig(event_key_jmespath="key",
                                   payload_validation_jmespath="payload",
                                   expires_after_seconds=REPLAY_SECONDS)
        if hasattr(lambda_context, "get_remaining_time_in_millis"):
            config.register_lambda_context(lambda_context)

        @idempotent_function(data_keyword_argument="request", persistence_store=self._persistence,
                             config=config, key_prefix="realname-http")
        def once(request: Json) -> Json:
            return compute()

        try:
            return dict(once(request={"key": f"{scope}#{key}", "payload": payload}))
        except IdempotencyValidationError as exc:
            raise IdempotencyKeyReused() from exc
        except IdempotencyAlreadyInProgressError as exc:
            raise IdempotencyKeyInProgress() from exc
        except IdempotencyPersistenceLayerError as exc:
            raise DependencyUnavailable(details={"store": "idempotency"}) from exc

"""Reading the platform accounts table (GetItem only) for contact defaults and RAM owners."""

from __future__ import annotations

from typing import Any, Protocol

from botocore.exceptions import ClientError

from registrar_shared.auth import DynamoAccountStore
from registrar_shared.dynamo import unavailable


class AccountDirectory(Protocol):
    def get_account(self, account_id: str) -> dict[str, Any] | None: ...


class PlatformAccounts:
    def __init__(self, store: DynamoAccountStore) -> None:
        self._store = store

    def get_account(self, account_id: str) -> dict[str, Any] | None:
        """Raises: DependencyUnavailable."""
        try:
            return self._store.get_account(account_id)
        except ClientError as error:
            raise unavailable(error) from error

"""Orders table access. Access patterns:
  balance of an account   PK=ACCOUNT#<id>   SK=#BALANCE
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from botocore.exceptions import ClientError

from registrar_shared.clock import iso
from registrar_shared.dynamo import is_conditional_failure, unavailable


class BalanceRepository(Protocol):
    def balance(self, account_id: str) -> int: ...


class DynamoBalanceRepository:
    def __init__(self, table: Any) -> None:
        self._table = table

    @staticmethod
    def key(account_id: str) -> dict[str, str]:
        return {"PK": f"ACCOUNT#{account_id}", "SK": "#BALANCE"}

    def balance(self, account_id: str) -> int:
        try:
            item = self._table.get_item(Key=self.key(account_id)).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        return int(item["balance"]) if item else 0

    def open(self, account_id: str, amount: int, currency: str, now: datetime) -> bool:
        """Credit an opening balance once; False if the account already has one."""
        try:
            self._table.put_item(
                Item={**self.key(account_id), "entity": "balance", "account_id": account_id,
                      "balance": amount, "currency": currency, "version": 1,
                      "created_at": iso(now), "updated_at": iso(now)},
                ConditionExpression="attribute_not_exists(PK)")
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

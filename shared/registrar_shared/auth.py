"""API-key authentication shared by every service.

Keys are random 32-byte tokens; only their SHA-256 is stored (a high-entropy secret needs no
slow hash). One GetItem on the key hash returns everything a request needs.

Accounts table access patterns:
  account            PK=ACCOUNT#<id>      SK=#ACCOUNT
  key -> account     PK=APIKEY#<sha256>   SK=#APIKEY
  RAM users of main  GSI1PK=PARENT#<id>   GSI1SK=ACCOUNT#<id>
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from botocore.exceptions import ClientError

from registrar_shared.clock import iso
from registrar_shared.dynamo import is_conditional_failure, unavailable
from registrar_shared.errors import Conflict, RamUserForbidden, Unauthorized

Site = Literal["cn", "intl"]
Kind = Literal["main", "ram"]
CURRENCY: dict[str, str] = {"cn": "CNY", "intl": "USD"}


@dataclass(frozen=True)
class Principal:
    account_id: str
    kind: Kind
    site: Site
    parent_id: str | None = None
    name: str = ""

    @property
    def owner_id(self) -> str:
        """The main account that owns resources; a RAM user acts for its parent."""
        return self.parent_id if self.kind == "ram" and self.parent_id else self.account_id

    @property
    def currency(self) -> str:
        return CURRENCY[self.site]

    def require_main(self) -> None:
        if self.kind != "main":
            raise RamUserForbidden()


class AccountExists(Conflict):
    message_en = "Account {account_id} already exists"
    message_zh = "账号 {account_id} 已存在"


class AccountStore(Protocol):
    def principal_for_key_hash(self, key_hash: str) -> Principal | None: ...


def hash_key(api_key: str) -> str:
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def new_api_key() -> str:
    return "rk_" + secrets.token_urlsafe(32)


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate(authorization: str | None, store: AccountStore) -> Principal:
    """Raises: Unauthorized (missing, malformed or unknown key)."""
    token = bearer_token(authorization)
    if token is None or len(token) > 200:
        raise Unauthorized()
    principal = store.principal_for_key_hash(hash_key(token))
    if principal is None:
        raise Unauthorized()
    return principal


class DynamoAccountStore:
    def __init__(self, table: Any) -> None:
        self._table = table

    def principal_for_key_hash(self, key_hash: str) -> Principal | None:
        try:
            item = self._table.get_item(
                Key={"PK": f"APIKEY#{key_hash}", "SK": "#APIKEY"}).get("Item")
        except ClientError as error:
            raise unavailable(error) from error
        if not item:
            return None
        return Principal(account_id=item["account_id"], kind=item["kind"], site=item["site"],
                         parent_id=item.get("parent_id"), name=item.get("name", ""))

    def get_account(self, account_id: str) -> dict[str, Any] | None:
        item = self._table.get_item(
            Key={"PK": f"ACCOUNT#{account_id}", "SK": "#ACCOUNT"}).get("Item")
        return dict(item) if item else None

    def create_account(self, *, kind: Kind, site: Site, name: str, now: datetime,
                       parent_id: str | None = None, account_id: str | None = None,
                       api_key: str | None = None, email: str = "", phone: str = ""
                       ) -> tuple[Principal, str]:
        """Create an account with one API key (both conditional, in one transaction).

        Raises: AccountExists.
        """
        if kind == "ram" and not parent_id:
            raise ValueError("a RAM user needs its main account (parent_id)")
        account_id = account_id or f"acc-{uuid.uuid4().hex[:16]}"
        api_key = api_key or new_api_key()
        principal = Principal(account_id=account_id, kind=kind, site=site,
                              parent_id=parent_id, name=name)
        common = {"account_id": account_id, "kind": kind, "site": site, "name": name,
                  "created_at": iso(now)}
        if parent_id:
            common["parent_id"] = parent_id
        account_item = {"PK": f"ACCOUNT#{account_id}", "SK": "#ACCOUNT", "entity": "account",
                        **common, "email": email, "phone": phone,
                        "key_prefix": api_key[:8]}
        if parent_id:
            account_item |= {"GSI1PK": f"PARENT#{parent_id}", "GSI1SK": f"ACCOUNT#{account_id}"}
        key_item = {"PK": f"APIKEY#{hash_key(api_key)}", "SK": "#APIKEY", "entity": "api_key",
                    **common}
        client = self._table.meta.client
        try:
            client.transact_write_items(TransactItems=[
                {"Put": {"TableName": self._table.name, "Item": account_item,
                         "ConditionExpression": "attribute_not_exists(PK)"}},
                {"Put": {"TableName": self._table.name, "Item": key_item,
                         "ConditionExpression": "attribute_not_exists(PK)"}},
            ])
        except ClientError as error:
            if is_conditional_failure(error):
                raise AccountExists(account_id=account_id) from error
            raise unavailable(error) from error
        return principal, api_key

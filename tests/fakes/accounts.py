from __future__ import annotations

from registrar_shared.auth import Principal, hash_key


class InMemoryAccountStore:
    def __init__(self) -> None:
        self._by_hash: dict[str, Principal] = {}

    def add(self, api_key: str, principal: Principal) -> None:
        self._by_hash[hash_key(api_key)] = principal

    def principal_for_key_hash(self, key_hash: str) -> Principal | None:
        return self._by_hash.get(key_hash)

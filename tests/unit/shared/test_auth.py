import pytest

from registrar_shared import auth
from registrar_shared.errors import RamUserForbidden, Unauthorized
from tests.fakes.accounts import InMemoryAccountStore

MAIN = auth.Principal(account_id="m1", kind="main", site="cn")
RAM = auth.Principal(account_id="r1", kind="ram", site="cn", parent_id="m1")


@pytest.fixture
def store() -> InMemoryAccountStore:
    store = InMemoryAccountStore()
    store.add("rk_main", MAIN)
    store.add("rk_ram", RAM)
    return store


def test_bearer_key_resolves_to_its_account(store: InMemoryAccountStore) -> None:
    assert auth.authenticate("Bearer rk_main", store) == MAIN
    assert auth.authenticate("bearer  rk_ram ", store) == RAM


@pytest.mark.parametrize("header", [None, "", "Bearer", "Basic rk_main", "rk_main",
                                    "Bearer unknown", "Bearer " + "x" * 500])
def test_missing_malformed_or_unknown_keys_are_unauthorized(
        store: InMemoryAccountStore, header: str | None) -> None:
    with pytest.raises(Unauthorized):
        auth.authenticate(header, store)


def test_keys_are_stored_hashed() -> None:
    key = auth.new_api_key()
    assert key.startswith("rk_") and len(key) > 40
    assert auth.hash_key(key) != key and len(auth.hash_key(key)) == 64
    assert auth.new_api_key() != key


def test_ram_user_acts_for_its_main_account() -> None:
    assert RAM.owner_id == "m1"
    assert MAIN.owner_id == "m1"
    MAIN.require_main()
    with pytest.raises(RamUserForbidden):
        RAM.require_main()


def test_currency_follows_the_site() -> None:
    assert MAIN.currency == "CNY"
    assert auth.Principal(account_id="i", kind="main", site="intl").currency == "USD"

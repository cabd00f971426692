"""Orders use cases."""

from __future__ import annotations

from chalicelib.orders.api import AccountView
from chalicelib.orders.repository import BalanceRepository
from registrar_shared.auth import Principal


def describe_account(principal: Principal, *, balances: BalanceRepository) -> AccountView:
    """The caller's account; a RAM user sees its main account's balance."""
    return AccountView(account_id=principal.account_id, site=principal.site,
                       kind=principal.kind, parent_id=principal.parent_id,
                       balance=balances.balance(principal.owner_id),
                       currency=principal.currency)

"""Orders service: accounts' balances, carts, orders, payments, domains and renewals."""

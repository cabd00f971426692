"""Operator commands against the running local platform (reads .local/stack.json).

  python -m infra.admin create-account --kind main --site intl --name acme [--balance 5000]
  python -m infra.admin create-account --kind ram --parent demo-cn-main --name dev1
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Any

from infra.devstack.apps import ROOT, platform_environment
from infra.devstack.stack import local_aws_environment, state_file
from registrar_shared import auth, aws
from registrar_shared.clock import SystemClock, iso
from registrar_shared.resources import TABLES


def create_account(*, kind: str, site: str, name: str, parent: str | None = None,
                   email: str = "", phone: str = "", balance: float = 0) -> dict[str, Any]:
    """Create an account (and its opening balance) in the running platform's state.

    Raises: ValueError (a RAM user without a valid main account), AccountExists.
    """
    store = auth.DynamoAccountStore(aws.table(TABLES.accounts))
    if kind == "ram":
        main_account = store.get_account(parent) if parent else None
        if main_account is None or main_account["kind"] != "main":
            raise ValueError(f"a RAM user needs an existing main account (got {parent!r})")
        site = main_account["site"]
    principal, key = store.create_account(kind=kind, site=site, name=name,  # type: ignore[arg-type]
                                          parent_id=parent if kind == "ram" else None,
                                          now=SystemClock().now(), email=email, phone=phone)
    if kind == "main" and balance:
        orders_wiring = importlib.import_module("chalicelib.orders.wiring")
        orders_wiring.get_orders().open_balance(principal.account_id, round(balance * 100),
                                                principal.currency, iso(SystemClock().now()))
    return {"account_id": principal.account_id, "kind": principal.kind,
            "site": principal.site, "parent_id": principal.parent_id, "api_key": key}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.admin")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-account", help="create an account and print its key")
    create.add_argument("--kind", choices=["main", "ram"], required=True)
    create.add_argument("--site", choices=["cn", "intl"], default="cn")
    create.add_argument("--name", required=True)
    create.add_argument("--parent", help="main account id (RAM users)")
    create.add_argument("--email")
    create.add_argument("--phone")
    create.add_argument("--balance", type=float, default=0,
                        help="opening balance in major units (main accounts)")
    args = parser.parse_args(argv)
    state = state_file()
    if not state.exists():
        print(f"the local platform is not running (no {state}): run `make run`",
              file=sys.stderr)
        return 1
    stack = json.loads(state.read_text(encoding="utf-8"))
    os.environ.update(local_aws_environment(stack["aws_endpoint_url"]))
    os.environ.update(platform_environment("local"))
    sys.path.append(str(ROOT / "services" / "orders"))
    try:
        created = create_account(kind=args.kind, site=args.site, name=args.name,
                                 parent=args.parent, email=args.email or "",
                                 phone=args.phone or "", balance=args.balance)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(json.dumps(created, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

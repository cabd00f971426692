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

from infra.devstack.apps import ROOT, platform_environment
from infra.devstack.stack import local_aws_environment, state_file
from registrar_shared import auth, aws
from registrar_shared.clock import SystemClock, iso
from registrar_shared.resources import TABLES


def create_account(args: argparse.Namespace) -> int:
    store = auth.DynamoAccountStore(aws.table(TABLES.accounts))
    site = args.site
    if args.kind == "ram":
        if not args.parent:
            print("a RAM user needs --parent <main account id>", file=sys.stderr)
            return 2
        parent = store.get_account(args.parent)
        if parent is None or parent["kind"] != "main":
            print(f"no main account {args.parent}", file=sys.stderr)
            return 2
        site = parent["site"]
    principal, key = store.create_account(kind=args.kind, site=site, name=args.name,
                                          parent_id=args.parent if args.kind == "ram" else None,
                                          now=SystemClock().now(), email=args.email or "",
                                          phone=args.phone or "")
    if args.kind == "main" and args.balance:
        orders_wiring = importlib.import_module("chalicelib.orders.wiring")
        orders_wiring.get_orders().open_balance(principal.account_id, round(args.balance * 100),
                                                principal.currency, iso(SystemClock().now()))
    print(json.dumps({"account_id": principal.account_id, "kind": principal.kind,
                      "site": principal.site, "parent_id": principal.parent_id,
                      "api_key": key}, ensure_ascii=False))
    return 0


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
    return create_account(args)


if __name__ == "__main__":
    sys.exit(main())

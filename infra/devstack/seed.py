"""Seed data of the local platform: demo accounts, then each service's own seed.

Demo keys are fixed so the README's curl examples work verbatim; they exist only in the
local moto state. Real accounts get random keys (``python -m infra.admin``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from infra.devstack.apps import SERVICES, service_dir
from registrar_shared import auth, aws
from registrar_shared.clock import SystemClock
from registrar_shared.resources import TABLES


@dataclass(frozen=True)
class DemoAccount:
    name: str
    account_id: str
    kind: auth.Kind
    site: auth.Site
    api_key: str
    parent_id: str | None = None
    email: str = ""
    phone: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("cn-main", "demo-cn-main", "main", "cn", "rk_demo_cn_main_local_only",
                email="cn-main@example.com", phone="+8613800000001"),
    DemoAccount("cn-ram", "demo-cn-ram", "ram", "cn", "rk_demo_cn_ram_local_only",
                parent_id="demo-cn-main", email="cn-ram@example.com", phone="+8613800000002"),
    DemoAccount("intl-main", "demo-intl-main", "main", "intl", "rk_demo_intl_main_local_only",
                email="intl-main@example.com", phone="+14155550100"),
)


def seed_accounts() -> list[auth.Principal]:
    store = auth.DynamoAccountStore(aws.table(TABLES.accounts))
    now = SystemClock().now()
    principals = []
    for demo in DEMO_ACCOUNTS:
        try:
            principal, _ = store.create_account(
                kind=demo.kind, site=demo.site, name=demo.name, now=now,
                parent_id=demo.parent_id, account_id=demo.account_id, api_key=demo.api_key,
                email=demo.email, phone=demo.phone)
        except auth.AccountExists:
            principal = auth.Principal(account_id=demo.account_id, kind=demo.kind,
                                       site=demo.site, parent_id=demo.parent_id, name=demo.name)
        principals.append(principal)
    return principals


def seed_services(accounts: list[auth.Principal]) -> list[str]:
    """Run ``chalicelib/<svc>/seed.py:seed(accounts)`` of every service that has one."""
    seeded = []
    for service in SERVICES:
        if (service_dir(service) / "chalicelib" / service / "seed.py").exists():
            module = importlib.import_module(f"chalicelib.{service}.seed")
            module.seed(accounts)
            seeded.append(service)
    return seeded


def seed_all() -> list[auth.Principal]:
    accounts = seed_accounts()
    seed_services(accounts)
    return accounts

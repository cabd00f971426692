"""The customer's domains (portfolio) with their lifecycle dates."""

from __future__ import annotations

from chalicelib.orders import errors, rules
from chalicelib.orders.api import DomainList, DomainView, LifecycleView
from chalicelib.orders.model import Domain
from chalicelib.orders.repository import DynamoOrdersRepository
from registrar_shared import catalogue, naming
from registrar_shared.auth import Principal
from registrar_shared.clock import iso, parse_iso


def _view(domain: Domain, orders: DynamoOrdersRepository, *, with_lifecycle: bool
          ) -> DomainView:
    template = orders.template(domain.template_id)
    lifecycle = None
    suffix = catalogue.load().get(domain.suffix)
    if with_lifecycle and suffix is not None:
        life = rules.lifecycle(suffix, parse_iso(domain.expires_at))
        lifecycle = LifecycleView(expires_at=domain.expires_at,
                                  grace_ends_at=iso(life.grace_ends_at),
                                  redemption_ends_at=iso(life.redemption_ends_at),
                                  deletion_at=iso(life.deletion_at))
    return DomainView.of(domain, template.realname_status if template else "none", lifecycle)


def list_domains(principal: Principal, *, limit: int, token: str | None,
                 orders: DynamoOrdersRepository) -> DomainList:
    """Raises: InvalidNextToken."""
    found, next_token = orders.domains_of(principal.owner_id, limit=limit, token=token)
    return DomainList(domains=[_view(d, orders, with_lifecycle=False) for d in found],
                      next_token=next_token)


def describe_domain(principal: Principal, name: str, *, orders: DynamoOrdersRepository
                    ) -> DomainView:
    """Raises: DomainNotFound (also for another account's domain)."""
    check = naming.check_name(name)
    domain = orders.domain(check.ascii) if check.ascii else None
    if domain is None or domain.account_id != principal.owner_id:
        raise errors.DomainNotFound(domain=name)
    return _view(domain, orders, with_lifecycle=True)

"""The customer's domains (portfolio) with their lifecycle dates; holder transfer (过户) of
proxy-held domains and deregistration of .gov.cn domains."""

from __future__ import annotations

import dataclasses

from chalicelib.orders import errors, rules
from chalicelib.orders.api import DomainList, DomainView, LifecycleView
from chalicelib.orders.model import PROXY_TEMPLATE_ID, Domain, DomainStatus
from chalicelib.orders.repository import (
    ConcurrentUpdate,
    DynamoOrdersRepository,
    TransactionFailed,
)
from chalicelib.orders.service import OutboxPublisher, commit_and_publish, find_template
from registrar_shared import catalogue, naming
from registrar_shared.auth import Principal
from registrar_shared.clock import iso, parse_iso
from registrar_shared.envelope import Event
from registrar_shared.events import DomainDeleted, DomainHolderChanged
from registrar_shared.registry.base import Registry, RegistryObjectNotFound

TRANSFERABLE = (DomainStatus.ACTIVE, DomainStatus.EXPIRED, DomainStatus.REDEMPTION)
DEREGISTRABLE = (DomainStatus.ACTIVE, DomainStatus.SERVER_HOLD, DomainStatus.EXPIRED,
                 DomainStatus.REDEMPTION)
DEREGISTRATION_SUFFIXES = ("gov.cn",)


def _view(domain: Domain, orders: DynamoOrdersRepository, *, with_lifecycle: bool
          ) -> DomainView:
    template = find_template(orders, domain.template_id)
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


def owned_domain(principal: Principal, name: str, orders: DynamoOrdersRepository) -> Domain:
    """Raises: DomainNotFound (also for another account's domain)."""
    check = naming.check_name(name)
    domain = orders.domain(check.ascii) if check.ascii else None
    if domain is None or domain.account_id != principal.owner_id:
        raise errors.DomainNotFound(domain=name)
    return domain


def describe_domain(principal: Principal, name: str, *, orders: DynamoOrdersRepository
                    ) -> DomainView:
    """Raises: DomainNotFound (also for another account's domain)."""
    return _view(owned_domain(principal, name, orders), orders, with_lifecycle=True)


def transfer_holder(principal: Principal, name: str, template_id: str, *,
                    orders: DynamoOrdersRepository, registry: Registry,
                    publisher: OutboxPublisher) -> DomainView:
    """Holder transfer (过户) of a proxy-held domain to one of the account's own real-name
    verified templates: the registry's registrant contact changes, the restriction is
    lifted and ``domain.holder_changed`` is published. Repeating a finished transfer to the
    same template answers the domain again.

    Raises: RamUserForbidden, DomainNotFound, TemplateNotFound, TemplateEmailNotVerified,
            TemplateNotRealnameVerified, DomainNotRestricted, InvalidDomainState,
            CnnicSiteRestricted, ConcurrentUpdate, RegistryError.
    """
    principal.require_main()
    domain = owned_domain(principal, name, orders)
    template = orders.template(template_id) if template_id != PROXY_TEMPLATE_ID else None
    if template is None or template.account_id != principal.owner_id:
        raise errors.TemplateNotFound(template_id=template_id)
    if not template.email_verified:
        raise errors.TemplateEmailNotVerified(template_id=template_id)
    if template.realname_status != "verified":
        raise errors.TemplateNotRealnameVerified(template_id=template_id)
    if not domain.restricted:
        if domain.template_id == template_id:
            return _view(domain, orders, with_lifecycle=True)  # this transfer, repeated
        raise errors.DomainNotRestricted(domain=domain.domain)
    if domain.status not in TRANSFERABLE:
        raise errors.InvalidDomainState(domain=domain.domain, status=str(domain.status))
    suffix = catalogue.load().get(domain.suffix)
    if suffix is not None and suffix.cnnic and not rules.cnnic_eligible(
            principal.site, template.region, template.holder_type):
        raise errors.CnnicSiteRestricted(domain=domain.domain, holder_type=template.holder_type,
                                         region=template.region)
    record = registry.update_holder(domain.ascii, template_id)
    transferred = dataclasses.replace(domain, template_id=template_id, restricted=False,
                                      epp_statuses=record.statuses, version=domain.version + 1)
    event = DomainHolderChanged(domain=domain.domain, ascii=domain.ascii,
                                account_id=domain.account_id, template_id=template_id,
                                previous_template_id=domain.template_id)
    _save(transferred, domain.version, event, orders=orders, publisher=publisher)
    return _view(transferred, orders, with_lifecycle=True)


def deregister(principal: Principal, name: str, *, orders: DynamoOrdersRepository,
               registry: Registry, publisher: OutboxPublisher) -> DomainView:
    """Deregistration (注销) of a .gov.cn domain: deleted at the registry at once, the
    portfolio entry ``deleted`` and ``domain.deleted`` published (DNS removes the zone).
    Nothing is refunded for the unused term.

    Raises: RamUserForbidden, DomainNotFound, DeregistrationNotOffered, InvalidDomainState,
            ConcurrentUpdate, RegistryError.
    """
    principal.require_main()
    domain = owned_domain(principal, name, orders)
    if domain.suffix not in DEREGISTRATION_SUFFIXES:
        raise errors.DeregistrationNotOffered(domain=domain.domain)
    if domain.status not in DEREGISTRABLE:
        raise errors.InvalidDomainState(domain=domain.domain, status=str(domain.status))
    try:
        registry.delete(domain.ascii)
    except RegistryObjectNotFound:
        pass  # deleted by an earlier attempt of this request
    deleted = dataclasses.replace(domain, status=DomainStatus.DELETED, epp_statuses=(),
                                  version=domain.version + 1)
    event = DomainDeleted(domain=domain.domain, ascii=domain.ascii,
                          account_id=domain.account_id, reason="deregistered")
    _save(deleted, domain.version, event, orders=orders, publisher=publisher)
    return _view(deleted, orders, with_lifecycle=False)


def _save(domain: Domain, expected_version: int, event: Event, *,
          orders: DynamoOrdersRepository, publisher: OutboxPublisher) -> None:
    """Raises: ConcurrentUpdate (the domain changed meanwhile; the request may be retried)."""
    tx = orders.transaction()
    orders.put_domain(tx, domain, expected_version)
    try:
        commit_and_publish(orders, tx, [publisher.envelope(event,
                                                           correlation_id=domain.order_id)],
                           publisher)
    except TransactionFailed as failed:
        raise ConcurrentUpdate() from failed

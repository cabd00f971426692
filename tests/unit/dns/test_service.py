"""Use cases with in-memory fakes: concurrency retries, rollback, zone lifecycle."""

from __future__ import annotations

import pytest

from chalicelib.dns import errors, service
from chalicelib.dns.rules import RecordInput
from registrar_shared.auth import Principal
from registrar_shared.events import DomainDeleted, DomainHeld, DomainRegistered, DomainUnheld
from tests.fakes.clock import FakeClock
from tests.fakes.publisher import RecordingPublisher
from tests.unit.dns.fakes import FakeRoute53, InMemoryDns

OWNER = Principal(account_id="acc-1", kind="main", site="cn")
RAM = Principal(account_id="ram-1", kind="ram", site="cn", parent_id="acc-1")
STRANGER = Principal(account_id="acc-2", kind="main", site="cn")


@pytest.fixture
def deps() -> service.Deps:
    clock = FakeClock()
    ids = iter(f"rr-{n}" for n in range(1000))
    return service.Deps(dns=InMemoryDns(), route53=FakeRoute53(),
                        publisher=RecordingPublisher(clock), clock=clock,
                        new_id=lambda: next(ids))


def register(deps: service.Deps, domain: str = "example.com", **extra: object) -> str:
    event = DomainRegistered(domain=domain, ascii=domain, account_id="acc-1", order_id="o-1",
                             template_id="t-1", years=1, expires_at="2027-01-01T00:00:00.000Z",
                             **extra)
    zone = service.create_zone(event, dns=deps.dns, route53=deps.route53,
                               publisher=deps.publisher, clock=deps.clock)
    return zone.zone_id


def a(host: str, value: str) -> RecordInput:
    return RecordInput(host=host, type="A", value=value)


def test_zone_is_created_once_and_announced(deps: service.Deps) -> None:
    first = register(deps)
    second = register(deps)
    assert first == second
    assert deps.publisher.types() == ["dns.zone_created"]


def test_write_is_replanned_when_the_zone_changed_meanwhile(deps: service.Deps) -> None:
    zone_id = register(deps)
    deps.dns.stale_commits = 2
    result = service.create_record("example.com", RAM, a("www", "192.0.2.1"), deps)
    assert result.record is not None and result.record.record_id == "rr-0"
    assert list(deps.route53.user_sets(zone_id)) == [("www.example.com.", "A")]


def test_write_gives_up_with_zone_busy_after_three_stale_attempts(deps: service.Deps) -> None:
    zone_id = register(deps)
    deps.dns.stale_commits = 3
    with pytest.raises(errors.ZoneBusy):
        service.create_record("example.com", OWNER, a("www", "192.0.2.1"), deps)
    assert deps.route53.user_sets(zone_id) == {}


def test_stranger_sees_no_zone(deps: service.Deps) -> None:
    register(deps)
    with pytest.raises(errors.ZoneNotFound):
        service.create_record("example.com", STRANGER, a("www", "192.0.2.1"), deps)


def test_route53_failure_reverts_table_and_half_applied_sets(deps: service.Deps) -> None:
    zone_id = register(deps)
    kept = service.create_record("example.com", OWNER, a("www", "192.0.2.1"), deps).record
    assert kept is not None
    before = deps.route53.user_sets(zone_id)
    deps.route53.fail_next = True
    with pytest.raises(errors.DnsProviderUnavailable):
        service.update_record("example.com", OWNER, kept.record_id, a("api", "192.0.2.1"), deps)
    assert deps.dns.records("example.com") == [kept]
    assert deps.route53.user_sets(zone_id) == before
    assert deps.publisher.types() == ["dns.zone_created", "dns.records_changed"]


def test_each_write_is_one_change_batch(deps: service.Deps) -> None:
    register(deps)
    first = service.create_record("example.com", OWNER, a("www", "192.0.2.1"), deps).record
    assert first is not None
    service.update_record("example.com", OWNER, first.record_id, a("api", "192.0.2.2"), deps)
    assert [[action for action, _ in batch] for batch in deps.route53.batches] == [
        ["UPSERT"], ["UPSERT", "DELETE"]]


def test_hold_and_release_move_route53_but_keep_records(deps: service.Deps) -> None:
    zone_id = register(deps)
    service.create_record("example.com", OWNER, a("www", "192.0.2.1"), deps)
    served = deps.route53.user_sets(zone_id)
    held = DomainHeld(domain="example.com", ascii="example.com", account_id="acc-1", reason="x")
    for _ in range(2):
        service.hold_zone(held, dns=deps.dns, route53=deps.route53, clock=deps.clock,
                          occurred_at="2026-11-27T09:00:00.000Z")
    assert deps.route53.user_sets(zone_id) == {}
    assert len(deps.dns.records("example.com")) == 1
    with pytest.raises(errors.DomainOnHold):
        service.create_record("example.com", OWNER, a("x", "192.0.2.1"), deps)
    unheld = DomainUnheld(domain="example.com", ascii="example.com", account_id="acc-1",
                          reason="x")
    service.unhold_zone(unheld, dns=deps.dns, route53=deps.route53, clock=deps.clock,
                        occurred_at="2026-11-27T10:00:00.000Z")
    assert deps.route53.user_sets(zone_id) == served
    # a hold that was overtaken by the release is ignored
    outcome, _ = service.hold_zone(held, dns=deps.dns, route53=deps.route53, clock=deps.clock,
                                   occurred_at="2026-11-27T09:30:00.000Z")
    assert outcome == "stale" and deps.route53.user_sets(zone_id) == served


def test_hold_before_the_zone_exists_is_retried(deps: service.Deps) -> None:
    held = DomainHeld(domain="late.com", ascii="late.com", account_id="acc-1", reason="x")
    with pytest.raises(errors.ZoneNotReady) as caught:
        service.hold_zone(held, dns=deps.dns, route53=deps.route53, clock=deps.clock,
                          occurred_at="2026-11-27T09:00:00.000Z")
    assert caught.value.retryable


def test_deletion_empties_and_removes_the_hosted_zone(deps: service.Deps) -> None:
    zone_id = register(deps)
    service.create_record("example.com", OWNER, a("www", "192.0.2.1"), deps)
    deleted = DomainDeleted(domain="example.com", ascii="example.com", account_id="acc-1",
                            reason="x")
    service.delete_zone(deleted, dns=deps.dns, route53=deps.route53)
    service.delete_zone(deleted, dns=deps.dns, route53=deps.route53)
    assert not deps.route53.exists(zone_id)
    assert deps.dns.get_zone("example.com") is None


def test_business_card_is_idempotent(deps: service.Deps) -> None:
    register(deps, domain="xn--ehq892b.xn--ses554g", product="personal_name")
    deps.dns.mark_verified("t-1", "acc-1", "now")
    first = service.enable_business_card("张三.网址", OWNER, deps)
    again = service.enable_business_card("张三.网址", RAM, deps)
    assert first.changed and not again.changed
    assert first.record == again.record

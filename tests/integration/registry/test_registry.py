"""The registry contract, run against the simulated registry on moto and against the
in-memory fake (so the fake cannot drift), plus the simulator's DynamoDB specifics:
batched reads, unprocessed keys, AWS errors, concurrent creates."""

from datetime import UTC, datetime
from typing import Any

import pytest

from registrar_shared import aws
from registrar_shared.registry.base import (
    RegistryError,
    RegistryExpiryMismatch,
    RegistryNameUnavailable,
    RegistryObjectNotFound,
    RegistryPeriodInvalid,
)
from registrar_shared.registry.seed import RESERVED, TAKEN, query, seed_registry
from registrar_shared.registry.simulated import SimulatedRegistry
from registrar_shared.resources import TABLES
from tests.fakes.registry import InMemoryRegistry

NOW = datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)


def _empty_registry_table() -> None:
    table = aws.table(TABLES.registry)
    items = table.scan(ProjectionExpression="PK, SK")["Items"]
    with table.batch_writer() as batch:
        for item in items:
            batch.delete_item(Key={"PK": item["PK"], "SK": item["SK"]})


@pytest.fixture
def dynamo(shared_moto: None) -> SimulatedRegistry:
    """The simulator on a moto world shared by this module, emptied before each test."""
    _empty_registry_table()
    return SimulatedRegistry(aws.table(TABLES.registry))


@pytest.fixture(params=["dynamo", "memory"])
def registry(request: pytest.FixtureRequest) -> Any:
    if request.param == "memory":
        return InMemoryRegistry()
    return request.getfixturevalue("dynamo")


def create(registry: SimulatedRegistry, name: str, **kwargs: Any):  # noqa: ANN201
    return registry.create(query(name), registrant=kwargs.pop("registrant", "acc-1"),
                           template_id=kwargs.pop("template_id", "t-1"),
                           years=kwargs.pop("years", 1), now=kwargs.pop("now", NOW), **kwargs)


def status(registry: SimulatedRegistry, name: str) -> str:
    q = query(name)
    return registry.check([q])[q.ascii]


def test_created_name_is_registered_and_its_variants_are_blocked(registry) -> None:  # noqa: ANN001
    # Given 中国银行.cn is registered
    create(registry, "中国银行.cn")
    # Then it is registered, its traditional form is variant_registered, others available
    assert status(registry, "中国银行.cn") == "registered"
    assert status(registry, "中國銀行.cn") == "variant_registered"
    assert status(registry, "中国银行.com") == "available"


def test_second_create_of_a_name_or_variant_loses(registry) -> None:  # noqa: ANN001
    create(registry, "中國.cn")
    with pytest.raises(RegistryNameUnavailable) as same:
        create(registry, "中國.cn", registrant="acc-2")
    with pytest.raises(RegistryNameUnavailable) as variant:
        create(registry, "中国.cn", registrant="acc-2")
    assert same.value.params["status"] == "registered"
    assert variant.value.params["status"] == "variant_registered"
    assert registry.info(query("中國.cn").ascii).registrant == "acc-1"
    assert registry.info(query("中国.cn").ascii) is None


def test_every_spelling_of_a_name_competes_for_one_guard(registry) -> None:  # noqa: ANN001
    # In-process moto applies transactions without a lock, so racing threads here would test
    # moto's scheduling, not the registry; the cross-process race runs in e2e (20 buyers).
    # What decides that race is that every variant spelling writes the same guard key.
    outcomes: list[str] = []
    for name in ["台湾.cn", "臺灣.cn", "台灣.cn", "臺湾.cn"] * 2:
        try:
            create(registry, name)
            outcomes.append("won")
        except RegistryNameUnavailable:
            outcomes.append("lost")
    assert outcomes == ["won"] + ["lost"] * 7


def test_reserved_names_and_their_variants_cannot_be_created(registry) -> None:  # noqa: ANN001
    registry.reserve(query("国务院.cn"), reason="test")
    assert status(registry, "國務院.cn") == "reserved"
    with pytest.raises(RegistryNameUnavailable) as refused:
        create(registry, "國務院.cn")
    assert refused.value.params["status"] == "reserved"


def test_reserving_a_registered_name_is_refused(registry) -> None:  # noqa: ANN001
    create(registry, "abc.cn")
    with pytest.raises(RegistryNameUnavailable):
        registry.reserve(query("abc.cn"), reason="too late")
    registry.reserve(query("nic.cn"), reason="once")
    registry.reserve(query("nic.cn"), reason="twice")


def test_registration_period_runs_from_creation_in_calendar_years(registry) -> None:  # noqa: ANN001
    record = create(registry, "period.com", years=3)
    assert record.created_at == datetime(2025, 3, 1, 8, 30, 15, tzinfo=UTC)
    assert record.expires_at == datetime(2028, 3, 1, 8, 30, 15, tzinfo=UTC)
    assert record.statuses == ("ok",) and record.template_id == "t-1"
    leap = create(registry, "leap.com", now=datetime(2024, 2, 29, tzinfo=UTC))
    assert leap.expires_at == datetime(2025, 2, 28, tzinfo=UTC)
    assert registry.info("period.com") == record


@pytest.mark.parametrize("years", [0, 11, -1])
def test_periods_outside_one_to_ten_years_are_invalid(registry, years: int) -> None:  # noqa: ANN001
    with pytest.raises(RegistryPeriodInvalid) as invalid:
        create(registry, "period.com", years=years)
    assert invalid.value.code == "InvalidPeriod"
    assert registry.info("period.com") is None


def test_create_on_hold_starts_in_server_hold(registry) -> None:  # noqa: ANN001
    assert create(registry, "held.com", on_hold=True).statuses == ("serverHold",)


def test_renew_extends_from_the_current_expiry_once(registry) -> None:  # noqa: ANN001
    record = create(registry, "renew.com", years=1)
    renewed = registry.renew("renew.com", years=2, current_expiry=record.expires_at, now=NOW)
    assert renewed.expires_at == datetime(2028, 3, 1, 8, 30, 15, tzinfo=UTC)
    # When the same renewal is retried (naming the old expiry)
    retried = registry.renew("renew.com", years=2, current_expiry=record.expires_at, now=NOW)
    # Then no second period is added
    assert retried.expires_at == renewed.expires_at
    assert registry.info("renew.com").expires_at == renewed.expires_at


def test_renew_naming_another_expiry_is_refused(registry) -> None:  # noqa: ANN001
    create(registry, "renew.com", years=1)
    with pytest.raises(RegistryExpiryMismatch):
        registry.renew("renew.com", years=1, current_expiry=datetime(2030, 1, 1, tzinfo=UTC),
                       now=NOW)


def test_renew_past_ten_years_from_now_is_refused(registry) -> None:  # noqa: ANN001
    record = create(registry, "renew.com", years=5)
    with pytest.raises(RegistryPeriodInvalid):
        registry.renew("renew.com", years=6, current_expiry=record.expires_at, now=NOW)
    registry.renew("renew.com", years=5, current_expiry=record.expires_at, now=NOW)


def test_renew_of_an_unknown_name_is_not_found(registry) -> None:  # noqa: ANN001
    with pytest.raises(RegistryObjectNotFound) as missing:
        registry.renew("nobody.com", years=1, current_expiry=NOW, now=NOW)
    assert missing.value.code == "DomainNotFound"


def test_hold_and_unhold_toggle_server_hold_idempotently(registry) -> None:  # noqa: ANN001
    create(registry, "hold.com")
    assert registry.hold("hold.com", "realname").statuses == ("serverHold",)
    assert registry.hold("hold.com", "realname").statuses == ("serverHold",)
    assert registry.unhold("hold.com", "realname verified").statuses == ("ok",)
    assert registry.unhold("hold.com", "again").statuses == ("ok",)
    with pytest.raises(RegistryObjectNotFound):
        registry.hold("nobody.com", "x")


def test_holder_update_changes_only_the_registrant_contact(registry) -> None:  # noqa: ANN001
    before = create(registry, "holder.com", template_id="proxy")
    after = registry.update_holder("holder.com", "tpl-own")
    assert after.template_id == "tpl-own" and registry.info("holder.com") == after
    assert (after.expires_at, after.statuses, after.registrant) == (
        before.expires_at, before.statuses, before.registrant)
    assert registry.update_holder("holder.com", "tpl-own") == after  # idempotent
    with pytest.raises(RegistryObjectNotFound):
        registry.update_holder("nobody.com", "tpl-own")
    registry.fail_on("holder.com", ["update"])
    with pytest.raises(RegistryError):
        registry.update_holder("holder.com", "tpl-other")
    assert registry.info("holder.com") == after


def test_delete_frees_the_name_and_its_variants(registry) -> None:  # noqa: ANN001
    create(registry, "中國.cn")
    registry.delete(query("中國.cn").ascii)
    assert status(registry, "中国.cn") == "available"
    assert registry.info(query("中國.cn").ascii) is None
    create(registry, "中国.cn", registrant="acc-2")
    with pytest.raises(RegistryObjectNotFound):
        registry.delete(query("中國.cn").ascii)


def test_failure_on_demand_makes_create_fail_and_writes_nothing(registry) -> None:  # noqa: ANN001
    registry.fail_on("flaky.com", ["create"])
    with pytest.raises(RegistryError) as failed:
        create(registry, "flaky.com")
    assert failed.value.status == 503 and failed.value.retryable
    assert registry.info("flaky.com") is None and status(registry, "flaky.com") == "available"
    registry.clear_failure("flaky.com")
    assert create(registry, "flaky.com").ascii == "flaky.com"


def test_failure_on_demand_covers_other_operations(registry) -> None:  # noqa: ANN001
    record = create(registry, "flaky.com")
    registry.fail_on("flaky.com", ["renew", "hold"])
    with pytest.raises(RegistryError):
        registry.renew("flaky.com", years=1, current_expiry=record.expires_at, now=NOW)
    with pytest.raises(RegistryError):
        registry.hold("flaky.com", "x")
    assert registry.info("flaky.com") == record
    with pytest.raises(ValueError):
        registry.fail_on("flaky.com", ["explode"])


def test_names_with_the_failing_prefix_fail_at_create(registry) -> None:  # noqa: ANN001
    with pytest.raises(RegistryError):
        create(registry, "registry-error-42.com")
    assert status(registry, "registry-error-42.com") == "available"


def test_check_reads_in_batches_of_at_most_100_keys(dynamo) -> None:  # noqa: ANN001
    registry = dynamo
    calls: list[int] = []
    client = aws.client("dynamodb")

    def count(params: dict, **_: object) -> None:
        calls.append(sum(len(r["Keys"]) for r in params["RequestItems"].values()))

    client.meta.events.register("provide-client-params.dynamodb.BatchGetItem", count)
    try:
        create(registry, "name-7.com")
        names = [query(f"name-{i}.com") for i in range(250)] + [query("name-7.com")]
        result = registry.check(names)
    finally:
        client.meta.events.unregister("provide-client-params.dynamodb.BatchGetItem", count)
    assert sorted(calls) == [50, 100, 100]
    assert result["name-7.com"] == "registered" and result["name-8.com"] == "available"
    assert registry.check([]) == {}


class _Unprocessing:
    """A client that leaves some keys unprocessed on its first answers, as DynamoDB may."""

    def __init__(self, client: Any, times: int) -> None:
        self._client = client
        self.times = times
        self.calls = 0

    def batch_get_item(self, RequestItems: dict) -> dict:  # noqa: N803
        self.calls += 1
        response = self._client.batch_get_item(RequestItems=RequestItems)
        if self.times > 0:
            self.times -= 1
            (table, request), = RequestItems.items()
            keep, later = request["Keys"][:1], request["Keys"][1:]
            response = self._client.batch_get_item(
                RequestItems={table: {**request, "Keys": keep}})
            response["UnprocessedKeys"] = {table: {**request, "Keys": later}} if later else {}
        return response


def test_unprocessed_keys_are_retried(dynamo) -> None:  # noqa: ANN001
    registry = dynamo
    create(registry, "b.com")
    flaky = _Unprocessing(aws.client("dynamodb"), times=2)
    names = [query(n) for n in ("a.com", "b.com", "c.com", "中國.cn")]
    result = SimulatedRegistry(aws.table(TABLES.registry), client=flaky).check(names)
    assert result == {"a.com": "available", "b.com": "registered", "c.com": "available",
                      "xn--fiqz9s.cn": "available"}
    assert flaky.calls == 3


def test_aws_errors_become_registry_errors(shared_moto: None) -> None:
    missing = SimulatedRegistry(aws.table("no-such-table"))
    with pytest.raises(RegistryError):
        missing.check([query("a.com")])
    with pytest.raises(RegistryError):
        missing.info("a.com")


def test_seed_is_idempotent_and_blocks_the_seeded_names(dynamo) -> None:  # noqa: ANN001
    registry = dynamo
    seed_registry(registry, NOW)
    seed_registry(registry, NOW)
    statuses = registry.check([query(n) for n in TAKEN + RESERVED])
    assert [statuses[query(n).ascii] for n in TAKEN] == ["registered"] * len(TAKEN)
    assert [statuses[query(n).ascii] for n in RESERVED] == ["reserved"] * len(RESERVED)
    assert status(registry, "中国银行.cn") == "variant_registered"
    assert {r.ascii for r in registry.list_domains("other-registrar")} == {
        query(n).ascii for n in TAKEN}


def test_load_skips_taken_names_and_variants_within_the_batch(dynamo) -> None:  # noqa: ANN001
    create(dynamo, "taken.com", registrant="someone")
    dynamo.load(registered=[query("taken.com"), query("中国.cn"), query("中國.cn")],
                reserved=[query("nic.cn"), query("中國.cn")], registrant="seed", years=2,
                now=NOW, reason="test")
    assert dynamo.info("taken.com").registrant == "someone"
    assert dynamo.info(query("中国.cn").ascii).registrant == "seed"
    assert dynamo.info(query("中國.cn").ascii) is None
    assert status(dynamo, "nic.cn") == "reserved"


class _StaleCheck(SimulatedRegistry):
    """Answers every check with 'available', as a read that raced another writer would."""

    def check(self, names):  # noqa: ANN001, ANN201
        if getattr(self, "stale", True):
            self.stale = False
            return {n.ascii: "available" for n in names}
        return super().check(names)


def test_load_falls_back_to_one_call_per_name_when_a_write_races(dynamo) -> None:  # noqa: ANN001
    create(dynamo, "raced.com", registrant="winner")
    racing = _StaleCheck(aws.table(TABLES.registry))
    racing.load(registered=[query("raced.com"), query("fresh.com")],
                reserved=[query("example.com")], registrant="seed", years=1, now=NOW,
                reason="test")
    assert dynamo.info("raced.com").registrant == "winner"
    assert dynamo.info("fresh.com").registrant == "seed"
    assert status(dynamo, "example.com") == "reserved"


def test_a_renewal_with_a_client_transaction_is_applied_once(registry) -> None:  # noqa: ANN001
    created = create(registry, "txn-renew.com", client_txn_id="ord-1:txn-renew.com")
    assert created.client_txn_id == "ord-1:txn-renew.com"
    first = registry.renew("txn-renew.com", years=1, current_expiry=created.expires_at,
                           now=NOW, client_txn_id="ord-2:txn-renew.com")
    again = registry.renew("txn-renew.com", years=1, current_expiry=created.expires_at,
                           now=NOW, client_txn_id="ord-2:txn-renew.com")
    assert again.expires_at == first.expires_at == created.expires_at.replace(
        year=created.expires_at.year + 1)
    # another renewal naming the same old expiry is not mistaken for that retry
    with pytest.raises(RegistryExpiryMismatch):
        registry.renew("txn-renew.com", years=1, current_expiry=created.expires_at, now=NOW,
                       client_txn_id="ord-3:txn-renew.com")
    third = registry.renew("txn-renew.com", years=1, current_expiry=first.expires_at, now=NOW,
                           client_txn_id="ord-3:txn-renew.com")
    assert third.renew_txns == ("ord-2:txn-renew.com", "ord-3:txn-renew.com")

import pytest

from chalicelib.dns import errors, rules
from chalicelib.dns.model import Record, RecordSet, Zone
from chalicelib.dns.rules import RecordInput

ZONE = "example.com"
NOW = "2026-11-27T08:00:00.000Z"


def data(host: str, record_type: str, value: str, **extra: int):  # noqa: ANN201
    return rules.validate_record(RecordInput(host=host, type=record_type, value=value,
                                             **extra), ZONE)


def rec(n: int, host: str, record_type: str, value: str, **extra: int) -> Record:
    return Record(record_id=f"r{n}", data=data(host, record_type, value, **extra),
                  created_at=NOW, updated_at=NOW)


def plan(records: list[Record], host: str, record_type: str, value: str, **extra: int):  # noqa: ANN201
    return rules.plan_write(records, data(host, record_type, value, **extra), record_id="new",
                            now=NOW, ttl_given="ttl" in extra, zone_count=len(records))


VALUES = {"A": "192.0.2.1", "AAAA": "2001:db8::1", "CNAME": "t.example.net",
          "MX": "mx.example.net", "TXT": "text", "NS": "ns.example.net",
          "SRV": "1 1 t.example.net", "CAA": '0 issue "ca.example"'}


def host_for(record_type: str, host: str) -> str:
    return f"_s._tcp.{host}" if record_type == "SRV" and host != "@" else (
        "_s._tcp" if record_type == "SRV" else host)


@pytest.mark.parametrize("other", ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"])
def test_cname_below_the_apex_shares_its_host_with_nothing(other: str) -> None:
    host = host_for(other, "www")
    existing = [rec(1, host, other, VALUES[other], **({"priority": 1} if other in ("MX", "SRV")
                                                        else {}))]
    with pytest.raises(errors.RecordConflictError) as caught:
        plan(existing, host, "CNAME", "alias.example.net")
    assert caught.value.code == "RecordConflict"
    assert caught.value.details["conflicts"][0]["record_id"] == "r1"
    with pytest.raises(errors.RecordConflictError):
        plan([rec(1, host, "CNAME", "alias.example.net")], host, other, VALUES[other],
             **({"priority": 1} if other in ("MX", "SRV") else {}))


@pytest.mark.parametrize("other", ["A", "AAAA", "CAA"])
def test_cname_at_apex_conflicts_with_address_and_caa_records(other: str) -> None:
    with pytest.raises(errors.CnameConflict):
        plan([rec(1, "@", other, VALUES[other])], "@", "CNAME", "alias.example.net")
    with pytest.raises(errors.CnameConflict):
        plan([rec(1, "@", "CNAME", "alias.example.net")], "@", other, VALUES[other])


@pytest.mark.parametrize("other", ["MX", "TXT"])
def test_cname_at_apex_may_stand_beside_mx_and_txt_with_a_warning(other: str) -> None:
    extra = {"priority": 5} if other == "MX" else {}
    result = plan([rec(1, "@", other, VALUES[other], **extra)], "@", "CNAME", "alias.example.net")
    assert [w[0] for w in result.warnings] == ["CnameBesideApexRecords"]
    result = plan([rec(1, "@", "CNAME", "alias.example.net")], "@", other, VALUES[other], **extra)
    assert [w[0] for w in result.warnings] == ["CnameBesideApexRecords"]


def test_second_cname_on_a_host_is_a_conflict() -> None:
    with pytest.raises(errors.CnameConflict):
        plan([rec(1, "@", "CNAME", "a.example.net")], "@", "CNAME", "b.example.net")


def test_identical_record_is_a_duplicate_whatever_its_spelling_or_ttl() -> None:
    existing = [rec(1, "www", "A", "192.0.2.1"), rec(2, "@", "MX", "mx.example.net", priority=5)]
    with pytest.raises(errors.DuplicateRecord):
        plan(existing, "WWW", "A", " 192.0.2.1", ttl=1200)
    with pytest.raises(errors.DuplicateRecord):
        plan(existing, "@", "MX", "MX.example.net.", priority=5)
    assert plan(existing, "@", "MX", "mx.example.net", priority=6).result is not None


def test_delegated_host_holds_only_ns_records() -> None:
    with pytest.raises(errors.DelegationConflict):
        plan([rec(1, "lab", "NS", "ns.example.net")], "lab", "A", "192.0.2.1")
    with pytest.raises(errors.DelegationConflict):
        plan([rec(1, "lab", "TXT", "x")], "lab", "NS", "ns.example.net")
    assert plan([rec(1, "lab", "NS", "ns1.example.net")], "lab", "NS", "ns2.example.net")


def test_ns_at_apex_and_srv_without_service_labels_are_invalid() -> None:
    with pytest.raises(errors.NsAtApex):
        data("@", "NS", "ns.example.net")
    with pytest.raises(errors.SrvHostFormat):
        data("sip", "SRV", "1 5060 sip.example.net", priority=1)


def test_priority_only_for_mx_and_srv() -> None:
    with pytest.raises(errors.PriorityNotAllowed):
        data("www", "A", "192.0.2.1", priority=5)


@pytest.mark.parametrize(("ttl", "ok"), [(599, False), (600, True), (86_400, True),
                                         (86_401, False), (1, False)])
def test_ttl_range(ttl: int, ok: bool) -> None:
    if ok:
        assert data("www", "A", "192.0.2.1", ttl=ttl).ttl == ttl
    else:
        with pytest.raises(errors.TtlOutOfRange):
            data("www", "A", "192.0.2.1", ttl=ttl)


def test_record_type_is_case_insensitive_but_must_be_supported() -> None:
    assert data("www", "aaaa", "2001:db8::1").type == "AAAA"
    with pytest.raises(errors.UnsupportedRecordType):
        data("www", "SOA", "x")


def test_cname_cannot_point_to_its_own_name() -> None:
    with pytest.raises(errors.CnameToItself):
        data("www", "CNAME", "www.example.com")


def test_at_most_ten_records_per_host_and_type() -> None:
    existing = [rec(n, "www", "A", f"192.0.2.{n}") for n in range(10)]
    with pytest.raises(errors.TooManyRecordsOnHost) as caught:
        plan(existing, "www", "A", "192.0.2.99")
    assert caught.value.code == "RecordLimitExceeded" and caught.value.status == 422
    assert plan(existing, "www", "AAAA", "2001:db8::1").result is not None
    # replacing one of the ten is not an eleventh
    assert rules.plan_write(existing, data("www", "A", "192.0.2.50"), record_id="r3", now=NOW,
                            ttl_given=False, zone_count=10,
                            previous=existing[3]).result is not None


def test_at_most_500_records_per_zone() -> None:
    on_host = [rec(1, "one-more", "TXT", "x")]
    with pytest.raises(errors.TooManyRecordsInZone):
        rules.plan_write(on_host, data("one-more", "A", "192.0.2.1"), record_id="new", now=NOW,
                         ttl_given=False, zone_count=500)
    assert rules.plan_write(on_host, data("one-more", "A", "192.0.2.1"), record_id="new",
                            now=NOW, ttl_given=False, zone_count=499).result is not None
    # a replacement does not grow the zone
    assert rules.plan_write(on_host, data("one-more", "TXT", "y"), record_id="r1", now=NOW,
                            ttl_given=False, zone_count=500, previous=on_host[0]).result


def test_a_set_shares_one_ttl() -> None:
    existing = [rec(1, "www", "A", "192.0.2.1", ttl=1200)]
    joined = plan(existing, "www", "A", "192.0.2.2")
    assert joined.result.data.ttl == 1200 and len(joined.changes) == 1
    explicit = plan(existing, "www", "A", "192.0.2.2", ttl=3600)
    assert [c.after.data.ttl for c in explicit.changes] == [3600, 3600]
    assert [w[0] for w in explicit.warnings] == ["TtlAppliedToRecordSet"]


def test_updating_a_record_to_itself_is_not_a_duplicate() -> None:
    existing = [rec(1, "www", "A", "192.0.2.1")]
    result = rules.plan_write(existing, data("www", "A", "192.0.2.1"), record_id="r1", now=NOW,
                              ttl_given=False, zone_count=1, previous=existing[0])
    assert result.touched() == {("www", "A")}


def test_record_sets_group_by_name_and_type_with_sorted_values() -> None:
    sets = rules.record_sets([rec(1, "www", "A", "192.0.2.2"), rec(2, "www", "A", "192.0.2.1"),
                              rec(3, "@", "MX", "mx.example.com", priority=5)], ZONE)
    assert sets == {
        ("www.example.com.", "A"): RecordSet("www.example.com.", "A", 600,
                                             ("192.0.2.1", "192.0.2.2")),
        ("example.com.", "MX"): RecordSet("example.com.", "MX", 600, ("5 mx.example.com.",)),
    }


def test_sync_actions_upsert_what_differs_and_delete_exactly_what_route53_holds() -> None:
    www = ("www.example.com.", "A")
    old = ("old.example.com.", "A")
    same = ("same.example.com.", "A")
    desired = {www: RecordSet(*www, 600, ("192.0.2.1",)), same: RecordSet(*same, 600, ("1",))}
    current = {www: RecordSet(*www, 600, ("192.0.2.9",)), old: RecordSet(*old, 900, ("x",)),
               same: RecordSet(*same, 600, ("1",))}
    actions = rules.sync_actions(desired, current, {www, old, same})
    assert actions == [("DELETE", current[old]), ("UPSERT", desired[www])]


def test_batches_respect_route53_limits() -> None:
    big = [("UPSERT", RecordSet(f"h{n}.example.com.", "A", 600, tuple(str(i) for i in range(10))))
           for n in range(120)]
    split = rules.batches(big)
    assert [len(b) for b in split] == [50, 50, 20]
    assert rules.batches([]) == []


def test_business_card_only_for_verified_personal_name_domains() -> None:
    card = Zone(ascii="xn--ehq892b.xn--ses554g", domain="张三.网址", account_id="a",
                zone_id="z", status="active", created_at=NOW, product="personal_name")
    rules.verify_business_card_allowed(card, holder_verified=True)
    with pytest.raises(errors.RealNameRequired):
        rules.verify_business_card_allowed(card, holder_verified=False)
    for zone in (Zone(**{**card.__dict__, "product": None}),
                 Zone(**{**card.__dict__, "ascii": "zhang.com"})):
        with pytest.raises(errors.BusinessCardNotAvailable):
            rules.verify_business_card_allowed(zone, holder_verified=True)
    with pytest.raises(errors.DomainOnHold):
        rules.verify_business_card_allowed(Zone(**{**card.__dict__, "status": "held"}),
                                           holder_verified=True)

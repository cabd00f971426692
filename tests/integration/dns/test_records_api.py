"""The records API through chalice's test client, with Route 53 (moto) checked directly."""

from __future__ import annotations

import boto3
import pytest

from tests.integration.dns.conftest import DnsClient, user_sets

ZHANG = "xn--ehq892b.xn--ses554g"  # 张三.网址


def test_created_records_appear_in_route53_exactly(dns: DnsClient) -> None:
    # Given a registered domain
    ascii_name = dns.register("example-dns.com")
    # When the owner adds records of several types
    for record in (
        {"host": "www", "type": "A", "value": "192.0.2.1"},
        {"host": "www", "type": "A", "value": "192.0.2.2"},
        {"host": "@", "type": "AAAA", "value": "2001:DB8::0001", "ttl": 3600},
        {"host": "@", "type": "MX", "value": "mail.example-dns.com", "priority": 5},
        {"host": "@", "type": "TXT", "value": 'v=spf1 include:"x" -all'},
        {"host": "_sip._tcp", "type": "SRV", "value": "5 5060 sip.example-dns.com",
         "priority": 10},
        {"host": "@", "type": "CAA", "value": "0 issue letsencrypt.org"},
        {"host": "shop", "type": "NS", "value": "ns1.other-dns.net."},
        {"host": "*", "type": "CNAME", "value": "www.example-dns.com"},
    ):
        response = dns.add("example-dns.com", **record)
        assert response.status == 201, response.body
    # Then Route 53 holds exactly the normalised record sets
    assert user_sets(ascii_name) == {
        ("www.example-dns.com.", "A"): (600, ["192.0.2.1", "192.0.2.2"]),
        ("example-dns.com.", "AAAA"): (3600, ["2001:db8::1"]),
        ("example-dns.com.", "MX"): (600, ["5 mail.example-dns.com."]),
        ("example-dns.com.", "TXT"): (600, ['"v=spf1 include:\\"x\\" -all"']),
        ("_sip._tcp.example-dns.com.", "SRV"): (600, ["10 5 5060 sip.example-dns.com."]),
        ("example-dns.com.", "CAA"): (600, ['0 issue "letsencrypt.org"']),
        ("shop.example-dns.com.", "NS"): (600, ["ns1.other-dns.net."]),
        ("*.example-dns.com.", "CNAME"): (600, ["www.example-dns.com."]),
    }
    # And the list shows the API form (priority apart, no final dots)
    listed = {(r["host"], r["type"]): r for r in dns.list("example-dns.com").body["records"]}
    assert listed[("@", "MX")]["value"] == "mail.example-dns.com"
    assert listed[("@", "MX")]["priority"] == 5
    assert listed[("_sip._tcp", "SRV")]["value"] == "5 5060 sip.example-dns.com"
    assert "priority" not in listed[("@", "AAAA")]


def test_domain_in_path_may_be_u_label_a_label_or_percent_encoded(dns: DnsClient) -> None:
    dns.register("张三.网址")
    created = dns.add("张三.网址", host="邮件", type="A", value="192.0.2.9")
    assert created.status == 201
    assert created.body["host"] == "xn--5nq051n" and created.body["host_unicode"] == "邮件"
    for path in (f"/v1/domains/{ZHANG}/records",
                 "/v1/domains/%E5%BC%A0%E4%B8%89.%E7%BD%91%E5%9D%80/records",
                 "/v1/domains/XN--EHQ892B.xn--ses554g./records"):
        response = dns.request("GET", path)
        assert response.status == 200, path
        assert response.body["domain"] == "张三.网址" and response.body["ascii"] == ZHANG
        assert [r["record_id"] for r in response.body["records"]] == [created.body["record_id"]]


def test_ram_user_of_the_owner_manages_records_but_another_account_gets_404(
        dns: DnsClient) -> None:
    ascii_name = dns.register("owned-dns.com")
    by_ram = dns.add("owned-dns.com", account="cn-ram", host="www", type="A", value="192.0.2.1")
    assert by_ram.status == 201
    record_id = by_ram.body["record_id"]
    for method, path, body in (
        ("GET", "/v1/domains/owned-dns.com/records", None),
        ("POST", "/v1/domains/owned-dns.com/records",
         {"host": "x", "type": "A", "value": "192.0.2.2"}),
        ("PUT", f"/v1/domains/owned-dns.com/records/{record_id}",
         {"host": "www", "type": "A", "value": "192.0.2.3"}),
        ("DELETE", f"/v1/domains/owned-dns.com/records/{record_id}", None),
        ("GET", "/v1/domains/owned-dns.com/zone", None),
        ("POST", "/v1/domains/owned-dns.com/business-card", None),
    ):
        response = dns.request(method, path, account="intl-main", body=body)
        assert response.status == 404, (method, path)
        assert response.body["Code"] == "ZoneNotFound"
    assert user_sets(ascii_name) == {("www.owned-dns.com.", "A"): (600, ["192.0.2.1"])}
    missing = dns.request("GET", "/v1/domains/nobody-dns.com/records")
    assert missing.status == 404 and missing.body["Code"] == "ZoneNotFound"
    assert dns.request("GET", "/v1/domains/owned-dns.com/records", account=None).status == 401


def test_update_moves_a_record_and_route53_follows(dns: DnsClient) -> None:
    ascii_name = dns.register("move-dns.com")
    first = dns.add("move-dns.com", host="www", type="A", value="192.0.2.1").body
    dns.add("move-dns.com", host="www", type="A", value="192.0.2.2")
    # When one of the two www records becomes a TXT on another host
    updated = dns.request("PUT", f"/v1/domains/move-dns.com/records/{first['record_id']}",
                          body={"host": "info", "type": "TXT", "value": "hello"})
    # Then the record keeps its id and Route 53 has both sets in their new shape
    assert updated.status == 200
    assert updated.body["record_id"] == first["record_id"] and updated.body["type"] == "TXT"
    assert user_sets(ascii_name) == {
        ("www.move-dns.com.", "A"): (600, ["192.0.2.2"]),
        ("info.move-dns.com.", "TXT"): (600, ['"hello"']),
    }
    # When it is deleted
    deleted = dns.request("DELETE", f"/v1/domains/move-dns.com/records/{first['record_id']}")
    assert deleted.status == 204
    assert user_sets(ascii_name) == {("www.move-dns.com.", "A"): (600, ["192.0.2.2"])}
    again = dns.request("DELETE", f"/v1/domains/move-dns.com/records/{first['record_id']}")
    assert again.status == 404 and again.body["Code"] == "RecordNotFound"


def test_explicit_ttl_applies_to_the_whole_record_set_with_a_warning(dns: DnsClient) -> None:
    ascii_name = dns.register("ttl-dns.com")
    dns.add("ttl-dns.com", host="www", type="A", value="192.0.2.1", ttl=1200)
    inherited = dns.add("ttl-dns.com", host="www", type="A", value="192.0.2.2")
    assert inherited.body["ttl"] == 1200 and inherited.body["warnings"] == []
    changed = dns.add("ttl-dns.com", host="www", type="A", value="192.0.2.3", ttl=3600)
    assert [w["code"] for w in changed.body["warnings"]] == ["TtlAppliedToRecordSet"]
    assert {r["ttl"] for r in dns.list("ttl-dns.com").body["records"]} == {3600}
    assert user_sets(ascii_name)[("www.ttl-dns.com.", "A")][0] == 3600


BAD_INPUT = [
    ({"host": "www", "type": "A", "value": "999.1.1.1"}, "InvalidIpv4Address"),
    ({"host": "www", "type": "AAAA", "value": "::g"}, "InvalidIpv6Address"),
    ({"host": "www", "type": "CNAME", "value": "192.0.2.1"}, "TargetIsIpAddress"),
    ({"host": "@", "type": "MX", "value": "mail.example.com", "priority": 0},
     "PriorityOutOfRange"),
    ({"host": "@", "type": "MX", "value": "mail.example.com", "priority": 51},
     "PriorityOutOfRange"),
    ({"host": "www", "type": "A", "value": "192.0.2.1", "ttl": 1}, "TtlOutOfRange"),
    ({"host": "a" * 70, "type": "A", "value": "192.0.2.1"}, "HostLabelTooLong"),
    ({"host": "@", "type": "TXT", "value": "x" * 10_000}, "TxtTooLong"),
    ({"host": "*.*", "type": "A", "value": "192.0.2.1"}, "InvalidWildcard"),
    ({"host": "a.b.c.d.e.f", "type": "A", "value": "192.0.2.1"}, "HostTooDeep"),
    ({"host": "www", "type": "PTR", "value": "x.example.com"}, "UnsupportedRecordType"),
]


@pytest.mark.parametrize(("record", "reason"), BAD_INPUT,
                         ids=[reason + ":" + str(r["value"])[:12] for r, reason in BAD_INPUT])
def test_bad_input_is_refused_with_a_clear_code_and_route53_unchanged(
        dns: DnsClient, record: dict, reason: str) -> None:
    ascii_name = dns.register("bad-input-dns.com")
    dns.add("bad-input-dns.com", host="keep", type="A", value="192.0.2.1")
    before = user_sets(ascii_name)
    response = dns.add("bad-input-dns.com", **record)
    assert response.status == 400
    assert response.body["Code"] == "InvalidRecord"
    assert response.body["Details"]["reason"] == reason
    assert user_sets(ascii_name) == before
    assert len(dns.list("bad-input-dns.com").body["records"]) == 1


def test_malformed_body_is_a_validation_error(dns: DnsClient) -> None:
    dns.register("body-dns.com")
    unknown = dns.add("body-dns.com", host="www", type="A", value="192.0.2.1", colour="red")
    assert unknown.status == 400 and unknown.body["Code"] == "ValidationError"
    text_ttl = dns.add("body-dns.com", host="www", type="A", value="192.0.2.1", ttl="600")
    assert text_ttl.status == 400 and text_ttl.body["Code"] == "ValidationError"


def test_conflicting_cname_is_refused_naming_the_record_and_route53_unchanged(
        dns: DnsClient) -> None:
    ascii_name = dns.register("conflict-dns.com")
    a_record = dns.add("conflict-dns.com", host="www", type="A", value="192.0.2.1").body
    before = user_sets(ascii_name)
    response = dns.add("conflict-dns.com", host="www", type="CNAME", value="other.example.com")
    assert response.status == 409
    assert response.body["Code"] == "RecordConflict"
    assert response.body["Details"]["reason"] == "CnameConflict"
    assert response.body["Details"]["conflicts"][0]["record_id"] == a_record["record_id"]
    assert a_record["record_id"] in response.body["Message"]
    assert user_sets(ascii_name) == before


def test_identical_record_is_refused(dns: DnsClient) -> None:
    dns.register("dup-dns.com")
    dns.add("dup-dns.com", host="@", type="MX", value="mx.example.com", priority=10)
    again = dns.add("dup-dns.com", host="@", type="MX", value="MX.example.com.", priority=10,
                    ttl=1200)
    assert again.status == 409 and again.body["Details"]["reason"] == "DuplicateRecord"
    other_priority = dns.add("dup-dns.com", host="@", type="MX", value="mx.example.com",
                             priority=20)
    assert other_priority.status == 201


def test_cname_at_apex_beside_mx_and_txt_is_allowed_with_a_warning(dns: DnsClient) -> None:
    ascii_name = dns.register("apex-dns.com")
    dns.add("apex-dns.com", host="@", type="MX", value="mx.example.com", priority=10)
    dns.add("apex-dns.com", host="@", type="TXT", value="v=spf1 -all")
    cname = dns.add("apex-dns.com", host="@", type="CNAME", value="target.example.com")
    assert cname.status == 201
    assert [w["code"] for w in cname.body["warnings"]] == ["CnameBesideApexRecords"]
    assert ("apex-dns.com.", "CNAME") in user_sets(ascii_name)
    a_record = dns.add("apex-dns.com", host="@", type="A", value="192.0.2.1")
    assert a_record.status == 409 and a_record.body["Details"]["reason"] == "CnameConflict"


def test_eleventh_record_of_a_host_and_type_is_refused(dns: DnsClient) -> None:
    ascii_name = dns.register("limit-dns.com")
    for n in range(10):
        assert dns.add("limit-dns.com", host="www", type="A", value=f"192.0.2.{n}").status == 201
    before = user_sets(ascii_name)
    eleventh = dns.add("limit-dns.com", host="www", type="A", value="192.0.2.99")
    assert eleventh.status == 422
    assert eleventh.body["Code"] == "RecordLimitExceeded"
    assert eleventh.body["Details"] == {"reason": "TooManyRecordsOnHost", "limit": 10}
    assert user_sets(ascii_name) == before


def test_zone_list_is_paginated(dns: DnsClient) -> None:
    dns.register("page-dns.com")
    for n in range(5):
        dns.add("page-dns.com", host=f"h{n}", type="A", value="192.0.2.1")
    first = dns.request("GET", "/v1/domains/page-dns.com/records?limit=3").body
    assert len(first["records"]) == 3 and first["next_token"]
    second = dns.request(
        "GET", f"/v1/domains/page-dns.com/records?limit=3&next_token={first['next_token']}").body
    assert len(second["records"]) == 2 and second["next_token"] is None
    bad = dns.request("GET", "/v1/domains/page-dns.com/records?next_token=garbage")
    assert bad.status == 400 and bad.body["Code"] == "InvalidNextToken"


def test_records_changed_event_is_published_for_each_write(dns: DnsClient) -> None:
    # Given a queue subscribed to the topic for dns.records_changed
    sqs, sns = boto3.client("sqs"), boto3.client("sns")
    queue_url = sqs.create_queue(QueueName="dns-audit-test")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    topic_arn = next(t["TopicArn"] for t in sns.list_topics()["Topics"]
                     if t["TopicArn"].endswith(":registrar-events"))
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn,
                  Attributes={"RawMessageDelivery": "true",
                              "FilterPolicy": '{"event_type": ["dns.records_changed"]}'})
    dns.register("audit-dns.com")
    # When a record is created
    created = dns.add("audit-dns.com", host="www", type="A", value="192.0.2.1").body
    # Then one dns.records_changed event carries the account and the change
    import json

    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 1
    envelope = json.loads(messages[0]["Body"])
    assert envelope["event_type"] == "dns.records_changed"
    assert envelope["payload"]["account_id"] == "demo-cn-main"
    assert envelope["payload"]["changes"] == [{
        "action": "create", "record_id": created["record_id"], "host": "www", "type": "A",
        "value": "192.0.2.1", "ttl": 600}]


def zone_row(ascii_name: str) -> dict:
    return boto3.resource("dynamodb").Table("registrar-dns").get_item(
        Key={"PK": f"ZONE#{ascii_name}", "SK": "#ZONE"})["Item"]


def test_zone_counts_its_records_and_refuses_the_501st(dns: DnsClient) -> None:
    ascii_name = dns.register("count-dns.com")
    ids = [dns.add("count-dns.com", host=f"h{n}", type="A", value="192.0.2.1").body["record_id"]
           for n in range(3)]
    dns.request("DELETE", f"/v1/domains/count-dns.com/records/{ids[0]}")
    dns.add("count-dns.com", host="h1", type="A", value="192.0.2.1")  # duplicate: refused
    assert zone_row(ascii_name)["record_count"] == 2
    # Given the zone at the limit (count set directly: 500 writes would only slow the suite)
    boto3.resource("dynamodb").Table("registrar-dns").update_item(
        Key={"PK": f"ZONE#{ascii_name}", "SK": "#ZONE"},
        UpdateExpression="SET record_count = :n", ExpressionAttributeValues={":n": 500})
    before = user_sets(ascii_name)
    refused = dns.add("count-dns.com", host="more", type="A", value="192.0.2.1")
    assert refused.status == 422
    assert refused.body["Details"] == {"reason": "TooManyRecordsInZone", "limit": 500}
    assert user_sets(ascii_name) == before
    # And replacing a record is still possible at the limit
    replaced = dns.request("PUT", f"/v1/domains/count-dns.com/records/{ids[1]}",
                           body={"host": "h1", "type": "A", "value": "192.0.2.7"})
    assert replaced.status == 200

"""Zone export: RFC 1035 text that dnspython parses back to the records Route 53 serves."""

from __future__ import annotations

import boto3
import dns.rdatatype
import dns.zone

from tests.integration.dns.conftest import DnsClient, user_sets


def parsed_sets(text: str) -> dict[tuple[str, str], tuple[int, list[str]]]:
    zone = dns.zone.from_text(text, origin=None, relativize=False)
    return {(name.to_text(), dns.rdatatype.to_text(rdataset.rdtype)):
            (rdataset.ttl, sorted(r.to_text() for r in rdataset))
            for name, node in zone.nodes.items() for rdataset in node}


def test_export_parses_back_to_the_same_records_with_soa_and_ns(dns: DnsClient) -> None:
    # Given a zone with every record type, an IDN host, a wildcard and a long TXT
    ascii_name = dns.register("张三.网址")
    for record in (
        {"host": "@", "type": "A", "value": "192.0.2.1"},
        {"host": "www", "type": "AAAA", "value": "2001:db8::1", "ttl": 7200},
        {"host": "*", "type": "CNAME", "value": "www.张三.网址"},
        {"host": "邮件", "type": "A", "value": "192.0.2.2"},
        {"host": "@", "type": "MX", "value": "邮件.张三.网址", "priority": 10},
        {"host": "@", "type": "TXT", "value": 'quote " backslash \\ 中文 ' + "x" * 600},
        {"host": "_sip._tcp", "type": "SRV", "value": "1 5060 sip.example.com", "priority": 0},
        {"host": "@", "type": "CAA", "value": '0 iodef "mailto:security@example.com"'},
        {"host": "lab", "type": "NS", "value": "ns1.example.net"},
    ):
        assert dns.add("张三.网址", **record).status == 201
    # When the zone is exported
    response = dns.request("GET", "/v1/domains/张三.网址/zone")
    # Then it is text that dnspython reads back to exactly what Route 53 serves
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    parsed = parsed_sets(response.text)
    apex = ascii_name + "."
    soa = parsed.pop((apex, "SOA"))
    name_servers = parsed.pop((apex, "NS"))
    assert parsed == user_sets(ascii_name)
    route53 = boto3.client("route53")
    zone_id = next(z["Id"] for z in route53.list_hosted_zones()["HostedZones"]
                   if z["Name"] == apex)
    servers = route53.get_hosted_zone(Id=zone_id)["DelegationSet"]["NameServers"]
    assert name_servers[1] == sorted(s + "." for s in servers)
    assert soa[1][0].startswith(f"{sorted(servers)[0]}. hostmaster.{apex} ")
    # And the TXT went out as 255-byte strings
    txt = parsed[(apex, "TXT")][1][0]
    assert txt.count('" "') == 2


def test_export_of_a_held_zone_keeps_the_records_and_says_so(dns: DnsClient) -> None:
    from registrar_shared.events import DomainHeld

    ascii_name = dns.register("export-held-dns.com")
    dns.add("export-held-dns.com", host="www", type="A", value="192.0.2.1")
    dns.deliver(DomainHeld(domain=ascii_name, ascii=ascii_name, account_id="demo-cn-main",
                           reason="test"))
    text = dns.request("GET", "/v1/domains/export-held-dns.com/zone").text
    assert "on hold" in text.splitlines()[1]
    assert ("www.export-held-dns.com.", "A") in parsed_sets(text)

import dns.rdatatype
import dns.zone

from chalicelib.dns import rules, zonefile
from chalicelib.dns.model import Record, Zone
from chalicelib.dns.rules import RecordInput

ZONE = Zone(ascii="xn--ehq892b.xn--ses554g", domain="张三.网址", account_id="a", zone_id="Z",
            status="active", created_at="t", version=7)


def rec(n: int, **fields: object) -> Record:
    data = rules.validate_record(RecordInput(**fields), ZONE.ascii)
    return Record(record_id=f"r{n}", data=data, created_at="t", updated_at="t")


def test_export_has_soa_ns_and_parses_back_to_the_records() -> None:
    records = [rec(1, host="www", type="A", value="192.0.2.1"),
               rec(2, host="www", type="A", value="192.0.2.2"),
               rec(3, host="@", type="MX", value="邮件.张三.网址", priority=5),
               rec(4, host="*", type="TXT", value='a "quoted" 文本 ' + "x" * 300),
               rec(5, host="_sip._tcp", type="SRV", value="1 5060 sip.example.com", priority=0)]
    text = zonefile.render(ZONE, records, ("ns-1.example.com", "ns-2.example.net"))
    parsed = dns.zone.from_text(text, origin=None, relativize=False)
    found = {(n.to_text(), dns.rdatatype.to_text(s.rdtype)): sorted(r.to_text() for r in s)
             for n, node in parsed.nodes.items() for s in node}
    apex = "xn--ehq892b.xn--ses554g."
    assert found.pop((apex, "SOA")) == [
        f"ns-1.example.com. hostmaster.{apex} 7 7200 900 1209600 86400"]
    assert found.pop((apex, "NS")) == ["ns-1.example.com.", "ns-2.example.net."]
    expected = rules.record_sets(records, ZONE.ascii)
    assert found == {key: sorted(s.values) for key, s in expected.items()}


def test_apex_cname_of_the_business_card_is_written_beside_soa_and_ns() -> None:
    card = Record("r1", rules.business_card_record(), "t", "t")
    text = zonefile.render(ZONE, [card], ("ns-1.example.com",))
    lines = text.splitlines()
    assert "@ 600 IN CNAME 2019.cname.knetreg.cn." in lines
    assert any(" IN SOA " in line for line in lines) and any(" IN NS " in line for line in lines)

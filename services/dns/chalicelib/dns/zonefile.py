"""Zone export in RFC 1035 master-file form (pure), written by dnspython.

The SOA's serial is the zone row's version (it moves on every write, hold and release);
the other SOA fields are Route 53's defaults. NS are the hosted zone's name servers.
"""

from __future__ import annotations

import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from chalicelib.dns import values
from chalicelib.dns.model import APEX, Record, Zone

SOA_TIMERS = "7200 900 1209600 86400"  # refresh, retry, expire, negative-caching TTL
SOA_TTL = 900
NS_TTL = 172_800


def _rdata(origin: dns.name.Name, record_type: str, text: str) -> dns.rdata.Rdata:
    return dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(record_type), text,
                               origin=origin, relativize=True, relativize_to=origin)


def _rrsets(origin: dns.name.Name, records: list[Record]) -> list[dns.rrset.RRset]:
    sets: dict[tuple[dns.name.Name, int], dns.rrset.RRset] = {}
    for record in records:
        name = origin if record.host == APEX else dns.name.from_text(record.host, origin)
        rdata = _rdata(origin, record.type,
                       values.rdata_text(record.type, record.data.value, record.data.priority))
        key = (name, int(rdata.rdtype))
        if key not in sets:
            sets[key] = dns.rrset.RRset(name, dns.rdataclass.IN, rdata.rdtype)
        sets[key].add(rdata, record.data.ttl)
    return [sets[key] for key in sorted(sets)]


def render(zone: Zone, records: list[Record], name_servers: tuple[str, ...]) -> str:
    """The zone as master-file text. Written rrset by rrset rather than through
    ``dns.zone.Zone``: its nodes enforce RFC 1034's "CNAME and other data" rule, and the
    provider lets a CNAME stand at @ beside NS, MX and TXT (the 姓名.网址 business card)."""
    origin = dns.name.from_text(zone.ascii)
    servers = [s.rstrip(".") + "." for s in name_servers] or [f"ns1.{zone.ascii}."]
    soa = dns.rrset.RRset(origin, dns.rdataclass.IN, dns.rdatatype.SOA)
    soa.add(_rdata(origin, "SOA", f"{servers[0]} hostmaster.{zone.ascii}. {zone.version} "
                                  f"{SOA_TIMERS}"), SOA_TTL)
    ns = dns.rrset.RRset(origin, dns.rdataclass.IN, dns.rdatatype.NS)
    for server in servers:
        ns.add(_rdata(origin, "NS", server), NS_TTL)
    lines = [f"; zone of {zone.domain} ({zone.ascii})"]
    if zone.held:
        lines.append("; the domain is on hold: these records are kept but not served")
    lines.append(f"$ORIGIN {origin.to_text()}")
    for rrset in [soa, ns, *_rrsets(origin, records)]:
        lines.append(str(rrset.to_text(origin=origin, relativize=True)))
    return "\n".join(lines) + "\n"

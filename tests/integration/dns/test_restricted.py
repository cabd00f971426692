"""Domains registered with the provider's proxy template keep default DNS until 过户."""

from __future__ import annotations

from registrar_shared.events import DomainHolderChanged
from tests.integration.dns.conftest import DnsClient, user_sets


def test_proxy_domain_refuses_record_changes_until_a_holder_transfer(dns: DnsClient) -> None:
    # Given a domain registered with the proxy template (restricted)
    ascii_name = dns.register("proxy-held.com", template_id="proxy", restricted=True)
    # When the owner adds a record
    refused = dns.add("proxy-held.com", host="www", type="A", value="192.0.2.1")
    # Then it is refused and Route 53 keeps only the defaults
    assert refused.status == 409 and refused.body["Code"] == "DomainRestricted"
    assert user_sets(ascii_name) == {}
    # When the holder is transferred to the customer's own template
    dns.deliver(DomainHolderChanged(domain="proxy-held.com", ascii=ascii_name,
                                    account_id="demo-cn-main", template_id="t-own",
                                    previous_template_id="proxy"))
    # Then records can be managed
    created = dns.add("proxy-held.com", host="www", type="A", value="192.0.2.1")
    assert created.status == 201
    assert user_sets(ascii_name) == {(f"www.{ascii_name}.", "A"): (600, ["192.0.2.1"])}

"""The 姓名.网址 interactive business card: CNAME @ -> 2019.cname.knetreg.cn."""

from __future__ import annotations

from registrar_shared.events import DomainHeld, DomainHolderChanged
from tests.integration.dns.conftest import DnsClient, user_sets

CARD = "/v1/domains/张三.网址/business-card"


def test_verified_personal_name_domain_gets_the_card_once(dns: DnsClient) -> None:
    # Given a 姓名.网址 domain of the personal-name product whose holder is verified
    dns.verify_template("t-zhang")
    ascii_name = dns.register("张三.网址", product="personal_name", template_id="t-zhang")
    # When the owner switches the card on, twice
    first = dns.request("POST", CARD)
    second = dns.request("POST", CARD)
    # Then the CNAME exists once, the repeat answers 200 with the same record
    assert first.status == 201
    assert first.body["host"] == "@" and first.body["type"] == "CNAME"
    assert first.body["value"] == "2019.cname.knetreg.cn"
    assert second.status == 200 and second.body["record_id"] == first.body["record_id"]
    assert user_sets(ascii_name) == {
        (ascii_name + ".", "CNAME"): (600, ["2019.cname.knetreg.cn."])}


def test_card_needs_a_verified_holder_and_follows_a_holder_change(dns: DnsClient) -> None:
    ascii_name = dns.register("张三.网址", product="personal_name", template_id="t-unverified")
    refused = dns.request("POST", CARD)
    assert refused.status == 422 and refused.body["Code"] == "RealNameRequired"
    # When the domain moves to a verified template
    dns.verify_template("t-new")
    dns.deliver(DomainHolderChanged(domain="张三.网址", ascii=ascii_name,
                                    account_id="demo-cn-main", template_id="t-new"))
    assert dns.request("POST", CARD).status == 201


def test_card_is_only_for_personal_name_domains(dns: DnsClient) -> None:
    dns.verify_template("t-1")
    dns.register("李四.网址", template_id="t-1")  # bought as an ordinary .网址 name
    dns.register("card-dns.com", product="personal_name", template_id="t-1")
    for domain in ("李四.网址", "card-dns.com"):
        response = dns.request("POST", f"/v1/domains/{domain}/business-card")
        assert response.status == 422
        assert response.body["Code"] == "BusinessCardNotAvailable"


def test_card_beside_an_apex_address_is_a_conflict_naming_it(dns: DnsClient) -> None:
    dns.verify_template("t-zhang")
    ascii_name = dns.register("张三.网址", product="personal_name", template_id="t-zhang")
    a_record = dns.add("张三.网址", host="@", type="A", value="192.0.2.1").body
    before = user_sets(ascii_name)
    response = dns.request("POST", CARD)
    assert response.status == 409 and response.body["Code"] == "RecordConflict"
    assert response.body["Details"]["conflicts"][0]["record_id"] == a_record["record_id"]
    assert "192.0.2.1" in response.body["Message"]
    assert user_sets(ascii_name) == before


def test_card_on_a_held_domain_is_refused(dns: DnsClient) -> None:
    dns.verify_template("t-zhang")
    ascii_name = dns.register("张三.网址", product="personal_name", template_id="t-zhang")
    dns.deliver(DomainHeld(domain="张三.网址", ascii=ascii_name, account_id="demo-cn-main",
                           reason="test"))
    response = dns.request("POST", CARD)
    assert response.status == 409 and response.body["Code"] == "DomainOnHold"
    assert user_sets(ascii_name) == {}


def test_a_qualification_document_does_not_verify_the_holder(dns: DnsClient) -> None:
    # Given only a trademark certificate of the template was verified
    dns.verify_template("t-cert", document_type="trademark_certificate")
    dns.register("张三.网址", product="personal_name", template_id="t-cert")
    # Then the card still needs a real-name verified holder
    refused = dns.request("POST", CARD)
    assert refused.status == 422 and refused.body["Code"] == "RealNameRequired"

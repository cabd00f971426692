"""Search use cases with an in-memory registry."""

import pytest

from chalicelib.search import service
from chalicelib.search.errors import InvalidKeyword
from registrar_shared.registry.seed import query
from tests.fakes.clock import FakeClock
from tests.fakes.registry import InMemoryRegistry


@pytest.fixture
def registry() -> InMemoryRegistry:
    registry = InMemoryRegistry()
    registry.create(query("taobao.com"), registrant="x", template_id=None, years=1,
                    now=FakeClock().now())
    registry.create(query("中國.cn"), registrant="x", template_id=None, years=1,
                    now=FakeClock().now())
    registry.reserve(query("example.com"), reason="test")
    return registry


def test_bulk_check_keeps_request_order_with_one_registry_call(registry: InMemoryRegistry
                                                               ) -> None:
    names = ["free.com", "taobao.com", "中国.cn", "example.com", "-x.com", "a.xyz", "abc.hk",
             "TAOBAO.com"]
    results = service.check_availability(names, site="cn", registry=registry)
    assert [r.status for r in results] == [
        "available", "registered", "variant_registered", "reserved", "invalid",
        "unsupported_suffix", "not_registrable", "registered"]
    assert [r.check.input for r in results] == names
    assert registry.check_calls == [4]   # valid, distinct names only


def test_a_bulk_check_of_invalid_names_asks_the_registry_nothing(registry: InMemoryRegistry
                                                                 ) -> None:
    results = service.check_availability(["", "a..b"], site="cn", registry=registry)
    assert [r.status for r in results] == ["invalid", "invalid"]
    assert registry.check_calls == []


def test_suggest_returns_at_most_limit_valid_names(registry: InMemoryRegistry) -> None:
    results = service.suggest_names("taobao", site="intl", limit=4, registry=registry)
    assert [r.check.domain for r in results] == ["taobao.com", "taobao.cn", "taobao.xin",
                                                 "taobao.info"]
    assert results[0].status == "registered" and results[1].price.currency == "USD"
    assert registry.check_calls == [4]


def test_suggest_for_a_keyword_that_makes_no_name_is_invalid(registry: InMemoryRegistry
                                                             ) -> None:
    with pytest.raises(InvalidKeyword) as refused:
        service.suggest_names("-_-", site="cn", limit=20, registry=registry, language="zh")
    assert refused.value.code == "InvalidDomainName" and refused.value.status == 400
    assert refused.value.details["reasons"][0]["code"] == "InvalidCharacter"
    assert "标签" in refused.value.details["reasons"][0]["message"]


def test_validate_uses_the_rules_only() -> None:
    check = service.validate_name("中国人.cn", holder_type="individual")
    assert check.valid and check.notices[0].code == "ReservedWordReview"

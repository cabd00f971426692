"""Pure search rules: statuses, prices, suggestion candidates."""

import pytest

from chalicelib.search import rules
from registrar_shared import catalogue
from registrar_shared.naming import check_name


@pytest.mark.parametrize(("name", "availability", "status"), [
    ("abc.com", "available", "available"),
    ("abc.com", "registered", "registered"),
    ("abc.com", "variant_registered", "variant_registered"),
    ("abc.com", "reserved", "reserved"),
    ("-abc.com", None, "invalid"),
    ("abc.xyz", None, "unsupported_suffix"),
    ("abc.hk", None, "not_registrable"),
    ("abc.gov", None, "not_registrable"),
    ("bank.hk", None, "invalid"),           # the primary reason decides
])
def test_status_follows_the_primary_reason_or_the_registry(name: str, availability: str | None,
                                                           status: str) -> None:
    assert rules.status_of(check_name(name), availability) == status  # type: ignore[arg-type]


def test_a_valid_name_needs_a_registry_answer() -> None:
    with pytest.raises(ValueError):
        rules.status_of(check_name("abc.com"), None)


def test_only_available_names_carry_the_site_price() -> None:
    available = rules.result_of(check_name("abc.cn"), "available", "intl")
    taken = rules.result_of(check_name("abc.cn"), "registered", "cn")
    assert available.available and available.price is not None
    assert (available.price.currency, available.price.register_price) == ("USD", 599)
    assert not taken.available and taken.price is None


def test_suggested_suffixes_follow_the_recommended_order() -> None:
    suffixes = [e.suffix for e in rules.suggested_suffixes(catalogue.load())]
    assert suffixes[:7] == ["com", "cn", "xin", "info", "top", "net", "中国"]
    assert "hk" not in suffixes and "org" not in suffixes


@pytest.mark.parametrize(("keyword", "labels"), [
    ("TaoBao", ["taobao"]), ("taobao.com", ["taobao"]), ("淘宝。中国", ["淘宝"]),
    ("my shop", ["myshop", "my-shop"]), (" 中文 ", ["中文"]), ("www.abc.com", ["www"]),
])
def test_keyword_becomes_labels(keyword: str, labels: list[str]) -> None:
    assert rules.keyword_labels(keyword) == labels


def test_suggestions_put_the_exact_label_first_then_variations() -> None:
    names = rules.suggestion_names("shop", catalogue.load())
    assert names[:3] == ["shop.com", "shop.cn", "shop.xin"]
    assert "myshop.com" in names and "shop365.cn" in names
    assert len(names) == len(set(names))


def test_chinese_keywords_get_chinese_variations() -> None:
    names = rules.suggestion_names("茶叶", catalogue.load())
    assert "茶叶.中国" in names and "茶叶商城.中国" in names and "my茶叶.com" not in names


def test_first_valid_skips_invalid_and_duplicate_names() -> None:
    checks = [check_name(n) for n in ("a.com", "中文.com.cn", "A.COM", "b.cn", "c.cn")]
    assert [c.ascii for c in rules.first_valid(checks, 2)] == ["a.com", "b.cn"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_fast_result_dump_equals_the_validated_model(language: str) -> None:
    from chalicelib.search import api

    cases = [rules.result_of(check_name(n), a, "cn") for n, a in [
        ("abc.com", "available"), ("中國.cn", "variant_registered"), ("-x.hk", None),
        ("", None), ("abc.商标", "reserved")]]
    for result in cases:
        fast = api.CheckResult.dump(result, language)
        assert api.CheckResult.model_validate(fast).model_dump(mode="json") == fast
        assert api.CheckResult.of(result, language).model_dump(mode="json") == fast

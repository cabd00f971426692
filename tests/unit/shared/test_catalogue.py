from registrar_shared import catalogue

PRODUCT_SUFFIXES = ["com", "net", "org", "cn", "com.cn", "net.cn", "org.cn", "gov.cn", "xin",
                    "top", "info", "biz", "tv", "name", "mobi", "asia", "so", "hk", "中国",
                    "公司", "网络", "网址", "商标", "gov", "edu"]


def test_catalogue_lists_every_product_suffix() -> None:
    names = [entry.suffix for entry in catalogue.load().suffixes]
    assert sorted(names) == sorted(PRODUCT_SUFFIXES)


def test_suffixes_are_found_by_u_label_or_a_label() -> None:
    cat = catalogue.load()
    assert cat.get("中国") is cat.get("xn--fiqs8s")
    assert cat.get("网址") is not None and cat.get("网址").ascii == "xn--ses554g"


def test_longest_suffix_wins() -> None:
    match = catalogue.load().longest_match(["abc", "com", "cn"])
    assert match is not None and match[0].suffix == "com.cn" and match[1] == 2
    match = catalogue.load().longest_match(["abc", "cn"])
    assert match is not None and match[0].suffix == "cn"
    assert catalogue.load().longest_match(["abc", "example"]) is None


def test_flags_follow_the_product_rules() -> None:
    cat = catalogue.load()
    assert not cat.get("hk").registrable and cat.get("hk").renewable
    assert cat.get("com.cn").label_script == "ascii_only"
    assert cat.get("中国").label_script == "han_required" and cat.get("中国").cnnic
    assert cat.get("商标").special == "trademark"
    assert cat.get("网址").special == "personal_name"
    assert cat.get("gov.cn").special == "gov"
    assert not cat.get("gov").registrable and not cat.get("edu").registrable


def test_prices_are_integer_minor_units_per_site() -> None:
    for entry in catalogue.load().suffixes:
        assert entry.price("cn").currency == "CNY" and entry.price("intl").currency == "USD"
        for site in ("cn", "intl"):
            price = entry.price(site)
            assert all(isinstance(v, int) and v >= 0
                       for v in (price.register_price, price.renew, price.transfer))
        assert 1 <= entry.min_years <= entry.max_years <= 10
    assert catalogue.load().get("商标").price("cn").register_price == 440000

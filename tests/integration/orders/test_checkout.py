"""Checkout re-checks everything and refuses with the API.md codes, writing nothing."""

import pytest

from tests.integration.orders.conftest import OrdersApi


def test_checkout_prices_first_year_at_register_and_further_years_at_renew(
        orders_api: OrdersApi) -> None:
    status, order = orders_api.call("POST", "/v1/orders", body={
        "items": [{"domain": "Checkout-Price.COM", "years": 2}],
        "template_id": "tpl-cn-individual", "terms_accepted": True})
    assert status == 201
    assert order["status"] == "pending_payment"
    assert order["items"][0]["domain"] == "checkout-price.com"
    assert order["items"][0]["price"] == {"currency": "CNY", "amount": 6900 + 7900}
    assert (order["subtotal"], order["discount"], order["total"]) == (14800, 0, 14800)
    assert order["items"][0]["status"] == "pending"


def test_idn_names_answer_both_forms(orders_api: OrdersApi) -> None:
    status, order = orders_api.order(["张三丰.中国"])
    assert status == 201
    assert order["items"][0]["ascii"].startswith("xn--") and order["items"][0]["domain"] == \
        "张三丰.中国"


def test_same_idempotency_key_returns_the_same_order(orders_api: OrdersApi) -> None:
    body = {"items": [{"domain": "idem-order.com", "years": 1}],
            "template_id": "tpl-cn-individual", "terms_accepted": True}
    headers = {"Idempotency-Key": "k-1"}
    first = orders_api.call("POST", "/v1/orders", body=body, headers=headers)
    again = orders_api.call("POST", "/v1/orders", body=body, headers=headers)
    other = orders_api.call("POST", "/v1/orders", headers=headers,
                            body={**body, "items": [{"domain": "idem-other.com", "years": 1}]})
    assert first[0] == again[0] == 201
    assert first[1]["order_id"] == again[1]["order_id"]
    assert other[0] == 409 and other[1]["Code"] == "IdempotencyKeyReused"
    listed = orders_api.call("GET", "/v1/orders")[1]["orders"]
    assert [o["order_id"] for o in listed] == [first[1]["order_id"]]


@pytest.mark.parametrize(("items", "extra", "status", "code"), [
    ([{"domain": "ram.com", "years": 1}], {}, 403, "RamUserForbidden"),
])
def test_ram_users_cannot_buy(orders_api: OrdersApi, items: list, extra: dict, status: int,
                              code: str) -> None:
    answer = orders_api.call("POST", "/v1/orders", "cn-ram", {
        "items": items, "template_id": "tpl-cn-individual", "terms_accepted": True, **extra})
    assert answer[0] == status and answer[1]["Code"] == code


@pytest.mark.parametrize(("domain", "template", "status", "code"), [
    ("bad_name.com", "tpl-cn-individual", 400, "InvalidDomainName"),
    ("-lead.com", "tpl-cn-individual", 400, "InvalidDomainName"),
    ("www.two-labels.com", "tpl-cn-individual", 400, "InvalidDomainName"),
    ("example.example", "tpl-cn-individual", 422, "UnsupportedSuffix"),
    ("new-name.hk", "tpl-cn-individual", 422, "SuffixNotRegistrable"),
    ("taobao.com", "tpl-cn-individual", 409, "DomainUnavailable"),
    ("淘寶.中国", "tpl-cn-individual", 409, "DomainUnavailable"),
    ("fine-name.cn", "tpl-unknown", 404, "TemplateNotFound"),
    ("fine-name.cn", "tpl-cn-unverified-email", 422, "TemplateEmailNotVerified"),
    ("fine-name.cn", "tpl-cn-taiwan", 422, "CnnicSiteRestricted"),
    ("中国人.cn", "tpl-cn-individual", 422, "ReservedWordEntityOnly"),
])
def test_checkout_refusals(orders_api: OrdersApi, domain: str, template: str, status: int,
                           code: str) -> None:
    answer = orders_api.order([domain], template=template)
    assert (answer[0], answer[1]["Code"]) == (status, code)
    assert orders_api.call("GET", "/v1/orders")[1]["orders"] == []


def test_variant_refusal_names_the_status(orders_api: OrdersApi) -> None:
    status, body = orders_api.order(["騰訊.cn"])
    assert status == 409 and body["Details"]["status"] == "variant_registered"


def test_the_international_site_accepts_what_cnnic_refuses_on_the_china_site(
        orders_api: OrdersApi) -> None:
    status, order = orders_api.order(["intl-ok.cn"], account="intl-main",
                                     template="tpl-intl-taiwan")
    assert status == 201 and order["currency"] == "USD"


def test_another_accounts_template_is_not_found(orders_api: OrdersApi) -> None:
    status, body = orders_api.order(["other-tpl.com"], account="intl-main",
                                    template="tpl-cn-individual")
    assert (status, body["Code"]) == (404, "TemplateNotFound")


def test_enterprise_may_buy_reserved_words_subject_to_review(orders_api: OrdersApi) -> None:
    status, order = orders_api.order(["中国科技.cn"], template="tpl-cn-enterprise")
    assert status == 201 and order["items"][0]["naming_review"] is True


def test_holder_type_must_match_the_template(orders_api: OrdersApi) -> None:
    status, body = orders_api.order(["holder.com"], holder_type="enterprise")
    assert (status, body["Code"]) == (422, "HolderTypeMismatch")


def test_terms_must_be_accepted(orders_api: OrdersApi) -> None:
    for terms in (False, None):
        body = {"items": [{"domain": "terms.com", "years": 1}],
                "template_id": "tpl-cn-individual"}
        if terms is not None:
            body["terms_accepted"] = terms
        status, answer = orders_api.call("POST", "/v1/orders", body=body)
        assert (status, answer["Code"]) == (422, "TermsNotAccepted")


@pytest.mark.parametrize("years", [1.5, "2", None])
def test_years_that_are_not_whole_numbers_are_validation_errors(orders_api: OrdersApi,
                                                                years: object) -> None:
    status, body = orders_api.call("POST", "/v1/orders", body={
        "items": [{"domain": "years.com", "years": years}],
        "template_id": "tpl-cn-individual", "terms_accepted": True})
    assert (status, body["Code"]) == (400, "ValidationError")


@pytest.mark.parametrize(("path", "years"), [
    ("/v1/orders", 0), ("/v1/orders", 11), ("/v1/orders", -1), ("/v1/orders", 10**12),
    ("/v1/cart/items", 11), ("/v1/cart/items", 0)])
def test_years_outside_the_suffix_range_are_invalid_periods_with_the_range(
        orders_api: OrdersApi, path: str, years: int) -> None:
    item = {"domain": "years.com", "years": years}
    body = {"items": [item], "template_id": "tpl-cn-individual", "terms_accepted": True} \
        if path == "/v1/orders" else item
    status, answer = orders_api.call("POST", path, body=body)
    assert (status, answer["Code"]) == (400, "InvalidPeriod")
    assert answer["Details"] == {"min_years": 1, "max_years": 10}
    assert orders_api.call("GET", "/v1/orders")[1]["orders"] == []


def test_unknown_action_and_duplicate_items_are_refused(orders_api: OrdersApi) -> None:
    status, body = orders_api.call("POST", "/v1/orders", body={
        "items": [{"domain": "a.com", "years": 1, "action": "transfer"}],
        "template_id": "tpl-cn-individual", "terms_accepted": True})
    assert (status, body["Code"]) == (400, "ValidationError")
    status, body = orders_api.order(["dup.com", "DUP.com"])
    assert (status, body["Code"]) == (400, "DuplicateItem")


def test_promo_codes(orders_api: OrdersApi) -> None:
    status, order = orders_api.order(["promo-one.com"], promo_code="WELCOME20")
    assert status == 201 and order["discount"] == 6900 * 20 // 100
    assert order["total"] == order["subtotal"] - order["discount"]
    for code, domain in (("WELCOME20", "promo-two.com"), ("EXPIRED2025", "promo-3.com"),
                         ("CN10OFF", "promo-4.com"), ("NOSUCHCODE", "promo-5.com")):
        status, body = orders_api.order([domain], promo_code=code)
        assert (status, body["Code"]) == (422, "PromoCodeInvalid"), code


def test_cart_checkout(orders_api: OrdersApi) -> None:
    assert orders_api.call("POST", "/v1/cart/items", body={"domain": "cart-a.com",
                                                           "years": 2})[0] == 201
    status, cart = orders_api.call("POST", "/v1/cart/items", body={"domain": "cart-b.cn",
                                                                   "years": 1})
    assert status == 201 and [i["domain"] for i in cart["items"]] == ["cart-a.com", "cart-b.cn"]
    assert cart["total"] == 6900 + 7900 + 2900
    # re-adding updates
    cart = orders_api.call("POST", "/v1/cart/items", body={"domain": "CART-A.com",
                                                           "years": 1})[1]
    assert cart["total"] == 6900 + 2900
    cart = orders_api.call("DELETE", "/v1/cart/items/cart-b.cn")[1]
    assert [i["domain"] for i in cart["items"]] == ["cart-a.com"]
    status, order = orders_api.call("POST", "/v1/orders", body={
        "template_id": "tpl-cn-individual", "terms_accepted": True})
    assert status == 201 and [i["domain"] for i in order["items"]] == ["cart-a.com"]
    assert orders_api.call("GET", "/v1/cart")[1]["items"] == []


def test_cart_refuses_bad_items_and_ram_users(orders_api: OrdersApi) -> None:
    assert orders_api.call("POST", "/v1/cart/items", "cn-ram",
                           {"domain": "x.com", "years": 1})[1]["Code"] == "RamUserForbidden"
    assert orders_api.call("POST", "/v1/cart/items",
                           body={"domain": "x.com", "years": 1, "action": "buy"})[0] == 400
    assert orders_api.call("DELETE", "/v1/cart/items/absent.com")[0] == 404
    assert orders_api.call("POST", "/v1/orders", body={
        "template_id": "tpl-cn-individual", "terms_accepted": True})[1]["Code"] == "CartEmpty"


def test_orders_of_other_accounts_are_not_found(orders_api: OrdersApi) -> None:
    order = orders_api.order(["mine-only.com"])[1]
    status, body = orders_api.call("GET", f"/v1/orders/{order['order_id']}", "intl-main")
    assert (status, body["Code"]) == (404, "OrderNotFound")
    assert orders_api.call("GET", f"/v1/orders/{order['order_id']}", "cn-ram")[0] == 200

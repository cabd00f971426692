"""Leaf errors of the orders service (API.md codes), each with English and Chinese text."""

from __future__ import annotations

from registrar_shared.errors import (
    Conflict,
    InvalidInput,
    Missing,
    PolicyViolation,
    Unauthenticated,
)


class InvalidDomainName(InvalidInput):
    message_en = "{domain} is not a valid domain name: {reason}"
    message_zh = "{domain} 不是有效的域名：{reason}"


class UnsupportedSuffix(PolicyViolation):
    message_en = "The suffix of {domain} is not offered"
    message_zh = "不支持 {domain} 的后缀"


class SuffixNotRegistrable(PolicyViolation):
    message_en = "{domain} cannot be registered here: {reason}"
    message_zh = "{domain} 不能在此注册：{reason}"


class SuffixNotRenewable(PolicyViolation):
    message_en = "Domains under .{suffix} cannot be renewed here"
    message_zh = ".{suffix} 域名不能在此续费"


class DomainUnavailable(Conflict):
    message_en = "{domain} is not available ({status})"
    message_zh = "{domain} 不可注册（{status}）"


class TermsNotAccepted(PolicyViolation):
    message_en = "The service terms must be accepted (terms_accepted: true)"
    message_zh = "必须同意服务条款（terms_accepted: true）"


class TemplateNotFound(Missing):
    message_en = "Template {template_id} does not exist"
    message_zh = "信息模板 {template_id} 不存在"


class TemplateEmailNotVerified(PolicyViolation):
    message_en = "The e-mail address of template {template_id} is not verified yet"
    message_zh = "信息模板 {template_id} 的邮箱尚未验证"


class HolderTypeMismatch(PolicyViolation):
    message_en = "The order is for a(n) {wanted} holder but template {template_id} is {actual}"
    message_zh = "订单持有人类型为 {wanted}，但信息模板 {template_id} 为 {actual}"


class CnnicSiteRestricted(PolicyViolation):
    message_en = ("{domain}: CNNIC does not accept {holder_type} holders from {region} on the "
                  "China site; use the international site")
    message_zh = "{domain}：中国站不接受来自 {region} 的{holder_type}持有人注册，请使用国际站"


class ReservedWordEntityOnly(PolicyViolation):
    message_en = ("{domain} contains a reserved word and can be registered only by an "
                  "entitled organisation")
    message_zh = "{domain} 含有保留词，仅限有资质的单位注册"


class InvalidPeriod(InvalidInput):
    message_en = "{domain}: {years} year(s) is outside the allowed period ({low}-{high})"
    message_zh = "{domain}：{years} 年超出允许的注册年限（{low}-{high}）"


class PromoCodeInvalid(PolicyViolation):
    message_en = "Promo code {code} cannot be used: {reason}"
    message_zh = "优惠口令 {code} 不可用：{reason}"


class InsufficientBalance(PolicyViolation):
    message_en = "The balance is not enough to pay {total} {currency}"
    message_zh = "余额不足以支付 {total} {currency}"


class InvalidOrderState(Conflict):
    message_en = "Order {order_id} is {status}; this is not possible now"
    message_zh = "订单 {order_id} 当前状态为 {status}，无法执行此操作"


class OrderNotFound(Missing):
    message_en = "Order {order_id} does not exist"
    message_zh = "订单 {order_id} 不存在"


class PaymentNotFound(Missing):
    message_en = "Payment {payment_id} does not exist"
    message_zh = "支付单 {payment_id} 不存在"


class DomainNotFound(Missing):
    message_en = "{domain} is not in your portfolio"
    message_zh = "{domain} 不在您的域名列表中"


class InvalidSignature(Unauthenticated):
    message_en = "The callback signature is not valid"
    message_zh = "回调签名无效"


class PaymentAmountMismatch(Conflict):
    message_en = "The paid amount {amount} {currency} does not match the order"
    message_zh = "支付金额 {amount} {currency} 与订单不符"


class CartEmpty(PolicyViolation):
    message_en = "The cart is empty; add items or send them with the order"
    message_zh = "清单为空，请添加商品或在下单时提交商品"


class CartFull(PolicyViolation):
    message_en = "The cart holds at most {limit} items"
    message_zh = "清单最多容纳 {limit} 个商品"


class DuplicateItem(InvalidInput):
    message_en = "{domain} appears more than once in the order"
    message_zh = "{domain} 在订单中重复出现"

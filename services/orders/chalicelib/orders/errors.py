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


class DuplicateOrderItem(Conflict):
    message_en = ("{domain} is already in your order {order_id}, which is unpaid or being "
                  "processed: pay or cancel that order instead")
    message_zh = "{domain} 已在您的订单 {order_id} 中（待支付或处理中），请支付或取消该订单"


# --- special suffixes (PRODUCT.md §8) ----------------------------------------------------

class ProductDetailsRequired(InvalidInput):
    message_en = "{domain} needs the item field `{field}` ({what})"
    message_zh = "{domain} 需要在订单项中提供 `{field}`（{what_zh}）"


class ProductDetailsNotApplicable(InvalidInput):
    message_en = "{domain}: the item field `{field}` does not apply here ({why})"
    message_zh = "{domain}：订单项字段 `{field}` 不适用（{why_zh}）"


class TrademarkNumberInvalid(InvalidInput):
    code = "DocumentNumberInvalid"
    message_en = ("The trademark registration number is not valid: 4 to 9 digits, G first "
                  "for international registrations")
    message_zh = "商标注册号无效：应为 4 至 9 位数字（国际注册以 G 开头）"


class TrademarkHolderMismatch(PolicyViolation):
    message_en = ("{domain}: the trademark holder {holder} is not the holder of template "
                  "{template_id} ({expected})")
    message_zh = ("{domain}：商标注册人 {holder} 与信息模板 {template_id} 的持有人（{expected}）"
                  "不一致")


class PersonalNameLabelMismatch(InvalidInput):
    message_en = "{domain}: the label must be exactly prefix + name + suffix ({expected})"
    message_zh = "{domain}：域名主体必须恰好是 前缀 + 姓名 + 后缀（{expected}）"


class PersonalNameTransliterated(PolicyViolation):
    message_en = "{domain}: names containing '·' or '.' cannot be registered as 姓名.网址"
    message_zh = "{domain}：含有“·”或“.”的姓名不能注册姓名.网址"


class PersonalNameHolderMismatch(PolicyViolation):
    message_en = ("{domain}: the name {name} is not the holder of template {template_id} "
                  "({expected})")
    message_zh = "{domain}：姓名 {name} 与信息模板 {template_id} 的持有人（{expected}）不一致"


class PersonalNameIndividualOnly(PolicyViolation):
    message_en = "{domain}: 姓名.网址 can be registered only by individuals"
    message_zh = "{domain}：姓名.网址仅限个人注册"


class PersonalNameMainlandOnly(PolicyViolation):
    message_en = "{domain}: 姓名.网址 can be registered only by mainland China residents"
    message_zh = "{domain}：姓名.网址仅限中国内地居民注册"


class GovOrganisationRequired(PolicyViolation):
    message_en = ("{domain}: .gov.cn can be registered only by government bodies (机关法人); "
                  "template {template_id} is not one")
    message_zh = "{domain}：.gov.cn 仅限机关法人注册，信息模板 {template_id} 不是机关法人"


class GovChannelRequired(PolicyViolation):
    message_en = "{domain}: {level} government bodies register .gov.cn through {channel}"
    message_zh = "{domain}：{level_zh}单位须通过{channel_zh}注册 .gov.cn 域名"


class ProxyTemplateNotAllowed(PolicyViolation):
    message_en = ("{domain}: the proxy template cannot hold this name ({why}); use your own "
                  "verified template")
    message_zh = "{domain}：代理模板不能持有该域名（{why_zh}），请使用您自己的已认证模板"


class DomainRestricted(PolicyViolation):
    message_en = ("{domain} is held by the proxy template: renew it with template_id "
                  "\"proxy\" or transfer it to your own template first (holder-transfer)")
    message_zh = ("{domain} 由代理模板持有：请使用 template_id \"proxy\" 续费，"
                  "或先过户到您自己的模板")


class DomainNotRestricted(Conflict):
    message_en = "{domain} is not held by the proxy template; there is nothing to transfer"
    message_zh = "{domain} 不由代理模板持有，无需过户"


class TemplateNotRealnameVerified(PolicyViolation):
    message_en = "Template {template_id} is not real-name verified yet"
    message_zh = "信息模板 {template_id} 尚未通过实名认证"


class InvalidDomainState(Conflict):
    message_en = "{domain} is {status}; this is not possible now"
    message_zh = "{domain} 当前状态为 {status}，无法执行此操作"


class DeregistrationNotOffered(PolicyViolation):
    message_en = "{domain}: deregistration is offered for .gov.cn domains only"
    message_zh = "{domain}：仅 .gov.cn 域名可申请注销"

"""Leaf errors of the real-name service: one class per rule, messages in both languages."""

from __future__ import annotations

from registrar_shared.errors import (
    Conflict,
    InvalidInput,
    Missing,
    PolicyViolation,
    Throttled,
)

# --- templates ---------------------------------------------------------------------------


class TemplateNotFound(Missing):
    code = "NotFound"
    message_en = "Template {template_id} does not exist"
    message_zh = "信息模板 {template_id} 不存在"


class TemplateLimitExceeded(PolicyViolation):
    message_en = "An account can have at most {limit} templates"
    message_zh = "每个账号最多可创建 {limit} 个信息模板"


class OrganisationRequired(InvalidInput):
    message_en = "An enterprise template needs the organisation (the holder's registered name)"
    message_zh = "企业信息模板必须填写单位名称（注册人名称）"


class OrganisationTypeNotAllowed(InvalidInput):
    message_en = "organisation_type applies to enterprise templates only"
    message_zh = "只有企业信息模板可以填写单位类型（organisation_type）"


class ChineseHolderNameRequired(InvalidInput):
    message_en = "On the China site the holder name ({field}) must be written in Chinese"
    message_zh = "中国站的注册人名称（{field}）必须使用中文"


class EnglishHolderNameRequired(InvalidInput):
    message_en = ("On the international site give the holder name in Latin letters "
                  "(name_en) when {field} is not written in them")
    message_zh = "国际站的注册人名称（{field}）不是英文时，必须填写英文名称（name_en）"


class CountryRegionMismatch(InvalidInput):
    message_en = "Country {country} does not belong to region {region}"
    message_zh = "国家或地区代码 {country} 与所属地区 {region} 不符"


class PostalCodeInvalid(InvalidInput):
    message_en = "A mainland postal code has six digits"
    message_zh = "内地邮政编码应为 6 位数字"


# --- e-mail verification ------------------------------------------------------------------


class EmailAlreadyVerified(Conflict):
    message_en = "The e-mail address of this template is already verified"
    message_zh = "该信息模板的邮箱已验证"


class EmailCodeRequestedTooSoon(Throttled):
    message_en = "A code was sent less than a minute ago; request a new one in {retry_after} s"
    message_zh = "验证码发送过于频繁，请在 {retry_after} 秒后重新获取"


class EmailCodeNotRequested(Conflict):
    message_en = "No verification code was requested for this template"
    message_zh = "该信息模板尚未获取邮箱验证码"


class EmailCodeExpired(Conflict):
    message_en = "The verification code has expired; request a new one"
    message_zh = "验证码已过期，请重新获取"


class EmailCodeLocked(Conflict):
    message_en = "Too many wrong codes; request a new code"
    message_zh = "验证码错误次数过多，请重新获取验证码"


class EmailCodeUsed(Conflict):
    message_en = "The verification code was already used; request a new one"
    message_zh = "验证码已使用，请重新获取"


class EmailCodeIncorrect(InvalidInput):
    message_en = "The verification code is not correct ({attempts_left} attempts left)"
    message_zh = "验证码不正确（还可尝试 {attempts_left} 次）"


# --- uploads ------------------------------------------------------------------------------


class TemplateEmailNotVerified(PolicyViolation):
    message_en = "Verify the template's e-mail address first"
    message_zh = "请先完成信息模板的邮箱验证"


class DocumentTypeMismatch(PolicyViolation):
    message_en = "A {document_type} document cannot be used for this {holder_type} template"
    message_zh = "{holder_type_zh}信息模板不能使用该证件类型（{document_type}）"


class RealnameAlreadyVerified(Conflict):
    message_en = "This template is already real-name verified"
    message_zh = "该信息模板已完成实名认证"


class DocumentNumberInvalid(InvalidInput):
    message_en = "The {document} number is not valid: {problem_en}"
    message_zh = "{document_zh}号码无效：{problem_zh}"


class InvalidDomainName(InvalidInput):
    message_en = "The domain name is not valid: {domain}"
    message_zh = "域名无效：{domain}"


class UploadNotFound(Missing):
    code = "NotFound"
    message_en = "Upload {upload_id} does not exist"
    message_zh = "上传记录 {upload_id} 不存在"


# --- Idempotency-Key ----------------------------------------------------------------------


class InvalidIdempotencyKey(InvalidInput):
    message_en = "Idempotency-Key must be 1 to 128 printable ASCII characters"
    message_zh = "Idempotency-Key 须为 1 至 128 个可打印 ASCII 字符"


class IdempotencyKeyInProgress(Conflict):
    message_en = "A request with this Idempotency-Key is still being processed; retry shortly"
    message_zh = "使用该 Idempotency-Key 的请求仍在处理中，请稍后重试"

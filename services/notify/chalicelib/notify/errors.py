"""Errors of the notify service: one class per rule, with English and Chinese messages."""

from __future__ import annotations

from registrar_shared.errors import InvalidInput, Missing, PolicyViolation, Unavailable


class InvalidWebhookUrl(InvalidInput):
    message_en = "The webhook URL is not valid: {reason}"
    message_zh = "Webhook 地址无效：{reason}"


class WebhookTargetRefused(InvalidInput):
    message_en = ("The webhook URL points at a private, loopback, link-local or reserved "
                  "address ({address}); only public addresses can receive webhooks")
    message_zh = "Webhook 地址指向私有、回环、链路本地或保留地址（{address}），只允许公网地址"


class WebhookHostUnresolvable(InvalidInput):
    message_en = "The webhook host {host} does not resolve"
    message_zh = "无法解析 Webhook 主机 {host}"


class UnknownEventPattern(InvalidInput):
    message_en = "Unknown event pattern(s): {patterns}"
    message_zh = "未知的事件类型模式：{patterns}"


class InvalidContactEmail(InvalidInput):
    message_en = "The e-mail address is not valid"
    message_zh = "电子邮箱地址无效"


class InvalidContactPhone(InvalidInput):
    message_en = "The phone number must be in E.164 form, e.g. +8613800000000"
    message_zh = "手机号码须为 E.164 格式，例如 +8613800000000"


class WebhookNotFound(Missing):
    message_en = "Webhook {webhook_id} does not exist"
    message_zh = "Webhook {webhook_id} 不存在"


class WebhookLimitExceeded(PolicyViolation):
    message_en = "An account can register at most {limit} webhooks"
    message_zh = "每个账号最多可注册 {limit} 个 Webhook"


class InvalidEventPayload(InvalidInput):
    message_en = "The {event_type} event's payload does not match its model"
    message_zh = "{event_type} 事件的内容与其模型不符"


class DeliveryInProgress(Unavailable):
    message_en = "Another worker is delivering {channel} for event {event_id}; retry later"
    message_zh = "事件 {event_id} 的 {channel} 通知正在由其他进程发送，请稍后重试"


class ChannelUnavailable(Unavailable):
    message_en = "The {channel} provider is unavailable; retry later"
    message_zh = "{channel} 通道暂不可用，请稍后重试"

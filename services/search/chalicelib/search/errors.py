"""Leaf errors of the search service (one class per rule)."""

from __future__ import annotations

from registrar_shared.errors import InvalidInput


class InvalidKeyword(InvalidInput):
    """No name on any suggested suffix can be made from the keyword."""

    code = "InvalidDomainName"
    message_en = "No valid domain name can be made from the keyword: {primary_en}"
    message_zh = "无法用该关键词组成有效的域名：{primary_zh}"


"""Seed data of the simulated registry: names other registrars' customers already hold,
and names the registry reserves. Idempotent, so every local start can run it."""

from __future__ import annotations

from datetime import UTC, datetime

from registrar_shared.naming import check_name
from registrar_shared.registry.base import NameQuery
from registrar_shared.registry.simulated import SimulatedRegistry

SEED_REGISTRANT = "other-registrar"

TAKEN = (
    "taobao.com", "tmall.com", "jd.com", "aliyun.com", "alibaba.com", "baidu.com", "qq.com",
    "weibo.com", "163.com", "sina.com.cn", "taobao.cn", "jd.cn", "aliyun.cn",
    "中国.中国", "中國銀行.cn", "淘宝.中国", "京东.中国", "阿里巴巴.中国", "阿里云.公司",
    "百度.网络", "腾讯.cn", "阿里巴巴.cn",
)

RESERVED = (
    "example.com", "example.net", "example.org", "nic.cn", "cnnic.cn", "whois.cn",
    "中国互联网络信息中心.中国", "国务院.cn",
)


def query(name: str) -> NameQuery:
    """The registry query of a valid name (seed data must pass the name rules)."""
    check = check_name(name)
    if check.ascii is None or check.variant_key is None:
        raise ValueError(f"seed name {name!r} is not valid: {[r.code for r in check.reasons]}")
    return NameQuery(ascii=check.ascii, variant_key=check.variant_key)


def seed_registry(registry: SimulatedRegistry, now: datetime | None = None) -> None:
    """Register TAKEN for another registrar (10 years) and reserve RESERVED; names seeded
    before are left alone. Two calls: a batched check and one transaction."""
    registry.load(registered=[query(n) for n in TAKEN], reserved=[query(n) for n in RESERVED],
                  registrant=SEED_REGISTRANT, years=10, now=now or datetime.now(UTC),
                  reason="reserved by the registry")

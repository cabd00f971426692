"""Local seed data: one ready-to-use (e-mail and real-name verified) template per demo main
account, announced like real ones so that orders' projection knows them too."""

from __future__ import annotations

from typing import Any

from chalicelib.realname import rules, wiring
from chalicelib.realname.model import Template
from chalicelib.realname.repository import TemplateIdTaken
from registrar_shared.auth import Principal
from registrar_shared.clock import SystemClock
from registrar_shared.events import (
    RealnameVerified,
    TemplateCreated,
    TemplateEmailVerified,
)
from registrar_shared.messaging import Publisher

DEMO_TEMPLATES: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("main", "cn"): [
        {"template_id": "tpl-demo-cn-individual", "holder_type": "individual", "name": "张三",
         "province": "北京市", "city": "北京市", "address": "朝阳区望京街 1 号",
         "postal_code": "100102", "region": "mainland", "country": "CN",
         "phone": "+8613800000001"},
        {"template_id": "tpl-demo-cn-enterprise", "holder_type": "enterprise", "name": "李四",
         "organisation": "深圳市示例科技有限公司", "organisation_type": "company",
         "province": "广东省", "city": "深圳市", "address": "南山区科技园 8 号",
         "postal_code": "518057", "region": "mainland", "country": "CN",
         "phone": "+8613800000001"},
    ],
    ("main", "intl"): [
        {"template_id": "tpl-demo-intl-individual", "holder_type": "individual",
         "name": "John Smith", "province": "CA", "city": "San Francisco",
         "address": "1 Market St", "region": "other", "country": "US",
         "phone": "+14155550100"},
    ],
}


def seed(accounts: list[Principal]) -> None:
    now = SystemClock().now()
    repo, publisher = wiring.get_repository(), wiring.get_publisher()
    for principal in accounts:
        for fields in DEMO_TEMPLATES.get((principal.kind, principal.site), []):
            template = Template(
                account_id=principal.account_id, site=principal.site,
                email=f"{principal.name or principal.account_id}@example.com",
                created_at=now, updated_at=now, email_verified=True, email_verified_at=now,
                realname_status="verified", realname_verified_at=now,
                realname_upload_id="upl-demo-seed", **fields)
            try:
                repo.add_template(template, limit=rules.TEMPLATE_LIMIT)
            except TemplateIdTaken:
                continue
            _announce(template, publisher)


def _announce(t: Template, publisher: Publisher) -> None:
    publisher.publish(TemplateCreated(
        template_id=t.template_id, account_id=t.account_id, holder_type=t.holder_type,
        name=t.name, region=t.region, email=t.email, organisation=t.organisation,
        organisation_type=t.organisation_type, name_en=t.name_en))
    publisher.publish(TemplateEmailVerified(template_id=t.template_id,
                                            account_id=t.account_id, email=t.email))
    publisher.publish(RealnameVerified(
        template_id=t.template_id, account_id=t.account_id, upload_id="upl-demo-seed",
        document_type="id_card" if t.holder_type == "individual" else "business_licence",
        holder_name=t.holder_name, holder_type=t.holder_type))

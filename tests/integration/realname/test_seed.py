from tests.integration.helpers import demo_accounts
from tests.integration.realname.conftest import RealnameClient


def test_demo_accounts_get_ready_to_use_templates_once(realname: RealnameClient) -> None:
    # Given the seeded stack (the fixture seeded it once)
    cn = {t["template_id"]: t for t in realname.get("/v1/templates?limit=200").body["templates"]}
    intl = realname.get("/v1/templates/tpl-demo-intl-individual", account="intl-main").body
    # Then the demo templates are e-mail and real-name verified
    person, company = cn["tpl-demo-cn-individual"], cn["tpl-demo-cn-enterprise"]
    assert person["holder_name"] == "张三" and company["holder_name"] == "深圳市示例科技有限公司"
    for template in (person, company, intl):
        assert template["email_verified"] and template["realname_status"] == "verified"
    assert realname.get("/v1/templates/tpl-demo-cn-individual", account="cn-ram").status == 200
    assert realname.get("/v1/templates/tpl-demo-cn-individual",
                        account="intl-main").status == 404
    # And orders heard of each one; seeding again announces nothing new
    announced = realname.events("realname.verified", template_id="tpl-demo-cn-individual")
    demo_accounts()
    assert realname.events("realname.verified", template_id="tpl-demo-cn-individual") == announced
    assert len(announced) == 1

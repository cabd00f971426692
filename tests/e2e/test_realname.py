"""Real-name verification through the running stack: gateway → realname → SES (moto_server),
presigned POST straight to S3 (moto_server) → S3 notification → SQS → event runner →
verification handler."""

from __future__ import annotations

import re
from typing import Any

import requests

from tests.e2e.conftest import Api, wait_for
from tests.unit.identity.synth import GB_EXAMPLE_RESIDENT_ID
from tests.unit.realname.images import noise_image

AUTH = {"account": "cn-main"}


def template_body(email: str) -> dict[str, Any]:
    return {"holder_type": "individual", "name": "张三", "email": email,
            "phone": "+86 138 0000 0000", "region": "mainland", "country": "CN",
            "province": "北京市", "city": "北京市", "address": "朝阳区望京街 1 号",
            "postal_code": "100102"}



def mailed_code(moto_url: str, email: str) -> str:
    """The code in the newest mail to ``email``, from moto_server's SES data. data.json
    serialises every object moto holds, so it slows as the session grows (and on a busy
    machine): generous time-outs here; a real local mailbox is the fix (pipeline issue)."""
    def probe() -> str | None:
        data = requests.get(f"{moto_url}/moto-api/data.json", timeout=60).json()
        messages = [m for m in data.get("ses", {}).get("Message", [])
                    if email in str(m.get("destinations"))]
        match = re.search(r"\b(\d{6})\b", str(messages[-1].get("body"))) if messages else None
        return match.group(1) if match else None
    return str(wait_for(probe, timeout=120))


def verified_template(api: Api, moto_url: str, email: str) -> str:
    created = api.post("/realname/v1/templates", json=template_body(email), **AUTH)
    assert created.status_code == 201, created.text
    template_id = created.json()["template_id"]
    sent = api.post(f"/realname/v1/templates/{template_id}/email-verification", **AUTH)
    assert sent.status_code == 202, sent.text
    confirmed = api.post(f"/realname/v1/templates/{template_id}/email-verification/confirm",
                         json={"code": mailed_code(moto_url, email)}, **AUTH)
    assert confirmed.status_code == 200 and confirmed.json()["email_verified"], confirmed.text
    return str(template_id)


def upload(api: Api, template_id: str, data: bytes, content_type: str) -> str:
    grant = api.post(f"/realname/v1/templates/{template_id}/uploads", json={
        "document_type": "id_card", "document_number": GB_EXAMPLE_RESIDENT_ID,
        "holder_name": "张三", "content_type": content_type}, **AUTH)
    assert grant.status_code == 201, grant.text
    body = grant.json()
    # Plain HTTP multipart POST to S3 with the presigned fields; the file goes last.
    response = requests.post(body["url"], data=body["fields"],
                             files={"file": ("id-card", data, content_type)},
                             headers={"Connection": "close"}, timeout=30)
    assert response.status_code in (200, 201, 204), response.text
    return str(body["upload_id"])


def settled(api: Api, template_id: str) -> dict[str, Any]:
    def probe() -> dict[str, Any] | None:
        template = api.get(f"/realname/v1/templates/{template_id}", **AUTH).json()
        return template if template["realname_status"] in ("verified", "failed") else None
    return dict(wait_for(probe))


def test_uploaded_id_card_verifies_the_template(stack, api: Api) -> None:  # noqa: ANN001
    # Given an e-mail-verified template (code read from the mail SES sent)
    template_id = verified_template(api, stack.moto.url, "e2e-verified@example.com")
    # When a real JPEG is POSTed to S3 with the presigned form
    upload_id = upload(api, template_id, noise_image("image/jpeg", seed=11), "image/jpeg")
    # Then S3 → SQS → the handler verifies it and the template
    template = settled(api, template_id)
    assert template["realname_status"] == "verified", template
    status = api.get(f"/realname/v1/templates/{template_id}/uploads/{upload_id}", **AUTH)
    assert status.json()["status"] == "verified"


def test_png_declared_as_jpeg_fails_with_its_code(stack, api: Api) -> None:  # noqa: ANN001
    template_id = verified_template(api, stack.moto.url, "e2e-failed@example.com")
    upload_id = upload(api, template_id, noise_image("image/png", seed=12), "image/jpeg")
    template = settled(api, template_id)
    assert template["realname_status"] == "failed"
    assert template["realname_failure"]["code"] == "FileTypeNotAllowed"
    status = api.get(f"/realname/v1/templates/{template_id}/uploads/{upload_id}",
                     headers={"Accept-Language": "zh-CN"}, **AUTH).json()
    assert status["failure"]["code"] == "FileTypeNotAllowed"
    assert "只允许" in status["failure"]["message"]

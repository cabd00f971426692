import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from registrar_shared.resources import DOCUMENTS_BUCKET
from tests.fakes.clock import FakeClock
from tests.integration.realname.conftest import (
    CN_ENTERPRISE,
    RealnameClient,
    upload_with_form,
)
from tests.unit.identity.synth import GB_EXAMPLE_RESIDENT_ID, resident_id, uscc_code, wrong_check
from tests.unit.realname.images import fake_pdf, noise_image, text_file, truncated

# Born after today on the realname service's clock (China time) whatever day the run is.
_DAYS_AHEAD = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y%m%d")

ID_CARD = {"document_type": "id_card", "document_number": GB_EXAMPLE_RESIDENT_ID,
           "holder_name": "张三", "content_type": "image/jpeg"}


def status_of(realname: RealnameClient, template_id: str) -> dict[str, Any]:
    return realname.get(f"/v1/templates/{template_id}").body


def upload_of(realname: RealnameClient, template_id: str, upload_id: str,
              **kwargs: Any) -> dict[str, Any]:
    return realname.get(f"/v1/templates/{template_id}/uploads/{upload_id}", **kwargs).body


def submit(realname: RealnameClient, template_id: str, data: bytes,
           request: dict[str, Any] | None = None) -> dict[str, Any]:
    """Grant, POST the file with the presigned form, run the S3 → SQS handler."""
    grant = realname.grant(template_id, request or ID_CARD)
    assert grant.status == 201, grant.body
    assert upload_with_form(grant.body, data) == 204
    realname.handle_uploads()
    return upload_of(realname, template_id, grant.body["upload_id"])


def test_grant_is_a_sigv4_presigned_post_pinning_key_type_and_size(
        realname: RealnameClient) -> None:
    template_id = realname.verified_template()
    reply = realname.grant(template_id, ID_CARD)
    assert reply.status == 201
    grant = reply.body
    upload_id = grant["upload_id"]
    assert grant["status"] == "awaiting_upload"
    assert (grant["min_bytes"], grant["max_bytes"], grant["expires_in"]) == (
        56_320, 5_242_880, 900)
    fields = grant["fields"]
    assert fields["key"] == f"realname/demo-cn-main/{template_id}/{upload_id}"
    assert fields["x-amz-algorithm"] == "AWS4-HMAC-SHA256"
    assert fields["Content-Type"] == "image/jpeg"
    policy = json.loads(base64.b64decode(fields["policy"]))
    conditions = policy["conditions"]
    assert ["content-length-range", 56_320, 5_242_880] in conditions
    assert {"Content-Type": "image/jpeg"} in conditions
    assert {"key": fields["key"]} in conditions and {"bucket": DOCUMENTS_BUCKET} in conditions
    upload = upload_of(realname, template_id, upload_id)
    assert upload["status"] == "awaiting_upload" and upload["failure"] is None


def test_valid_id_card_image_verifies_the_template(realname: RealnameClient) -> None:
    # Given an e-mail-verified individual template
    template_id = realname.verified_template()
    # When a real JPEG of the ID card is uploaded with the presigned POST
    upload = submit(realname, template_id, noise_image("image/jpeg"))
    # Then the upload and the template are verified
    assert upload["status"] == "verified" and upload["failure"] is None
    template = status_of(realname, template_id)
    assert template["realname_status"] == "verified" and template["realname_verified_at"]
    # And realname.submitted then realname.verified (with the holder's name) were published
    [submitted] = realname.events("realname.submitted", template_id=template_id)
    [verified] = realname.events("realname.verified", template_id=template_id)
    assert verified["payload"]["holder_name"] == "张三"
    assert verified["payload"]["holder_type"] == "individual"
    assert verified["payload"]["upload_id"] == upload["upload_id"]
    assert verified["payload"].get("document_number") is None  # never an identity number
    assert submitted["correlation_id"] == verified["correlation_id"]


@pytest.mark.parametrize("content_type", ["image/png", "image/bmp", "image/webp"])
def test_every_allowed_image_type_verifies(realname: RealnameClient, content_type: str) -> None:
    template_id = realname.verified_template()
    upload = submit(realname, template_id, noise_image(content_type),
                    {**ID_CARD, "content_type": content_type})
    assert upload["status"] == "verified", upload


def test_enterprise_business_licence_matches_the_organisation(realname: RealnameClient) -> None:
    template_id = realname.verified_template(CN_ENTERPRISE)
    upload = submit(realname, template_id, noise_image("image/png"), {
        "document_type": "business_licence", "document_number": uscc_code(),
        "holder_name": "深圳市示例科技有限公司", "content_type": "image/png"})
    assert upload["status"] == "verified"
    [event] = realname.events("realname.verified", template_id=template_id)
    assert event["payload"]["holder_name"] == "深圳市示例科技有限公司"


BAD_FILES = [
    ("png declared as jpeg", noise_image("image/png"), "FileTypeNotAllowed"),
    ("pdf", fake_pdf(), "FileTypeNotAllowed"),
    ("text named .jpg", text_file(), "FileTypeNotAllowed"),
    ("truncated jpeg", truncated(noise_image("image/jpeg", size=(400, 400))), "FileUnreadable"),
    ("tiny jpeg", noise_image("image/jpeg", size=(40, 40)), "FileTooSmall"),
    ("one byte over 5 MB", b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024 - 2), "FileTooLarge"),
]


@pytest.mark.parametrize("case,data,code", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_files_fail_with_their_code_in_both_languages(
        realname: RealnameClient, case: str, data: bytes, code: str) -> None:
    template_id = realname.verified_template()
    upload = submit(realname, template_id, data)
    assert upload["status"] == "failed" and upload["failure"]["code"] == code
    template = status_of(realname, template_id)
    assert template["realname_status"] == "failed"
    assert template["realname_failure"]["code"] == code
    chinese = realname.get(f"/v1/templates/{template_id}",
                           headers={"Accept-Language": "zh-CN"}).body["realname_failure"]
    assert chinese["code"] == code and chinese["message"] != upload["failure"]["message"]
    [failed] = realname.events("realname.failed", template_id=template_id)
    assert failed["payload"]["code"] == code and failed["payload"]["message_zh"]
    assert realname.events("realname.verified", template_id=template_id) == []


def test_twenty_megabytes_fail_from_the_size_alone(realname: RealnameClient) -> None:
    # Given a grant, and a client that ignores the policy (moto does not enforce it)
    template_id = realname.verified_template()
    grant = realname.grant(template_id, ID_CARD).body
    boto3.client("s3").put_object(Bucket=DOCUMENTS_BUCKET, Key=grant["fields"]["key"],
                                  Body=b"\xff\xd8\xff" + b"\0" * (20 * 1024 * 1024))
    # When the notification is handled
    realname.handle_uploads()
    # Then it failed as too large
    upload = upload_of(realname, template_id, grant["upload_id"])
    assert upload["failure"]["code"] == "FileTooLarge"


def test_name_on_the_document_must_be_the_holders(realname: RealnameClient) -> None:
    template_id = realname.verified_template()
    upload = submit(realname, template_id, noise_image(), {**ID_CARD, "holder_name": "李四"})
    assert upload["failure"]["code"] == "NameMismatch"
    assert "李四" in upload["failure"]["message"] and "张三" in upload["failure"]["message"]


def test_same_name_in_full_width_or_with_spaces_matches(realname: RealnameClient) -> None:
    template_id = realname.verified_template()
    upload = submit(realname, template_id, noise_image(), {**ID_CARD, "holder_name": " 张 三 "})
    assert upload["status"] == "verified"


def test_redelivered_notification_has_one_effect(realname: RealnameClient) -> None:
    # Given one uploaded document and its S3 notification
    template_id = realname.verified_template()
    grant = realname.grant(template_id, ID_CARD).body
    upload_with_form(grant, noise_image())
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="registrar-realname-uploads")["QueueUrl"]
    bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
              .get("Messages", [])]
    notification = next(b for b in bodies if grant["upload_id"] in b)
    # When it is delivered three times
    for _ in range(3):
        realname.deliver(notification)
    # Then the document was judged and announced once
    assert upload_of(realname, template_id, grant["upload_id"])["status"] == "verified"
    assert len(realname.events("realname.submitted", template_id=template_id)) == 1
    assert len(realname.events("realname.verified", template_id=template_id)) == 1


def test_s3_test_event_is_ignored(realname: RealnameClient) -> None:
    before = len(realname.events())
    realname.deliver(json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent",
                                 "Bucket": DOCUMENTS_BUCKET}))
    assert len(realname.events()) == before


def test_object_under_an_unknown_key_is_deleted_and_nothing_else_changes(
        realname: RealnameClient) -> None:
    s3 = boto3.client("s3")
    before = len(realname.events())
    keys = ["realname/demo-cn-main/tpl-unknown/upl-unknown", "realname/stray file+1.jpg"]
    for key in keys:
        s3.put_object(Bucket=DOCUMENTS_BUCKET, Key=key, Body=noise_image())
    assert realname.handle_uploads() >= 2
    listed = s3.list_objects_v2(Bucket=DOCUMENTS_BUCKET).get("Contents", [])
    assert not {o["Key"] for o in listed} & set(keys)
    assert len(realname.events()) == before


def test_key_of_another_accounts_template_is_treated_as_unknown(
        realname: RealnameClient) -> None:
    # Given cn-main's upload, but an object put under intl-main's account for it
    template_id = realname.verified_template()
    grant = realname.grant(template_id, ID_CARD).body
    foreign = grant["fields"]["key"].replace("demo-cn-main", "demo-intl-main")
    boto3.client("s3").put_object(Bucket=DOCUMENTS_BUCKET, Key=foreign, Body=noise_image())
    realname.handle_uploads()
    assert upload_of(realname, template_id, grant["upload_id"])["status"] == "awaiting_upload"
    assert status_of(realname, template_id)["realname_status"] == "none"


def test_failed_template_may_upload_again_and_then_verify(realname: RealnameClient) -> None:
    template_id = realname.verified_template()
    assert submit(realname, template_id, fake_pdf())["status"] == "failed"
    assert status_of(realname, template_id)["realname_status"] == "failed"
    assert submit(realname, template_id, noise_image())["status"] == "verified"
    template = status_of(realname, template_id)
    assert template["realname_status"] == "verified" and template["realname_failure"] is None


def test_verified_template_stays_verified(realname: RealnameClient) -> None:
    # Given two grants, the first upload verified
    template_id = realname.verified_template()
    late = realname.grant(template_id, ID_CARD).body
    submit(realname, template_id, noise_image())
    # When the older grant's bad file arrives afterwards
    upload_with_form(late, fake_pdf())
    realname.handle_uploads()
    # Then that upload failed but the template is still verified
    assert upload_of(realname, template_id, late["upload_id"])["status"] == "failed"
    assert status_of(realname, template_id)["realname_status"] == "verified"
    # And new identity uploads are refused
    again = realname.grant(template_id, ID_CARD)
    assert (again.status, again.code) == (409, "RealnameAlreadyVerified")


def test_qualification_document_is_judged_without_touching_the_templates_status(
        realname: RealnameClient) -> None:
    template_id = realname.verified_template(CN_ENTERPRISE)
    upload = submit(realname, template_id, noise_image(), {
        "document_type": "trademark_certificate", "document_number": "12345678",
        "holder_name": "深圳市示例科技有限公司", "content_type": "image/jpeg",
        "domain": "示例.商标"})
    assert upload["status"] == "verified" and upload["domain"] == "示例.商标"
    assert status_of(realname, template_id)["realname_status"] == "none"
    [event] = realname.events("realname.verified", template_id=template_id)
    assert event["payload"]["document_type"] == "trademark_certificate"
    assert event["payload"]["domain"] == "示例.商标"
    assert event["payload"]["document_number"] == "12345678"  # orders matches it to the order


REFUSED_GRANTS: list[tuple[str, dict[str, Any], int, str]] = [
    ("business licence for a person", {**ID_CARD, "document_type": "business_licence",
                                       "document_number": uscc_code()},
     422, "DocumentTypeMismatch"),
    ("gov certificate for a person", {**ID_CARD, "document_type": "gov_certificate"},
     422, "DocumentTypeMismatch"),
    ("bad check digit", {**ID_CARD, "document_number": wrong_check(GB_EXAMPLE_RESIDENT_ID)},
     400, "DocumentNumberInvalid"),
    ("future birth date", {**ID_CARD, "document_number": resident_id(born=_DAYS_AHEAD)},
     400, "DocumentNumberInvalid"),
    ("gif", {**ID_CARD, "content_type": "image/gif"}, 400, "ValidationError"),
    ("unknown document type", {**ID_CARD, "document_type": "passport"}, 400, "ValidationError"),
    ("missing number", {k: v for k, v in ID_CARD.items() if k != "document_number"},
     400, "ValidationError"),
    ("bad domain", {**ID_CARD, "domain": "a..b"}, 400, "InvalidDomainName"),
]


@pytest.mark.parametrize("case,body,status,code", REFUSED_GRANTS,
                         ids=[c[0] for c in REFUSED_GRANTS])
def test_bad_grant_requests_are_refused_before_any_upload(
        realname: RealnameClient, case: str, body: dict[str, Any], status: int,
        code: str) -> None:
    template_id = realname.verified_template()
    reply = realname.grant(template_id, body)
    assert (reply.status, reply.code) == (status, code), reply.body
    items = boto3.resource("dynamodb").Table("registrar-realname").query(
        KeyConditionExpression="PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues={":pk": "ACCOUNT#demo-cn-main",
                                   ":sk": f"UPLOAD#{template_id}"})["Items"]
    assert items == []


def test_enterprise_refusals_name_the_mismatch(realname: RealnameClient) -> None:
    template_id = realname.verified_template(CN_ENTERPRISE)
    id_card = realname.grant(template_id, ID_CARD)
    assert (id_card.status, id_card.code) == (422, "DocumentTypeMismatch")
    gov = realname.grant(template_id, {"document_type": "gov_certificate",
                                       "document_number": uscc_code(authority="1"),
                                       "content_type": "image/png"})
    assert gov.code == "DocumentTypeMismatch"  # not a 机关法人 template
    bad_uscc = realname.grant(template_id, {"document_type": "business_licence",
                                            "document_number": wrong_check(uscc_code()),
                                            "content_type": "image/png"})
    assert (bad_uscc.status, bad_uscc.code) == (400, "DocumentNumberInvalid")
    assert bad_uscc.body["Details"] == {"document": "uscc", "reason": "InvalidChecksum"}


def test_government_template_may_upload_its_certificate(realname: RealnameClient) -> None:
    template_id = realname.verified_template({**CN_ENTERPRISE,
                                              "organisation_type": "government"})
    reply = realname.grant(template_id, {"document_type": "gov_certificate",
                                         "document_number": uscc_code(authority="1"),
                                         "content_type": "image/png", "domain": "示例.gov.cn"})
    assert reply.status == 201


def test_unverified_email_blocks_uploads(realname: RealnameClient) -> None:
    template_id = realname.create_template()
    reply = realname.grant(template_id, ID_CARD)
    assert (reply.status, reply.code) == (422, "TemplateEmailNotVerified")


def test_uploads_of_other_accounts_are_not_found(realname: RealnameClient) -> None:
    template_id = realname.verified_template()
    grant = realname.grant(template_id, ID_CARD).body
    foreign = realname.get(f"/v1/templates/{template_id}/uploads/{grant['upload_id']}",
                           account="intl-main")
    assert (foreign.status, foreign.code) == (404, "NotFound")
    assert realname.grant(template_id, ID_CARD, account="intl-main").status == 404
    ram = realname.get(f"/v1/templates/{template_id}/uploads/{grant['upload_id']}",
                       account="cn-ram")
    assert ram.status == 200


def test_idempotency_key_returns_the_same_grant(realname: RealnameClient,
                                                clock: FakeClock) -> None:
    template_id = realname.verified_template()
    headers = {"Idempotency-Key": "upload-1"}
    first = realname.grant(template_id, ID_CARD, headers=headers)
    clock.advance(seconds=5)
    again = realname.grant(template_id, ID_CARD, headers=headers)
    other = realname.grant(template_id, {**ID_CARD, "content_type": "image/png"},
                           headers=headers)
    assert again.status == 201 and again.body == first.body
    assert (other.status, other.code) == (409, "IdempotencyKeyReused")
    # a refused request is not remembered: fixing it under the same key works
    key = {"Idempotency-Key": "upload-2"}
    bad = realname.grant(template_id, {**ID_CARD, "document_number": "1"}, headers=key)
    assert bad.status == 400
    assert realname.grant(template_id, ID_CARD, headers=key).status == 201

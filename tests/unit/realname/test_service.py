import json
import re
from typing import Any

import pytest

from chalicelib.realname import rules, service
from chalicelib.realname.api import CreateTemplateRequest, CreateUploadRequest
from chalicelib.realname.errors import (
    EmailCodeIncorrect,
    EmailCodeLocked,
    EmailCodeRequestedTooSoon,
    TemplateLimitExceeded,
    TemplateNotFound,
)
from registrar_shared import observability
from registrar_shared.auth import Principal
from registrar_shared.errors import DependencyUnavailable
from tests.fakes.clock import FakeClock
from tests.fakes.publisher import RecordingPublisher
from tests.unit.identity.synth import GB_EXAMPLE_RESIDENT_ID
from tests.unit.realname.fakes import InMemoryDocuments, InMemoryRealnameRepository, RecordingMailer
from tests.unit.realname.images import noise_image

MAIN = Principal(account_id="acc-main", kind="main", site="cn")
RAM = Principal(account_id="acc-ram", kind="ram", site="cn", parent_id="acc-main")
OTHER = Principal(account_id="acc-other", kind="main", site="cn")
PERSON: dict[str, Any] = {
    "holder_type": "individual", "name": "张三", "email": "a@example.com", "phone": "13800000000",
    "region": "mainland", "country": "CN", "province": "北京", "city": "北京",
    "address": "朝阳区 1 号", "postal_code": "100000"}
LOGGER = observability.get_logger("realname-test")


class World:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.repo = InMemoryRealnameRepository()
        self.publisher = RecordingPublisher(self.clock, producer="realname")
        self.mailer = RecordingMailer()
        self.documents = InMemoryDocuments()

    def template(self, principal: Principal = MAIN) -> str:
        return service.create_template(CreateTemplateRequest.model_validate(PERSON), principal,
                                       repo=self.repo, publisher=self.publisher,
                                       clock=self.clock).template_id

    def send(self, template_id: str, principal: Principal = MAIN) -> str:
        service.send_email_code(principal, template_id, repo=self.repo, mailer=self.mailer,
                                clock=self.clock)
        match = re.search(r"\b\d{6}\b", self.mailer.sent[-1]["text"])
        assert match
        return match.group(0)

    def confirm(self, template_id: str, code: str, principal: Principal = MAIN) -> None:
        service.confirm_email(principal, template_id, code, repo=self.repo,
                              publisher=self.publisher, clock=self.clock)

    def verified(self) -> str:
        template_id = self.template()
        self.confirm(template_id, self.send(template_id))
        return template_id

    def grant(self, template_id: str, **changes: Any) -> str:
        request = CreateUploadRequest.model_validate({
            "document_type": "id_card", "document_number": GB_EXAMPLE_RESIDENT_ID,
            "holder_name": "张三", "content_type": "image/jpeg", **changes})
        grant = service.grant_upload(MAIN, template_id, request, repo=self.repo,
                                     documents=self.documents, clock=self.clock)
        return grant.upload.object_key

    def notify(self, key: str) -> list[str]:
        body = json.dumps({"Records": [{
            "eventName": "ObjectCreated:Post",
            "s3": {"bucket": {"name": self.documents.bucket},
                   "object": {"key": key.replace("/", "%2F")}}}]})
        return service.process_upload_message(body, repo=self.repo, documents=self.documents,
                                              publisher=self.publisher, clock=self.clock,
                                              logger=LOGGER)


@pytest.fixture
def world() -> World:
    return World()


def test_ram_users_templates_belong_to_the_main_account(world: World) -> None:
    template_id = world.template(RAM)
    assert service.get_template(MAIN, template_id, repo=world.repo).account_id == "acc-main"
    with pytest.raises(TemplateNotFound):
        service.get_template(OTHER, template_id, repo=world.repo)
    [event] = world.publisher.published
    assert event.event_type == "template.created" and event.payload["account_id"] == "acc-main"


def test_template_limit_is_per_account(world: World) -> None:
    world.repo.counts["acc-main"] = rules.TEMPLATE_LIMIT - 1
    world.template()
    with pytest.raises(TemplateLimitExceeded):
        world.template()
    world.template(OTHER)


def test_failed_mail_withdraws_the_code_so_the_customer_may_retry_at_once(world: World) -> None:
    template_id = world.template()
    world.mailer.failing = True
    with pytest.raises(DependencyUnavailable):
        world.send(template_id)
    assert world.repo.get_email_code("acc-main", template_id) is None
    world.mailer.failing = False
    assert world.send(template_id)


def test_wrong_codes_count_down_then_lock(world: World) -> None:
    template_id = world.template()
    code = world.send(template_id)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(EmailCodeIncorrect) as caught:
            world.confirm(template_id, wrong)
        assert caught.value.details == {"attempts_left": left}
    with pytest.raises(EmailCodeLocked):
        world.confirm(template_id, wrong)
    with pytest.raises(EmailCodeLocked):
        world.confirm(template_id, code)


def test_resend_waits_a_minute_by_the_clock(world: World) -> None:
    template_id = world.template()
    world.send(template_id)
    world.clock.advance(seconds=30)
    with pytest.raises(EmailCodeRequestedTooSoon) as caught:
        world.send(template_id)
    assert caught.value.details == {"retry_after": 30}
    world.clock.advance(seconds=30)
    world.send(template_id)
    assert len(world.mailer.sent) == 2


def test_upload_of_a_good_image_verifies_and_announces_once(world: World) -> None:
    template_id = world.verified()
    key = world.grant(template_id)
    world.documents.objects[key] = noise_image()
    assert world.notify(key) == ["verified"]
    assert world.notify(key) == ["duplicate"]
    template = world.repo.get_template("acc-main", template_id)
    assert template is not None and template.realname_status == "verified"
    types = [e.event_type for e in world.publisher.published]
    assert types.count("realname.submitted") == types.count("realname.verified") == 1


def test_result_lost_in_a_crash_is_announced_on_redelivery(world: World) -> None:
    # Given a handler that decided the upload but crashed while publishing the result
    template_id = world.verified()
    key = world.grant(template_id)
    world.documents.objects[key] = noise_image()

    class CrashingPublisher(RecordingPublisher):
        def publish(self, event: Any, **kwargs: Any) -> Any:
            if event.event_type == "realname.verified":
                raise DependencyUnavailable()
            return super().publish(event, **kwargs)

    crashing = CrashingPublisher(world.clock)
    with pytest.raises(DependencyUnavailable):
        service.process_upload_message(
            json.dumps({"Records": [{"eventName": "ObjectCreated:Put", "s3": {
                "bucket": {"name": world.documents.bucket}, "object": {"key": key}}}]}),
            repo=world.repo, documents=world.documents, publisher=crashing,
            clock=world.clock, logger=LOGGER)
    # When SQS redelivers the notification
    assert world.notify(key) == ["duplicate"]
    # Then the result is announced now, and only now
    assert [e.event_type for e in world.publisher.published].count("realname.verified") == 1
    assert world.notify(key) == ["duplicate"]
    assert [e.event_type for e in world.publisher.published].count("realname.verified") == 1


def test_unknown_keys_are_deleted_other_buckets_and_events_ignored(world: World) -> None:
    world.documents.objects["realname/x/y/z"] = b"junk"
    assert world.notify("realname/x/y/z") == ["orphan"]
    assert "realname/x/y/z" not in world.documents.objects
    other = json.dumps({"Records": [
        {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "elsewhere"},
                                                  "object": {"key": "realname/a/b/c"}}},
        {"eventName": "ObjectRemoved:Delete", "s3": {"bucket": {"name": "registrar-documents"},
                                                     "object": {"key": "realname/a/b/c"}}}]})
    assert service.process_upload_message(other, repo=world.repo, documents=world.documents,
                                          publisher=world.publisher, clock=world.clock,
                                          logger=LOGGER) == ["ignored", "ignored"]
    world.documents.objects["exports/report.csv"] = b"data"
    assert world.notify("exports/report.csv") == ["ignored"]
    assert world.documents.deleted == ["realname/x/y/z"]


def test_not_a_notification_goes_to_the_dead_letter_queue(world: World) -> None:
    for body in ("not json", "[1]"):
        with pytest.raises(ValueError):
            service.process_upload_message(body, repo=world.repo, documents=world.documents,
                                           publisher=world.publisher, clock=world.clock,
                                           logger=LOGGER)


def test_file_missing_by_the_time_it_is_checked_fails_the_upload(world: World) -> None:
    template_id = world.verified()
    key = world.grant(template_id)
    assert world.notify(key) == ["failed"]
    parsed = rules.parse_object_key(key)
    assert parsed is not None
    upload = world.repo.get_upload(*parsed)
    assert upload is not None and upload.failure is not None
    assert upload.failure.code == "FileMissing"

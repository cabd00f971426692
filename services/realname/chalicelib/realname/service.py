"""Real-name use cases: templates, e-mail verification, upload grants, verification."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import unquote_plus

import idna
from aws_lambda_powertools import Logger

from chalicelib.realname import rules
from chalicelib.realname.api import CreateTemplateRequest, CreateUploadRequest, ListQuery
from chalicelib.realname.documents import DocumentStore
from chalicelib.realname.errors import (
    EmailAlreadyVerified,
    EmailCodeIncorrect,
    EmailCodeLocked,
    EmailCodeNotRequested,
    EmailCodeRequestedTooSoon,
    EmailCodeUsed,
    InvalidDomainName,
    RealnameAlreadyVerified,
    TemplateNotFound,
    UploadNotFound,
)
from chalicelib.realname.mailer import Mailer
from chalicelib.realname.model import (
    EmailCode,
    Failure,
    ObjectInfo,
    Template,
    Upload,
    UploadGrant,
    new_id,
)
from chalicelib.realname.repository import RealnameRepository
from registrar_shared.auth import Principal
from registrar_shared.clock import Clock
from registrar_shared.errors import DependencyUnavailable
from registrar_shared.events import (
    RealnameFailed,
    RealnameSubmitted,
    RealnameVerified,
    TemplateCreated,
    TemplateEmailVerified,
)
from registrar_shared.messaging import Publisher


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


# --- templates ---------------------------------------------------------------------------

def create_template(request: CreateTemplateRequest, principal: Principal, *,
                    repo: RealnameRepository, publisher: Publisher, clock: Clock) -> Template:
    """Create a registrant template owned by the caller's main account.

    Raises: OrganisationRequired, OrganisationTypeNotAllowed, ChineseHolderNameRequired,
    EnglishHolderNameRequired, CountryRegionMismatch, PostalCodeInvalid,
    TemplateLimitExceeded.
    """
    rules.verify_template(request, site=principal.site)
    now = clock.now()
    template = Template(
        template_id=new_id("tpl", now), account_id=principal.owner_id, site=principal.site,
        created_at=now, updated_at=now, **request.model_dump())
    repo.add_template(template, limit=rules.TEMPLATE_LIMIT)
    publisher.publish(TemplateCreated(
        template_id=template.template_id, account_id=template.account_id,
        holder_type=template.holder_type, name=template.name, region=template.region,
        email=template.email, organisation=template.organisation,
        organisation_type=template.organisation_type, name_en=template.name_en))
    return template


def get_template(principal: Principal, template_id: str, *,
                 repo: RealnameRepository) -> Template:
    """Raises: TemplateNotFound (also for another account's template)."""
    template = (repo.get_template(principal.owner_id, template_id)
                if rules.is_valid_id(template_id) else None)
    if template is None:
        raise TemplateNotFound(template_id=template_id)
    return template


def list_templates(principal: Principal, query: ListQuery, *, repo: RealnameRepository
                   ) -> tuple[list[Template], str | None]:
    """Raises: InvalidNextToken."""
    return repo.list_templates(principal.owner_id, limit=query.limit,
                               next_token=query.next_token)


# --- e-mail verification -----------------------------------------------------------------

def send_email_code(principal: Principal, template_id: str, *, repo: RealnameRepository,
                    mailer: Mailer, clock: Clock,
                    make_code: Callable[[], str] = new_code) -> EmailCode:
    """E-mail a fresh six-digit code (replacing any earlier one) to the template's address.

    Raises: TemplateNotFound, EmailAlreadyVerified, EmailCodeRequestedTooSoon,
    DependencyUnavailable (SES; the code is withdrawn again).
    """
    template = get_template(principal, template_id, repo=repo)
    if template.email_verified:
        raise EmailAlreadyVerified()
    now = clock.now()
    wait = rules.resend_wait(repo.get_email_code(template.account_id, template_id), now=now)
    if wait:
        raise EmailCodeRequestedTooSoon(details={"retry_after": wait}, retry_after=wait)
    code, salt = make_code(), secrets.token_hex(16)
    record = EmailCode(account_id=template.account_id, template_id=template_id,
                       email=template.email, salt=salt,
                       code_hash=rules.hash_code(code, salt=salt, template_id=template_id),
                       sent_at=now, expires_at=now + rules.CODE_LIFETIME)
    if not repo.put_email_code(record, sent_before=now - rules.CODE_RESEND_INTERVAL):
        # Another request sent one in the meantime.
        wait = int(rules.CODE_RESEND_INTERVAL.total_seconds())
        raise EmailCodeRequestedTooSoon(details={"retry_after": wait}, retry_after=wait)
    subject, text, html = rules.email_code_message(code, template_id=template_id,
                                                   holder=template.holder_name)
    try:
        mailer.send(to=template.email, subject=subject, text=text, html=html)
    except DependencyUnavailable:
        repo.delete_email_code(record)  # no mail, no code: the customer may retry at once
        raise
    return record


def confirm_email(principal: Principal, template_id: str, code: str, *,
                  repo: RealnameRepository, publisher: Publisher, clock: Clock) -> Template:
    """Check the code; the right one marks the e-mail verified (once).

    Raises: TemplateNotFound, EmailCodeNotRequested, EmailCodeUsed, EmailCodeLocked,
    EmailCodeExpired, EmailCodeIncorrect.
    """
    template = get_template(principal, template_id, repo=repo)
    record = repo.get_email_code(template.account_id, template_id)
    if record is None:
        raise (EmailAlreadyVerified() if template.email_verified else EmailCodeNotRequested())
    now = clock.now()
    rules.verify_code_usable(record, now=now)
    if not rules.code_matches(record, code):
        attempts = repo.record_wrong_code(record, max_attempts=rules.CODE_MAX_ATTEMPTS)
        left = rules.CODE_MAX_ATTEMPTS - (attempts if attempts is not None
                                          else rules.CODE_MAX_ATTEMPTS)
        if left <= 0:
            raise EmailCodeLocked()
        raise EmailCodeIncorrect(details={"attempts_left": left}, attempts_left=left)
    if not repo.use_email_code(record, max_attempts=rules.CODE_MAX_ATTEMPTS, now=now):
        raise EmailCodeUsed()
    publisher.publish(TemplateEmailVerified(template_id=template_id,
                                            account_id=template.account_id,
                                            email=template.email))
    return get_template(principal, template_id, repo=repo)


# --- upload grants -----------------------------------------------------------------------

def normalise_domain(domain: str | None) -> str | None:
    """Raises: InvalidDomainName."""
    if domain is None:
        return None
    try:
        return idna.decode(idna.encode(domain.rstrip("."), uts46=True))
    except idna.IDNAError as exc:
        raise InvalidDomainName(domain=domain) from exc


def grant_upload(principal: Principal, template_id: str, request: CreateUploadRequest, *,
                 repo: RealnameRepository, documents: DocumentStore, clock: Clock,
                 correlation_id: str | None = None) -> UploadGrant:
    """Record an upload awaiting its file and presign the S3 POST for it. Everything that
    can be checked before the file arrives is checked here, so nothing bad is uploaded.

    Raises: TemplateNotFound, TemplateEmailNotVerified, DocumentTypeMismatch,
    RealnameAlreadyVerified, DocumentNumberInvalid, InvalidDomainName.
    """
    template = get_template(principal, template_id, repo=repo)
    rules.verify_email_verified(template)
    rules.verify_document_fits(request.document_type, template)
    if (request.document_type in rules.IDENTITY_DOCUMENTS
            and template.realname_status == "verified"):
        raise RealnameAlreadyVerified()
    now = clock.now()
    number = rules.normalise_document_number(request.document_type, request.document_number,
                                             today=rules.china_today(now))
    upload_id = new_id("upl", now)
    upload = Upload(
        upload_id=upload_id, template_id=template_id, account_id=template.account_id,
        document_type=request.document_type, document_number=number,
        content_type=request.content_type, holder_name=request.holder_name,
        domain=normalise_domain(request.domain),
        object_key=rules.object_key(template.account_id, template_id, upload_id),
        created_at=now, updated_at=now,
        expires_at=now + timedelta(seconds=rules.GRANT_SECONDS),
        correlation_id=correlation_id)
    repo.add_upload(upload)
    url, fields = documents.presigned_post(
        upload.object_key, content_type=upload.content_type, min_bytes=rules.MIN_BYTES,
        max_bytes=rules.MAX_BYTES, expires_in=rules.GRANT_SECONDS)
    return UploadGrant(upload=upload, url=url, fields=fields, expires_in=rules.GRANT_SECONDS,
                       min_bytes=rules.MIN_BYTES, max_bytes=rules.MAX_BYTES)


def get_upload(principal: Principal, template_id: str, upload_id: str, *,
               repo: RealnameRepository) -> Upload:
    """Raises: UploadNotFound (also under another account's or template's id)."""
    upload = (repo.get_upload(principal.owner_id, template_id, upload_id)
              if rules.is_valid_id(template_id) and rules.is_valid_id(upload_id) else None)
    if upload is None:
        raise UploadNotFound(upload_id=upload_id)
    return upload


# --- verification of uploaded documents ---------------------------------------------------

def process_upload_message(body: str, *, repo: RealnameRepository, documents: DocumentStore,
                           publisher: Publisher, clock: Clock, logger: Logger) -> list[str]:
    """Handle one SQS message of S3 notifications; returns one outcome per record.

    Raises: ValueError for a body that is not an S3 notification (poison: retried, then
    the DLQ), DependencyUnavailable (retried).
    """
    message: Any = json.loads(body)
    if not isinstance(message, dict):
        raise ValueError("not an S3 notification")
    if message.get("Event") == "s3:TestEvent":
        logger.info("s3 test event ignored", extra={"bucket": message.get("Bucket")})
        return ["test_event"]
    outcomes = []
    for record in message.get("Records") or []:
        name = str(record.get("eventName", ""))
        s3 = record.get("s3") or {}
        bucket = (s3.get("bucket") or {}).get("name")
        if not name.startswith("ObjectCreated:") or bucket != documents.bucket:
            logger.info("s3 record ignored", extra={"event_name": name, "bucket": bucket})
            outcomes.append("ignored")
            continue
        obj = s3.get("object") or {}
        outcomes.append(verify_upload(
            unquote_plus(str(obj.get("key", ""))), etag=obj.get("eTag"), repo=repo,
            documents=documents, publisher=publisher, clock=clock, logger=logger))
    return outcomes


def verify_upload(key: str, *, repo: RealnameRepository, documents: DocumentStore,
                  publisher: Publisher, clock: Clock, logger: Logger,
                  etag: str | None = None) -> str:
    """Verify the document stored under ``key`` (idempotent: a redelivered notification
    finds the upload decided and only repeats a lost announcement).

    Returns ``ignored``, ``orphan``, ``duplicate``, ``verified`` or ``failed``.
    """
    if not key.startswith(rules.OBJECT_PREFIX):
        logger.info("object outside the documents prefix ignored", extra={"key": key})
        return "ignored"  # not ours to judge (or delete)
    parsed = rules.parse_object_key(key)
    upload = repo.get_upload(*parsed) if parsed else None
    template = repo.get_template(upload.account_id, upload.template_id) if upload else None
    if upload is None or template is None:
        documents.delete(key)
        logger.warning("object without an upload grant deleted", extra={"key": key})
        return "orphan"
    if upload.status in ("verified", "failed"):
        if etag and upload.object_etag and etag != upload.object_etag:
            logger.warning("object replaced after its verdict; the verdict stands",
                           extra={"key": key, "upload_id": upload.upload_id})
        if not upload.notified:
            announce(upload, template, repo=repo, publisher=publisher, clock=clock)
        return "duplicate"
    info = documents.head(upload.object_key)
    if upload.status == "awaiting_upload":
        upload = _start(upload, info, repo=repo, publisher=publisher, clock=clock)
    failure = _inspect(upload, info, documents=documents) or rules.check_holder(
        document_type=upload.document_type, document_number=upload.document_number,
        holder_name=upload.holder_name, template=template,
        today=rules.china_today(clock.now()))
    now = clock.now()
    if not repo.finish_audit(upload, failure=failure, now=now):
        return "duplicate"  # a concurrent delivery decided it
    decided = replace(upload, status="verified" if failure is None else "failed",
                      failure=failure, updated_at=now)
    announce(decided, template, repo=repo, publisher=publisher, clock=clock)
    logger.info("document checked", extra={"upload_id": upload.upload_id,
                                           "outcome": decided.status,
                                           "code": failure.code if failure else None})
    return decided.status


def _start(upload: Upload, info: ObjectInfo | None, *, repo: RealnameRepository,
           publisher: Publisher, clock: Clock) -> Upload:
    """awaiting_upload → auditing (once), telling everyone a document is being checked."""
    now = clock.now()
    etag, size = (info.etag, info.size) if info else ("", 0)
    if repo.start_audit(upload, etag=etag, size=size, now=now):
        if upload.document_type in rules.IDENTITY_DOCUMENTS:
            repo.template_auditing(upload, now=now)
        publisher.publish(RealnameSubmitted(
            template_id=upload.template_id, account_id=upload.account_id,
            upload_id=upload.upload_id, document_type=upload.document_type,
            domain=upload.domain), correlation_id=upload.correlation_id)
    return replace(upload, status="auditing", object_etag=etag, object_size=size,
                   updated_at=now)


def _inspect(upload: Upload, info: ObjectInfo | None, *,
             documents: DocumentStore) -> Failure | None:
    """The file itself; big files are refused from their size without downloading them."""
    if info is None:
        return rules.failure("FileMissing")
    if info.size > rules.MAX_BYTES:
        return rules.failure("FileTooLarge", size=info.size, limit=rules.MAX_BYTES)
    data = documents.read(upload.object_key, max_bytes=rules.MAX_BYTES + 1)
    if data is None:
        return rules.failure("FileMissing")
    return rules.inspect_document(data, upload.content_type)


def announce(upload: Upload, template: Template, *, repo: RealnameRepository,
             publisher: Publisher, clock: Clock) -> None:
    """Apply a decided upload to its template and publish the result, then remember that
    it was announced (a redelivery after a crash announces again, never loses it)."""
    now = clock.now()
    identity_document = upload.document_type in rules.IDENTITY_DOCUMENTS
    if upload.failure is None:
        if identity_document:
            repo.template_verified(upload, now=now)
        publisher.publish(RealnameVerified(
            template_id=upload.template_id, account_id=upload.account_id,
            upload_id=upload.upload_id, document_type=upload.document_type,
            holder_name=template.holder_name, holder_type=template.holder_type,
            domain=upload.domain), correlation_id=upload.correlation_id)
    else:
        if identity_document:
            repo.template_failed(upload, failure=upload.failure, now=now)
        publisher.publish(RealnameFailed(
            template_id=upload.template_id, account_id=upload.account_id,
            upload_id=upload.upload_id, document_type=upload.document_type,
            code=upload.failure.code, message=upload.failure.message_en,
            message_zh=upload.failure.message_zh, domain=upload.domain),
            correlation_id=upload.correlation_id)
    repo.mark_notified(upload)

"""In-memory stand-ins for the realname service's ports (same conditions as DynamoDB)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalicelib.realname.errors import TemplateLimitExceeded
from chalicelib.realname.model import EmailCode, Failure, ObjectInfo, Template, Upload
from registrar_shared.errors import DependencyUnavailable


class InMemoryRealnameRepository:
    def __init__(self) -> None:
        self.templates: dict[tuple[str, str], Template] = {}
        self.counts: dict[str, int] = {}
        self.codes: dict[tuple[str, str], EmailCode] = {}
        self.uploads: dict[tuple[str, str, str], Upload] = {}

    def add_template(self, template: Template, *, limit: int) -> None:
        if self.counts.get(template.account_id, 0) >= limit:
            raise TemplateLimitExceeded(limit=limit)
        self.counts[template.account_id] = self.counts.get(template.account_id, 0) + 1
        self.templates[(template.account_id, template.template_id)] = template

    def get_template(self, account_id: str, template_id: str) -> Template | None:
        return self.templates.get((account_id, template_id))

    def list_templates(self, account_id: str, *, limit: int, next_token: str | None
                       ) -> tuple[list[Template], str | None]:
        mine = sorted((t for (a, _), t in self.templates.items() if a == account_id),
                      key=lambda t: t.template_id)
        start = int(next_token or 0)
        page = mine[start:start + limit]
        return page, str(start + limit) if start + limit < len(mine) else None

    def get_email_code(self, account_id: str, template_id: str) -> EmailCode | None:
        return self.codes.get((account_id, template_id))

    def put_email_code(self, code: EmailCode, *, sent_before: datetime) -> bool:
        current = self.codes.get((code.account_id, code.template_id))
        if current is not None and current.sent_at > sent_before:
            return False
        self.codes[(code.account_id, code.template_id)] = code
        return True

    def delete_email_code(self, code: EmailCode) -> None:
        current = self.codes.get((code.account_id, code.template_id))
        if current is not None and current.code_hash == code.code_hash:
            del self.codes[(code.account_id, code.template_id)]

    def record_wrong_code(self, code: EmailCode, *, max_attempts: int) -> int | None:
        key = (code.account_id, code.template_id)
        current = self.codes.get(key)
        if (current is None or current.code_hash != code.code_hash or current.used
                or current.attempts >= max_attempts):
            return None
        self.codes[key] = replace(current, attempts=current.attempts + 1)
        return current.attempts + 1

    def use_email_code(self, code: EmailCode, *, max_attempts: int, now: datetime) -> bool:
        key = (code.account_id, code.template_id)
        current = self.codes.get(key)
        template = self.templates.get(key)
        if (current is None or template is None or current.code_hash != code.code_hash
                or current.used or current.attempts >= max_attempts):
            return False
        self.codes[key] = replace(current, used=True)
        self.templates[key] = replace(template, email_verified=True, email_verified_at=now,
                                      updated_at=now)
        return True

    def add_upload(self, upload: Upload) -> None:
        self.uploads[(upload.account_id, upload.template_id, upload.upload_id)] = upload

    def get_upload(self, account_id: str, template_id: str, upload_id: str) -> Upload | None:
        return self.uploads.get((account_id, template_id, upload_id))

    def _move(self, upload: Upload, expected: str, **changes: object) -> bool:
        key = (upload.account_id, upload.template_id, upload.upload_id)
        current = self.uploads.get(key)
        if current is None or current.status != expected:
            return False
        self.uploads[key] = replace(current, **changes)  # type: ignore[arg-type]
        return True

    def start_audit(self, upload: Upload, *, etag: str, size: int, now: datetime) -> bool:
        return self._move(upload, "awaiting_upload", status="auditing", object_etag=etag,
                          object_size=size, updated_at=now)

    def finish_audit(self, upload: Upload, *, failure: Failure | None, now: datetime) -> bool:
        return self._move(upload, "auditing", status="failed" if failure else "verified",
                          failure=failure, updated_at=now, notified=False)

    def mark_notified(self, upload: Upload) -> None:
        key = (upload.account_id, upload.template_id, upload.upload_id)
        self.uploads[key] = replace(self.uploads[key], notified=True)

    def _template(self, upload: Upload) -> Template | None:
        return self.templates.get((upload.account_id, upload.template_id))

    def _set_template(self, template: Template, **changes: object) -> None:
        self.templates[(template.account_id, template.template_id)] = replace(
            template, **changes)  # type: ignore[arg-type]

    def template_auditing(self, upload: Upload, *, now: datetime) -> bool:
        template = self._template(upload)
        if template is None or template.realname_status == "verified":
            return False
        self._set_template(template, realname_status="auditing", realname_failure=None,
                           realname_upload_id=upload.upload_id, updated_at=now)
        return True

    def template_verified(self, upload: Upload, *, now: datetime) -> bool:
        template = self._template(upload)
        if template is None or template.realname_status == "verified":
            return False
        self._set_template(template, realname_status="verified", realname_failure=None,
                           realname_upload_id=upload.upload_id, realname_verified_at=now,
                           updated_at=now)
        return True

    def template_failed(self, upload: Upload, *, failure: Failure, now: datetime) -> bool:
        template = self._template(upload)
        if (template is None or template.realname_status == "verified"
                or template.realname_upload_id not in (None, upload.upload_id)):
            return False
        self._set_template(template, realname_status="failed", realname_failure=failure,
                           realname_upload_id=upload.upload_id, updated_at=now)
        return True


class RecordingMailer:
    def __init__(self, *, failing: bool = False) -> None:
        self.sent: list[dict[str, str]] = []
        self.failing = failing

    def send(self, *, to: str, subject: str, text: str, html: str) -> str:
        if self.failing:
            raise DependencyUnavailable()
        self.sent.append({"to": to, "subject": subject, "text": text, "html": html})
        return f"msg-{len(self.sent)}"


class InMemoryDocuments:
    bucket = "registrar-documents"

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.deleted: list[str] = []

    def presigned_post(self, key: str, *, content_type: str, min_bytes: int, max_bytes: int,
                       expires_in: int) -> tuple[str, dict[str, str]]:
        return f"https://{self.bucket}.example/", {"key": key, "Content-Type": content_type}

    def head(self, key: str) -> ObjectInfo | None:
        data = self.objects.get(key)
        return None if data is None else ObjectInfo(size=len(data), etag=str(hash(data)))

    def read(self, key: str, *, max_bytes: int) -> bytes | None:
        data = self.objects.get(key)
        return None if data is None else data[:max_bytes]

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)
        self.deleted.append(key)

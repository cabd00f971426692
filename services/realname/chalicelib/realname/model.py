"""Templates, e-mail codes and uploads of the real-name service (plain frozen dataclasses)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

HolderType = Literal["individual", "enterprise"]
Region = Literal["mainland", "hong_kong", "macau", "taiwan", "other"]
OrganisationType = Literal["government", "public_institution", "social_organisation",
                           "company", "other"]
RealnameStatus = Literal["none", "auditing", "failed", "verified"]
UploadStatus = Literal["awaiting_upload", "auditing", "verified", "failed"]
DocumentType = Literal["id_card", "business_licence", "trademark_certificate",
                       "gov_certificate", "entity_qualification"]
ContentType = Literal["image/jpeg", "image/png", "image/bmp", "image/webp"]
Site = Literal["cn", "intl"]


def new_id(prefix: str, now: datetime) -> str:
    """Time-ordered id (millisecond hex + 32 random bits): listing by id is by age."""
    return f"{prefix}-{int(now.timestamp() * 1000):012x}{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Failure:
    """Why a document was refused: a stable code and a message in both languages."""

    code: str
    message_en: str
    message_zh: str

    def message(self, language: str) -> str:
        return self.message_zh if language == "zh" else self.message_en


@dataclass(frozen=True)
class Template:
    template_id: str
    account_id: str  # the owning main account
    site: Site
    holder_type: HolderType
    name: str
    email: str
    phone: str
    region: Region
    country: str
    province: str
    city: str
    address: str
    created_at: datetime
    updated_at: datetime
    name_en: str | None = None
    organisation: str | None = None
    organisation_type: OrganisationType | None = None
    postal_code: str | None = None
    email_verified: bool = False
    email_verified_at: datetime | None = None
    realname_status: RealnameStatus = "none"
    realname_failure: Failure | None = None
    realname_upload_id: str | None = None
    realname_verified_at: datetime | None = None
    version: int = 1

    @property
    def holder_name(self) -> str:
        """Who holds the domain: the organisation of an enterprise, else the person."""
        if self.holder_type == "enterprise" and self.organisation:
            return self.organisation
        return self.name


@dataclass(frozen=True)
class EmailCode:
    """The one outstanding e-mail code of a template (only its salted hash is stored)."""

    account_id: str
    template_id: str
    email: str
    code_hash: str
    salt: str
    sent_at: datetime
    expires_at: datetime
    attempts: int = 0
    used: bool = False


@dataclass(frozen=True)
class Upload:
    upload_id: str
    template_id: str
    account_id: str
    document_type: DocumentType
    document_number: str  # normalised
    content_type: ContentType
    object_key: str
    created_at: datetime
    updated_at: datetime
    expires_at: datetime  # of the upload grant
    holder_name: str | None = None
    domain: str | None = None
    status: UploadStatus = "awaiting_upload"
    failure: Failure | None = None
    correlation_id: str | None = None
    notified: bool = False
    object_etag: str | None = None
    object_size: int | None = None

    def with_status(self, status: UploadStatus, *, now: datetime,
                    failure: Failure | None = None) -> Upload:
        return replace(self, status=status, failure=failure, updated_at=now)


@dataclass(frozen=True)
class UploadGrant:
    upload: Upload
    url: str
    fields: dict[str, str]
    expires_in: int
    min_bytes: int
    max_bytes: int


@dataclass(frozen=True)
class ObjectInfo:
    size: int
    etag: str

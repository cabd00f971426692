"""Request and response models of the real-name API."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from chalicelib.realname import rules
from chalicelib.realname.model import (
    ContentType,
    DocumentType,
    EmailCode,
    Failure,
    HolderType,
    OrganisationType,
    RealnameStatus,
    Region,
    Template,
    Upload,
    UploadGrant,
    UploadStatus,
)
from registrar_shared.clock import iso
from registrar_shared.identity import fold

EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")
PHONE_SEPARATORS = re.compile(r"[ .\-()]")


def _printable(value: str) -> str:
    if any(unicodedata.category(c)[0] == "C" for c in value):
        raise ValueError("must not contain control or invisible characters")
    return value


def _latin(value: str) -> str:
    if not value.isascii():
        raise ValueError("must be written in Latin letters (ASCII)")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_printable)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CreateTemplateRequest(StrictModel):
    holder_type: HolderType
    name: Annotated[Text, Field(max_length=64,
                                description="The person (individual) or contact (enterprise)")]
    name_en: Annotated[Text, Field(max_length=64), AfterValidator(_latin)] | None = None
    organisation: Annotated[Text, Field(
        max_length=64, description="Required for enterprises: the holder's registered name")
    ] | None = None
    organisation_type: OrganisationType | None = Field(
        default=None, description="Enterprises: e.g. government (机关法人) for .gov.cn")
    email: Annotated[str, Field(max_length=254)]
    phone: Annotated[str, Field(max_length=32)]
    region: Region
    country: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$",
                                  description="ISO 3166-1 alpha-2, e.g. CN")]
    province: Annotated[Text, Field(max_length=64)]
    city: Annotated[Text, Field(max_length=64)]
    address: Annotated[Text, Field(max_length=255)]
    postal_code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$")] | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not EMAIL.fullmatch(value):
            raise ValueError("not a valid e-mail address")
        local, _, domain = value.rpartition("@")
        return f"{local}@{domain.lower()}"

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        digits = PHONE_SEPARATORS.sub("", fold(value))
        if not re.fullmatch(r"\+?[0-9]{6,15}", digits):
            raise ValueError("6 to 15 digits, optionally with a leading + and separators")
        return digits

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        return value.upper()


class ListQuery(StrictModel):
    limit: int = Field(default=50, ge=1, le=200)
    next_token: str | None = None


class ConfirmEmailRequest(StrictModel):
    code: str = Field(description="The six digits from the e-mail")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        digits = "".join(fold(value).split())
        if not re.fullmatch(r"[0-9]{6}", digits):
            raise ValueError("the code has six digits")
        return digits


class CreateUploadRequest(StrictModel):
    document_type: DocumentType
    document_number: Annotated[Text, Field(max_length=64)]
    holder_name: Annotated[Text, Field(
        max_length=128, description="As printed on the document; compared with the "
                                    "template's holder name")] | None = None
    content_type: ContentType
    domain: Annotated[Text, Field(max_length=253)] | None = None


class FailureView(BaseModel):
    code: str
    message: str

    @classmethod
    def of(cls, failure: Failure | None, language: str) -> FailureView | None:
        return None if failure is None else cls(code=failure.code,
                                                message=failure.message(language))


class TemplateView(BaseModel):
    template_id: str
    site: Literal["cn", "intl"]
    holder_type: HolderType
    holder_name: str
    name: str
    name_en: str | None
    organisation: str | None
    organisation_type: OrganisationType | None
    email: str
    phone: str
    region: Region
    country: str
    province: str
    city: str
    address: str
    postal_code: str | None
    email_verified: bool
    email_verified_at: str | None
    realname_status: RealnameStatus
    realname_failure: FailureView | None
    realname_verified_at: str | None
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, t: Template, language: str = "en") -> TemplateView:
        return cls(
            template_id=t.template_id, site=t.site, holder_type=t.holder_type,
            holder_name=t.holder_name, name=t.name, name_en=t.name_en,
            organisation=t.organisation, organisation_type=t.organisation_type, email=t.email,
            phone=t.phone, region=t.region, country=t.country, province=t.province,
            city=t.city, address=t.address, postal_code=t.postal_code,
            email_verified=t.email_verified,
            email_verified_at=iso(t.email_verified_at) if t.email_verified_at else None,
            realname_status=t.realname_status,
            realname_failure=FailureView.of(t.realname_failure, language),
            realname_verified_at=(iso(t.realname_verified_at) if t.realname_verified_at
                                  else None),
            created_at=iso(t.created_at), updated_at=iso(t.updated_at))


class TemplateList(BaseModel):
    templates: list[TemplateView]
    next_token: str | None


class EmailVerificationView(BaseModel):
    template_id: str
    email: str
    expires_in: int = Field(description="Seconds the code stays valid")
    resend_after: int = Field(description="Seconds before another code can be requested")
    max_attempts: int

    @classmethod
    def of(cls, record: EmailCode) -> EmailVerificationView:
        return cls(template_id=record.template_id, email=record.email,
                   expires_in=int((record.expires_at - record.sent_at).total_seconds()),
                   resend_after=int(rules.CODE_RESEND_INTERVAL.total_seconds()),
                   max_attempts=rules.CODE_MAX_ATTEMPTS)


class UploadGrantView(BaseModel):
    upload_id: str
    status: UploadStatus
    url: str
    fields: dict[str, str] = Field(description="Form fields to POST with the file (last)")
    expires_in: int
    min_bytes: int
    max_bytes: int

    @classmethod
    def of(cls, grant: UploadGrant) -> UploadGrantView:
        return cls(upload_id=grant.upload.upload_id, status=grant.upload.status, url=grant.url,
                   fields=grant.fields, expires_in=grant.expires_in,
                   min_bytes=grant.min_bytes, max_bytes=grant.max_bytes)


class UploadView(BaseModel):
    upload_id: str
    template_id: str
    document_type: DocumentType
    status: UploadStatus
    failure: FailureView | None
    domain: str | None
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, u: Upload, language: str = "en") -> UploadView:
        return cls(upload_id=u.upload_id, template_id=u.template_id,
                   document_type=u.document_type, status=u.status,
                   failure=FailureView.of(u.failure, language), domain=u.domain,
                   created_at=iso(u.created_at), updated_at=iso(u.updated_at))

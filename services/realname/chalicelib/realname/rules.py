"""Pure rules of the real-name service: template checks, document fit and numbers, file
inspection, e-mail codes. No IO and no clock reads (callers pass ``now``/``today``)."""

from __future__ import annotations

import hashlib
import hmac
import html as markup
import io
import re
import unicodedata
import warnings
from datetime import date, datetime, timedelta, timezone
from typing import Protocol

from PIL import Image

from chalicelib.realname.errors import (
    ChineseHolderNameRequired,
    CountryRegionMismatch,
    DocumentNumberInvalid,
    DocumentTypeMismatch,
    EmailCodeExpired,
    EmailCodeLocked,
    EmailCodeUsed,
    EnglishHolderNameRequired,
    OrganisationRequired,
    OrganisationTypeNotAllowed,
    PostalCodeInvalid,
    TemplateEmailNotVerified,
)
from chalicelib.realname.model import EmailCode, Failure, Template
from registrar_shared import identity

TEMPLATE_LIMIT = 500
CODE_LIFETIME = timedelta(minutes=15)
CODE_MAX_ATTEMPTS = 5
CODE_RESEND_INTERVAL = timedelta(seconds=60)
MIN_BYTES = 55 * 1024
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # far above any scan; refuses decompression bombs before decoding
GRANT_SECONDS = 900
OBJECT_PREFIX = "realname/"
CHINA = timezone(timedelta(hours=8))  # birth dates are Beijing dates; China has no DST

PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/bmp": "BMP",
               "image/webp": "WEBP"}
REGION_COUNTRY = {"mainland": "CN", "hong_kong": "HK", "macau": "MO", "taiwan": "TW"}
HOLDERS_OF_DOCUMENT = {
    "id_card": ("individual",),
    "business_licence": ("enterprise",),
    "trademark_certificate": ("individual", "enterprise"),
    "gov_certificate": ("enterprise",),
    "entity_qualification": ("enterprise",),
}
# Documents that prove who holds the template; the others are qualifications for a domain.
IDENTITY_DOCUMENTS = frozenset({"id_card", "business_licence"})
HOLDER_TYPE_ZH = {"individual": "个人", "enterprise": "企业"}
DOCUMENT_ZH = {"id_card": "身份证", "business_licence": "营业执照",
               "trademark_certificate": "商标注册证", "gov_certificate": "机关法人证明",
               "entity_qualification": "单位资质证明"}
TRADEMARK_NUMBER = re.compile(r"G?[0-9]{4,9}")
ID_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MIDDLE_DOTS = str.maketrans({"・": "·", "•": "·", "‧": "·", "･": "·", "．": "·"})


# --- templates ---------------------------------------------------------------------------

class TemplateDraft(Protocol):
    @property
    def holder_type(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str | None: ...
    @property
    def organisation(self) -> str | None: ...
    @property
    def organisation_type(self) -> str | None: ...
    @property
    def region(self) -> str: ...
    @property
    def country(self) -> str: ...
    @property
    def postal_code(self) -> str | None: ...


def is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def is_chinese_person_name(text: str) -> bool:
    """Han characters, optionally joined by a middle dot (少数民族 names: 买买提·艾力)."""
    parts = text.translate(MIDDLE_DOTS).split("·")
    return all(part and all(is_han(c) for c in part) for part in parts)


def verify_template(draft: TemplateDraft, *, site: str) -> None:
    """Raises: OrganisationRequired, OrganisationTypeNotAllowed, ChineseHolderNameRequired,
    EnglishHolderNameRequired, CountryRegionMismatch, PostalCodeInvalid."""
    enterprise = draft.holder_type == "enterprise"
    if enterprise and not draft.organisation:
        raise OrganisationRequired(details=[{"field": "organisation", "problem": "required"}])
    if not enterprise and draft.organisation_type:
        raise OrganisationTypeNotAllowed(
            details=[{"field": "organisation_type", "problem": "enterprise only"}])
    field = "organisation" if enterprise else "name"
    holder = (draft.organisation or "") if enterprise else draft.name
    if site == "cn":
        chinese = any(is_han(c) for c in holder) if enterprise else is_chinese_person_name(holder)
        if not chinese:
            raise ChineseHolderNameRequired(details=[{"field": field, "problem": "not Chinese"}],
                                            field=field)
    elif not holder.isascii() and not draft.name_en:
        raise EnglishHolderNameRequired(details=[{"field": "name_en", "problem": "required"}],
                                        field=field)
    verify_region(draft.region, draft.country, draft.postal_code)


def verify_region(region: str, country: str, postal_code: str | None) -> None:
    expected = REGION_COUNTRY.get(region)
    if (expected is not None and country != expected) or (
            expected is None and country in REGION_COUNTRY.values()):
        raise CountryRegionMismatch(details=[{"field": "country", "problem": "region mismatch"}],
                                    country=country, region=region)
    if region == "mainland" and not (postal_code and re.fullmatch(r"[0-9]{6}", postal_code)):
        raise PostalCodeInvalid(details=[{"field": "postal_code", "problem": "six digits"}])


# --- documents ---------------------------------------------------------------------------

def verify_document_fits(document_type: str, template: Template) -> None:
    """Raises: DocumentTypeMismatch (an ID card for a company, a licence for a person, a
    government certificate for anything but a 机关法人)."""
    fits = template.holder_type in HOLDERS_OF_DOCUMENT[document_type]
    if document_type == "gov_certificate":
        fits = fits and template.organisation_type == "government"
    if not fits:
        raise DocumentTypeMismatch(document_type=document_type,
                                   holder_type=template.holder_type,
                                   holder_type_zh=HOLDER_TYPE_ZH[template.holder_type])


def verify_email_verified(template: Template) -> None:
    if not template.email_verified:
        raise TemplateEmailNotVerified()


def china_today(now: datetime) -> date:
    return now.astimezone(CHINA).date()


def normalise_document_number(document_type: str, text: str, *, today: date) -> str:
    """The document number in its normal form.

    Raises: DocumentNumberInvalid (incl. identity.InvalidIdentityNumber, same code).
    """
    if document_type == "id_card":
        return identity.validate_resident_id(text, today=today)
    if document_type in ("business_licence", "entity_qualification"):
        return identity.validate_uscc(text)
    compact = "".join(identity.fold(text).split()).upper().replace("-", "")
    if document_type == "gov_certificate":
        if len(compact) == 18:
            return identity.validate_uscc(compact)
        return identity.validate_organisation_code(compact)
    if not TRADEMARK_NUMBER.fullmatch(compact):
        raise DocumentNumberInvalid(
            details={"document": "trademark", "reason": "InvalidFormat"},
            document="trademark registration", document_zh="商标注册",
            problem_en="4 to 9 digits, G first for international registrations",
            problem_zh="应为 4 至 9 位数字（国际注册以 G 开头）")
    return compact


def comparable_name(text: str) -> str:
    """Names compare after NFKC (full-width forms), case folding, one kind of middle dot
    and no whitespace: what a person would call 'the same name'."""
    folded = unicodedata.normalize("NFKC", text).translate(MIDDLE_DOTS).casefold()
    return "".join(folded.split())


def names_match(on_document: str, holder: str) -> bool:
    return comparable_name(on_document) == comparable_name(holder)


def object_key(account_id: str, template_id: str, upload_id: str) -> str:
    return f"{OBJECT_PREFIX}{account_id}/{template_id}/{upload_id}"


def is_valid_id(text: str) -> bool:
    """Ids we issue (and account ids) are short and plain; anything else names nothing."""
    return bool(ID_PART.fullmatch(text))


def parse_object_key(key: str) -> tuple[str, str, str] | None:
    """(account, template, upload) of a key we issued; None for any other key."""
    parts = key.split("/")
    if len(parts) != 4 or parts[0] + "/" != OBJECT_PREFIX:
        return None
    if not all(is_valid_id(p) for p in parts[1:]):
        return None
    return parts[1], parts[2], parts[3]


# --- file inspection ---------------------------------------------------------------------

FAILURE_MESSAGES: dict[str, tuple[str, str]] = {
    "FileTypeNotAllowed": ("The file is {detected}, but this upload allows only {declared}",
                           "文件的实际类型为 {detected}，本次上传只允许 {declared}"),
    "FileTooSmall": ("The file has {size} bytes; at least {limit} bytes are required",
                     "文件大小为 {size} 字节，不能小于 {limit} 字节"),
    "FileTooLarge": ("The file has {size} bytes; at most {limit} bytes are allowed",
                     "文件大小为 {size} 字节，不能超过 {limit} 字节"),
    "FileUnreadable": ("The image cannot be decoded ({problem})",
                       "图片无法解析（{problem}）"),
    "FileMissing": ("The uploaded file is no longer there", "上传的文件已不存在"),
    "DocumentNumberInvalid": ("{message_en}", "{message_zh}"),
    "NameMismatch": ("The name on the document ({given}) is not the template's holder name "
                     "({expected})",
                     "证件上的名称（{given}）与信息模板的注册人名称（{expected}）不一致"),
    "DocumentTypeMismatch": ("{message_en}", "{message_zh}"),
}


def failure(code: str, **params: object) -> Failure:
    english, chinese = FAILURE_MESSAGES[code]
    return Failure(code=code, message_en=english.format(**params),
                   message_zh=chinese.format(**params))


def sniff(data: bytes) -> str:
    """The real type of a file from its first bytes (magic numbers), never its name."""
    signatures = (
        (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"%PDF-", "application/pdf"), (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"),
        (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"), (b"PK\x03\x04", "application/zip"),
    )
    for magic, kind in signatures:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:2] == b"BM" and len(data) >= 26 and data[14:18] in (
            b"\x0c\x00\x00\x00", b"\x28\x00\x00\x00", b"\x38\x00\x00\x00", b"\x40\x00\x00\x00",
            b"\x6c\x00\x00\x00", b"\x7c\x00\x00\x00"):
        return "image/bmp"  # "BM" plus a known DIB header size, not just any text "BM..."
    if data[4:8] == b"ftyp":
        return "image/heic" if data[8:12] in (b"heic", b"heix", b"mif1") else "video/mp4"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    return "text/plain"


def inspect_document(data: bytes, declared: str) -> Failure | None:
    """Check the bytes themselves: size, real type equals the declared one, the image
    decodes completely. None when the file is acceptable."""
    size = len(data)
    if size > MAX_BYTES:
        return failure("FileTooLarge", size=size, limit=MAX_BYTES)
    if size < MIN_BYTES:
        return failure("FileTooSmall", size=size, limit=MIN_BYTES)
    detected = sniff(data)
    if detected != declared:
        return failure("FileTypeNotAllowed", detected=detected, declared=declared)
    return _decode(data, declared)


def _decode(data: bytes, declared: str) -> Failure | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != PIL_FORMATS[declared]:
                    return failure("FileTypeNotAllowed", detected=str(image.format),
                                   declared=declared)
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return failure("FileUnreadable", problem=f"{width}x{height} pixels")
                image.load()
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        return failure("FileUnreadable", problem=str(exc)[:120] or type(exc).__name__)
    return None


def check_holder(*, document_type: str, document_number: str, holder_name: str | None,
                 template: Template, today: date) -> Failure | None:
    """After the file: the document fits the holder, its number is valid, the name on it is
    the template's holder name. None when everything matches."""
    try:
        verify_document_fits(document_type, template)
    except DocumentTypeMismatch as error:
        return failure("DocumentTypeMismatch", message_en=error.message("en"),
                       message_zh=error.message("zh"))
    try:
        normalise_document_number(document_type, document_number, today=today)
    except (DocumentNumberInvalid, identity.InvalidIdentityNumber) as error:
        return failure("DocumentNumberInvalid", message_en=error.message("en"),
                       message_zh=error.message("zh"))
    if holder_name is not None and not names_match(holder_name, template.holder_name):
        return failure("NameMismatch", given=holder_name, expected=template.holder_name)
    return None


# --- e-mail codes ------------------------------------------------------------------------

def hash_code(code: str, *, salt: str, template_id: str) -> str:
    return hashlib.sha256(f"{salt}:{template_id}:{code}".encode()).hexdigest()


def code_matches(record: EmailCode, code: str) -> bool:
    expected = hash_code(code, salt=record.salt, template_id=record.template_id)
    return hmac.compare_digest(expected, record.code_hash)


def verify_code_usable(record: EmailCode, *, now: datetime) -> None:
    """Raises: EmailCodeUsed, EmailCodeLocked, EmailCodeExpired."""
    if record.used:
        raise EmailCodeUsed()
    if record.attempts >= CODE_MAX_ATTEMPTS:
        raise EmailCodeLocked()
    if now >= record.expires_at:
        raise EmailCodeExpired()


def resend_wait(record: EmailCode | None, *, now: datetime) -> int:
    """Seconds until another code may be sent (0: now)."""
    if record is None:
        return 0
    remaining = record.sent_at + CODE_RESEND_INTERVAL - now
    return max(0, int(-(-remaining.total_seconds() // 1)))


def email_code_message(code: str, *, template_id: str, holder: str) -> tuple[str, str, str]:
    """(subject, text, html) of the verification mail, Chinese first, then English."""
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    subject = "【域名注册】邮箱验证码 / E-mail verification code"
    lines = [
        f"您好，{holder}：",
        f"您正在验证信息模板 {template_id} 的邮箱，验证码为：{{code}}",
        f"验证码 {minutes} 分钟内有效，请勿告知他人。如非本人操作，请忽略本邮件。",
        f"Hello {holder},",
        f"Your code to verify the e-mail address of registrant template {template_id} is: "
        "{code}",
        f"It expires in {minutes} minutes. Do not share it. If you did not ask for it, "
        "ignore this e-mail.",
    ]
    text = "\n".join(line.replace("{code}", code) for line in lines) + "\n"
    html = "".join(
        "<p>" + markup.escape(line).replace("{code}", f"<strong>{code}</strong>") + "</p>"
        for line in lines)
    return subject, text, html

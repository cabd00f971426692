"""Request and response models of the search API."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, TypeVar

from chalice.app import Request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chalicelib.search.rules import Result, Status
from registrar_shared import web
from registrar_shared.catalogue import SitePrice, Suffix
from registrar_shared.errors import RequestValidationError
from registrar_shared.naming import NameCheck, Reason

M = TypeVar("M", bound=BaseModel)
SiteName = Literal["cn", "intl"]
HolderType = Literal["individual", "enterprise"]
MAX_NAMES = 500
MAX_NAME_CHARS = 512   # a domain is at most 253 octets; room for whitespace and typos
MAX_KEYWORD_CHARS = 128
MAX_BODY_BYTES = 2 * 1024 * 1024  # 500 names of 512 characters, JSON-escaped
# C0/C1 controls, lone surrogates and U+FFFD (what undecodable UTF-8 turns into).
_UNREADABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")


def _readable(value: str) -> str:
    found = _UNREADABLE.search(value.strip())
    if found is not None:
        char = found.group()
        kind = ("a lone surrogate" if "\ud800" <= char <= "\udfff"
                else "a replacement character (was it valid UTF-8?)" if char == "\ufffd"
                else "a control character")
        raise ValueError(f"contains {kind}, U+{ord(char):04X}, at position {found.start()}")
    return value


def parse_body(model: type[M], request: Request) -> M:
    """``web.parse_body`` with a size cap: 500 names never need more than 2 MB."""
    if len(request.raw_body or b"") > MAX_BODY_BYTES:
        raise RequestValidationError(details=[{"field": "(body)", "problem": "larger than 2 MB"}],
                                     summary="body larger than 2 MB")
    return web.parse_body(model, request)


DomainText = Annotated[str, Field(max_length=MAX_NAME_CHARS), AfterValidator(_readable)]
KeywordText = Annotated[str, Field(min_length=1, max_length=MAX_KEYWORD_CHARS),
                        AfterValidator(_readable)]


class SiteQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    site: SiteName = "cn"


class CheckQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    domain: DomainText
    site: SiteName | None = Field(None, description="Defaults to the caller's site, else cn")


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    domains: list[DomainText] = Field(min_length=1, max_length=MAX_NAMES)
    site: SiteName | None = Field(None, description="Defaults to the caller's site, else cn")


class SuggestQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keyword: KeywordText
    site: SiteName | None = Field(None, description="Defaults to the caller's site, else cn")
    limit: int = Field(20, ge=1, le=100)


class ValidateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    domain: DomainText
    holder_type: HolderType | None = None


class PriceView(BaseModel):
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)
    currency: str
    register_price: int = Field(alias="register")
    renew: int
    transfer: int

    @classmethod
    def of(cls, price: SitePrice) -> PriceView:
        return cls(currency=price.currency, register=price.register_price, renew=price.renew,
                   transfer=price.transfer)


class SuffixView(BaseModel):
    suffix: str
    ascii: str
    registrable: bool
    renewable: bool
    transferable: bool
    label_script: str
    cnnic: bool
    special: str | None
    min_years: int
    max_years: int
    realname_required: bool
    recommended: bool
    not_registrable_reason: str | None
    price: PriceView

    @classmethod
    def of(cls, entry: Suffix, site: str) -> SuffixView:
        return cls(
            suffix=entry.suffix, ascii=entry.ascii, registrable=entry.registrable,
            renewable=entry.renewable, transferable=entry.transferable,
            label_script=entry.label_script, cnnic=entry.cnnic, special=entry.special,
            min_years=entry.min_years, max_years=entry.max_years,
            realname_required=entry.realname_required, recommended=entry.recommended,
            not_registrable_reason=entry.not_registrable_reason,
            price=PriceView.of(entry.price(site)),
        )


class SuffixList(BaseModel):
    site: SiteName
    suffixes: list[SuffixView]


class ReasonView(BaseModel):
    code: str
    message: str


def _reasons(items: tuple[Reason, ...], language: str) -> list[ReasonView]:
    return [ReasonView(**item.as_dict(language)) for item in items]


class CheckResult(BaseModel):
    input: str = Field(description="The name as sent")
    domain: str = Field(description="Normalised Unicode form (U-labels)")
    ascii: str | None = Field(description="A-label form, when the name has one")
    label: str | None
    suffix: str | None
    status: Status
    available: bool
    reasons: list[ReasonView]
    notices: list[ReasonView]
    price: PriceView | None = Field(description="For the site, when the name can be bought")

    @classmethod
    def of(cls, result: Result, language: str) -> CheckResult:
        return cls.model_validate(cls.dump(result, language))

    @staticmethod
    def dump(result: Result, language: str) -> dict[str, Any]:
        """The JSON form directly (a bulk answer builds 500 of these; a test keeps it equal
        to the validated model's dump)."""
        check = result.check
        price = result.price
        return {
            "input": check.input, "domain": check.domain or "", "ascii": check.ascii,
            "label": check.label, "suffix": check.suffix.suffix if check.suffix else None,
            "status": result.status, "available": result.available,
            "reasons": [r.as_dict(language) for r in check.reasons],
            "notices": [n.as_dict(language) for n in check.notices],
            "price": None if price is None else {
                "currency": price.currency, "register": price.register_price,
                "renew": price.renew, "transfer": price.transfer},
        }


class CheckResults(BaseModel):
    site: SiteName
    results: list[CheckResult]


class SuggestResults(BaseModel):
    keyword: str
    site: SiteName
    results: list[CheckResult]


class ValidateResult(BaseModel):
    domain: str
    ascii: str | None
    label: str | None
    suffix: str | None
    valid: bool
    variant_key: str | None = Field(description="suffix|folded label: one name per key")
    reasons: list[ReasonView]
    notices: list[ReasonView]

    @classmethod
    def of(cls, check: NameCheck, language: str) -> ValidateResult:
        return cls(domain=check.domain or "", ascii=check.ascii, label=check.label,
                   suffix=check.suffix.suffix if check.suffix else None, valid=check.valid,
                   variant_key=check.variant_key, reasons=_reasons(check.reasons, language),
                   notices=_reasons(check.notices, language))

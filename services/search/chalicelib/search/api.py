"""Request and response models of the search API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from registrar_shared.catalogue import Suffix

SiteName = Literal["cn", "intl"]


class SiteQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    site: SiteName = "cn"


class PriceView(BaseModel):
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)
    currency: str
    register_price: int = Field(alias="register")
    renew: int
    transfer: int


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
        price = entry.price(site)
        return cls(
            suffix=entry.suffix, ascii=entry.ascii, registrable=entry.registrable,
            renewable=entry.renewable, transferable=entry.transferable,
            label_script=entry.label_script, cnnic=entry.cnnic, special=entry.special,
            min_years=entry.min_years, max_years=entry.max_years,
            realname_required=entry.realname_required, recommended=entry.recommended,
            not_registrable_reason=entry.not_registrable_reason,
            price=PriceView(currency=price.currency, register=price.register_price,
                            renew=price.renew, transfer=price.transfer),
        )


class SuffixList(BaseModel):
    site: SiteName
    suffixes: list[SuffixView]

"""Pure checkout rules of the special suffixes (PRODUCT.md §8, NAMING.md §8): .商标,
姓名.网址, .gov.cn, the proxy template, and which qualification documents a registration
needs before the registry releases it. No IO and no clock reads (``today`` is passed in).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from chalicelib.orders import errors
from chalicelib.orders.api import (
    GovRequest,
    OrderItemRequest,
    PersonalNameRequest,
    TrademarkRequest,
)
from chalicelib.orders.model import PROXY_TEMPLATE_ID, Template
from registrar_shared import identity, naming
from registrar_shared.catalogue import Suffix

CHINA = timezone(timedelta(hours=8))  # birth dates on resident IDs are Beijing dates

ENTITY_QUALIFICATION = "entity_qualification"
TRADEMARK_CERTIFICATE = "trademark_certificate"
GOV_CERTIFICATE = "gov_certificate"
GOV_APPLICATION_FORM = "gov_application_form"
# Documents that qualify one domain (uploaded through the real-name service with ``domain``).
QUALIFICATION_DOCUMENTS = frozenset({ENTITY_QUALIFICATION, TRADEMARK_CERTIFICATE,
                                     GOV_CERTIFICATE, GOV_APPLICATION_FORM})
# Refund codes when the review window closes, by the first document still missing.
REVIEW_FAILURE_CODES = {
    ENTITY_QUALIFICATION: "NamingReviewFailed",
    TRADEMARK_CERTIFICATE: "TrademarkReviewFailed",
    GOV_CERTIFICATE: "GovReviewFailed",
    GOV_APPLICATION_FORM: "GovReviewFailed",
}
DOCUMENT_NAMES = {
    ENTITY_QUALIFICATION: "entity qualification",
    TRADEMARK_CERTIFICATE: "trademark registration certificate",
    GOV_CERTIFICATE: "government organisation certificate",
    GOV_APPLICATION_FORM: "stamped .gov.cn application form",
}

# suffix.special -> (item field, what it is in English, in Chinese)
PRODUCT_FIELDS: dict[str, tuple[str, str]] = {
    "trademark": ("trademark registration: registration_number, holder",
                  "商标注册信息：registration_number、holder"),
    "personal_name": ("personal name: name, id_number, optional prefix/suffix",
                      "姓名信息：name、id_number，可选 prefix/suffix"),
    "gov": ("government body: level, organisation_code", "机关信息：level、organisation_code"),
}
TRADEMARK_NUMBER = re.compile(r"G?[0-9]{4,9}")
TRANSLITERATION_MARKS = frozenset("·.・•‧･．。")
MIDDLE_DOTS = str.maketrans({"・": "·", "•": "·", "‧": "·", "･": "·", "．": "·"})

GOV_LEVELS_ZH = {"provincial": "省级政府", "state_council": "国务院部门", "city": "市级政府",
                 "county": "县级政府"}
GOV_CHANNELS = {  # level -> (channel, channel in Chinese)
    "provincial": ("State Council General Office filing", "国务院办公厅备案"),
    "state_council": ("State Council General Office filing", "国务院办公厅备案"),
    "city": ("the next-higher government office", "上级政府办公厅"),
    "county": ("the next-higher government office", "上级政府办公厅"),
}


@dataclass(frozen=True)
class ProductCheck:
    product: dict[str, Any]               # stored on the order item (normalised)
    review_documents: tuple[str, ...]     # verified documents needed after registration


def china_today(now: datetime) -> date:
    return now.astimezone(CHINA).date()


def comparable_name(text: str) -> str:
    """Names compare after NFKC, case folding, one kind of middle dot and no whitespace
    (the same rule the real-name service uses for documents)."""
    folded = unicodedata.normalize("NFKC", text).translate(MIDDLE_DOTS).casefold()
    return "".join(folded.split())


def names_match(given: str, holder: str) -> bool:
    return comparable_name(given) == comparable_name(holder)


def normalise_trademark_number(text: str) -> str:
    """Raises: TrademarkNumberInvalid (400 DocumentNumberInvalid)."""
    compact = "".join(identity.fold(text).split()).upper().replace("-", "")
    if not TRADEMARK_NUMBER.fullmatch(compact):
        raise errors.TrademarkNumberInvalid(details={"document": "trademark",
                                                     "reason": "InvalidFormat"})
    return compact


def normalise_organisation_code(text: str) -> str:
    """A GB 11714 organisation code (9) or a unified social credit code (18).

    Raises: identity.InvalidIdentityNumber (400 DocumentNumberInvalid)."""
    compact = "".join(identity.fold(text).split()).upper().replace("-", "")
    if len(compact) == 18:
        return identity.validate_uscc(compact)
    return identity.validate_organisation_code(compact)


def organisation_code_of(number: str) -> str:
    """The organisation code inside a code or a USCC (positions 9-17 of a USCC)."""
    compact = number.upper().replace("-", "")
    return compact[8:17] if len(compact) == 18 else compact


def document_matches(document_type: str, document_number: str | None,
                     product: dict[str, Any]) -> bool:
    """Whether a verified qualification document is the one the order named: the trademark
    registration number, or the government body's organisation code. Documents the order
    names no number for (entity qualification) always match."""
    if document_type == TRADEMARK_CERTIFICATE and "trademark" in product:
        expected = str(product["trademark"]["registration_number"])
        return document_number is not None and document_number.upper() == expected
    if document_type in (GOV_CERTIFICATE, GOV_APPLICATION_FORM) and "gov" in product:
        expected = organisation_code_of(str(product["gov"]["organisation_code"]))
        return document_number is not None and organisation_code_of(document_number) == expected
    return True


def review_failure_code(missing: tuple[str, ...]) -> str:
    return REVIEW_FAILURE_CODES.get(missing[0], "NamingReviewFailed") if missing \
        else "NamingReviewFailed"


def _given_fields(request: OrderItemRequest) -> dict[str, Any]:
    return {name: value for name, value in (("personal_name", request.personal_name),
                                            ("trademark", request.trademark),
                                            ("gov", request.gov)) if value is not None}


def verify_product_fields(request: OrderItemRequest, check: naming.NameCheck,
                          suffix: Suffix) -> None:
    """The product fields fit the suffix: exactly the special suffix's own field.

    Raises: ProductDetailsRequired, ProductDetailsNotApplicable.
    """
    given = _given_fields(request)
    special = suffix.special
    for field in given:
        if request.action == "renew":
            raise errors.ProductDetailsNotApplicable(
                domain=check.domain, field=field, why="a renewal keeps the registration's details",
                why_zh="续费沿用注册时的信息")
        if field != special:
            raise errors.ProductDetailsNotApplicable(
                domain=check.domain, field=field, why=f"not a field of .{suffix.suffix} names",
                why_zh=f".{suffix.suffix} 域名没有该字段")
    if request.action == "register" and special in PRODUCT_FIELDS and special not in given:
        what, what_zh = PRODUCT_FIELDS[special]
        raise errors.ProductDetailsRequired(details={"domain": check.domain, "field": special},
                                            domain=check.domain, field=special, what=what,
                                            what_zh=what_zh)


def check_registration(request: OrderItemRequest, check: naming.NameCheck, suffix: Suffix,
                       template: Template, *, reserved: bool, today: date) -> ProductCheck:
    """Everything a special suffix (and the proxy template) asks of a registration.

    Raises: ProductDetailsRequired, ProductDetailsNotApplicable, ProxyTemplateNotAllowed,
            TrademarkNumberInvalid, TrademarkHolderMismatch, PersonalNameIndividualOnly,
            PersonalNameMainlandOnly, PersonalNameTransliterated, PersonalNameLabelMismatch,
            PersonalNameHolderMismatch, InvalidIdentityNumber, GovOrganisationRequired,
            GovChannelRequired.
    """
    verify_product_fields(request, check, suffix)
    if template.template_id == PROXY_TEMPLATE_ID and (suffix.special or reserved):
        why, why_zh = (("the holder must be the trademark owner, the person or the government "
                        "body itself", "持有人须为商标注册人、本人或机关本身")
                       if suffix.special else
                       ("a reserved word needs the entitled organisation as holder",
                        "含保留词的域名须由有资质的单位持有"))
        raise errors.ProxyTemplateNotAllowed(domain=check.domain, why=why, why_zh=why_zh)
    documents: tuple[str, ...] = (ENTITY_QUALIFICATION,) if reserved else ()
    if request.trademark is not None:
        return _trademark(request.trademark, check, template, documents)
    if request.personal_name is not None:
        return _personal_name(request.personal_name, check, template, documents, today)
    if request.gov is not None:
        return _gov(request.gov, check, template, documents)
    return ProductCheck(product={}, review_documents=documents)


def _trademark(details: TrademarkRequest, check: naming.NameCheck, template: Template,
               documents: tuple[str, ...]) -> ProductCheck:
    number = normalise_trademark_number(details.registration_number)
    if not names_match(details.holder, template.holder_name):
        raise errors.TrademarkHolderMismatch(
            details={"domain": check.domain, "holder": details.holder},
            domain=check.domain, holder=details.holder, template_id=template.template_id,
            expected=template.holder_name)
    return ProductCheck(product={"trademark": {"registration_number": number,
                                               "holder": details.holder.strip()}},
                        review_documents=(*documents, TRADEMARK_CERTIFICATE))


def _personal_name(details: PersonalNameRequest, check: naming.NameCheck, template: Template,
                   documents: tuple[str, ...], today: date) -> ProductCheck:
    domain = check.domain
    if template.holder_type != "individual":
        raise errors.PersonalNameIndividualOnly(domain=domain)
    if template.region != "mainland":
        raise errors.PersonalNameMainlandOnly(domain=domain)
    name = naming.normalise(details.name)
    if any(c in TRANSLITERATION_MARKS for c in details.name):
        raise errors.PersonalNameTransliterated(domain=domain)
    prefix = naming.normalise(details.prefix or "")
    suffix = naming.normalise(details.suffix or "")
    if check.label != prefix + name + suffix:
        raise errors.PersonalNameLabelMismatch(
            details={"domain": domain, "label": check.label, "expected": prefix + name + suffix},
            domain=domain, expected=prefix + name + suffix)
    if not names_match(name, template.holder_name):
        raise errors.PersonalNameHolderMismatch(
            details={"domain": domain, "name": name}, domain=domain, name=name,
            template_id=template.template_id, expected=template.holder_name)
    id_number = identity.validate_resident_id(details.id_number, today=today)
    stored = {"prefix": prefix, "name": name, "suffix": suffix, "id_number": id_number}
    return ProductCheck(product={"personal_name": {k: v for k, v in stored.items() if v}},
                        review_documents=documents)


def _gov(details: GovRequest, check: naming.NameCheck, template: Template,
         documents: tuple[str, ...]) -> ProductCheck:
    if template.holder_type != "enterprise" or template.organisation_type != "government":
        raise errors.GovOrganisationRequired(
            details={"domain": check.domain, "holder_type": template.holder_type,
                     "organisation_type": template.organisation_type},
            domain=check.domain, template_id=template.template_id)
    if details.level in GOV_CHANNELS:
        channel, channel_zh = GOV_CHANNELS[details.level]
        raise errors.GovChannelRequired(
            details={"domain": check.domain, "level": details.level, "channel": channel},
            domain=check.domain, level=details.level.replace("_", " ").capitalize(),
            level_zh=GOV_LEVELS_ZH[details.level], channel=channel, channel_zh=channel_zh)
    code = normalise_organisation_code(details.organisation_code)
    return ProductCheck(product={"gov": {"level": details.level, "organisation_code": code}},
                        review_documents=(*documents, GOV_CERTIFICATE, GOV_APPLICATION_FORM))

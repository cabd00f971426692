"""The name-rule pipeline of NAMING.md, steps 1–6, as one pure function: ``check_name``.

Reasons come in pipeline order (the first is the primary one); a step that cannot run
(empty label, no suffix, too many labels, undecodable Punycode) ends the pipeline.
"""

from __future__ import annotations

from typing import Literal

import idna

from registrar_shared import catalogue
from registrar_shared.catalogue import Suffix
from registrar_shared.naming import script, words
from registrar_shared.naming.normalise import normalise
from registrar_shared.naming.reasons import reason
from registrar_shared.naming.result import NameCheck, Reason
from registrar_shared.naming.variants import fold

HolderType = Literal["individual", "enterprise"]
MAX_LABEL = 63
MAX_HK_LABEL = 15
_ACE = "xn--"


def _describe(chars: list[str]) -> str:
    shown = []
    for char in dict.fromkeys(chars):
        printable = char.isprintable() and not char.isspace()
        shown.append(f"'{char}' U+{ord(char):04X}" if printable else f"U+{ord(char):04X}")
    return ", ".join(shown[:5]) + (", …" if len(shown) > 5 else "")


def _hyphen_reasons(label: str, reasons: list[Reason]) -> None:
    if label.startswith("-") or label.endswith("-"):
        reasons.append(reason("HyphenAtEdge"))
    if "--" in label:
        reasons.append(reason("ConsecutiveHyphens"))


def _ascii_label(label: str, reasons: list[Reason]) -> str | None:
    """English rules; the A-label is the label itself when its characters are LDH."""
    bad = script.ASCII_DISALLOWED.findall(label)
    if bad:
        reasons.append(reason("InvalidCharacter", chars=_describe(bad)))
    _hyphen_reasons(label, reasons)
    if len(label) > MAX_LABEL:
        reasons.append(reason("LabelTooLong", length=len(label)))
    return None if bad else label


def _punycode_label(label: str) -> str:
    # The punycode codec is RFC 3492 itself (what idna uses), not the IDNA 2003 codec.
    return _ACE + label.encode("punycode").decode("ascii")


def _chinese_label(label: str, entry: Suffix, reasons: list[Reason]) -> str | None:
    """Chinese rules; returns the A-label when the characters allow one."""
    if script.han_pattern().search(label) is None:
        reasons.append(reason("HanCharacterRequired"))
    bad = script.disallowed_pattern().findall(label)
    if bad:
        reasons.append(reason("InvalidCharacter", chars=_describe(bad)))
    _hyphen_reasons(label, reasons)
    if entry.suffix == "hk":
        if "-" in label[2:4]:
            reasons.append(reason("HkHyphenPosition"))
        if len(label) > MAX_HK_LABEL:
            reasons.append(reason("HkLabelTooLong", length=len(label)))
    if not reasons:
        try:
            return idna.encode(label).decode("ascii")
        except idna.IDNAError:
            pass  # too long (reported below) or a code point IDNA 2008 disallows
    alabel = _punycode_label(label)
    if len(alabel) > MAX_LABEL:
        reasons.append(reason("LabelTooLong", length=len(alabel)))
    elif not reasons:
        reasons.append(reason("InvalidCharacter", chars=_describe(list(label))))
    return None if bad else alabel


def _suffix_policy(label: str, entry: Suffix, reasons: list[Reason]) -> None:
    if entry.label_script == "ascii_only" and not label.isascii():
        reasons.append(reason("ChineseNotAllowedForSuffix", suffix=entry.suffix))
    elif entry.label_script == "han_required" and label.isascii():
        reasons.append(reason("HanCharacterRequired.suffix", suffix=entry.suffix))


def _hk_content(folded: str, reasons: list[Reason]) -> None:
    lists = words.load()
    if any(word in folded for word in lists.hk_government):
        reasons.append(reason("HkGovernmentRefused"))
    if lists.hk_bank.search(folded):
        reasons.append(reason("HkBankConsentRequired"))
    if any(word in folded for word in lists.hk_insurance):
        reasons.append(reason("HkInsuranceConsentRequired"))
    if (len(folded) == 1 and folded.isascii()) or folded in lists.hk_reserved_labels:
        reasons.append(reason("HkReservedName"))


def _not_registrable(entry: Suffix) -> Reason:
    key = "SuffixNotRegistrable.hk" if entry.suffix == "hk" else "SuffixNotRegistrable"
    text = entry.not_registrable_reason or f".{entry.suffix} is not offered for registration"
    return reason(key, suffix=entry.suffix, reason=text)


_SPECIAL_NOTICES = {"gov": "GovChannelRequired", "trademark": "TrademarkCertificateRequired",
                    "personal_name": "PersonalNameProduct"}


_SUFFIX_NOTICES: dict[str, tuple[Reason, ...]] = {}


def _suffix_notices(entry: Suffix) -> tuple[Reason, ...]:
    """The notices every valid name on a suffix gets (cached: they depend on it alone)."""
    cached = _SUFFIX_NOTICES.get(entry.suffix)
    if cached is not None:
        return cached
    notices = []
    special = _SPECIAL_NOTICES.get(entry.special or "")
    if special is not None:
        notices.append(reason(special, suffix=entry.suffix))
    if entry.realname_required:
        notices.append(reason("RealNameRequired", suffix=entry.suffix))
    _SUFFIX_NOTICES[entry.suffix] = tuple(notices)
    return _SUFFIX_NOTICES[entry.suffix]


def _notices(entry: Suffix, folded: str, holder_type: str | None
             ) -> tuple[tuple[Reason, ...], dict[str, str]]:
    if entry.cnnic:
        word = words.reserved_word_in(folded)
        if word is not None:
            key = ("ReservedWordReview.individual" if holder_type == "individual"
                   else "ReservedWordReview")
            return (reason(key, word=word), *_suffix_notices(entry)), {"reserved_word": word}
    return _suffix_notices(entry), {}


def _split(raw: str, text: str) -> NameCheck | tuple[str, Suffix]:
    """Steps 1.3 and 2: the single label and the catalogue entry, or a final NameCheck."""
    labels = (text[:-1] if text.endswith(".") else text).split(".")
    if "" in labels:
        return NameCheck(raw, text or None, None, None, None, (reason("EmptyLabel"),))
    match = catalogue.load().longest_match(labels)
    if match is None:
        return NameCheck(raw, text, None, None, None, (reason("UnsupportedSuffix", name=text),))
    entry, size = match
    if size == len(labels):
        return NameCheck(raw, text, None, None, entry, (reason("EmptyLabel"),))
    if len(labels) - size > 1:
        return NameCheck(raw, text, None, None, entry,
                         (reason("TooManyLabels", suffix=entry.suffix),))
    return labels[0], entry


def _decode(raw: str, label: str, entry: Suffix) -> str | NameCheck:
    """An ``xn--`` label as its U-label, or a final InvalidPunycode NameCheck."""
    try:
        ulabel = idna.decode(label)
        if ulabel.isascii() or idna.encode(ulabel).decode("ascii") != label:
            raise idna.IDNAError("decodes to ASCII or is not canonical")
        return ulabel
    except (idna.IDNAError, UnicodeError):
        return NameCheck(raw, f"{label}.{entry.suffix}", None, None, entry,
                         (reason("InvalidPunycode", label=label),))


def check_name(raw: str, *, holder_type: str | None = None) -> NameCheck:
    """Every rule of NAMING.md for one typed name, without a registry look-up.

    ``holder_type`` ("individual" or "enterprise", if known) only changes the wording of
    the reserved-word notice. ``variant_key`` is set for valid names only.
    """
    text = normalise(raw)
    split = _split(raw, text)
    if isinstance(split, NameCheck):
        return split
    label, entry = split
    if label.startswith(_ACE):
        decoded = _decode(raw, label, entry)
        if isinstance(decoded, NameCheck):
            return decoded
        label = decoded
    reasons: list[Reason] = []
    if label.isascii():
        alabel = _ascii_label(label, reasons)
    else:
        alabel = _chinese_label(label, entry, reasons)
    _suffix_policy(label, entry, reasons)
    folded = fold(label)
    if entry.suffix == "hk":
        _hk_content(folded, reasons)
    if not entry.registrable:
        reasons.append(_not_registrable(entry))
    ascii_name = None if alabel is None else f"{alabel}.{entry.ascii}"
    if reasons:
        return NameCheck(raw, f"{label}.{entry.suffix}", ascii_name, label, entry,
                         tuple(dict.fromkeys(reasons)))
    notices, extra = _notices(entry, folded, holder_type)
    return NameCheck(raw, f"{label}.{entry.suffix}", ascii_name, label, entry, (), notices,
                     f"{entry.suffix}|{folded}", extra)

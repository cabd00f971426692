"""Every reason and notice of the name rules (API.md), with English and Chinese messages."""

from __future__ import annotations

import functools

from registrar_shared.naming.result import Reason

# key -> (code, English, Chinese). A key differs from its code where one code has two
# wordings (e.g. HanCharacterRequired for a label, and for a suffix that requires Han).
MESSAGES: dict[str, tuple[str, str, str]] = {
    "EmptyLabel": (
        "EmptyLabel",
        "The name has an empty label: nothing between two dots, or no name before the suffix",
        "域名中有空标签：两个点之间没有内容，或后缀前没有名称"),
    "InvalidCharacter": (
        "InvalidCharacter",
        "The label contains characters that are not allowed ({chars}); use a–z, 0–9, "
        "hyphens and, in Chinese names, Chinese characters",
        "标签包含不允许的字符（{chars}）；只能使用 a–z、0–9、连字符，中文域名还可使用汉字"),
    "HyphenAtEdge": (
        "HyphenAtEdge",
        "A label cannot start or end with a hyphen",
        "标签不能以连字符开头或结尾"),
    "ConsecutiveHyphens": (
        "ConsecutiveHyphens",
        "A label cannot contain two hyphens in a row",
        "标签不能包含连续的两个连字符"),
    "LabelTooLong": (
        "LabelTooLong",
        "The label is {length} characters long in its ASCII form; at most 63 are allowed",
        "标签的 ASCII 形式长 {length} 个字符，最多允许 63 个"),
    "InvalidPunycode": (
        "InvalidPunycode",
        "{label} is not a valid IDNA 2008 A-label",
        "{label} 不是有效的 IDNA 2008 A-label（Punycode 编码）"),
    "TooManyLabels": (
        "TooManyLabels",
        "Only one label may stand before .{suffix} (example.{suffix}, not www.example.{suffix})",
        ".{suffix} 前只能有一级名称（如 example.{suffix}，而不是 www.example.{suffix}）"),
    "UnsupportedSuffix": (
        "UnsupportedSuffix",
        "The suffix of {name} is not offered here",
        "本站不提供 {name} 的域名后缀"),
    "HanCharacterRequired": (
        "HanCharacterRequired",
        "A Chinese domain name must contain at least one Chinese character",
        "中文域名至少要包含一个汉字"),
    "HanCharacterRequired.suffix": (
        "HanCharacterRequired",
        ".{suffix} names must contain at least one Chinese character",
        ".{suffix} 域名至少要包含一个汉字"),
    "ChineseNotAllowedForSuffix": (
        "ChineseNotAllowedForSuffix",
        ".{suffix} accepts only letters, digits and hyphens, not Chinese names",
        ".{suffix} 只接受字母、数字和连字符，不支持中文域名"),
    "SuffixNotRegistrable": (
        "SuffixNotRegistrable",
        "{reason}",
        "本站不提供 .{suffix} 域名注册"),
    "SuffixNotRegistrable.hk": (
        "SuffixNotRegistrable",
        "{reason}",
        "请到香港互联网注册管理有限公司（HKIRC）注册 .hk 域名；本站只提供已有 .hk 域名的续费"),
    "HkHyphenPosition": (
        "HkHyphenPosition",
        "A Chinese .hk label cannot have a hyphen as its 3rd or 4th character",
        "中文 .hk 域名的第 3、4 个字符不能是连字符"),
    "HkLabelTooLong": (
        "HkLabelTooLong",
        "A Chinese .hk label has at most 15 characters; this one has {length}",
        "中文 .hk 域名最多 15 个字符，当前为 {length} 个"),
    "HkBankConsentRequired": (
        "HkBankConsentRequired",
        "A .hk name suggesting a bank (bank, 银行) needs the Hong Kong Monetary Authority's "
        "consent",
        "含有“银行”（bank）含义的 .hk 域名需要香港金融管理局的同意"),
    "HkInsuranceConsentRequired": (
        "HkInsuranceConsentRequired",
        "A .hk name suggesting insurance (insurance, assurance, 保险) needs the Insurance "
        "Authority's consent",
        "含有“保险”（insurance、assurance）含义的 .hk 域名需要保险业监管局的同意"),
    "HkGovernmentRefused": (
        "HkGovernmentRefused",
        "A .hk name suggesting the government (government, 政府) is refused",
        "含有“政府”（government）含义的 .hk 域名不予注册"),
    "HkReservedName": (
        "HkReservedName",
        "This .hk name is reserved (single characters, com, org, net, edu, gov, idv)",
        "该 .hk 名称为保留名称（单个字符及 com、org、net、edu、gov、idv）"),
    # --- notices (not refusals) ---
    "ReservedWordReview": (
        "ReservedWordReview",
        "The name contains the reserved word {word}: only the entitled organisation can "
        "register it; it stays in naming review until entity qualification documents are "
        "approved (submit them within 5 days)",
        "域名包含保留词“{word}”：只有相应机构可以注册；需在 5 天内提交主体资质材料，审核通过前"
        "域名处于命名审核状态"),
    "ReservedWordReview.individual": (
        "ReservedWordReview",
        "The name contains the reserved word {word}: only the entitled organisation can "
        "register it; individuals cannot",
        "域名包含保留词“{word}”：只有相应机构可以注册，个人不能注册"),
    "RealNameRequired": (
        "RealNameRequired",
        ".{suffix} domains need real-name verification of the holder; until it is approved "
        "the domain is on hold and does not resolve",
        ".{suffix} 域名需要持有者实名认证；认证通过前域名处于暂停解析（serverHold）状态"),
    "TrademarkCertificateRequired": (
        "TrademarkCertificateRequired",
        ".{suffix} needs a trademark registration certificate that matches the holder; the "
        "registry reviews it",
        ".{suffix} 域名需要与持有者一致的商标注册证书，并经注册局审核"),
    "GovChannelRequired": (
        "GovChannelRequired",
        ".{suffix} is only for government bodies (机关法人); provincial governments, State "
        "Council departments and city or county governments must use their government channel",
        ".{suffix} 仅限机关法人注册；省级政府、国务院部门及市县政府须通过政府专用渠道注册"),
    "PersonalNameProduct": (
        "PersonalNameProduct",
        "姓名.{suffix}: the label is the holder's full name exactly as on the ID card, with an "
        "optional prefix and suffix, and needs a valid 18-digit PRC resident ID number",
        "姓名.{suffix}：名称须为持有者身份证上的完整姓名（可加前缀和后缀），并需提供有效的 18 位"
        "居民身份证号码"),
}


@functools.lru_cache(maxsize=4096)
def _make(key: str, params: tuple[tuple[str, str], ...]) -> Reason:
    code, english, chinese = MESSAGES[key]
    values = dict(params)
    return Reason(code, english.format(**values), chinese.format(**values))


def reason(key: str, **params: object) -> Reason:
    """The Reason for a message key, formatted with ``params`` (cached: Reasons are values)."""
    return _make(key, tuple(sorted((k, str(v)) for k, v in params.items())))

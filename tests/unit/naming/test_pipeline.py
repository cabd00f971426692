"""The name-rule pipeline of NAMING.md, rule by rule and boundary by boundary."""

import pytest

from registrar_shared import catalogue
from registrar_shared.naming import NameCheck, check_name, variant_key

# A-label of these 19 common Han characters is exactly 63 long; one more makes it 66.
HAN_19_FITS = "年动同工也能下过子说产种面而方后多定行"


def codes(name: str, **kwargs: str) -> list[str]:
    return [r.code for r in check_name(name, **kwargs).reasons]


def notices(name: str, **kwargs: str) -> list[str]:
    return [n.code for n in check_name(name, **kwargs).notices]


# --- 1. normalisation ----------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    " taobao.com ", "\ttaobao.com\n", "\u3000taobao.com\u3000", "TaoBao.COM",
    "ｔａｏｂａｏ．ｃｏｍ", "ＴＡＯＢＡＯ。ＣＯＭ", "taobao｡com", "taobao.com.",
])
def test_typed_forms_normalise_to_the_same_name(typed: str) -> None:
    check = check_name(typed)
    assert (check.domain, check.ascii, check.reasons) == ("taobao.com", "taobao.com", ())


def test_ideographic_full_stop_separates_chinese_labels() -> None:
    check = check_name("中文。中国")
    assert check.domain == "中文.中国" and check.ascii == "xn--fiq228c.xn--fiqs8s"


def test_nfc_composes_but_nfkc_is_not_applied() -> None:
    assert check_name("cafe\u0301.com").label == "café"
    assert check_name("①中文.com").label == "①中文"     # NFKC would turn ① into 1
    assert codes("①中文.com") == ["InvalidCharacter"]


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\ufeff"])
def test_invisible_characters_are_reported_not_removed(invisible: str) -> None:
    check = check_name(f"中{invisible}文.com")
    assert check.label == f"中{invisible}文"
    assert [r.code for r in check.reasons] == ["InvalidCharacter"]
    assert f"U+{ord(invisible):04X}" in check.reasons[0].message_en


def test_invisible_character_in_an_english_label_is_reported_too() -> None:
    assert "InvalidCharacter" in codes("taobao\u200b.com")


@pytest.mark.parametrize("typed", ["", "   ", ".", ".com", "a..com", "a.com..", "\u3000"])
def test_empty_labels_end_the_pipeline(typed: str) -> None:
    assert codes(typed) == ["EmptyLabel"]


def test_only_one_trailing_dot_is_dropped() -> None:
    assert codes("a.com.") == []
    assert codes("a.com..") == ["EmptyLabel"]


# --- 2. suffix split -----------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "suffix"), [
    ("abc.com.cn", "com.cn"), ("abc.cn", "cn"), ("abc.gov.cn", "gov.cn"),
    ("中文.xn--fiqs8s", "中国"), ("中文.XN--FIQS8S", "中国"), ("中文.ｘｎ－－ｆｉｑｓ８ｓ", "中国"),
    ("abc.xn--czr694b", "商标"), ("中文.中國", None),
])
def test_longest_catalogue_suffix_matches_in_any_form(typed: str, suffix: str | None) -> None:
    check = check_name(typed)
    assert (check.suffix.suffix if check.suffix else None) == suffix


def test_unknown_suffix_is_unsupported_and_ends_the_pipeline() -> None:
    check = check_name("-bad-.xyz")
    assert [r.code for r in check.reasons] == ["UnsupportedSuffix"]
    assert check.suffix is None and check.variant_key is None


@pytest.mark.parametrize("typed", ["www.abc.com", "约翰.史密斯.网址", "a.b.com.cn"])
def test_more_than_one_label_before_the_suffix_is_too_many(typed: str) -> None:
    assert codes(typed) == ["TooManyLabels"]


@pytest.mark.parametrize("typed", ["com", "com.cn", "中国", "xn--fiqs8s"])
def test_a_bare_suffix_has_no_label(typed: str) -> None:
    assert codes(typed) == ["EmptyLabel"]


# --- 3. English labels ---------------------------------------------------------------------

@pytest.mark.parametrize(("label", "expected"), [
    ("abc", []), ("a", []), ("0", []), ("a-b", []), ("123", []),
    ("a_b", ["InvalidCharacter"]), ("a b", ["InvalidCharacter"]), ("a!b", ["InvalidCharacter"]),
    ("-ab", ["HyphenAtEdge"]), ("ab-", ["HyphenAtEdge"]), ("-", ["HyphenAtEdge"]),
    ("a--b", ["ConsecutiveHyphens"]), ("ab--cd", ["ConsecutiveHyphens"]),
    ("--", ["HyphenAtEdge", "ConsecutiveHyphens"]),
    ("-a--b_", ["InvalidCharacter", "HyphenAtEdge", "ConsecutiveHyphens"]),
    ("a" * 63, []), ("a" * 64, ["LabelTooLong"]),
    ("-" + "a" * 62 + "_", ["InvalidCharacter", "HyphenAtEdge", "LabelTooLong"]),
])
def test_english_label_rules_in_pipeline_order(label: str, expected: list[str]) -> None:
    assert codes(f"{label}.com") == expected


def test_label_too_long_names_the_length() -> None:
    reason = check_name("a" * 70 + ".com").reasons[0]
    assert "70" in reason.message_en and "70" in reason.message_zh


# --- 3. A-labels ---------------------------------------------------------------------------

def test_a_label_input_is_decoded_and_answers_both_forms() -> None:
    check = check_name("XN--FIQ228C.com")
    assert (check.domain, check.ascii, check.label) == ("中文.com", "xn--fiq228c.com", "中文")
    assert check.valid


def test_a_label_still_meets_the_product_rules() -> None:
    assert codes("xn--vekv29fp6p.com") == ["InvalidCharacter"]   # 中・文


@pytest.mark.parametrize("label", ["xn--", "xn--abc", "xn--ab-", "xn--a", "xn--ls8h", "xn--9a"])
def test_undecodable_or_disallowed_punycode_ends_the_pipeline(label: str) -> None:
    assert codes(f"{label}.com") == ["InvalidPunycode"]


@pytest.mark.parametrize("label", ["xn--zca", "xn--caf-dma"])   # ß, café: valid IDNA 2008
def test_decodable_punycode_without_han_fails_the_chinese_rules(label: str) -> None:
    assert codes(f"{label}.com") == ["HanCharacterRequired", "InvalidCharacter"]


# --- 3. Chinese labels ---------------------------------------------------------------------

@pytest.mark.parametrize(("label", "expected"), [
    ("中文", []), ("中文abc", []), ("中文-123", []), ("𠀀中", []),
    ("カタカナ", ["HanCharacterRequired", "InvalidCharacter"]),
    ("café", ["HanCharacterRequired", "InvalidCharacter"]),
    ("中文カナ", ["InvalidCharacter"]), ("中·文", ["InvalidCharacter"]),
    ("中・文", ["InvalidCharacter"]), ("中文😀", ["InvalidCharacter"]),
    ("中文한국", ["InvalidCharacter"]), ("中文д", ["InvalidCharacter"]),
    ("中文_", ["InvalidCharacter"]), ("\ufa0e中", ["InvalidCharacter"]),  # compatibility ideograph
    ("-中文", ["HyphenAtEdge"]), ("中文-", ["HyphenAtEdge"]), ("中--文", ["ConsecutiveHyphens"]),
    ("-中--文_", ["InvalidCharacter", "HyphenAtEdge", "ConsecutiveHyphens"]),
    (HAN_19_FITS, []), (HAN_19_FITS + "的", ["LabelTooLong"]),
])
def test_chinese_label_rules_in_pipeline_order(label: str, expected: list[str]) -> None:
    assert codes(f"{label}.com") == expected


def test_nineteen_han_characters_fit_exactly_in_63() -> None:
    assert len(check_name(HAN_19_FITS + ".com").ascii.split(".")[0]) == 63


def test_chinese_label_too_long_is_measured_on_the_a_label() -> None:
    reason = check_name(HAN_19_FITS + "的.com").reasons[0]
    assert reason.code == "LabelTooLong" and "66" in reason.message_en


def test_uppercase_non_ascii_letters_are_not_lower_cased() -> None:
    assert check_name("CAFÉ中.com").label == "cafÉ中"
    assert codes("CAFÉ中.com") == ["InvalidCharacter"]


# --- 4. suffix policy ----------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["com.cn", "net.cn", "org.cn"])
def test_ascii_only_suffixes_refuse_chinese_labels(suffix: str) -> None:
    assert codes(f"中文.{suffix}") == ["ChineseNotAllowedForSuffix"]
    assert codes(f"abc.{suffix}") == []


@pytest.mark.parametrize("suffix", ["中国", "公司", "网络", "网址"])
def test_han_required_suffixes_refuse_ascii_labels(suffix: str) -> None:
    check = check_name(f"abc.{suffix}")
    assert [r.code for r in check.reasons] == ["HanCharacterRequired"]
    assert suffix in check.reasons[0].message_en


def test_trademark_suffix_takes_english_and_chinese_labels() -> None:
    assert codes("abc.商标") == [] and codes("商标名.商标") == []


def test_label_reasons_come_before_suffix_policy() -> None:
    assert codes("-中文.com.cn") == ["HyphenAtEdge", "ChineseNotAllowedForSuffix"]
    assert codes("a--b.中国") == ["ConsecutiveHyphens", "HanCharacterRequired"]


@pytest.mark.parametrize("suffix", ["gov", "edu"])
def test_suffixes_listed_as_not_registrable_refuse(suffix: str) -> None:
    check = check_name(f"abc.{suffix}")
    assert [r.code for r in check.reasons] == ["SuffixNotRegistrable"]
    assert check.ascii == f"abc.{suffix}"


# --- .hk -----------------------------------------------------------------------------------

def test_hk_is_not_registrable_after_every_other_hk_reason() -> None:
    check = check_name("abc.hk")
    assert [r.code for r in check.reasons] == ["SuffixNotRegistrable"]
    assert "HKIRC" in check.reasons[0].message_en and "HKIRC" in check.reasons[0].message_zh


@pytest.mark.parametrize(("label", "expected"), [
    ("一-三四", []), ("一二-四", ["HkHyphenPosition"]), ("一二三-五", ["HkHyphenPosition"]),
    ("一二三四-六", []), ("一-", ["HyphenAtEdge"]), ("一二--五", ["ConsecutiveHyphens",
                                                            "HkHyphenPosition"]),
    ("一" * 15, []), ("一" * 16, ["HkLabelTooLong"]),
    ("ab-c", []),  # the .hk hyphen position rule is for Chinese labels
])
def test_hk_chinese_label_rules(label: str, expected: list[str]) -> None:
    assert codes(f"{label}.hk") == expected + ["SuffixNotRegistrable"]


def test_hk_long_chinese_label_reports_both_lengths() -> None:
    assert codes(HAN_19_FITS + "的.hk") == ["HkLabelTooLong", "LabelTooLong",
                                           "SuffixNotRegistrable"]


@pytest.mark.parametrize(("label", "expected"), [
    ("government", "HkGovernmentRefused"), ("政府网", "HkGovernmentRefused"),
    ("mybank", "HkBankConsentRequired"), ("银行", "HkBankConsentRequired"),
    ("銀行", "HkBankConsentRequired"), ("bigapplenook", "HkBankConsentRequired"),
    ("银都行", "HkBankConsentRequired"), ("insurance", "HkInsuranceConsentRequired"),
    ("assurance", "HkInsuranceConsentRequired"), ("保险", "HkInsuranceConsentRequired"),
    ("保險", "HkInsuranceConsentRequired"), ("a", "HkReservedName"), ("7", "HkReservedName"),
    ("com", "HkReservedName"), ("idv", "HkReservedName"), ("gov", "HkReservedName"),
])
def test_hk_content_rules(label: str, expected: str) -> None:
    assert codes(f"{label}.hk") == [expected, "SuffixNotRegistrable"]


def test_hk_content_rules_report_in_order() -> None:
    assert codes("政府银行保险.hk") == ["HkGovernmentRefused", "HkBankConsentRequired",
                                  "HkInsuranceConsentRequired", "SuffixNotRegistrable"]


def test_bank_letters_out_of_order_are_fine() -> None:
    assert codes("knab.hk") == ["SuffixNotRegistrable"]
    assert codes("行银.hk") == ["SuffixNotRegistrable"]


def test_hk_content_rules_do_not_apply_to_other_suffixes() -> None:
    assert codes("bank.com") == [] and codes("政府.cn") == []


# --- 5. CNNIC reserved words and notices ---------------------------------------------------

@pytest.mark.parametrize("name", [
    "中国人.cn", "中國人.cn", "中华.中国", "中華.中国", "全国.网络", "國家.公司", "CHINA.cn",
    "mychinese.com.cn", "zhongguo.net.cn", "zhonghua.org.cn", "national.gov.cn",
])
def test_reserved_words_on_cnnic_suffixes_need_review(name: str) -> None:
    assert notices(name)[0] == "ReservedWordReview"
    assert check_name(name).valid


@pytest.mark.parametrize("name", ["china.com", "中国.网址", "中国.商标", "china.top"])
def test_reserved_words_elsewhere_get_no_review_notice(name: str) -> None:
    assert "ReservedWordReview" not in notices(name)


def test_reserved_word_notice_tells_individuals_they_cannot_register() -> None:
    individual = check_name("中国人.cn", holder_type="individual").notices[0]
    enterprise = check_name("中国人.cn", holder_type="enterprise").notices[0]
    assert individual.code == enterprise.code == "ReservedWordReview"
    assert "individuals cannot" in individual.message_en
    assert "5 days" in enterprise.message_en
    assert check_name("中国人.cn").extra == {"reserved_word": "中国"}


@pytest.mark.parametrize(("name", "expected"), [
    ("abc.com", ["RealNameRequired"]),
    ("abc.商标", ["TrademarkCertificateRequired", "RealNameRequired"]),
    ("abc.gov.cn", ["GovChannelRequired", "RealNameRequired"]),
    ("张三.网址", ["PersonalNameProduct", "RealNameRequired"]),
    ("中国.gov.cn", ["ReservedWordReview", "GovChannelRequired", "RealNameRequired"]),
])
def test_notices_where_they_apply(name: str, expected: list[str]) -> None:
    assert notices(name) == expected


def test_invalid_names_carry_no_notices() -> None:
    assert notices("中国-.cn") == []


# --- every suffix, every reason ------------------------------------------------------------

def _sample(entry: catalogue.Suffix) -> str:
    return "中文" if entry.label_script == "han_required" else "example"


@pytest.mark.parametrize("entry", catalogue.load().suffixes, ids=lambda e: e.suffix)
def test_every_catalogue_suffix_checks_a_sample_label(entry: catalogue.Suffix) -> None:
    check = check_name(f"{_sample(entry)}.{entry.suffix}")
    assert check.suffix == entry
    assert check.valid == entry.registrable
    assert check.ascii == f"{check_name(_sample(entry) + '.com').ascii[:-4]}.{entry.ascii}"


API_REASONS = {
    "EmptyLabel", "InvalidCharacter", "HyphenAtEdge", "ConsecutiveHyphens", "LabelTooLong",
    "InvalidPunycode", "TooManyLabels", "UnsupportedSuffix", "HanCharacterRequired",
    "ChineseNotAllowedForSuffix", "SuffixNotRegistrable", "HkHyphenPosition", "HkLabelTooLong",
    "HkBankConsentRequired", "HkInsuranceConsentRequired", "HkGovernmentRefused",
    "HkReservedName",
}
API_NOTICES = {"ReservedWordReview", "RealNameRequired", "TrademarkCertificateRequired",
               "GovChannelRequired", "PersonalNameProduct"}
SAMPLES = ["", "a_b.com", "-a.com", "a--b.com", "a" * 64 + ".com", "xn--abc.com",
           "a.b.com", "a.xyz", "abc.中国", "中文.com.cn", "abc.hk", "一二-四.hk", "一" * 16 + ".hk",
           "bank.hk", "保险.hk", "政府.hk", "x.hk", "中国.cn", "abc.商标", "abc.gov.cn",
           "张三.网址"]


def test_every_reason_and_notice_code_of_the_api_is_produced_with_both_languages() -> None:
    checks = [check_name(name) for name in SAMPLES]
    seen_reasons = {r.code for c in checks for r in c.reasons}
    seen_notices = {n.code for c in checks for n in c.notices}
    assert seen_reasons == API_REASONS and seen_notices == API_NOTICES
    for item in [r for c in checks for r in (*c.reasons, *c.notices)]:
        assert item.message_en and item.message_zh and item.message_en != item.message_zh
        assert item.as_dict("zh") == {"code": item.code, "message": item.message_zh}


# --- 6. variant key ------------------------------------------------------------------------

def test_simplified_and_traditional_forms_share_a_variant_key() -> None:
    assert check_name("中国.cn").variant_key == check_name("中國.cn").variant_key == "cn|中国"
    assert check_name("中國銀行.cn").variant_key == "cn|中国银行"
    assert len({check_name(f"{c}隆.com").variant_key for c in "乾干幹榦"}) == 1


def test_variant_key_keeps_the_suffix_apart_and_lower_cases_ascii() -> None:
    assert check_name("TaoBao.com").variant_key == "com|taobao"
    assert check_name("中国.中国").variant_key == "中国|中国"
    assert variant_key("cn", "中國ABC") == "cn|中国abc"


def test_invalid_names_have_no_variant_key() -> None:
    assert check_name("中国-.cn").variant_key is None
    assert check_name("abc.hk").variant_key is None


# --- never raises --------------------------------------------------------------------------

@pytest.mark.parametrize("garbage", [
    "\ud800.com", "a\udfffb.cn", "\x00.com", "a\x7fb.com", "\u202e中文.com", "a" * 10_000,
    ("中" * 5000) + ".com", "." * 300, "xn--" * 50 + ".com", "\U0010ffff.com", "\ufffd.cn",
])
def test_check_name_never_raises_on_garbage(garbage: str) -> None:
    check = check_name(garbage)
    assert isinstance(check, NameCheck) and not check.valid

import dns.rdata
import dns.rdataclass
import dns.rdatatype
import pytest

from chalicelib.dns import errors, values


def parse_txt(presentation: str) -> bytes:
    rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.TXT, presentation)
    return b"".join(rdata.strings)


@pytest.mark.parametrize("bad", ["999.1.1.1", "01.1.1.1", "1.2.3", "1.2.3.4 5.6.7.8",
                                 "1.2.3.4;x", "::1", "a.b.c.d"])
def test_ipv4_must_be_four_numbers_0_to_255(bad: str) -> None:
    with pytest.raises(errors.InvalidIpv4Address):
        values.ipv4(bad)


def test_ipv4_and_ipv6_are_normalised_by_dnspython() -> None:
    assert values.ipv4(" 192.0.2.1 ") == "192.0.2.1"
    assert values.ipv6("2001:DB8:0000::0001") == "2001:db8::1"
    assert values.ipv6("::ffff:192.0.2.1") == "::ffff:192.0.2.1"


@pytest.mark.parametrize("bad", ["::g", "1.2.3.4", "2001:db8::1::2", "12345::", "::1 ::2"])
def test_ipv6_must_be_an_address(bad: str) -> None:
    with pytest.raises(errors.InvalidIpv6Address):
        values.ipv6(bad)


@pytest.mark.parametrize(("priority", "expected"), [(1, 1), (50, 50), (None, 10)])
def test_mx_priority_is_1_to_50_with_a_default(priority: int | None, expected: int) -> None:
    assert values.mx("Mail.Example.com.", priority) == ("mail.example.com", expected)


@pytest.mark.parametrize("priority", [0, 51, -1])
def test_mx_priority_outside_1_to_50_is_refused(priority: int) -> None:
    with pytest.raises(errors.PriorityOutOfRange):
        values.mx("mail.example.com", priority)


def test_mx_accepts_the_zone_file_habit_of_a_leading_priority() -> None:
    assert values.mx("20 mail.example.com", None) == ("mail.example.com", 20)
    with pytest.raises(errors.InvalidTarget):
        values.mx("20 mail.example.com", 30)


def test_srv_takes_weight_port_target_and_a_priority() -> None:
    assert values.srv("5 5060 SIP.example.com.", 10) == ("5 5060 sip.example.com", 10)
    assert values.srv("10 5 5060 sip.example.com", None) == ("5 5060 sip.example.com", 10)
    assert values.srv("0 0 .", 0) == ("0 0 .", 0)


@pytest.mark.parametrize(("value", "priority", "error"), [
    ("5 5060", 1, errors.InvalidSrvValue), ("5 70000 sip.example.com", 1, errors.InvalidSrvValue),
    ("x 5060 sip.example.com", 1, errors.InvalidSrvValue),
    ("5 5060 sip.example.com", None, errors.PriorityRequired),
    ("5 5060 sip.example.com", 70000, errors.PriorityOutOfRange),
    ("5 5060 192.0.2.1", 1, errors.TargetIsIpAddress),
])
def test_bad_srv_values_are_refused(value: str, priority: int | None, error: type) -> None:
    with pytest.raises(error):
        values.srv(value, priority)


@pytest.mark.parametrize(("value", "normalised"), [
    ("0 issue letsencrypt.org", '0 issue "letsencrypt.org"'),
    ('0 ISSUE "letsencrypt.org; accounturi=https://x/1"',
     '0 issue "letsencrypt.org; accounturi=https://x/1"'),
    ('128 issuewild ";"', '128 issuewild ";"'),
    ('0 iodef "mailto:security@example.com"', '0 iodef "mailto:security@example.com"'),
])
def test_caa_is_parsed_and_quoted_by_dnspython(value: str, normalised: str) -> None:
    assert values.caa(value) == normalised


@pytest.mark.parametrize("bad", ['0 issue', '256 issue "x.org"', '0 tbs "x.org"',
                                 '0 iodef "ftp://x"', '0 issue "not a domain!"',
                                 '0 issue x.org; comment', '0 issue "a.org" extra'])
def test_bad_caa_values_are_refused(bad: str) -> None:
    with pytest.raises(errors.InvalidCaaValue):
        values.caa(bad)


def test_txt_is_split_into_255_byte_strings_and_escaped() -> None:
    assert values.txt_presentation("x" * 255) == '"' + "x" * 255 + '"'
    assert values.txt_presentation("x" * 256) == '"' + "x" * 255 + '" "x"'
    assert values.txt_presentation('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'
    assert values.txt_presentation("é") == '"\\195\\169"'


def test_txt_strings_never_split_a_utf8_character() -> None:
    chunks = values.txt_strings("x" + "中" * 100)
    assert all(len(c) <= 255 for c in chunks)
    assert [c.decode("utf-8") for c in chunks]  # each chunk decodes on its own


@pytest.mark.parametrize("text", ['v=spf1 include:"x" -all', "中文 " * 100, "a\\b\"c",
                                  "k=rsa; p=" + "A" * 800])
def test_txt_presentation_parses_back_to_the_same_bytes(text: str) -> None:
    assert parse_txt(values.txt_presentation(values.txt(text))) == text.strip().encode()


def test_txt_written_as_quoted_strings_is_read_as_zone_file_text() -> None:
    assert values.txt('"part one " "part two"') == "part one part two"
    with pytest.raises(errors.InvalidTxtValue):
        values.txt('"unbalanced" "')


def test_txt_limits() -> None:
    assert values.txt("x" * 2048) == "x" * 2048
    with pytest.raises(errors.TxtTooLong):
        values.txt("x" * 10_000)
    with pytest.raises(errors.TxtTooLongForRoute53):
        values.txt("中" * 600)  # 1800 bytes, but 7200 characters once escaped as \DDD
    with pytest.raises(errors.EmptyValue):
        values.txt('""')


def test_rdata_text_is_the_presentation_form_with_absolute_names() -> None:
    assert values.rdata_text("CNAME", "www.example.com", None) == "www.example.com."
    assert values.rdata_text("MX", "mail.example.com", 5) == "5 mail.example.com."
    assert values.rdata_text("SRV", "5 5060 sip.example.com", 1) == "1 5 5060 sip.example.com."
    assert values.rdata_text("SRV", "0 0 .", 0) == "0 0 0 ."
    assert values.rdata_text("A", "192.0.2.1", None) == "192.0.2.1"

import pytest

from chalicelib.dns import errors, names

ZONE = "example.com"


@pytest.mark.parametrize(("typed", "host"), [
    ("@", "@"), ("*", "*"), ("WWW", "www"), (" www ", "www"), ("Ｗｗｗ", "www"),
    ("邮件", "xn--5nq051n"), ("xn--5nq051n", "xn--5nq051n"), ("*.shop", "*.shop"),
    ("_dmarc", "_dmarc"), ("_sip._tcp", "_sip._tcp"), ("a.b.c.d.e", "a.b.c.d.e"),
    ("*.b.c.d.e", "*.b.c.d.e"), ("mail。shop", "mail.shop"), ("a" * 63, "a" * 63),
])
def test_host_is_normalised_to_a_labels(typed: str, host: str) -> None:
    assert names.host_ascii(typed, ZONE) == host


@pytest.mark.parametrize(("typed", "error"), [
    ("a.b.c.d.e.f", errors.HostTooDeep),
    ("*.b.c.d.e.f", errors.HostTooDeep),
    ("*.*", errors.InvalidWildcard),
    ("www.*", errors.InvalidWildcard),
    ("w*", errors.InvalidWildcard),
    ("a" * 64, errors.HostLabelTooLong),
    ("a" * 70, errors.HostLabelTooLong),
    ("中华人民共和国国务院办公厅关于印发全国一体化政务服务平台", errors.HostLabelTooLong),
    ("-www", errors.InvalidHost),
    ("www-", errors.InvalidHost),
    ("a..b", errors.InvalidHost),
    ("www.", errors.InvalidHost),
    ("", errors.InvalidHost),
    ("ww w", errors.InvalidHost),
    ("xn--zz", errors.InvalidHost),
    (".".join(["a" * 63] * 4), errors.NameTooLong),
])
def test_bad_hosts_are_refused_with_their_rule(typed: str, error: type) -> None:
    with pytest.raises(error) as caught:
        names.host_ascii(typed, ZONE)
    assert caught.value.code == "InvalidRecord"
    assert caught.value.details["field"] == "host"


@pytest.mark.parametrize(("typed", "ascii_name"), [
    ("张三.网址", "xn--ehq892b.xn--ses554g"),
    ("%E5%BC%A0%E4%B8%89.%E7%BD%91%E5%9D%80", "xn--ehq892b.xn--ses554g"),
    ("XN--EHQ892B.XN--SES554G", "xn--ehq892b.xn--ses554g"),
    ("Example.COM.", "example.com"),
])
def test_domain_in_a_path_becomes_its_a_label_form(typed: str, ascii_name: str) -> None:
    assert names.domain_ascii(typed) == ascii_name


@pytest.mark.parametrize("typed", ["com", "a..com", "_x.com", "*.com", "xn--zz.com", ""])
def test_undecodable_domain_is_invalid(typed: str) -> None:
    with pytest.raises(errors.InvalidDomainName):
        names.domain_ascii(typed)


@pytest.mark.parametrize(("typed", "target"), [
    ("www.example.com", "www.example.com"), ("WWW.Example.com.", "www.example.com"),
    ("邮件.张三.网址", "xn--5nq051n.xn--ehq892b.xn--ses554g"),
    ("_x1.acm-validations.aws", "_x1.acm-validations.aws"),
])
def test_targets_are_absolute_host_names_without_the_final_dot(typed: str, target: str) -> None:
    assert names.target_ascii(typed, "CNAME") == target


@pytest.mark.parametrize(("typed", "error"), [
    ("192.0.2.1", errors.TargetIsIpAddress), ("2001:db8::1", errors.TargetIsIpAddress),
    ("localhost", errors.InvalidTarget), ("host.123", errors.InvalidTarget),
    ("a b.com", errors.InvalidTarget), ("-a.com", errors.InvalidTarget),
    ("*.example.com", errors.InvalidTarget), ("", errors.EmptyValue),
])
def test_bad_targets_are_refused(typed: str, error: type) -> None:
    with pytest.raises(error):
        names.target_ascii(typed, "CNAME")


def test_unicode_forms_are_given_back_for_display() -> None:
    assert names.host_unicode("xn--5nq051n.shop") == "邮件.shop"
    assert names.domain_unicode("xn--ehq892b.xn--ses554g") == "张三.网址"
    assert names.fqdn("@", ZONE) == "example.com." and names.fqdn("*", ZONE) == "*.example.com."

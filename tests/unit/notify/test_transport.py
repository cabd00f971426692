import pytest

from chalicelib.notify import rules
from chalicelib.notify.errors import WebhookHostUnresolvable, WebhookTargetRefused
from chalicelib.notify.model import PostResult
from chalicelib.notify.transport import resolve_target


def resolver(answers: dict[str, list[str]]):  # noqa: ANN201
    def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise OSError("Name or service not known")
        return answers[host]
    return resolve


def test_a_public_name_resolves_to_the_address_that_will_be_used() -> None:
    url = rules.parse_webhook_url("https://hooks.example.com/x")
    assert resolve_target(url, local=False, resolver=resolver(
        {"hooks.example.com": ["93.184.216.34"]})) == "93.184.216.34"


def test_a_name_with_any_private_address_is_refused() -> None:
    url = rules.parse_webhook_url("https://rebind.example.com/x")
    with pytest.raises(WebhookTargetRefused):
        resolve_target(url, local=False, resolver=resolver(
            {"rebind.example.com": ["93.184.216.34", "10.0.0.1"]}))


def test_localhost_is_refused_outside_local_mode_and_allowed_in_it() -> None:
    url = rules.parse_webhook_url("http://localhost:8080/hook")
    answers = resolver({"localhost": ["127.0.0.1", "::1"]})
    with pytest.raises(WebhookTargetRefused):
        resolve_target(url, local=False, resolver=answers)
    assert resolve_target(url, local=True, resolver=answers) == "127.0.0.1"


def test_an_unresolvable_host_is_reported_as_such() -> None:
    url = rules.parse_webhook_url("https://nowhere.example/x")
    with pytest.raises(WebhookHostUnresolvable):
        resolve_target(url, local=False, resolver=resolver({}))
    with pytest.raises(WebhookHostUnresolvable):
        resolve_target(url, local=False, resolver=resolver({"nowhere.example": []}))


def test_only_2xx_answers_count_as_delivered() -> None:
    assert PostResult(status=204).ok and PostResult(status=200).ok
    assert not PostResult(status=301).ok and not PostResult(status=500).ok
    assert not PostResult(status=None, error="timed out").ok

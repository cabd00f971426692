import boto3
from chalice.test import Client

from registrar_shared.clock import SystemClock
from registrar_shared.envelope import Envelope
from registrar_shared.events import DomainRegistered
from tests.conftest import load_app


def registered_envelope() -> Envelope:
    event = DomainRegistered(domain="张三.网址", ascii="xn--ehq892b.xn--ses554g",
                             account_id="demo-cn-main", order_id="o-1", template_id="t-1",
                             years=1, expires_at="2027-11-27T00:00:00.000Z")
    return Envelope.wrap(event, producer="orders", occurred_at=SystemClock().now())


def test_registration_creates_one_hosted_zone_even_when_redelivered(moto: None) -> None:
    # Given the DNS app and one domain.registered event
    app = load_app("dns").app
    body = registered_envelope().to_json()
    # When SQS delivers it twice
    with Client(app) as client:
        for _ in range(2):
            client.lambda_.invoke("handle_dns_inbox_message",
                                  client.events.generate_sqs_event(
                                      message_bodies=[body], queue_name="registrar-dns-inbox"))
    # Then exactly one hosted zone exists for the A-label name
    zones = boto3.client("route53").list_hosted_zones()["HostedZones"]
    assert [z["Name"] for z in zones] == ["xn--ehq892b.xn--ses554g."]
    item = boto3.resource("dynamodb").Table("registrar-dns").get_item(
        Key={"PK": "ZONE#xn--ehq892b.xn--ses554g", "SK": "#ZONE"})["Item"]
    assert item["zone_id"] == zones[0]["Id"].rsplit("/", 1)[-1]
    assert item["account_id"] == "demo-cn-main" and item["status"] == "active"

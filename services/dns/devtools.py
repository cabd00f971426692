"""Local development helper for the DNS service (not deployed: Chalice packages only app.py,
chalicelib/ and vendor/).

A zone exists only once its domain is registered. Until you register one through checkout,
this hands the DNS service the same envelope the orders service publishes after the registry
confirms a name. It goes straight to the DNS inbox queue, not to the topic, so no other
service acts on a registration that never happened; the running event runner delivers it
exactly as it would a real one.

  .venv/bin/python services/dns/devtools.py register example-dns.com
  .venv/bin/python services/dns/devtools.py register 张三.网址 --product personal_name \\
      --template t-demo
  .venv/bin/python services/dns/devtools.py verify-template t-demo

Reads the running stack from .local/stack.json (``STACK_FILE`` overrides), as
``python -m infra.admin`` does. Exits 0 once the hosted zone exists (or the event is queued).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from chalicelib.dns import names  # services/dns is sys.path[0] when run as a script
from registrar_shared import aws
from registrar_shared.clock import SystemClock
from registrar_shared.envelope import Envelope, Event
from registrar_shared.errors import RegistrarError
from registrar_shared.events import DomainRegistered, RealnameVerified
from registrar_shared.resources import QUEUES

ROOT = Path(__file__).resolve().parents[2]


def _use_stack() -> None:
    state = Path(os.environ.get("STACK_FILE") or ROOT / ".local" / "stack.json")
    if not state.exists():
        raise SystemExit(f"the local platform is not running (no {state}): run `make run`")
    stack = json.loads(state.read_text(encoding="utf-8"))
    os.environ.update({
        "AWS_ENDPOINT_URL": stack["aws_endpoint_url"], "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled"})


def _send(event: Event) -> Envelope:
    envelope = Envelope.wrap(event, producer="dns-devtools", occurred_at=SystemClock().now())
    aws.client("sqs").send_message(QueueUrl=aws.queue_url(QUEUES.dns_inbox),
                                   MessageBody=envelope.to_json())
    return envelope


def _wait_for_zone(ascii_name: str, timeout: float = 15.0) -> str | None:
    route53 = aws.client("route53")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        zones = route53.list_hosted_zones_by_name(DNSName=ascii_name + ".",
                                                  MaxItems="1")["HostedZones"]
        if zones and zones[0]["Name"] == ascii_name + ".":
            return str(zones[0]["Id"]).rsplit("/", 1)[-1]
        time.sleep(0.2)
    return None


def register(args: argparse.Namespace) -> int:
    try:
        ascii_name = names.domain_ascii(args.domain)
    except RegistrarError as error:
        raise SystemExit(error.message("en")) from error
    event = DomainRegistered(
        domain=names.domain_unicode(ascii_name), ascii=ascii_name, account_id=args.account,
        order_id=f"dev-{ascii_name}", template_id=args.template, years=1,
        expires_at="2099-12-31T00:00:00.000Z", product=args.product, on_hold=args.on_hold)
    envelope = _send(event)
    zone_id = _wait_for_zone(ascii_name)
    print(json.dumps({"event_id": envelope.event_id, "domain": event.domain,
                      "ascii": ascii_name, "account_id": args.account,
                      "hosted_zone_id": zone_id}, ensure_ascii=False))
    return 0 if zone_id else 1


def verify_template(args: argparse.Namespace) -> int:
    envelope = _send(RealnameVerified(template_id=args.template_id, account_id=args.account,
                                      upload_id="dev-upload", document_type="id_card"))
    print(json.dumps({"event_id": envelope.event_id, "template_id": args.template_id}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="services/dns/devtools.py")
    commands = parser.add_subparsers(dest="command", required=True)
    reg = commands.add_parser("register", help="announce a registered domain to DNS")
    reg.add_argument("domain")
    reg.add_argument("--account", default="demo-cn-main")
    reg.add_argument("--template", default="t-demo")
    reg.add_argument("--product", help='e.g. "personal_name" for a 姓名.网址 domain')
    reg.add_argument("--on-hold", action="store_true")
    reg.set_defaults(run=register)
    verify = commands.add_parser("verify-template",
                                 help="tell DNS a template passed real-name verification")
    verify.add_argument("template_id")
    verify.add_argument("--account", default="demo-cn-main")
    verify.set_defaults(run=verify_template)
    args = parser.parse_args(argv)
    _use_stack()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())

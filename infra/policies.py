"""Least-privilege IAM policies of each Chalice app, generated from the definition.

``python -m infra.policies`` writes ``services/<svc>/.chalice/policy.json``; a test keeps
the committed files equal to a fresh build.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from registrar_shared.resources import DEFINITION, TABLES, Definition

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("search", "orders", "realname", "dns", "notify")

# Tables a service may read besides its own: the accounts table (API-key auth) for all,
# and the simulated registry for the two services that call the registry adapter.
EXTRA_TABLES: dict[str, tuple[str, ...]] = {
    "search": (TABLES.registry,), "orders": (TABLES.registry,),
}


def _arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:*:*:{resource}"


def build(service: str, definition: Definition = DEFINITION) -> dict[str, Any]:
    tables = [t.name for t in definition.tables if t.owner == service]
    tables += list(EXTRA_TABLES.get(service, ()))
    statements: list[dict[str, Any]] = [
        {"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream",
                                       "logs:PutLogEvents"],
         "Resource": "arn:aws:logs:*:*:*"},
        {"Effect": "Allow", "Action": ["dynamodb:GetItem"],
         "Resource": [_arn("dynamodb", f"table/{TABLES.accounts}")]},
        {"Effect": "Allow", "Action": ["sns:Publish"],
         "Resource": [_arn("sns", definition.topic)]},
    ]
    if tables:
        statements.append({"Effect": "Allow", "Action": [
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"],
            "Resource": [_arn("dynamodb", f"table/{n}") for n in tables]
            + [_arn("dynamodb", f"table/{n}/index/*") for n in tables]})
        statements.append({"Effect": "Allow", "Action": ["dynamodb:TransactWriteItems"],
                           "Resource": "*"})
    queues = [q for q in definition.queues if q.owner == service]
    if queues:
        statements.append({"Effect": "Allow", "Action": [
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl", "sqs:SendMessage", "sqs:ChangeMessageVisibility"],
            "Resource": [_arn("sqs", q.name) for q in queues]})
    statements.append({"Effect": "Allow", "Action": ["sts:GetCallerIdentity"], "Resource": "*"})
    if service == "orders":
        statements.append({"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"],
                           "Resource": [_arn("secretsmanager", f"secret:{s.name}-*")
                                        for s in definition.secrets if s.owner == "orders"]})
    if service == "realname":
        statements.append({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject",
                                                         "s3:DeleteObject"],
                           "Resource": [f"arn:aws:s3:::{b.name}/*" for b in definition.buckets]})
    if service in ("realname", "notify"):
        statements.append({"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"],
                           "Resource": "*"})
    if service == "notify":
        statements.append({"Effect": "Allow", "Action": ["sns:Publish"], "Resource": "*",
                           "Condition": {"Null": {"sns:Protocol": "true"}}})
    if service == "dns":
        statements.append({"Effect": "Allow", "Action": [
            "route53:CreateHostedZone", "route53:DeleteHostedZone", "route53:GetHostedZone",
            "route53:ListHostedZonesByName", "route53:ChangeResourceRecordSets",
            "route53:ListResourceRecordSets", "route53:GetChange"], "Resource": "*"})
    return {"Version": "2012-10-17", "Statement": statements}


def path(service: str) -> Path:
    return ROOT / "services" / service / ".chalice" / "policy.json"


def render(service: str) -> str:
    return json.dumps(build(service), indent=2) + "\n"


def main() -> None:
    for service in SERVICES:
        path(service).write_text(render(service), encoding="utf-8")


if __name__ == "__main__":
    main()

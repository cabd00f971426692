"""CloudFormation for AWS, generated from the resource definition.

``python -m infra.template build/platform.json platform`` writes the platform stack;
``python -m infra.template build/orders-resources.json orders`` a service's own resources,
which ``make package`` merges into that service's ``chalice package`` output.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from registrar_shared.resources import DEFINITION, Definition, Queue, Table


def logical_id(name: str, suffix: str) -> str:
    words = re.split(r"[^A-Za-z0-9]+", name)
    return "".join(w[:1].upper() + w[1:] for w in words if w) + suffix


def _table(table: Table) -> dict[str, Any]:
    key_schema = [{"AttributeName": table.partition_key, "KeyType": "HASH"}]
    if table.sort_key:
        key_schema.append({"AttributeName": table.sort_key, "KeyType": "RANGE"})
    props: dict[str, Any] = {
        "TableName": table.name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": key_schema,
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": "S"}
                                 for n in table.key_attributes],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
    }
    if table.indexes:
        props["GlobalSecondaryIndexes"] = [{
            "IndexName": ix.name,
            "KeySchema": [{"AttributeName": ix.partition_key, "KeyType": "HASH"}] + (
                [{"AttributeName": ix.sort_key, "KeyType": "RANGE"}] if ix.sort_key else []),
            "Projection": {"ProjectionType": "ALL"},
        } for ix in table.indexes]
    if table.ttl_attribute:
        props["TimeToLiveSpecification"] = {"AttributeName": table.ttl_attribute,
                                            "Enabled": True}
    return {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain", "Properties": props}


def _queues(queue: Queue) -> dict[str, Any]:
    dlq = logical_id(queue.dlq_name, "Queue")
    return {
        dlq: {"Type": "AWS::SQS::Queue", "Properties": {
            "QueueName": queue.dlq_name, "MessageRetentionPeriod": 1209600,
            "SqsManagedSseEnabled": True}},
        logical_id(queue.name, "Queue"): {"Type": "AWS::SQS::Queue", "Properties": {
            "QueueName": queue.name,
            "VisibilityTimeout": queue.visibility_timeout,
            "DelaySeconds": queue.delay_seconds,
            "SqsManagedSseEnabled": True,
            "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": [dlq, "Arn"]},
                              "maxReceiveCount": queue.max_receive_count}}},
    }


def _policy(queue_ref: str, service: str, source: Any) -> dict[str, Any]:
    return {"Type": "AWS::SQS::QueuePolicy", "Properties": {
        "Queues": [{"Ref": queue_ref}],
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": service}, "Action": "sqs:SendMessage",
            "Resource": {"Fn::GetAtt": [queue_ref, "Arn"]},
            "Condition": {"ArnLike": {"aws:SourceArn": source}}}]}}}


PLATFORM = "platform"
TOPIC_EXPORT = "registrar-events-topic-arn"


def _owns(owner: str, wanted: set[str] | None) -> bool:
    return wanted is None or owner in wanted


def _gateway_responses() -> dict[str, Any]:
    """API Gateway answers unknown routes with 403 "Missing Authentication Token"; map it
    (and the other defaults) to our error body so clients see 404 NotFound as locally."""
    body = ('{"Code": "NotFound", "Message": "No such endpoint", '
            '"RequestId": "$context.requestId"}')
    return {"MissingRouteGatewayResponse": {
        "Type": "AWS::ApiGateway::GatewayResponse", "Properties": {
            "RestApiId": {"Ref": "RestAPI"}, "ResponseType": "MISSING_AUTHENTICATION_TOKEN",
            "StatusCode": "404",
            "ResponseTemplates": {"application/json": body}}}}


def build(definition: Definition = DEFINITION, owners: set[str] | None = None,
          *, api: bool = False) -> dict[str, Any]:
    """The resources of the given owners (all when None). The platform stack holds the
    topic, the accounts and registry tables and the SES identity; each service's stack
    holds its own tables, queues, subscriptions, bucket and secrets (merged into its SAM
    output by ``make package``) and imports the topic's ARN."""
    resources: dict[str, Any] = {}
    platform = owners is None or PLATFORM in owners
    resources.update({logical_id(t.name, "Table"): _table(t) for t in definition.tables
                      if _owns(t.owner, owners) or (platform and t.owner == "registry")})
    for queue in (q for q in definition.queues if _owns(q.owner, owners)):
        resources.update(_queues(queue))
    topic = logical_id(definition.topic, "Topic")
    outputs: dict[str, Any] = {}
    if platform:
        resources[topic] = {"Type": "AWS::SNS::Topic", "Properties": {
            "TopicName": definition.topic}}
        resources["SesSenderIdentity"] = {"Type": "AWS::SES::EmailIdentity", "Properties": {
            "EmailIdentity": definition.ses_sender}}
        outputs["EventsTopicArn"] = {"Value": {"Ref": topic},
                                     "Export": {"Name": TOPIC_EXPORT}}
    topic_arn: Any = {"Ref": topic} if platform else {"Fn::ImportValue": TOPIC_EXPORT}
    resources.update(_subscriptions(definition, owners, topic_arn))
    for bucket in definition.buckets:
        if _owns(bucket.owner, owners):
            resources.update(_bucket(bucket))
    resources.update(_secrets(definition, owners))
    if api:
        resources.update(_gateway_responses())
    template: dict[str, Any] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Registrar platform: " + (", ".join(sorted(owners)) if owners
                                                 else "all shared resources"),
        "Resources": resources,
    }
    if outputs:
        template["Outputs"] = outputs
    return template


def _secrets(definition: Definition, owners: set[str] | None) -> dict[str, Any]:
    return {logical_id(secret.name, "Secret"): {
        "Type": "AWS::SecretsManager::Secret", "Properties": {
            "Name": secret.name, "Description": secret.purpose,
            "GenerateSecretString": {"PasswordLength": 64, "ExcludePunctuation": True}}}
        for secret in definition.secrets if _owns(secret.owner, owners)}


def _subscriptions(definition: Definition, owners: set[str] | None,
                   topic_arn: Any) -> dict[str, Any]:
    resources: dict[str, Any] = {}
    for sub in definition.subscriptions:
        if not _owns(definition.queue(sub.queue).owner, owners):
            continue
        queue = logical_id(sub.queue, "Queue")
        resources[logical_id(sub.queue, "Subscription")] = {
            "Type": "AWS::SNS::Subscription", "Properties": {
                "TopicArn": topic_arn, "Protocol": "sqs",
                "Endpoint": {"Fn::GetAtt": [queue, "Arn"]},
                "RawMessageDelivery": True,
                "FilterPolicy": {"event_type": list(sub.event_types)}}}
        resources[logical_id(sub.queue, "TopicPolicy")] = _policy(
            queue, "sns.amazonaws.com", topic_arn)
    return resources


def _bucket(bucket: Any) -> dict[str, Any]:
    queue = logical_id(bucket.notify_queue, "Queue")
    policy = logical_id(bucket.notify_queue, "BucketPolicy")
    return {
        policy: _policy(queue, "s3.amazonaws.com",
                        {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{bucket.name}"}),
        logical_id(bucket.name, "Bucket"): {
            "Type": "AWS::S3::Bucket", "DependsOn": [policy],
            "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain",
            "Properties": {
                "BucketName": bucket.name,
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True, "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
                "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
                "NotificationConfiguration": {"QueueConfigurations": [{
                    "Event": "s3:ObjectCreated:*",
                    "Queue": {"Fn::GetAtt": [queue, "Arn"]},
                    "Filter": {"S3Key": {"Rules": [
                        {"Name": "prefix", "Value": bucket.key_prefix}]}}}]}}},
    }


def link_event_sources(sam: dict[str, Any], definition: Definition = DEFINITION) -> None:
    """Make each function with an SQS event depend on the queue created in the same stack
    (Chalice refers to queues by an ARN string, which CloudFormation cannot order)."""
    queues = {q.name: logical_id(q.name, "Queue") for q in definition.queues}
    for resource in sam["Resources"].values():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        for event in resource.get("Properties", {}).get("Events", {}).values():
            if event.get("Type") != "SQS":
                continue
            arn = json.dumps(event["Properties"]["Queue"])
            for name, queue_id in queues.items():
                if arn.endswith(f':{name}"}}') and queue_id in sam["Resources"]:
                    resource.setdefault("DependsOn", []).append(queue_id)


def main(argv: list[str]) -> None:
    """``template.py OUT [OWNER]`` writes the template of OWNER (platform or a service);
    ``template.py --link SAM`` adds queue dependencies to a merged SAM output in place."""
    if len(argv) > 2 and argv[1] == "--link":
        sam = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        link_event_sources(sam)
        Path(argv[2]).write_text(json.dumps(sam, indent=2) + "\n", encoding="utf-8")
        return
    owners = {argv[2]} if len(argv) > 2 else None
    template = build(owners=owners, api=bool(owners and PLATFORM not in owners))
    text = json.dumps(template, indent=2, ensure_ascii=False)
    Path(argv[1]).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)

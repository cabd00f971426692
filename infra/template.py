"""The CloudFormation template of the shared resources, generated from the definition.

``python -m infra.template build/infra.json`` writes it; ``make package`` merges it into
each service's SAM output, and cfn-lint checks both.
"""

from __future__ import annotations

import json
import re
import sys
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


def build(definition: Definition = DEFINITION) -> dict[str, Any]:
    resources: dict[str, Any] = {}
    for table in definition.tables:
        resources[logical_id(table.name, "Table")] = _table(table)
    for queue in definition.queues:
        resources.update(_queues(queue))
    topic = logical_id(definition.topic, "Topic")
    resources[topic] = {"Type": "AWS::SNS::Topic", "Properties": {
        "TopicName": definition.topic}}
    for sub in definition.subscriptions:
        queue = logical_id(sub.queue, "Queue")
        resources[logical_id(sub.queue, "Subscription")] = {
            "Type": "AWS::SNS::Subscription", "Properties": {
                "TopicArn": {"Ref": topic}, "Protocol": "sqs",
                "Endpoint": {"Fn::GetAtt": [queue, "Arn"]},
                "RawMessageDelivery": True,
                "FilterPolicy": {"event_type": list(sub.event_types)}}}
        resources[logical_id(sub.queue, "TopicPolicy")] = _policy(
            queue, "sns.amazonaws.com", {"Ref": topic})
    for bucket in definition.buckets:
        queue = logical_id(bucket.notify_queue, "Queue")
        policy = logical_id(bucket.notify_queue, "BucketPolicy")
        resources[policy] = _policy(queue, "s3.amazonaws.com",
                                    {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{bucket.name}"})
        resources[logical_id(bucket.name, "Bucket")] = {
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
                        {"Name": "prefix", "Value": bucket.key_prefix}]}}}]}}}
    resources["SesSenderIdentity"] = {"Type": "AWS::SES::EmailIdentity", "Properties": {
        "EmailIdentity": definition.ses_sender}}
    for secret in definition.secrets:
        resources[logical_id(secret.name, "Secret")] = {
            "Type": "AWS::SecretsManager::Secret", "Properties": {
                "Name": secret.name, "Description": secret.purpose,
                "GenerateSecretString": {"PasswordLength": 64, "ExcludePunctuation": True}}}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Registrar platform: shared tables, queues, topic, bucket, secrets",
        "Resources": resources,
        "Outputs": {"EventsTopicArn": {"Value": {"Ref": topic}}},
    }


def main(argv: list[str]) -> None:
    text = json.dumps(build(), indent=2, ensure_ascii=False)
    if len(argv) > 1:
        with open(argv[1], "w", encoding="utf-8") as out:
            out.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main(sys.argv)

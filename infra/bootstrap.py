"""Create or update every resource of the definition with idempotent boto3 calls.

Used against moto (``make run``, the e2e stack and in-process ``mock_aws`` fixtures). Each
step checks what exists first, so running it twice changes nothing.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from botocore.exceptions import ClientError

from registrar_shared import aws
from registrar_shared.resources import DEFINITION, Definition, Queue, Table


def bootstrap(definition: Definition = DEFINITION, *, visibility_timeout: int | None = None,
              callback_secret: str | None = None) -> dict[str, Any]:
    """Create everything; ``visibility_timeout`` overrides the queues' (local speed-up)."""
    for table in definition.tables:
        ensure_table(table)
    queue_arns = {q.name: ensure_queue(q, visibility_timeout) for q in definition.queues}
    topic_arn = aws.client("sns").create_topic(Name=definition.topic)["TopicArn"]
    for subscription in definition.subscriptions:
        ensure_subscription(topic_arn, queue_arns[subscription.queue],
                            subscription.event_types)
    for bucket in definition.buckets:
        ensure_bucket(bucket.name, queue_arns[bucket.notify_queue], bucket.key_prefix)
    aws.client("ses").verify_email_identity(EmailAddress=definition.ses_sender)
    for secret in definition.secrets:
        ensure_secret(secret.name, callback_secret)
    return {"topic_arn": topic_arn, "queues": queue_arns}


def ensure_table(table: Table) -> None:
    client = aws.client("dynamodb")
    try:
        client.describe_table(TableName=table.name)
    except ClientError as error:
        if error.response["Error"]["Code"] != "ResourceNotFoundException":
            raise
        key_schema = [{"AttributeName": table.partition_key, "KeyType": "HASH"}]
        if table.sort_key:
            key_schema.append({"AttributeName": table.sort_key, "KeyType": "RANGE"})
        kwargs: dict[str, Any] = {
            "TableName": table.name,
            "KeySchema": key_schema,
            "AttributeDefinitions": [{"AttributeName": name, "AttributeType": "S"}
                                     for name in table.key_attributes],
            "BillingMode": "PAY_PER_REQUEST",
        }
        if table.indexes:
            kwargs["GlobalSecondaryIndexes"] = [{
                "IndexName": index.name,
                "KeySchema": [{"AttributeName": index.partition_key, "KeyType": "HASH"}] + (
                    [{"AttributeName": index.sort_key, "KeyType": "RANGE"}]
                    if index.sort_key else []),
                "Projection": {"ProjectionType": "ALL"},
            } for index in table.indexes]
        client.create_table(**kwargs)
        client.get_waiter("table_exists").wait(TableName=table.name,
                                               WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    if table.ttl_attribute:
        current = client.describe_time_to_live(TableName=table.name)["TimeToLiveDescription"]
        if current.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
            client.update_time_to_live(TableName=table.name, TimeToLiveSpecification={
                "Enabled": True, "AttributeName": table.ttl_attribute})


def _queue_arn(url: str) -> str:
    attrs = aws.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return str(attrs["Attributes"]["QueueArn"])


def ensure_queue(queue: Queue, visibility_timeout: int | None = None) -> str:
    sqs = aws.client("sqs")
    dlq_url = sqs.create_queue(QueueName=queue.dlq_name,
                               Attributes={"MessageRetentionPeriod": "1209600"})["QueueUrl"]
    dlq_arn = _queue_arn(dlq_url)
    attributes = {
        "VisibilityTimeout": str(visibility_timeout or queue.visibility_timeout),
        "DelaySeconds": str(queue.delay_seconds),
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn,
                                     "maxReceiveCount": str(queue.max_receive_count)}),
    }
    try:
        url = sqs.get_queue_url(QueueName=queue.name)["QueueUrl"]
        sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    except ClientError as error:
        if "NonExistentQueue" not in error.response["Error"]["Code"]:
            raise
        url = sqs.create_queue(QueueName=queue.name, Attributes=attributes)["QueueUrl"]
    return _queue_arn(url)


def queue_policy(queue_arn: str, source_arn: str, service: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": service}, "Action": "sqs:SendMessage",
        "Resource": queue_arn, "Condition": {"ArnLike": {"aws:SourceArn": source_arn}},
    }]})


def ensure_subscription(topic_arn: str, queue_arn: str, event_types: tuple[str, ...]) -> None:
    sns = aws.client("sns")
    existing = [s for s in sns.list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"]
                if s["Endpoint"] == queue_arn]
    attributes = {"RawMessageDelivery": "true",
                  "FilterPolicy": json.dumps({"event_type": list(event_types)})}
    if existing:
        arn = existing[0]["SubscriptionArn"]
        for name, value in attributes.items():
            sns.set_subscription_attributes(SubscriptionArn=arn, AttributeName=name,
                                            AttributeValue=value)
    else:
        sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn,
                      Attributes=attributes, ReturnSubscriptionArn=True)
    name = queue_arn.rsplit(":", 1)[1]
    aws.client("sqs").set_queue_attributes(
        QueueUrl=aws.client("sqs").get_queue_url(QueueName=name)["QueueUrl"],
        Attributes={"Policy": queue_policy(queue_arn, topic_arn, "sns.amazonaws.com")})


def ensure_bucket(name: str, queue_arn: str, prefix: str) -> None:
    s3 = aws.client("s3")
    try:
        s3.head_bucket(Bucket=name)
    except ClientError:
        s3.create_bucket(Bucket=name)
    sqs = aws.client("sqs")
    queue_name = queue_arn.rsplit(":", 1)[1]
    sqs.set_queue_attributes(
        QueueUrl=sqs.get_queue_url(QueueName=queue_name)["QueueUrl"],
        Attributes={"Policy": queue_policy(queue_arn, f"arn:aws:s3:::{name}", "s3.amazonaws.com")})
    s3.put_bucket_notification_configuration(Bucket=name, NotificationConfiguration={
        "QueueConfigurations": [{
            "QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": prefix}]}},
        }]})


def ensure_secret(name: str, value: str | None) -> None:
    client = aws.client("secretsmanager")
    try:
        client.describe_secret(SecretId=name)
    except ClientError as error:
        if error.response["Error"]["Code"] != "ResourceNotFoundException":
            raise
        client.create_secret(Name=name, SecretString=value or secrets.token_hex(32))

import json

import boto3

from infra.bootstrap import bootstrap
from registrar_shared.resources import DEFINITION, QUEUES, TABLES


def test_bootstrap_creates_every_resource_and_is_idempotent(moto: None) -> None:
    # Given the definition was bootstrapped once (fixture), When it runs again
    bootstrap(visibility_timeout=1)
    # Then nothing is duplicated and everything exists
    ddb = boto3.client("dynamodb")
    assert set(ddb.list_tables()["TableNames"]) == {t.name for t in DEFINITION.tables}
    sqs = boto3.client("sqs")
    urls = sqs.list_queues()["QueueUrls"]
    assert len(urls) == 2 * len(DEFINITION.queues)
    sns = boto3.client("sns")
    assert len(sns.list_topics()["Topics"]) == 1
    assert len(sns.list_subscriptions()["Subscriptions"]) == len(DEFINITION.subscriptions)


def test_tables_have_their_indexes_and_ttl(moto: None) -> None:
    ddb = boto3.client("dynamodb")
    orders = ddb.describe_table(TableName=TABLES.orders)["Table"]
    assert [ix["IndexName"] for ix in orders["GlobalSecondaryIndexes"]] == ["GSI1"]
    ttl = ddb.describe_time_to_live(TableName=TABLES.orders)["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}
    idem = ddb.describe_time_to_live(TableName=TABLES.idempotency("dns"))
    assert idem["TimeToLiveDescription"]["AttributeName"] == "expiration"


def test_queues_redrive_to_their_dlq(moto: None) -> None:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUES.dns_inbox)["QueueUrl"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    redrive = json.loads(attrs["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"].endswith(":registrar-dns-inbox-dlq")
    assert int(redrive["maxReceiveCount"]) == DEFINITION.queue(QUEUES.dns_inbox).max_receive_count


def test_subscriptions_are_raw_and_filtered(moto: None) -> None:
    sns = boto3.client("sns")
    for sub in sns.list_subscriptions()["Subscriptions"]:
        attrs = sns.get_subscription_attributes(SubscriptionArn=sub["SubscriptionArn"])
        assert attrs["Attributes"]["RawMessageDelivery"] == "true"
        policy = json.loads(attrs["Attributes"]["FilterPolicy"])
        assert set(policy) == {"event_type"} and policy["event_type"]


def test_document_upload_notifies_the_uploads_queue(moto: None) -> None:
    # Given the documents bucket with its S3 -> SQS notification
    s3 = boto3.client("s3")
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUES.realname_uploads)["QueueUrl"]
    sqs.purge_queue(QueueUrl=url)  # the s3:TestEvent sent when notifications are configured
    # When a document is uploaded under the realname/ prefix
    s3.put_object(Bucket="registrar-documents", Key="realname/a/t/u1", Body=b"x")
    # Then the queue receives an ObjectCreated record for that key
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"]
    record = json.loads(messages[0]["Body"])["Records"][0]
    assert record["eventName"].startswith("ObjectCreated")
    assert record["s3"]["object"]["key"].replace("%2F", "/") == "realname/a/t/u1"


def test_ses_sender_and_callback_secret_exist(moto: None) -> None:
    identities = boto3.client("ses").list_identities()["Identities"]
    assert DEFINITION.ses_sender in identities
    secret = boto3.client("secretsmanager").get_secret_value(SecretId="registrar/payment-callback")
    assert secret["SecretString"] == "test-callback-secret"

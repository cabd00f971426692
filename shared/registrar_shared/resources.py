"""The single definition of every AWS resource the platform uses (pure data, no boto3).

It lives in the shared package, not in infra/, because each Chalice app needs the queue
names at import time (``@app.on_sqs_message(queue=...)``) and only the shared package is
shipped inside the Lambda zip. ``infra/bootstrap.py`` (boto3 against moto) and
``infra/template.py`` (CloudFormation for AWS) are both generated from this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PREFIX = "registrar"


@dataclass(frozen=True)
class Index:
    name: str
    partition_key: str
    sort_key: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    owner: str
    partition_key: str = "PK"
    sort_key: str | None = "SK"
    indexes: tuple[Index, ...] = ()
    ttl_attribute: str | None = None
    purpose: str = ""

    @property
    def key_attributes(self) -> tuple[str, ...]:
        names = [self.partition_key] + ([self.sort_key] if self.sort_key else [])
        for index in self.indexes:
            names.append(index.partition_key)
            if index.sort_key:
                names.append(index.sort_key)
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Queue:
    name: str
    owner: str
    visibility_timeout: int = 60
    max_receive_count: int = 3
    delay_seconds: int = 0
    purpose: str = ""

    @property
    def dlq_name(self) -> str:
        return f"{self.name}-dlq"


@dataclass(frozen=True)
class Subscription:
    """An SNS -> SQS subscription with raw delivery, filtered on the event_type attribute."""

    queue: str
    event_types: tuple[str, ...]


@dataclass(frozen=True)
class Bucket:
    name: str
    owner: str
    notify_queue: str
    key_prefix: str


@dataclass(frozen=True)
class Secret:
    name: str
    owner: str
    purpose: str


@dataclass(frozen=True)
class Definition:
    tables: tuple[Table, ...]
    queues: tuple[Queue, ...]
    topic: str
    subscriptions: tuple[Subscription, ...]
    buckets: tuple[Bucket, ...]
    secrets: tuple[Secret, ...]
    ses_sender: str
    extra: dict[str, str] = field(default_factory=dict)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    def queue(self, name: str) -> Queue:
        return next(q for q in self.queues if q.name == name)

    def names(self) -> set[str]:
        """Every resource name, for the config-consistency test."""
        found = {t.name for t in self.tables} | {self.topic, self.ses_sender}
        for queue in self.queues:
            found |= {queue.name, queue.dlq_name}
        found |= {b.name for b in self.buckets} | {s.name for s in self.secrets}
        return found


def _idempotency_table(service: str) -> Table:
    # Powertools' DynamoDBPersistenceLayer defaults: key "id", TTL "expiration".
    return Table(
        name=f"{PREFIX}-{service}-idempotency",
        owner=service,
        partition_key="id",
        sort_key=None,
        ttl_attribute="expiration",
        purpose="processed event ids and Idempotency-Key results",
    )


GSI1 = Index(name="GSI1", partition_key="GSI1PK", sort_key="GSI1SK")


class TABLES:
    accounts = f"{PREFIX}-accounts"
    search = f"{PREFIX}-search"
    registry = f"{PREFIX}-registry"
    orders = f"{PREFIX}-orders"
    realname = f"{PREFIX}-realname"
    dns = f"{PREFIX}-dns"
    notify = f"{PREFIX}-notify"

    @staticmethod
    def idempotency(service: str) -> str:
        return f"{PREFIX}-{service}-idempotency"


class QUEUES:
    orders_inbox = f"{PREFIX}-orders-inbox"
    realname_inbox = f"{PREFIX}-realname-inbox"
    realname_uploads = f"{PREFIX}-realname-uploads"
    dns_inbox = f"{PREFIX}-dns-inbox"
    notify_inbox = f"{PREFIX}-notify-inbox"
    notify_webhooks = f"{PREFIX}-notify-webhooks"


TOPIC = f"{PREFIX}-events"
DOCUMENTS_BUCKET = f"{PREFIX}-documents"
PAYMENT_CALLBACK_SECRET = f"{PREFIX}/payment-callback"
SES_SENDER = "no-reply@registrar.example.com"

# Customer-facing events the notifier turns into e-mail, SMS, webhooks and messages.
CUSTOMER_EVENTS: tuple[str, ...] = (
    "order.created",
    "order.paid",
    "order.cancelled",
    "order.completed",
    "payment.refunded",
    "domain.registered",
    "domain.registration_failed",
    "domain.held",
    "domain.unheld",
    "domain.renewed",
    "domain.expiring",
    "domain.expired",
    "domain.deleted",
    "domain.holder_changed",
    "template.email_verified",
    "realname.verified",
    "realname.failed",
    "dns.records_changed",
)

DEFINITION = Definition(
    tables=(
        Table(TABLES.accounts, "platform", indexes=(GSI1,),
              purpose="accounts and hashed API keys (read by every service's auth)"),
        Table(TABLES.search, "search", purpose="reserved names, search-side data"),
        Table(TABLES.registry, "registry", indexes=(GSI1,),
              purpose="the simulated registry's names and variant keys"),
        Table(TABLES.orders, "orders", indexes=(GSI1,), ttl_attribute="expires_at",
              purpose="carts, orders, payments, promo codes, domains, balances, outbox"),
        Table(TABLES.realname, "realname", indexes=(GSI1,), ttl_attribute="expires_at",
              purpose="templates, e-mail codes, uploads, verification results"),
        Table(TABLES.dns, "dns", indexes=(GSI1,), purpose="zones and records"),
        Table(TABLES.notify, "notify", indexes=(GSI1,), ttl_attribute="expires_at",
              purpose="messages, webhooks, deliveries, contacts"),
        _idempotency_table("orders"),
        _idempotency_table("realname"),
        _idempotency_table("dns"),
        _idempotency_table("notify"),
    ),
    queues=(
        Queue(QUEUES.orders_inbox, "orders", purpose="payments done, real-name results"),
        Queue(QUEUES.realname_inbox, "realname", purpose="domain events realname reacts to"),
        Queue(QUEUES.realname_uploads, "realname", purpose="S3 ObjectCreated of documents"),
        Queue(QUEUES.dns_inbox, "dns", purpose="domain lifecycle events"),
        Queue(QUEUES.notify_inbox, "notify", purpose="every customer-facing event"),
        Queue(QUEUES.notify_webhooks, "notify", max_receive_count=6,
              purpose="webhook deliveries, retried with back-off"),
    ),
    topic=TOPIC,
    subscriptions=(
        Subscription(QUEUES.orders_inbox, (
            "order.paid", "template.created", "template.email_verified",
            "realname.submitted", "realname.verified", "realname.failed",
        )),
        Subscription(QUEUES.realname_inbox, (
            "domain.registered",
        )),
        Subscription(QUEUES.dns_inbox, (
            "domain.registered", "domain.deleted", "domain.held", "domain.unheld",
            "domain.holder_changed", "realname.verified",
        )),
        Subscription(QUEUES.notify_inbox, CUSTOMER_EVENTS),
    ),
    buckets=(
        Bucket(DOCUMENTS_BUCKET, "realname", notify_queue=QUEUES.realname_uploads,
               key_prefix="realname/"),
    ),
    secrets=(
        Secret(PAYMENT_CALLBACK_SECRET, "orders",
               purpose="HMAC-SHA256 key the payment provider signs callbacks with"),
    ),
    ses_sender=SES_SENDER,
)

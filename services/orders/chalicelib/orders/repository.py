"""Orders table access. Access patterns:
  balance of an account        PK=ACCOUNT#<id>        SK=#BALANCE
  cart items of an account     PK=ACCOUNT#<id>        SK begins_with CART#<a-label>
  Idempotency-Key of account   PK=ACCOUNT#<id>        SK=IDEMKEY#<scope>#<key>
  live register item (guard)   PK=ACCOUNT#<id>        SK=LIVE#<a-label>  (order_id; written
    with the order, deleted when the item ends or the order is cancelled)
  promo uses of an account     PK=PROMO#<code>        SK=USE#<account>
  promo code                   PK=PROMO#<code>        SK=#PROMO
  order                        PK=ORDER#<id>          SK=#ORDER     (items, refunds inside;
                                                                     version)
  orders of an account         GSI1PK=ACCOUNT#<id>    GSI1SK=ORDER#<created_at>#<id>
  payment                      PK=PAYMENT#<id>        SK=#PAYMENT
  provider transaction (dedupe) PK=PROVIDERTXN#<txn>  SK=#TXN
  domain in the portfolio      PK=DOMAIN#<a-label>    SK=#DOMAIN    (version)
  document verified before     PK=DOMAIN#<a-label>    SK=EARLYDOC#<type>#<template>  (TTL)
    the name was registered
  domains of an account        GSI1PK=ACCOUNT#<id>    GSI1SK=DOMAIN#<a-label>
  template projection          PK=TEMPLATE#<id>       SK=#TEMPLATE
  due work (deadlines)         PK=DUE                 SK=<iso time>#<kind>#<id>  (attempts)
  parked due work (operator)   PK=PARKED              SK=<kind>#<id>#<iso time>
  outbox                       PK=OUTBOX              SK=<event_id>

Every order and domain write is conditional on the version read; money moves in one
TransactWriteItems with the state change it pays for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.orders.model import (
    CartItem,
    Domain,
    DomainStatus,
    EarlyDocument,
    Failure,
    ItemStatus,
    Order,
    OrderItem,
    OrderStatus,
    Payment,
    PromoCode,
    Refund,
    ReviewRefusal,
    Template,
)
from registrar_shared.dynamo import decode_token, encode_token, is_conditional_failure, unavailable
from registrar_shared.envelope import Envelope
from registrar_shared.errors import Conflict

OUTBOX = "OUTBOX"
DUE = "DUE"
PARKED = "PARKED"


@dataclass(frozen=True)
class DueItem:
    at: str
    kind: str
    ident: str
    attempts: int = 0


def _due_key(item: DueItem) -> dict[str, str]:
    return {"PK": DUE, "SK": f"{item.at}#{item.kind}#{item.ident}"}


class ConcurrentUpdate(Conflict):
    """Someone else changed the row first (version or state condition failed)."""

    message_en = "The resource was changed concurrently; retry"
    message_zh = "资源已被并发修改，请重试"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


# --- (de)serialisation ----------------------------------------------------------------

def _item_to_dict(item: OrderItem) -> dict[str, Any]:
    data = asdict(item)
    data["status"] = str(item.status)
    data["failure"] = asdict(item.failure) if item.failure else None
    return _drop_none(data)


def _item_from_dict(data: dict[str, Any]) -> OrderItem:
    data = _plain(dict(data))
    failure = data.pop("failure", None)
    return OrderItem(**{**data, "status": ItemStatus(data["status"]),
                        "failure": Failure(**failure) if failure else None,
                        "review_documents": tuple(data.get("review_documents") or ())})


def order_row(order: Order) -> dict[str, Any]:
    return _drop_none({
        "PK": f"ORDER#{order.order_id}", "SK": "#ORDER", "entity": "order",
        "GSI1PK": f"ACCOUNT#{order.account_id}",
        "GSI1SK": f"ORDER#{order.created_at}#{order.order_id}",
        "order_id": order.order_id, "account_id": order.account_id, "site": order.site,
        "currency": order.currency, "items": [_item_to_dict(i) for i in order.items],
        "subtotal": order.subtotal, "discount": order.discount, "total": order.total,
        "status": str(order.status), "template_id": order.template_id,
        "created_at": order.created_at, "expires_at_payment": order.expires_at,
        "promo_code": order.promo_code, "payment_id": order.payment_id,
        "payment_method": order.payment_method, "flags": list(order.flags) or None,
        "refunds": [_drop_none(asdict(r)) for r in order.refunds] or None,
        "version": order.version,
    })


def order_from_row(row: dict[str, Any]) -> Order:
    row = _plain(row)
    return Order(order_id=row["order_id"], account_id=row["account_id"], site=row["site"],
                 currency=row["currency"],
                 items=tuple(_item_from_dict(i) for i in row["items"]),
                 subtotal=row["subtotal"], discount=row["discount"], total=row["total"],
                 status=OrderStatus(row["status"]), template_id=row["template_id"],
                 created_at=row["created_at"], expires_at=row["expires_at_payment"],
                 promo_code=row.get("promo_code"), payment_id=row.get("payment_id"),
                 payment_method=row.get("payment_method"),
                 flags=tuple(row.get("flags") or ()),
                 refunds=tuple(Refund(**r) for r in row.get("refunds") or ()),
                 version=row["version"])


def domain_row(domain: Domain) -> dict[str, Any]:
    return _drop_none({
        "PK": f"DOMAIN#{domain.ascii}", "SK": "#DOMAIN", "entity": "domain",
        "GSI1PK": f"ACCOUNT#{domain.account_id}", "GSI1SK": f"DOMAIN#{domain.ascii}",
        "domain": domain.domain, "ascii": domain.ascii, "suffix": domain.suffix,
        "account_id": domain.account_id, "template_id": domain.template_id,
        "status": str(domain.status), "epp_statuses": list(domain.epp_statuses),
        "registered_at": domain.registered_at, "expires_at_domain": domain.expires_at,
        "order_id": domain.order_id, "product": domain.product,
        "naming_review_deadline": domain.naming_review_deadline,
        "restricted": domain.restricted or None,
        "review_documents": list(domain.review_documents) or None,
        "review_verified": list(domain.review_verified) or None,
        "review_refusal": asdict(domain.review_refusal) if domain.review_refusal else None,
        "version": domain.version,
    })


def domain_from_row(row: dict[str, Any]) -> Domain:
    row = _plain(row)
    refusal = row.get("review_refusal")
    return Domain(domain=row["domain"], ascii=row["ascii"], suffix=row["suffix"],
                  account_id=row["account_id"], template_id=row["template_id"],
                  status=DomainStatus(row["status"]),
                  epp_statuses=tuple(row.get("epp_statuses") or ()),
                  registered_at=row["registered_at"], expires_at=row["expires_at_domain"],
                  order_id=row["order_id"], product=row.get("product"),
                  naming_review_deadline=row.get("naming_review_deadline"),
                  restricted=bool(row.get("restricted", False)),
                  review_documents=tuple(row.get("review_documents") or ()),
                  review_verified=tuple(row.get("review_verified") or ()),
                  review_refusal=ReviewRefusal(**refusal) if refusal else None,
                  version=row["version"])


def payment_row(payment: Payment) -> dict[str, Any]:
    return _drop_none({
        "PK": f"PAYMENT#{payment.payment_id}", "SK": "#PAYMENT", "entity": "payment",
        "payment_id": payment.payment_id, "order_id": payment.order_id,
        "account_id": payment.account_id, "method": payment.method, "amount": payment.amount,
        "currency": payment.currency, "status": payment.status,
        "created_at": payment.created_at, "provider_txn_id": payment.provider_txn_id,
        "flags": list(payment.flags) or None,
    })


def payment_from_row(row: dict[str, Any]) -> Payment:
    row = _plain(row)
    return Payment(payment_id=row["payment_id"], order_id=row["order_id"],
                   account_id=row["account_id"], method=row["method"], amount=row["amount"],
                   currency=row["currency"], status=row["status"],
                   created_at=row["created_at"], provider_txn_id=row.get("provider_txn_id"),
                   flags=tuple(row.get("flags") or ()))


class Transaction:
    """Collects the writes of one TransactWriteItems (at most 100)."""

    def __init__(self, table_name: str) -> None:
        self.table = table_name
        self.items: list[dict[str, Any]] = []
        self.labels: list[str] = []

    def _add(self, kind: str, op: dict[str, Any], condition: str | None,
             values: dict[str, Any] | None, names: dict[str, str] | None,
             label: str) -> Transaction:
        op = {"TableName": self.table, **op}
        if condition:
            op["ConditionExpression"] = condition
        if values:
            op["ExpressionAttributeValues"] = values
        if names:
            op["ExpressionAttributeNames"] = names
        self.items.append({kind: op})
        self.labels.append(label)
        return self

    def put(self, item: dict[str, Any], condition: str | None = None,
            values: dict[str, Any] | None = None, names: dict[str, str] | None = None,
            label: str = "") -> Transaction:
        return self._add("Put", {"Item": item}, condition, values, names, label)

    def update(self, key: dict[str, str], expression: str, *, condition: str | None = None,
               values: dict[str, Any] | None = None, names: dict[str, str] | None = None,
               label: str = "") -> Transaction:
        return self._add("Update", {"Key": key, "UpdateExpression": expression}, condition,
                         values, names, label)

    def delete(self, key: dict[str, str], label: str = "", *, must_exist: bool = False
               ) -> Transaction:
        op: dict[str, Any] = {"TableName": self.table, "Key": key}
        if must_exist:
            op["ConditionExpression"] = "attribute_exists(PK)"
        self.items.append({"Delete": op})
        self.labels.append(label)
        return self


class TransactionFailed(Exception):
    """A condition in the transaction failed; ``labels`` names which operations."""

    def __init__(self, labels: list[str]) -> None:
        super().__init__(", ".join(labels))
        self.labels = labels


class DynamoOrdersRepository:
    def __init__(self, table: Any) -> None:
        self._table = table

    # --- low level --------------------------------------------------------------------

    def transaction(self) -> Transaction:
        return Transaction(self._table.name)

    def commit(self, tx: Transaction) -> None:
        """Raises: TransactionFailed (which conditions failed), DependencyUnavailable."""
        if not tx.items:
            return
        try:
            self._table.meta.client.transact_write_items(TransactItems=tx.items)
        except ClientError as error:
            if is_conditional_failure(error):
                reasons = error.response.get("CancellationReasons") or []
                failed = [tx.labels[i] for i, r in enumerate(reasons)
                          if r.get("Code") == "ConditionalCheckFailed"]
                raise TransactionFailed(failed or ["unknown"]) from error
            raise unavailable(error) from error

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        try:
            item = self._table.get_item(Key={"PK": pk, "SK": sk}, ConsistentRead=True)
        except ClientError as error:
            raise unavailable(error) from error
        found = item.get("Item")
        return dict(found) if found else None

    def _query(self, **kwargs: Any) -> dict[str, Any]:
        try:
            return dict(self._table.query(**kwargs))
        except ClientError as error:
            raise unavailable(error) from error

    # --- balances -----------------------------------------------------------------------

    @staticmethod
    def balance_key(account_id: str) -> dict[str, str]:
        return {"PK": f"ACCOUNT#{account_id}", "SK": "#BALANCE"}

    def balance(self, account_id: str) -> int:
        row = self._get(f"ACCOUNT#{account_id}", "#BALANCE")
        return int(row["balance"]) if row else 0

    def open_balance(self, account_id: str, amount: int, currency: str, now: str) -> bool:
        """Credit an opening balance once; False if the account already has one."""
        try:
            self._table.put_item(
                Item={**self.balance_key(account_id), "entity": "balance",
                      "account_id": account_id, "balance": amount, "currency": currency,
                      "version": 1, "created_at": now, "updated_at": now},
                ConditionExpression="attribute_not_exists(PK)")
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    @classmethod
    def debit(cls, tx: Transaction, account_id: str, amount: int, now: str) -> None:
        tx.update(cls.balance_key(account_id),
                  "SET balance = balance - :amount, updated_at = :now ADD version :one",
                  condition="attribute_exists(PK) AND balance >= :amount",
                  values={":amount": amount, ":now": now, ":one": 1}, label="balance")

    @classmethod
    def credit(cls, tx: Transaction, account_id: str, amount: int, now: str) -> None:
        tx.update(cls.balance_key(account_id),
                  "SET balance = balance + :amount, updated_at = :now ADD version :one",
                  condition="attribute_exists(PK)",
                  values={":amount": amount, ":now": now, ":one": 1}, label="balance")

    # --- cart ---------------------------------------------------------------------------

    def cart(self, account_id: str) -> list[CartItem]:
        rows = self._query(KeyConditionExpression="PK = :pk AND begins_with(SK, :cart)",
                           ExpressionAttributeValues={":pk": f"ACCOUNT#{account_id}",
                                                      ":cart": "CART#"},
                           ConsistentRead=True)["Items"]
        return [CartItem(domain=r["domain"], ascii=r["ascii"], years=int(r["years"]),
                         action=r["action"], added_at=r["added_at"]) for r in rows]

    def put_cart_item(self, account_id: str, item: CartItem) -> None:
        try:
            self._table.put_item(Item={
                "PK": f"ACCOUNT#{account_id}", "SK": f"CART#{item.ascii}", "entity": "cart_item",
                "domain": item.domain, "ascii": item.ascii, "years": item.years,
                "action": item.action, "added_at": item.added_at})
        except ClientError as error:
            raise unavailable(error) from error

    def delete_cart_item(self, account_id: str, ascii_name: str) -> bool:
        try:
            self._table.delete_item(Key={"PK": f"ACCOUNT#{account_id}",
                                         "SK": f"CART#{ascii_name}"},
                                    ConditionExpression="attribute_exists(PK)")
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    # --- idempotency keys ---------------------------------------------------------------

    def idempotency_record(self, account_id: str, scope: str, key: str
                           ) -> dict[str, Any] | None:
        return self._get(f"ACCOUNT#{account_id}", f"IDEMKEY#{scope}#{key}")

    @staticmethod
    def put_idempotency(tx: Transaction, account_id: str, scope: str, key: str,
                        fingerprint: str, result_id: str, now: str, expires: int) -> None:
        tx.put({"PK": f"ACCOUNT#{account_id}", "SK": f"IDEMKEY#{scope}#{key}",
                "entity": "idempotency_key", "fingerprint": fingerprint,
                "result_id": result_id, "created_at": now, "expires_at": expires},
               condition="attribute_not_exists(PK)", label="idempotency")

    # --- live items (one unpaid or processing registration per account and name) -------

    def claim_live_item(self, account_id: str, ascii_name: str, order_id: str,
                        stale_order_id: str | None = None) -> str | None:
        """Mark ``ascii_name`` as being bought by ``order_id``. Returns None when claimed,
        else the order holding it. ``stale_order_id`` takes over a claim whose order is no
        longer live (left by a checkout that crashed before its order was written)."""
        condition = "attribute_not_exists(PK) OR order_id = :mine"
        values = {":mine": order_id}
        if stale_order_id is not None:
            condition += " OR order_id = :stale"
            values[":stale"] = stale_order_id
        try:
            self._table.put_item(
                Item={"PK": f"ACCOUNT#{account_id}", "SK": f"LIVE#{ascii_name}",
                      "entity": "live_item", "order_id": order_id},
                ConditionExpression=condition, ExpressionAttributeValues=values)
        except ClientError as error:
            if not is_conditional_failure(error):
                raise unavailable(error) from error
            row = self._get(f"ACCOUNT#{account_id}", f"LIVE#{ascii_name}")
            return str(row["order_id"]) if row else ""
        return None

    @staticmethod
    def release_live_item(tx: Transaction, account_id: str, ascii_name: str) -> None:
        tx.delete({"PK": f"ACCOUNT#{account_id}", "SK": f"LIVE#{ascii_name}"},
                  label="live_release")

    def release_live_items(self, account_id: str, ascii_names: Sequence[str],
                           order_id: str) -> None:
        """Undo this order's claims (its checkout failed); others' claims stay."""
        for ascii_name in ascii_names:
            try:
                self._table.delete_item(
                    Key={"PK": f"ACCOUNT#{account_id}", "SK": f"LIVE#{ascii_name}"},
                    ConditionExpression="order_id = :mine",
                    ExpressionAttributeValues={":mine": order_id})
            except ClientError as error:
                if not is_conditional_failure(error):
                    raise unavailable(error) from error

    # --- templates (projection) ---------------------------------------------------------

    def template(self, template_id: str) -> Template | None:
        row = self._get(f"TEMPLATE#{template_id}", "#TEMPLATE")
        if not row or "holder_type" not in row:
            return None
        return Template(template_id=template_id, account_id=row["account_id"],
                        holder_type=row["holder_type"], name=row["name"], region=row["region"],
                        email_verified=bool(row.get("email_verified", False)),
                        realname_status=row.get("realname_status", "none"),
                        organisation_type=row.get("organisation_type") or None,
                        organisation=row.get("organisation") or None)

    def project_template(self, template_id: str, fields: dict[str, Any]) -> None:
        """Set projected fields; each event sets only its own fields, so order of arrival
        does not matter."""
        names = {f"#f{i}": name for i, name in enumerate(fields)}
        values = {f":v{i}": value for i, value in enumerate(fields.values())}
        sets = ", ".join(f"#f{i} = :v{i}" for i in range(len(fields)))
        try:
            self._table.update_item(
                Key={"PK": f"TEMPLATE#{template_id}", "SK": "#TEMPLATE"},
                UpdateExpression=f"SET entity = :entity, {sets}",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={**values, ":entity": "template"})
        except ClientError as error:
            raise unavailable(error) from error

    def project_realname(self, template_id: str, status: str, occurred_at: str) -> bool:
        """Record a verification outcome unless a newer one is already recorded."""
        try:
            self._table.update_item(
                Key={"PK": f"TEMPLATE#{template_id}", "SK": "#TEMPLATE"},
                UpdateExpression="SET entity = :entity, realname_status = :s, realname_at = :t",
                ConditionExpression="attribute_not_exists(realname_at) OR realname_at <= :t",
                ExpressionAttributeValues={":s": status, ":t": occurred_at,
                                           ":entity": "template"})
        except ClientError as error:
            if is_conditional_failure(error):
                return False
            raise unavailable(error) from error
        return True

    # --- promo codes --------------------------------------------------------------------

    def promo(self, code: str) -> PromoCode | None:
        row = self._get(f"PROMO#{code}", "#PROMO")
        if not row:
            return None
        row = _plain(row)
        return PromoCode(code=row["code"], kind=row["kind"], value=row["value"],
                         currency=row.get("currency"), suffixes=tuple(row.get("suffixes") or ()),
                         starts_at=row["starts_at"], ends_at=row["ends_at"],
                         per_account_limit=row["per_account_limit"])

    def put_promo(self, promo: PromoCode) -> None:
        self._table.put_item(Item=_drop_none({
            "PK": f"PROMO#{promo.code}", "SK": "#PROMO", "entity": "promo", **asdict(promo),
            "suffixes": list(promo.suffixes)}))

    def promo_uses(self, code: str, account_id: str) -> int:
        row = self._get(f"PROMO#{code}", f"USE#{account_id}")
        return int(row["uses"]) if row else 0

    @staticmethod
    def use_promo(tx: Transaction, code: str, account_id: str, limit: int) -> None:
        tx.update({"PK": f"PROMO#{code}", "SK": f"USE#{account_id}"},
                  "SET entity = :entity ADD uses :one",
                  condition="attribute_not_exists(uses) OR uses < :limit",
                  values={":one": 1, ":limit": limit, ":entity": "promo_use"}, label="promo")

    @staticmethod
    def release_promo(tx: Transaction, code: str, account_id: str) -> None:
        tx.update({"PK": f"PROMO#{code}", "SK": f"USE#{account_id}"}, "ADD uses :minus",
                  condition="uses > :zero", values={":minus": -1, ":zero": 0}, label="promo")

    # --- orders -------------------------------------------------------------------------

    def order(self, order_id: str) -> Order | None:
        row = self._get(f"ORDER#{order_id}", "#ORDER")
        return order_from_row(row) if row else None

    @staticmethod
    def put_new_order(tx: Transaction, order: Order) -> None:
        tx.put(order_row(order), condition="attribute_not_exists(PK)", label="order")

    @staticmethod
    def put_order(tx: Transaction, order: Order, expected_version: int) -> None:
        """Write ``order`` (whose version is already incremented) if nobody else did."""
        tx.put(order_row(order), condition="version = :v", values={":v": expected_version},
               label="order")

    def orders_of(self, account_id: str, *, limit: int, token: str | None,
                  status: str | None = None) -> tuple[list[Order], str | None]:
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :pk AND begins_with(GSI1SK, :order)",
            "ExpressionAttributeValues": {":pk": f"ACCOUNT#{account_id}", ":order": "ORDER#"},
            "ScanIndexForward": False, "Limit": limit,
        }
        if status:
            kwargs["FilterExpression"] = "#status = :status"
            kwargs["ExpressionAttributeNames"] = {"#status": "status"}
            kwargs["ExpressionAttributeValues"][":status"] = status
        start = decode_token(token, partition=("GSI1PK", f"ACCOUNT#{account_id}"))
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = self._query(**kwargs)
        return ([order_from_row(r) for r in page["Items"]],
                encode_token(page.get("LastEvaluatedKey")))

    # --- payments -----------------------------------------------------------------------

    def payment(self, payment_id: str) -> Payment | None:
        row = self._get(f"PAYMENT#{payment_id}", "#PAYMENT")
        return payment_from_row(row) if row else None

    @staticmethod
    def put_payment(tx: Transaction, payment: Payment, *, expected_status: str | None = None
                    ) -> None:
        if expected_status is None:
            tx.put(payment_row(payment), condition="attribute_not_exists(PK)", label="payment")
        else:
            tx.put(payment_row(payment), condition="#status = :expected",
                   values={":expected": expected_status}, names={"#status": "status"},
                   label="payment")

    @staticmethod
    def claim_provider_txn(tx: Transaction, txn_id: str, payment_id: str, now: str) -> None:
        tx.put({"PK": f"PROVIDERTXN#{txn_id}", "SK": "#TXN", "entity": "provider_txn",
                "payment_id": payment_id, "created_at": now},
               condition="attribute_not_exists(PK)", label="provider_txn")

    def provider_txn_seen(self, txn_id: str) -> bool:
        return self._get(f"PROVIDERTXN#{txn_id}", "#TXN") is not None

    # --- domains ------------------------------------------------------------------------

    def domain(self, ascii_name: str) -> Domain | None:
        row = self._get(f"DOMAIN#{ascii_name}", "#DOMAIN")
        return domain_from_row(row) if row else None

    @staticmethod
    def put_domain(tx: Transaction, domain: Domain, expected_version: int | None) -> None:
        if expected_version is None:
            tx.put(domain_row(domain), condition="attribute_not_exists(PK)", label="domain")
        else:
            tx.put(domain_row(domain), condition="version = :v",
                   values={":v": expected_version}, label="domain")

    def put_early_document(self, ascii_name: str, document: EarlyDocument, *,
                           expires: int) -> None:
        try:
            self._table.put_item(Item=_drop_none({
                "PK": f"DOMAIN#{ascii_name}",
                "SK": f"EARLYDOC#{document.document_type}#{document.template_id}",
                "entity": "early_document", **asdict(document), "expires_at": expires}))
        except ClientError as error:
            raise unavailable(error) from error

    def early_documents(self, ascii_name: str) -> list[EarlyDocument]:
        rows = self._query(KeyConditionExpression="PK = :pk AND begins_with(SK, :doc)",
                           ExpressionAttributeValues={":pk": f"DOMAIN#{ascii_name}",
                                                      ":doc": "EARLYDOC#"},
                           ConsistentRead=True)["Items"]
        return [EarlyDocument(document_type=r["document_type"], account_id=r["account_id"],
                              template_id=r["template_id"],
                              document_number=r.get("document_number"),
                              verified_at=r["verified_at"]) for r in rows]

    @staticmethod
    def delete_early_document(tx: Transaction, ascii_name: str,
                              document: EarlyDocument) -> None:
        tx.delete({"PK": f"DOMAIN#{ascii_name}",
                   "SK": f"EARLYDOC#{document.document_type}#{document.template_id}"},
                  label="early_document")

    def domains_of(self, account_id: str, *, limit: int, token: str | None
                   ) -> tuple[list[Domain], str | None]:
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :pk AND begins_with(GSI1SK, :domain)",
            "ExpressionAttributeValues": {":pk": f"ACCOUNT#{account_id}", ":domain": "DOMAIN#"},
            "Limit": limit,
        }
        start = decode_token(token, partition=("GSI1PK", f"ACCOUNT#{account_id}"))
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = self._query(**kwargs)
        return ([domain_from_row(r) for r in page["Items"]],
                encode_token(page.get("LastEvaluatedKey")))

    def domains_with_template(self, template_id: str) -> list[Domain]:
        """Portfolio domains registered with a template (few per template; GSI1 per owner
        would need the account: the template projection gives it)."""
        template = self._get(f"TEMPLATE#{template_id}", "#TEMPLATE")
        if not template or "account_id" not in template:
            return []
        domains: list[Domain] = []
        token: str | None = None
        while True:
            page, token = self.domains_of(str(template["account_id"]), limit=200, token=token)
            domains += [d for d in page if d.template_id == template_id]
            if token is None:
                return domains

    # --- due work -----------------------------------------------------------------------

    @staticmethod
    def put_due(tx: Transaction, at: str, kind: str, ident: str, attempts: int = 0) -> None:
        tx.put(_drop_none({"PK": DUE, "SK": f"{at}#{kind}#{ident}", "entity": "due",
                           "kind": kind, "ident": ident, "at": at,
                           "attempts": attempts or None}), label="due")

    @staticmethod
    def delete_due(tx: Transaction, at: str, kind: str, ident: str) -> None:
        tx.delete({"PK": DUE, "SK": f"{at}#{kind}#{ident}"}, label="due")

    def due(self, now: str, limit: int = 100) -> list[DueItem]:
        """Work due at or before ``now``, oldest first."""
        rows = self._query(KeyConditionExpression="PK = :pk AND SK <= :now",
                           ExpressionAttributeValues={":pk": DUE, ":now": now + "\uffff"},
                           Limit=limit)["Items"]
        return [DueItem(at=r["at"], kind=r["kind"], ident=r["ident"],
                        attempts=int(r.get("attempts", 0))) for r in rows if r["at"] <= now]

    def drop_due(self, item: DueItem) -> None:
        try:
            self._table.delete_item(Key=_due_key(item))
        except ClientError as error:
            raise unavailable(error) from error

    def retry_due(self, item: DueItem, at: str, error: str) -> None:
        """Move a failed item to ``at`` with one more attempt, atomically."""
        tx = self.transaction()
        tx.delete(_due_key(item), "due", must_exist=True)
        tx.put({"PK": DUE, "SK": f"{at}#{item.kind}#{item.ident}", "entity": "due",
                "kind": item.kind, "ident": item.ident, "at": at,
                "attempts": item.attempts + 1, "last_error": error[:500]}, label="due")
        self._commit_quietly(tx)

    def park_due(self, item: DueItem, error: str, now: str) -> None:
        """Take an item that keeps failing (or that nobody handles) out of the schedule and
        keep it where an operator sees it."""
        tx = self.transaction()
        tx.delete(_due_key(item), "due", must_exist=True)
        tx.put({"PK": PARKED, "SK": f"{item.kind}#{item.ident}#{item.at}", "entity": "parked",
                "kind": item.kind, "ident": item.ident, "at": item.at,
                "attempts": item.attempts + 1, "last_error": error[:500], "parked_at": now},
               label="parked")
        self._commit_quietly(tx)

    def parked(self) -> list[dict[str, Any]]:
        rows = self._query(KeyConditionExpression="PK = :pk",
                           ExpressionAttributeValues={":pk": PARKED}, ConsistentRead=True)
        return [_plain(dict(r)) for r in rows["Items"]]

    def _commit_quietly(self, tx: Transaction) -> None:
        # Two schedulers handling the same item: the loser's move finds the row gone.
        try:
            self.commit(tx)
        except TransactionFailed:
            pass

    # --- outbox -------------------------------------------------------------------------

    @staticmethod
    def put_outbox(tx: Transaction, envelopes: Iterable[Envelope]) -> None:
        for envelope in envelopes:
            tx.put({"PK": OUTBOX, "SK": envelope.event_id, "entity": "outbox",
                    "envelope": envelope.to_json()}, label="outbox")

    def outbox(self, limit: int = 100) -> list[Envelope]:
        rows = self._query(KeyConditionExpression="PK = :pk",
                           ExpressionAttributeValues={":pk": OUTBOX}, Limit=limit,
                           ConsistentRead=True)["Items"]
        return [Envelope.parse(r["envelope"]) for r in rows]

    def delete_outbox(self, event_ids: Sequence[str]) -> None:
        try:
            for event_id in event_ids:
                self._table.delete_item(Key={"PK": OUTBOX, "SK": event_id})
        except ClientError as error:
            raise unavailable(error) from error


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)

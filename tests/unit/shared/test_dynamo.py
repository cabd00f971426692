from decimal import Decimal

import pytest
from botocore.exceptions import ClientError

from registrar_shared import dynamo
from registrar_shared.errors import InvalidNextToken


def test_token_round_trip_is_opaque() -> None:
    key = {"PK": "ACCOUNT#a", "SK": "ORDER#2026", "n": Decimal(3)}
    token = dynamo.encode_token(key)
    assert token is not None and "ACCOUNT" not in token
    assert dynamo.decode_token(token) == {"PK": "ACCOUNT#a", "SK": "ORDER#2026", "n": 3}


def test_no_more_pages_means_no_token() -> None:
    assert dynamo.encode_token(None) is None
    assert dynamo.decode_token(None) is None


@pytest.mark.parametrize("token", ["%%%", "bm90IGpzb24", "WzEsMl0", "eyJQSyI6W119"])
def test_garbage_tokens_are_refused(token: str) -> None:
    with pytest.raises(InvalidNextToken):
        dynamo.decode_token(token)


def test_token_of_another_partition_is_refused() -> None:
    token = dynamo.encode_token({"PK": "ACCOUNT#other", "SK": "x"})
    with pytest.raises(InvalidNextToken):
        dynamo.decode_token(token, partition=("PK", "ACCOUNT#mine"))


def test_conditional_failures_are_recognised() -> None:
    single = ClientError({"Error": {"Code": "ConditionalCheckFailedException"}}, "PutItem")
    transaction = ClientError({"Error": {"Code": "TransactionCanceledException"},
                               "CancellationReasons": [{"Code": "None"},
                                                       {"Code": "ConditionalCheckFailed"}]},
                              "TransactWriteItems")
    other = ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "PutItem")
    assert dynamo.is_conditional_failure(single)
    assert dynamo.is_conditional_failure(transaction)
    assert not dynamo.is_conditional_failure(other)

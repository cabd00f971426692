"""Sending e-mail through SES from the platform's verified sender."""

from __future__ import annotations

from typing import Any, Protocol

from botocore.exceptions import ClientError

from registrar_shared.dynamo import unavailable


class Mailer(Protocol):
    def send(self, *, to: str, subject: str, text: str, html: str) -> str: ...


class SesMailer:
    def __init__(self, client: Any, sender: str) -> None:
        self._ses = client
        self._sender = sender

    def send(self, *, to: str, subject: str, text: str, html: str) -> str:
        """Returns the SES message id. Raises: DependencyUnavailable."""
        utf8 = "UTF-8"
        try:
            response = self._ses.send_email(
                Source=self._sender, Destination={"ToAddresses": [to]},
                Message={"Subject": {"Data": subject, "Charset": utf8},
                         "Body": {"Text": {"Data": text, "Charset": utf8},
                                  "Html": {"Data": html, "Charset": utf8}}})
        except ClientError as error:
            raise unavailable(error) from error
        return str(response["MessageId"])

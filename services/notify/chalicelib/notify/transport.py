"""Webhook HTTP delivery with SSRF protection: resolve once, check every address, connect
to the checked address (so a DNS answer cannot change between check and connect), never
follow redirects, and give up after a short timeout."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Protocol

from chalicelib.notify.errors import WebhookHostUnresolvable, WebhookTargetRefused
from chalicelib.notify.model import PostResult
from chalicelib.notify.rules import WebhookUrl, address_allowed

Resolver = Callable[[str, int], list[str]]
MAX_RESPONSE_BYTES = 4096


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def resolve_target(url: WebhookUrl, *, local: bool, resolver: Resolver) -> str:
    """The address to connect to. Every address the host resolves to must be allowed, so a
    name with one public and one private address is refused too.

    Raises: WebhookHostUnresolvable, WebhookTargetRefused.
    """
    try:
        addresses = resolver(url.host, url.port)
    except (OSError, UnicodeError) as exc:
        raise WebhookHostUnresolvable(host=url.host) from exc
    if not addresses:
        raise WebhookHostUnresolvable(host=url.host)
    if not all(address_allowed(a, local=local) for a in addresses):
        raise WebhookTargetRefused(address=url.host)
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._tls)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


class Poster(Protocol):
    def post(self, url: WebhookUrl, address: str, body: bytes,
             headers: Mapping[str, str]) -> PostResult: ...


class HttpPoster:
    """POSTs one webhook body; any answer, error or time-out becomes a PostResult."""

    def __init__(self, *, timeout: float) -> None:
        self.timeout = timeout

    def post(self, url: WebhookUrl, address: str, body: bytes,
             headers: Mapping[str, str]) -> PostResult:
        connection_class = (_PinnedHTTPSConnection if url.scheme == "https"
                            else _PinnedHTTPConnection)
        connection = connection_class(url.host, url.port, address, self.timeout)
        started = time.monotonic()
        try:
            connection.request("POST", url.target, body=body,
                               headers={**headers, "Connection": "close"})
            response = connection.getresponse()
            response.read(MAX_RESPONSE_BYTES)
            return PostResult(status=response.status, elapsed_ms=_ms(started))
        except TimeoutError:
            return PostResult(status=None, error=f"timed out after {self.timeout:g} s",
                              elapsed_ms=_ms(started))
        except (OSError, http.client.HTTPException) as exc:
            return PostResult(status=None, error=f"{type(exc).__name__}: {exc}"[:300],
                              elapsed_ms=_ms(started))
        finally:
            connection.close()


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)

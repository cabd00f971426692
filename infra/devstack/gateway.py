"""One real HTTP server that mounts every service under its prefix (/search, /orders, ...),
as API Gateway base-path mappings do in AWS, plus ``GET /health``."""

from __future__ import annotations

import base64
import json
import socket
import threading
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from chalice.local import LocalGatewayException

from infra.devstack.apps import ServiceHost

# (method, path with query, headers, body) -> (status, headers, body)
Mount = Callable[[str, str, dict[str, str], bytes], tuple[int, dict[str, str], bytes]]
MAX_BODY = 10 * 1024 * 1024  # API Gateway's payload limit


def error_payload(status: int, code: str, message: str) -> tuple[int, dict[str, str], bytes]:
    body = {"Code": code, "Message": message, "RequestId": str(uuid.uuid4())}
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode()


class Gateway:
    def __init__(self, hosts: dict[str, ServiceHost], *, host: str = "127.0.0.1",
                 port: int = 8000, health: Callable[[], dict[str, Any]] | None = None) -> None:
        self.hosts = hosts
        self.host = host
        self.mounts: dict[str, Mount] = {}
        self._health = health or (lambda: {"status": "ok"})
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Avoid the Nagle/delayed-ACK stall on keep-alive connections.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return  # the apps log one structured line per request

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    status, headers, body = error_payload(413, "PayloadTooLarge",
                                                          "Request body too large")
                    self.close_connection = True
                else:
                    raw = self.rfile.read(length) if length else b""
                    status, headers, body = gateway.handle(
                        self.command, self.path, {k: v for k, v in self.headers.items()}, raw)
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() not in ("content-length", "connection"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve
            do_OPTIONS = _serve

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.server_port}"

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes
               ) -> tuple[int, dict[str, str], bytes]:
        path = urlsplit(target).path
        if path == "/health":
            report = self._health()
            status = 200 if report.get("status") == "ok" else 503
            return status, {"Content-Type": "application/json"}, json.dumps(report).encode()
        prefix, _, rest = path.lstrip("/").partition("/")
        if prefix in self.mounts:
            return self.mounts[prefix](method, target, headers, body)
        host = self.hosts.get(prefix)
        if host is None:
            return error_payload(404, "NotFound", f"No such endpoint: {method} {path}")
        inner = "/" + rest + (("?" + urlsplit(target).query) if urlsplit(target).query else "")
        try:
            with host.lock:
                response = host.gateway.handle_request(method=method, path=inner,
                                                       headers=headers, body=body or None)
        except LocalGatewayException as exc:
            if exc.CODE == 403:
                # API Gateway says 403 "Missing Authentication Token" for unknown routes; the
                # deployed API maps that gateway response to 404 as well (infra template).
                return error_payload(404, "NotFound", f"No such endpoint: {method} {path}")
            return error_payload(exc.CODE, "GatewayError", (exc.body or b"").decode())
        return self._http_response(response)

    @staticmethod
    def _http_response(response: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        headers = {k: str(v) for k, v in (response.get("headers") or {}).items()}
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers[name] = ", ".join(str(v) for v in values)
        raw = response.get("body")
        if raw is None:
            body = b""
        elif response.get("isBase64Encoded"):
            body = base64.b64decode(raw)
        else:
            body = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
        return int(response["statusCode"]), headers, body

    def start(self) -> None:
        self.thread = threading.Thread(target=self.server.serve_forever, name="gateway",
                                       daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

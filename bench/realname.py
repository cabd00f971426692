"""Real-name verification costs: identity-number checks, the file inspection of one document
(magic bytes + full Pillow decode) by size, and one whole verification in-process (grant,
presigned POST to moto, S3 notification handler). Prints one JSON line per figure."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")  # figures only on stdout
for path in (ROOT, ROOT / "shared", *(ROOT / "services").iterdir()):
    sys.path.insert(0, str(path))

from chalicelib.realname import rules  # noqa: E402
from registrar_shared.identity import validate_resident_id, validate_uscc  # noqa: E402
from tests.unit.identity.synth import GB_EXAMPLE_RESIDENT_ID, uscc_code  # noqa: E402
from tests.unit.realname.images import noise_image  # noqa: E402


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 3)


def emit(figure: str, value: float, **extra: object) -> None:
    print(json.dumps({"figure": figure, "value": value, **extra}))


def identity_numbers() -> None:
    today, licence = date(2026, 11, 27), uscc_code()
    emit("resident_id_check_us", round(median_ms(
        lambda: [validate_resident_id(GB_EXAMPLE_RESIDENT_ID, today=today)
                 for _ in range(1000)], 5), 2))
    emit("uscc_check_us", round(median_ms(
        lambda: [validate_uscc(licence) for _ in range(1000)], 5), 2))


def inspection() -> None:
    for content_type, size in (("image/jpeg", (256, 256)), ("image/jpeg", (1400, 1000)),
                               ("image/png", (1200, 1200)), ("image/webp", (800, 800))):
        data = noise_image(content_type, size=size)
        assert rules.inspect_document(data, content_type) is None
        emit("inspect_document_ms", median_ms(
            lambda d=data, c=content_type: rules.inspect_document(d, c), 5),
            content_type=content_type, bytes=len(data))


def whole_verification() -> None:
    """Grant → POST → handler → verified, in-process moto (no network)."""
    for name in list(os.environ):
        if name.startswith("AWS_ENDPOINT_URL"):
            del os.environ[name]
    from chalice.test import Client
    from moto import mock_aws

    from infra.bootstrap import bootstrap
    from infra.devstack import apps
    from registrar_shared import lazy
    from tests.conftest import FAKE_AWS
    from tests.integration.helpers import demo_accounts
    from tests.integration.realname.conftest import RealnameClient, upload_with_form

    os.environ.update({**FAKE_AWS, **apps.platform_environment("local")})
    with mock_aws():
        lazy.reset_all()
        bootstrap(visibility_timeout=1)
        keys = demo_accounts()
        image = noise_image()
        with Client(apps.load_module("realname").app) as client:
            realname = RealnameClient(client, keys)
            grants, handling = [], []
            for _ in range(10):
                template_id = realname.verified_template()
                started = time.perf_counter()
                grant = realname.grant(template_id, {
                    "document_type": "id_card", "document_number": GB_EXAMPLE_RESIDENT_ID,
                    "content_type": "image/jpeg", "holder_name": "张三"}).body
                grants.append((time.perf_counter() - started) * 1000)
                upload_with_form(grant, image)
                started = time.perf_counter()
                realname.handle_uploads()
                handling.append((time.perf_counter() - started) * 1000)
                assert realname.get(f"/v1/templates/{template_id}").body[
                    "realname_status"] == "verified"
    emit("upload_grant_ms_median", round(statistics.median(grants), 1))
    emit("notification_handling_ms_median", round(statistics.median(handling), 1),
         note="receive + handler + delete, 77 KB JPEG, in-process moto")


if __name__ == "__main__":
    identity_numbers()
    inspection()
    whole_verification()

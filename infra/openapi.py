"""Write each service's generated OpenAPI document to docs/openapi/<svc>.json.

``python -m infra.openapi docs/openapi`` (``make openapi``); a test keeps them current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from infra.devstack import apps


def document(service: str) -> dict[str, Any]:
    app = apps.load_module(service).app
    route = app.routes["/v1/openapi.json"]["GET"]
    return dict(route.view_function())


def render(service: str) -> str:
    return json.dumps(document(service), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str]) -> None:
    out = Path(argv[1] if len(argv) > 1 else "docs/openapi")
    out.mkdir(parents=True, exist_ok=True)
    for service in apps.SERVICES:
        (out / f"{service}.json").write_text(render(service), encoding="utf-8")




if __name__ == "__main__":
    main(sys.argv)

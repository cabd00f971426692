"""The notification texts (data/templates.json), loaded once per process."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from chalicelib.notify.rules import Templates

PATH = Path(__file__).resolve().parent / "data" / "templates.json"


@functools.cache
def load() -> Templates:
    return Templates.from_data(json.loads(PATH.read_text(encoding="utf-8")))

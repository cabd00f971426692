"""Importing the search app loads no data: not the catalogue, the variant table, the word
lists or OpenCC (they are read on first use)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, sys
from infra.devstack import apps
apps.load_module("search")
from registrar_shared import catalogue
from registrar_shared.naming import script, variants, words
loaded = {
    "opencc": any(m == "opencc" or m.startswith("opencc.") for m in sys.modules),
    "catalogue": catalogue.load.cache_info().currsize,
    "variants": variants.fold_map.cache_info().currsize,
    "words": words.load.cache_info().currsize,
    "han": script.han_ranges.cache_info().currsize,
}
from registrar_shared.naming import check_name
check_name("中國.cn")
after = {"catalogue": catalogue.load.cache_info().currsize,
         "variants": variants.fold_map.cache_info().currsize}
print(json.dumps({"import": loaded, "after": after}))
"""


def test_importing_the_search_app_loads_no_tables() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={"PATH": "/usr/bin:/bin",
                                                     "PYTHONPATH": f"{ROOT}:{ROOT}/shared"})
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["import"] == {"opencc": False, "catalogue": 0, "variants": 0, "words": 0,
                                "han": 0}
    assert report["after"] == {"catalogue": 1, "variants": 1}   # the probe can see loading

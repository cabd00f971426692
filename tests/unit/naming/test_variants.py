"""The shipped variant table (NAMING.md §6): built from OpenCC, folded without OpenCC."""

import json
import sys
import unicodedata
from pathlib import Path

from registrar_shared.naming import fold, script, variants
from tools import build_variants

ROOT = Path(__file__).resolve().parents[3]


def test_shipped_table_equals_a_fresh_build_from_opencc() -> None:
    assert variants.load_table() == json.loads(build_variants.render(build_variants.build())), (
        "run: .venv/bin/python -m tools.build_variants")


def test_table_has_the_expected_size_and_shape() -> None:
    table = variants.load_table()
    classes = table["classes"]
    assert 3_500 <= len(classes) <= 4_500
    assert table["characters"] == sum(len(c) for c in classes)
    every = "".join(classes)
    assert len(every) == len(set(every)), "a character belongs to one class"
    assert all(len(c) >= 2 for c in classes)


def test_representative_is_the_simplified_member() -> None:
    classes = {c[0]: c for c in variants.load_table()["classes"]}
    assert sorted(classes["干"]) == sorted("乾干幹榦")
    assert sorted(classes["台"]) == sorted("台枱檯臺颱")
    assert fold("中國銀行") == "中国银行" and fold("臺灣") == "台湾"


def test_folding_is_character_level_never_phrase_level() -> None:
    assert fold("軟體") != fold("软件")        # a phrase converter would merge these
    assert fold("乾隆") == fold("干隆")        # and would miss this one
    assert fold("公里") == "公里"


def test_ascii_is_left_alone() -> None:
    assert fold("abc-123") == "abc-123"


def test_han_blocks_hold_every_cjk_unified_ideograph() -> None:
    outside = [cp for cp in range(sys.maxunicode + 1)
               if script.is_han(chr(cp))
               and not any(a <= cp <= b for a, b in script.HAN_BLOCKS)]
    assert outside == []
    assert script.HAN_BLOCKS == build_variants.HAN_BLOCKS


def test_han_ranges_match_the_unicode_name_definition() -> None:
    covered = {cp for a, b in script.han_ranges() for cp in range(a, b + 1)}
    expected = {cp for a, b in script.HAN_BLOCKS for cp in range(a, b + 1)
                if unicodedata.name(chr(cp), "").startswith("CJK UNIFIED IDEOGRAPH")}
    assert covered == expected

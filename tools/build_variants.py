"""Build the simplified/traditional variant classes (NAMING.md §6) from OpenCC.

Run at build time only (OpenCC is a dev dependency; the request path never imports it):

    .venv/bin/python -m tools.build_variants          # rewrites the shipped table
    .venv/bin/python -m tools.build_variants --check  # exit 1 if the shipped table is stale

Every CJK unified ideograph is converted on its own (never phrases, never a regional
phrase table) by each of the ten single-direction OpenCC configurations; every character
and its image are joined into one class (union-find). The representative of a class is
its simplified member: the member that OpenCC's t2s maps most members to (ties: the lowest
code point). Only classes with two or more members are shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "shared" / "registrar_shared" / "data" / "variants.json"
CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "t2tw", "tw2t", "t2hk", "hk2t")
# Blocks that hold the CJK unified ideographs (a test checks none lies elsewhere).
HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
              (0x2EBF0, 0x2EE5F), (0x30000, 0x323AF))


def han_characters() -> list[str]:
    return [chr(cp) for start, end in HAN_BLOCKS for cp in range(start, end + 1)
            if unicodedata.name(chr(cp), "").startswith("CJK UNIFIED IDEOGRAPH")]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def build() -> dict[str, Any]:
    import opencc  # build time only

    characters = han_characters()
    han = set(characters)
    groups = _UnionFind()
    for config in CONFIGS:
        converter = opencc.OpenCC(config)
        for char in characters:
            image = converter.convert(char)
            # Only one-to-one character mappings between Han characters form a class.
            if image != char and len(image) == 1 and image in han:
                groups.union(char, image)
    members: dict[str, list[str]] = {}
    for char in groups.parent:
        members.setdefault(groups.find(char), []).append(char)
    to_simplified = opencc.OpenCC("t2s")
    classes = []
    for group in members.values():
        if len(group) < 2:
            continue
        votes = Counter(to_simplified.convert(char) for char in group)
        representative = min(group, key=lambda c: (-votes.get(c, 0), ord(c)))
        rest = sorted((c for c in group if c != representative), key=ord)
        classes.append(representative + "".join(rest))
    classes.sort(key=lambda cls: ord(cls[0]))
    return {
        "source": f"OpenCC {opencc.__version__}, single characters, configs: "
                  + " ".join(CONFIGS),
        "unicode": unicodedata.unidata_version,
        "representative": "first character of each class (the simplified member)",
        "characters": sum(len(c) for c in classes),
        "classes": classes,
    }


def render(table: dict[str, Any]) -> str:
    head = {k: v for k, v in table.items() if k != "classes"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "classes": [']
    lines += [f"  {json.dumps(c, ensure_ascii=False)}," for c in table["classes"]]
    lines[-1] = lines[-1].rstrip(",")
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped file")
    args = parser.parse_args(argv)
    fresh = render(build())
    if args.check:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        if current != fresh:
            print(f"{TABLE} is stale: run python -m tools.build_variants", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(fresh, encoding="utf-8")
    table = json.loads(fresh)
    print(f"wrote {TABLE.relative_to(ROOT)}: {len(table['classes'])} classes, "
          f"{table['characters']} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())

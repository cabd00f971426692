"""Services share only registrar_shared and events: no service imports another's code, and
the shared package imports no service (it must build without services/)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["search", "orders", "realname", "dns", "notify"]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py") if "vendor" not in p.parts]


@pytest.mark.parametrize("service", SERVICES)
def test_service_imports_only_its_own_chalicelib(service: str) -> None:
    offenders = []
    for path in python_files(ROOT / "services" / service):
        for module in imported_modules(path):
            top = module.split(".")
            if top[0] == "chalicelib" and (len(top) < 2 or top[1] != service):
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
            if top[0] in ("infra", "tests"):
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []


def test_shared_package_imports_no_service_code() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {m}"
                 for p in python_files(ROOT / "shared")
                 for m in imported_modules(p)
                 if m.split(".")[0] in ("chalicelib", "infra", "tests", "app")]
    assert offenders == []


@pytest.mark.parametrize("service", SERVICES)
def test_chalicelib_is_a_namespace_package(service: str) -> None:
    assert not (ROOT / "services" / service / "chalicelib" / "__init__.py").exists()
    assert (ROOT / "services" / service / "chalicelib" / service / "__init__.py").exists()


def test_no_boto3_in_routes_or_rules() -> None:
    offenders = []
    for service in SERVICES:
        for name in ("app.py", f"chalicelib/{service}/rules.py", f"chalicelib/{service}/api.py"):
            path = ROOT / "services" / service / name
            if path.exists() and {"boto3", "os"} & {m.split(".")[0]
                                                   for m in imported_modules(path)}:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []

"""The suite's own layout: no test module imports another test module (shared helpers live in
helper modules), and bench/ does not import tests/ (the fake Discord is the top-level
`fakediscord` package both use)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module `source` (the text of `module`) imports, relative imports resolved, and
    every name a `from` import takes (it may be a module); `pytest_plugins` counts too."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            origin = ".".join([*base, *([node.module] if node.module else [])])
            found.add(origin)
            found.update(f"{origin}.{alias.name}".lstrip(".") for alias in node.names)
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "pytest_plugins"
            for target in node.targets
        ):
            found.update(
                item.value
                for item in ast.walk(node.value)
                if isinstance(item, ast.Constant) and isinstance(item.value, str)
            )
    return found


def imports_of(folder: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(ROOT)): imported_modules(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def is_test_module(name: str) -> bool:
    return any(part.startswith("test_") for part in name.split("."))


def test_the_check_sees_every_way_of_importing_a_module():
    source = """
import tests.foods.test_bot
from tests.assess.test_bot import answer_all
from tests.assess import test_bot
from .test_cli import magbot
from . import test_process
pytest_plugins = ["tests.ui.test_pages"]
"""
    found = imported_modules(source, "tests.foundation.helper")
    assert {
        "tests.foods.test_bot",
        "tests.assess.test_bot",
        "tests.foundation.test_cli",
        "tests.foundation.test_process",
        "tests.ui.test_pages",
    } <= found
    in_a_package = imported_modules("from .test_bot import x", "tests.assess", is_package=True)
    assert "tests.assess.test_bot" in in_a_package
    assert not any(map(is_test_module, imported_modules("import pytest_asyncio", "tests.x")))


def test_no_module_under_tests_imports_a_test_module():
    offenders = {
        path: sorted(filter(is_test_module, names))
        for path, names in imports_of("tests").items()
        if any(map(is_test_module, names))
    }
    assert offenders == {}


def test_bench_does_not_import_tests():
    offenders = {
        path: sorted(name for name in names if name.split(".")[0] == "tests")
        for path, names in imports_of("bench").items()
        if any(name.split(".")[0] == "tests" for name in names)
    }
    assert offenders == {}

"""The layers of bot/ (DESIGN.md, "Layers"), checked on its import graph: every import of every
module, at module level, inside functions and under ``if TYPE_CHECKING:``, read with ``ast``.

- Each layer imports only the layers below it (the table ``LAYERS``); the one import allowed
  for types only is an extension naming ``MagBot`` (extensions are loaded by name, never
  imported by the app).
- No import circle between modules, type-only imports included.
- Which food or study a person meant is the domain's answer; ui/ only renders it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "bot"


class Rule(NamedTuple):
    may_import: tuple[str, ...]
    """Modules of bot/ this layer may import: ``bot.x.*`` is bot.x and everything under it,
    ``bot.x`` that module alone."""
    why: str
    """Where DESIGN.md (or the code's own shape) says so."""
    for_types_only: tuple[str, ...] = ()
    """What it may also import under ``if TYPE_CHECKING:``, never at run time."""
    libraries_never: tuple[str, ...] = ()
    """Third-party (or standard) libraries this layer must not import."""


SQL = ("aiosqlite", "asyncpg", "sqlite3")

# Lowest first; keys and entries alike: ``bot.x.*`` is the package bot.x and everything in
# it, ``bot.x`` that one module. A module's layer is the key it falls under.
LAYERS: dict[str, Rule] = {
    "bot": Rule((), "the package itself: its version, nothing else"),
    "bot.errors": Rule((), "the one user-error type (Conventions, Errors): every layer raises it"),
    "bot.yamlfile": Rule((), "reading YAML, for settings and content alike"),
    "bot.domain.*": Rule(
        ("bot.domain.*", "bot.errors"),
        "domain/: pure logic, tested with plain values; no discord, aiosqlite or yaml, no I/O",
        libraries_never=("discord", "yaml", "aiohttp", *SQL),
    ),
    "bot.storage.*": Rule(
        ("bot.storage.*", "bot.domain.*", "bot.errors"),
        "storage/: repositories that return domain types; the only place SQL lives",
        libraries_never=("discord", "yaml"),
    ),
    "bot.content.*": Rule(
        ("bot.content.*", "bot.domain.*", "bot.yamlfile", "bot.errors", "bot.ui.limits"),
        "content/: config/*.yaml into validated domain models; of ui only Discord's limits, "
        "which are known in one place (ui/limits.py) and bound what content may say",
        libraries_never=("discord", *SQL),
    ),
    "bot.ui.*": Rule(
        ("bot.ui.*", "bot.domain.*", "bot.errors"),
        "ui/: domain results into embeds, views and files; it neither stores nor loads",
        libraries_never=("yaml", *SQL),
    ),
    "bot.settings": Rule(
        ("bot.yamlfile", "bot.errors"), "config/settings.yaml and the environment (Settings)"
    ),
    "bot.startup": Rule((), "the start-up package: waiting for services, registering commands"),
    "bot.startup.reconnect": Rule(
        (), "waiting out an unreachable service, for the app and the logs"
    ),
    "bot.startup.sync": Rule(
        ("bot.storage.*",),
        "command sync: registers when the JSON's hash (kept in the database) changed",
    ),
    "bot.observability.*": Rule(
        (
            "bot.observability.*",
            "bot.settings",
            "bot.storage.*",
            "bot.startup.reconnect",
            "bot.errors",
        ),
        "metrics, the health check and log lines: they read the bot through protocols, "
        "never by importing it",
    ),
    "bot.tree": Rule(
        ("bot.errors", "bot.ui.*", "bot.observability.*"),
        "the one error handler (Conventions, Errors): user errors shown via ui, failures counted",
    ),
    "bot.exts.*": Rule(
        (
            "bot.exts.*",
            "bot.domain.*",
            "bot.ui.*",
            "bot.storage.*",
            "bot.errors",
            "bot.content",
        ),
        "exts/: thin, parse the interaction, ask the domain, store, render; the knowledge "
        "base's types (bot.content), never its loader",
        for_types_only=("bot.app",),
        libraries_never=("yaml", *SQL),
    ),
    "bot.app": Rule(
        (
            "bot.exts",
            "bot.content",
            "bot.domain.*",
            "bot.errors",
            "bot.observability.*",
            "bot.settings",
            "bot.startup.*",
            "bot.storage.*",
            "bot.tree",
            "bot.ui.*",
        ),
        "app.py wires settings → storage → content → extensions; it finds the extensions by "
        "name in the bot.exts package and never imports one",
    ),
    "bot.cli": Rule(
        (
            "bot.app",
            "bot.content",
            "bot.errors",
            "bot.observability.*",
            "bot.settings",
            "bot.storage.*",
            "bot.startup.sync",
        ),
        "the `magbot` command: run the app, check the content, copy or back up the database",
    ),
    "bot.__main__": Rule(("bot.cli",), "`python -m bot` is `magbot`"),
}


@dataclass(frozen=True)
class Import:
    module: str
    """The importing module."""
    target: str
    """A module of bot/ (the nearest one to what is named), or a library's top-level name."""
    line: int
    types_only: bool

    def __str__(self) -> str:
        kind = " (types only)" if self.types_only else ""
        return f"{self.module}:{self.line} imports {self.target}{kind}"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nearest_module(name: str, known: set[str] | dict[str, Path]) -> str:
    """``name`` if it is a module of bot/, else its nearest enclosing one (``from bot.x import
    Thing`` imports bot.x); a library stays its top-level name."""
    if name.split(".")[0] != "bot":
        return name.split(".")[0]
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports_in(
    source: str, module: str, is_package: bool, known: set[str] | dict[str, Path]
) -> list[Import]:
    """Every import in ``source`` (the text of ``module``), wherever it is, relative ones
    resolved; those under ``if TYPE_CHECKING:`` are marked types-only."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: list[Import] = []

    def visit(node: ast.AST, types_only: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, types_only)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _nearest_module(alias.name, known)
                found.append(Import(module, target, node.lineno, types_only))
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            origin = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                named = f"{origin}.{alias.name}"
                target = named if named in known else _nearest_module(origin, known)
                found.append(Import(module, target, node.lineno, types_only))
        for child in ast.iter_child_nodes(node):
            visit(child, types_only)

    visit(ast.parse(source), False)
    return [i for i in found if i.target != module]


def all_imports() -> list[Import]:
    return [
        found
        for name, path in MODULES.items()
        for found in imports_in(
            path.read_text(encoding="utf-8"), name, path.name == "__init__.py", MODULES
        )
    ]


IMPORTS = all_imports()


def layer_of(module: str) -> str | None:
    return next((key for key in LAYERS if allowed(module, (key,))), None)


def allowed(target: str, patterns: tuple[str, ...]) -> bool:
    return any(
        target == pattern.removesuffix(".*")
        or (pattern.endswith(".*") and target.startswith(pattern.removesuffix("*")))
        for pattern in patterns
    )


def layer_violations(imports: list[Import]) -> list[str]:
    problems = []
    for found in imports:
        layer = layer_of(found.module)
        if layer is None:
            problems.append(f"{found.module} belongs to no layer: add it to LAYERS")
            continue
        rule = LAYERS[layer]
        if found.target.split(".")[0] != "bot":
            if found.target in rule.libraries_never:
                problems.append(f"{found}: {layer} never imports {found.target} ({rule.why})")
            continue
        types = rule.for_types_only if found.types_only else ()
        if not allowed(found.target, rule.may_import + types):
            problems.append(f"{found}: {layer} may import {', '.join(rule.may_import)}")
    return problems


def cycles(imports: list[Import]) -> list[tuple[list[str], set[str]]]:
    """Each group of modules that import each other (Tarjan's strongly connected
    components), with one circle through it as a path a → … → a."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        if found.target.split(".")[0] == "bot":
            graph.setdefault(found.module, set()).add(found.target)
            graph.setdefault(found.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [(_path_through(graph, group), group) for group in groups]


def _path_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    start = min(group)
    seen = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & group):
            if nxt == start:
                return [*seen[node], start]
            if nxt not in seen:
                seen[nxt] = [*seen[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no circle through {start}")


# --- the check itself -----------------------------------------------------------------------


def test_the_check_sees_every_way_of_importing_a_module():
    source = """
import bot.ui.limits
from bot.domain.catalogue import Catalogue
from . import models
from ..errors import UserError
from typing import TYPE_CHECKING
import discord.ui

def later():
    from bot.storage import Storage

if TYPE_CHECKING:
    from bot.app import MagBot
else:
    import bot.sync
"""
    known = {"bot.ui.limits", "bot.domain.catalogue", "bot.domain.models", "bot.errors"}
    known |= {"bot.storage", "bot.app", "bot.sync", "bot.domain", "bot.ui", "bot"}
    found = {(i.target, i.types_only) for i in imports_in(source, "bot.domain.x", False, known)}
    assert found == {
        ("bot.ui.limits", False),
        ("bot.domain.catalogue", False),
        ("bot.domain.models", False),
        ("bot.errors", False),
        ("typing", False),
        ("discord", False),
        ("bot.storage", False),
        ("bot.app", True),
        ("bot.sync", False),
    }


def test_the_check_finds_circles_and_forbidden_imports():
    def imp(module: str, target: str, types_only: bool = False) -> Import:
        return Import(module, target, 1, types_only)

    graph = [imp("bot.app", "bot.tree"), imp("bot.tree", "bot.app", types_only=True)]
    assert cycles(graph) == [(["bot.app", "bot.tree", "bot.app"], {"bot.app", "bot.tree"})]
    assert cycles([imp("bot.exts.foods", "bot.app", True), imp("bot.app", "bot.exts")]) == []
    assert layer_violations([imp("bot.exts.foods", "bot.app", types_only=True)]) == []
    bad = [
        imp("bot.exts.foods", "bot.app"),
        imp("bot.ui.replies", "bot.app", types_only=True),
        imp("bot.domain.models", "discord"),
        imp("bot.content.loader", "bot.ui.choices"),
        imp("bot.app", "bot.exts.foods"),
        imp("bot.newthing", "bot.errors"),
    ]
    assert len(layer_violations(bad)) == len(bad)


def test_every_module_is_in_a_layer_and_every_rule_is_explained():
    assert all(rule.why for rule in LAYERS.values())
    assert [name for name in MODULES if layer_of(name) is None] == []


# --- the layers -----------------------------------------------------------------------------


def test_each_layer_imports_only_what_is_below_it():
    problems = layer_violations(IMPORTS)
    assert not problems, "\n".join(problems)


def test_nothing_imports_the_app_or_an_extension_from_below():
    """Only the entry point imports the app at run time, and only extensions for types
    (they are loaded by name, so that is never a circle); only extensions import an
    extension's module (bot.app lists the package, it never imports a feature)."""

    def may_name(found: Import) -> bool:
        if found.target == "bot.app":
            return found.module == "bot.cli" or (
                found.types_only and found.module.startswith("bot.exts.")
            )
        if found.target.startswith("bot.exts."):
            return found.module.startswith("bot.exts.")
        return True

    upward = [str(found) for found in IMPORTS if not may_name(found)]
    assert not upward, "\n".join(upward)


def test_features_never_reach_into_each_other():
    """DESIGN.md: a feature reacts to another through an explicit seam, never by name; what
    extensions share is in a private ``bot/exts/_*.py`` module, and a feature grown into a
    package (``bot/exts/reminder/``) keeps its own private modules."""

    def feature(module: str) -> str:
        return module.removeprefix("bot.exts.").split(".")[0]

    reaching = [
        str(i)
        for i in IMPORTS
        if i.module.startswith("bot.exts.")
        and i.target.startswith("bot.exts.")
        and not feature(i.target).startswith("_")
        and not (feature(i.target) == feature(i.module) and i.target.split(".")[-1][0] == "_")
    ]
    assert not reaching, "\n".join(reaching)


def test_no_import_circle_not_even_for_types():
    found = [
        f"{' → '.join(path)} (and all of: {', '.join(sorted(group))})"
        for path, group in cycles(IMPORTS)
    ]
    assert not found, "import circles:\n" + "\n".join(found)


# --- which food or study a person meant -----------------------------------------------------


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _methods(module: str, cls: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == cls]
    return {f.name for c in classes for f in c.body if isinstance(f, ast.FunctionDef)}


def test_food_and_study_resolution_live_in_the_domain():
    assert {"search", "resolve"} <= _methods("bot.domain.catalogue", "Catalogue")
    assert {"search", "resolve"} <= _methods("bot.domain.studies", "StudyIndex")


TEXT_HELPERS = {"search_words", "normalise"}
"""What of bot.domain.search may be used outside the domain: the text form of a name, to
compare a typed portion or build the catalogue's index texts, never a ranking."""

MATCHING = re.compile(
    r"fuzzy|closest|close_(food|stud|match)|similar|match(es|ing)?(_|$)|starting_with|named_(food|study)"
)
"""Names of the helpers ui/ once held (named_food, close_foods, _starting_with) and their kin."""


def test_outside_the_domain_names_are_only_rendered_never_ranked():
    """ui/ and exts/ ask the catalogue or the study index: no layer but the domain uses search
    internals or a text-matching library, and ui/ and exts/ define no matching helper; each of
    their functions named after searching or resolving hands the question to the domain."""
    problems = []
    for found in IMPORTS:
        if found.module.startswith("bot.domain"):
            continue
        if found.target in {"difflib", "rapidfuzz", "thefuzz", "jellyfish"}:
            problems.append(f"{found}: text matching belongs in bot/domain/")
    for name, path in MODULES.items():
        if name.startswith("bot.domain"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            taken: set[str] = set()
            if isinstance(node, ast.ImportFrom) and node.module == "bot.domain.search":
                taken = {alias.name for alias in node.names} - TEXT_HELPERS
            elif isinstance(node, ast.ImportFrom) and node.module == "bot.domain":
                taken = {alias.name for alias in node.names} & {"search"}
            elif isinstance(node, ast.Import):
                taken = {alias.name for alias in node.names} & {"bot.domain.search"}
            if taken:
                problems.append(f"{name}:{node.lineno} takes {sorted(taken)} of domain.search")
        if not name.startswith(("bot.ui.", "bot.exts.")):
            continue  # the layers that handle what a person typed
        for function in _functions(tree):
            if MATCHING.search(function.name):
                problems.append(f"{name}:{function.lineno} {function.name}() matches names")
            if re.search(r"search|resolve", function.name) and not any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in {"search", "resolve"}
                for call in ast.walk(function)
            ):
                problems.append(
                    f"{name}:{function.lineno} {function.name}() resolves without the domain"
                )
    assert not problems, "\n".join(problems)

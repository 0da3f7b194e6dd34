"""The house's arrows: tipcli's imports (module level and inside functions), walked with ast.

No cycle between tip's modules; typer and rich only in the CLI and output; search and facts
never import each other; SQL (sqlite3) only in index/; JSON only in records.py.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tipcli"

# Modules that may import a library the rules below otherwise keep out, and why.
TERMINAL_LIBRARIES = ("typer", "rich", "click")
TERMINAL_ALLOWED = ("tipcli.cli", "tipcli.__main__", "tipcli.output")
SQL_ALLOWED = ("tipcli.index",)
JSON_ALLOWED = ("tipcli.records",)  # the one JSON writer (and reader of its own output)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> Iterator[str]:
    """Every module a file imports when it runs, wherever the import statement is (imports
    under `if TYPE_CHECKING:` never run, so they are not arrows)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _run_time_nodes(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _run_time_nodes(node: ast.AST) -> Iterator[ast.AST]:
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            for other in child.orelse:
                yield from _run_time_nodes(other)
        else:
            yield from _run_time_nodes(child)


def tip_graph() -> dict[str, set[str]]:
    """Module -> the tip modules it imports (`from tipcli.x import y` counts y if a module)."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        graph[name] = {t for t in imports(path) if t in known and t != name}
    return graph


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle() -> None:
    cycle = find_cycle(tip_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def _offending(library_prefixes: tuple[str, ...], allowed: tuple[str, ...]) -> list[str]:
    found = []
    for name, path in modules().items():
        if _under(name, allowed):
            continue
        found += [f"{name} imports {t}" for t in imports(path) if _under(t, library_prefixes)]
    return found


def test_typer_and_rich_only_in_the_cli_and_output() -> None:
    assert _offending(TERMINAL_LIBRARIES, TERMINAL_ALLOWED) == []


def test_sql_only_in_the_index() -> None:
    assert _offending(("sqlite3",), SQL_ALLOWED) == []


def test_json_only_in_records() -> None:
    assert _offending(("json",), JSON_ALLOWED) == []


@pytest.mark.parametrize(("a", "b"), [("tipcli.search", "tipcli.facts"),
                                      ("tipcli.facts", "tipcli.search")])  # fmt: skip
def test_search_and_facts_never_import_each_other(a: str, b: str) -> None:
    for name, path in modules().items():
        if _under(name, (a,)):
            assert [t for t in imports(path) if _under(t, (b,))] == [], name


def test_the_core_does_not_import_the_cli_or_output() -> None:
    core = ("tipcli.load", "tipcli.facts", "tipcli.search", "tipcli.index", "tipcli.model",
            "tipcli.records", "tipcli.errors", "tipcli.session")  # fmt: skip
    for name, path in modules().items():
        if _under(name, core):
            assert not [t for t in imports(path) if _under(t, ("tipcli.cli", "tipcli.output"))]


def test_load_and_facts_only_reached_through_ingest_from_the_index() -> None:
    for name, path in modules().items():
        if _under(name, ("tipcli.index",)) and name != "tipcli.index.ingest":
            wrong = [t for t in imports(path) if _under(t, ("tipcli.facts",))]
            assert wrong == [], (name, wrong)

"""The floor plan: a few core files and the stage folders, no import loops, the vocabulary once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
STAGES = {"language", "ingest", "models", "storage", "retrieval", "answering", "incidents", "counting", "interfaces", "evaluation"}


def modules() -> dict[str, Path]:
    """``{dotted module name: path}`` of every module of the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports (anywhere in it, ``TYPE_CHECKING`` blocks excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
               for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name and not name.startswith(candidate + "."):
                found.add(candidate)
    return found


def test_the_package_top_holds_the_core_files_and_the_stage_folders_only():
    files = sorted(p.name for p in PACKAGE.glob("*.py"))
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert len(files) <= 8, files
    assert {"api.py", "types.py", "errors.py", "config.py"} <= set(files)
    assert folders == STAGES, folders ^ STAGES


def test_no_two_modules_import_each_other_directly_or_in_a_loop():
    found = modules()
    graph = {name: imports_of(name, path, set(found)) for name, path in found.items()}
    # a package's __init__ re-exports its modules: an edge into a package means its modules
    loops = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                loops.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not loops, loops


VOCABULARY = {
    "month names": (re.compile(r"\bjanuary\W+(?:\w+\W+){0,3}february\b|Jan\(\?:uary\)|\bjan\W+feb\b", re.IGNORECASE),
                    {"language/dates.py"}),
    "a year pattern": (re.compile(r"\(\?:19\|20\)\\d\\d|\(\?:1\[5-9\]\|20\)\\d\\d|1\[5-9\]\\d\\d|20\\d\\d"),
                       {"language/dates.py"}),
    "number words": (re.compile(r"\bseventeen\b|\bthirteen\b", re.IGNORECASE), {"language/numbers.py"}),
    "a name pattern": (re.compile(r"\[A-Z\]\[a-z|\[A-Z\]\[A-Za-z'|\\p\{Lu\}"), {"language/names.py"}),
    "stop words": (re.compile(r"\bwhom\s+whose\b"), {"language/tokens.py"}),
}


def test_the_vocabulary_is_defined_in_one_place():
    for what, (pattern, homes) in VOCABULARY.items():
        where = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8")))
        assert set(where) == homes, f"{what}: {where}"

"""The package's shape: no import circles, small modules, every package says what it offers."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"
MAX_LINES = 300


def import_graph() -> dict[str, set[str]]:
    """Every import between summarizer's modules: at the top, inside functions and under
    TYPE_CHECKING alike (a circle through any of them is still a circle to read)."""
    graph = grimp.build_graph("summarizer", cache_dir=None)
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def test_no_module_imports_itself_back() -> None:
    try:
        graphlib.TopologicalSorter(import_graph()).prepare()
    except graphlib.CycleError as circle:
        pytest.fail("import circle: " + " imports ".join(reversed(circle.args[1])))


def test_packages_import_one_way() -> None:
    """The folder tree is the architecture: text, models, checks, engines, tasks, pipeline,
    scoring, report and cli each import only packages below them (summarizer's own __init__,
    which names the public API, stands above them all)."""
    packages: dict[str, set[str]] = {}
    for module, imported in import_graph().items():
        if module == "summarizer":
            continue
        below = {package_of(other) for other in imported} - {package_of(module)}
        packages.setdefault(package_of(module), set()).update(below)
    try:
        graphlib.TopologicalSorter(packages).prepare()
    except graphlib.CycleError as circle:
        pytest.fail("packages import each other: " + " imports ".join(reversed(circle.args[1])))


def package_of(module: str) -> str:
    """`summarizer.pipeline.core` → `summarizer.pipeline`; a top-level module is its own."""
    return ".".join(module.split(".")[:2])


def test_a_circle_would_be_found() -> None:
    graph = import_graph()
    graph["summarizer.errors"].add("summarizer.pipeline.core")
    with pytest.raises(graphlib.CycleError):
        graphlib.TopologicalSorter(graph).prepare()


def test_the_graph_sees_imports_inside_functions_and_for_type_checking() -> None:
    graph = import_graph()
    assert "summarizer.executors.local" in graph["summarizer.pipeline.core"]  # in Pipeline.run
    assert "summarizer.pipeline.core" in graph["summarizer.scoring.evaluate"]  # TYPE_CHECKING


@pytest.mark.parametrize(
    "module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_modules_stay_small(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module.name} has {lines} lines; split it by concern"


@pytest.mark.parametrize(
    "package", sorted(PACKAGE.rglob("__init__.py")), ids=lambda p: str(p.parent.name)
)
def test_every_package_names_what_it_offers(package: Path) -> None:
    docstring = ast.get_docstring(ast.parse(package.read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 15, f"{package} needs a docstring"

"""Structure of the package: the public interface is a test, and imports point one way.

docs/api.md is the one list of public names: every public module (no part of its dotted name starts
with ``_``) has a section there that equals its ``__all__``, and nothing is public by accident.
Modules do not import each other's private names, no module shadows itself with a function or class
of its own name, and ``simulator/literature`` holds data only: it imports no engine module, and every
Citation it defines backs some number (or is used by name by an engine module).
"""

import ast
import dataclasses
import importlib
import inspect
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "simulator"
LITERATURE = PACKAGE / "literature"
API = ROOT / "docs" / "api.md"


def _module_name(path: Path) -> str:
    """Return the dotted name of a file under simulator/ ("simulator/literature/__init__.py" -> "simulator.literature")."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
MODULES = sorted(SOURCES)
PUBLIC_MODULES = [name for name in MODULES if not any(part.startswith("_") for part in name.split("."))]
LITERATURE_MODULES = [name for name in MODULES if name == "simulator.literature" or name.startswith("simulator.literature.")]


def _api_sections() -> dict:
    """Parse docs/api.md into {module: [names]}, checking the format of every heading and entry."""
    sections, current = {}, None
    for number, line in enumerate(API.read_text().splitlines(), start=1):
        if line.startswith("#"):
            heading = re.fullmatch(r"## (simulator(?:\.\w+)*)", line)
            if heading is None:
                assert line.startswith("# ") and current is None, f"docs/api.md:{number}: unexpected heading {line!r}"
                continue
            current = heading.group(1)
            assert current not in sections, f"docs/api.md:{number}: section {current} appears twice"
            sections[current] = []
        elif line.startswith("- "):
            entry = re.fullmatch(r"- `([A-Za-z_]\w*)`: (\S.*)", line)
            assert entry is not None, f"docs/api.md:{number}: an entry reads - `name`: description, got {line!r}"
            assert current is not None, f"docs/api.md:{number}: entry outside a module section"
            sections[current].append(entry.group(1))
    return sections


def _is_class_or_function(obj) -> bool:
    return inspect.isclass(obj) or inspect.isfunction(obj)


def _target(module: str, node: ast.ImportFrom) -> str:
    """Return the absolute dotted module of ``from ... import`` written in ``module``."""
    if node.level == 0:
        return node.module or ""
    package = module if SOURCES[module].name == "__init__.py" else module.rpartition(".")[0]
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str):
    """Yield (line, dotted module, imported name or None) for every import in ``module`` (nested ones too)."""
    tree = ast.parse(SOURCES[module].read_text(), filename=str(SOURCES[module]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                yield node.lineno, _target(module, node), alias.name


def _is_simulator(dotted: str) -> bool:
    return dotted == "simulator" or dotted.startswith("simulator.")


# ----------------------------------------------------------------------------- docs/api.md is the list


def test_api_md_has_one_section_per_public_module():
    sections = _api_sections()
    missing = sorted(set(PUBLIC_MODULES) - set(sections))
    unknown = sorted(set(sections) - set(PUBLIC_MODULES))
    assert not missing, f"public modules without a section in docs/api.md: {missing}"
    assert not unknown, f"docs/api.md sections for modules that do not exist or are private: {unknown}"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_equals_the_api_md_section(name):
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} defines no __all__"
    exported = list(module.__all__)
    assert all(isinstance(x, str) for x in exported), f"{name}.__all__ must hold strings"
    assert len(set(exported)) == len(exported), f"{name}.__all__ lists a name twice"
    absent = [x for x in exported if not hasattr(module, x)]
    assert not absent, f"{name}.__all__ lists names the module does not have: {absent}"
    documented = _api_sections().get(name)
    assert documented is not None, f"docs/api.md has no section '## {name}'"
    assert len(set(documented)) == len(documented), f"docs/api.md lists a name of {name} twice"
    undocumented = sorted(set(exported) - set(documented))
    stale = sorted(set(documented) - set(exported))
    assert not undocumented, f"in {name}.__all__ but not in docs/api.md: {undocumented}"
    assert not stale, f"in docs/api.md under {name} but not in its __all__: {stale}"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_nothing_is_public_by_accident(name):
    module = importlib.import_module(name)
    exported = set(getattr(module, "__all__", ()))
    accidental = sorted(
        attribute
        for attribute, obj in vars(module).items()
        if not attribute.startswith("_") and _is_class_or_function(obj) and obj.__module__ == name and attribute not in exported
    )
    assert not accidental, (
        f"{name} defines public classes or functions missing from __all__: {accidental}; "
        "add them to __all__ and docs/api.md, or rename them with a leading underscore"
    )


# ----------------------------------------------------------------------------- imports


def test_no_module_imports_a_private_name_of_another():
    """Private modules (``_validate``) may be imported; names starting with ``_`` may not."""
    offences = []
    for module in MODULES:
        for line, target, name in _imports(module):
            if name is None or not _is_simulator(target) or not name.startswith("_"):
                continue
            if name.startswith("__") and name.endswith("__"):
                continue
            if f"{target}.{name}" in SOURCES:  # a private module, not a private name
                continue
            offences.append(f"{SOURCES[module].relative_to(ROOT)}:{line}: from {target} import {name}")
    assert not offences, "private names imported from another module:\n" + "\n".join(offences)


def _ancestors(name: str) -> list:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


def test_no_module_is_named_like_a_function_or_class_it_exports():
    """A module ``simulate.py`` exporting ``simulate`` would be shadowed in its package by the function."""
    clashes = []
    for name in MODULES:
        stem = name.rpartition(".")[2]
        module = importlib.import_module(name)
        for owner in (module, *(importlib.import_module(p) for p in _ancestors(name))):
            obj = getattr(owner, stem, None)
            if _is_class_or_function(obj):
                clashes.append(f"{owner.__name__}.{stem} is {obj!r}, but {name} is a module")
    assert not clashes, "\n".join(clashes)


def _allowed_in_literature(dotted: str) -> bool:
    top = dotted.split(".")[0]
    if top in sys.stdlib_module_names or top == "numpy":
        return True
    return dotted in ("simulator._validate", "simulator.literature") or dotted.startswith("simulator.literature.")


@pytest.mark.parametrize("name", LITERATURE_MODULES)
def test_literature_imports_only_data_and_validation(name):
    """literature/ holds data only: standard library, numpy, simulator._validate and other literature modules."""
    bad = []
    for line, target, imported in _imports(name):
        dotted = target
        if imported is not None and f"{target}.{imported}" in SOURCES:  # from .. import _validate
            dotted = f"{target}.{imported}"
        if not _allowed_in_literature(dotted):
            bad.append(f"{SOURCES[name].relative_to(ROOT)}:{line}: imports {dotted}")
    assert not bad, "literature/ must not import engine modules or other packages:\n" + "\n".join(bad)


# ----------------------------------------------------------------------------- citations


def _module_level_objects():
    for name in LITERATURE_MODULES:
        module = importlib.import_module(name)
        for attribute, obj in vars(module).items():
            if not attribute.startswith("__") and not inspect.ismodule(obj):
                yield name, attribute, obj


def _citations_reached(roots) -> set:
    """Return the ids of the Citations reachable from ``roots`` through dataclass fields, mappings and sequences."""
    from simulator.literature import Citation

    found, seen, stack = set(), set(), list(roots)
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, Citation):
            found.add(id(obj))
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            stack.extend(getattr(obj, f.name) for f in dataclasses.fields(obj))
        elif isinstance(obj, Mapping):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (tuple, list, set, frozenset)):
            stack.extend(obj)
    return found


def test_every_citation_in_literature_is_used():
    """A Citation backs a number (reachable from another module-level object) or is used by name outside literature/."""
    from simulator.literature import Citation

    citations = {}  # id -> (citation, [module.NAME, ...])
    roots = []
    for module, attribute, obj in _module_level_objects():
        if isinstance(obj, Citation):
            citations.setdefault(id(obj), (obj, []))[1].append(f"{module}.{attribute}")
        else:
            roots.append(obj)
    assert citations, "no Citation found in simulator/literature: the walk is broken"
    reached = _citations_reached(roots)
    engine = "\n".join(path.read_text() for name, path in SOURCES.items() if name not in LITERATURE_MODULES)
    unused = []
    for key, (citation, names) in citations.items():
        if key in reached:
            continue
        if any(re.search(rf"\b{re.escape(n.rpartition('.')[2])}\b", engine) for n in names):
            continue
        unused.append(f"{' = '.join(sorted(set(names)))} ({citation.short()})")
    assert not unused, "Citations that back no number and are used by no module:\n" + "\n".join(sorted(unused))


# ----------------------------------------------------------------------------- views draw results


VIEWS = sorted([*(PACKAGE / "plotting").rglob("*.py"), *(PACKAGE / "widgets").rglob("*.py")])
#: Model functions a view may not call: figures take result objects, and an explorer computes them in its draw.
MODEL_CALLS = ("simulate", "simulate_sets", "occupancy_curve", "occupancy_curves", "equilibrium_occupancy")
#: Longest module of the plotting package, lines.
MAX_PLOTTING_LINES = 500


def _model_calls_outside_draw(tree: ast.AST) -> list:
    """Return (line, name) of every call of a MODEL_CALLS function outside a ``draw`` method of a class."""
    found = []

    def visit(node, in_draw: bool, in_class: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_draw = in_draw or (in_class and node.name == "draw")
            in_class = False
        elif isinstance(node, ast.ClassDef):
            in_class = True
        elif isinstance(node, ast.Call) and not in_draw:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in MODEL_CALLS:
                found.append((node.lineno, name))
        for child in ast.iter_child_nodes(node):
            visit(child, in_draw, in_class)

    visit(tree, False, False)
    return found


def test_the_check_for_model_calls_sees_them():
    tree = ast.parse(
        "class A:\n    def draw(self):\n        simulate(1)\n    def update(self):\n        sim.simulate(2)\n"
        "def f():\n    occupancy_curves()\n"
        "class B:\n    def g(self):\n        def draw():\n            equilibrium_occupancy({})\n"
    )
    assert _model_calls_outside_draw(tree) == [(5, "simulate"), (7, "occupancy_curves"), (11, "equilibrium_occupancy")]
    old = ast.parse("def sets_figure(regimen):\n    for name in names:\n        r = simulate(regimen, pk_set=name)\n")
    assert _model_calls_outside_draw(old) == [(3, "simulate")]  # what sets_figure did before it took results


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: str(p.relative_to(ROOT)))
def test_views_compute_no_model_outside_an_explorers_draw(path):
    """Figures take result objects only; widgets call the model in their ``draw`` method, nowhere else."""
    calls = _model_calls_outside_draw(ast.parse(path.read_text(), filename=str(path)))
    where = str(path.relative_to(ROOT))
    assert not calls, f"{where} calls the model outside a draw method: " + ", ".join(f"line {n}: {name}()" for n, name in calls)


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: str(p.relative_to(ROOT)))
def test_views_keep_no_undeclared_state(path):
    """Render state is a declared dataclass (plotting._base.RenderState), never written into an object's __dict__."""
    text = path.read_text()
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if "__dict__" in line]
    assert not lines, f"{path.relative_to(ROOT)} uses __dict__ on lines {lines}"


def test_every_plotting_module_is_short():
    modules = sorted((PACKAGE / "plotting").rglob("*.py"))
    assert len(modules) > 5, "simulator/plotting should be a package of one module per family of figures"
    long = {str(p.relative_to(ROOT)): n for p in modules if (n := len(p.read_text().splitlines())) > MAX_PLOTTING_LINES}
    assert not long, f"modules over {MAX_PLOTTING_LINES} lines: {long}"

"""The layer lists in the package docstrings name every module, and each module imports only the layers above it.

``helpers/__init__.py`` orders the top-level layers (modules and subpackages); each subpackage's
``__init__.py`` orders its own modules. A module may import any module of a layer above its own, and,
within its own subpackage, the modules listed above it.
"""

import ast
import importlib
import re

import helpers
from helpers import paths

PACKAGE = paths.ROOT / "src" / "helpers"
MAX_TOP_MODULES = 8
MAX_LINES = 600


def _listed(package) -> list[str]:
    """The dotted names (without ``helpers.``) listed in a package docstring, in order."""
    return [m.removeprefix("helpers.") for m in re.findall(r"^- ``(helpers\.[\w.]+)``", package.__doc__, re.M)]


def _subpackages() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def _module(path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def _imports(path) -> set[str]:
    """The helpers modules ``path`` imports, at any depth (function-local imports too), dotted without ``helpers.``."""
    module = _module(path)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif (node.module or "").startswith("helpers"):
                target = node.module.removeprefix("helpers").removeprefix(".")
            else:
                continue
            for alias in node.names:  # ``from helpers.text import clean`` imports helpers.text.clean
                found.add(f"{target}.{alias.name}".strip(".") if _is_module(f"{target}.{alias.name}".strip(".")) else target)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("helpers.") for a in node.names if a.name.startswith("helpers."))
    return found - {""}


def _is_module(dotted: str) -> bool:
    path = PACKAGE.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_every_layer_is_listed():
    top = {_module(p).split(".")[0] for p in PACKAGE.rglob("*.py") if _module(p)}
    assert _listed(helpers) == [name for name in _listed(helpers) if name in top]
    assert set(_listed(helpers)) == top


def test_every_module_of_a_subpackage_is_listed():
    for name in _subpackages():
        package = importlib.import_module(f"helpers.{name}")
        modules = {_module(p) for p in (PACKAGE / name).rglob("*.py") if p.name != "__init__.py"}
        top_level = {".".join(m.split(".")[:2]) for m in modules}  # a module, or a sub-subpackage
        assert set(_listed(package)) == top_level, name


def test_each_module_imports_only_the_layers_above_it():
    order = {name: i for i, name in enumerate(_listed(helpers))}
    within = {name: {m: i for i, m in enumerate(_listed(importlib.import_module(f"helpers.{name}")))} for name in _subpackages()}
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        if not module:
            continue
        layer = module.split(".")[0]
        for imported in _imports(path):
            other = imported.split(".")[0]
            if other != layer:
                if order[other] >= order[layer]:
                    wrong.append(f"{module} imports {imported}")
                continue
            if path.name == "__init__.py" or layer not in within or imported == layer:
                continue
            mine, theirs = ".".join(module.split(".")[:2]), ".".join(imported.split(".")[:2])
            if mine != theirs and within[layer][theirs] >= within[layer][mine]:
                wrong.append(f"{module} imports {imported}")
    assert not wrong


def test_the_top_level_shows_the_layers():
    """At most 8 modules directly in ``src/helpers/``, and no module over 600 lines."""
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long


def test_nested_subpackages_list_their_modules_in_import_order():
    """A subpackage inside a layer (``text.pagefinder``) lists its modules, and each imports only those above it."""
    wrong = []
    for init in sorted(PACKAGE.glob("*/*/__init__.py")):
        name = _module(init)
        package = importlib.import_module(f"helpers.{name}")
        listed = _listed(package)
        modules = {_module(p) for p in init.parent.glob("*.py") if p.name != "__init__.py"}
        assert set(listed) == modules, name
        order = {m: i for i, m in enumerate(listed)}
        for path in sorted(init.parent.glob("*.py")):
            if path.name == "__init__.py":
                continue
            mine = _module(path)
            for imported in _imports(path):
                theirs = ".".join(imported.split(".")[: mine.count(".") + 1])
                if theirs in order and theirs != mine and order[theirs] >= order[mine]:
                    wrong.append(f"{mine} imports {imported}")
    assert not wrong

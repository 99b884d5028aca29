"""The package docstring's layer list names every module, and each imports only the layers above it."""

import ast
import re

import helpers
from helpers import paths

PACKAGE = paths.ROOT / "src" / "helpers"


def _layers() -> list[str]:
    return [m.removeprefix("helpers.") for m in re.findall(r"^- ``(helpers\.\w+)``", helpers.__doc__, re.M)]


def _module(path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def _imports(path) -> set[str]:
    """helpers modules ``path`` imports, at any depth (function-local imports too), as top-level names."""
    module = _module(path)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [target[0]] if target else [a.name for a in node.names]
            found.update(names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("helpers."))
    return found


def test_every_module_is_in_the_layer_list():
    top = {_module(p).split(".")[0] for p in PACKAGE.rglob("*.py") if _module(p)}
    assert set(_layers()) == top


def test_each_module_imports_only_the_layers_above_it():
    order = {name: i for i, name in enumerate(_layers())}
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        if not module:
            continue
        layer = module.split(".")[0]
        for imported in _imports(path) - {layer}:
            if order[imported] >= order[layer]:
                wrong.append(f"{module} imports {imported}")
    assert not wrong

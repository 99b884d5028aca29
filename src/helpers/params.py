"""Notebook parameters: read from each notebook's ``parameters`` cell, checked before anything runs.

The parameters cell is the single source of truth (names, annotated types, defaults, help), as
``papermill --help-notebook`` shows it; ``--set name=value`` overrides are converted to the
annotated type and refused, with a message naming the parameter and the value, when unknown, of
the wrong type or outside their allowed values. Nothing here imports papermill, so checking is fast.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

from . import paths

__all__ = ["notebook_parameters", "parse_overrides", "BUILD_OWNED"]

BUILD_OWNED = {
    "raw_dir": "move data/ and reports/ with NEWS_TONE_WORKDIR instead",
    "processed_dir": "move data/ and reports/ with NEWS_TONE_WORKDIR instead",
    "figures_dir": "figures go to reports/figures/",
    "article_id": "choose articles with --articles",
    "jobs": "use --jobs (make report JOBS=N)",
    "reported_list": "the build lists the article reports itself",
}
"""Parameters the build sets itself, with what to do instead."""

_CHOICES = {"topic_method": ("nmf", "lda"), "sentiment_scorer": ("vader", "news")}


def notebook_parameters(name: str) -> dict[str, tuple[str, object]]:
    """``notebooks/<name>.ipynb``'s parameters: name -> (annotated type, default value)."""
    source = paths.NOTEBOOKS / f"{name}.ipynb"
    if not source.exists():
        raise ValueError(f"there is no notebook {source.name} in {paths.NOTEBOOKS}")
    nb = json.loads(source.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    source_code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return {node.target.id: (ast.unparse(node.annotation), ast.literal_eval(node.value))
            for node in ast.parse(source_code).body if isinstance(node, ast.AnnAssign) and node.value is not None}


def parse_overrides(pairs: list[str], notebooks: list[str]) -> dict[str, dict]:
    """``name=value`` pairs -> the overrides of each notebook that declares the name.

    Raises ``ValueError`` naming the problem: an unknown name, a build-owned name, a value that is
    not of the annotated type, or one outside the allowed values.
    """
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    overrides: dict[str, dict] = {nb: {} for nb in notebooks}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if name in BUILD_OWNED:
            raise ValueError(f"parameter {name} is set by the build ({BUILD_OWNED[name]}); it cannot be given with --set")
        owners = [nb for nb, params in declared.items() if name in params]
        if not sep or not owners:
            known = sorted({p for params in declared.values() for p in params} - set(BUILD_OWNED))
            raise ValueError(f"unknown parameter {name!r} (expected name=value with one of: {', '.join(known)})")
        for nb in owners:
            overrides[nb][name] = _convert(name, text, declared[nb][name][0])
    for nb, values in overrides.items():
        _check(values | {k: v for k, (_, v) in declared[nb].items() if k not in values})
    return overrides


def _convert(name: str, text: str, kind: str):
    try:
        return {"int": int, "float": float, "str": str}[kind](text)
    except (KeyError, ValueError):
        raise ValueError(f"parameter {name} must be of type {kind}; got {text!r}") from None


def _check(values: dict) -> None:
    """Rules a single value can be checked against before anything runs."""
    if values.get("n_topics", 0) < 0:
        raise ValueError(f"n_topics must be 0 (choose) or a positive number of topics; got {values['n_topics']}")
    for name, allowed in _CHOICES.items():
        if name in values and values[name] not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {values[name]!r}")
    if values.get("sentiment_scorer") == "news" and not Path(values.get("scorer_training_dir") or "/-").is_dir():
        raise ValueError("sentiment_scorer 'news' needs scorer_training_dir=FOLDER holding the human-rated sets "
                         "(e.g. ../shared/validation/vader-ground-truth)")

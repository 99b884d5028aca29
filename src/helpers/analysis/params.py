"""Notebook parameters: read from each notebook's ``parameters`` cell, checked before anything runs.

The parameters cell is the single source of truth (names, annotated types, defaults, help), as
``papermill --help-notebook`` shows it; ``--set name=value`` overrides are converted to the
annotated type and refused, with a message naming the parameter and the value, when unknown, of
the wrong type or outside their allowed values. Nothing here imports papermill, so checking is fast.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from pathlib import Path

from helpers import paths

__all__ = ["notebook_parameters", "parse_overrides", "check", "BUILD_OWNED", "TIME_UNITS"]

BUILD_OWNED = {
    "raw_dir": "move data/ and reports/ with NEWS_TONE_WORKDIR instead",
    "processed_dir": "move data/ and reports/ with NEWS_TONE_WORKDIR instead",
    "figures_dir": "figures go to reports/figures/",
    "article_id": "choose articles with --articles",
    "jobs": "use --jobs (make report JOBS=N)",
    "reported_list": "the build lists the article reports itself",
}
"""Parameters the build sets itself, with what to do instead."""

TIME_UNITS = ("day", "week", "month", "quarter", "year")
"""The time bins of the reports' ``time_unit`` (empty: chosen from the date span)."""

_CHOICES = {"topic_method": ("nmf", "lda"), "sentiment_scorer": ("vader", "news")}


def notebook_parameters(name: str) -> dict[str, tuple[str, object]]:
    """``notebooks/<name>.ipynb``'s parameters: name -> (annotated type, default value)."""
    source = paths.NOTEBOOKS / f"{name}.ipynb"
    if not source.exists():
        raise ValueError(f"there is no notebook {source.name} in {paths.NOTEBOOKS}")
    nb = json.loads(source.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    source_code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return {
        node.target.id: (ast.unparse(node.annotation), ast.literal_eval(node.value))
        for node in ast.parse(source_code).body
        if isinstance(node, ast.AnnAssign) and node.value is not None
    }


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
        check(values | {k: v for k, (_, v) in declared[nb].items() if k not in values})
    return overrides


def _convert(name: str, text: str, kind: str):
    try:
        return {"int": int, "float": float, "str": str}[kind](text)
    except (KeyError, ValueError):
        raise ValueError(f"parameter {name} must be of type {kind}; got {text!r}") from None


_LIMITS = {
    "n_topics": (0, "0 (choose) or a positive number of topics"),
    "smoothing_window": (1, "a positive number of paragraphs"),
    "lowpass_components": (1, "a positive integer"),
    "n_ranked": (1, "a positive number of articles"),
    "boilerplate_min_articles": (1, "a positive number of articles"),
    "jobs": (0, "0 (one per core) or a positive number of processes"),
}
"""Numeric parameters with a lower bound, and what the message says they must be."""


def check(values: Mapping[str, object]) -> None:
    """Check parameter values, whichever notebook declares them; ``ValueError`` names the first bad one.

    The build runs this on every notebook's values before anything runs, and the notebooks run it
    in their set-up cell (through :mod:`helpers.report.data` and friends), so a bad value gets the
    same message from ``make report``, papermill and JupyterLab.

    >>> check({"smoothing_window": 0})
    Traceback (most recent call last):
    ...
    ValueError: smoothing_window must be a positive number of paragraphs; got 0
    """
    for name, (low, what) in _LIMITS.items():
        if name in values and values[name] < low:
            raise ValueError(f"{name} must be {what}; got {values[name]}")
    for name in ("max_mib", "boilerplate_min_share"):
        if name in values and not values[name] > 0:
            raise ValueError(f"{name} must be positive; got {values[name]}")
    if values.get("boilerplate_min_share", 0) > 1:
        raise ValueError(f"boilerplate_min_share must be a share of the articles, at most 1; got {values['boilerplate_min_share']}")
    for name, allowed in _CHOICES.items():
        if name in values and values[name] not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {values[name]!r}")
    if values.get("time_unit") and values["time_unit"] not in TIME_UNITS:
        raise ValueError(
            f"time_unit must be one of {', '.join(map(repr, TIME_UNITS))} (or empty: chosen from the date span); "
            f"got {values['time_unit']!r}"
        )
    if values.get("sentiment_scorer") == "news" and not Path(values.get("scorer_training_dir") or "/-").is_dir():
        raise ValueError(
            "sentiment_scorer 'news' needs scorer_training_dir=FOLDER holding the human-rated sets "
            "(e.g. ../shared/validation/vader-ground-truth)"
        )
    for name in ("bbc_dir", "validation_dir", "reuters_dir", "raw_dir"):
        if values.get(name) and not Path(values[name]).is_dir():
            raise ValueError(f"{name} must be an existing folder; got {values[name]!r}")

"""Notebook parameters: read from each notebook's ``parameters`` cell, checked before anything runs.

The parameters cell is the single source of truth (names, annotated types, defaults, help), as
``papermill --help-notebook`` shows it; ``--set name=value`` overrides are converted to the
annotated type and refused, with a message naming the parameter and the value, when unknown, of
the wrong type or outside their allowed values. Nothing here imports papermill, so checking is fast.

Every check of a parameter's value is a :class:`Rule` (what the value must be, and the words of the
message), checked by :func:`check`. :data:`RULES` holds the rules that need only the value; the
checks that need data build their rules from it and call the same :func:`check`: the metadata's
columns (:func:`helpers.analysis.metadata.check_parameters`), the cleaned corpus's size and columns
(:mod:`helpers.build.selection`), the validation's topic count
(:func:`helpers.analysis.validation.check_parameters`). Every message reads
``NAME must RULE; got VALUE``.

>>> check({"n_topics": 40}, {"n_topics": (between(1, 22, "between 1 and the number of articles (22)"),)})
Traceback (most recent call last):
...
ValueError: n_topics must be between 1 and the number of articles (22); got 40
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from helpers import paths

__all__ = [
    "notebook_parameters",
    "parse_overrides",
    "Rule",
    "at_least",
    "between",
    "positive",
    "one_of",
    "column_of",
    "folder",
    "RULES",
    "check",
    "BUILD_OWNED",
    "TIME_UNITS",
]

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


@dataclass(frozen=True)
class Rule:
    """What one parameter's value must be.

    Attributes
    ----------
    test : callable
        ``test(value)`` is true for a good value.
    must : str
        The rule in words, as the message says it: ``NAME must MUST; got VALUE``.
    empty_ok : bool, default=False
        An empty value (``""``) passes: the parameter is not set.
    """

    test: Callable[[object], bool]
    must: str
    empty_ok: bool = False

    def check(self, name: str, value) -> None:
        """``ValueError`` naming the parameter, the rule and the value when the value breaks the rule."""
        if self.empty_ok and (value is None or value == ""):
            return
        if not self.test(value):
            raise ValueError(f"{name} must {self.must}; got {value!r}")


def at_least(low: float, what: str) -> Rule:
    """A number of at least ``low``; ``what`` says what it counts (``"a positive number of articles"``)."""
    return Rule(lambda v: v >= low, f"be {what}")


def between(low: float, high: float, what: str) -> Rule:
    """A number from ``low`` to ``high``; ``what`` says why (``"between 1 and the number of articles (22)"``)."""
    return Rule(lambda v: low <= v <= high, f"be {what}")


def positive() -> Rule:
    """A number above 0."""
    return Rule(lambda v: v > 0, "be positive")


def one_of(allowed: Collection, *, empty: str = "") -> Rule:
    """One of ``allowed`` (listed in the message); with ``empty``, also empty, and the message says what empty means."""
    listed = ", ".join(map(repr, allowed))
    return Rule(lambda v: v in allowed, f"be one of {listed}" + (f" (or empty: {empty})" if empty else ""), empty_ok=bool(empty))


def column_of(columns: Collection[str], must: str, *, none: str) -> Rule:
    """The name of one of ``columns`` (listed in the message, or ``none`` when there are none), or empty.

    >>> column_of(["outlet"], "be a metadata column", none="none").must
    'be a metadata column (outlet)'
    """
    return Rule(lambda v: v in columns, f"{must} ({', '.join(columns) or none})", empty_ok=True)


def folder() -> Rule:
    """An existing folder, or empty."""
    return Rule(lambda v: Path(v).is_dir(), "be an existing folder", empty_ok=True)


RULES: dict[str, tuple[Rule, ...]] = {
    "n_topics": (at_least(0, "0 (choose) or a positive number of topics"),),
    "smoothing_window": (at_least(1, "a positive number of paragraphs"),),
    "lowpass_components": (at_least(1, "a positive integer"),),
    "n_ranked": (at_least(1, "a positive number of articles"),),
    "boilerplate_min_articles": (at_least(1, "a positive number of articles"),),
    "jobs": (at_least(0, "0 (one per core) or a positive number of processes"),),
    "max_mib": (positive(),),
    "boilerplate_min_share": (positive(), Rule(lambda v: v <= 1, "be a share of the articles, at most 1")),
    "topic_method": (one_of(("nmf", "lda")),),
    "sentiment_scorer": (one_of(("vader", "news")),),
    "mention_tone": (one_of(("fast", "e5")),),
    "time_unit": (one_of(TIME_UNITS, empty="chosen from the date span"),),
    "bbc_dir": (folder(),),
    "validation_dir": (folder(),),
    "reuters_dir": (folder(),),
    "newsmtsc_dir": (folder(),),
    "raw_dir": (folder(),),
    "min_mentions": (at_least(1, "a positive number of mentions"),),
    "actors": (
        Rule(
            lambda v: not str(v).strip().lower().endswith(".csv") or Path(v).is_file(),
            "be actor names separated by commas, or the path of an existing actor-list CSV",
            empty_ok=True,
        ),
    ),
}
"""The notebooks' parameters that have a rule, in the order they are checked; the first broken rule is reported."""


def check(values: Mapping[str, object], rules: Mapping[str, tuple[Rule, ...]] = RULES) -> None:
    """Check parameter values, whichever notebook declares them; ``ValueError`` names the first bad one.

    The build runs this on every notebook's values before anything runs, and the notebooks run it
    in their set-up cell (through :mod:`helpers.report.data` and friends), so a bad value gets the
    same message from ``make report``, papermill and JupyterLab.

    Parameters
    ----------
    values : mapping of str to value
        Parameter values; names without a rule are not checked.
    rules : mapping of str to tuple of Rule, default=RULES
        The rules to apply, in order (the checks that need data pass their own, e.g. ``{**RULES, ...}``).

    >>> check({"smoothing_window": 0})
    Traceback (most recent call last):
    ...
    ValueError: smoothing_window must be a positive number of paragraphs; got 0
    """
    for name, name_rules in rules.items():
        if name in values:
            for rule in name_rules:
                rule.check(name, values[name])
    if values.get("sentiment_scorer") == "news" and not Path(values.get("scorer_training_dir") or "/-").is_dir():
        raise ValueError(
            "sentiment_scorer 'news' needs scorer_training_dir=FOLDER holding the human-rated sets "
            "(e.g. ../shared/validation/vader-ground-truth)"
        )

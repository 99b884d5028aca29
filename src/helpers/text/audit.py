"""The cleaning audit, read by a reviewer: removed lines grouped into runs.

Pure: an audit table (see ``data/processed/README.md``) in, a small table out.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["removal_runs"]


def removal_runs(audit: pd.DataFrame, *, preview_chars: int = 80) -> pd.DataFrame:
    """One article's removed lines as runs: consecutive lines removed for the same reason.

    A whole page's text loses hundreds of menu lines for one reason; a reviewer reads them as
    ``lines 1-84 (84 lines): outside the article: navigation`` with the first words of the run,
    not one row per line (blank lines inside a run do not break it). Columns: ``lines`` (the
    range, as text), ``n_lines``, ``action``, ``reason`` (a duplicate's says which lines it
    repeats) and ``text`` (the run's first words). The full audit keeps every line.

    >>> audit = pd.DataFrame({"line": [1, 2, 3, 4, 5], "text": ["Home", "", "News", "Body.", "Body."],
    ...     "action": ["removed", "blank", "removed", "kept", "removed"], "role": ["", "", "", "body", ""],
    ...     "reason": ["outside the article: navigation", "", "outside the article: navigation", "", "duplicate"],
    ...     "duplicate_of": [None, None, None, None, 4]})
    >>> removal_runs(audit)[["lines", "n_lines", "reason", "text"]].values.tolist()
    [['1-3', 2, 'outside the article: navigation', 'Home / News'], ['5', 1, 'duplicate of line 4', 'Body.']]
    """
    columns = ["lines", "n_lines", "action", "reason", "text"]
    rows = audit[audit["action"] != "blank"].sort_values("line", kind="stable")
    runs: list[dict] = []
    previous = None
    for line, text, action, role, reason, dup in zip(
        rows["line"], rows["text"], rows["action"], rows["role"], rows["reason"], rows["duplicate_of"]
    ):
        removed = action in ("removed", "metadata")
        key = (action, reason or role) if removed else None
        if removed and previous == key and runs:
            run = runs[-1]
        elif removed:
            run = {"first": line, "last": line, "n_lines": 0, "action": action, "reason": reason or role, "texts": [], "dups": []}
            runs.append(run)
        previous = key
        if not removed:
            continue
        run["last"], run["n_lines"] = line, run["n_lines"] + 1
        if sum(map(len, run["texts"])) < preview_chars:
            run["texts"].append(" ".join(str(text).split()))
        if pd.notna(dup):
            run["dups"].append(int(dup))
    out = []
    for run in runs:
        span = f"{run['first']}-{run['last']}" if run["last"] != run["first"] else f"{run['first']}"
        reason = run["reason"]
        if run["dups"]:
            first, last = min(run["dups"]), max(run["dups"])
            reason = f"duplicate of line{'s' if last != first else ''} {first}{f'-{last}' if last != first else ''}"
        preview = " / ".join(t for t in run["texts"] if t)
        if len(preview) > preview_chars:
            preview = preview[:preview_chars].rsplit(" ", 1)[0] + " …"
        out.append({"lines": span, "n_lines": run["n_lines"], "action": run["action"], "reason": reason, "text": preview})
    return pd.DataFrame(out, columns=columns)


def removal_counts(audit: pd.DataFrame) -> pd.DataFrame:
    """Lines removed (or taken as metadata) by reason: columns ``reason`` and ``lines``.

    A line taken as metadata without a reason (the dateline, the headline) counts under its role.

    >>> removal_counts(pd.DataFrame({"action": ["removed", "removed", "kept", "metadata"],
    ...     "reason": ["duplicate", "duplicate", "", ""], "role": ["", "", "body", "dateline"]}))
          reason  lines
    0   dateline      1
    1  duplicate      2
    """
    removed = audit[audit["action"].isin(["removed", "metadata"])]
    reason = removed["reason"].where(removed["reason"] != "", removed["role"])
    return removed.assign(reason=reason).groupby("reason").size().rename("lines").reset_index()

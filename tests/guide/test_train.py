import json

import numpy as np
import pytest

from arcsynth.errors import UsageError
from arcsynth.guide.train import encode_items, read_items, split_by_source
from tests.guide.helpers import write_items


def test_items_are_encoded_with_their_labels(tmp_path):
    path = write_items(tmp_path / "d.jsonl", 6)
    labels = ("flip_h", "replace_color", "color:1", "color:5", "int:0")
    data = encode_items(path, labels)
    assert len(data) == 6
    assert data.labels[0].tolist() == [1, 0, 0, 0, 0]
    assert data.labels[1].tolist() == [0, 1, 1, 1, 0]
    assert data.pairs.shape[1:] == (4, 2, 30, 30)


def test_bad_lines_name_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"train": [{"input": [[1]], "output": [[2]]}]}\nnot json\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.jsonl:2"):
        list(read_items(path))
    path.write_text('{"train": [{"input": [[1, 2], [3]], "output": [[2]]}]}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.jsonl:1: bad grid"):
        encode_items(path, ("a",))


def test_gzip_items_encode_like_plain_ones_and_a_damaged_file_is_a_usage_error(tmp_path):
    import gzip
    plain = write_items(tmp_path / "d.jsonl", 6)
    packed = tmp_path / "d.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    labels = ("flip_h", "replace_color", "color:1", "color:5", "int:0")
    assert np.array_equal(encode_items(packed, labels).labels, encode_items(plain, labels).labels)
    damaged = tmp_path / "damaged.jsonl.gz"
    damaged.write_bytes(packed.read_bytes()[:40])
    with pytest.raises(UsageError, match="damaged.jsonl.gz: cannot read after line"):
        list(read_items(damaged))


def test_heldout_fold_tasks_are_refused(tmp_path):
    splits = pytest.importorskip("arcsynth.guide.splits")
    fold_id = splits.heldout_fold()[0]
    path = write_items(tmp_path / "d.jsonl", 2)
    lines = path.read_text().splitlines()
    item = json.loads(lines[1])
    item["source"] = fold_id
    path.write_text(lines[0] + "\n" + json.dumps(item) + "\n")
    with pytest.raises(UsageError, match="held-out"):
        encode_items(path, ("flip_h",))


def test_validation_split_keeps_sources_apart(tmp_path):
    data = encode_items(write_items(tmp_path / "d.jsonl", 14), ("flip_h",))
    train, val = split_by_source(data, 0.3, seed=0)
    assert len(train) + len(val) == 14 and len(val) > 0
    assert not set(train.sources) & set(val.sources)


def test_training_learns_and_reproduces(tmp_path):
    pytest.importorskip("torch")
    from arcsynth.guide.learned import LearnedPrior
    from arcsynth.guide.train import TrainerConfig, train_guide
    from arcsynth.dsl.registry import default_registry
    path = write_items(tmp_path / "d.jsonl", 40)
    config = TrainerConfig(epochs=6, batch_size=8, learning_rate=2e-2, seed=3)
    logs = [train_guide(path, tmp_path / name, kind="baseline", seed=3, trainer_config=config, val_share=0.0)
            for name in ("one", "two")]
    one = np.load(tmp_path / "one" / "guide.npz")
    two = np.load(tmp_path / "two" / "guide.npz")
    assert all(np.array_equal(one[k], two[k]) for k in one.files)
    history = logs[0]["history"]
    assert history[-1]["loss"] < history[0]["loss"]
    assert (tmp_path / "one" / "checkpoint-006.pt").is_file()
    # The trained guide tells flips from recolorings.
    from tests.guide.helpers import recolor_task
    prior = LearnedPrior.from_file(tmp_path / "one" / "guide.npz", lam=0.5)
    log_probs = prior.log_probs(recolor_task(1, 5), default_registry())
    assert log_probs["replace_color"] > log_probs["flip_h"]


def test_net_trains_one_epoch(tmp_path):
    pytest.importorskip("torch")
    from arcsynth.guide.train import TrainerConfig, train_guide
    path = write_items(tmp_path / "d.jsonl", 12)
    log = train_guide(path, tmp_path / "net", kind="net", trainer_config=TrainerConfig(epochs=1, batch_size=4))
    assert log["parameters"] > 10_000 and (tmp_path / "net" / "guide.npz").is_file()

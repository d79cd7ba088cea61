"""The leakage guard: generation never reads an evaluation task, nor a held-out one.

Evaluation tasks are ARC-AGI-1 evaluation, ARC-AGI-2 evaluation, and the ARC-AGI-2 training
tasks that are either of them (by id, by content, or by sharing an input grid). The checks
below recompute the evaluation fingerprints straight from the datasets rather than trusting
the module's own.
"""

from dataclasses import replace

import pytest

from arcsynth.data import Dataset, load_dataset
from arcsynth.grid import grid_key
from arcsynth.guide import splits
from arcsynth.guide.augment import parse_augmentation
from arcsynth.guide.splits import (LeakageError, check_training_sources, heldout_fold, task_content_hash,
                                   training_tasks)
from arcsynth.guide.synthetic import generate
from arcsynth.task import Pair, Task
from tests.guide.helpers import source_task


def _inputs(task):
    return {grid_key(pair.input) for pair in (*task.train, *task.test)}


@pytest.fixture(scope="module")
def evaluation():
    tasks = [task for name in ("arc1-eval", "arc2-eval") for task in load_dataset(name).tasks]
    return ({t.id for t in tasks}, {task_content_hash(t) for t in tasks},
            set().union(*(_inputs(t) for t in tasks)))


def test_no_training_source_is_an_evaluation_task_by_id_content_or_input_grid(evaluation):
    ids, contents, inputs = evaluation
    for task in training_tasks():
        assert task.id not in ids
        assert task_content_hash(task) not in contents
        assert not _inputs(task) & inputs


def test_arc2_training_tasks_that_are_arc1_evaluation_tasks_are_removed():
    arc1_eval = {t.id for t in load_dataset("arc1-eval").tasks}
    arc2_train = load_dataset("arc2-train").tasks
    overlapping = [t for t in arc2_train if t.id in arc1_eval]
    assert len(overlapping) > 300
    kept = {t.id for t in training_tasks()}
    assert not kept & {t.id for t in overlapping}
    arc2_kept = kept & {t.id for t in arc2_train}
    assert len(arc2_kept) <= len(arc2_train) - len(overlapping)


def test_held_out_tasks_are_never_sources_by_id_content_or_input_grid():
    fold = set(heldout_fold())
    fold_tasks = [t for t in load_dataset("arc1-train").tasks if t.id in fold]
    assert len(fold_tasks) == len(fold)
    contents = {task_content_hash(t) for t in fold_tasks}
    inputs = set().union(*(_inputs(t) for t in fold_tasks))
    for task in training_tasks():
        assert task.id not in fold and task_content_hash(task) not in contents and not _inputs(task) & inputs


def test_generate_refuses_an_evaluation_or_held_out_source():
    evaluation_task = load_dataset("arc1-eval").tasks[0]
    held_out = load_dataset("arc1-train").get(heldout_fold()[0])
    disguised = replace(evaluation_task, id="not-an-eval-id")                  # same content, new id
    for bad in (evaluation_task, held_out, disguised):
        with pytest.raises(LeakageError):
            next(generate(1, 0, (source_task("ok", 1), bad)))
        with pytest.raises(LeakageError):
            check_training_sources([bad])


@pytest.fixture
def fake_datasets(monkeypatch):
    """The four named datasets replaced by small made-up ones, with every kind of overlap."""
    fold_id = heldout_fold()[0]
    eval_a, eval_b = source_task("e0000001", 11), source_task("e0000002", 12)
    held = source_task(fold_id, 13)
    good = [source_task(f"g000000{k}", 20 + k) for k in range(4)]
    same_id = replace(source_task("e0000001", 30), source="arc2")                  # eval id, new grids
    same_content = Task("c0000001", eval_b.test, eval_b.train)                    # eval content, new id
    other = source_task("s0000001", 31)
    shared_input = replace(other, train=(Pair(eval_a.train[0].input, other.train[0].output), *other.train))
    held_copy = Task("h0000001", held.train, held.test)                           # held-out content
    datasets = {
        "arc1-train": [held, good[0], good[1]],
        "arc1-eval": [eval_a],
        "arc2-train": [good[2], good[3], same_id, same_content, shared_input, held_copy, good[0]],
        "arc2-eval": [eval_b],
    }
    loaded = []

    def fake_load(name):
        loaded.append(name)
        return Dataset(name, "fake", tuple(sorted(datasets[name], key=lambda t: t.id)))

    for cached in (splits.training_tasks, splits.evaluation_fingerprints, splits._heldout_fingerprints):
        cached.cache_clear()
    monkeypatch.setattr(splits, "load_dataset", fake_load)
    yield {"good": {t.id for t in good}, "all": datasets, "loaded": loaded}
    for cached in (splits.training_tasks, splits.evaluation_fingerprints, splits._heldout_fingerprints):
        cached.cache_clear()


def test_with_a_fake_loader_only_allowed_tasks_are_sources_and_generation_reads_only_them(fake_datasets):
    sources = training_tasks()
    assert {t.id for t in sources} == fake_datasets["good"]
    by_id = {t.id: t for t in sources}
    items = list(generate(40, 3, sources))
    assert len(items) == 40
    for item in items:
        assert item.source in fake_datasets["good"]
        augmentation = parse_augmentation(item.augment)
        for pair in (*item.task.train, *item.task.test):
            assert grid_key(augmentation.undo(pair.input)) in _inputs(by_id[item.source])
    assert set(fake_datasets["loaded"]) == {"arc1-train", "arc2-train", "arc1-eval", "arc2-eval"}


def test_generation_itself_loads_no_dataset(monkeypatch):
    def refuse(name):
        raise AssertionError(f"generation loaded {name}")
    sources = (source_task("g1", 1), source_task("g2", 2))
    check_training_sources(sources)              # fingerprints loaded (and cached) beforehand
    monkeypatch.setattr(splits, "load_dataset", refuse)
    assert len(list(generate(5, 0, sources))) == 5


def test_the_shipped_expert_items_come_from_training_tasks_only(evaluation):
    # data/expert-round-1-items.jsonl.gz is training data of the shipped guide (weights README).
    from pathlib import Path
    from arcsynth.guide.dataset_io import read_jsonl
    path = Path(__file__).resolve().parents[2] / "data" / "expert-round-1-items.jsonl.gz"
    ids, contents, inputs = evaluation
    allowed = {task.id for task in training_tasks()}
    fold = set(heldout_fold())
    fold_inputs = set().union(*(_inputs(t) for t in load_dataset("arc1-train").tasks if t.id in fold))
    count = 0
    for item in read_jsonl(path):
        count += 1
        assert item.source in allowed and item.source not in fold and item.source not in ids
        assert task_content_hash(item.task) not in contents
        assert not _inputs(item.task) & (inputs | fold_inputs)
    assert count == 14_314

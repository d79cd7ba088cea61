import hashlib
from pathlib import Path

from arcsynth.data import load_dataset
from arcsynth.guide.splits import (FOLD_SIZE, fingerprints_of, fold_from_program_ids, heldout_fold,
                                   task_content_hash, training_tasks)
from arcsynth.task import Pair, Task
from tests.guide.helpers import source_task

PROGRAMS = Path(__file__).resolve().parents[2] / "programs" / "arc1-train"
# sha256 of the stored fold's ids joined by newlines: the fold is fixed once and never recomputed.
FOLD_DIGEST = "449340ae1b140a98356b021f4ef43d34d274398f651d36d8726a630ecb6b7a14"


def test_the_heldout_fold_is_fixed():
    fold = heldout_fold()
    assert len(fold) == FOLD_SIZE == len(set(fold)) and list(fold) == sorted(fold)
    assert hashlib.sha256("\n".join(fold).encode()).hexdigest() == FOLD_DIGEST


def test_the_heldout_fold_is_of_arc1_training_tasks_with_hand_written_programs(training_tasks):
    fold = heldout_fold()
    assert set(fold) <= set(training_tasks)
    with_programs = [task_id for task_id in fold if (PROGRAMS / f"{task_id}.dsl").is_file()]
    assert len(with_programs) >= 80


def test_the_fold_rule_takes_the_smallest_id_hashes():
    ids = [f"{k:08x}" for k in range(300)]
    fold = fold_from_program_ids(ids, size=10)
    ranked = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    assert fold == tuple(sorted(ranked[:10]))
    assert fold_from_program_ids(reversed(ids), size=10) == fold


def test_content_hash_ignores_pair_order_and_id_but_not_grids():
    task = source_task("a", 1)
    pairs = (*task.train, *task.test)
    shuffled = Task("b", tuple(reversed(pairs[1:])), pairs[:1])
    assert task_content_hash(task) == task_content_hash(shuffled)
    changed = Task("a", (Pair(pairs[0].input, pairs[1].output), *pairs[1:-1]), pairs[-1:])
    assert task_content_hash(changed) != task_content_hash(task)


def test_fingerprints_match_by_id_content_or_one_shared_input():
    a, b, c = source_task("a", 1), source_task("b", 2), source_task("c", 3)
    prints = fingerprints_of([a])
    assert prints.matches(a)
    assert prints.matches(Task("a", b.train, b.test))                       # same id
    assert prints.matches(Task("z", a.test, a.train))                       # same content
    assert prints.matches(Task("y", (*c.train[:-1], a.train[1]), c.test))   # one input shared
    assert not prints.matches(b)


def test_training_tasks_are_arc1_training_and_more_from_arc2():
    arc1 = training_tasks(include_arc2=False)
    both = training_tasks()
    arc1_ids = set(load_dataset("arc1-train").ids())
    assert {t.id for t in arc1} <= arc1_ids
    assert len(arc1) >= 400 - FOLD_SIZE - 10
    assert len(both) > len(arc1) + 150
    assert len({t.id for t in both}) == len(both)
    assert len({task_content_hash(t) for t in both}) == len(both)

"""Expert rounds of the per-task prior: the guide network teaches itself from its own searches.

    expert_iteration(["synthetic.jsonl"], "runs/expert", ExpertConfig(rounds=2))

Round r searches every training-split task (guide/splits.py `training_tasks()`: ARC-AGI-1 and
ARC-AGI-2 training minus every evaluation and held-out task) with the guide of round r-1, at a
fixed node budget (a node budget, not CPU seconds, so that a round is the same on any machine),
through the evaluation harness (worker processes, one record per task, resumable). From each
task's record: every attempt's program that reproduces the task's train and test outputs is a
training item on the real task, and every program the search ran (`SearchConfig.keep_samples`
of them) is relabelled in hindsight on the task's own inputs (guide/relabel.py). The guide is
then trained again from scratch on the base synthetic data plus the items of every round so far.
Round 0 trains on the base data alone (or starts from given weights).

Per round, the log says how many training tasks the search solved (every test output right)
with that round's guide: the figure expert iteration is meant to raise. Written under `out_dir`:
round-R/search/ (the harness's run folder), round-R/items.jsonl, round-R/guide.npz and
train-log.json, expert-log.json, and guide.npz (the last round's weights).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable, Sequence, TextIO

from arcsynth.budget import Budget
from arcsynth.data.catalog import NAMED_DATASETS, named_dataset_file
from arcsynth.dsl.registry import default_registry
from arcsynth.errors import UsageError
from arcsynth.evaluate import EvalSettings, RunStore, TaskRecord, evaluate
from arcsynth.guide.dataset_io import write_jsonl
from arcsynth.guide.learned import LearnedPrior
from arcsynth.guide.relabel import HINDSIGHT, SOLVED, relabel_task
from arcsynth.guide.splits import TRAINING_DATASETS, check_training_sources, training_tasks
from arcsynth.search import SearchConfig
from arcsynth.solver.search_solver import SearchSolver
from arcsynth.task import Task

__all__ = ["ExpertConfig", "expert_iteration", "round_items"]


@dataclass(frozen=True)
class ExpertConfig:
    """How many rounds, the search's budget per task, what is kept, and how the guide is trained."""

    rounds: int = 2
    nodes: int = 4000           # search budget per task, in states (the same on any machine)
    samples: int = 24           # programs the search ran, kept per task for hindsight relabelling
    solved_copies: int = 50     # a verified program on a real task counts as this many items (among ~100k synthetic)
    workers: int = 2
    kind: str = "baseline"      # the guide trained each round: baseline (features only) or net
    epochs: int = 8
    seed: int = 0
    base_limit: int | None = None   # read only the first N items of each base data file
    task_limit: int | None = None   # search only the first N training-split tasks (tests, trials)
    final_search: bool = True   # after the last round, search once more to measure its guide


def round_items(tasks: Sequence[Task], records: dict[str, TaskRecord], solved_copies: int = 1) -> tuple[list, dict]:
    """(items, counts) made from one round's task records: verified solutions (repeated
    `solved_copies` times) and hindsight relabellings of the sampled programs."""
    registry = default_registry()
    items = []
    counts = {"tasks_solved": 0, SOLVED: 0, HINDSIGHT: 0}
    for task in tasks:
        record = records.get(task.id)
        if record is None:
            continue
        counts["tasks_solved"] += int(record.score == 1.0)
        solutions = [attempt.program for entry in record.test for attempt in entry.attempts if attempt.program]
        samples = record.stats.get("samples") or []
        for item in relabel_task(task, dict.fromkeys(solutions), samples, registry):
            counts[item.augment] += 1
            items.extend([item] * (solved_copies if item.augment == SOLVED else 1))
    return items, counts


def _train(data: list, out: Path, config: ExpertConfig, progress: TextIO | None) -> dict:
    from arcsynth.guide.train import train_guide   # torch: only here
    return train_guide(data, out, kind=config.kind, epochs=config.epochs, seed=config.seed,
                       progress=progress)


def _encode(path: Path, limit: int | None, progress: TextIO | None):
    from arcsynth.guide.train import encode_items, guide_labels
    return encode_items(path, guide_labels(), limit, progress)


def _search(tasks: Sequence[Task], weights: Path, out: Path, config: ExpertConfig) -> dict[str, TaskRecord]:
    solver = SearchSolver(name="expert-search", prior=LearnedPrior.from_file(weights),
                          config=replace(SearchConfig(), keep_samples=config.samples))
    settings = EvalSettings(budget=Budget(max_nodes=config.nodes), level=f"nodes-{config.nodes}",
                            seed=config.seed, workers=config.workers)
    version = "+".join(named_dataset_file(NAMED_DATASETS[name])[1] for name in TRAINING_DATASETS)
    run = evaluate(tasks, solver, settings, out, data="training-splits", data_version=version,
                   resume=(out / "run.json").exists())
    return RunStore(run.out_dir).read_tasks()


def expert_iteration(base_data: Sequence[str | Path], out_dir: str | Path, config: ExpertConfig,
                     init_weights: str | Path | None = None, tasks: Sequence[Task] | None = None,
                     progress: TextIO | None = None,
                     on_round: Callable[[dict], None] | None = None) -> list[dict]:
    """Run `config.rounds` rounds of search, relabelling and retraining; the per-round log."""
    if config.rounds < 1:
        raise UsageError(f"rounds must be at least 1, got {config.rounds}")
    tasks = tuple(training_tasks() if tasks is None else tasks)[:config.task_limit]
    check_training_sources(tasks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = [Path(path) for path in base_data]
    encoded = [_encode(path, config.base_limit, progress) for path in base]     # once, for every round
    if init_weights is None:
        _train(encoded, out / "round-0", config, progress)
        weights = out / "round-0" / "guide.npz"
    else:
        weights = Path(init_weights)
    made: list = []
    log: list[dict] = []
    for number in range(1, config.rounds + 1):
        folder = out / f"round-{number}"
        records = _search(tasks, weights, folder / "search", config)
        items, counts = round_items(tasks, records, config.solved_copies)
        write_jsonl(items, folder / "items.jsonl")
        if items:
            made.append(_encode(folder / "items.jsonl", None, progress))
        entry = {"round": number, "guide": str(weights), "tasks": len(tasks), **counts, "items": len(items)}
        trained = _train(encoded + made, folder, config, progress)
        entry["val_prim_cost"] = (trained["history"][-1] if trained["history"] else {}).get("val_prim_cost")
        weights = folder / "guide.npz"
        log.append(entry)
        if on_round is not None:
            on_round(entry)
    if config.final_search:
        records = _search(tasks, weights, out / "final" / "search", config)
        entry = {"round": "final", "guide": str(weights), "tasks": len(tasks), **round_items(tasks, records)[1]}
        log.append(entry)
        if on_round is not None:
            on_round(entry)
    shutil.copyfile(weights, out / "guide.npz")
    (out / "expert-log.json").write_text(json.dumps({"config": asdict(config), "base_data": [str(p) for p in base],
                                                     "rounds": log}, indent=1) + "\n", encoding="utf-8")
    return log

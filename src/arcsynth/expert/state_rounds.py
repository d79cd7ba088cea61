"""Expert rounds of the state guide: the value model and the policy over states learn from their own search.

    log = state_rounds("runs/states", StateRoundsConfig(rounds=3))

Round 0 measures the starting weights (`init_policy`, "" for the bundled search/policy_weights.json,
and the bundled search/value_weights.json) on the held-out fold. Round r then
1. searches every training-split task (guide/splits.py `training_tasks()`: ARC-AGI-1 and
   ARC-AGI-2 training minus every evaluation task and the fold) with the weights of round r-1,
   `nodes` states each, and makes each task's traces (traces.py: the program that verifies on
   the train pairs, hindsight relabellings of the programs it ran, a pool of states); a task
   counts as solved when that program is also right on the test outputs (read after the search,
   for the log only);
2. fits a policy (and, with `refit_value`, a value model; else the bundled one stays) on the
   traces of rounds 1..r (state_fit.py);
3. measures them on the held-out fold: the search stops at the first program that fits every
   train pair, `fold_nodes` states per task; found (right on every test output), fitting, and
   the states before the first fit (median, and its ratio to round 0's on tasks both find).
Node budgets, not CPU seconds, so that a round is the same on any machine and under any load.
Worker processes search the tasks; an interrupted run resumes (a round's traces file is
appended a task at a time; a finished round's weights and fold results are read back).

Written under `out_dir`: round-0/fold.json, round-R/traces.jsonl, round-R/value.json,
round-R/policy.json, round-R/fold.json, rounds-log.json, and policy.json (and value.json) of the
last round (`KernelConfig(policy_weights=..., policy_weight=..., value_weights=...)`).
"""

from __future__ import annotations

import json
import shutil
import statistics
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.errors import UsageError
from arcsynth.evaluate import output_solved
from arcsynth.expert.state_fit import StateFitConfig, fit_policy, fit_value
from arcsynth.expert.traces import SOLVED, task_traces, trace_lines
from arcsynth.guide.relabel import HINDSIGHT, solves
from arcsynth.guide.splits import check_training_sources, heldout_fold, training_tasks
from arcsynth.program.text import parse_program
from arcsynth.search import KernelConfig, SearchConfig
from arcsynth.solver.priors import default_prior
from arcsynth.solver.search_solver import SearchSolver
from arcsynth.task import Task

__all__ = ["StateRoundsConfig", "state_rounds", "fold_reach"]


@dataclass(frozen=True)
class StateRoundsConfig:
    """How many rounds, the budgets of a round's search and of the fold's, and how the guide is fitted."""

    rounds: int = 3
    nodes: int = 3000            # search states per training task
    pool_nodes: int = 1500       # states of the kernel run a task's pool of off-path states comes from
    pool: int = 60               # off-path states kept per task
    samples: int = 24            # programs the search ran, relabelled in hindsight
    deep_samples: int = 24       # programs of depth 2+ of the pool run, relabelled too
    policy_weight: float = 1.0   # the policy's weight in every search of the rounds (KernelConfig.policy_weight)
    fold_nodes: int = 4000       # states per fold task, to the first fit
    workers: int = 2
    seed: int = 0
    task_limit: int | None = None   # search only the first N training-split tasks (tests, trials)
    fold_limit: int | None = None   # measure only the first N fold tasks
    init_policy: str = ""        # the policy round 1 searches with ("": the bundled one)
    refit_value: bool = False    # False: the bundled value model stays (fitted on traces it ranks the
                                 # solved paths of held-out tasks worse: AUC 0.86 -> 0.80)
    fit: StateFitConfig = field(default_factory=StateFitConfig)


def _search_config(config: StateRoundsConfig, weights: tuple[str, str], first_fit: bool = False) -> SearchConfig:
    value, policy = weights
    kernel = replace(KernelConfig(), value_weights=value, policy_weights=policy, policy_weight=config.policy_weight)
    if first_fit:
        kernel = replace(kernel, extra_after_solution=0.0, min_extra_nodes=0)
    return SearchConfig(kernel=kernel)


def _task_line(job: tuple) -> dict:
    task, config, weights, number = job
    rng = np.random.default_rng([config.seed, number])
    line = task_traces(task, default_registry(), default_prior(), config.nodes, config.pool_nodes, config.pool,
                       config.samples, config.deep_samples, rng, config=_search_config(config, weights))
    solved = [trace for trace in line["traces"] if trace["kind"] == SOLVED]
    # read after the search, for the log only: `solves` also checks the test outputs the search never saw
    line["test_right"] = bool(solved) and solves(parse_program(solved[0]["program"], default_registry()), task)
    return line


def _fold_task(job: tuple) -> tuple[str, dict]:
    task, config, weights = job
    solver = SearchSolver(prior=default_prior(), config=_search_config(config, weights, first_fit=True),
                          registry=default_registry())
    solution = solver.solve(task.without_test_outputs(), Budget(cpu_seconds=None, max_nodes=config.fold_nodes))
    right = all(output_solved(pair.output, [a.output for a in attempts])
                for pair, attempts in zip(task.test, solution.attempts))
    return task.id, {"found": bool(right), "fits": bool(solution.stats.get("solved_train")),
                     "states": int(solution.stats.get("first_fit_nodes") or solution.nodes)}


def _run(function: Callable, jobs: Sequence[tuple], workers: int) -> Iterator:
    """function(job) for each job, in order, in worker processes when workers > 1."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(function, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(function, jobs, chunksize=1)


def fold_reach(fold: Sequence[Task], config: StateRoundsConfig, weights: tuple[str, str]) -> dict[str, dict]:
    """Per fold task: found, fits, states before the first fit, with these (value, policy) weights."""
    jobs = [(task, config, weights) for task in fold]
    return dict(_run(_fold_task, jobs, config.workers))


def _fold_figures(results: dict[str, dict], baseline: dict[str, dict]) -> dict:
    both = [t for t, r in results.items() if r["found"] and baseline.get(t, {}).get("found")]
    ratios = [results[t]["states"] / max(1, baseline[t]["states"]) for t in both]
    fitting = [r["states"] for r in results.values() if r["fits"]]
    return {"fold_tasks": len(results), "fold_found": sum(r["found"] for r in results.values()),
            "fold_fits": len(fitting),
            "fold_median_states_to_fit": statistics.median(fitting) if fitting else None,
            "fold_states_ratio_vs_round_0": statistics.median(ratios) if ratios else None}


def _summary(line: dict) -> dict:
    """What the log needs of a task line (its grids are not kept in memory)."""
    return {"task": line["task"], "traces": [{"kind": t["kind"]} for t in line["traces"]],
            "test_right": bool(line.get("test_right"))}


def _round_traces(path: Path, tasks: Sequence[Task], config: StateRoundsConfig, weights: tuple[str, str],
                  number: int) -> list[dict]:
    """The round's task lines (traces.py, plus `test_right`), searching only tasks the file lacks."""
    done: dict[str, dict] = {}
    if path.exists():
        kept = []
        for text in path.read_text(encoding="utf-8").splitlines():
            try:
                raw = json.loads(text)
            except json.JSONDecodeError:
                break   # a line cut short by an interruption: it and what follows are searched again
            kept.append(text)
            done[raw["task"]] = _summary(raw)
        path.write_text("".join(text + "\n" for text in kept), encoding="utf-8")
    wanted = [(k, task) for k, task in enumerate(tasks) if task.id not in done]
    jobs = [(task, config, weights, number * 100_000 + k) for k, task in wanted]
    with path.open("a", encoding="utf-8") as out:
        for line in _run(_task_line, jobs, config.workers):
            out.write(json.dumps(line) + "\n")
            out.flush()
            done[line["task"]] = _summary(line)
    return [done[task.id] for task in tasks]


def _write_weights(folder: Path, paths: Sequence[Path], tasks: Sequence[Task], fit: StateFitConfig,
                   refit_value: bool) -> tuple[str, str]:
    """(value, policy) weight files fitted on the traces of `paths` ("" for the value: the bundled one)."""
    value_path, policy_path = folder / "value.json", folder / "policy.json"
    if not (policy_path.exists() and (value_path.exists() or not refit_value)):
        lines = list(trace_lines(list(paths), {task.id: task for task in tasks}))
        trained = {"traces": [str(p) for p in paths], "tasks": len(lines), **asdict(fit)}
        if refit_value:
            value = fit_value(lines, fit).to_json()
            value["trained"] = trained
            value_path.write_text(json.dumps(value) + "\n", encoding="utf-8")
        policy = fit_policy(lines, fit).to_json()
        policy["trained"] = trained
        policy_path.write_text(json.dumps(policy) + "\n", encoding="utf-8")
    return (str(value_path) if refit_value else ""), str(policy_path)


def _cached_fold(path: Path, fold: Sequence[Task], config: StateRoundsConfig, weights: tuple[str, str]) -> dict:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    results = fold_reach(fold, config, weights)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return results


def state_rounds(out_dir: str | Path, config: StateRoundsConfig, tasks: Sequence[Task] | None = None,
                 fold: Sequence[Task] | None = None,
                 on_round: Callable[[dict], None] | None = None) -> list[dict]:
    """Run round 0 (the bundled weights on the fold) and `config.rounds` rounds; the per-round log."""
    if config.rounds < 1:
        raise UsageError(f"rounds must be at least 1, got {config.rounds}")
    tasks = tuple(training_tasks() if tasks is None else tasks)[:config.task_limit]
    check_training_sources(tasks)
    if fold is None:
        by_id = {task.id: task for task in load_dataset("arc1-train").tasks}
        fold = [by_id[task_id] for task_id in heldout_fold()]
    fold = tuple(fold)[:config.fold_limit]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    weights = ("", config.init_policy)   # the bundled value model, the starting policy
    start = config.init_policy or "bundled"
    baseline = _cached_fold(out / "round-0" / "fold.json", fold, config, weights)
    log = [{"round": 0, "weights": start, **_fold_figures(baseline, baseline)}]
    if on_round is not None:
        on_round(log[0])
    traces_files: list[Path] = []
    for number in range(1, config.rounds + 1):
        folder = out / f"round-{number}"
        folder.mkdir(parents=True, exist_ok=True)
        traces_files.append(folder / "traces.jsonl")
        lines = _round_traces(traces_files[-1], tasks, config, weights, number)
        entry = {"round": number, "searched_with": start if number == 1 else f"round-{number - 1}",
                 "tasks": len(tasks),
                 "tasks_fitting": sum(any(t["kind"] == SOLVED for t in line["traces"]) for line in lines),
                 "tasks_solved": sum(bool(line["test_right"]) for line in lines),
                 "solved_traces": sum(t["kind"] == SOLVED for line in lines for t in line["traces"]),
                 "hindsight_traces": sum(t["kind"] == HINDSIGHT for line in lines for t in line["traces"])}
        weights = _write_weights(folder, traces_files, tasks, config.fit, config.refit_value)
        entry.update(_fold_figures(_cached_fold(folder / "fold.json", fold, config, weights), baseline))
        log.append(entry)
        if on_round is not None:
            on_round(entry)
    if weights[0]:
        shutil.copyfile(weights[0], out / "value.json")
    shutil.copyfile(weights[1], out / "policy.json")
    (out / "rounds-log.json").write_text(json.dumps({"config": asdict(config), "rounds": log}, indent=1) + "\n",
                                         encoding="utf-8")
    return log

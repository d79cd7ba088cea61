"""Traces of the system's own search on a training-split task: what the state guide learns from.

    line = task_traces(task, registry, prior, nodes=3000, pool_nodes=1500, pool=60, samples=24,
                       deep_samples=24, rng=np.random.default_rng(0))

For one task outside the held-out fold and every evaluation task (guide/splits.py refuses the
others; programs/ is never read):
1. the search (the given SearchConfig, `keep_samples=samples`) runs under a budget of `nodes`
   states, on the task without its test outputs; its best program that reproduces every train
   output (the search's own verification; test outputs are never used) makes a `solved` trace;
2. the programs the kernel ran (`keep_samples`, or, when the search ended before its kernel ran,
   the same sample of the pool run below), and `deep_samples` programs of depth 2+ of the pool
   run drawn seeded, that fit nothing are relabelled in hindsight (guide/relabel.py: the task's
   own inputs -> what the program produced, informative outputs only), each a `hindsight` trace;
3. a pool of grid states the kernel accepted: the kernel alone with the same costs and config,
   `pool_nodes` states, `pool` states drawn seeded. A trace's negatives are the pool's states off
   its path (the consumer takes them against the trace's own outputs).

A trace's path is every grid state of its program on the train inputs, the input first and the
output excluded, each with the primitives of the steps that read it next (the policy's labels).

One JSON object per task: {"task", "train": n, "nodes", "pool": [state...], "traces": [{"kind",
"program", "outputs" (null: the task's own), "path": [{"states", "next", "depth"}]}]}, a state
being one grid per train pair, a grid written "HxW:digits". `read_traces` reads a file of them back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import numpy as np

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import Registry
from arcsynth.dsl.types import GRID
from arcsynth.grid import Grid
from arcsynth.guide.relabel import HINDSIGHT, relabel_task
from arcsynth.guide.splits import LeakageError, check_training_sources, heldout_fold
from arcsynth.program.interpreter import compile_program
from arcsynth.program.nodes import Program, Ref
from arcsynth.program.text import print_program
from arcsynth.search import SearchConfig, search
from arcsynth.search.core import run_kernel, sample_programs
from arcsynth.search.extract import node_program
from arcsynth.solver.search_solver import cost_model
from arcsynth.task import Task

__all__ = ["SOLVED", "grid_text", "grid_of", "is_grid", "state_key", "program_path", "task_traces", "measured",
           "trace_targets", "trace_lines", "read_traces"]

SOLVED = "solved"


def grid_text(grid: Grid) -> str:
    """A grid as "HxW:digits"."""
    h, w = grid.shape
    return f"{h}x{w}:" + "".join(map(str, grid.ravel().tolist()))


def grid_of(text: str) -> Grid:
    """The grid of `grid_text`."""
    size, _, digits = text.partition(":")
    h, w = (int(n) for n in size.split("x"))
    grid = (np.frombuffer(digits.encode("ascii"), dtype=np.uint8) - 48).reshape(h, w)
    grid.flags.writeable = False
    return grid


def is_grid(value: object) -> bool:
    """An ARC grid: 1..30 a side, colours 0..9 (some primitives make other integer arrays)."""
    return (type(value) is np.ndarray and value.ndim == 2 and 0 < value.shape[0] <= 30 and 0 < value.shape[1] <= 30
            and value.dtype == np.uint8 and int(value.max()) <= 9)


def state_key(states: Sequence[Grid]) -> tuple:
    return tuple((s.shape, s.tobytes()) for s in states)


def program_path(program: Program, inputs: Sequence[Grid], registry: Registry) -> list[dict] | None:
    """The program's grid states on `inputs` (the input first, its output excluded), each with the
    sorted primitives of the steps that read it and its depth; None when the program fails."""
    compiled = compile_program(program, registry)
    try:
        traces = [compiled.trace(x) for x in inputs]
    except Exception:  # a failing program has no path (an EvaluationError, or a primitive's own error)
        return None
    steps = program.steps
    readers: dict[int, set[str]] = {}
    depth = [0] * (len(steps) + 1)
    for k, step in enumerate(steps, 1):
        refs = [a.index for a in step.args if isinstance(a, Ref)]
        depth[k] = 1 + max((depth[r] for r in refs), default=0)
        for r in refs:
            readers.setdefault(r, set()).add(step.primitive)
    path: dict[tuple, dict] = {}
    output_key = state_key([t[-1] for t in traces]) if all(is_grid(t[-1]) for t in traces) else None
    for position in range(len(steps)):   # the output (the last step) is the target, not a state on the way
        states = [t[position] for t in traces]
        if position not in readers or not all(is_grid(s) for s in states):
            continue
        key = state_key(states)
        if key == output_key:
            continue
        entry = path.setdefault(key, {"states": states, "next": set(), "depth": depth[position]})
        entry["next"] |= readers[position]
        entry["depth"] = min(entry["depth"], depth[position])
    return [dict(entry, next=sorted(entry["next"])) for entry in path.values()]


def _trace(kind: str, program: Program, text: str, inputs, outputs, registry) -> dict | None:
    path = program_path(program, inputs, registry)
    if not path:
        return None
    return {"kind": kind, "program": text,
            "outputs": None if outputs is None else [grid_text(o) for o in outputs],
            "path": [{"states": [grid_text(s) for s in p["states"]], "next": p["next"], "depth": p["depth"]}
                     for p in path]}


def task_traces(task: Task, registry: Registry, prior, nodes: int, pool_nodes: int, pool: int, samples: int,
                deep_samples: int, rng: np.random.Generator, probe_cache: dict | None = None,
                config: SearchConfig | None = None) -> dict:
    """One task's line: its solved trace (if the search verified a program on the train pairs),
    its hindsight traces and its pool of off-path grid states."""
    check_training_sources([task])
    hidden = task.without_test_outputs()
    inputs = [p.input for p in task.train]
    costs = cost_model(prior, hidden, registry)
    base = config if config is not None else SearchConfig()
    result = search(hidden, Budget(max_nodes=nodes), costs, registry, dataclasses.replace(base, keep_samples=samples),
                    probe_cache=probe_cache)
    kernel = run_kernel(hidden, registry, costs, Budget(max_nodes=pool_nodes), base)
    n_train = len(task.train)
    grids = [node.values[:n_train] for node in kernel.nodes
             if node.prim is not None and node.type is GRID and all(map(is_grid, node.values[:n_train]))]
    chosen = sorted(rng.choice(len(grids), pool, replace=False)) if len(grids) > pool else range(len(grids))
    line = {"task": task.id, "train": n_train, "nodes": result.stats.nodes,
            "pool": [[grid_text(s) for s in grids[k]] for k in chosen], "traces": []}
    fitting = [c for c in result.candidates if c.fits_all]
    if fitting:
        trace = _trace(SOLVED, fitting[0].program, fitting[0].text, inputs, None, registry)
        if trace is not None:
            line["traces"].append(trace)
    texts = list(result.samples or sample_programs(kernel, samples))
    # keep_samples spreads evenly over the states found, mostly one step deep; deeper programs
    # of the pool run give paths with intermediate states (what the value model learns from).
    deep = [node for node in kernel.nodes if node.type is GRID and node.depth >= 2]
    if deep_samples and deep:
        picked = sorted(rng.choice(len(deep), min(deep_samples, len(deep)), replace=False))
        texts += [print_program(node_program(deep[k])) for k in picked]
    for item in relabel_task(task, [], texts, registry):
        if item.augment == HINDSIGHT:
            outputs = [p.output for p in item.task.train]
            trace = _trace(HINDSIGHT, item.program, print_program(item.program), inputs, outputs, registry)
            if trace is not None:
                line["traces"].append(trace)
    return line


def measured(task_id: str) -> bool:
    """Whether a task is among the fifth of tasks (by the sha256 of its id) that the models trained
    on traces are measured on rather than fitted to (split by task, not by state)."""
    return hashlib.sha256(task_id.encode()).digest()[0] % 5 == 0


def trace_targets(line: dict, trace: dict, tasks: Mapping[str, Task]) -> tuple[list[Grid], list[Grid]]:
    """(train inputs, train outputs) a trace's states are taken against: its task's inputs, and its
    own outputs (hindsight) or the task's."""
    task = tasks[line["task"]]
    inputs = [p.input for p in task.train]
    outputs = trace["outputs"] if trace["outputs"] is not None else [p.output for p in task.train]
    return inputs, outputs


def trace_lines(paths: Sequence[str | Path], tasks: Mapping[str, Task] | None = None
                ) -> Iterator[tuple[dict, Mapping[str, Task]]]:
    """The lines of these traces files (read_traces) with the tasks they are of, by id (default:
    ARC-AGI-1 training); a line of a held-out fold task is refused."""
    if tasks is None:
        tasks = {task.id: task for task in load_dataset("arc1-train").tasks}
    fold = set(heldout_fold())
    for path in paths:
        for line in read_traces(path):
            if line["task"] in fold:
                raise LeakageError(f"{path}: task {line['task']} is in the held-out fold; refused")
            yield line, tasks


def read_traces(path: str | Path) -> Iterator[dict]:
    """The lines of a traces file, grids decoded (outputs None: the task's own train outputs)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            raw["pool"] = [[grid_of(g) for g in state] for state in raw["pool"]]
            for trace in raw["traces"]:
                if trace["outputs"] is not None:
                    trace["outputs"] = [grid_of(g) for g in trace["outputs"]]
                for step in trace["path"]:
                    step["states"] = [grid_of(g) for g in step["states"]]
            yield raw

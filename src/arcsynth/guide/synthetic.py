"""Synthetic tasks: random programs run on real training-split input grids.

Each item takes the input grids of ONE source task (its train and test inputs), maps them all
by one augmentation (a rotation or reflection and a color permutation), draws a short program
(`arcsynth.guide.draw`) and runs it on them. It is kept only when it makes an informative task:

- every run succeeds and gives a valid grid (1..30 per side, colors 0..9);
- the program is not the identity on every pair, and its outputs are not all one grid
  (so the output depends on the input), nor all grids of a single color larger than 1x1
  (those tell only a size, and the steps before them go unseen);
- no step recomputes a grid, mask or array some earlier value already holds on every input
  (a no-op step would teach the guide a primitive the task does not need);
- the program uses its input (guaranteed by the drawer, checked again here);
- its task is not one already produced (content hash over its pairs).

The first 3 or 4 inputs become train pairs and the last one the test pair. The generator reads
only the `sources` it is given; what may be given is `arcsynth.guide.splits.training_tasks()`.

    for item in generate(1000, seed=0, sources=training_tasks()):
        ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.errors import EvaluationError, ProgramError
from arcsynth.grid import Grid, grid_key
from arcsynth.guide.augment import Augmentation, random_augmentation
from arcsynth.guide.dataset_io import read_jsonl, write_jsonl
from arcsynth.guide.draw import DrawSettings, ProgramDrawer
from arcsynth.guide.item import SyntheticItem, item_constants, item_primitives, synthetic_task
from arcsynth.guide.splits import check_training_sources, task_content_hash
from arcsynth.program.guard import apply_primitive
from arcsynth.program.interpreter import arg_value, as_output_grid, compile_program
from arcsynth.program.nodes import Program, Ref, Step
from arcsynth.task import Pair, Task

__all__ = ["SyntheticItem", "GenerationStats", "generate", "item_constants", "item_primitives",
           "uses_input", "reject_reason", "output_reason", "write_jsonl", "read_jsonl", "MIN_INPUTS"]

MIN_INPUTS = 4   # 3 train pairs and 1 test pair at the least


@dataclass
class GenerationStats:
    """Counters of one generation run (filled in by `generate` when given)."""

    drawn: int = 0           # programs the drawer returned
    kept: int = 0            # items yielded
    attempts: int = 0        # draws started (a draw that gets stuck is redrawn)
    steps_run: int = 0       # steps run while drawing
    steps_refused: int = 0   # of which refused (failed, no-op, or no informative output)
    rejected: dict[str, int] = field(default_factory=dict)

    def reject(self, reason: str) -> None:
        """Count one rejected program."""
        self.rejected[reason] = self.rejected.get(reason, 0) + 1


def uses_input(program: Program) -> bool:
    """True when the output depends on the input grid `I` (through the steps it needs)."""
    needed = {len(program.steps)}
    for position in range(len(program.steps), 0, -1):
        if position in needed:
            for arg in program.steps[position - 1].args:
                if isinstance(arg, Ref):
                    if arg.index == 0:
                        return True
                    needed.add(arg.index)
    return False


def _array_key(value: object) -> tuple | None:
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, np.ascontiguousarray(value).tobytes())
    return None


def output_reason(inputs: Sequence[Grid], raw_outputs: Sequence[object]) -> str | None:
    """Why these outputs (one per input) make no informative task, or None when they do."""
    outputs = []
    for raw in raw_outputs:
        try:
            outputs.append(as_output_grid(raw))
        except EvaluationError:
            return "invalid output"
    output_keys = [grid_key(grid) for grid in outputs]
    if all(key == grid_key(grid) for key, grid in zip(output_keys, inputs)):
        return "identity"
    if len(set(output_keys)) == 1:
        return "constant"
    if all(grid.size > 1 and grid.min() == grid.max() for grid in outputs):
        return "uniform"
    return None


def reject_reason(inputs: Sequence[Grid], traces: Sequence[Sequence[object]]) -> str | None:
    """Why the runs of a program (one trace per input: input first, raw output last) make no
    informative task, or None when they do."""
    reason = output_reason(inputs, [trace[-1] for trace in traces])
    if reason is not None:
        return reason
    steps = len(traces[0]) - 1
    for position in range(1, steps + 1):
        if _is_noop(traces, position):
            return "no-op step"
    return None


def _is_noop(traces: Sequence[Sequence[object]], position: int) -> bool:
    """True when step `position` holds, on every input, an array that an earlier value holds."""
    for trace in traces:
        key = _array_key(trace[position])
        if key is None or all(_array_key(trace[k]) != key for k in range(position)):
            return False
    return True


class _StepRunner:
    """A step check (arcsynth.guide.draw.StepCheck) that runs each drawn step on the inputs and
    refuses it when a call fails, when it is a no-op (an array an earlier value holds on every
    input) or, for the last step, when the outputs make no informative task."""

    def __init__(self, grids: Sequence[Grid], registry: Registry, stats: GenerationStats) -> None:
        self.grids = grids
        self.registry = registry
        self.stats = stats
        self.values: list[list[object]] = [[grid] for grid in grids]
        stats.attempts += 1

    def __call__(self, step: Step, is_last: bool) -> bool:
        self.stats.steps_run += 1
        if self._accept(step, is_last):
            return True
        self.stats.steps_refused += 1
        return False

    def _accept(self, step: Step, is_last: bool) -> bool:
        prim = self.registry[step.primitive]
        results = []
        for values in self.values:
            args = [values[arg.index] if isinstance(arg, Ref) else arg_value(arg, self.registry) for arg in step.args]
            try:
                results.append(apply_primitive(prim, args))
            except EvaluationError:
                return False
        if _is_noop([[*values, result] for values, result in zip(self.values, results)], len(self.values[0])):
            return False
        if is_last and output_reason(self.grids, results) is not None:
            return False
        for values, result in zip(self.values, results):
            values.append(result)
        return True


def _source_inputs(task: Task) -> tuple[Grid, ...]:
    """The distinct input grids of a task, train then test, in order."""
    seen: dict[tuple, Grid] = {}
    for pair in (*task.train, *task.test):
        seen.setdefault(grid_key(pair.input), pair.input)
    return tuple(seen.values())


def _run(program: Program, grids: Sequence[Grid], registry: Registry) -> list[tuple[object, ...]] | str:
    try:
        compiled = compile_program(program, registry)
    except ProgramError:
        return "ill-typed"
    traces = []
    for grid in grids:
        try:
            traces.append(compiled.trace(grid))
        except EvaluationError:
            return "error"
    return traces


def generate(n: int, seed: int, sources: Iterable[Task], registry: Registry | None = None,
             op_weights: Mapping[str, float] | None = None, *, programs_per_source: int = 4,
             draw_settings: DrawSettings = DrawSettings(), run_while_drawing: bool = True,
             check_sources: bool = True, stats: GenerationStats | None = None) -> Iterator[SyntheticItem]:
    """Up to `n` distinct informative synthetic items; the same arguments give the same items.

    `sources` are the tasks whose input grids may be used (those with fewer than 4 distinct
    inputs are passed over); `op_weights` weights the primitives drawn (None: uniform; e.g.
    `exp` of a prior's log-probabilities for some task), so a later round can sample from the
    current guide. Each augmented source is tried with
    `programs_per_source` programs before the next one is drawn. With `run_while_drawing` each
    step is run on the inputs as it is drawn and redrawn when it fails or changes nothing, so
    that long programs survive; the whole program is run and checked again at the end.
    With `check_sources` (the default) a source that is an evaluation or held-out task by id,
    content or a shared input grid raises LeakageError before anything is generated.
    """
    registry = default_registry() if registry is None else registry
    sources = tuple(sources)
    if check_sources:
        check_training_sources(sources)
    usable = [(task.id, inputs) for task in sources
              if len(inputs := _source_inputs(task)) >= MIN_INPUTS]
    if n > 0 and not usable:
        raise ValueError(f"no source task has {MIN_INPUTS} distinct input grids")
    stats = GenerationStats() if stats is None else stats
    drawer = ProgramDrawer(registry, op_weights, draw_settings)
    rng = np.random.default_rng(seed)
    seen: set[str] = set()
    kept = 0
    while kept < n:
        source_id, inputs = usable[int(rng.integers(len(usable)))]
        count = min(len(inputs), MIN_INPUTS + int(rng.integers(2)))
        chosen = [inputs[k] for k in rng.permutation(len(inputs))[:count]]
        augmentation = random_augmentation(rng)
        grids = [augmentation.apply(grid) for grid in chosen]
        colors = sorted({int(c) for grid in grids for c in np.unique(grid)})
        for _ in range(programs_per_source):
            item = _attempt(drawer, rng, grids, colors, source_id, augmentation, registry, stats,
                            run_while_drawing)
            if item is None:
                continue
            digest = task_content_hash(item.task)
            if digest in seen:
                stats.reject("duplicate")
                continue
            seen.add(digest)
            kept += 1
            stats.kept += 1
            yield item
            if kept >= n:
                return


def _attempt(drawer: ProgramDrawer, rng: np.random.Generator, grids: Sequence[Grid], colors: Sequence[int],
             source_id: str, augmentation: Augmentation, registry: Registry,
             stats: GenerationStats, run_while_drawing: bool) -> SyntheticItem | None:
    check = (lambda: _StepRunner(grids, registry, stats)) if run_while_drawing else None
    program = drawer.draw(rng, colors, check=check)
    stats.drawn += 1
    if program is None:
        stats.reject("no draw")
        return None
    if not uses_input(program):
        stats.reject("input unused")
        return None
    traces = _run(program, grids, registry)
    if isinstance(traces, str):
        stats.reject(traces)
        return None
    reason = reject_reason(grids, traces)
    if reason is not None:
        stats.reject(reason)
        return None
    outputs = [as_output_grid(trace[-1]) for trace in traces]
    pairs = tuple(Pair(i, o) for i, o in zip(grids, outputs))
    return SyntheticItem(synthetic_task(pairs[:-1], pairs[-1:], source_id), program, source_id, augmentation.name)

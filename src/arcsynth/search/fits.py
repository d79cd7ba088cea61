"""States that fit the train outputs, written as programs, verified and ranked as candidates.

Shared by the enumerations over grid operations (the depth-2 pass and the layers): a state
fitting every train output exactly, or up to one deduced cell-wise color map (written as
color-replacement steps), becomes a `Fit` on its view; `ranked_candidates` maps the fits of
every view back to the task, verifies them there and counts the views agreeing on each prediction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.grid import NUM_COLORS, Grid
from arcsynth.program.nodes import Lit, Program, Ref, Step
from arcsynth.search.cost import CostModel
from arcsynth.search.deduce import color_map_steps, task_facts
from arcsynth.search.result import Candidate
from arcsynth.search.verify import verify_candidate
from arcsynth.search.views import View
from arcsynth.task import Task

__all__ = ["Fit", "fitted_program", "ranked_candidates", "prediction_key"]


@dataclass
class Fit:
    """A program fitting the train pairs of a viewed task, with its test predictions there."""

    program: Program       # on the view
    cost: float
    tests: tuple           # its predictions on the test inputs (of the viewed task)
    origin: str


def fitted_program(steps: list[Step], cost: float, values: Sequence[Grid], targets: Sequence[Grid],
                   replace: Primitive | None, costs: CostModel, origin: str) -> Fit | None:
    """The fit of a state whose per-example `values` (train then test) reach the train `targets`
    exactly, or up to one color map when `replace` (a replace-color primitive) is given; None
    when no color map generalises or can be written."""
    nt = len(targets)
    tests = tuple(values[nt:])
    if any(v.shape != t.shape or not np.array_equal(v, t) for v, t in zip(values, targets)):
        found = None if replace is None else color_map_steps(values, targets)
        if found is None:
            return None
        mapping, replacements = found
        steps = list(steps)
        for source, dest in replacements:
            steps.append(Step(replace.name, (Ref(len(steps)), Lit(source), Lit(dest))))
            cost += (costs.op.get(replace.name, 0.0) + costs.constant_cost("color", source, 0)
                     + costs.constant_cost("color", dest, 0))
        origin = f"{origin}-color-map"
        table = np.arange(NUM_COLORS, dtype=np.uint8)
        for source, dest in mapping.items():
            table[source] = dest
        tests = tuple(table[g] for g in tests)
    return Fit(Program(tuple(steps)), cost, tests, origin)


def prediction_key(candidate: Candidate) -> tuple:
    """The candidate's test predictions as a hashable key."""
    return tuple((p.shape, p.tobytes()) for p in candidate.predictions)


def ranked_candidates(task: Task, registry: Registry, found: Sequence[tuple[View, Sequence[Fit]]],
                      max_candidates: int, expired: Callable[[], bool] | None = None
                      ) -> tuple[tuple[Candidate, ...], dict, list[int]]:
    """(candidates best first, votes per candidate text, fits rejected per view) for the fits
    found on each view: each mapped back to the task's own colors and orientation, kept once per
    prediction with its cheapest program, verified on the task itself (once `expired()` says the
    time is gone, the cheapest verified so far are kept and the rest not run)."""
    facts = task_facts(task)
    entries: list[tuple[float, tuple, int, View, Fit]] = []
    voters: dict[tuple, set[str]] = {}
    for number, (view, fits) in enumerate(found):
        for fit in fits:
            key = tuple((g.shape, g.tobytes()) for g in (view.unapply_prediction(t, pair.input)
                                                          for t, pair in zip(fit.tests, task.test)))
            voters.setdefault(key, set()).add(view.name)
            entries.append((fit.cost + view.cost, key, number, view, fit))
    entries.sort(key=lambda item: item[0])
    rejected = [0] * len(found)
    best: dict[tuple, Candidate] = {}
    for cost, key, number, view, fit in entries:
        if key in best or len(best) >= max_candidates:
            continue
        if best and expired is not None and expired():
            break
        origin = fit.origin if view.is_identity else f"{fit.origin}~{view.name}"
        candidate = verify_candidate(view.wrap_program(fit.program), task, registry, cost, origin, facts)
        if candidate is None or not candidate.fits_all or prediction_key(candidate) != key:
            rejected[number] += 1
            continue
        best[key] = candidate
    ranked = sorted(best.values(), key=Candidate.rank_key)[:max_candidates]
    votes = {c.text: len(voters[prediction_key(c)]) for c in ranked}
    return tuple(ranked), votes, rejected

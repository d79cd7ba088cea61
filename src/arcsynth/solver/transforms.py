"""A first real solver: whole-grid transforms, optionally followed by a learned color map,
tried exhaustively and verified on every train pair. The search solver supersedes it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from arcsynth.budget import Budget
from arcsynth.grid import Grid, is_valid_grid
from arcsynth.solution import Attempt, Solution
from arcsynth.task import Task

__all__ = ["TransformSolver", "WHOLE_GRID_TRANSFORMS"]


def _crop_nonzero(grid: Grid) -> Grid:
    rows = np.flatnonzero(grid.any(axis=1))
    cols = np.flatnonzero(grid.any(axis=0))
    if rows.size == 0:
        return grid
    return grid[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


WHOLE_GRID_TRANSFORMS: tuple[tuple[str, Callable[[Grid], Grid]], ...] = (
    ("identity", lambda g: g),
    ("rot90", lambda g: np.rot90(g, -1)),
    ("rot180", lambda g: np.rot90(g, 2)),
    ("rot270", lambda g: np.rot90(g, 1)),
    ("flip_h", lambda g: g[:, ::-1]),
    ("flip_v", lambda g: g[::-1, :]),
    ("transpose", lambda g: g.T),
    ("antitranspose", lambda g: np.rot90(g, 2).T),
    ("crop_nonzero", _crop_nonzero),
    ("upscale2", lambda g: np.kron(g, np.ones((2, 2), dtype=np.uint8))),
    ("upscale3", lambda g: np.kron(g, np.ones((3, 3), dtype=np.uint8))),
    ("tile2x2", lambda g: np.tile(g, (2, 2))),
    ("tile3x3", lambda g: np.tile(g, (3, 3))),
    ("mirror_h", lambda g: np.hstack([g, g[:, ::-1]])),
    ("mirror_v", lambda g: np.vstack([g, g[::-1, :]])),
    ("mirror_4", lambda g: np.vstack([np.hstack([g, g[:, ::-1]]), np.hstack([g[::-1, :], g[::-1, ::-1]])])),
    ("left_half", lambda g: g[:, : g.shape[1] // 2]),
    ("top_half", lambda g: g[: g.shape[0] // 2, :]),
)


def _learn_color_map(pairs: list[tuple[Grid, Grid]]) -> dict[int, int] | None:
    """A consistent cell-wise color map from transformed inputs to outputs, or None."""
    mapping: dict[int, int] = {}
    for produced, expected in pairs:
        if produced.shape != expected.shape:
            return None
        for source, target in zip(produced.ravel().tolist(), expected.ravel().tolist()):
            if mapping.setdefault(source, target) != target:
                return None
    return mapping


@dataclass(frozen=True)
class TransformSolver:
    """Tries each whole-grid transform, then the same with a color map learned from the pairs."""

    name: str = "transforms"

    def solve(self, task: Task, budget: Budget) -> Solution:
        started = time.process_time()
        found: list[tuple[str, Callable[[Grid], Grid], dict[int, int] | None]] = []
        nodes = 0
        for transform_name, transform in WHOLE_GRID_TRANSFORMS:
            if budget.max_nodes is not None and nodes >= budget.max_nodes:
                break
            if budget.cpu_seconds is not None and time.process_time() - started > budget.cpu_seconds:
                break
            nodes += 1
            produced = [(np.asarray(transform(p.input)), p.output) for p in task.train]
            if all(out.shape == exp.shape and np.array_equal(out, exp) for out, exp in produced):
                found.append((transform_name, transform, None))
                continue
            mapping = _learn_color_map(produced)
            if mapping is not None and any(k != v for k, v in mapping.items()):
                found.append((transform_name, transform, mapping))
        attempts = []
        for pair in task.test:
            answers: list[Attempt] = []
            for transform_name, transform, mapping in found:
                output = np.asarray(transform(pair.input))
                if mapping is not None:
                    if not set(np.unique(output).tolist()) <= mapping.keys():
                        continue
                    output = np.vectorize(mapping.__getitem__, otypes=[np.uint8])(output)
                if not is_valid_grid(output) or any(np.array_equal(output, a.output) for a in answers):
                    continue
                program = transform_name if mapping is None else f"{transform_name} then colors {mapping}"
                answers.append(Attempt(np.ascontiguousarray(output, dtype=np.uint8), program))
                if len(answers) == 2:
                    break
            attempts.append(tuple(answers))
        return Solution(tuple(attempts), nodes=nodes, stats={"programs_found": len(found)})

"""Small tasks for the guide's tests: distinctive grids (data tests; no evaluation task shares them),
and toy tasks and synthetic JSONL files (model, prior and training tests)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from arcsynth.grid import make_grid
from arcsynth.task import Pair, Task


def distinctive_grid(seed: int, height: int = 7, width: int = 9) -> np.ndarray:
    """A random grid of a few colors on 0, different for every seed."""
    rng = np.random.default_rng(1000 + seed)
    cells = rng.choice([0, 0, 0, 1, 2, 3, 5, 8], size=(height, width))
    return make_grid(cells)


def source_task(task_id: str, seed: int, inputs: int = 5) -> Task:
    """A task of `inputs` distinctive input grids (outputs: the inputs flipped)."""
    grids = [distinctive_grid(seed * 10 + k, 6 + k % 3, 8 + k % 2) for k in range(inputs)]
    pairs = tuple(Pair(g, make_grid(g[:, ::-1])) for g in grids)
    return Task(task_id, pairs[:-1], pairs[-1:])


def grid(rows) -> np.ndarray:
    return make_grid(rows)


def recolor_task(source: int = 1, dest: int = 2, task_id: str = "t") -> Task:
    """Every cell of color `source` becomes `dest`, on three small inputs."""
    rng = np.random.default_rng(7)
    pairs = []
    for shape in ((3, 4), (5, 5), (2, 6), (4, 3)):
        x = rng.choice([0, source, 3], size=shape).astype(np.uint8)
        y = np.where(x == source, dest, x).astype(np.uint8)
        pairs.append(Pair(make_grid(x), make_grid(y)))
    return Task(task_id, tuple(pairs[:3]), (Pair(pairs[3].input, None),))


def write_items(path: Path, n: int, seed: int = 0) -> Path:
    """`n` synthetic items of two kinds: flips (primitive 'flip_h') and recolorings ('replace')."""
    rng = np.random.default_rng(seed)
    lines = []
    for k in range(n):
        pairs = []
        kind = k % 2
        for _ in range(3):
            x = rng.integers(0, 4, size=(int(rng.integers(2, 7)), int(rng.integers(2, 7)))).astype(np.uint8)
            y = x[:, ::-1] if kind == 0 else np.where(x == 1, 5, x)
            pairs.append({"input": x.tolist(), "output": np.asarray(y).tolist()})
        lines.append(json.dumps({"program": "", "primitives": ["flip_h"] if kind == 0 else ["replace_color"],
                                 "constants": {"colors": [] if kind == 0 else [1, 5], "ints": []},
                                 "train": pairs, "test": [{"input": pairs[0]["input"]}],
                                 "source": f"src{k % 7}", "augment": "none"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

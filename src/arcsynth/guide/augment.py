"""Augmentations of input grids: the 8 rotations and reflections, and color permutations.

An augmentation is named by text, e.g. `rot90/0315249786`: the geometric transform, then the
permuted color of each color 0..9 (`id/0123456789` changes nothing). `apply` maps a grid
forward and `undo` back, so that a synthetic item can be traced to its source grids.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from arcsynth.grid import Grid, NUM_COLORS

__all__ = ["Augmentation", "GEOMETRIES", "IDENTITY", "random_augmentation", "parse_augmentation"]


def _ro(array: np.ndarray) -> Grid:
    grid = np.ascontiguousarray(array, dtype=np.uint8)
    grid.setflags(write=False)
    return grid


# name -> (forward, inverse)
GEOMETRIES: Mapping[str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]] = \
    MappingProxyType({
        "id": (lambda g: g, lambda g: g),
        "rot90": (lambda g: np.rot90(g, -1), lambda g: np.rot90(g, 1)),
        "rot180": (lambda g: np.rot90(g, 2), lambda g: np.rot90(g, 2)),
        "rot270": (lambda g: np.rot90(g, 1), lambda g: np.rot90(g, -1)),
        "flip_h": (lambda g: g[:, ::-1], lambda g: g[:, ::-1]),
        "flip_v": (lambda g: g[::-1, :], lambda g: g[::-1, :]),
        "transpose": (lambda g: g.T, lambda g: g.T),
        "anti_transpose": (lambda g: np.rot90(g, 2).T, lambda g: np.rot90(g, 2).T),
    })


@dataclass(frozen=True)
class Augmentation:
    """A geometric transform (a key of GEOMETRIES) and a color permutation (new color of each color)."""

    geometry: str
    colors: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.geometry not in GEOMETRIES:
            raise ValueError(f"unknown geometry {self.geometry!r}")
        if sorted(self.colors) != list(range(NUM_COLORS)):
            raise ValueError(f"not a permutation of 0..9: {self.colors!r}")

    @property
    def name(self) -> str:
        """The text form, e.g. `rot90/0315249786`."""
        return f"{self.geometry}/{''.join(str(c) for c in self.colors)}"

    def apply(self, grid: Grid) -> Grid:
        """The augmented grid."""
        table = np.asarray(self.colors, dtype=np.uint8)
        return _ro(table[GEOMETRIES[self.geometry][0](np.asarray(grid))])

    def undo(self, grid: Grid) -> Grid:
        """The grid that `apply` maps to `grid`."""
        inverse = np.argsort(np.asarray(self.colors)).astype(np.uint8)
        return _ro(GEOMETRIES[self.geometry][1](inverse[np.asarray(grid)]))


IDENTITY = Augmentation("id", tuple(range(NUM_COLORS)))


def random_augmentation(rng: np.random.Generator, keep_zero: float = 0.9,
                        permute_colors: float = 0.8) -> Augmentation:
    """A uniformly drawn geometry; with chance `permute_colors` a random color permutation,
    which keeps 0 (the usual background) fixed with chance `keep_zero`."""
    geometry = tuple(GEOMETRIES)[int(rng.integers(len(GEOMETRIES)))]
    if rng.random() >= permute_colors:
        return Augmentation(geometry, tuple(range(NUM_COLORS)))
    if rng.random() < keep_zero:
        colors = (0, *(int(c) for c in 1 + rng.permutation(NUM_COLORS - 1)))
    else:
        colors = tuple(int(c) for c in rng.permutation(NUM_COLORS))
    return Augmentation(geometry, colors)


def parse_augmentation(text: str) -> Augmentation:
    """The augmentation named by `text` (ValueError when it names none)."""
    geometry, _, digits = text.partition("/")
    if not digits.isdigit():
        raise ValueError(f"not an augmentation name: {text!r}")
    return Augmentation(geometry, tuple(int(c) for c in digits))

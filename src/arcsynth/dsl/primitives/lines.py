"""Lines: rays from cells in a direction, full lines through cells, segments joining cells."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import paint_zeros, require_color, shifted, turned_back, turned_down
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Direction, Grid
from arcsynth.dsl.values import freeze


def _is_diagonal(direction: tuple) -> bool:
    drow, dcol = int(direction[0]), int(direction[1])
    if max(abs(drow), abs(dcol)) != 1:
        raise ValueError(f"not a unit direction: {direction}")
    return drow != 0 and dcol != 0


def _diagonal_ray(source: np.ndarray, free: np.ndarray, direction: tuple) -> np.ndarray:
    """Cells reached stepping diagonally from `source` while the cells are `free`."""
    reached = np.zeros_like(source)
    front = source
    for _ in range(max(source.shape)):
        front = shifted(front, int(direction[0]), int(direction[1])) & free
        if not front.any():
            break
        reached |= front
    return reached


def _ray_until_blocked(grid: np.ndarray, source: np.ndarray, direction: tuple) -> np.ndarray:
    """0 cells reached from `source` in `direction` before any non-zero cell."""
    if _is_diagonal(direction):
        return _diagonal_ray(source, grid == 0, direction)
    down, sources = turned_down(grid, direction), turned_down(source, direction)
    index = np.arange(down.shape[0])[:, None]
    last_source = np.maximum.accumulate(np.where(sources, index, -1), axis=0)
    last_colored = np.maximum.accumulate(np.where(down != 0, index, -1), axis=0)
    return turned_back((down == 0) & (last_source >= 0) & (last_source == last_colored), direction)


def _ray_to_edge(grid: np.ndarray, source: np.ndarray, direction: tuple) -> np.ndarray:
    """Cells reached from `source` in `direction` up to the edge, passing over anything."""
    if _is_diagonal(direction):
        return _diagonal_ray(source, np.ones(grid.shape, dtype=bool), direction)
    return turned_back(np.logical_or.accumulate(turned_down(source, direction), axis=0), direction)


def _between_along_rows(source: np.ndarray) -> np.ndarray:
    """Cells with a source cell both at or before and at or after them in their row."""
    return (np.logical_or.accumulate(source, axis=1)
            & np.logical_or.accumulate(source[:, ::-1], axis=1)[:, ::-1])


def _diagonals_through(source: np.ndarray) -> np.ndarray:
    height, width = source.shape
    rows, cols = np.indices((height, width))
    down = np.zeros(height + width, dtype=bool)
    down[(rows - cols)[source] + width] = True
    up = np.zeros(height + width, dtype=bool)
    up[(rows + cols)[source]] = True
    return down[rows - cols + width] | up[rows + cols]


def shoot(grid: Grid, color: Color, direction: Direction) -> Grid:
    """From each cell of one color, a ray of that color over 0 cells until a non-zero cell."""
    return paint_zeros(grid, _ray_until_blocked(grid, grid == color, direction), color)


def shoot_to_edge(grid: Grid, color: Color, direction: Direction) -> Grid:
    """From each cell of one color, a ray of that color to the edge, painting only 0 cells."""
    return paint_zeros(grid, _ray_to_edge(grid, grid == color, direction), color)


def _smeared_down(grid: np.ndarray, direction: tuple) -> np.ndarray:
    """Each 0 cell given the color of the nearest non-zero cell behind it along `direction`."""
    down = turned_down(grid, direction)
    index = np.arange(down.shape[0])[:, None]
    last_colored = np.maximum.accumulate(np.where(down != 0, index, -1), axis=0)
    smeared = np.take_along_axis(down, np.maximum(last_colored, 0), axis=0)
    return turned_back(np.where(last_colored >= 0, smeared, np.uint8(0)), direction)


def _between_pairs(grid: np.ndarray, forward: tuple, backward: tuple) -> np.ndarray:
    before, after = _smeared_down(grid, forward), _smeared_down(grid, backward)
    return np.where((grid == 0) & (before == after), before, grid)


def smear(grid: Grid, direction: Direction) -> Grid:
    """Each 0 cell takes the color of the nearest non-zero cell behind it in a straight direction."""
    return freeze(_smeared_down(grid, direction))


def hlines(grid: Grid, color: Color) -> Grid:
    """A full row of one color through every cell of that color, over 0 cells."""
    return paint_zeros(grid, (grid == color).any(axis=1)[:, None], color)


def vlines(grid: Grid, color: Color) -> Grid:
    """A full column of one color through every cell of that color, over 0 cells."""
    return paint_zeros(grid, (grid == color).any(axis=0)[None, :], color)


def cross_lines(grid: Grid, color: Color) -> Grid:
    """A full row and column of one color through every cell of that color, over 0 cells."""
    source = grid == color
    return paint_zeros(grid, source.any(axis=1)[:, None] | source.any(axis=0)[None, :], color)


def diagonal_lines(grid: Grid, color: Color) -> Grid:
    """Both full diagonals of one color through every cell of that color, over 0 cells."""
    return paint_zeros(grid, _diagonals_through(grid == color), color)


def connect_h(grid: Grid, color: Color) -> Grid:
    """Fill the 0 cells between cells of one color that share a row with that color."""
    return paint_zeros(grid, _between_along_rows(grid == color), color)


def connect_v(grid: Grid, color: Color) -> Grid:
    """Fill the 0 cells between cells of one color that share a column with that color."""
    return paint_zeros(grid, _between_along_rows((grid == color).T).T, color)


def connect_hv(grid: Grid, color: Color) -> Grid:
    """Fill the 0 cells between cells of one color sharing a row or a column with that color."""
    source = grid == color
    return paint_zeros(grid, _between_along_rows(source) | _between_along_rows(source.T).T, color)


def link_h(grid: Grid, color: Color, line: Color) -> Grid:
    """Fill the 0 cells between cells of one color that share a row with the line color."""
    return paint_zeros(grid, _between_along_rows(grid == color), line)


def link_v(grid: Grid, color: Color, line: Color) -> Grid:
    """Fill the 0 cells between cells of one color that share a column with the line color."""
    return paint_zeros(grid, _between_along_rows((grid == color).T).T, line)


def link_hv(grid: Grid, color: Color, line: Color) -> Grid:
    """Fill the 0 cells between cells of one color sharing a row or a column with the line color."""
    source = grid == color
    return paint_zeros(grid, _between_along_rows(source) | _between_along_rows(source.T).T, line)


def connect_pairs_h(grid: Grid) -> Grid:
    """Fill each run of 0 cells in a row whose two ends are cells of one color with that color."""
    return freeze(_between_pairs(grid, (0, 1), (0, -1)))


def connect_pairs_v(grid: Grid) -> Grid:
    """Fill each run of 0 cells in a column whose two ends are cells of one color with that color."""
    return freeze(_between_pairs(grid, (1, 0), (-1, 0)))


def draw_frame(grid: Grid, color: Color) -> Grid:
    """Paint the outer ring of cells one color."""
    out = grid.copy()
    color = require_color(color)
    out[0], out[-1], out[:, 0], out[:, -1] = color, color, color, color
    return freeze(out)


PRIMITIVES = (
    primitive(shoot),
    primitive(shoot_to_edge),
    primitive(smear),
    primitive(hlines),
    primitive(vlines),
    primitive(cross_lines),
    primitive(diagonal_lines, cost=1.5),
    primitive(connect_h),
    primitive(connect_v),
    primitive(connect_hv),
    primitive(link_h, cost=1.5),
    primitive(link_v, cost=1.5),
    primitive(link_hv, cost=1.5),
    primitive(connect_pairs_h),
    primitive(connect_pairs_v),
    primitive(draw_frame, cost=1.5),
)

"""The numpy labelling agrees with a plain breadth-first search on random grids."""

from collections import deque

import numpy as np

from arcsynth.dsl.primitives._components import background, components
from arcsynth.grid import make_grid
from tests.dsl.object_helpers import cells


def _bfs_components(grid, keep, diagonal, multicolor):
    height, width = grid.shape
    steps = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    if diagonal:
        steps += [(1, 1), (1, -1), (-1, 1), (-1, -1)]
    seen = np.zeros(grid.shape, dtype=bool)
    found = []
    for r in range(height):
        for c in range(width):
            if not keep[r, c] or seen[r, c]:
                continue
            seen[r, c] = True
            queue, group = deque([(r, c)]), set()
            while queue:
                y, x = queue.popleft()
                group.add((y, x, int(grid[y, x])))
                for dy, dx in steps:
                    ny, nx = y + dy, x + dx
                    if (0 <= ny < height and 0 <= nx < width and keep[ny, nx] and not seen[ny, nx]
                            and (multicolor or grid[ny, nx] == grid[y, x])):
                        seen[ny, nx] = True
                        queue.append((ny, nx))
            found.append(frozenset(group))
    return found


def test_components_match_breadth_first_search():
    rng = np.random.default_rng(7)
    for trial in range(60):
        height, width = rng.integers(1, 31, size=2)
        grid = make_grid(rng.integers(0, 1 + trial % 4, size=(height, width)))
        keep = grid != background(grid)
        for diagonal in (False, True):
            for multicolor in (False, True):
                objs = components(grid, keep, diagonal, multicolor)
                expected = _bfs_components(grid, keep, diagonal, multicolor)
                assert sorted(map(sorted, (cells(o) for o in objs))) == sorted(map(sorted, expected))
                corners = [(o.top, o.left) for o in objs]
                assert corners == sorted(corners)
                assert all(not o.mask.flags.writeable and not o.colors.flags.writeable for o in objs)

import numpy as np

from arcsynth.guide.augment import GEOMETRIES, IDENTITY, Augmentation, parse_augmentation, random_augmentation
from arcsynth.grid import grid_key
from tests.guide.helpers import distinctive_grid


def test_every_augmentation_is_undone_exactly():
    grid = distinctive_grid(1, 5, 7)
    rng = np.random.default_rng(0)
    for geometry in GEOMETRIES:
        augmentation = Augmentation(geometry, tuple(int(c) for c in rng.permutation(10)))
        out = augmentation.apply(grid)
        assert not out.flags.writeable and out.dtype == np.uint8
        assert np.array_equal(augmentation.undo(out), grid)


def test_the_eight_geometries_are_distinct_and_keep_the_cell_count():
    grid = distinctive_grid(2, 4, 6)
    outs = {grid_key(Augmentation(g, IDENTITY.colors).apply(grid)) for g in GEOMETRIES}
    assert len(GEOMETRIES) == 8 and len(outs) == 8
    assert {shape for shape, _ in outs} == {(4, 6), (6, 4)}


def test_color_permutation_maps_each_color():
    grid = distinctive_grid(3)
    colors = (0, 2, 1, 3, 4, 5, 6, 7, 9, 8)
    out = Augmentation("id", colors).apply(grid)
    assert np.array_equal(out, np.asarray(colors)[grid])


def test_random_augmentations_keep_zero_mostly_and_vary():
    rng = np.random.default_rng(5)
    draws = [random_augmentation(rng) for _ in range(2000)]
    assert sum(a.colors[0] == 0 for a in draws) / len(draws) > 0.9
    assert any(a.colors[0] != 0 for a in draws)
    assert {a.geometry for a in draws} == set(GEOMETRIES)
    assert len({a.colors for a in draws}) > 500


def test_names_parse_back():
    augmentation = Augmentation("rot90", (0, 3, 1, 5, 2, 4, 9, 7, 8, 6))
    assert augmentation.name == "rot90/0315249786"
    assert parse_augmentation(augmentation.name) == augmentation
    assert parse_augmentation(IDENTITY.name) == IDENTITY

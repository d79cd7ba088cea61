import numpy as np
import pytest

from arcsynth.dsl.registry import Registry, primitive
from arcsynth.dsl.types import GRID, MASK, Grid, Mask, Object
from arcsynth.errors import EvaluationError
from arcsynth.grid import make_grid
from arcsynth.program import (Const, Lit, PrimRef, ProgramSampler, Ref, SampleSettings, SamplingError,
                              check_program, value_conforms)
from tests.program.fake_primitives import FAKE_REGISTRY, WELL_BEHAVED_REGISTRY

GRID_VALUE = make_grid([[0, 1, 1], [2, 0, 3]])


def sampler(**settings) -> ProgramSampler:
    return ProgramSampler(FAKE_REGISTRY, SampleSettings(**settings))


def test_programs_type_check_and_respect_max_steps():
    draw = sampler(max_steps=4, max_depth=3)
    rng = np.random.default_rng(1)
    for _ in range(200):
        program = draw.sample_program(rng)
        assert check_program(program, FAKE_REGISTRY)[-1] == GRID
        assert 1 <= len(program) <= 4


def test_same_seed_same_programs():
    draw = sampler()
    first = [draw.sample_program(np.random.default_rng(7)) for _ in range(3)]
    assert first == [draw.sample_program(np.random.default_rng(7)) for _ in range(3)]
    rng = np.random.default_rng(7)
    assert len({draw.sample_program(rng) for _ in range(50)}) > 10


def test_every_leaf_kind_is_drawn():
    draw = sampler(max_depth=2, max_steps=6)
    rng = np.random.default_rng(3)
    kinds = set()
    for _ in range(300):
        for step in draw.sample_program(rng).steps:
            kinds.update(type(arg) for arg in step.args)
    assert kinds == {Ref, Lit, Const, PrimRef}


def test_color_literals_follow_the_hint():
    draw = sampler(color_bias=1.0)
    rng = np.random.default_rng(5)
    colors = {arg.value for _ in range(100)
              for step in draw.sample_program(rng, colors=(6,)).steps if step.primitive in ("paint_all", "where")
              for arg in step.args if isinstance(arg, Lit)}
    assert colors == {6}


def _programs_sharing_a_step(reuse_probability: float) -> int:
    """Of 100 programs, how many use one earlier step's result twice (a reuse; a fresh call would not)."""
    draw = sampler(reuse_probability=reuse_probability, max_depth=3)
    rng = np.random.default_rng(2)
    count = 0
    for program in (draw.sample_program(rng) for _ in range(100)):
        refs = [arg.index for step in program.steps for arg in step.args if isinstance(arg, Ref) and arg.index > 0]
        count += len(refs) > len(set(refs))
    return count


def test_later_steps_reuse_earlier_ones():
    # Every later step refers to earlier ones (straight-line code); only a reuse refers to one twice.
    assert _programs_sharing_a_step(0.0) == 0 < _programs_sharing_a_step(1.0)


def test_build_depth_table():
    draw = sampler()
    assert draw.build_depth[GRID] == 0
    assert draw.build_depth[MASK] == 1  # only `nonzero` makes one
    assert len(draw.callable_primitives()) == len(FAKE_REGISTRY)


def test_sample_call_arguments_have_the_right_types():
    draw = ProgramSampler(WELL_BEHAVED_REGISTRY)
    rng = np.random.default_rng(4)
    prim = FAKE_REGISTRY["where"]
    for _ in range(20):
        call = draw.sample_call(rng, prim)
        values = call.arguments(GRID_VALUE, WELL_BEHAVED_REGISTRY)
        assert [value_conforms(v, t) for v, t in zip(values, prim.arg_types)] == [True, True]


def test_sample_arguments_skips_failing_setups():
    failing = ProgramSampler(Registry([primitive(_no_mask), primitive(_use_mask)]))
    assert failing.sample_arguments(np.random.default_rng(0), "_use_mask", GRID_VALUE) is None
    with pytest.raises(EvaluationError):
        failing.sample_call(np.random.default_rng(0), "_use_mask").arguments(GRID_VALUE, failing.registry)


def test_unbuildable_types_are_left_out():
    registry = Registry([primitive(_needs_object), FAKE_REGISTRY["flip"]])
    draw = ProgramSampler(registry)
    assert [p.name for p in draw.callable_primitives()] == ["flip"]
    with pytest.raises(SamplingError, match="cannot be built"):
        draw.sample_call(np.random.default_rng(0), "_needs_object")
    assert all(s.primitive == "flip" for s in draw.sample_program(np.random.default_rng(0)).steps)


def test_no_grid_primitive_means_no_program():
    with pytest.raises(SamplingError):
        ProgramSampler(Registry([FAKE_REGISTRY["nonzero"]])).sample_program(np.random.default_rng(0))


def test_settings_are_validated():
    with pytest.raises(ValueError):
        SampleSettings(max_depth=0)
    with pytest.raises(ValueError):
        SampleSettings(int_literals=())


def _no_mask(grid: Grid) -> Mask:
    """Always fails."""
    raise ValueError("no mask")


def _use_mask(mask: Mask) -> Grid:
    """Needs a mask."""
    return mask.astype(np.uint8)


def _needs_object(obj: Object) -> Grid:
    """Needs an object, which nothing here makes."""
    return obj.colors

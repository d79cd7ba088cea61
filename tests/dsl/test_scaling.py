import numpy as np
import pytest

from arcsynth.dsl.primitives import scaling as sc
from tests.dsl.helpers import g


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_upscale():
    assert same(sc.upscale(g("12"), 2), g("1122", "1122"))
    with pytest.raises(ValueError):
        sc.upscale(g("12"), 20)


def test_upscale_h():
    assert same(sc.upscale_h(g("12"), 2), g("1122"))


def test_upscale_v():
    assert same(sc.upscale_v(g("12"), 2), g("12", "12"))


def test_downscale():
    assert same(sc.downscale(g("1122", "1122"), 2), g("12"))
    with pytest.raises(ValueError):
        sc.downscale(g("112"), 2)


def test_downscale_majority():
    assert same(sc.downscale_majority(g("1022", "1120"), 2), g("12"))


def test_downscale_nonzero():
    assert same(sc.downscale_nonzero(g("1000", "0000"), 2), g("10"))


def test_scale_to_shape():
    assert same(sc.scale_to_shape(g("12"), g("0000", "0000")), g("1122", "1122"))
    assert same(sc.scale_to_shape(g("1122", "1122"), g("00")), g("12"))


def test_tile():
    assert same(sc.tile(g("12"), 2, 2), g("1212", "1212"))


def test_mirror_tile():
    assert same(sc.mirror_tile(g("12")), g("1221", "1221"))


def test_mirror_hconcat():
    assert same(sc.mirror_hconcat(g("12", "34")), g("1221", "3443"))


def test_mirror_vconcat():
    assert same(sc.mirror_vconcat(g("12")), g("12", "12"))


def test_rotation_tile():
    assert same(sc.rotation_tile(g("12", "34")), g("1231", "3442", "2443", "1321"))


def test_kron():
    mask = np.array([[True, False]])
    assert same(sc.kron(mask, g("12", "30")), g("1200", "3000"))


def test_self_kron():
    assert same(sc.self_kron(g("10", "01")), g("1000", "0100", "0010", "0001"))


def test_self_kron_inverse():
    assert same(sc.self_kron_inverse(g("10", "00")), g("0010", "0000", "1010", "0000"))

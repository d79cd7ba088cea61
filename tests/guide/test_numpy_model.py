import numpy as np
import pytest

from arcsynth.errors import UsageError
from arcsynth.guide.encode import pair_planes, stack_encoded, encode_task
from arcsynth.guide.numpy_model import NumpyGuide, load_weights, save_weights
from tests.guide.helpers import recolor_task


def _batch():
    tasks = [recolor_task(1, 2, "a"), recolor_task(3, 4, "b")]
    pairs, mask, features = stack_encoded([encode_task(t) for t in tasks])
    mask[1, 1:] = 0.0      # the second task with one pair only: padding must not matter
    return pair_planes(pairs), mask, features


@pytest.mark.parametrize("shape", [{"width": 8, "pair_dim": 6, "hidden": 10}, {"width": 0, "pair_dim": 0, "hidden": 0},
                                   {"width": 5, "pair_dim": 4, "hidden": 0}])
def test_numpy_forward_equals_torch(tmp_path, shape):
    torch = pytest.importorskip("torch")
    from arcsynth.guide.model import GuideConfig, GuideNet
    torch.manual_seed(0)
    config = GuideConfig(primitives=("a", "b", "c"), **shape)
    net = GuideNet(config).eval()
    with torch.no_grad():     # non-trivial weights, so that no layer is near zero
        for p in net.parameters():
            p.uniform_(-0.5, 0.5)
    planes, mask, features = _batch()
    with torch.no_grad():
        expected = net(torch.from_numpy(planes), torch.from_numpy(mask), torch.from_numpy(features)).numpy()
    path = tmp_path / "w.npz"
    save_weights(path, {k: v.numpy() for k, v in net.state_dict().items()}, config.to_dict())
    guide = NumpyGuide.load(path)
    got = guide.logits(planes, mask, features)
    assert got.shape == (2, len(config.labels))
    assert np.abs(got - expected).max() < 1e-5
    assert guide.labels == config.labels
    assert guide.num_parameters() == net.num_parameters()


def test_padded_pairs_do_not_change_the_output():
    rng = np.random.default_rng(0)
    config = {"primitives": ["a"], "colors": [0], "ints": [], "width": 3, "pair_dim": 2, "hidden": 0, "n_features": 87}
    params = {"pairs.conv1.weight": rng.normal(size=(3, 23, 3, 3)), "pairs.conv1.bias": rng.normal(size=3),
              "pairs.conv2.weight": rng.normal(size=(3, 3, 3, 3)), "pairs.conv2.bias": rng.normal(size=3),
              "pairs.conv3.weight": rng.normal(size=(3, 3, 3, 3)), "pairs.conv3.bias": rng.normal(size=3),
              "pairs.proj.weight": rng.normal(size=(2, 6)), "pairs.proj.bias": rng.normal(size=2),
              "head.weight": rng.normal(size=(2, 87 + 4)), "head.bias": rng.normal(size=2)}
    guide = NumpyGuide(params, config)
    planes, mask, features = _batch()
    one = guide.logits(planes[1:], mask[1:], features[1:])
    noisy = planes[1:].copy()
    noisy[0, 2:] = rng.random(noisy[0, 2:].shape)      # garbage in the padded slots
    assert np.allclose(one, guide.logits(noisy, mask[1:], features[1:]))


def test_torch_padded_pairs_change_neither_output_nor_gradients():
    torch = pytest.importorskip("torch")
    from arcsynth.guide.model import GuideConfig, GuideNet
    torch.manual_seed(0)
    net = GuideNet(GuideConfig(primitives=("a", "b", "c"), width=4, pair_dim=3, hidden=5))
    planes, mask, features = _batch()
    noisy = planes.copy()
    noisy[1, 1:] = np.random.default_rng(0).random(noisy[1, 1:].shape)   # garbage in the padded slots
    results = []
    for batch_planes in (planes, noisy):
        net.zero_grad()
        out = net(torch.from_numpy(batch_planes), torch.from_numpy(mask), torch.from_numpy(features))
        out.square().sum().backward()
        results.append((out.detach(), [p.grad.clone() for p in net.parameters()]))
    (clean, clean_grads), (dirty, dirty_grads) = results
    assert torch.equal(clean, dirty)
    assert all(torch.equal(a, b) for a, b in zip(clean_grads, dirty_grads))


def test_bad_weights_file_is_a_usage_error(tmp_path):
    path = tmp_path / "bad.npz"
    path.write_bytes(b"not a zip")
    with pytest.raises(UsageError, match="bad.npz"):
        load_weights(path)


def test_shipped_weights_load_and_are_small():
    from arcsynth.guide.learned import bundled_weights_path
    path = bundled_weights_path()
    assert path is not None, "the package ships the guide's weights"
    assert path.stat().st_size < 20 * 2**20
    guide = NumpyGuide.load(path)
    assert guide.num_parameters() < 5_000_000
    from arcsynth.dsl.registry import default_registry
    known = set(guide.config["primitives"])
    assert len(known & set(default_registry())) >= 0.9 * len(default_registry())

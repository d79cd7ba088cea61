import numpy as np

from arcsynth.guide.encode import (FEATURE_NAMES, MAX_PAIRS, N_FEATURES, PAIR_CHANNELS, encode_pairs, encode_task,
                                   pair_planes, task_features)
from arcsynth.task import Pair, Task
from tests.guide.helpers import grid, recolor_task


def test_encoded_shapes_and_pair_mask():
    task = recolor_task()
    encoded = encode_task(task)
    assert encoded.pairs.shape == (MAX_PAIRS, 2, 30, 30) and encoded.pairs.dtype == np.int8
    assert encoded.pair_mask.tolist() == [1.0, 1.0, 1.0, 0.0]
    assert encoded.features.shape == (N_FEATURES,) == (len(FEATURE_NAMES),)
    assert pair_planes(encoded.pairs).shape == (MAX_PAIRS, PAIR_CHANNELS, 30, 30)


def test_planes_hold_one_hots_cell_masks_and_changes():
    x = grid([[1, 0], [0, 2]])
    y = grid([[1, 3], [0, 2]])
    planes = pair_planes(encode_pairs([(x, y)])[0])[0]
    assert planes[1, 0, 0] == 1 and planes[0, 0, 1] == 1 and planes[2, 1, 1] == 1
    assert planes[10 + 3, 0, 1] == 1 and planes[10 + 0, 0, 1] == 0
    assert planes[:10, :2, :2].sum() == 4 and planes[:10].sum() == 4          # nothing outside the grid
    assert planes[20].sum() == 4 and planes[21].sum() == 4
    assert planes[22].tolist()[0][:2] == [0.0, 1.0] and planes[22].sum() == 1  # one cell changed


def test_no_change_plane_when_sizes_differ():
    x = grid([[1, 0], [0, 2]])
    y = grid([[1, 0, 1]])
    planes = pair_planes(encode_pairs([(x, y)])[0])[0]
    assert planes[22].sum() == 0
    assert planes[21].sum() == 3


def test_features_read_colors_added_and_removed():
    features = dict(zip(FEATURE_NAMES, encode_task(recolor_task(1, 2)).features.tolist()))
    assert features["same_shape"] == 1.0
    assert features["added_2"] == 1.0 and features["removed_1"] == 1.0
    assert features["added_1"] == 0.0 and features["removed_2"] == 0.0
    assert features["color_map"] == 1.0


def test_features_never_read_test_outputs():
    task = recolor_task()
    with_output = Task(task.id, task.train, (Pair(task.test[0].input, grid([[9]])),))
    assert np.array_equal(encode_task(task).features, encode_task(with_output).features)
    assert np.array_equal(encode_task(task).pairs, encode_task(with_output).pairs)


def test_test_inputs_count_as_colors():
    task = recolor_task()
    other = Task(task.id, task.train, (Pair(grid([[7, 7]]), None),))
    features = dict(zip(FEATURE_NAMES, task_features([(p.input, p.output) for p in other.train],
                                                    [p.input for p in other.test]).tolist()))
    assert features["test_has_7"] == 1.0 and features["test_in_colors_new"] > 0


def test_crop_and_transform_features():
    x = grid([[1, 2, 0], [3, 4, 0], [0, 0, 0]])
    crop = [(x, grid([[1, 2], [3, 4]]))]
    turn = [(x, grid(np.rot90(x).tolist()))]
    names = list(FEATURE_NAMES)
    assert task_features(crop, [])[names.index("out_in_input")] == 1.0
    assert task_features(turn, [])[names.index("out_is_transform")] == 1.0
    assert task_features(crop, [])[names.index("out_is_transform")] == 0.0

"""Short programs over the object primitives solve real ARC-AGI-1 training tasks (train and test pairs).

These pin the semantics the families were designed for (background, connectivity, reading
order, fills and moves) to tasks that need them; training split only.
"""

import numpy as np
import pytest

from arcsynth.program.interpreter import compile_program
from arcsynth.program.text import parse_program

PROGRAMS = {
    "d5d6de2d": "x1 = objects_4(I)\nx2 = cover_all(I, x1)\nO = fill_holes_all(x2, x1, 3)",
    "00d62c1b": "x1 = enclosed_regions(I)\nO = recolor_objects(I, x1, 4)",
    "be94b721": "x1 = objects_4(I)\nx2 = largest(x1)\nO = obj_grid(x2)",
    "23b5c85d": "x1 = objects_4(I)\nx2 = smallest(x1)\nO = obj_grid(x2)",
    "05f2a901": "x1 = color_object(I, 2)\nx2 = color_object(I, 8)\nO = move_to_touch(I, x1, x2)",
    "42a50994": "x1 = objects_8(I)\nx2 = select_by_size(x1, 1)\nO = cover_all(I, x2)",
    "810b9b61": "x1 = objects_8(I)\nO = recolor_if(I, x1, has_holes, 3)",
    "6d75e8bb": "x1 = foreground(I)\nO = fill_bbox(I, x1, 2)",
    "3aa6fb7a": "x1 = objects_4(I)\nO = fill_bbox_all(I, x1, 1)",
    "4258a5f9": "x1 = objects_4(I)\nO = frame_all(I, x1, 1)",
    "b27ca6d3": "x1 = objects_4(I)\nx2 = select_by_size(x1, 2)\nO = frame_all(I, x2, 3)",
    "39a8645d": "x1 = objects_8(I)\nx2 = most_common_object(x1)\nO = obj_grid(x2)",
    "0b148d64": "x1 = objects_by_color(I)\nx2 = smallest(x1)\nO = crop_to_object(I, x2)",
    "4347f46a": "x1 = objects_4(I)\nO = paint_mapped(I, x1, hollow_object)",
    "56ff96f3": "x1 = objects_by_color(I)\nO = paint_bboxes(I, x1)",
    "08ed6ac7": "x1 = objects_4(I)\nO = color_by_size_rank(I, x1)",
    "445eab21": "x1 = objects_4(I)\nx2 = argmax_by(x1, obj_area)\nx3 = obj_color(x2)\nO = square_of(2, x3)",
    "b230c067": ("x1 = objects_8(I)\nx2 = unique_shape_object(x1)\nx3 = recolor_objects(I, x1, 1)\n"
                 "O = fill_object(x3, x2, 2)"),
    "a48eeaf7": "x1 = objects_4(I)\nx2 = largest(x1)\nO = move_all_to_touch(I, x1, x2)",
    "1c786137": "x1 = objects_4(I)\nx2 = argmax_by(x1, obj_area)\nO = crop_inside_object(I, x2)",
    "88a10436": ("x1 = multicolor_objects_8(I)\nx2 = largest(x1)\nx3 = select_by_size(x1, 1)\n"
                 "O = stamp_centered(I, x2, x3)"),
    "1e0a9b12": "x1 = objects_4(I)\nO = slide_all(I, x1, DOWN)",
    "50cb2852": "x1 = objects_4(I)\nO = fill_inner_all(I, x1, 8)",
    "d631b094": "x1 = objects_except(I, 0)\nx2 = merge_objects(x1)\nx3 = size(x2)\nx4 = obj_color(x2)\nO = row_of(x3, x4)",
    "dc433765": "x1 = color_object(I, 3)\nx2 = color_object(I, 4)\nx3 = direction_to(x1, x2)\nO = move_object(I, x1, x3)",
    "ae4f1146": "x1 = multicolor_objects_4(I)\nx2 = most_cells_of(x1, 1)\nO = obj_grid(x2)",
    "e50d258f": "x1 = multicolor_objects_except(I, 0)\nx2 = most_cells_of(x1, 2)\nO = obj_grid(x2)",
    "8eb1be9a": "x1 = foreground(I)\nx2 = repeat_object(I, x1, UP)\nO = repeat_object(x2, x1, DOWN)",
}


@pytest.mark.parametrize("task_id", sorted(PROGRAMS))
def test_program_solves_training_task(task_id, training_tasks):
    program = compile_program(parse_program(PROGRAMS[task_id]))
    task = training_tasks[task_id]
    for pair in task.train + task.test:
        assert np.array_equal(program.run(pair.input), pair.output)

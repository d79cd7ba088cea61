x1 = objects_except(I, 0)
O = recolor_if(I, x1, is_single_cell, 1)

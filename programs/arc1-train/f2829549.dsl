x1 = split_left_right(I, 2)
O = cells_none(x1, 3)

x1 = split_left_right(I, 2)
O = cells_any(x1, 6)

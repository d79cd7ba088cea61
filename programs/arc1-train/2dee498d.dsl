x1 = split_left_right(I, 3)
O = first_grid(x1)

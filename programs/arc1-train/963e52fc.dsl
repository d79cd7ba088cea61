x1 = grid_height(I)
x2 = hconcat(I, I)
x3 = grid_width(x2)
O = extend_pattern(I, x1, x3)

x1 = shift_grid(I, DOWN)
O = replace_color(x1, 8, 2)

x1 = fill_enclosed(I, 2)
O = replace_color(x1, 0, 3)

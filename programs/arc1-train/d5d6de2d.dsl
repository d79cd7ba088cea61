x1 = fill_enclosed(I, 3)
O = erase_color(x1, 2)

x1 = split_top_bottom(I, 2)
O = cells_none(x1, 2)

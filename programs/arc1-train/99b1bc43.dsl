x1 = split_top_bottom(I, 2)
O = cells_one(x1, 3)

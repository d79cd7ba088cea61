x1 = split_top_bottom(I, 2)
x2 = first_grid(x1)
x3 = last_grid(x1)
O = cells_nor(x2, x3, 3)

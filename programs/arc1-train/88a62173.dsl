x1 = split_blocks(I, 2, 2)
O = odd_grid_out(x1)

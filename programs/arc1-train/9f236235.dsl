x1 = blocks_to_cells(I)
O = flip_h(x1)

x1 = connect_hv(I, 8)
x2 = cells_and(x1, I, 1)
x3 = cells_xor(x1, x2, 3)
O = overlay_grids(I, x3)
